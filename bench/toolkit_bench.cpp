// The address toolkit (issue 14): ip_set::contains beside the two ways a user
// writes it by hand (a sorted std::vector of [first, last] pairs searched with
// std::upper_bound, and a linear scan of the same vector), for 10, 1,000 and
// 100,000 disjoint IPv4 ranges; and collapse() of N random prefixes beside
// std::sort plus a merge of the intervals (which gives ranges, not prefixes).
//
// Names are <comparison>/<implementation>. Items are lookups (4096 random
// addresses a pass) or prefixes
// collapsed. Inputs come from fixed seeds (lookups: half drawn inside a range,
// half anywhere, so hits vary with the size); every implementation answers the
// same lookups, and a disagreement is reported as a benchmark error.
#include <ipwire/ip_set.hpp>
#include <ipwire/prefix.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using interval = std::pair<std::uint32_t, std::uint32_t>;

// n disjoint, non-adjacent ranges over the whole IPv4 space, ascending.
std::vector<interval> random_ranges(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<std::uint32_t> ends;
    while (ends.size() < 2 * n) {
        ends.clear();
        for (std::size_t i = 0; i < 2 * n + n / 8 + 8; ++i) ends.push_back(static_cast<std::uint32_t>(rng()));
        std::sort(ends.begin(), ends.end());
        ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
        // Keep a gap between one range's end and the next one's start.
        std::vector<std::uint32_t> spaced;
        for (const auto e : ends)
            if (spaced.empty() || e > spaced.back() + 1U) spaced.push_back(e);
        ends = spaced;
    }
    ends.resize(2 * n);
    std::vector<interval> out;
    for (std::size_t i = 0; i < n; ++i) out.emplace_back(ends[2 * i], ends[2 * i + 1]);
    return out;
}

// Lookups: half drawn inside the ranges, half anywhere.
std::vector<ipwire::ipv4_address> random_lookups(const std::vector<interval>& ranges, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<ipwire::ipv4_address> out;
    for (int i = 0; i < 4096; ++i) {
        if (i % 2 == 0) {
            const auto& r = ranges[rng() % ranges.size()];
            out.emplace_back(r.first + static_cast<std::uint32_t>(rng() % (std::uint64_t{r.second} - r.first + 1)));
        } else {
            out.emplace_back(static_cast<std::uint32_t>(rng()));
        }
    }
    return out;
}

struct contains_input {
    std::vector<interval> ranges;
    std::vector<ipwire::ipv4_address> lookups;
    ipwire::ip_set set;
    std::size_t hits = 0; // what every implementation must count
};

const contains_input& input_for(std::size_t n) {
    static std::vector<std::pair<std::size_t, contains_input>> cache;
    for (const auto& [size, in] : cache)
        if (size == n) return in;
    contains_input in;
    in.ranges = random_ranges(n, static_cast<std::uint32_t>(n) * 7919U + 1U);
    in.lookups = random_lookups(in.ranges, 99);
    ipwire::ip_set_builder b;
    for (const auto& [first, last] : in.ranges)
        b.add(ipwire::ip_range(ipwire::ipv4_address(first), ipwire::ipv4_address(last)));
    in.set = b.build();
    for (const auto a : in.lookups) in.hits += in.set.contains(a) ? 1U : 0U;
    cache.emplace_back(n, std::move(in));
    return cache.back().second;
}

template <class Contains>
void run_contains(benchmark::State& state, std::size_t n, Contains contains) {
    const contains_input& in = input_for(n);
    std::size_t hits = 0;
    for (auto _ : state) {
        hits = 0;
        for (const auto a : in.lookups) hits += contains(in, a) ? 1U : 0U;
        benchmark::DoNotOptimize(hits);
    }
    if (hits != in.hits) state.SkipWithError("implementations disagree on the lookups");
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(in.lookups.size()));
    state.SetLabel(std::to_string(in.set.range_count()) + " ranges, " + std::to_string(in.hits) + " hits of " +
                   std::to_string(in.lookups.size()));
}

