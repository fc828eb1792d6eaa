// Packet decoding: ipwire::decode over every frame of a real capture held in
// memory, beside libtins (EthernetII parsing of the same frames, when found)
// and a hand-written reader that takes the same fields at fixed offsets with
// memcpy and byte swaps and checks nothing: the limit for a safe parser.
//
// "views_tcp" and "views_udp" time the same walk done by hand with ipwire's
// views (no decode, no decoded_packet) beside the same unchecked reader.
//
// Every implementation adds up the same fields of every Ethernet/IP/TCP-or-UDP frame (both
// addresses, both ports, and the TCP sequence number) and must agree on the
// total before anything is timed, so nothing is optimised away and nobody
// reads less than the others. Items are frames: the time per item is ns/frame.
//
// Captures (each the first that exists):
//   decode_tcp  ../shared/captures/zeek-tcp-timestamp.pcap (878 frames,
//               Ethernet/IPv4/TCP), else tests/data/captures/ppp-nanosecs_big_endian.pcap
//   decode_udp  ../shared/captures/ppp-DnsPackets.pcap (464 frames,
//               Ethernet/IPv4+IPv6/UDP), else tests/data/captures/zeek-pcapng-multi-interface.pcapng
#include <ipwire/decode.hpp>

#include "bench_support.hpp"

#include <benchmark/benchmark.h>

#if IPWIRE_BENCH_HAVE_LIBTINS
#include <tins/ethernetII.h>
#include <tins/exceptions.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/tcp.h>
#include <tins/udp.h>
#endif

#include <arpa/inet.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

// --- the unchecked baseline -----------------------------------------------------

inline std::uint16_t raw16(const std::uint8_t* p) noexcept {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return ntohs(v);
}
inline std::uint32_t raw32(const std::uint8_t* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return ntohl(v);
}

// Ethernet without VLAN tags, IPv4 by its IHL or IPv6 without extension
// headers, then TCP or UDP: fixed offsets, no length or version checks.
inline std::uint64_t raw_frame(const std::uint8_t* f) noexcept {
    const std::uint8_t* ip = f + 14;
    std::uint64_t sum = 0;
    std::uint8_t protocol = 0;
    const std::uint8_t* l4 = nullptr;
    switch (raw16(f + 12)) {
    case 0x0800:
        sum = std::uint64_t{raw32(ip + 12)} + raw32(ip + 16);
        protocol = ip[9];
        l4 = ip + (ip[0] & 0x0FU) * 4U;
        break;
    case 0x86DD:
        for (unsigned i = 0; i < 8; ++i) sum += raw32(ip + 8 + 4 * i);
        protocol = ip[6];
        l4 = ip + 40;
        break;
    default: return 0;
    }
    if (protocol == 6) return sum + raw16(l4) + raw16(l4 + 2) + raw32(l4 + 4);
    if (protocol == 17) return sum + raw16(l4) + raw16(l4 + 2);
    return 0;
}

std::uint64_t raw_all(const bench::frame_set& set) noexcept {
    std::uint64_t sum = 0;
    for (const auto& f : set.frames) sum += raw_frame(f.data());
    return sum;
}

// --- ipwire -----------------------------------------------------------------------

inline std::uint64_t address_sum(const ipwire::ip_packet_view& ip) noexcept {
    if (ip.is_v4()) {
        const auto v4 = ip.v4();
        return std::uint64_t{v4.source().to_uint32()} + v4.destination().to_uint32();
    }
    const auto v6 = ip.v6();
    std::uint64_t sum = 0;
    for (const auto& a : {v6.source().to_bytes(), v6.destination().to_bytes()})
        for (unsigned i = 0; i < 16; i += 4) sum += raw32(a.data() + i);
    return sum;
}

inline std::uint64_t ipwire_frame(ipwire::bytes_view frame) noexcept {
    const ipwire::decoded_packet p = ipwire::decode(frame, ipwire::link_type::ethernet);
    // Each accessor rebuilds its view: take each once, as a caller would.
    if (const auto tcp = p.tcp())
        return address_sum(*p.ip()) + tcp->source_port().value() + tcp->destination_port().value() +
               tcp->sequence_number();
    if (const auto udp = p.udp())
        return address_sum(*p.ip()) + udp->source_port().value() + udp->destination_port().value();
    return 0;
}

std::uint64_t ipwire_all(const bench::frame_set& set) noexcept {
    std::uint64_t sum = 0;
    for (const auto& f : set.frames) sum += ipwire_frame(f);
    return sum;
}

// The same walk by hand with ipwire's views, without decode's bookkeeping
// (no decoded_packet, no tunnels, no link types but Ethernet): what the checked
// views themselves cost.
inline std::uint64_t views_frame(ipwire::bytes_view frame) noexcept {
    const auto ethernet = ipwire::ethernet_frame_view::parse(frame);
    if (!ethernet || ethernet->is_length_field()) return 0;
    const auto type = ethernet->ether_type();
    if (type != ipwire::ether_type::ipv4 && type != ipwire::ether_type::ipv6) return 0;
    const auto ip = ipwire::ip_packet_view::parse(ethernet->payload());
    if (!ip || (ip->is_fragment() && !ip->is_first_fragment())) return 0;
    switch (ip->protocol()) {
    case ipwire::ip_protocol::tcp: {
        const auto tcp = ipwire::tcp_segment_view::parse(ip->payload());
        if (!tcp) return 0;
        return address_sum(*ip) + tcp->source_port().value() + tcp->destination_port().value() + tcp->sequence_number();
    }
    case ipwire::ip_protocol::udp: {
        const auto udp = ipwire::udp_datagram_view::parse(ip->payload());
        if (!udp) return 0;
        return address_sum(*ip) + udp->source_port().value() + udp->destination_port().value();
    }
    default: return 0;
    }
}

