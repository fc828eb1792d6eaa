// Tests for ipwire/ip_set.hpp: ip_set_builder's adds and removes in order,
// union/intersection/difference, contains, ranges() and prefixes(), both
// families in one set; static_ip_set<N> under static_assert (capacity
// included); and the set laws checked against a bitset model of a small
// universe, in doctest and under static_assert.
#include <ipwire/ip_set.hpp>

#include <doctest/doctest.h>

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <ipwire/address_range.hpp>
#include <ipwire/error.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/prefix.hpp>

#include "range_algorithms.hpp"

namespace {

using ipwire::errc;
using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ip_range;
using ipwire::ip_set;
using ipwire::ip_set_builder;
using ipwire::static_ip_set;
using namespace ipwire::literals;

template <class View>
std::vector<std::string> texts(const View& v) {
    std::vector<std::string> out;
    for (const auto x : v) out.push_back(x.to_string());
    return out;
}

TEST_CASE("ip_set: adds and removes apply in order, both families") {
    ip_set_builder b;
    b.add("10.0.0.0/8"_prefix)
        .add("192.168.0.0/16"_prefix)
        .remove("10.1.0.0/16"_prefix)
        .add("2001:db8::/32"_prefix)
        .add("10.1.2.3"_ip)                // after the remove: it is in
        .add("10.0.0.1-10.0.0.9"_ip_range) // inside 10/8 already
        .remove("192.168.255.255"_ip);
    const ip_set s = b.build();
    CHECK(texts(s.ranges()) == std::vector<std::string>{"10.0.0.0-10.0.255.255", "10.1.2.3-10.1.2.3",
                                                        "10.2.0.0-10.255.255.255", "192.168.0.0-192.168.255.254",
                                                        "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"});
    CHECK(s.range_count() == 5);
    CHECK(s.contains("10.1.2.3"_ipv4));
    CHECK(!s.contains("10.1.2.4"_ip));
    CHECK(s.contains("10.255.255.255"_ip));
    CHECK(!s.contains("192.168.255.255"_ip));
    CHECK(s.contains("2001:db8::5"_ipv6));
    CHECK(!s.contains("2001:db9::"_ip));
    CHECK(!s.contains("::ffff:10.0.0.1"_ip)); // families never mix
    CHECK(s.contains("fe80::1%eth0"_ipv6) == false);
    CHECK(s.contains(ip_range("10.2.0.0/15"_prefix)));
    CHECK(!s.contains("10.0.255.0-10.1.0.0"_ip_range)); // crosses the hole
    CHECK(
        texts(s.prefixes()) ==
        std::vector<std::string>{"10.0.0.0/16",        "10.1.2.3/32",        "10.2.0.0/15",        "10.4.0.0/14",
                                 "10.8.0.0/13",        "10.16.0.0/12",       "10.32.0.0/11",       "10.64.0.0/10",
                                 "10.128.0.0/9",       "192.168.0.0/17",     "192.168.128.0/18",   "192.168.192.0/19",
                                 "192.168.224.0/20",   "192.168.240.0/21",   "192.168.248.0/22",   "192.168.252.0/23",
                                 "192.168.254.0/24",   "192.168.255.0/25",   "192.168.255.128/26", "192.168.255.192/27",
                                 "192.168.255.224/28", "192.168.255.240/29", "192.168.255.248/30", "192.168.255.252/31",
                                 "192.168.255.254/32", "2001:db8::/32"});
    // The builder stays usable; a later remove changes only the next build.
    b.remove("::/0"_prefix);
    CHECK(b.build().range_count() == 4);
    CHECK(s.range_count() == 5);
}

TEST_CASE("ip_set: one normal form, whatever the order of the adds") {
    const auto a = ip_set_builder().add("10.0.0.0/25"_prefix).add("10.0.0.128/25"_prefix).build();
    const auto b = ip_set_builder().add("10.0.0.128-10.0.0.255"_ip_range).add("10.0.0.0-10.0.0.127"_ip_range).build();
    CHECK(a == b);
    CHECK(texts(a.ranges()) == std::vector<std::string>{"10.0.0.0-10.0.0.255"});
    CHECK(texts(a.prefixes()) == std::vector<std::string>{"10.0.0.0/24"});
    // Adjacent ranges merge; the families' ends do not (255.255.255.255 and :: never touch).
    const auto c = ip_set_builder().add("255.255.255.255"_ip).add("::"_ip).add("::1"_ip).build();
    CHECK(texts(c.ranges()) == std::vector<std::string>{"255.255.255.255-255.255.255.255", "::-::1"});
    CHECK(ip_set().empty());
    CHECK(ip_set_builder().add("10.0.0.0/8"_prefix).remove("10.0.0.0/8"_prefix).build().empty());
    CHECK(ip_set_builder().add("0.0.0.0/0"_prefix).add("::/0"_prefix).build().range_count() == 2);
}

TEST_CASE("ip_set: union, intersection, difference, as operators and on the builder") {
    const auto a = ip_set_builder().add("10.0.0.0-10.0.0.20"_ip_range).add("2001:db8::/126"_prefix).build();
    const auto b = ip_set_builder().add("10.0.0.10-10.0.0.30"_ip_range).add("2001:db8::2"_ip).build();
    CHECK(texts((a | b).ranges()) == std::vector<std::string>{"10.0.0.0-10.0.0.30", "2001:db8::-2001:db8::3"});
    CHECK(texts((a & b).ranges()) == std::vector<std::string>{"10.0.0.10-10.0.0.20", "2001:db8::2-2001:db8::2"});
    CHECK(texts((a - b).ranges()) ==
          std::vector<std::string>{"10.0.0.0-10.0.0.9", "2001:db8::-2001:db8::1", "2001:db8::3-2001:db8::3"});
    CHECK(texts((b - a).ranges()) == std::vector<std::string>{"10.0.0.21-10.0.0.30"});
    ip_set_builder c;
    c.add(a).intersect(b);
    CHECK(c.build() == (a & b));
    c.add("10.0.0.0/8"_prefix).remove(b);
    CHECK(c.build() == ip_set_builder().add("10.0.0.0/8"_prefix).build() - b);
}

// --- the laws against a model: 10.0.0.0/25 and 2001:db8::/121, 256 addresses ---

struct rng {
    std::uint64_t state;
    constexpr std::uint64_t next() {
        state ^= state << 13U;
        state ^= state >> 7U;
        state ^= state << 17U;
        return state;
    }
    constexpr unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
};

constexpr ip_address universe(unsigned i) {
    if (i < 128) return ipwire::ipv4_address(0x0A000000U + i);
    auto b = ("2001:db8::"_ipv6).to_bytes();
    b[15] = static_cast<std::uint8_t>(i - 128);
    return ipwire::ipv6_address(b);
}
constexpr ip_range random_range(rng& r) {
    const unsigned base = r.below(2) * 128;
    unsigned x = r.below(128), y = r.below(128);
    if (y < x) {
        const unsigned t = x;
        x = y;
        y = t;
    }
    if (r.below(4) == 0) y = x; // single addresses often
    return {universe(base + x), universe(base + y)};
}
using model = std::bitset<256>;
model apply(model m, const ip_range& range, bool remove) {
    for (unsigned i = 0; i < 256; ++i)
        if (range.contains(universe(i))) m.set(i, !remove);
    return m;
}
model model_of(const ip_set& s) {
    model m;
    for (unsigned i = 0; i < 256; ++i) m.set(i, s.contains(universe(i)));
    return m;
}
// ranges() ascending, disjoint, not adjacent; prefixes() covering the same.
bool well_formed(const ip_set& s) {
    ip_set_builder from_prefixes;
    std::vector<ip_range> ranges;
    for (const auto r : s.ranges()) ranges.push_back(r);
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        const auto& a = ranges[i - 1];
        const auto& b = ranges[i];
        if (a.first().is_v4() != b.first().is_v4()) continue;
        const auto after = a.last().next();
        if (!(a.last() < b.first()) || (after && *after == b.first())) return false;
    }
    for (const auto p : s.prefixes()) from_prefixes.add(p);
    return from_prefixes.build() == s;
}

