// tcp_reassembler (issue 16): hand-built IPv4 TCP segments. A handshake to
// FIN in both directions, out of order, retransmitted, overlapping under
// both policies (conflicts reported), across the 2^32 wrap, holes skipped
// on an ACK, on the connection budget and at close, RST, a reused port,
// idle time-outs, and the total budget checked by a counting upstream.
#include <ipwire/reassembly/tcp_stream.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/tcp.hpp>

#include <doctest/doctest.h>

#if IPWIRE_HAS_REASSEMBLY // not on libc++ before 16: no <memory_resource>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <vector>

using namespace ipwire;

namespace {

using bytes = std::vector<std::uint8_t>;

class counting_upstream final : public std::pmr::memory_resource {
public:
    std::size_t live = 0;
    std::size_t peak = 0;

private:
    void* do_allocate(std::size_t n, std::size_t a) override {
        live += n;
        if (live > peak) peak = live;
        return std::pmr::new_delete_resource()->allocate(n, a);
    }
    void do_deallocate(void* p, std::size_t n, std::size_t a) override {
        live -= n;
        std::pmr::new_delete_resource()->deallocate(p, n, a);
    }
    [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override { return this == &o; }
};

void put16(bytes& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8U);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xFFU);
}
void put32(bytes& b, std::size_t at, std::uint32_t v) {
    put16(b, at, v >> 16U);
    put16(b, at + 2, v & 0xFFFFU);
}

struct host {
    std::uint8_t last_octet;
    std::uint16_t port;
};

// 10.0.0.x:port -> 10.0.0.y:port, IPv4 and TCP headers without options.
bytes segment(host from, host to, std::uint32_t seq, std::uint32_t ack, tcp_flags flags, const std::string& data = {}) {
    // Sized once and the data copied in: g++ 12 -O2 warns (-Warray-bounds, a
    // false positive on vector::insert after a 40-byte allocation; GCC meta-bug 56456).
    bytes b(40 + data.size(), 0);
    b[0] = 0x45;
    put16(b, 2, 40 + data.size());
    b[8] = 64;
    b[9] = 6;
    b[12] = 10;
    b[15] = from.last_octet;
    b[16] = 10;
    b[19] = to.last_octet;
    put16(b, 20, from.port);
    put16(b, 22, to.port);
    put32(b, 24, seq);
    put32(b, 28, ack);
    put16(b, 32, 0x5000U | flags.value());
    put16(b, 34, 65535);
    std::copy(data.begin(), data.end(), b.begin() + 40);
    return b;
}

struct recorder : tcp_stream_events {
    std::string stream[2];
    std::vector<std::uint32_t> holes[2];
    std::vector<std::pair<std::uint32_t, std::uint32_t>> conflicts;
    std::vector<tcp_close_reason> closes;
    std::vector<tcp_stream_info> closed_info;
    std::size_t data_calls = 0;
    void on_data(const tcp_stream_info&, tcp_direction d, bytes_view b) {
        stream[static_cast<std::size_t>(d)].append(b.begin(), b.end());
        ++data_calls;
    }
    void on_hole(const tcp_stream_info&, tcp_direction d, std::uint32_t n) {
        holes[static_cast<std::size_t>(d)].push_back(n);
    }
    void on_conflict(const tcp_stream_info&, tcp_direction, std::uint32_t seq, std::uint32_t n) {
        conflicts.emplace_back(seq, n);
    }
    void on_close(const tcp_stream_info& i, tcp_close_reason r) {
        closes.push_back(r);
        closed_info.push_back(i);
    }
};

template <class R>
void feed(R& r, const bytes& b, std::uint64_t now = 0) {
    const auto ip = ip_packet_view::parse(b).value();
    r.add(ip, tcp_segment_view::parse(ip.payload()).value(), now);
}

constexpr host client{1, 40000};
constexpr host server{2, 80};
const tcp_flags syn = tcp_flags::syn;
const tcp_flags ack = tcp_flags::ack;
const tcp_flags syn_ack = tcp_flags::syn | tcp_flags::ack;
const tcp_flags psh_ack = tcp_flags::psh | tcp_flags::ack;
const tcp_flags fin_ack = tcp_flags::fin | tcp_flags::ack;

