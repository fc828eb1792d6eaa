// Tests for the address toolkit's first part (issue 14): next/prev/advanced/
// distance at both ends of each family, netmasks (from_netmask, hostmask,
// broadcast, RFC 3021 /31), and reverse-DNS names (RFC 1035 section 3.5,
// RFC 3596 section 2.5). Tables are checked by static_assert and by doctest.
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <algorithm>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace {

using ipwire::errc;
using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ipv4_address;
using ipwire::ipv4_prefix;
using ipwire::ipv6_address;
using ipwire::ipv6_prefix;
using namespace ipwire::literals;

constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();

// --- arithmetic -------------------------------------------------------------

struct step_row {
    ip_address from;
    std::int64_t n;
    std::optional<ip_address> to; // empty: errc::address_overflow
};

constexpr step_row step_rows[] = {
    {"0.0.0.0"_ip, 1, "0.0.0.1"_ip},
    {"0.0.0.0"_ip, -1, std::nullopt},
    {"0.0.0.0"_ip, 0xFFFFFFFF, "255.255.255.255"_ip},
    {"0.0.0.0"_ip, 0x100000000, std::nullopt},
    {"255.255.255.255"_ip, 1, std::nullopt},
    {"255.255.255.255"_ip, -std::int64_t{0xFFFFFFFF}, "0.0.0.0"_ip},
    {"255.255.255.255"_ip, -std::int64_t{0x100000000}, std::nullopt},
    {"192.0.2.255"_ip, 1, "192.0.3.0"_ip},
    {"192.0.3.0"_ip, -1, "192.0.2.255"_ip},
    {"10.0.0.0"_ip, i64_max, std::nullopt},
    {"10.0.0.0"_ip, i64_min, std::nullopt},
    {"::"_ip, 1, "::1"_ip},
    {"::"_ip, -1, std::nullopt},
    {"::"_ip, i64_max, "::7fff:ffff:ffff:ffff"_ip},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ip, 1, std::nullopt},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ip, i64_min, "ffff:ffff:ffff:ffff:7fff:ffff:ffff:ffff"_ip},
    {"::ffff:ffff:ffff:ffff"_ip, 1, "0:0:0:1::"_ip},  // carry into the upper 64 bits
    {"0:0:0:1::"_ip, -1, "::ffff:ffff:ffff:ffff"_ip}, // borrow from them
    {"2001:db8::ffff"_ip, 1, "2001:db8::1:0"_ip},
    {"::ffff:255.255.255.255"_ip, 1, "::1:0:0:0"_ip}, // IPv4-mapped stays IPv6
};

constexpr bool step_ok(const step_row& r) {
    const auto a = r.from.advanced(r.n);
    if (!r.to) return !a && a.error() == errc::address_overflow;
    return a && *a == *r.to;
}

constexpr bool all_steps() {
    for (const auto& r : step_rows)
        if (!step_ok(r)) return false;
    return true;
}
static_assert(all_steps());

TEST_CASE("advanced: both ends of each family, carries, never wraps") {
    for (const auto& r : step_rows) {
        CAPTURE(r.from.to_string());
        CAPTURE(r.n);
        CHECK(step_ok(r));
    }
}