bool by_ip_set(const contains_input& in, ipwire::ipv4_address a) { return in.set.contains(a); }
bool by_upper_bound(const contains_input& in, ipwire::ipv4_address a) {
    const std::uint32_t x = a.to_uint32();
    // The first range starting above x; the one before it may hold x.
    const auto it = std::upper_bound(in.ranges.begin(), in.ranges.end(), x,
                                     [](std::uint32_t v, const interval& r) { return v < r.first; });
    return it != in.ranges.begin() && x <= std::prev(it)->second;
}
bool by_linear_scan(const contains_input& in, ipwire::ipv4_address a) {
    const std::uint32_t x = a.to_uint32();
    for (const auto& r : in.ranges)
        if (r.first <= x && x <= r.second) return true;
    return false;
}

void register_contains() {
    for (const std::size_t n : {std::size_t{10}, std::size_t{1000}, std::size_t{10000}, std::size_t{100000}}) {
        const std::string group = "ip_set_contains_" + std::to_string(n);
        benchmark::RegisterBenchmark((group + "/ipwire").c_str(),
                                     [n](benchmark::State& s) { run_contains(s, n, by_ip_set); });
        benchmark::RegisterBenchmark((group + "/upper_bound").c_str(),
                                     [n](benchmark::State& s) { run_contains(s, n, by_upper_bound); });
        benchmark::RegisterBenchmark((group + "/linear_scan").c_str(),
                                     [n](benchmark::State& s) { run_contains(s, n, by_linear_scan); });
    }
}

// N random IPv4 prefixes, lengths 16 to 32, host bits cleared (shorter ones
// would soon cover everything).
std::vector<ipwire::ipv4_prefix> random_prefixes(std::size_t n) {
    std::mt19937 rng(1414);
    std::vector<ipwire::ipv4_prefix> out;
    for (std::size_t i = 0; i < n; ++i) {
        const auto length = static_cast<std::uint8_t>(16 + rng() % 17);
        out.push_back(ipwire::ipv4_prefix(ipwire::ipv4_address(static_cast<std::uint32_t>(rng())), length).masked());
    }
    return out;
}

void run_collapse(benchmark::State& state, std::size_t n) {
    const auto input = random_prefixes(n);
    std::vector<ipwire::ipv4_prefix> work;
    std::size_t out = 0;
    for (auto _ : state) {
        work = input; // collapse works in place
        out = ipwire::collapse(work).size();
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
    state.SetLabel(std::to_string(out) + " prefixes out");
}
void run_sort_merge(benchmark::State& state, std::size_t n) {
    const auto input = random_prefixes(n);
    std::vector<interval> work;
    std::size_t out = 0;
    for (auto _ : state) {
        work.clear();
        for (const auto& p : input) work.emplace_back(p.network().to_uint32(), p.last_address().to_uint32());
        std::sort(work.begin(), work.end());
        std::size_t k = 0;
        for (std::size_t i = 1; i < work.size(); ++i) {
            if (work[i].first <= work[k].second || work[i].first - 1U == work[k].second)
                work[k].second = std::max(work[k].second, work[i].second);
            else
                work[++k] = work[i];
        }
        out = k + 1;
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
    state.SetLabel(std::to_string(out) + " ranges out");
}

void register_collapse() {
    for (const std::size_t n : {std::size_t{1000}, std::size_t{100000}}) {
        const std::string group = "collapse_" + std::to_string(n);
        benchmark::RegisterBenchmark((group + "/ipwire").c_str(), [n](benchmark::State& s) { run_collapse(s, n); });
        benchmark::RegisterBenchmark((group + "/sort_merge").c_str(),
                                     [n](benchmark::State& s) { run_sort_merge(s, n); });
    }
}

} // namespace

int main(int argc, char** argv) {
    register_contains();
    register_collapse();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