// A handshake with ISNs c and s (client 10.0.0.1 is side a).
template <class R>
void handshake(R& r, std::uint32_t c, std::uint32_t s) {
    feed(r, segment(client, server, c, 0, syn));
    feed(r, segment(server, client, s, c + 1, syn_ack));
    feed(r, segment(client, server, c + 1, s + 1, ack));
}

} // namespace

TEST_CASE("tcp_reassembler: SYN to FIN, both directions, in order") {
    recorder rec;
    tcp_reassembler<recorder> r(rec);
    handshake(r, 1000, 5000);
    feed(r, segment(client, server, 1001, 5001, psh_ack, "GET / HTTP/1.0\r\n\r\n"));
    feed(r, segment(server, client, 5001, 1019, psh_ack, "HTTP/1.0 200 OK\r\n"));
    feed(r, segment(server, client, 5018, 1019, psh_ack, "\r\nhello"));
    CHECK(r.connections() == 1);
    feed(r, segment(server, client, 5025, 1019, fin_ack));
    feed(r, segment(client, server, 1019, 5026, fin_ack));
    CHECK(r.connections() == 0); // both FINs, every byte before them delivered
    CHECK(rec.stream[0] == "GET / HTTP/1.0\r\n\r\n");
    CHECK(rec.stream[1] == "HTTP/1.0 200 OK\r\n\r\nhello");
    REQUIRE(rec.closes.size() == 1);
    CHECK(rec.closes[0] == tcp_close_reason::fin);
    CHECK(rec.closed_info[0].client == tcp_direction::a_to_b);
    CHECK(rec.closed_info[0].delivered[0] == 18);
    CHECK(rec.closed_info[0].delivered[1] == 24);
    feed(r, segment(server, client, 5026, 1020, ack)); // the last ACK finds no connection
    CHECK(r.counters().ignored == 1);
    CHECK(r.counters().connections == 1);
    CHECK(r.memory_used() < 1024); // the index's 16 empty slots stay; the connection is gone

    // the client on the higher address: it is side b
    recorder rec2;
    tcp_reassembler<recorder> r2(rec2);
    const host high{9, 40000};
    feed(r2, segment(high, server, 1, 0, syn));
    feed(r2, segment(high, server, 2, 0, ack, "x"));
    r2.close_all();
    REQUIRE(rec2.closed_info.size() == 1);
    CHECK(rec2.closed_info[0].client == tcp_direction::b_to_a);
    CHECK(rec2.stream[1] == "x");
    CHECK(rec2.closes[0] == tcp_close_reason::shutdown);
}

TEST_CASE("tcp_reassembler: out of order and retransmitted, delivered in order once") {
    recorder rec;
    tcp_reassembler<recorder> r(rec);
    handshake(r, 100, 900);
    feed(r, segment(client, server, 111, 901, ack, "CCCCC"));
    feed(r, segment(client, server, 106, 901, ack, "BBBBB"));
    CHECK(rec.stream[0].empty());
    feed(r, segment(client, server, 101, 901, ack, "AAAAA"));
    CHECK(rec.stream[0] == "AAAAABBBBBCCCCC");
    feed(r, segment(client, server, 101, 901, ack, "AAAAA"));      // a retransmission
    feed(r, segment(client, server, 111, 901, ack, "CCCCCDDDDD")); // half old, half new
    CHECK(rec.stream[0] == "AAAAABBBBBCCCCCDDDDD");
    CHECK(r.counters().retransmitted_bytes == 10);
    CHECK(rec.holes[0].empty());
    CHECK(r.memory_used() > 0); // the connection
}