TEST_CASE("ip_set laws against a bitset model: A u B >= A, (A \\ B) n B empty, and each op") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        rng r{seed};
        ip_set_builder ba, bb;
        model ma, mb;
        for (int i = 0; i < 12; ++i) {
            const auto range = random_range(r);
            const bool remove = r.below(3) == 0;
            if (remove)
                ba.remove(range);
            else
                ba.add(range);
            ma = apply(ma, range, remove);
            const auto other = random_range(r);
            bb.add(other);
            mb = apply(mb, other, false);
        }
        const ip_set a = ba.build(), b = bb.build();
        REQUIRE((model_of(a) == ma));
        REQUIRE((model_of(b) == mb));
        CHECK((model_of(a | b) == (ma | mb)));
        CHECK((model_of(a & b) == (ma & mb)));
        CHECK((model_of(a - b) == (ma & ~mb)));
        CHECK(((a | b) & a) == a);       // A u B contains A
        CHECK(((a - b) & b).empty());    // (A \ B) n B is empty
        CHECK(((a - b) | (a & b)) == a); // and the two parts give A back
        CHECK(well_formed(a));
        CHECK(well_formed(a - b));
        CHECK(!a.contains("10.0.0.128"_ip)); // outside the universe
    }
}

// --- static_ip_set ---