std::uint64_t views_all(const bench::frame_set& set) noexcept {
    std::uint64_t sum = 0;
    for (const auto& f : set.frames) sum += views_frame(f);
    return sum;
}

// --- libtins ------------------------------------------------------------------------

#if IPWIRE_BENCH_HAVE_LIBTINS
inline std::uint64_t tins_frame(ipwire::bytes_view frame) {
    try {
        const Tins::EthernetII eth(frame.data(), static_cast<std::uint32_t>(frame.size()));
        std::uint64_t sum = 0;
        if (const auto* ip = eth.find_pdu<Tins::IP>()) {
            sum = std::uint64_t{ntohl(static_cast<std::uint32_t>(ip->src_addr()))} +
                  ntohl(static_cast<std::uint32_t>(ip->dst_addr()));
        } else if (const auto* ip6 = eth.find_pdu<Tins::IPv6>()) {
            const auto source = ip6->src_addr();
            const auto destination = ip6->dst_addr();
            for (unsigned i = 0; i < 16; i += 4) {
                sum += raw32(source.begin() + i);
                sum += raw32(destination.begin() + i);
            }
        } else {
            return 0;
        }
        if (const auto* tcp = eth.find_pdu<Tins::TCP>()) return sum + tcp->sport() + tcp->dport() + tcp->seq();
        if (const auto* udp = eth.find_pdu<Tins::UDP>()) return sum + udp->sport() + udp->dport();
    } catch (const Tins::exception_base&) {
    }
    return 0;
}

std::uint64_t tins_all(const bench::frame_set& set) {
    std::uint64_t sum = 0;
    for (const auto& f : set.frames) sum += tins_frame(f);
    return sum;
}
#endif

// --- the benchmarks ---------------------------------------------------------------

void per_frame(benchmark::State& state, const bench::frame_set& set) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(set.frames.size()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(set.total_bytes));
    state.SetLabel(bench::short_name(set.path) + ": " + std::to_string(set.frames.size()) + " frames");
}

template <std::uint64_t (*Fn)(const bench::frame_set&)>
void run(benchmark::State& state, const bench::frame_set& set, std::uint64_t expected) {
    if (const auto got = Fn(set); got != expected)
        return state.SkipWithError(
            ("field sum " + std::to_string(got) + " but the unchecked reader's " + std::to_string(expected)).c_str());
    for (auto _ : state) benchmark::DoNotOptimize(Fn(set));
    per_frame(state, set);
}

void add_group(const std::string& group, std::initializer_list<std::filesystem::path> candidates) {
    const auto path = bench::first_existing(candidates);
    if (!path) {
        bench::note(group + ": none of its captures is here, left out");
        return;
    }
    auto loaded = bench::load_frames(*path);
    if (!loaded || loaded->frames.empty()) {
        bench::note(group + ": " + path->string() + " does not read as a capture, left out");
        return;
    }
    for (const auto t : loaded->link_types)
        if (t != ipwire::link_type::ethernet) {
            bench::note(group + ": " + path->string() + " has non-Ethernet frames, left out");
            return;
        }
    // Kept for the whole run: the benchmarks hold a reference.
    static std::vector<std::unique_ptr<bench::frame_set>> keep;
    keep.push_back(std::make_unique<bench::frame_set>(std::move(*loaded)));
    const bench::frame_set& set = *keep.back();
    const std::uint64_t expected = raw_all(set);

    benchmark::RegisterBenchmark((group + "/ipwire").c_str(),
                                 [&set, expected](benchmark::State& s) { run<ipwire_all>(s, set, expected); });
#if IPWIRE_BENCH_HAVE_LIBTINS
    benchmark::RegisterBenchmark((group + "/libtins").c_str(),
                                 [&set, expected](benchmark::State& s) { run<tins_all>(s, set, expected); });
#endif
    benchmark::RegisterBenchmark((group + "/raw").c_str(),
                                 [&set, expected](benchmark::State& s) { run<raw_all>(s, set, expected); });
    // "views_*": ipwire's views chained by hand, beside the same unchecked reader.
    const std::string views = "views" + group.substr(group.find('_'));
    benchmark::RegisterBenchmark((views + "/ipwire").c_str(),
                                 [&set, expected](benchmark::State& s) { run<views_all>(s, set, expected); });
    benchmark::RegisterBenchmark((views + "/raw").c_str(),
                                 [&set, expected](benchmark::State& s) { run<raw_all>(s, set, expected); });
}

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
#if !IPWIRE_BENCH_HAVE_LIBTINS
    bench::note("libtins not found at configure time: the libtins comparisons are left out");
#endif
    add_group("decode_tcp", {bench::shared_dir / "captures/zeek-tcp-timestamp.pcap",
                             bench::data_dir / "captures/ppp-nanosecs_big_endian.pcap"});
    add_group("decode_udp", {bench::shared_dir / "captures/ppp-DnsPackets.pcap",
                             bench::data_dir / "captures/zeek-pcapng-multi-interface.pcapng"});
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
