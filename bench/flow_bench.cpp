// Flows (issue 13): socket_table lookups beside a std::unordered_map keyed
// the naive way (a struct of two endpoints and the protocol, hashed by
// combining std::hash<endpoint>), doing the same three look-ups in the same
// order (connected, exact listener, wildcard); and flowdump's per-frame work
// (decode, flow(), canonical key, count into a flow_map) over a capture held
// in memory. Items are look-ups or frames.
//
// The table holds 10 000 connected TCP sockets on 192.0.2.1:443, a listener on
// 192.0.2.1:80 and a wildcard on 0.0.0.0:22; the probes are 4 096 flows, half
// to connected sockets, a quarter to each listener, shuffled. Both tables must
// find the same handlers before anything is timed.
//
// Capture (the first that exists): ../shared/captures/zeek-tcp-timestamp.pcap,
// else tests/data/flows/ppp-DnsPackets.pcap, repeated to at least 100 000 frames.
#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/detail/flow_map.hpp>
#include <ipwire/flow.hpp>
#include <ipwire/socket_table.hpp>

#include "bench_support.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <unordered_map>
#include <vector>

namespace {

using ipwire::endpoint;
using ipwire::flow_key;
using ipwire::ip_protocol;

endpoint ep(const char* text) { return endpoint::parse(text).value(); }

struct naive_key {
    ip_protocol protocol;
    endpoint local;
    endpoint remote;
    friend bool operator==(const naive_key&, const naive_key&) = default;
};
struct naive_hash {
    std::size_t operator()(const naive_key& k) const noexcept {
        const std::hash<endpoint> h;
        return (h(k.local) * 31U + h(k.remote)) * 31U + static_cast<std::size_t>(k.protocol);
    }
};

// The naive table: one unordered_map, listeners under a zero remote.
struct naive_table {
    std::unordered_map<naive_key, int, naive_hash> map;
    const int* lookup(const flow_key& f) const {
        const endpoint local = f.destination();
        if (auto it = map.find({f.protocol(), local, f.source()}); it != map.end()) return &it->second;
        if (auto it = map.find({f.protocol(), local, endpoint()}); it != map.end()) return &it->second;
        const endpoint any(ipwire::ip_address(ipwire::ipv4_address::any()), local.port());
        if (auto it = map.find({f.protocol(), any, endpoint()}); it != map.end()) return &it->second;
        return nullptr;
    }
};

struct tables {
    ipwire::socket_table<int> ours{12345};
    naive_table naive;
    std::vector<flow_key> probes;
    bool agree = true;
};

tables& demux_tables() {
    static tables t = [] {
        tables r;
        const endpoint https = ep("192.0.2.1:443");
        std::vector<endpoint> peers;
        for (std::uint32_t i = 0; i < 10'000; ++i) {
            const endpoint peer(ipwire::ipv4_address(0xC6330000U + i / 50U),
                                ipwire::port(static_cast<std::uint16_t>(49152U + i % 50U)));
            peers.push_back(peer);
            (void)r.ours.connect(ip_protocol::tcp, https, peer, static_cast<int>(i));
            r.naive.map.emplace(naive_key{ip_protocol::tcp, https, peer}, static_cast<int>(i));
        }
        (void)r.ours.bind(ip_protocol::tcp, ep("192.0.2.1:80"), -1);
        r.naive.map.emplace(naive_key{ip_protocol::tcp, ep("192.0.2.1:80"), endpoint()}, -1);
        (void)r.ours.bind(ip_protocol::tcp, ep("0.0.0.0:22"), -2);
        r.naive.map.emplace(naive_key{ip_protocol::tcp, ep("0.0.0.0:22"), endpoint()}, -2);
        std::mt19937 rng(7);
        for (std::size_t i = 0; i < 4096; ++i) {
            const endpoint peer = peers[rng() % peers.size()];
            switch (i % 4) {
            case 0:
            case 1: r.probes.emplace_back(ip_protocol::tcp, peer, https); break;
            case 2: r.probes.emplace_back(ip_protocol::tcp, peer.with_port(ipwire::port(1)), ep("192.0.2.1:80")); break;
            default: r.probes.emplace_back(ip_protocol::tcp, peer, ep("192.0.2.7:22")); break;
            }
        }
        std::shuffle(r.probes.begin(), r.probes.end(), rng);
        for (const auto& p : r.probes) {
            auto m = r.ours.lookup(p);
            const int* n = r.naive.lookup(p);
            if (!m || !n || *m.handler != *n) r.agree = false;
        }
        return r;
    }();
    return t;
}

void socket_table_lookup(benchmark::State& state) {
    auto& t = demux_tables();
    if (!t.agree) return state.SkipWithError("socket_table and the naive map disagree");
    std::int64_t sum = 0;
    for (auto _ : state) {
        for (const auto& p : t.probes) sum += *t.ours.lookup(p).handler;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.probes.size()));
}
BENCHMARK(socket_table_lookup);

void unordered_map_naive_lookup(benchmark::State& state) {
    const auto& t = demux_tables();
    if (!t.agree) return state.SkipWithError("socket_table and the naive map disagree");
    std::int64_t sum = 0;
    for (auto _ : state) {
        for (const auto& p : t.probes) sum += *t.naive.lookup(p);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.probes.size()));
}
BENCHMARK(unordered_map_naive_lookup);

// --- flowdump's per-frame work ---

struct stats {
    std::uint64_t frames[2] = {0, 0};
    std::uint64_t bytes[2] = {0, 0};
};

const bench::frame_set* capture() {
    static const std::optional<bench::frame_set> set = []() -> std::optional<bench::frame_set> {
        const auto path = bench::first_existing(
            {bench::shared_dir / "captures/zeek-tcp-timestamp.pcap", bench::data_dir / "flows/ppp-DnsPackets.pcap"});
        if (!path) return std::nullopt;
        return bench::load_frames(*path);
    }();
    return set ? &*set : nullptr;
}

void flowdump_count(benchmark::State& state) {
    const auto* set = capture();
    if (set == nullptr || set->frames.empty()) return state.SkipWithError("no capture found");
    const std::size_t repeat = std::max<std::size_t>(1, 100'000 / set->frames.size());
    std::size_t conversations = 0;
    for (auto _ : state) {
        ipwire::detail::flow_map<stats> map(ipwire::detail::sip_key_from_seed(1));
        for (std::size_t r = 0; r < repeat; ++r) {
            for (std::size_t i = 0; i < set->frames.size(); ++i) {
                const ipwire::decoded_packet p = ipwire::decode(set->frames[i], set->link_types[i]);
                if (!p.tcp() && !p.udp()) continue;
                const auto f = p.flow();
                if (!f) continue;
                const bool forward = f->is_canonical();
                const flow_key k = forward ? *f : f->reversed();
                stats& s = *map.try_emplace(k).first;
                ++s.frames[forward ? 0 : 1];
                s.bytes[forward ? 0 : 1] += set->frames[i].size();
            }
        }
        conversations = map.size();
        benchmark::DoNotOptimize(conversations);
    }
    state.counters["conversations"] = static_cast<double>(conversations);
    state.SetLabel(bench::short_name(set->path));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(repeat * set->frames.size()));
}
BENCHMARK(flowdump_count)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