constexpr auto allow = static_ip_set<4>::from({"10.0.0.0/8"_prefix, "192.0.2.0/24"_prefix, "2001:db8::/32"_prefix,
                                               ip_range("10.20.30.40"_ip)})
                           .value();
static_assert(allow.range_count() == 3); // 10.20.30.40 is inside 10/8
static_assert(allow.contains("10.1.2.3"_ip) && allow.contains("192.0.2.255"_ip) && allow.contains("2001:db8::1"_ip));
static_assert(!allow.contains("11.0.0.0"_ip) && !allow.contains("192.0.3.0"_ip) && !allow.contains("2001:db9::"_ip));
static_assert(!allow.contains("::ffff:10.0.0.1"_ip));
static_assert(allow.contains("10.0.0.0-10.255.255.255"_ip_range) && !allow.contains("10.0.0.0-11.0.0.0"_ip_range));
static_assert(test_ranges::distance(allow.ranges()) == 3);
static_assert(*allow.ranges().begin() == "10.0.0.0-10.255.255.255"_ip_range);
static_assert(test_ranges::equal(allow.prefixes(),
                                 std::array{"10.0.0.0/8"_prefix, "192.0.2.0/24"_prefix, "2001:db8::/32"_prefix}));
// Capacity: counted after merging; exceeded is an error, never a truncation.
static_assert(static_ip_set<1>::from({"10.0.0.0/25"_prefix, "10.0.0.128/25"_prefix}).value().range_count() == 1);
static_assert(static_ip_set<1>::from({"10.0.0.0/25"_prefix, "::/0"_prefix}).error() == errc::set_capacity_exceeded);
static_assert(allow.with("172.16.0.0/12"_prefix).value().range_count() == 4);
static_assert(allow.with("172.16.0.0/12"_prefix).value().with("::1/128"_prefix).error() == errc::set_capacity_exceeded);
static_assert(allow.without("10.128.0.0/9"_prefix).value().range_count() == 3);
static_assert(allow.without("10.1.0.0/16"_prefix).value().range_count() == 4); // a hole splits 10/8
static_assert(allow.with("10.1.0.0/16"_prefix).value() == allow);
static_assert(static_ip_set<0>().empty() &&
              static_ip_set<0>().with("1.2.3.4/32"_prefix).error() == errc::set_capacity_exceeded);
static_assert(allow.without("0.0.0.0/0"_prefix).value().without("::/0"_prefix).value().empty());

// The laws under static_assert: static_ip_set against a constexpr bitset
// model of the same 256 addresses.
struct static_model {
    bool in[256] = {};
};
constexpr bool law_holds(std::uint64_t seed) {
    rng r{seed};
    static_ip_set<24> a, b;
    static_model ma, mb;
    for (int i = 0; i < 6; ++i) {
        const auto x = random_range(r);
        const bool remove = r.below(3) == 0;
        a = (remove ? a.without(x) : a.with(x)).value();
        const auto y = random_range(r);
        b = b.with(y).value();
        for (unsigned k = 0; k < 256; ++k) {
            if (x.contains(universe(k))) ma.in[k] = !remove;
            if (y.contains(universe(k))) mb.in[k] = true;
        }
    }
    // A u B (adding B's ranges to A) contains A; A \ B (removing them) meets B nowhere.
    auto a_or_b = a, a_minus_b = a;
    for (const auto y : b.ranges()) {
        a_or_b = a_or_b.with(y).value();
        a_minus_b = a_minus_b.without(y).value();
    }
    for (unsigned k = 0; k < 256; ++k) {
        const auto addr = universe(k);
        if (a.contains(addr) != ma.in[k] || b.contains(addr) != mb.in[k]) return false;
        if (a.contains(addr) && !a_or_b.contains(addr)) return false;
        if (a_minus_b.contains(addr) && b.contains(addr)) return false;
        if (a_or_b.contains(addr) != (ma.in[k] || mb.in[k])) return false;
        if (a_minus_b.contains(addr) != (ma.in[k] && !mb.in[k])) return false;
    }
    return true;
}
// One seed a static_assert: clang stops a constant evaluation at 2^20 steps.
static_assert(law_holds(1));
static_assert(law_holds(2));
static_assert(law_holds(3));

TEST_CASE("static_ip_set: the same laws at run time, and ip_set agrees with it") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        CAPTURE(seed);
        CHECK(law_holds(seed));
    }
    ip_set_builder b;
    for (const auto r : allow.ranges()) b.add(r);
    const ip_set s = b.build();
    CHECK(texts(s.ranges()) == texts(allow.ranges()));
    CHECK(texts(s.prefixes()) == texts(allow.prefixes()));
}

} // namespace
