// ephemeral_port_allocator (issue 13): RFC 6056 algorithms 1 and 3 stay in
// their range, skip taken ports, report a full range as
// errc::ports_exhausted after trying each port once, replay for a seed, and
// spread evenly (chi-square over many draws; the draws are deterministic, so
// the statistic is a fixed number checked against the 0.1% critical value).
#include <ipwire/ephemeral_ports.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

using namespace ipwire;

namespace {

constexpr auto none_taken = [](port) { return false; };

constexpr ip_address local = ipv4_address(0xC0000201U); // 192.0.2.1
constexpr endpoint remote(ipv4_address(0xC6336407U), port(443));

// Pearson's statistic of `counts` against a uniform expectation.
template <std::size_t N>
double chi_square(const std::array<std::uint32_t, N>& counts, double draws) {
    const double expected = draws / static_cast<double>(N);
    double x = 0;
    for (auto c : counts) x += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    return x;
}

// Both algorithms as constant expressions.
constexpr bool replays() {
    ephemeral_port_allocator a(1), b(1);
    for (int i = 0; i < 50; ++i) {
        const auto x = a.random_port(none_taken);
        const auto y = b.random_port(none_taken);
        if (!x || !y || *x != *y || !dynamic_ports.contains(*x)) return false;
    }
    return a.port_for(ip_protocol::tcp, local, remote, none_taken) ==
           b.port_for(ip_protocol::tcp, local, remote, none_taken);
}
static_assert(replays());
static_assert(ephemeral_port_allocator(3, port_range(port(5000))).random_port(none_taken) == port(5000));
static_assert(ephemeral_port_allocator(3).random_port([](port) { return true; }).error() == errc::ports_exhausted);

} // namespace

TEST_CASE("ephemeral ports: the default range is the dynamic one") {
    const ephemeral_port_allocator a(11);
    CHECK(a.range() == dynamic_ports);
    CHECK(a.range().first() == port(49152));
}

TEST_CASE("ephemeral ports: algorithm 1 stays in range and skips taken ports") {
    const port_range r(port(10000), port(10009));
    ephemeral_port_allocator a(5, r);
    std::set<std::uint16_t> seen;
    for (int i = 0; i < 200; ++i) {
        const auto p = a.random_port(none_taken);
        REQUIRE(p);
        CHECK(r.contains(*p));
        seen.insert(p->value());
    }
    CHECK(seen.size() == 10); // every port of a small range comes up
    // Only 10007 free: always found.
    for (int i = 0; i < 20; ++i) CHECK(a.random_port([](port p) { return p != port(10007); }) == port(10007));
}

TEST_CASE("ephemeral ports: a full range is ports_exhausted after one try of each port") {
    const port_range r(port(40000), port(40099));
    ephemeral_port_allocator a(9, r);
    std::vector<std::uint16_t> tried;
    const auto p = a.random_port([&](port q) {
        tried.push_back(q.value());
        return true;
    });
    CHECK(p.error() == errc::ports_exhausted);
    CHECK(tried.size() == 100);
    CHECK(std::set<std::uint16_t>(tried.begin(), tried.end()).size() == 100);
    tried.clear();
    const auto q = a.port_for(ip_protocol::udp, local, remote, [&](port x) {
        tried.push_back(x.value());
        return true;
    });
    CHECK(q.error() == errc::ports_exhausted);
    CHECK(tried.size() == 100);
    CHECK(std::set<std::uint16_t>(tried.begin(), tried.end()).size() == 100);
    // The whole port space, all taken: 65536 tries, then the error.
    ephemeral_port_allocator all(9, port_range(port(0), port(65535)));
    std::size_t count = 0;
    CHECK(all.random_port([&](port) { return ++count > 0; }).error() == errc::ports_exhausted);
    CHECK(count == 65536);
}

TEST_CASE("ephemeral ports: seeds replay, and differ from each other") {
    ephemeral_port_allocator a(123), b(123), c(124);
    int same = 0;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.random_port(none_taken).value();
        CHECK(x == b.random_port(none_taken).value());
        same += x == c.random_port(none_taken).value() ? 1 : 0;
    }
    CHECK(same < 5);
}

TEST_CASE("ephemeral ports: algorithm 3 walks on per destination, keyed by the connection id") {
    ephemeral_port_allocator a(77);
    const port first = a.port_for(ip_protocol::tcp, local, remote, none_taken).value();
    const port second = a.port_for(ip_protocol::tcp, local, remote, none_taken).value();
    // The counter moved one on: the next port (wrapping at the end of the range).
    CHECK(second.value() == (first.value() == 65535 ? 49152 : first.value() + 1));
    // Another destination gets another offset.
    const endpoint other(ipv4_address(0xC6336408U), port(443));
    CHECK(a.connection_hash(ip_protocol::tcp, local, remote) != a.connection_hash(ip_protocol::tcp, local, other));
    CHECK(a.connection_hash(ip_protocol::tcp, local, remote) != a.connection_hash(ip_protocol::udp, local, remote));
    // Another secret, another offset for the same destination.
    CHECK(a.connection_hash(ip_protocol::tcp, local, remote) !=
          ephemeral_port_allocator(78).connection_hash(ip_protocol::tcp, local, remote));
    // A taken port is skipped to the next.
    ephemeral_port_allocator b(77);
    const port p = b.port_for(ip_protocol::tcp, local, remote, [&](port x) { return x == first; }).value();
    CHECK(p == second);
}

TEST_CASE("ephemeral ports: chi-square spread of both algorithms") {
    // 64 buckets over 49152-65535 (256 ports each), 64000 draws, 63 degrees
    // of freedom: the 0.1% critical value is 103.4.
    constexpr std::size_t buckets = 64;
    constexpr double draws = 64000;
    std::array<std::uint32_t, buckets> one{};
    std::array<std::uint32_t, buckets> three{};
    ephemeral_port_allocator a(2024);
    for (int i = 0; i < static_cast<int>(draws); ++i) {
        ++one[(a.random_port(none_taken).value().value() - 49152U) / 256U];
        // Algorithm 3 over as many destinations: the offsets must spread.
        ephemeral_port_allocator fresh(2024);
        const endpoint dest(ipv4_address(0xC6330000U + static_cast<std::uint32_t>(i)), port(80));
        ++three[(fresh.port_for(ip_protocol::tcp, local, dest, none_taken).value().value() - 49152U) / 256U];
    }
    CHECK(chi_square(one, draws) < 103.4);
    CHECK(chi_square(three, draws) < 103.4);
    // A skewed sample fails the same test (the statistic sees skew).
    std::array<std::uint32_t, buckets> skewed = one;
    skewed[0] += 400;
    skewed[1] -= 400;
    CHECK(chi_square(skewed, draws) > 103.4);
}
