// Building one Ethernet/IPv4/TCP frame with its checksums (issue 15): ipwire's
// packet_builder beside libtins serialising the same packet (its PDU chain
// built once, the sequence number changed and serialize() called per frame),
// and beside a hand-packed template copied with memcpy, its sequence number
// patched and its TCP checksum summed again. Every frame differs in its
// sequence number, so every checksum is computed. Before timing, the three
// must write the same bytes, else the benchmark reports an error.
#include <ipwire/build.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/wire/checksum.hpp>

#include "bench_support.hpp"

#include <benchmark/benchmark.h>

#if IPWIRE_BENCH_HAVE_LIBTINS
#include <tins/ethernetII.h>
#include <tins/ip.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#endif

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace ipwire::literals;

constexpr std::size_t payload_size = 64;
constexpr std::size_t frame_size = 14 + 20 + 20 + payload_size;
const std::array<std::uint8_t, payload_size> payload = [] {
    std::array<std::uint8_t, payload_size> p{};
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<std::uint8_t>('a' + i % 26);
    return p;
}();

// The packet: 02:00:00:00:00:01 -> 02:00:00:00:00:02, 192.0.2.1 -> 198.51.100.2,
// DF, TTL 64, id 0x1234; TCP 40000 -> 443, PSH|ACK, window 502, ack 7.
std::size_t ipwire_frame(std::uint32_t sequence, std::array<std::uint8_t, 256>& out) {
    const auto r = ipwire::packet_builder(out)
                       .ethernet({.destination = "02:00:00:00:00:02"_mac, .source = "02:00:00:00:00:01"_mac})
                       .ipv4({.source = "192.0.2.1"_ipv4,
                              .destination = "198.51.100.2"_ipv4,
                              .identification = 0x1234,
                              .dont_fragment = true,
                              .time_to_live = 64})
                       .tcp({.source = 40000_port,
                             .destination = 443_port,
                             .sequence = sequence,
                             .acknowledgment = 7,
                             .flags = ipwire::tcp_flags::psh | ipwire::tcp_flags::ack,
                             .window = 502})
                       .payload(payload)
                       .build();
    return r ? r->size() : 0;
}

// The template: one frame built once (here by ipwire, checked against the
// others below), then per frame memcpy, the sequence number, the checksum.
struct hand_template {
    std::array<std::uint8_t, 256> bytes{};
    std::uint64_t pseudo = 0; // source, destination, protocol, TCP length
    hand_template() {
        ipwire_frame(0, bytes);
        const std::uint8_t* ip = bytes.data() + 14;
        pseudo = ipwire::checksum_add(0, ipwire::bytes_view(ip + 12, 8));
        pseudo += 6 + 20 + payload_size;
    }
    void write(std::uint32_t sequence, std::uint8_t* out) const {
        std::memcpy(out, bytes.data(), frame_size);
        std::uint8_t* tcp = out + 34;
        tcp[4] = static_cast<std::uint8_t>(sequence >> 24U);
        tcp[5] = static_cast<std::uint8_t>(sequence >> 16U);
        tcp[6] = static_cast<std::uint8_t>(sequence >> 8U);
        tcp[7] = static_cast<std::uint8_t>(sequence);
        tcp[16] = 0;
        tcp[17] = 0;
        const auto sum = static_cast<std::uint16_t>(
            ~ipwire::checksum_fold(ipwire::checksum_add(pseudo, ipwire::bytes_view(tcp, 20 + payload_size))));
        tcp[16] = static_cast<std::uint8_t>(sum >> 8U);
        tcp[17] = static_cast<std::uint8_t>(sum);
    }
};

#if IPWIRE_BENCH_HAVE_LIBTINS
struct tins_packet {
    Tins::EthernetII frame;
    tins_packet()
        : frame(Tins::EthernetII("02:00:00:00:00:02", "02:00:00:00:00:01") / Tins::IP("198.51.100.2", "192.0.2.1") /
                Tins::TCP(443, 40000) / Tins::RawPDU(payload.data(), static_cast<std::uint32_t>(payload.size()))) {
        auto& ip = frame.rfind_pdu<Tins::IP>();
        ip.ttl(64);
        ip.id(0x1234);
        ip.flags(Tins::IP::DONT_FRAGMENT);
        auto& tcp = frame.rfind_pdu<Tins::TCP>();
        tcp.flags(Tins::TCP::PSH | Tins::TCP::ACK);
        tcp.ack_seq(7);
        tcp.window(502);
    }
    Tins::PDU::serialization_type write(std::uint32_t sequence) {
        frame.rfind_pdu<Tins::TCP>().seq(sequence);
        return frame.serialize();
    }
};
#endif

constexpr std::uint32_t frames_per_iteration = 256;

void per_frame(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * frames_per_iteration);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * frames_per_iteration *
                            static_cast<std::int64_t>(frame_size));
    state.SetLabel(std::to_string(frame_size) + "-byte frames");
}

// Whether the three write the same frame for `sequence`.
std::string disagreement(std::uint32_t sequence) {
    std::array<std::uint8_t, 256> mine{};
    if (ipwire_frame(sequence, mine) != frame_size) return "ipwire built no frame";
    std::array<std::uint8_t, 256> theirs{};
    static const hand_template t;
    t.write(sequence, theirs.data());
    if (std::memcmp(mine.data(), theirs.data(), frame_size) != 0) return "the template's frame differs";
#if IPWIRE_BENCH_HAVE_LIBTINS
    tins_packet p;
    const auto tins = p.write(sequence);
    if (tins.size() != frame_size || std::memcmp(mine.data(), tins.data(), frame_size) != 0)
        return "libtins's frame differs";
#endif
    return {};
}

void build_ipwire(benchmark::State& state) {
    if (const auto e = disagreement(0x01020304); !e.empty()) return state.SkipWithError(e.c_str());
    std::array<std::uint8_t, 256> out{};
    std::uint32_t sequence = 0;
    for (auto _ : state)
        for (std::uint32_t i = 0; i < frames_per_iteration; ++i) {
            benchmark::DoNotOptimize(ipwire_frame(sequence += 1460, out));
            benchmark::ClobberMemory();
        }
    per_frame(state);
}

void build_template(benchmark::State& state) {
    if (const auto e = disagreement(0x01020304); !e.empty()) return state.SkipWithError(e.c_str());
    const hand_template t;
    std::array<std::uint8_t, 256> out{};
    std::uint32_t sequence = 0;
    for (auto _ : state)
        for (std::uint32_t i = 0; i < frames_per_iteration; ++i) {
            t.write(sequence += 1460, out.data());
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
        }
    per_frame(state);
}

#if IPWIRE_BENCH_HAVE_LIBTINS
void build_tins(benchmark::State& state) {
    if (const auto e = disagreement(0x01020304); !e.empty()) return state.SkipWithError(e.c_str());
    tins_packet p;
    std::uint32_t sequence = 0;
    for (auto _ : state)
        for (std::uint32_t i = 0; i < frames_per_iteration; ++i) {
            const auto bytes = p.write(sequence += 1460);
            benchmark::DoNotOptimize(bytes.data());
            benchmark::ClobberMemory();
        }
    per_frame(state);
}
#endif

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RegisterBenchmark("build_eth_ipv4_tcp/ipwire", build_ipwire);
#if IPWIRE_BENCH_HAVE_LIBTINS
    benchmark::RegisterBenchmark("build_eth_ipv4_tcp/libtins", build_tins);
#else
    bench::note("libtins not found at configure time: the libtins comparison is left out");
#endif
    benchmark::RegisterBenchmark("build_eth_ipv4_tcp/memcpy_template", build_template);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
