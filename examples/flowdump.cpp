// flowdump [options] [FILE]: the TCP and UDP conversations of a pcap or
// pcapng capture, one line each, counted as `tshark -q -z conv,tcp -z
// conv,udp` counts them: both endpoints (A is the side that sent the
// conversation's first frame), frames and bytes (wire length) each way,
// start and duration, and the server side's port class and service name.
// With no FILE it reads tests/data/flows/ppp-three_http_streams.pcap.
//
//   flowdump capture.pcap            aligned table, human units
//   flowdump --json capture.pcap     one JSON object per conversation
//   flowdump --proto udp --top 5 capture.pcap
//   flowdump --follow 172.16.133.132:54615 capture.pcap
//   flowdump --threads 2 big.pcap    the same output, on two threads
//
// Counting rules (tshark 4.0 with IP reassembly off, as
// ../shared/oracle/tshark_conv.sh runs it): a frame counts once, for the
// innermost TCP or UDP header decode reads (IP-in-IP is followed, UDP
// tunnels such as VXLAN or Teredo are not); a fragmented datagram counts on
// its first fragment only, with that frame's length; a TCP or UDP header
// quoted inside an ICMP error counts for nothing; a frame whose TCP or UDP
// header is cut off counts for nothing.
//
// Bad input (not a capture, truncated, unreadable) is one line on standard
// error and exit code 1, after the conversations read so far are printed.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include <ipwire/capture.hpp>
#include <ipwire/capture_file.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/detail/flow_map.hpp>
#include <ipwire/flow.hpp>
#include <ipwire/service_name.hpp>

#ifndef IPWIRE_FLOWDUMP_DEFAULT_CAPTURE
#define IPWIRE_FLOWDUMP_DEFAULT_CAPTURE "tests/data/flows/ppp-three_http_streams.pcap"
#endif

