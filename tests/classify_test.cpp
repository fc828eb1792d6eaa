// Classification of addresses (is_global and the other predicates of
// ipwire/ipv4.hpp, ipv6.hpp and ip.hpp) and the IANA special-purpose registries
// behind is_global (ipwire/detail/special_purpose.hpp): every registry row at
// its first and last address and, when nested, just outside.
#include <ipwire/detail/special_purpose.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

namespace {

using ipwire::ip_address;
using ipwire::ipv4_address;
using ipwire::ipv6_address;
using ipwire::multicast_scope;
using ipwire::detail::ipv4_special_registry;
using ipwire::detail::ipv6_special_registry;

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------------------
// is_global against the registries' "Globally Reachable" column. The expected
// column is written from the IANA registries, not computed from the header.

struct global_row {
    std::string_view text;
    bool global;
};

constexpr global_row v4_global_rows[] = {
    // 0.0.0.0/8 "this network"; 0.0.0.0/32 "this host" inside it.
    {"0.0.0.0", false},
    {"0.0.0.1", false},
    {"0.255.255.255", false},
    {"1.0.0.0", true},
    // 10.0.0.0/8 private use.
    {"9.255.255.255", true},
    {"10.0.0.0", false},
    {"10.255.255.255", false},
    {"11.0.0.0", true},
    // 100.64.0.0/10 shared address space.
    {"100.63.255.255", true},
    {"100.64.0.0", false},
    {"100.127.255.255", false},
    {"100.128.0.0", true},
    // 127.0.0.0/8 loopback.
    {"126.255.255.255", true},
    {"127.0.0.0", false},
    {"127.255.255.255", false},
    {"128.0.0.0", true},
    // 169.254.0.0/16 link local.
    {"169.253.255.255", true},
    {"169.254.0.0", false},
    {"169.254.255.255", false},
    {"169.255.0.0", true},
    // 172.16.0.0/12 private use.
    {"172.15.255.255", true},
    {"172.16.0.0", false},
    {"172.31.255.255", false},
    {"172.32.0.0", true},
    // 192.0.0.0/24 IETF protocol assignments, and the rows inside it:
    // /29 service continuity, .8 dummy, .9 PCP anycast, .10 TURN anycast,
    // .170 and .171 NAT64/DNS64 discovery.
    {"191.255.255.255", true},
    {"192.0.0.0", false},
    {"192.0.0.7", false},
    {"192.0.0.8", false},
    {"192.0.0.9", true},
    {"192.0.0.10", true},
    {"192.0.0.11", false},
    {"192.0.0.169", false},
    {"192.0.0.170", false},
    {"192.0.0.171", false},
    {"192.0.0.172", false},
    {"192.0.0.255", false},
    {"192.0.1.0", true},
    // 192.0.2.0/24 TEST-NET-1.
    {"192.0.1.255", true},
    {"192.0.2.0", false},
    {"192.0.2.255", false},
    {"192.0.3.0", true},
    // 192.31.196.0/24 AS112-v4.
    {"192.31.195.255", true},
    {"192.31.196.0", true},
    {"192.31.196.255", true},
    {"192.31.197.0", true},
    // 192.52.193.0/24 AMT.
    {"192.52.193.0", true},
    {"192.52.193.255", true},
    // 192.88.99.0/24, the deprecated 6to4 relay anycast: "N/A", no row.
    {"192.88.99.1", true},
    // 192.168.0.0/16 private use.
    {"192.167.255.255", true},
    {"192.168.0.0", false},
    {"192.168.255.255", false},
    {"192.169.0.0", true},
    // 192.175.48.0/24 AS112 direct delegation.
    {"192.175.48.0", true},
    {"192.175.48.255", true},
    // 198.18.0.0/15 benchmarking.
    {"198.17.255.255", true},
    {"198.18.0.0", false},
    {"198.19.255.255", false},
    {"198.20.0.0", true},
    // 198.51.100.0/24 TEST-NET-2.
    {"198.51.99.255", true},
    {"198.51.100.0", false},
    {"198.51.100.255", false},
    {"198.51.101.0", true},
    // 203.0.113.0/24 TEST-NET-3.
    {"203.0.112.255", true},
    {"203.0.113.0", false},
    {"203.0.113.255", false},
    {"203.0.114.0", true},
    // 240.0.0.0/4 reserved, and 255.255.255.255/32 limited broadcast inside it.
    // Just below: 239/8, administratively scoped multicast (RFC 2365).
    {"239.255.255.255", false},
    {"240.0.0.0", false},
    {"255.255.255.254", false},
    {"255.255.255.255", false},
    // Multicast is outside the registry: global unless local (RFC 5771, 2365).
    {"224.0.0.0", false},
    {"224.0.0.255", false},
    {"224.0.1.0", true},
    {"238.255.255.255", true},
    {"239.0.0.0", false},
    // Ordinary unicast.
    {"8.8.8.8", true},
    {"223.255.255.255", true},
};

constexpr global_row v6_global_rows[] = {
    // ::/128 unspecified, ::1/128 loopback. No row covers ::2 (the deprecated
    // IPv4-compatible space has none), so it is reachable by default.
    {"::", false},
    {"::1", false},
    {"::2", true},
    // ::ffff:0:0/96 IPv4-mapped: is_global answers as the IPv4 address.
    {"::fffe:ffff:ffff", true},
    {"::ffff:0.0.0.0", false},
    {"::ffff:8.8.8.8", true},
    {"::ffff:255.255.255.255", false},
    {"::1:0:0:0", true},
    // 64:ff9b::/96 translation (global); 64:ff9b:1::/48 local-use (not).
    {"64:ff9a:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"64:ff9b::", true},
    {"64:ff9b::ffff:ffff", true},
    {"64:ff9b::1:0:0", true},
    {"64:ff9b:0:ffff:ffff:ffff:ffff:ffff", true},
    {"64:ff9b:1::", false},
    {"64:ff9b:1:ffff:ffff:ffff:ffff:ffff", false},
    {"64:ff9b:2::", true},
    // 100::/64 discard-only; 100:0:0:1::/64 dummy prefix (RFC 9780).
    {"ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"100::", false},
    {"100::ffff:ffff:ffff:ffff", false},
    {"100:0:0:1::", false},
    {"100::1:ffff:ffff:ffff:ffff", false},
    {"100:0:0:2::", true},
    // 2001::/23 IETF protocol assignments, and the rows inside it.
    {"2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"2001::", false},
    {"2001:0:4136:e378:8000:63bf:3fff:fdd2", false}, // Teredo, "N/A": the /23 answers
    {"2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:200::", true},
    // 2001:1::1, ::2, ::3 anycast (PCP, TURN, DNS-SD SRP) are global.
    {"2001:1::", false},
    {"2001:1::1", true},
    {"2001:1::2", true},
    {"2001:1::3", true},
    {"2001:1::4", false},
    // 2001:2::/48 benchmarking.
    {"2001:1:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:2::", false},
    {"2001:2:0:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:2:1::", false},
    // 2001:3::/32 AMT.
    {"2001:2:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:3::", true},
    {"2001:3:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"2001:4::", false},
    // 2001:4:112::/48 AS112-v6.
    {"2001:4:111:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:4:112::", true},
    {"2001:4:112:ffff:ffff:ffff:ffff:ffff", true},
    {"2001:4:113::", false},
    // 2001:10::/28 deprecated ORCHID is "N/A": the /23 answers.
    {"2001:10::1", false},
    // 2001:20::/28 ORCHIDv2, then 2001:30::/28 drone remote ID right after it.
    {"2001:1f:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:20::", true},
    {"2001:2f:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"2001:30::", true},
    {"2001:3f:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"2001:40::", false},
    // 2001:db8::/32 documentation (outside 2001::/23).
    {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"2001:db8::", false},
    {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"2001:db9::", true},
    // 2002::/16 6to4 is "N/A", no row.
    {"2002:c000:204::1", true},
    // 2620:4f:8000::/48 AS112 direct delegation.
    {"2620:4f:7fff:ffff:ffff:ffff:ffff:ffff", true},
    {"2620:4f:8000::", true},
    {"2620:4f:8000:ffff:ffff:ffff:ffff:ffff", true},
    {"2620:4f:8001::", true},
    // 3fff::/20 documentation (RFC 9637).
    {"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"3fff::", false},
    {"3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"3fff:1000::", true},
    // 5f00::/16 SRv6 SIDs (RFC 9602).
    {"5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"5f00::", false},
    {"5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"5f01::", true},
    // fc00::/7 unique local.
    {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"fc00::", false},
    {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"fe00::", true},
    // fe80::/10 link-local unicast.
    {"fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true},
    {"fe80::", false},
    {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false},
    {"fec0::", true},
    // Multicast: global when its scope is.
    {"ff0e::1", true},
    {"ff1e::1", true},
    {"ff02::1", false},
    {"ff05::2", false},
    {"ff08::1", false},
    // Ordinary unicast.
    {"2001:4860:4860::8888", true},
    {"2a00:1450::1", true},
};

template <class Address, std::size_t N>
constexpr std::array<Address, N> parse_all(const global_row (&rows)[N]) {
    std::array<Address, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = Address::parse(rows[i].text).value();
    return out;
}
// Parsed once; .value() on a bad row fails the constant evaluation.
constexpr auto v4_global_addresses = parse_all<ipv4_address>(v4_global_rows);
constexpr auto v6_global_addresses = parse_all<ipv6_address>(v6_global_rows);

template <class Address, std::size_t N>
constexpr int first_wrong_global(const global_row (&rows)[N], const std::array<Address, N>& addresses) {
    for (std::size_t i = 0; i < N; ++i)
        if (addresses[i].is_global() != rows[i].global) return static_cast<int>(i);
    return -1;
}
static_assert(first_wrong_global(v4_global_rows, v4_global_addresses) == -1);
static_assert(first_wrong_global(v6_global_rows, v6_global_addresses) == -1);

// The tables cover the registries: for every row its first and last address,
// and, for a row nested in a larger one, the addresses just outside it that
// the larger row still holds.
constexpr std::uint32_t last_of(const ipwire::detail::ipv4_special_row& row) {
    return row.length == 32 ? row.network : row.network | (0xFFFFFFFFU >> row.length);
}
constexpr ipv6_address::bytes_type last_of(const ipwire::detail::ipv6_special_row& row) {
    auto bytes = row.network;
    for (unsigned bit = row.length; bit < 128; ++bit)
        bytes[bit / 8] = static_cast<std::uint8_t>(bytes[bit / 8] | (0x80U >> (bit % 8)));
    return bytes;
}
// The neighbour of an address (+1 or -1, wrapping).
constexpr std::uint32_t step(std::uint32_t a, int by) { return by > 0 ? a + 1 : a - 1; }
constexpr ipv6_address::bytes_type step(ipv6_address::bytes_type a, int by) {
    for (std::size_t i = 16; i-- > 0;) {
        const bool carry = by > 0 ? a[i] == 0xFF : a[i] == 0x00;
        a[i] = static_cast<std::uint8_t>(by > 0 ? a[i] + 1 : a[i] - 1);
        if (!carry) break;
    }
    return a;
}
constexpr bool has_host_bits(const ipwire::detail::ipv4_special_row& row) {
    return row.length == 0 ? row.network != 0 : row.length < 32 && (row.network & (0xFFFFFFFFU >> row.length)) != 0;
}
constexpr bool has_host_bits(const ipwire::detail::ipv6_special_row& row) {
    for (unsigned bit = row.length; bit < 128; ++bit)
        if ((row.network[bit / 8] & (0x80U >> (bit % 8))) != 0) return true;
    return false;
}

template <class Address, class Value, std::size_t N>
constexpr bool listed(const std::array<Address, N>& addresses, const Value& value) {
    for (const auto& a : addresses)
        if (Address(value) == a) return true;
    return false;
}

// Returns the index of the first registry row the table does not cover, or -1.
template <class Address, class Row, std::size_t R, std::size_t N>
constexpr int first_uncovered(const Row (&registry)[R], const std::array<Address, N>& addresses) {
    for (std::size_t i = 0; i < R; ++i) {
        const Row& row = registry[i];
        if (has_host_bits(row)) return static_cast<int>(i);
        const auto first = row.network;
        const auto last = last_of(row);
        if (!listed<Address>(addresses, first) || !listed<Address>(addresses, last)) return static_cast<int>(i);
        for (const Row& outer : registry) {
            if (outer.length >= row.length || !ipwire::detail::same_prefix(row.network, outer.network, outer.length))
                continue;
            const auto below = step(first, -1);
            const auto above = step(last, +1);
            if (ipwire::detail::same_prefix(below, outer.network, outer.length) && !listed<Address>(addresses, below))
                return static_cast<int>(i);
            if (ipwire::detail::same_prefix(above, outer.network, outer.length) && !listed<Address>(addresses, above))
                return static_cast<int>(i);
        }
    }
    return -1;
}
static_assert(first_uncovered(ipv4_special_registry, v4_global_addresses) == -1);
static_assert(first_uncovered(ipv6_special_registry, v6_global_addresses) == -1);

TEST_CASE("is_global: every IPv4 special-purpose row at its edges") {
    CHECK(first_uncovered(ipv4_special_registry, v4_global_addresses) == -1);
    for (const auto& row : v4_global_rows) {
        CAPTURE(row.text);
        const auto parsed = ipv4_address::parse(row.text);
        REQUIRE(parsed.has_value());
        CHECK(parsed->is_global() == row.global);
        CHECK(ip_address(*parsed).is_global() == row.global);
        // The mapped form answers the same.
        CHECK(ipv6_address::v4_mapped(*parsed).is_global() == row.global);
    }
}

TEST_CASE("is_global: every IPv6 special-purpose row at its edges") {
    CHECK(first_uncovered(ipv6_special_registry, v6_global_addresses) == -1);
    for (const auto& row : v6_global_rows) {
        CAPTURE(row.text);
        const auto parsed = ipv6_address::parse(row.text);
        REQUIRE(parsed.has_value());
        CHECK(parsed->is_global() == row.global);
        CHECK(ip_address(*parsed).is_global() == row.global);
    }
}

// The registry row for ::ffff:0:0/96 says "not reachable", but is_global asks
// the IPv4 address instead; the raw registry lookup shows the difference.
static_assert(!ipwire::detail::globally_reachable(ipv6_special_registry,
                                                  ipv6_address::v4_mapped(ipv4_address(0x08080808U)).to_bytes()));
static_assert(ipv6_address::v4_mapped(ipv4_address(0x08080808U)).is_global());
// The most specific row decides; no row means reachable.
static_assert(ipwire::detail::globally_reachable(ipv4_special_registry, 0xC0000009U));
static_assert(!ipwire::detail::globally_reachable(ipv4_special_registry, 0xC0000008U));
static_assert(ipwire::detail::globally_reachable(ipv4_special_registry, 0x08080808U));

// ---------------------------------------------------------------------------
// Every predicate, as a set of flags per address

// One bit per predicate; a row lists the predicates that hold.
namespace is {
constexpr unsigned none = 0;
constexpr unsigned unspecified = 1U << 0U;
constexpr unsigned loopback = 1U << 1U;
constexpr unsigned multicast = 1U << 2U;
constexpr unsigned link_local = 1U << 3U;
constexpr unsigned link_local_multicast = 1U << 4U;
constexpr unsigned private_use = 1U << 5U;
constexpr unsigned shared = 1U << 6U;
constexpr unsigned documentation = 1U << 7U;
constexpr unsigned benchmarking = 1U << 8U;
constexpr unsigned reserved = 1U << 9U;
constexpr unsigned broadcast = 1U << 10U;
constexpr unsigned global = 1U << 11U;
constexpr unsigned v4_mapped = 1U << 12U;
constexpr unsigned unique_local = 1U << 13U;
// The predicates ipv6_address and ip_address share with ipv4_address.
constexpr unsigned common = unspecified | loopback | multicast | link_local | link_local_multicast | private_use |
                            documentation | benchmarking | global;
} // namespace is

constexpr unsigned flags_of(const ipv4_address& a) {
    return (a.is_unspecified() ? is::unspecified : 0U) | (a.is_loopback() ? is::loopback : 0U) |
           (a.is_multicast() ? is::multicast : 0U) | (a.is_link_local() ? is::link_local : 0U) |
           (a.is_link_local_multicast() ? is::link_local_multicast : 0U) | (a.is_private() ? is::private_use : 0U) |
           (a.is_shared() ? is::shared : 0U) | (a.is_documentation() ? is::documentation : 0U) |
           (a.is_benchmarking() ? is::benchmarking : 0U) | (a.is_reserved() ? is::reserved : 0U) |
           (a.is_broadcast() ? is::broadcast : 0U) | (a.is_global() ? is::global : 0U);
}
constexpr unsigned flags_of(const ipv6_address& a) {
    return (a.is_unspecified() ? is::unspecified : 0U) | (a.is_loopback() ? is::loopback : 0U) |
           (a.is_multicast() ? is::multicast : 0U) | (a.is_link_local() ? is::link_local : 0U) |
           (a.is_link_local_multicast() ? is::link_local_multicast : 0U) | (a.is_private() ? is::private_use : 0U) |
           (a.is_documentation() ? is::documentation : 0U) | (a.is_benchmarking() ? is::benchmarking : 0U) |
           (a.is_global() ? is::global : 0U) | (a.is_v4_mapped() ? is::v4_mapped : 0U) |
           (a.is_unique_local() ? is::unique_local : 0U);
}
constexpr unsigned flags_of(const ip_address& a) {
    return (a.is_unspecified() ? is::unspecified : 0U) | (a.is_loopback() ? is::loopback : 0U) |
           (a.is_multicast() ? is::multicast : 0U) | (a.is_link_local() ? is::link_local : 0U) |
           (a.is_link_local_multicast() ? is::link_local_multicast : 0U) | (a.is_private() ? is::private_use : 0U) |
           (a.is_documentation() ? is::documentation : 0U) | (a.is_benchmarking() ? is::benchmarking : 0U) |
           (a.is_global() ? is::global : 0U);
}

struct flags_row {
    std::string_view text;
    unsigned flags;
};

constexpr flags_row v4_flag_rows[] = {
    {"0.0.0.0", is::unspecified},
    {"0.0.0.1", is::none},
    {"0.255.255.255", is::none},
    {"1.1.1.1", is::global},
    {"8.8.8.8", is::global},
    {"10.0.0.0", is::private_use},
    {"10.255.255.255", is::private_use},
    {"172.15.255.255", is::global},
    {"172.16.0.0", is::private_use},
    {"172.31.255.255", is::private_use},
    {"172.32.0.0", is::global},
    {"192.168.0.0", is::private_use},
    {"192.168.255.255", is::private_use},
    // RFC 6598 shared space: neither private nor global.
    {"100.63.255.255", is::global},
    {"100.64.0.0", is::shared},
    {"100.127.255.255", is::shared},
    {"100.128.0.0", is::global},
    {"127.0.0.0", is::loopback},
    {"127.0.0.1", is::loopback},
    {"127.255.255.255", is::loopback},
    {"128.0.0.0", is::global},
    {"169.253.255.255", is::global},
    {"169.254.0.0", is::link_local},
    {"169.254.255.255", is::link_local},
    {"169.255.0.0", is::global},
    {"192.0.0.8", is::none},
    {"192.0.0.9", is::global},
    {"192.0.0.10", is::global},
    {"192.0.2.0", is::documentation},
    {"192.0.2.255", is::documentation},
    {"192.0.3.0", is::global},
    {"198.51.100.0", is::documentation},
    {"198.51.100.255", is::documentation},
    {"203.0.113.0", is::documentation},
    {"203.0.113.255", is::documentation},
    {"203.0.114.0", is::global},
    {"198.17.255.255", is::global},
    {"198.18.0.0", is::benchmarking},
    {"198.19.255.255", is::benchmarking},
    {"198.20.0.0", is::global},
    {"223.255.255.255", is::global},
    {"224.0.0.0", is::multicast | is::link_local_multicast},
    {"224.0.0.1", is::multicast | is::link_local_multicast},
    {"224.0.0.255", is::multicast | is::link_local_multicast},
    {"224.0.1.0", is::multicast | is::global},
    {"233.252.0.1", is::multicast | is::global},
    {"239.0.0.0", is::multicast},
    {"239.255.255.250", is::multicast},
    {"239.255.255.255", is::multicast},
    {"240.0.0.0", is::reserved},
    {"255.255.255.254", is::reserved},
    {"255.255.255.255", is::reserved | is::broadcast},
};

constexpr flags_row v6_flag_rows[] = {
    {"::", is::unspecified},
    {"::1", is::loopback},
    {"::2", is::global},
    {"::1.2.3.4", is::global}, // IPv4-compatible: not mapped, no registry row
    {"fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", is::global},
    {"fe80::", is::link_local},
    {"fe80::1", is::link_local},
    {"fe80::1%eth0", is::link_local},
    {"febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", is::link_local},
    {"fec0::1", is::global}, // deprecated site-local, not link-local
    {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", is::global},
    {"fc00::", is::private_use | is::unique_local},
    {"fd12:3456:789a::1", is::private_use | is::unique_local},
    {"fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", is::private_use | is::unique_local},
    {"fe00::", is::global},
    {"ff00::", is::multicast},
    {"ff01::1", is::multicast},
    {"ff02::1", is::multicast | is::link_local_multicast},
    {"ff02::1:ff00:1", is::multicast | is::link_local_multicast},
    {"ff12::1", is::multicast | is::link_local_multicast},
    {"ff05::2", is::multicast},
    {"ff0e::1", is::multicast | is::global},
    {"ff1e::1", is::multicast | is::global},
    {"ff0f::1", is::multicast},
    {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", is::global},
    {"2001:db8::", is::documentation},
    {"2001:db8::1", is::documentation},
    {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", is::documentation},
    {"2001:db9::", is::global},
    {"3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff", is::global},
    {"3fff::", is::documentation},
    {"3fff::1", is::documentation},
    {"3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", is::documentation},
    {"3fff:1000::", is::global},
    {"2001:2::", is::benchmarking},
    {"2001:2:0:ffff:ffff:ffff:ffff:ffff", is::benchmarking},
    {"2001:2:1::", is::none},
    {"2001:1::1", is::global},
    {"2001:1::4", is::none},
    {"2001:4860:4860::8888", is::global},
    {"64:ff9b::8.8.8.8", is::global},
    {"64:ff9b:1::1", is::none},
    // IPv4-mapped addresses answer as their IPv4 address.
    {"::ffff:0.0.0.0", is::v4_mapped | is::unspecified},
    {"::ffff:10.0.0.1", is::v4_mapped | is::private_use},
    {"::ffff:127.0.0.1", is::v4_mapped | is::loopback},
    {"::ffff:8.8.8.8", is::v4_mapped | is::global},
    {"::ffff:169.254.1.1", is::v4_mapped | is::link_local},
    {"::ffff:224.0.0.1", is::v4_mapped | is::multicast | is::link_local_multicast},
    {"::ffff:239.1.1.1", is::v4_mapped | is::multicast},
    {"::ffff:192.0.2.1", is::v4_mapped | is::documentation},
    {"::ffff:198.18.0.1", is::v4_mapped | is::benchmarking},
    {"::ffff:100.64.0.1", is::v4_mapped},
    {"::ffff:192.0.0.9", is::v4_mapped | is::global},
    {"::ffff:255.255.255.255", is::v4_mapped},
};

constexpr bool check_v4_flags(const flags_row& row) {
    const auto a = ipv4_address::parse(row.text);
    if (!a || flags_of(*a) != row.flags) return false;
    // The mapped form and ip_address give the same answers.
    const auto mapped = ipv6_address::v4_mapped(*a);
    return flags_of(mapped) == ((row.flags & is::common) | is::v4_mapped) &&
           flags_of(ip_address(*a)) == (row.flags & is::common) &&
           flags_of(ip_address(mapped)) == (row.flags & is::common);
}
constexpr bool check_v6_flags(const flags_row& row) {
    const auto a = ipv6_address::parse(row.text);
    if (!a || flags_of(*a) != row.flags) return false;
    if (flags_of(ip_address(*a)) != (row.flags & is::common)) return false;
    // A mapped address and its IPv4 address give the same answers.
    return !a->is_v4_mapped() || (flags_of(*a->to_v4()) & is::common) == (row.flags & is::common);
}
static_assert(first_failure(v4_flag_rows, check_v4_flags) == -1);
static_assert(first_failure(v6_flag_rows, check_v6_flags) == -1);

TEST_CASE("ipv4_address: every predicate") {
    for (const auto& row : v4_flag_rows) {
        CAPTURE(row.text);
        const auto a = ipv4_address::parse(row.text);
        REQUIRE(a.has_value());
        CHECK(a->is_unspecified() == ((row.flags & is::unspecified) != 0));
        CHECK(a->is_loopback() == ((row.flags & is::loopback) != 0));
        CHECK(a->is_multicast() == ((row.flags & is::multicast) != 0));
        CHECK(a->is_link_local() == ((row.flags & is::link_local) != 0));
        CHECK(a->is_link_local_multicast() == ((row.flags & is::link_local_multicast) != 0));
        CHECK(a->is_private() == ((row.flags & is::private_use) != 0));
        CHECK(a->is_shared() == ((row.flags & is::shared) != 0));
        CHECK(a->is_documentation() == ((row.flags & is::documentation) != 0));
        CHECK(a->is_benchmarking() == ((row.flags & is::benchmarking) != 0));
        CHECK(a->is_reserved() == ((row.flags & is::reserved) != 0));
        CHECK(a->is_broadcast() == ((row.flags & is::broadcast) != 0));
        CHECK(a->is_global() == ((row.flags & is::global) != 0));
        CHECK(flags_of(ip_address(*a)) == (row.flags & is::common));
        const auto mapped = ipv6_address::v4_mapped(*a);
        CAPTURE(mapped.to_string());
        CHECK(flags_of(mapped) == ((row.flags & is::common) | is::v4_mapped));
        CHECK(flags_of(ip_address(mapped)) == (row.flags & is::common));
    }
}

TEST_CASE("ipv6_address: every predicate, IPv4-mapped addresses answer as IPv4") {
    for (const auto& row : v6_flag_rows) {
        CAPTURE(row.text);
        const auto a = ipv6_address::parse(row.text);
        REQUIRE(a.has_value());
        CHECK(a->is_unspecified() == ((row.flags & is::unspecified) != 0));
        CHECK(a->is_loopback() == ((row.flags & is::loopback) != 0));
        CHECK(a->is_multicast() == ((row.flags & is::multicast) != 0));
        CHECK(a->is_link_local() == ((row.flags & is::link_local) != 0));
        CHECK(a->is_link_local_multicast() == ((row.flags & is::link_local_multicast) != 0));
        CHECK(a->is_private() == ((row.flags & is::private_use) != 0));
        CHECK(a->is_unique_local() == ((row.flags & is::unique_local) != 0));
        CHECK(a->is_documentation() == ((row.flags & is::documentation) != 0));
        CHECK(a->is_benchmarking() == ((row.flags & is::benchmarking) != 0));
        CHECK(a->is_v4_mapped() == ((row.flags & is::v4_mapped) != 0));
        CHECK(a->is_global() == ((row.flags & is::global) != 0));
        CHECK(flags_of(ip_address(*a)) == (row.flags & is::common));
        if (a->is_v4_mapped()) {
            CHECK((flags_of(*a->to_v4()) & is::common) == (row.flags & is::common));
            CHECK(flags_of(ip_address(*a).unmap()) == (row.flags & is::common));
        }
    }
}

TEST_CASE("classification: the cases named in the contract") {
    const auto v4 = [](std::string_view text) { return ipv4_address::parse(text).value(); };
    const auto v6 = [](std::string_view text) { return ipv6_address::parse(text).value(); };
    // 100.64.0.0/10 is shared address space: neither private nor global.
    CHECK(!v4("100.64.0.1").is_private());
    CHECK(!v4("100.64.0.1").is_global());
    CHECK(v4("100.64.0.1").is_shared());
    // The anycast exceptions inside non-global blocks.
    CHECK(v4("192.0.0.9").is_global());
    CHECK(v4("192.0.0.10").is_global());
    CHECK(!v4("192.0.0.8").is_global());
    CHECK(v6("2001:1::1").is_global());
    CHECK(v6("2001:1::2").is_global());
    CHECK(v6("2001:1::3").is_global());
    CHECK(!v6("2001:1::4").is_global());
    // 3fff::/20 is documentation (RFC 9637).
    CHECK(v6("3fff::").is_documentation());
    CHECK(v6("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff").is_documentation());
    CHECK(!v6("3fff:1000::").is_documentation());
    // Mapped addresses.
    CHECK(v6("::ffff:10.0.0.1").is_private());
    CHECK(v6("::ffff:127.0.0.1").is_loopback());
    CHECK(v6("::ffff:8.8.8.8").is_global());
    CHECK(!v6("::ffff:10.0.0.1").is_unique_local());
    // Link-local: 169.254/16 and fe80::/10, not the old site-local fec0::/10.
    CHECK(v4("169.254.1.1").is_link_local());
    CHECK(v6("fe80::1").is_link_local());
    CHECK(!v6("fec0::1").is_link_local());
    CHECK(v4("255.255.255.255").is_broadcast());
    CHECK(!v4("255.255.255.254").is_broadcast());
}

// ---------------------------------------------------------------------------
// multicast_scope

struct scope_row {
    std::string_view text;
    std::optional<multicast_scope> scope;
};
constexpr scope_row scope_rows[] = {
    {"ff00::1", multicast_scope::reserved},
    {"ff01::1", multicast_scope::interface_local},
    {"ff02::1", multicast_scope::link_local},
    {"ff03::1", multicast_scope::realm_local},
    {"ff04::1", multicast_scope::admin_local},
    {"ff05::2", multicast_scope::site_local},
    {"ff06::1", static_cast<multicast_scope>(6)},
    {"ff08::1", multicast_scope::organization_local},
    {"ff0e::1", multicast_scope::global},
    {"ff0f::1", multicast_scope::reserved_15},
    // The flags nibble does not change the scope.
    {"ff12::1", multicast_scope::link_local},
    {"ff3e::1234", multicast_scope::global},
    {"fe80::1", std::nullopt},
    {"::", std::nullopt},
    {"::1", std::nullopt},
    {"2001:db8::1", std::nullopt},
    {"feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", std::nullopt},
    {"::ffff:224.0.0.1", std::nullopt}, // IPv4 multicast has no scope field
};
constexpr bool check_scope(const scope_row& row) {
    const auto a = ipv6_address::parse(row.text);
    return a && a->multicast_scope() == row.scope;
}
static_assert(first_failure(scope_rows, check_scope) == -1);

TEST_CASE("ipv6_address::multicast_scope") {
    for (const auto& row : scope_rows) {
        CAPTURE(row.text);
        const auto a = ipv6_address::parse(row.text);
        REQUIRE(a.has_value());
        CHECK(a->multicast_scope() == row.scope);
    }
}

} // namespace