static_assert(!"255.255.255.255"_ipv4.next());
static_assert(!"0.0.0.0"_ipv4.prev());
static_assert(*"192.0.2.1"_ipv4.next() == "192.0.2.2"_ipv4);
static_assert(*"192.0.2.1"_ipv4.prev() == "192.0.2.0"_ipv4);
static_assert(!"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6.next());
static_assert(!"::"_ipv6.prev());
// ip_address: families never mix at the ends.
static_assert(!"255.255.255.255"_ip.next());
static_assert(!"::"_ip.prev());
static_assert(!"0.0.0.0"_ip.prev());

TEST_CASE("next and prev: neighbours, empty past either end") {
    CHECK(*"10.0.0.255"_ipv4.next() == "10.0.1.0"_ipv4);
    CHECK_FALSE("255.255.255.255"_ipv4.next().has_value());
    CHECK_FALSE("0.0.0.0"_ipv4.prev().has_value());
    CHECK(*"fe80::ffff"_ipv6.next() == "fe80::1:0"_ipv6);
    CHECK_FALSE("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6.next().has_value());
    CHECK_FALSE("::"_ipv6.prev().has_value());
    CHECK(*"::"_ip.next() == "::1"_ip);
    CHECK(*"0.0.0.0"_ip.next() == "0.0.0.1"_ip);
    CHECK(("0.0.0.0"_ip.next())->is_v4());
    CHECK_FALSE("255.255.255.255"_ip.next().has_value());
}

TEST_CASE("zones: kept by arithmetic, ignored by distance") {
    const auto a = "fe80::1%eth0"_ipv6;
    CHECK(a.next()->zone() == "eth0");
    CHECK(a.prev()->zone() == "eth0");
    CHECK(a.advanced(16)->to_string() == "fe80::11%eth0");
    CHECK(*distance(a, "fe80::3"_ipv6) == 2);
    CHECK(*"fe80::1%eth0"_ip.next() == "fe80::2%eth0"_ip);
}

static_assert(distance("192.0.2.1"_ipv4, "192.0.2.9"_ipv4) == 8);
static_assert(distance("192.0.2.9"_ipv4, "192.0.2.1"_ipv4) == -8);
static_assert(distance("0.0.0.0"_ipv4, "255.255.255.255"_ipv4) == 0xFFFFFFFF);
static_assert(distance("255.255.255.255"_ipv4, "0.0.0.0"_ipv4) == -std::int64_t{0xFFFFFFFF});
static_assert(*distance("::"_ipv6, "::7fff:ffff:ffff:ffff"_ipv6) == i64_max);
static_assert(distance("::"_ipv6, "::8000:0:0:0"_ipv6).error() == errc::address_overflow);
static_assert(*distance("::8000:0:0:0"_ipv6, "::"_ipv6) == i64_min);
static_assert(distance("::8000:0:0:1"_ipv6, "::"_ipv6).error() == errc::address_overflow);
static_assert(distance("::"_ipv6, "1::"_ipv6).error() == errc::address_overflow);
static_assert(*distance("::ffff:ffff:ffff:ffff"_ipv6, "0:0:0:1::"_ipv6) == 1);
static_assert(*distance("10.0.0.1"_ip, "10.0.0.0"_ip) == -1);
static_assert(distance("10.0.0.1"_ip, "::1"_ip).error() == errc::address_family_mismatch);
static_assert(distance("::ffff:10.0.0.1"_ip, "10.0.0.1"_ip).error() == errc::address_family_mismatch);

TEST_CASE("distance: signed, IPv6 beyond int64 is an error, families do not mix") {
    CHECK(distance("10.0.0.0"_ipv4, "10.0.1.0"_ipv4) == 256);
    CHECK(*distance("2001:db8::"_ipv6, "2001:db8::1:0"_ipv6) == 65536);
    CHECK(distance("::"_ipv6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6).error() == errc::address_overflow);
    CHECK(distance("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6, "::"_ipv6).error() == errc::address_overflow);
    CHECK(distance("1.2.3.4"_ip, "::1"_ip).error() == errc::address_family_mismatch);
    // advanced and distance agree.
    const auto a = "2001:db8::ff00"_ipv6;
    CHECK(*distance(a, *a.advanced(-123456789)) == -123456789);
}

// --- masks -------------------------------------------------------------------

static_assert(*ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "255.255.255.0"_ipv4) == ipv4_prefix("10.1.2.3"_ipv4, 24));
static_assert(*ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "0.0.0.0"_ipv4) == ipv4_prefix("10.1.2.3"_ipv4, 0));
static_assert(*ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "255.255.255.255"_ipv4) == ipv4_prefix("10.1.2.3"_ipv4, 32));
static_assert(*ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "255.255.255.254"_ipv4) == ipv4_prefix("10.1.2.3"_ipv4, 31));
static_assert(ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "255.0.255.0"_ipv4).error() == errc::bad_netmask);
static_assert(ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "0.0.0.255"_ipv4).error() == errc::bad_netmask);
static_assert(ipv4_prefix::from_netmask("10.1.2.3"_ipv4, "255.255.255.253"_ipv4).error() == errc::bad_netmask);
static_assert(*ipv6_prefix::from_netmask("2001:db8::1"_ipv6, "ffff:ffff::"_ipv6) ==
              ipv6_prefix("2001:db8::1"_ipv6, 32));
static_assert(*ipv6_prefix::from_netmask("::"_ipv6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6) ==
              ipv6_prefix("::"_ipv6, 128));
static_assert(ipv6_prefix::from_netmask("::"_ipv6, "ffff:0:ffff::"_ipv6).error() == errc::bad_netmask);
static_assert(ipv6_prefix::from_netmask("::"_ipv6, "::1"_ipv6).error() == errc::bad_netmask);
static_assert(*ip_prefix::from_netmask("192.0.2.7"_ip, "255.255.255.248"_ip) == "192.0.2.7/29"_prefix);
static_assert(ip_prefix::from_netmask("192.0.2.7"_ip, "ffff::"_ip).error() == errc::address_family_mismatch);

static_assert(ipv4_prefix("10.0.0.0"_ipv4, 24).hostmask() == "0.0.0.255"_ipv4);
static_assert(ipv4_prefix("10.0.0.0"_ipv4, 0).hostmask() == "255.255.255.255"_ipv4);
static_assert(ipv4_prefix("10.0.0.0"_ipv4, 32).hostmask() == "0.0.0.0"_ipv4);
static_assert(ipv6_prefix("2001:db8::"_ipv6, 36).hostmask() == "0:0:fff:ffff:ffff:ffff:ffff:ffff"_ipv6);
static_assert("2001:db8::/128"_prefix.hostmask() == "::"_ip);
static_assert(ipv4_prefix("192.0.2.9"_ipv4, 29).broadcast() == "192.0.2.15"_ipv4);
static_assert(ipv4_prefix("0.0.0.0"_ipv4, 0).broadcast() == "255.255.255.255"_ipv4);
// RFC 3021: a /31 has no broadcast in use; broadcast() gives its last address.
static_assert(ipv4_prefix("192.0.2.0"_ipv4, 31).broadcast() == "192.0.2.1"_ipv4);
static_assert(ipv4_prefix("192.0.2.5"_ipv4, 32).broadcast() == "192.0.2.5"_ipv4);
template <class P>
concept has_broadcast = requires(P p) {
    p.broadcast();
};
static_assert(has_broadcast<ipv4_prefix> && !has_broadcast<ipv6_prefix>);