namespace {

using ipwire::flow_key;

constexpr const char* usage =
    "usage: flowdump [--json] [--proto tcp|udp] [--top N] [--follow ENDPOINT] [--threads N] [FILE]\n"
    "  one line per TCP and UDP conversation of a pcap or pcapng FILE, as tshark -z conv,tcp -z conv,udp\n"
    "  (no FILE: " IPWIRE_FLOWDUMP_DEFAULT_CAPTURE ")\n"
    "  --json            one JSON object per line\n"
    "  --proto tcp|udp   only that protocol\n"
    "  --top N           the N conversations with the most bytes\n"
    "  --follow ENDPOINT the frames of the conversations with that endpoint, in order\n"
    "  --threads N       decode on N threads (same output)\n";

int fail(std::string_view what, std::string_view why) {
    std::fprintf(stderr, "flowdump: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(why.size()), why.data());
    return 1;
}

struct options {
    bool json = false;
    std::optional<ipwire::ip_protocol> proto;
    std::size_t top = 0; // 0: all
    std::optional<ipwire::endpoint> follow;
    unsigned threads = 1;
    const char* file = nullptr;
};

// What stage 1 (decode, any thread) hands stage 2 (count, the flow's thread).
struct frame_info {
    flow_key key;                // canonical
    std::uint64_t hash = 0;      // of key, picks the thread
    std::uint64_t timestamp = 0; // ns since the epoch
    std::uint64_t index = 0;     // frame number from 1
    std::uint32_t wire_length = 0;
    std::uint32_t payload_length = 0;
    std::uint32_t tcp_seq = 0;
    std::uint16_t tcp_flags = 0;
    bool counted = false; // a TCP or UDP frame
    bool forward = false; // key.source() sent it
};

struct conversation {
    std::uint64_t first_index = 0;
    std::uint64_t last_index = 0;
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    std::uint64_t frames[2] = {0, 0}; // [0]: canonical source -> destination
    std::uint64_t bytes[2] = {0, 0};
    std::uint32_t syn_seq[2] = {0, 0}; // the first SYN's sequence number, each way
    bool syn_seen[2] = {false, false};
    bool first_forward = true; // the canonical source sent the first frame
    signed char server = -1;   // 0 canonical source, 1 destination: who got the first SYN
};

// A conversation a reused port pair ended, with its key.
using closed_conversation = std::pair<flow_key, conversation>;

struct follow_line {
    std::uint64_t index;
    std::uint64_t timestamp;
    bool forward; // from the canonical source
    std::uint16_t tcp_flags;
    std::uint32_t payload_length;
    flow_key key;
};

constexpr std::uint16_t syn = 0x002;
constexpr std::uint16_t ack = 0x010;

frame_info make_info(const flow_key& k, const ipwire::capture_record& r, std::uint64_t index,
                     const ipwire::detail::sip_key& key) {
    frame_info f;
    f.index = index;
    f.timestamp = r.timestamp;
    f.wire_length = r.original_length;
    f.counted = true;
    f.forward = k.is_canonical();
    f.key = f.forward ? k : k.reversed();
    f.hash = f.key.hash(key);
    return f;
}

// The TCP or UDP header right after an IP layer that carries a tunnel
// (VXLAN, Geneve: UDP outside, another packet inside).
std::optional<flow_key> outer_flow(const ipwire::ip_packet_view& ip) {
    using ipwire::ip_protocol;
    const auto proto = ip.protocol();
    if (proto != ip_protocol::udp && proto != ip_protocol::tcp) return std::nullopt;
    if (ip.is_fragment() && (ip.is_v4() ? ip.v4().fragment_offset() : ip.v6().fragment_offset()) != 0)
        return std::nullopt;
    const ipwire::ip_address src = ipwire::detail::flow_source(ip);
    const ipwire::ip_address dst = ipwire::detail::flow_destination(ip);
    if (proto == ip_protocol::udp) {
        const auto u = ipwire::udp_datagram_view::parse(ip.payload());
        if (!u) return std::nullopt;
        return flow_key(proto, {src, u->source_port()}, {dst, u->destination_port()});
    }
    const auto t = ipwire::tcp_segment_view::parse(ip.payload());
    if (!t) return std::nullopt;
    return flow_key(proto, {src, t->source_port()}, {dst, t->destination_port()});
}

// Stage 1 for one frame: its innermost TCP or UDP flow in `f`, and the
// flows of the TCP or UDP layers of any tunnel around it in `outer` (tshark
// counts every TCP and UDP layer of a frame).
void inspect(const ipwire::capture_record& r, std::uint64_t index, const ipwire::detail::sip_key& key, frame_info& f,
             std::vector<frame_info>& outer) {
    f = frame_info{};
    const ipwire::decoded_packet p = ipwire::decode(r.data, r.link_type);
    if (p.is_tunnelled()) {
        const auto layers = p.ip_layers();
        for (std::size_t i = 0; i + 1 < layers.size(); ++i)
            if (const auto k = outer_flow(layers[i])) outer.push_back(make_info(*k, r, index, key));
    }
    // TCP and UDP only: flow() also names the flow an ICMP error quotes,
    // which tshark does not count.
    const auto t = p.tcp();
    if (!t && !p.udp()) return;
    const auto flow = p.flow();
    if (!flow) return;
    f = make_info(*flow, r, index, key);
    if (t) {
        f.tcp_flags = t->flags().value();
        f.tcp_seq = t->sequence_number();
    }
    f.payload_length = static_cast<std::uint32_t>(p.payload().size());
}

class counter {
public:
    explicit counter(const options& o) : opt_(o), key_(ipwire::detail::sip_key_from_seed(0x666c6f77U)) {}

    // Stage 2 for one shard: every counted frame whose hash falls on it.
    void count(const std::vector<frame_info>& frames, std::size_t shard, std::size_t shards,
               ipwire::detail::flow_map<conversation>& map, std::vector<follow_line>& follow,
               std::vector<closed_conversation>& closed) const {
        for (const frame_info& f : frames) {
            // The high half picks the thread; the map's slot comes from the low bits.
            if (!f.counted || (f.hash >> 32U) % shards != shard) continue;
            if (opt_.proto && f.key.protocol() != *opt_.proto) continue;
            auto [c, fresh] = map.try_emplace_hashed(f.key, f.hash);
            const int d = f.forward ? 0 : 1;
            const bool opening = (f.tcp_flags & (syn | ack)) == syn;
            // A reused port pair: a SYN with another initial sequence number
            // than the first SYN that way starts a new conversation, as
            // tshark's TCP streams do ("port numbers reused").
            if (!fresh && opening && c->syn_seen[d] && c->syn_seq[d] != f.tcp_seq) {
                closed.emplace_back(f.key, *c);
                *c = conversation{};
                fresh = true;
            }
            if (opening && !c->syn_seen[d]) {
                c->syn_seen[d] = true;
                c->syn_seq[d] = f.tcp_seq;
            }
            // A tunnel's outer layers come after the chunk's frames: the
            // first and last frame go by frame number, not by arrival here.
            if (fresh || f.index < c->first_index) {
                c->first_index = f.index;
                c->start = f.timestamp;
                c->first_forward = f.forward;
            }
            if (fresh || f.index > c->last_index) {
                c->last_index = f.index;
                c->end = f.timestamp;
            }
            ++c->frames[d];
            c->bytes[d] += f.wire_length;
            if (c->server < 0 && opening) c->server = static_cast<signed char>(1 - d);
            if (opt_.follow && (f.key.source() == *opt_.follow || f.key.destination() == *opt_.follow))
                follow.push_back({f.index, f.timestamp, f.forward, f.tcp_flags, f.payload_length, f.key});
        }
    }

    [[nodiscard]] const ipwire::detail::sip_key& key() const noexcept { return key_; }

private:
    const options& opt_;
    ipwire::detail::sip_key key_;
};

// Runs fn(i) for i in [0, n) on n threads (the calling one included).
template <class F>
void parallel(unsigned n, F&& fn) {
    if (n <= 1) return fn(0U);
    std::vector<std::thread> pool;
    pool.reserve(n - 1);
    for (unsigned i = 1; i < n; ++i) pool.emplace_back([&fn, i] { fn(i); });
    fn(0U);
    for (auto& t : pool) t.join();
}

struct result_row {
    flow_key key; // A -> B
    conversation c;
    std::uint64_t frames_ab, bytes_ab, frames_ba, bytes_ba;
    int server; // 0: A, 1: B, -1: unknown
};

std::string human_bytes(std::uint64_t b) {
    char buf[32];
    if (b < 10'000) {
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
    } else if (b < 10'000'000) {
        std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(b) / 1e3);
    } else if (b < 10'000'000'000ULL) {
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(b) / 1e6);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(b) / 1e9);
    }
    return buf;
}

