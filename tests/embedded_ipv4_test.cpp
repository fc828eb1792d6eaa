// Tests for IPv4 embedded in IPv6 (issue 14): the RFC 6052 section 2.4 table
// for nat64_embed / nat64_extract, Teredo (RFC 4380 section 4, its example
// address) and 6to4 (RFC 3056), in static_assert and doctest.
#include <ipwire/embedded_ipv4.hpp>
#include <ipwire/literals.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>

namespace {

using ipwire::errc;
using ipwire::ipv4_address;
using ipwire::ipv6_address;
using ipwire::ipv6_prefix;
using ipwire::nat64_embed;
using ipwire::nat64_extract;
using ipwire::teredo_parts;
using namespace ipwire::literals;

struct nat64_row {
    ipv6_prefix prefix;
    ipv6_address embedded; // of 192.0.2.33
};

constexpr ipv6_prefix p6(ipv6_address a, std::uint8_t length) { return {a, length}; }

// RFC 6052 section 2.4, Table 1 (192.0.2.33), plus the well-known prefix (section 2.1).
constexpr nat64_row nat64_rows[] = {
    {p6("2001:db8::"_ipv6, 32), "2001:db8:c000:221::"_ipv6},
    {p6("2001:db8:100::"_ipv6, 40), "2001:db8:1c0:2:21::"_ipv6},
    {p6("2001:db8:122::"_ipv6, 48), "2001:db8:122:c000:2:2100::"_ipv6},
    {p6("2001:db8:122:300::"_ipv6, 56), "2001:db8:122:3c0:0:221::"_ipv6},
    {p6("2001:db8:122:344::"_ipv6, 64), "2001:db8:122:344:c0:2:2100:0"_ipv6},
    {p6("2001:db8:122:344::"_ipv6, 96), "2001:db8:122:344::192.0.2.33"_ipv6},
    {p6("64:ff9b::"_ipv6, 96), "64:ff9b::c000:221"_ipv6},
};

constexpr bool nat64_ok(const nat64_row& r) {
    const auto e = nat64_embed(r.prefix, "192.0.2.33"_ipv4);
    const auto x = nat64_extract(r.prefix, r.embedded);
    return e && *e == r.embedded && x && *x == "192.0.2.33"_ipv4;
}
constexpr bool all_nat64() {
    for (const auto& r : nat64_rows)
        if (!nat64_ok(r)) return false;
    return true;
}
static_assert(all_nat64());

// The u-octet (bits 64-71) is zero at every length up to 64, even under a
// prefix with host bits set; for /96 those bits belong to the prefix.
constexpr bool u_octet_zero() {
    for (const auto& r : nat64_rows) {
        if (r.prefix.length() == 96) continue;
        const auto e =
            nat64_embed(p6("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"_ipv6, r.prefix.length()), "255.255.255.255"_ipv4);
        if (!e || e->to_bytes()[8] != 0) return false;
    }
    return true;
}
static_assert(u_octet_zero());

static_assert(nat64_embed(p6("2001:db8::"_ipv6, 33), "192.0.2.33"_ipv4).error() == errc::bad_nat64_prefix_length);
static_assert(nat64_embed(p6("::"_ipv6, 0), "192.0.2.33"_ipv4).error() == errc::bad_nat64_prefix_length);
static_assert(nat64_embed(p6("::"_ipv6, 128), "192.0.2.33"_ipv4).error() == errc::bad_nat64_prefix_length);
static_assert(nat64_extract(p6("2001:db8::"_ipv6, 72), "2001:db8::"_ipv6).error() == errc::bad_nat64_prefix_length);
static_assert(nat64_extract(p6("64:ff9b::"_ipv6, 96), "64:ff9c::1"_ipv6).error() == errc::not_in_prefix);

// nat64_extract refuses an address whose u-octet is set (RFC 6052 section 2.2:
// bits 64-71 MUST be zero): below /96 as nonzero_u_octet; at /96 the bits are
// the prefix's, so the address is outside a conforming prefix.
static_assert(nat64_extract(p6("2001:db8:100::"_ipv6, 40), "2001:db8:1c0:2:121::"_ipv6).error() ==
              errc::nonzero_u_octet);
static_assert(nat64_extract(p6("2001:db8::"_ipv6, 32), "2001:db8:c000:221:ff00::"_ipv6).error() ==
              errc::nonzero_u_octet);
static_assert(nat64_extract(p6("64:ff9b::"_ipv6, 96), "64:ff9b:0:0:100::c000:221"_ipv6).error() == errc::not_in_prefix);
static_assert(nat64_extract(p6("64:ff9b:0:0:100::"_ipv6, 96), "64:ff9b:0:0:100::c000:221"_ipv6).error() ==
              errc::nonzero_u_octet);
// The suffix (after the IPv4 bits) is only a SHOULD: not checked.
static_assert(*nat64_extract(p6("2001:db8:100::"_ipv6, 40), "2001:db8:1c0:2:21::1"_ipv6) == "192.0.2.33"_ipv4);

// Every row of Table 1 with each bit of its u-octet set in turn.
constexpr bool u_octet_refused() {
    for (const auto& r : nat64_rows) {
        for (unsigned bit = 0; bit < 8; ++bit) {
            auto b = r.embedded.to_bytes();
            b[8] = static_cast<std::uint8_t>(b[8] | (1U << bit));
            const auto x = nat64_extract(r.prefix, ipv6_address(b));
            const errc want = r.prefix.length() == 96 ? errc::not_in_prefix : errc::nonzero_u_octet;
            if (x.error() != want) return false;
        }
    }
    return true;
}
static_assert(u_octet_refused());

TEST_CASE("nat64_extract: a set u-octet is refused at every RFC 6052 length") {
    CHECK(u_octet_refused());
    for (const auto& r : nat64_rows) {
        CAPTURE(r.prefix.to_string());
        auto b = r.embedded.to_bytes();
        b[8] = 0x80;
        const auto x = nat64_extract(r.prefix, ipv6_address(b));
        CHECK(ipwire::to_string(x.error()) ==
              ipwire::to_string(r.prefix.length() == 96 ? errc::not_in_prefix : errc::nonzero_u_octet));
    }
}

TEST_CASE("nat64: RFC 6052 table 1 both ways, other lengths refused") {
    for (const auto& r : nat64_rows) {
        CAPTURE(r.prefix.to_string());
        const auto e = nat64_embed(r.prefix, "192.0.2.33"_ipv4);
        REQUIRE(e);
        CHECK(e->to_string() == r.embedded.to_string());
        CHECK(*nat64_extract(r.prefix, r.embedded) == "192.0.2.33"_ipv4);
        // Both ends of IPv4 round-trip.
        for (const auto v4 : {"0.0.0.0"_ipv4, "255.255.255.255"_ipv4, "10.20.30.40"_ipv4})
            CHECK(*nat64_extract(r.prefix, *nat64_embed(r.prefix, v4)) == v4);
    }
    for (unsigned length = 0; length <= 128; ++length) {
        const bool defined =
            length == 32 || length == 40 || length == 48 || length == 56 || length == 64 || length == 96;
        const auto e = nat64_embed(p6("64:ff9b::"_ipv6, static_cast<std::uint8_t>(length)), "192.0.2.1"_ipv4);
        CHECK(e.has_value() == defined);
        if (!defined) CHECK(e.error() == errc::bad_nat64_prefix_length);
    }
}

// RFC 4380 section 4's example: server 65.54.227.120, cone flag, client
// 192.0.2.45 on port 40000.
constexpr auto teredo_example = "2001:0:4136:e378:8000:63bf:3fff:fdd2"_ipv6;
static_assert(teredo_example.teredo() == teredo_parts{"65.54.227.120"_ipv4, "192.0.2.45"_ipv4, 40000, 0x8000});
static_assert(!"2001:1::1"_ipv6.teredo());
static_assert(!"2002::1"_ipv6.teredo());
static_assert("2001::ffff:ffff:ffff"_ipv6.teredo() == teredo_parts{"0.0.0.0"_ipv4, "0.0.0.0"_ipv4, 0, 0});
static_assert("2001:0:ffff:ffff:ffff::"_ipv6.teredo() ==
              teredo_parts{"255.255.255.255"_ipv4, "255.255.255.255"_ipv4, 0xFFFF, 0xFFFF});

static_assert("2002:c000:221::1"_ipv6.sixtofour() == "192.0.2.33"_ipv4);
static_assert("2002:ffff:ffff::"_ipv6.sixtofour() == "255.255.255.255"_ipv4);
static_assert("2002::"_ipv6.sixtofour() == "0.0.0.0"_ipv4);
static_assert(!"2003::"_ipv6.sixtofour());
static_assert(!"2001:db8::"_ipv6.sixtofour());

TEST_CASE("teredo and sixtofour") {
    const auto t = teredo_example.teredo();
    REQUIRE(t);
    CHECK(t->server == "65.54.227.120"_ipv4);
    CHECK(t->client == "192.0.2.45"_ipv4);
    CHECK(t->port == 40000);
    CHECK(t->flags == 0x8000);
    CHECK_FALSE("2001:db8::1"_ipv6.teredo().has_value()); // 2001:db8::/32 is not 2001::/32
    CHECK_FALSE("::ffff:1.2.3.4"_ipv6.teredo().has_value());
    CHECK(*"2002:c633:6401::1"_ipv6.sixtofour() == "198.51.100.1"_ipv4);
    CHECK_FALSE("2002::"_ipv6.prev()->sixtofour().has_value());
}

} // namespace