TEST_CASE("tcp_reassembler: overlaps among waiting bytes, by policy, conflicts reported") {
    for (const auto policy : {tcp_overlap_policy::first, tcp_overlap_policy::last}) {
        CAPTURE(to_string(policy));
        recorder rec;
        tcp_reassembler<recorder> r(rec, {.policy = policy});
        handshake(r, 0, 0);
        // waiting: [11, 21) X, then [16, 26) Y overlapping its second half
        feed(r, segment(client, server, 11, 1, ack, "XXXXXXXXXX"));
        feed(r, segment(client, server, 16, 1, ack, "YYYYYYYYYY"));
        // a waiting segment strictly inside, same bytes as the policy keeps: no conflict for 'first'
        feed(r, segment(client, server, 1, 1, ack, "0123456789"));
        const bool first = policy == tcp_overlap_policy::first;
        CHECK(rec.stream[0] == (first ? "0123456789XXXXXXXXXXYYYYY" : "0123456789XXXXXYYYYYYYYYY"));
        REQUIRE(rec.conflicts.size() == 1);
        CHECK(rec.conflicts[0] == std::pair<std::uint32_t, std::uint32_t>(16, 5));
        CHECK(r.counters().conflicting_bytes == 5);
    }
    for (const auto policy : {tcp_overlap_policy::first, tcp_overlap_policy::last}) {
        CAPTURE(to_string(policy));
        recorder rec;
        tcp_reassembler<recorder> r(rec, {.policy = policy});
        handshake(r, 0, 0);
        feed(r, segment(client, server, 11, 1, ack, "XXXXXXXXXX"));     // waits at [11, 21)
        feed(r, segment(client, server, 1, 1, ack, "ZZZZZZZZZZZZZZZ")); // in order [1, 16)
        const bool first = policy == tcp_overlap_policy::first;
        CHECK(rec.stream[0] == (first ? "ZZZZZZZZZZXXXXXXXXXX" : "ZZZZZZZZZZZZZZZXXXXX"));
        CHECK(r.counters().conflicting_bytes == 5);
        // a split under 'last': [30, 40) waits, [33, 35) replaces its middle
        feed(r, segment(client, server, 30, 1, ack, "aaaaaaaaaa"));
        feed(r, segment(client, server, 33, 1, ack, "bb"));
        feed(r, segment(client, server, 21, 1, ack, "---------"));
        CHECK(rec.stream[0].substr(20) == (first ? "---------aaaaaaaaaa" : "---------aaabbaaaaa"));
    }
}

TEST_CASE("tcp_reassembler: sequence numbers wrap past 2^32 (RFC 1982)") {
    recorder rec;
    tcp_reassembler<recorder> r(rec);
    constexpr std::uint32_t isn = 0xFFFFFFF0U;
    handshake(r, isn, 7);
    // bytes 0xFFFFFFF1 .. 0x00000010 in three segments, the middle one across the wrap, last first
    feed(r, segment(client, server, 0x00000005U, 8, ack, "CCCCCCCCCCCC"));
    feed(r, segment(client, server, 0xFFFFFFF1U, 8, ack, "AAAAAAAA"));
    feed(r, segment(client, server, 0xFFFFFFF9U, 8, ack, "BBBBBBBBBBBB"));
    CHECK(rec.stream[0] == "AAAAAAAABBBBBBBBBBBBCCCCCCCCCCCC");
    feed(r, segment(client, server, 0xFFFFFFF9U, 8, ack, "BBBBBBBBBBBB")); // old, across the wrap
    CHECK(rec.stream[0].size() == 32);
    CHECK(r.counters().retransmitted_bytes == 12);
    static_assert(seq_lt(0xFFFFFFFFU, 0U) && !seq_lt(0U, 0xFFFFFFFFU) && seq_le(5U, 5U));
    static_assert(seq_lt(0U, 0x7FFFFFFFU) && !seq_lt(0U, 0x80000000U));
}

TEST_CASE("tcp_reassembler: a lost segment is skipped when the peer acknowledges past it") {
    recorder rec;
    tcp_reassembler<recorder> r(rec);
    handshake(r, 0, 0);
    feed(r, segment(client, server, 1, 1, ack, "0123456789"));
    feed(r, segment(client, server, 21, 1, ack, "KLMNOPQRST")); // [11, 21) never captured
    CHECK(rec.stream[0] == "0123456789");
    feed(r, segment(server, client, 1, 11, ack)); // acknowledges what was seen: still waiting
    CHECK(rec.holes[0].empty());
    feed(r, segment(server, client, 1, 31, ack)); // the peer has it all
    REQUIRE(rec.holes[0].size() == 1);
    CHECK(rec.holes[0][0] == 10);
    CHECK(rec.stream[0] == "0123456789KLMNOPQRST");
    CHECK(r.counters().holes == 1);
    CHECK(r.counters().hole_bytes == 10);
}