// The server side: the one that received the first SYN, else the side whose
// port is in the lower IANA class (then the lower port).
int server_side(const result_row& r) {
    if (r.server >= 0) return r.server;
    const auto a = r.key.source().port();
    const auto b = r.key.destination().port();
    if (a.classify() != b.classify()) return a.classify() < b.classify() ? 0 : 1;
    return a <= b ? 0 : 1;
}

void print(const std::vector<result_row>& rows, const options& o, std::uint64_t first_timestamp) {
    if (o.json) {
        for (const auto& r : rows) {
            const int s = server_side(r);
            const auto server = s == 0 ? r.key.source() : r.key.destination();
            const auto service = ipwire::service_name(server.port(), r.key.protocol());
            std::printf("{\"proto\":\"%s\",\"a\":\"%s\",\"b\":\"%s\",\"frames_a_to_b\":%llu,\"bytes_a_to_b\":%llu,"
                        "\"frames_b_to_a\":%llu,\"bytes_b_to_a\":%llu,\"start_ns\":%llu,\"duration_ns\":%llu,"
                        "\"server\":\"%s\",\"server_port_class\":\"%s\",\"service\":\"%.*s\"}\n",
                        ipwire::to_string(r.key.protocol()).data(), r.key.source().to_string().c_str(),
                        r.key.destination().to_string().c_str(), static_cast<unsigned long long>(r.frames_ab),
                        static_cast<unsigned long long>(r.bytes_ab), static_cast<unsigned long long>(r.frames_ba),
                        static_cast<unsigned long long>(r.bytes_ba), static_cast<unsigned long long>(r.c.start),
                        static_cast<unsigned long long>(r.c.end > r.c.start ? r.c.end - r.c.start : 0),
                        s == 0 ? "a" : "b", ipwire::to_string(server.port().classify()).data(),
                        static_cast<int>(service.size()), service.data());
        }
        return;
    }
    std::size_t wa = 1, wb = 1;
    for (const auto& r : rows) {
        wa = std::max(wa, r.key.source().to_string().size());
        wb = std::max(wb, r.key.destination().to_string().size());
    }
    const int ia = static_cast<int>(wa), ib = static_cast<int>(wb);
    std::printf("%-5s %-*s     %-*s %8s %10s %8s %10s %12s %10s  %s\n", "proto", ia, "A", ib, "B", "A->B", "bytes",
                "B->A", "bytes", "start (s)", "dur (s)", "server");
    for (const auto& r : rows) {
        const int s = server_side(r);
        const auto server = s == 0 ? r.key.source() : r.key.destination();
        const auto service = ipwire::service_name(server.port(), r.key.protocol());
        std::printf("%-5s %-*s <-> %-*s %8llu %10s %8llu %10s %12.6f %10.4f  %s %s %.*s\n",
                    ipwire::to_string(r.key.protocol()).data(), ia, r.key.source().to_string().c_str(), ib,
                    r.key.destination().to_string().c_str(), static_cast<unsigned long long>(r.frames_ab),
                    human_bytes(r.bytes_ab).c_str(), static_cast<unsigned long long>(r.frames_ba),
                    human_bytes(r.bytes_ba).c_str(),
                    (static_cast<double>(r.c.start) - static_cast<double>(first_timestamp)) / 1e9,
                    static_cast<double>(r.c.end > r.c.start ? r.c.end - r.c.start : 0) / 1e9, s == 0 ? "A" : "B",
                    ipwire::to_string(server.port().classify()).data(),
                    static_cast<int>(service.empty() ? 1 : service.size()), service.empty() ? "-" : service.data());
    }
}

