// Address text against the C library: ipwire's parse and to_chars beside
// inet_pton and inet_ntop on the same 4096 random addresses (fixed seed).
// Run: build/bench/bench/text_bench   (ratios: C library time / ipwire time)
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#include <arpa/inet.h>
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr std::size_t count = 4096;

// IPv6 with about a third of the bytes zero, so "::" runs of every length occur.
std::vector<std::array<std::uint8_t, 16>> random_v6() {
    std::mt19937 rng(42);
    std::vector<std::array<std::uint8_t, 16>> out(count);
    for (auto& a : out)
        for (auto& b : a) b = rng() % 3 == 0 ? 0 : static_cast<std::uint8_t>(rng());
    return out;
}

std::vector<std::string> texts(int family) {
    std::mt19937 rng(7);
    std::vector<std::string> out;
    for (const auto& bytes : random_v6()) {
        char buffer[INET6_ADDRSTRLEN];
        if (family == AF_INET) {
            const auto v = static_cast<std::uint32_t>(rng());
            inet_ntop(AF_INET, &v, buffer, sizeof buffer);
        } else {
            inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
        }
        out.emplace_back(buffer);
    }
    return out;
}

void ipv4_parse_ipwire(benchmark::State& state) {
    const auto in = texts(AF_INET);
    for (auto _ : state)
        for (const auto& s : in) benchmark::DoNotOptimize(ipwire::ipv4_address::parse(s));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv4_parse_inet_pton(benchmark::State& state) {
    const auto in = texts(AF_INET);
    in_addr out{};
    for (auto _ : state)
        for (const auto& s : in) {
            benchmark::DoNotOptimize(inet_pton(AF_INET, s.c_str(), &out));
            benchmark::DoNotOptimize(out);
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv6_parse_ipwire(benchmark::State& state) {
    const auto in = texts(AF_INET6);
    for (auto _ : state)
        for (const auto& s : in) benchmark::DoNotOptimize(ipwire::ipv6_address::parse(s));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv6_parse_inet_pton(benchmark::State& state) {
    const auto in = texts(AF_INET6);
    in6_addr out{};
    for (auto _ : state)
        for (const auto& s : in) {
            benchmark::DoNotOptimize(inet_pton(AF_INET6, s.c_str(), &out));
            benchmark::DoNotOptimize(out);
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv6_format_ipwire(benchmark::State& state) {
    const auto in = random_v6();
    std::vector<ipwire::ipv6_address> addresses(in.begin(), in.end());
    char buffer[ipwire::ipv6_address::max_string_length];
    for (auto _ : state)
        for (const auto& a : addresses) {
            benchmark::DoNotOptimize(a.to_chars(buffer, buffer + sizeof buffer));
            benchmark::ClobberMemory();
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv6_format_inet_ntop(benchmark::State& state) {
    const auto in = random_v6();
    char buffer[INET6_ADDRSTRLEN];
    for (auto _ : state)
        for (const auto& a : in) {
            benchmark::DoNotOptimize(inet_ntop(AF_INET6, a.data(), buffer, sizeof buffer));
            benchmark::ClobberMemory();
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
void ipv4_format_ipwire(benchmark::State& state) {
    std::mt19937 rng(3);
    std::vector<ipwire::ipv4_address> addresses;
    for (std::size_t i = 0; i < count; ++i) addresses.emplace_back(static_cast<std::uint32_t>(rng()));
    char buffer[ipwire::ipv4_address::max_string_length];
    for (auto _ : state)
        for (const auto& a : addresses) {
            benchmark::DoNotOptimize(a.to_chars(buffer, buffer + sizeof buffer));
            benchmark::ClobberMemory();
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}
void ipv4_format_inet_ntop(benchmark::State& state) {
    std::mt19937 rng(3);
    std::vector<std::uint32_t> addresses;
    for (std::size_t i = 0; i < count; ++i) addresses.push_back(static_cast<std::uint32_t>(rng()));
    char buffer[INET_ADDRSTRLEN];
    for (auto _ : state)
        for (const auto& a : addresses) {
            benchmark::DoNotOptimize(inet_ntop(AF_INET, &a, buffer, sizeof buffer));
            benchmark::ClobberMemory();
        }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}

} // namespace

BENCHMARK(ipv4_parse_ipwire);
BENCHMARK(ipv4_parse_inet_pton);
BENCHMARK(ipv6_parse_ipwire);
BENCHMARK(ipv6_parse_inet_pton);
BENCHMARK(ipv4_format_ipwire);
BENCHMARK(ipv4_format_inet_ntop);
BENCHMARK(ipv6_format_ipwire);
BENCHMARK(ipv6_format_inet_ntop);
BENCHMARK_MAIN();