TEST_CASE("tcp_reassembler: the connection budget skips the oldest gap; close flushes over holes") {
    recorder rec;
    tcp_reassembler<recorder> r(rec, {.connection_budget = 25});
    handshake(r, 0, 0);
    feed(r, segment(client, server, 11, 1, ack, "aaaaaaaaaa")); // gap [1, 11)
    feed(r, segment(client, server, 31, 1, ack, "bbbbbbbbbb")); // gap [21, 31); 20 bytes wait
    CHECK(rec.stream[0].empty());
    feed(r, segment(client, server, 51, 1, ack, "cccccccccc")); // 30 > 25: skip [1, 11)
    CHECK(rec.stream[0] == "aaaaaaaaaa");
    REQUIRE(rec.holes[0].size() == 1);
    CHECK(rec.holes[0][0] == 10);
    // a FIN after a gap: close_all delivers what waits and reports each hole
    feed(r, segment(client, server, 61, 1, fin_ack));
    r.close_all();
    CHECK(rec.stream[0] == "aaaaaaaaaabbbbbbbbbbcccccccccc");
    CHECK(rec.holes[0] == std::vector<std::uint32_t>{10, 10, 10});
    REQUIRE(rec.closed_info.size() == 1);
    CHECK(rec.closed_info[0].hole_bytes[0] == 30);
    CHECK(rec.closed_info[0].delivered[0] == 30);

    // under 'last' a copy replaces what waits: it adds nothing to the budget
    recorder rec2;
    tcp_reassembler<recorder> r2(rec2, {.policy = tcp_overlap_policy::last, .connection_budget = 25});
    handshake(r2, 0, 0);
    feed(r2, segment(client, server, 11, 1, ack, std::string(20, 'a')));
    feed(r2, segment(client, server, 11, 1, ack, std::string(20, 'b')));
    CHECK(rec2.holes[0].empty());
    feed(r2, segment(client, server, 1, 1, ack, std::string(10, '-')));
    CHECK(rec2.stream[0] == std::string(10, '-') + std::string(20, 'b'));
}

TEST_CASE("tcp_reassembler: RST, a reused port, idle time-out, data after FIN") {
    recorder rec;
    tcp_reassembler<recorder> r(rec, {.idle_timeout = 1000});
    handshake(r, 0, 0);
    feed(r, segment(client, server, 11, 1, ack, "late")); // waits
    feed(r, segment(server, client, 1, 1, tcp_flags::rst | ack));
    CHECK(r.connections() == 0);
    CHECK(rec.closes == std::vector<tcp_close_reason>{tcp_close_reason::rst});
    CHECK(rec.holes[0] == std::vector<std::uint32_t>{10}); // flushed at the reset
    CHECK(rec.stream[0] == "late");

    handshake(r, 50, 60);
    feed(r, segment(client, server, 51, 61, ack, "one"));
    feed(r, segment(client, server, 9000, 0, syn)); // same ports, a new ISN
    CHECK(rec.closes.back() == tcp_close_reason::reused);
    CHECK(r.connections() == 1);
    feed(r, segment(client, server, 9001, 0, ack, "two"), 10);
    CHECK(rec.stream[0] == "lateonetwo");
    r.expire(1009);
    CHECK(r.connections() == 1);
    r.expire(1010);
    CHECK(r.connections() == 0);
    CHECK(rec.closes.back() == tcp_close_reason::timeout);

    handshake(r, 0, 0);
    feed(r, segment(client, server, 1, 1, fin_ack, "end"));
    feed(r, segment(client, server, 4, 1, ack, "more")); // past the FIN
    CHECK(r.counters().after_fin_bytes == 4);
    CHECK(rec.stream[0] == "lateonetwoend");
    CHECK(r.counters().closes(tcp_close_reason::rst) == 1);
}