void print_follow(std::vector<follow_line>& lines, const options& o) {
    std::sort(lines.begin(), lines.end(), [](const follow_line& a, const follow_line& b) { return a.index < b.index; });
    for (const auto& l : lines) {
        const auto from = l.forward ? l.key.source() : l.key.destination();
        const auto to = l.forward ? l.key.destination() : l.key.source();
        const bool out = from == *o.follow;
        const auto peer = out ? to : from; // the followed endpoint is printed first
        // "-" for UDP and for a TCP segment with no flag set.
        char flags[ipwire::tcp_flags::max_string_length + 2] = "-";
        if (l.key.protocol() == ipwire::ip_protocol::tcp) {
            char* end = ipwire::tcp_flags(l.tcp_flags).to_chars(flags, flags + sizeof flags - 1).ptr;
            if (end == flags) *end++ = '-';
            *end = '\0';
        }
        if (o.json) {
            std::printf("{\"frame\":%llu,\"time_ns\":%llu,\"proto\":\"%s\",\"from\":\"%s\",\"to\":\"%s\","
                        "\"direction\":\"%s\",\"flags\":\"%s\",\"payload\":%u}\n",
                        static_cast<unsigned long long>(l.index), static_cast<unsigned long long>(l.timestamp),
                        ipwire::to_string(l.key.protocol()).data(), from.to_string().c_str(), to.to_string().c_str(),
                        out ? "out" : "in", flags, l.payload_length);
        } else {
            std::printf("%llu.%09llu %6llu %s %s %s %s %s len=%u\n",
                        static_cast<unsigned long long>(l.timestamp / 1'000'000'000),
                        static_cast<unsigned long long>(l.timestamp % 1'000'000'000),
                        static_cast<unsigned long long>(l.index), ipwire::to_string(l.key.protocol()).data(),
                        o.follow->to_string().c_str(), out ? "->" : "<-", peer.to_string().c_str(), flags,
                        l.payload_length);
        }
    }
}

// Gives back the mapped pages of the records already counted (they stay in
// the page cache), so that memory grows with the conversations, not with
// the file. `done` bytes from `base` are no longer read.
void release(const std::uint8_t* base, std::size_t done, std::size_t& released) {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t upto = done / page * page;
    if (upto <= released) return;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): madvise takes void*; the pages are only dropped
    (void)madvise(const_cast<std::uint8_t*>(base) + released, upto - released, MADV_DONTNEED);
    released = upto;
}

int run_capture(const ipwire::capture_view& capture, const ipwire::capture_file* file, const char* name,
                const options& o) {
    const std::size_t file_size = file != nullptr ? file->size() : 0;
    const bool mapped = file != nullptr && file->mapped();
    std::size_t released = 0;
    const unsigned n = o.threads;
    const counter count(o);
    std::vector<ipwire::detail::flow_map<conversation>> maps;
    maps.reserve(n);
    for (unsigned i = 0; i < n; ++i) maps.emplace_back(count.key());
    std::vector<std::vector<follow_line>> follows(n);
    std::vector<std::vector<closed_conversation>> closed(n);

    const bool progress = file_size > 100'000'000 && isatty(STDERR_FILENO) == 1;
    constexpr std::size_t chunk = 1U << 16U;
    std::vector<ipwire::capture_record> records;
    std::vector<frame_info> frames;
    std::vector<std::vector<frame_info>> outer(n); // tunnels' outer TCP/UDP layers, per stage-1 thread
    records.reserve(chunk);
    std::uint64_t index = 0;
    std::uint64_t first_timestamp = 0;
    auto it = capture.begin();
    const ipwire::detail::sip_key key = count.key();
    while (it != capture.end()) {
        records.clear();
        for (; it != capture.end() && records.size() < chunk; ++it) records.push_back(*it);
        if (index == 0 && !records.empty()) first_timestamp = records.front().timestamp;
        frames.resize(records.size());
        // Stage 1: decode, frames split evenly by position.
        parallel(n, [&](unsigned t) {
            outer[t].clear();
            for (std::size_t i = t; i < records.size(); i += n)
                inspect(records[i], index + i + 1, key, frames[i], outer[t]);
        });
        // Stage 2: count, frames split by their flow's hash (a conversation
        // stays on one thread, which sees its frames in order).
        parallel(n, [&](unsigned t) {
            count.count(frames, t, n, maps[t], follows[t], closed[t]);
            for (const auto& layers : outer) count.count(layers, t, n, maps[t], follows[t], closed[t]);
        });
        index += records.size();
        if (mapped) release(file->bytes().data(), it.offset(), released);
        if (progress) {
            std::fprintf(stderr, "\rflowdump: %zu of %zu MB, %llu frames", it.offset() / 1'000'000,
                         file_size / 1'000'000, static_cast<unsigned long long>(index));
        }
    }
    if (progress) std::fputs("\r\033[K", stderr);

    std::vector<result_row> rows;
    const auto add = [&rows](const flow_key& k, const conversation& c) {
        result_row r{k, c, c.frames[0], c.bytes[0], c.frames[1], c.bytes[1], c.server};
        if (!c.first_forward) {
            r.key = k.reversed();
            std::swap(r.frames_ab, r.frames_ba);
            std::swap(r.bytes_ab, r.bytes_ba);
            if (r.server >= 0) r.server = 1 - r.server;
        }
        rows.push_back(r);
    };
    for (auto& m : maps) m.for_each(add);
    for (const auto& shard : closed)
        for (const auto& [k, c] : shard) add(k, c);
    std::sort(rows.begin(), rows.end(),
              [](const result_row& a, const result_row& b) { return a.c.first_index < b.c.first_index; });
    if (o.top != 0) {
        std::stable_sort(rows.begin(), rows.end(), [](const result_row& a, const result_row& b) {
            return a.bytes_ab + a.bytes_ba > b.bytes_ab + b.bytes_ba;
        });
        if (rows.size() > o.top) rows.resize(o.top);
    }
    if (o.follow) {
        std::vector<follow_line> all;
        for (auto& f : follows) all.insert(all.end(), f.begin(), f.end());
        print_follow(all, o);
    } else {
        print(rows, o, first_timestamp);
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) return fail("standard output", std::strerror(errno));
    if (it.error() != ipwire::errc{}) {
        std::fprintf(stderr, "flowdump: %s: capture ends early at byte %zu: %s\n", name, it.offset(),
                     to_string(it.error()).data());
        return 1;
    }
    return 0;
}

std::optional<std::size_t> number(std::string_view s) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

int run(int argc, char** argv) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--help" || a == "-h") {
            std::fputs(usage, stdout);
            return std::fflush(stdout) == 0 ? 0 : 1;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--proto" && has_value) {
            const std::string_view v = argv[++i];
            if (v == "tcp") {
                o.proto = ipwire::ip_protocol::tcp;
            } else if (v == "udp") {
                o.proto = ipwire::ip_protocol::udp;
            } else {
                return fail(v, "--proto takes tcp or udp");
            }
        } else if (a == "--top" && has_value) {
            const auto v = number(argv[++i]);
            if (!v || *v == 0) return fail(argv[i], "--top takes a positive number");
            o.top = *v;
        } else if (a == "--threads" && has_value) {
            const auto v = number(argv[++i]);
            if (!v || *v == 0 || *v > 256) return fail(argv[i], "--threads takes a number from 1 to 256");
            o.threads = static_cast<unsigned>(*v);
        } else if (a == "--follow" && has_value) {
            const auto e = ipwire::endpoint::parse(argv[++i]);
            if (!e) return fail(argv[i], to_string(e.error()));
            o.follow = *e;
        } else if (a == "--") {
            if (i + 1 < argc) o.file = argv[++i];
            if (i + 1 < argc) return fail(argv[i + 1], "one file at most (flowdump --help prints the usage)");
        } else if (!a.empty() && a[0] == '-') {
            return fail(a, "unknown option or missing value (flowdump --help prints the usage)");
        } else if (o.file != nullptr) {
            return fail(a, "one file at most (flowdump --help prints the usage)");
        } else {
            o.file = argv[i];
        }
    }
    const char* path = o.file != nullptr ? o.file : IPWIRE_FLOWDUMP_DEFAULT_CAPTURE;
    const auto file = ipwire::capture_file::open(path);
    if (!file) return fail(path, std::strerror(file.error_number()));
    const auto capture = file->view();
    if (!capture) return fail(path, to_string(capture.error()));
    return run_capture(*capture, &*file, path, o);
}

} // namespace

int main(int argc, char** argv) {
#if IPWIRE_HAS_EXCEPTIONS
    try {
        return run(argc, argv);
    } catch (const std::exception& e) { // std::bad_alloc, std::system_error from std::thread
        return fail("error", e.what());
    }
#else
    return run(argc, argv);
#endif
}