TEST_CASE("from_netmask: every contiguous IPv4 mask gives its length, a hole is bad_netmask") {
    for (unsigned length = 0; length <= 32; ++length) {
        const ipv4_prefix p(ipv4_address(0xC0000201U), static_cast<std::uint8_t>(length));
        const auto q = ipv4_prefix::from_netmask(p.address(), p.netmask());
        REQUIRE(q);
        CHECK(*q == p);
        CHECK((p.netmask().to_uint32() ^ p.hostmask().to_uint32()) == 0xFFFFFFFFU);
        // Every single-bit hole inside the mask is rejected.
        for (unsigned bit = 32 - length + 1; bit < 32; ++bit) {
            const ipv4_address holed(p.netmask().to_uint32() & ~(1U << bit));
            CHECK(ipv4_prefix::from_netmask(p.address(), holed).error() == errc::bad_netmask);
        }
    }
    CHECK(ipv4_prefix::from_netmask("10.0.0.1"_ipv4, "255.255.0.255"_ipv4).error() == errc::bad_netmask);
    CHECK(ipv6_prefix::from_netmask("2001:db8::"_ipv6, "ffff:ffff:ffff:ffff::"_ipv6)->length() == 64);
    CHECK(ipv4_prefix("10.9.8.7"_ipv4, 20).broadcast() == "10.9.15.255"_ipv4);
    CHECK(ipv6_prefix("fe80::"_ipv6, 10).hostmask().to_string() == "3f:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

// --- reverse DNS ----------------------------------------------------------------

constexpr bool reverse_is(const ip_address& a, std::string_view expected) {
    char buffer[ip_address::reverse_pointer_max_length] = {};
    const auto r = a.reverse_pointer_to_chars(buffer, buffer + sizeof buffer);
    return r.ec == std::errc{} && std::string_view(buffer, static_cast<std::size_t>(r.ptr - buffer)) == expected;
}
static_assert(reverse_is("192.0.2.1"_ip, "1.2.0.192.in-addr.arpa"));
static_assert(reverse_is("255.255.255.255"_ip, "255.255.255.255.in-addr.arpa"));
static_assert(reverse_is("0.0.0.0"_ip, "0.0.0.0.in-addr.arpa"));
// RFC 3596 section 2.5's example, 4321:0:1:2:3:4:567:89ab.
static_assert(reverse_is("4321:0:1:2:3:4:567:89ab"_ip,
                         "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa"));
static_assert(reverse_is("fe80::1%eth0"_ip,
                         "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa"));
static_assert(ipv4_address::reverse_pointer_max_length == 28);
static_assert(ipv6_address::reverse_pointer_max_length == 72);

TEST_CASE("reverse_pointer: names, and all or nothing when the buffer is short") {
    CHECK("192.0.2.1"_ipv4.reverse_pointer() == "1.2.0.192.in-addr.arpa");
    CHECK("255.255.255.255"_ipv4.reverse_pointer().size() == ipv4_address::reverse_pointer_max_length);
    CHECK("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6.reverse_pointer().size() ==
          ipv6_address::reverse_pointer_max_length);
    CHECK("2001:db8::567:89AB"_ip.reverse_pointer() ==
          "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    CHECK("10.0.0.1"_ip.reverse_pointer() == "1.0.0.10.in-addr.arpa");

    const std::string_view v4 = "1.2.0.192.in-addr.arpa";
    char buffer[80];
    for (std::size_t size = 0; size < v4.size(); ++size) {
        std::fill(std::begin(buffer), std::end(buffer), '#');
        const auto r = "192.0.2.1"_ipv4.reverse_pointer_to_chars(buffer, buffer + size);
        CHECK(r.ec == std::errc::value_too_large);
        CHECK(r.ptr == buffer + size);
        CHECK(std::string_view(buffer, 80) == std::string(80, '#'));
    }
    const auto whole = "192.0.2.1"_ipv4.reverse_pointer_to_chars(buffer, buffer + v4.size());
    CHECK(whole.ec == std::errc{});
    CHECK(std::string_view(buffer, v4.size()) == v4);
    std::fill(std::begin(buffer), std::end(buffer), '#');
    const auto short6 = "::1"_ipv6.reverse_pointer_to_chars(buffer, buffer + 71);
    CHECK(short6.ec == std::errc::value_too_large);
    CHECK(buffer[0] == '#');
}

} // namespace