TEST_CASE("tcp_reassembler: the total budget holds, least recently active evicted first") {
    counting_upstream upstream;
    {
        constexpr std::size_t budget = 16384;
        recorder rec;
        tcp_reassembler<recorder> r(rec, {.memory_budget = budget}, &upstream);
        const std::string chunk(1000, 'w');
        for (std::uint16_t i = 0; i < 40; ++i) {
            const host c{1, static_cast<std::uint16_t>(10000 + i)};
            feed(r, segment(c, server, 0, 0, syn));
            feed(r, segment(c, server, 101, 0, ack, chunk)); // waits behind a 100-byte gap
            CHECK(r.memory_used() <= budget);
            CHECK(upstream.live == r.memory_used());
        }
        CHECK(upstream.peak <= budget);
        REQUIRE(!rec.closed_info.empty());
        CHECK(rec.closed_info.size() + r.connections() == 40);
        for (std::size_t i = 0; i < rec.closed_info.size(); ++i) {
            CHECK(rec.closes[i] == tcp_close_reason::evicted);
            CHECK(rec.closed_info[i].key.source().port().value() == 10000 + i);
            CHECK(rec.closed_info[i].hole_bytes[0] == 100); // its waiting bytes still delivered
            CHECK(rec.closed_info[i].delivered[0] == 1000);
        }
        // one segment larger than the budget: no room to wait, delivered over its hole
        const host big{1, 9};
        feed(r, segment(big, server, 0, 0, syn));
        const std::string huge(20000, 'h');
        feed(r, segment(big, server, 11, 0, ack, huge));
        CHECK(upstream.peak <= budget);
        CHECK(r.counters().hole_bytes >= 10);
    }
    CHECK(upstream.live == 0);
}

// ---------------------------------------------------------------------------
// Against tshark (when it is installed): for every capture of
// ../shared/captures, fragments defragmented by ip_reassembler and segments
// reassembled by tcp_reassembler, each direction's bytes equal
// `tshark -q -z follow,tcp,raw,N` for every stream N, matched by endpoints
// (a 4-tuple used twice is compared as the concatenation of its streams).
#if defined(__unix__) && defined(IPWIRE_SHARED_DIR)
#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/reassembly/ip_fragments.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

namespace {

using key_bytes = std::string; // flow_key::to_string() of the canonical key
struct two_ways {
    std::string way[2];
};

struct follower : tcp_stream_events {
    std::map<key_bytes, two_ways> streams;
    void on_data(const tcp_stream_info& i, tcp_direction d, bytes_view b) {
        streams[i.key.to_string()].way[static_cast<std::size_t>(d)].append(b.begin(), b.end());
    }
};

std::string run(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r"); // NOLINT(cert-env33-c): a fixed tshark command line in a test
    if (p == nullptr) return out;
    std::array<char, 65536> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), p)) != 0;) out.append(buffer.data(), n);
    pclose(p);
    return out;
}

std::string unhex(std::string_view h) {
    std::string out;
    const auto digit = [](char c) { return static_cast<unsigned>(c <= '9' ? c - '0' : c - 'a' + 10); };
    for (std::size_t i = 0; i + 1 < h.size(); i += 2)
        out.push_back(static_cast<char>(digit(h[i]) << 4U | digit(h[i + 1])));
    return out;
}

// tshark's streams 0 to count - 1 of one capture, in one tshark run (one -z
// per stream; a stream that does not exist prints no endpoints), by
// canonical key: node 0's bytes are the lines without a leading tab, node
// 1's those with one.
std::map<key_bytes, two_ways> tshark_streams(const std::string& file, std::size_t count) {
    std::string command = "tshark -r '" + file + "' -q";
    for (std::size_t n = 0; n < count; ++n) command += " -z follow,tcp,raw," + std::to_string(n);
    const std::string text = run(command + " 2>/dev/null");
    std::map<key_bytes, two_ways> out;
    std::optional<endpoint> node[2];
    two_ways data;
    const auto finish = [&] {
        if (node[0] && node[1]) {
            const flow_key k(ip_protocol::tcp, *node[0], *node[1]);
            two_ways& t = out[k.canonical().to_string()];
            const std::size_t a = k.is_canonical() ? 0 : 1; // node 0's side
            t.way[a] += data.way[0];
            t.way[1 - a] += data.way[1];
        }
        node[0].reset();
        node[1].reset();
        data = {};
    };
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + at, end - at);
        at = end + 1;
        if (line.substr(0, 7) == "Follow:") finish();
        for (std::size_t i = 0; i < 2; ++i) {
            const std::string prefix = "Node " + std::to_string(i) + ": ";
            if (line.substr(0, prefix.size()) == prefix)
                if (const auto e = endpoint::parse(line.substr(prefix.size()))) node[i] = *e;
        }
        if (line.empty() || line.find_first_not_of("0123456789abcdef\t") != std::string_view::npos) continue;
        const bool second = line[0] == '\t';
        data.way[second ? 1 : 0] += unhex(second ? line.substr(1) : line);
    }
    finish();
    return out;
}

std::map<key_bytes, two_ways> ipwire_streams(const std::string& file, std::size_t& connections) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const bytes_view whole(reinterpret_cast<const std::uint8_t*>(contents.data()), contents.size());
    follower f;
    const auto capture = capture_view::parse(whole);
    if (!capture) return {};
    ip_reassembler defrag;
    tcp_reassembler<follower> r(f);
    for (auto it = capture->begin(); it != capture->end(); ++it) {
        decoded_packet d = decode(*it);
        if (const auto ip = d.ip(); ip && ip->is_fragment()) {
            const auto out = defrag.add(*ip, it->timestamp);
            if (out.status != ip_fragment_status::reassembled) continue;
            d = decode(out.datagram, link_type::raw);
        }
        if (const auto ip = d.ip(); ip && d.tcp()) r.add(*ip, *d.tcp(), it->timestamp);
    }
    r.close_all();
    connections = static_cast<std::size_t>(r.counters().connections);
    return f.streams;
}

} // namespace

// Two captures by default (HTTP over IPv4, and over IPv6 with atomic
// fragments: 6 streams); every capture with IPWIRE_TSHARK_ALL=1 set, since
// tshark takes a second or more per file (all 56 streams agreed when written).
TEST_CASE("tcp_reassembler: streams of ../shared/captures against tshark -z follow,tcp,raw") {
    if (run("command -v tshark").empty()) {
        MESSAGE("tshark not found: comparison skipped");
        return;
    }
    const std::filesystem::path dir = std::filesystem::path(IPWIRE_SHARED_DIR) / "captures";
    std::vector<std::filesystem::path> files = {dir / "ppp-three_http_streams.pcap",
                                                dir / "zeek-ipv6-http-atomic-frag.pcap"};
    if (std::getenv("IPWIRE_TSHARK_ALL") != nullptr) { // NOLINT(concurrency-mt-unsafe): tests run in one thread
        files.clear();
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.path().extension() == ".pcap" || entry.path().extension() == ".pcapng")
                files.push_back(entry.path());
    }
    std::size_t compared = 0;
    std::size_t agreeing = 0;
    for (const auto& path : files) {
        if (!std::filesystem::exists(path)) continue;
        std::size_t connections = 0;
        const auto ours = ipwire_streams(path.string(), connections);
        // ask for more streams than ipwire opened, so that one it missed shows
        const auto theirs = tshark_streams(path.string(), connections + 2);
        CAPTURE(path.filename().string());
        CHECK(theirs.size() >= ours.size());
        for (const auto& entry : theirs) {
            const std::string& key = entry.first; // not a structured binding: clang 14 lambdas cannot capture one
            const two_ways& t = entry.second;
            CAPTURE(key);
            ++compared;
            const auto m = ours.find(key);
            const two_ways mine = m == ours.end() ? two_ways{} : m->second;
            const bool same = mine.way[0] == t.way[0] && mine.way[1] == t.way[1];
            agreeing += same ? 1 : 0;
            CHECK_MESSAGE(same, "a->b " << mine.way[0].size() << " vs " << t.way[0].size() << ", b->a "
                                        << mine.way[1].size() << " vs " << t.way[1].size());
        }
    }
    MESSAGE("streams compared with tshark: " << compared << ", agreeing: " << agreeing);
    CHECK(compared > 0);
}
#endif
#endif // IPWIRE_HAS_REASSEMBLY
