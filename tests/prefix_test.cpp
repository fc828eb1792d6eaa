// Tests for ipwire/prefix.hpp: strict "address/length" text that keeps host
// bits, network arithmetic at every interesting length, containment, and the
// family rules of ip_prefix.
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include "text_table.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>

namespace {

using ipwire::errc;
using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ipv4_address;
using ipwire::ipv4_prefix;
using ipwire::ipv6_address;
using ipwire::ipv6_prefix;

// ---------------------------------------------------------------------------
// Table machinery (good_row, bad_row, the *_hold and check_*_rows walkers):
// tests/text_table.hpp.
using namespace text_table;

constexpr auto long_v4_length = text_then<10240>("10.0.0.0/", '9');
constexpr auto long_v4_zeros = text_then<10240>("10.0.0.0/", '0');
constexpr auto long_v6_length = text_then<10240>("::/", '1');

// Values built without the parser.
constexpr ipv4_prefix p4(std::uint32_t address, std::uint8_t length) { return {ipv4_address(address), length}; }
constexpr ipv6_address a6(std::uint16_t g0, std::uint16_t g1, std::uint16_t g2, std::uint16_t g3, std::uint16_t g4,
                          std::uint16_t g5, std::uint16_t g6, std::uint16_t g7) {
    return ipv6_address::from_groups({g0, g1, g2, g3, g4, g5, g6, g7});
}
constexpr ipv6_prefix p6(const ipv6_address& address, std::uint8_t length) { return {address, length}; }

constexpr ipv6_address all_ones = a6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff);
constexpr ipv6_address sample6 = a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 6); // 2001:db8:1:2:3:4:5:6

// ---------------------------------------------------------------------------
// ipv4_prefix::parse

constexpr good_row<ipv4_prefix> valid_v4[] = {
    {"10.0.0.0/8", p4(0x0A000000, 8), "10.0.0.0/8"},
    {"10.1.2.3/8", p4(0x0A010203, 8), "10.1.2.3/8"}, // host bits kept
    {"0.0.0.0/0", p4(0, 0), "0.0.0.0/0"},
    {"1.2.3.4/0", p4(0x01020304, 0), "1.2.3.4/0"},
    {"128.0.0.0/1", p4(0x80000000, 1), "128.0.0.0/1"},
    {"254.0.0.0/7", p4(0xFE000000, 7), "254.0.0.0/7"},
    {"10.0.0.0/9", p4(0x0A000000, 9), "10.0.0.0/9"},
    {"172.16.0.0/12", p4(0xAC100000, 12), "172.16.0.0/12"},
    {"100.64.0.0/10", p4(0x64400000, 10), "100.64.0.0/10"},
    {"192.168.1.0/24", p4(0xC0A80100, 24), "192.168.1.0/24"},
    {"10.1.2.2/31", p4(0x0A010202, 31), "10.1.2.2/31"},
    {"192.0.2.1/32", p4(0xC0000201, 32), "192.0.2.1/32"},
    {"255.255.255.255/32", p4(0xFFFFFFFF, 32), "255.255.255.255/32"},
};

constexpr bad_row invalid_v4[] = {
    {"", errc::empty},
    {"10.0.0.0", errc::missing_prefix_length},
    {"10.0.0.0/", errc::bad_prefix_length},
    {"10.0.0.0/032", errc::leading_zero},
    {"10.0.0.0/00", errc::leading_zero},
    {"10.0.0.0/08", errc::leading_zero},
    {"10.0.0.0/33", errc::prefix_length_out_of_range},
    {"10.0.0.0/40", errc::prefix_length_out_of_range},
    {"10.0.0.0/128", errc::prefix_length_out_of_range},
    {"10.0.0.0/4294967304", errc::prefix_length_out_of_range}, // 2^32 + 8: no wrap-around
    {"10.0.0.0/+8", errc::bad_prefix_length},
    {"10.0.0.0/-0", errc::bad_prefix_length},
    {"10.0.0.0/-8", errc::bad_prefix_length},
    {"1.2.3.4/ 8", errc::bad_prefix_length},
    {"10.0.0.0/x", errc::bad_prefix_length},
    {"10.0.0.0/\xd9\xa8", errc::bad_prefix_length}, // "/٨", an Arabic-Indic eight
    {"10.0.0.0/8 ", errc::trailing_characters},
    {"10.0.0.0 /8", errc::trailing_characters},
    {"10.0.0.0/8/8", errc::trailing_characters},
    {"10.0.0.0/8.0", errc::bad_prefix_length},
    {"10.0.0.0/0x8", errc::trailing_characters},
    {"10.0.0.0/8%eth0", errc::trailing_characters},
    {"10.0.0.0\\8", errc::trailing_characters},
    {"1.2.3.4%eth0/24", errc::zone_not_allowed},
    {"1.2.3.4%/24", errc::zone_not_allowed},
    // The netmask form is refused: a length is a number up to 32.
    {"10.0.0.0/255.0.0.0", errc::bad_prefix_length},
    {"10.0.0.0/0.0.0.0", errc::bad_prefix_length},
    {"10.0.0.256/8", errc::octet_out_of_range},
    // Shorthand networks are refused as the address they fail to be.
    {"10.0.0/8", errc::too_few_octets},
    {"10/8", errc::too_few_octets},
    {"/8", errc::unexpected_character},
    {"::/0", errc::unexpected_character},
    {view(long_v4_length), errc::prefix_length_out_of_range},
    {view(long_v4_zeros), errc::leading_zero},
};

static_assert(good_rows_hold(valid_v4));
static_assert(bad_rows_hold<ipv4_prefix>(invalid_v4));

// ---------------------------------------------------------------------------
// ipv6_prefix::parse

constexpr good_row<ipv6_prefix> valid_v6[] = {
    {"::/0", p6({}, 0), "::/0"},
    {"2001:db8::/32", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), "2001:db8::/32"},
    {"2001:db8::1/64", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 64), "2001:db8::1/64"}, // host bits kept
    {"2001:DB8::/32", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), "2001:db8::/32"},
    {"2001:0db8:0000:0000:0000:0000:0000:0000/48", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 48), "2001:db8::/48"},
    {"::1/128", p6(ipv6_address::loopback(), 128), "::1/128"},
    {"fe80::/10", p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10), "fe80::/10"},
    {"ff02::/16", p6(a6(0xff02, 0, 0, 0, 0, 0, 0, 0), 16), "ff02::/16"},
    {"8000::/1", p6(a6(0x8000, 0, 0, 0, 0, 0, 0, 0), 1), "8000::/1"},
    {"2001:db8::/127", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 127), "2001:db8::/127"},
    {"::ffff:1.2.3.4/120", p6(ipv6_address::v4_mapped(ipv4_address(0x01020304)), 120), "::ffff:1.2.3.4/120"},
    {"::ffff:0:0/96", p6(ipv6_address::v4_mapped(ipv4_address(0)), 96), "::ffff:0.0.0.0/96"},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", p6(all_ones, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
};

constexpr bad_row invalid_v6[] = {
    {"", errc::empty},
    {"::", errc::missing_prefix_length},
    {"::/", errc::bad_prefix_length},
    {"::/064", errc::leading_zero},
    {"::/00", errc::leading_zero},
    {"::/129", errc::prefix_length_out_of_range},
    {"::/200", errc::prefix_length_out_of_range},
    {"::/1280", errc::prefix_length_out_of_range},
    {"::/+64", errc::bad_prefix_length},
    {"::/-0", errc::bad_prefix_length},
    {"::/ 64", errc::bad_prefix_length},
    {"2001:db8::/ffff::", errc::bad_prefix_length},
    {"::/64 ", errc::trailing_characters},
    {"::/64%eth0", errc::trailing_characters},
    {"2001:db8::/32/1", errc::trailing_characters},
    {"fe80::1%eth0/64", errc::zone_not_allowed},
    {"fe80::1%eth0", errc::zone_not_allowed}, // the zone is the first fault
    {"fe80::1%1/64", errc::zone_not_allowed},
    {view(long_v6_length), errc::prefix_length_out_of_range},
};

static_assert(good_rows_hold(valid_v6));
static_assert(bad_rows_hold<ipv6_prefix>(invalid_v6));

// ---------------------------------------------------------------------------
// ip_prefix::parse: the family comes from the text.

constexpr good_row<ip_prefix> valid_ip[] = {
    {"10.0.0.0/8", p4(0x0A000000, 8), "10.0.0.0/8"},
    {"10.1.2.3/8", p4(0x0A010203, 8), "10.1.2.3/8"},
    {"0.0.0.0/0", p4(0, 0), "0.0.0.0/0"},
    {"255.255.255.255/32", p4(0xFFFFFFFF, 32), "255.255.255.255/32"},
    {"::/0", p6({}, 0), "::/0"},
    {"2001:db8::/32", p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), "2001:db8::/32"},
    {"::ffff:1.2.3.4/120", p6(ipv6_address::v4_mapped(ipv4_address(0x01020304)), 120), "::ffff:1.2.3.4/120"},
    {"::ffff:1.2.3.4/33", p6(ipv6_address::v4_mapped(ipv4_address(0x01020304)), 33), "::ffff:1.2.3.4/33"},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", p6(all_ones, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
};

constexpr bad_row invalid_ip[] = {
    {"", errc::empty},
    {"10.0.0.0", errc::missing_prefix_length},
    {"::", errc::missing_prefix_length},
    {"10.0.0.0/", errc::bad_prefix_length},
    {"10.0.0.0/032", errc::leading_zero},
    {"10.0.0.0/33", errc::prefix_length_out_of_range},
    {"1.2.3.4/128", errc::prefix_length_out_of_range}, // IPv4 lengths stop at 32
    {"::/129", errc::prefix_length_out_of_range},
    {"10.0.0.0/+8", errc::bad_prefix_length},
    {"10.0.0.0/-0", errc::bad_prefix_length},
    {"1.2.3.4/ 8", errc::bad_prefix_length},
    {"10.0.0.0/8 ", errc::trailing_characters},
    {"::/64 ", errc::trailing_characters},
    {"fe80::1%eth0/64", errc::zone_not_allowed},
    {"1.2.3.4%eth0/24", errc::zone_not_allowed},
    {"10.0.0.0/255.0.0.0", errc::bad_prefix_length},
    {view(long_v4_length), errc::prefix_length_out_of_range},
    {view(long_v6_length), errc::prefix_length_out_of_range},
};

static_assert(good_rows_hold(valid_ip));
static_assert(bad_rows_hold<ip_prefix>(invalid_ip));
static_assert(ip_prefix::parse("::ffff:1.2.3.4/120")->is_v6());
static_assert(ip_prefix::parse("10.0.0.0/8")->is_v4());

static_assert(ipv4_prefix::max_string_length == std::string_view("255.255.255.255/32").size());
static_assert(ipv6_prefix::max_string_length == std::string_view("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128").size());
static_assert(ip_prefix::max_string_length == ipv6_prefix::max_string_length);
static_assert(ipv4_prefix::max_length == 32 && ipv6_prefix::max_length == 128);

// ---------------------------------------------------------------------------
// Network arithmetic

struct v4_network_row {
    ipv4_prefix prefix;
    std::uint32_t network; // also first_address()
    std::uint32_t last;
    std::uint32_t netmask;
};

constexpr v4_network_row v4_networks[] = {
    {p4(0x0A010203, 0), 0x00000000, 0xFFFFFFFF, 0x00000000},
    {p4(0x0A010203, 1), 0x00000000, 0x7FFFFFFF, 0x80000000},
    {p4(0xC8010203, 1), 0x80000000, 0xFFFFFFFF, 0x80000000}, // 200.1.2.3/1
    {p4(0x0A010203, 7), 0x0A000000, 0x0BFFFFFF, 0xFE000000},
    {p4(0x0B010203, 7), 0x0A000000, 0x0BFFFFFF, 0xFE000000}, // 11.1.2.3/7 is in 10.0.0.0/7
    {p4(0x0A010203, 8), 0x0A000000, 0x0AFFFFFF, 0xFF000000},
    {p4(0xAC100504, 12), 0xAC100000, 0xAC1FFFFF, 0xFFF00000},
    {p4(0x0A010203, 23), 0x0A010200, 0x0A0103FF, 0xFFFFFE00},
    {p4(0x0A010203, 24), 0x0A010200, 0x0A0102FF, 0xFFFFFF00},
    {p4(0x0A010203, 25), 0x0A010200, 0x0A01027F, 0xFFFFFF80},
    {p4(0x0A010203, 31), 0x0A010202, 0x0A010203, 0xFFFFFFFE},
    {p4(0x0A010202, 31), 0x0A010202, 0x0A010203, 0xFFFFFFFE},
    {p4(0x0A010203, 32), 0x0A010203, 0x0A010203, 0xFFFFFFFF},
    {p4(0xFFFFFFFF, 32), 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF},
};

constexpr bool v4_networks_hold() {
    for (const auto& row : v4_networks) {
        const auto& p = row.prefix;
        if (p.network().to_uint32() != row.network || p.first_address().to_uint32() != row.network) return false;
        if (p.last_address().to_uint32() != row.last || p.netmask().to_uint32() != row.netmask) return false;
        if (p.masked() != p4(row.network, p.length()) || !p.masked().is_masked()) return false;
        if (p.is_masked() != (p.address().to_uint32() == row.network)) return false;
        if (!p.contains(p.network()) || !p.contains(p.last_address())) return false;
    }
    return true;
}
static_assert(v4_networks_hold());

struct v6_network_row {
    ipv6_prefix prefix;
    ipv6_address network;
    ipv6_address last;
    ipv6_address netmask;
};

constexpr v6_network_row v6_networks[] = {
    {p6(sample6, 0), {}, all_ones, {}},
    {p6(sample6, 1),
     {},
     a6(0x7fff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff),
     a6(0x8000, 0, 0, 0, 0, 0, 0, 0)},
    {p6(sample6, 3), a6(0x2000, 0, 0, 0, 0, 0, 0, 0),
     a6(0x3fff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), a6(0xe000, 0, 0, 0, 0, 0, 0, 0)},
    {p6(sample6, 32), a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
     a6(0x2001, 0xdb8, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), a6(0xffff, 0xffff, 0, 0, 0, 0, 0, 0)},
    {p6(sample6, 64), a6(0x2001, 0xdb8, 1, 2, 0, 0, 0, 0), a6(0x2001, 0xdb8, 1, 2, 0xffff, 0xffff, 0xffff, 0xffff),
     a6(0xffff, 0xffff, 0xffff, 0xffff, 0, 0, 0, 0)},
    {p6(sample6, 65), a6(0x2001, 0xdb8, 1, 2, 0, 0, 0, 0), a6(0x2001, 0xdb8, 1, 2, 0x7fff, 0xffff, 0xffff, 0xffff),
     a6(0xffff, 0xffff, 0xffff, 0xffff, 0x8000, 0, 0, 0)},
    {p6(sample6, 127), a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 6), a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 7),
     a6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xfffe)},
    {p6(sample6, 128), sample6, sample6, all_ones},
    {p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), 10), a6(0xfe80, 0, 0, 0, 0, 0, 0, 0),
     a6(0xfebf, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff), a6(0xffc0, 0, 0, 0, 0, 0, 0, 0)},
};

constexpr bool v6_networks_hold() {
    for (const auto& row : v6_networks) {
        const auto& p = row.prefix;
        if (p.network() != row.network || p.first_address() != row.network) return false;
        if (p.last_address() != row.last || p.netmask() != row.netmask) return false;
        if (p.masked() != p6(row.network, p.length()) || !p.masked().is_masked()) return false;
        if (p.is_masked() != (p.address() == row.network)) return false;
        if (!p.contains(p.network()) || !p.contains(p.last_address())) return false;
    }
    return true;
}
static_assert(v6_networks_hold());

// The text of the same arithmetic, through ip_prefix.
struct text_network_row {
    std::string_view prefix;
    std::string_view network;
    std::string_view last;
    std::string_view netmask;
};

constexpr text_network_row text_networks[] = {
    {"10.1.2.3/8", "10.0.0.0", "10.255.255.255", "255.0.0.0"},
    {"10.1.2.3/31", "10.1.2.2", "10.1.2.3", "255.255.255.254"},
    {"10.1.2.3/0", "0.0.0.0", "255.255.255.255", "0.0.0.0"},
    {"2001:db8:1:2:3:4:5:6/64", "2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff::"},
    {"2001:db8:1:2:3:4:5:6/127", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:7",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"},
    {"::ffff:1.2.3.4/120", "::ffff:1.2.3.0", "::ffff:1.2.3.255", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00"},
};

constexpr bool text_networks_hold() {
    for (const auto& row : text_networks) {
        const auto p = ip_prefix::parse(row.prefix);
        if (!p) return false;
        if (!writes(p->network(), row.network) || !writes(p->first_address(), row.network)) return false;
        if (!writes(p->last_address(), row.last) || !writes(p->netmask(), row.netmask)) return false;
    }
    return true;
}
static_assert(text_networks_hold());

// ---------------------------------------------------------------------------
// Containment

struct v4_contains_row {
    ipv4_prefix prefix;
    ipv4_address address;
    bool expected;
};

constexpr v4_contains_row v4_contains[] = {
    {p4(0x0A000000, 8), ipv4_address(0x0A000000), true},
    {p4(0x0A000000, 8), ipv4_address(0x0AFFFFFF), true},
    {p4(0x0A000000, 8), ipv4_address(0x0B000000), false},
    {p4(0x0A000000, 8), ipv4_address(0x09FFFFFF), false},
    {p4(0x0A010203, 8), ipv4_address(0x0AC80000), true}, // host bits do not matter
    {p4(0, 0), ipv4_address(0), true},
    {p4(0, 0), ipv4_address(0xFFFFFFFF), true},
    {p4(0xC0000201, 32), ipv4_address(0xC0000201), true},
    {p4(0xC0000201, 32), ipv4_address(0xC0000200), false},
    {p4(0x0A010202, 31), ipv4_address(0x0A010203), true},
    {p4(0x0A010202, 31), ipv4_address(0x0A010204), false},
    {p4(0x80000000, 1), ipv4_address(0x7FFFFFFF), false},
    {p4(0x80000000, 1), ipv4_address(0x80000000), true},
};

struct v6_contains_row {
    ipv6_prefix prefix;
    ipv6_address address;
    bool expected;
};

constexpr v6_contains_row v6_contains[] = {
    {p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), a6(0x2001, 0xdb8, 0xffff, 0, 0, 0, 0, 1), true},
    {p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), a6(0x2001, 0xdb9, 0, 0, 0, 0, 0, 0), false},
    {p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10), *a6(0xfe80, 0, 0, 0, 0, 0, 0, 1).with_zone("eth0"), true}, // zone ignored
    {p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10), a6(0xfebf, 0xffff, 0, 0, 0, 0, 0, 0), true},
    {p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10), a6(0xfec0, 0, 0, 0, 0, 0, 0, 0), false},
    {p6({}, 0), all_ones, true},
    {p6(sample6, 128), sample6, true},
    {p6(sample6, 128), a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 7), false},
    {p6(sample6, 127), a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 7), true},
    {p6(ipv6_address::v4_mapped({}), 96), ipv6_address::v4_mapped(ipv4_address(0x01020304)), true},
};

struct v4_pair_row {
    ipv4_prefix a;
    ipv4_prefix b;
    bool a_contains_b;
    bool overlaps;
};

constexpr v4_pair_row v4_pairs[] = {
    {p4(0x0A000000, 8), p4(0x0A010000, 16), true, true},
    {p4(0x0A010000, 16), p4(0x0A000000, 8), false, true},
    {p4(0x0A000000, 8), p4(0x0A000000, 8), true, true},
    {p4(0x0A000000, 8), p4(0x0B000000, 16), false, false},
    {p4(0x0A000000, 8), p4(0x0A000000, 7), false, true}, // shorter: not contained
    {p4(0x0A000000, 7), p4(0x0B000000, 8), true, true},
    {p4(0x0A000000, 8), p4(0x0B000000, 8), false, false},
    {p4(0, 0), p4(0xFFFFFFFF, 32), true, true},
    {p4(0x0A010203, 8), p4(0x0A000000, 8), true, true}, // host bits do not matter
    {p4(0x0A010202, 31), p4(0x0A010203, 32), true, true},
    {p4(0x0A010202, 32), p4(0x0A010203, 32), false, false},
};

struct v6_pair_row {
    ipv6_prefix a;
    ipv6_prefix b;
    bool a_contains_b;
    bool overlaps;
};

constexpr v6_pair_row v6_pairs[] = {
    {p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), p6(a6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0), 48), true, true},
    {p6(a6(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0), 48), p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), false, true},
    {p6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32), p6(a6(0x2001, 0xdb9, 0, 0, 0, 0, 0, 0), 32), false, false},
    {p6({}, 0), p6(all_ones, 128), true, true},
    {p6(sample6, 127), p6(a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 7), 128), true, true},
    {p6(sample6, 128), p6(a6(0x2001, 0xdb8, 1, 2, 3, 4, 5, 7), 128), false, false},
};

template <class Rows>
constexpr bool contains_rows_hold(const Rows& rows) {
    for (const auto& row : rows)
        if (row.prefix.contains(row.address) != row.expected) return false;
    return true;
}

template <class Rows>
constexpr bool pair_rows_hold(const Rows& rows) {
    for (const auto& row : rows) {
        if (row.a.contains(row.b) != row.a_contains_b) return false;
        if (row.a.overlaps(row.b) != row.overlaps || row.b.overlaps(row.a) != row.overlaps) return false;
        // The same answers through ip_prefix.
        if (ip_prefix(row.a).contains(ip_prefix(row.b)) != row.a_contains_b) return false;
        if (ip_prefix(row.a).overlaps(ip_prefix(row.b)) != row.overlaps) return false;
    }
    return true;
}

static_assert(contains_rows_hold(v4_contains));
static_assert(contains_rows_hold(v6_contains));
static_assert(pair_rows_hold(v4_pairs));
static_assert(pair_rows_hold(v6_pairs));

// ---------------------------------------------------------------------------
// ip_prefix: families never mix.

constexpr ip_prefix any_v4 = p4(0, 0);
constexpr ip_prefix any_v6 = p6({}, 0);
constexpr ip_prefix mapped_block = p6(ipv6_address::v4_mapped({}), 96); // ::ffff:0:0/96
constexpr ip_address v4_host = ipv4_address(0x01020304);
constexpr ip_address mapped_host = ipv6_address::v4_mapped(ipv4_address(0x01020304));

static_assert(any_v4.contains(v4_host) && any_v6.contains(mapped_host));
static_assert(!any_v4.contains(mapped_host), "an IPv4 prefix does not contain ::ffff:a.b.c.d");
static_assert(!any_v4.contains(ip_address(ipv6_address{})));
static_assert(!any_v6.contains(v4_host), "an IPv6 prefix does not contain an IPv4 address");
static_assert(mapped_block.contains(mapped_host) && !mapped_block.contains(v4_host));
static_assert(any_v4.contains(mapped_host.unmap()) && !mapped_block.contains(mapped_host.unmap()));
static_assert(!any_v4.contains(any_v6) && !any_v6.contains(any_v4));
static_assert(!any_v4.overlaps(any_v6) && !any_v6.overlaps(any_v4));
static_assert(!any_v6.contains(ip_prefix(p4(0x01020304, 32))) && !mapped_block.overlaps(ip_prefix(p4(0x01020304, 32))));

static_assert(ip_prefix().is_v4() && ip_prefix() == any_v4, "the default value is 0.0.0.0/0");
static_assert(ip_prefix(v4_host, 8) == ip_prefix(p4(0x01020304, 8)));
static_assert(ip_prefix(mapped_host, 8) == ip_prefix(p6(ipv6_address::v4_mapped(ipv4_address(0x01020304)), 8)));
static_assert(ip_prefix(p4(0x0A010203, 8)).v4() == p4(0x0A010203, 8));
static_assert(ip_prefix(p6(sample6, 64)).v6() == p6(sample6, 64));
static_assert(ip_prefix(p4(0x0A010203, 8)).address() == ip_address(ipv4_address(0x0A010203)));
static_assert(ip_prefix(p4(0x0A010203, 8)).length() == 8);
static_assert(ip_prefix(p4(0x0A010203, 8)).masked() == ip_prefix(p4(0x0A000000, 8)));
static_assert(!ip_prefix(p4(0x0A010203, 8)).is_masked() && ip_prefix(p4(0x0A000000, 8)).is_masked());
static_assert(ip_prefix(p4(0x0A010203, 8)).network() == ip_address(ipv4_address(0x0A000000)));
static_assert(ip_prefix(p4(0x0A010203, 8)).first_address() == ip_address(ipv4_address(0x0A000000)));
static_assert(ip_prefix(p4(0x0A010203, 8)).last_address() == ip_address(ipv4_address(0x0AFFFFFF)));
static_assert(ip_prefix(p4(0x0A010203, 8)).netmask() == ip_address(ipv4_address(0xFF000000)));
static_assert(ip_prefix(p6(sample6, 64)).network() == ip_address(a6(0x2001, 0xdb8, 1, 2, 0, 0, 0, 0)));
static_assert(ip_prefix(p6(sample6, 64)).netmask() == ip_address(a6(0xffff, 0xffff, 0xffff, 0xffff, 0, 0, 0, 0)));
static_assert(ip_prefix(p6(sample6, 64)).masked() == ip_prefix(p6(a6(0x2001, 0xdb8, 1, 2, 0, 0, 0, 0), 64)));

// ---------------------------------------------------------------------------
// Construction, zones, ordering

// A length above the family's maximum is never clamped: the constructor's
// precondition makes it a compile error in a constant expression (an abort at
// run time: the CTest prefix_length_precondition_aborts), and from() says
// prefix_length_out_of_range. The maximum itself is fine.
template <std::uint8_t Length>
constexpr bool v4_length_constant = requires {
    typename std::integral_constant<std::uint8_t, p4(0x0A000000, Length).length()>;
};
template <std::uint8_t Length>
constexpr bool v6_length_constant = requires {
    typename std::integral_constant<std::uint8_t, p6(sample6, Length).length()>;
};
template <std::uint8_t Length>
constexpr bool ip_length_constant = requires {
    typename std::integral_constant<std::uint8_t, ip_prefix(mapped_host, Length).length()>;
};
static_assert(v4_length_constant<32> && !v4_length_constant<33> && !v4_length_constant<40> && !v4_length_constant<255>);
static_assert(v6_length_constant<128> && !v6_length_constant<129> && !v6_length_constant<255>);
static_assert(ip_length_constant<128> && !ip_length_constant<129>);
static_assert(p4(0x0A000000, 32).length() == 32 && p6(sample6, 128).length() == 128);
static_assert(ipv4_prefix::from(ipv4_address(0x0A000000), 40) == errc::prefix_length_out_of_range);
static_assert(ipv4_prefix::from(ipv4_address(0x0A000000), 33) == errc::prefix_length_out_of_range);
static_assert(ipv4_prefix::from(ipv4_address(0x0A000000), 32) == p4(0x0A000000, 32));
static_assert(ipv6_prefix::from(sample6, 129) == errc::prefix_length_out_of_range);
static_assert(ipv6_prefix::from(sample6, 128) == p6(sample6, 128));
static_assert(ip_prefix::from(v4_host, 33) == errc::prefix_length_out_of_range);
static_assert(ip_prefix::from(v4_host, 32) == ip_prefix(v4_host, 32));
static_assert(ip_prefix::from(mapped_host, 129) == errc::prefix_length_out_of_range);
static_assert(ip_prefix::from(mapped_host, 100)->length() == 100);
static_assert(ipv4_prefix().length() == 0 && ipv4_prefix().address() == ipv4_address());

// A prefix never carries a zone: the constructor drops it.
constexpr ipv6_address zoned = *a6(0xfe80, 0, 0, 0, 0, 0, 0, 1).with_zone("eth0");
static_assert(p6(zoned, 64).address().zone().empty());
static_assert(p6(zoned, 64) == p6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), 64));
static_assert(ip_prefix(ip_address(zoned), 64).address().zone().empty());

// Ordered by address, then length.
static_assert(p4(0x0A000000, 8) < p4(0x0A000000, 16));
static_assert(p4(0x0A000000, 16) < p4(0x0A000001, 8));
static_assert(p4(0x09FFFFFF, 32) < p4(0x0A000000, 0));
static_assert(p6({}, 128) < p6(ipv6_address::loopback(), 0));
static_assert(p6(sample6, 64) < p6(sample6, 65));
static_assert(ip_prefix(p4(0xFFFFFFFF, 32)) < ip_prefix(p6({}, 0)), "every IPv4 prefix before every IPv6 prefix");
static_assert(ip_prefix(p4(0x0A000000, 8)) < ip_prefix(p4(0x0A000000, 9)));
static_assert(p4(0x0A000000, 8) != p4(0x0A000000, 9) && p4(0x0A000000, 8) != p4(0x0A000001, 8));

static_assert(std::is_trivially_copyable_v<ipv4_prefix> && std::is_trivially_copyable_v<ipv6_prefix> &&
              std::is_trivially_copyable_v<ip_prefix>);

} // namespace

TEST_CASE("ipv4_prefix: parse accepts and keeps host bits") {
    check_good_rows(valid_v4);
    const auto p = ipv4_prefix::parse("10.1.2.3/8");
    REQUIRE(p.has_value());
    CHECK(p->address() == ipv4_address(0x0A010203));
    CHECK(p->length() == 8);
    CHECK(!p->is_masked());
    CHECK(p->masked().to_string() == "10.0.0.0/8");
    CHECK(p->masked().is_masked());
}

TEST_CASE("ipv4_prefix: parse rejects with the exact errc") { check_bad_rows<ipv4_prefix>(invalid_v4); }

TEST_CASE("ipv6_prefix: parse") {
    check_good_rows(valid_v6);
    check_bad_rows<ipv6_prefix>(invalid_v6);
}

TEST_CASE("ip_prefix: parse picks the family from the text") {
    check_good_rows(valid_ip);
    check_bad_rows<ip_prefix>(invalid_ip);
    CHECK(ip_prefix::parse("::ffff:1.2.3.4/120")->is_v6());
    CHECK(ip_prefix::parse("10.0.0.0/8")->is_v4());
}

TEST_CASE("prefix: parse_prefix leaves what follows") {
    const std::string_view text = "10.0.0.0/8,192.168.0.0/16";
    const char* it = text.data();
    const char* end = text.data() + text.size();
    const auto first = ipv4_prefix::parse_prefix(it, end);
    REQUIRE(first.has_value());
    CHECK(first->to_string() == "10.0.0.0/8");
    CHECK(std::string_view(it, static_cast<std::size_t>(end - it)) == ",192.168.0.0/16");
    ++it;
    const auto second = ip_prefix::parse_prefix(it, end);
    REQUIRE(second.has_value());
    CHECK(second->to_string() == "192.168.0.0/16");
    CHECK(it == end);
}

TEST_CASE("prefix: network, first and last address, netmask") {
    CHECK(v4_networks_hold());
    for (const auto& row : v4_networks) {
        CAPTURE(row.prefix.to_string());
        CHECK(row.prefix.network() == ipv4_address(row.network));
        CHECK(row.prefix.first_address() == ipv4_address(row.network));
        CHECK(row.prefix.last_address() == ipv4_address(row.last));
        CHECK(row.prefix.netmask() == ipv4_address(row.netmask));
        CHECK(row.prefix.masked() == p4(row.network, row.prefix.length()));
    }
    CHECK(v6_networks_hold());
    for (const auto& row : v6_networks) {
        CAPTURE(row.prefix.to_string());
        CHECK(row.prefix.network().to_string() == row.network.to_string());
        CHECK(row.prefix.first_address().to_string() == row.network.to_string());
        CHECK(row.prefix.last_address().to_string() == row.last.to_string());
        CHECK(row.prefix.netmask().to_string() == row.netmask.to_string());
    }
    for (const auto& row : text_networks) {
        CAPTURE(row.prefix);
        const auto p = ip_prefix::parse(row.prefix);
        REQUIRE(p.has_value());
        CHECK(p->network().to_string() == row.network);
        CHECK(p->first_address().to_string() == row.network);
        CHECK(p->last_address().to_string() == row.last);
        CHECK(p->netmask().to_string() == row.netmask);
    }
}

TEST_CASE("prefix: netmask for every length") {
    for (unsigned length = 0; length <= 32; ++length) {
        CAPTURE(length);
        const auto p = p4(0xFFFFFFFF, static_cast<std::uint8_t>(length));
        const std::uint32_t mask = length == 0 ? 0 : 0xFFFFFFFFU << (32 - length);
        CHECK(p.netmask().to_uint32() == mask);
        CHECK(p.network().to_uint32() == mask);
        CHECK(p4(0, static_cast<std::uint8_t>(length)).last_address().to_uint32() == ~mask);
    }
    for (unsigned length = 0; length <= 128; ++length) {
        CAPTURE(length);
        const auto mask = p6(all_ones, static_cast<std::uint8_t>(length)).netmask();
        unsigned ones = 0;
        bool contiguous = true;
        for (std::size_t bit = 0; bit < 128; ++bit) {
            const bool set = ((static_cast<unsigned>(mask.to_bytes()[bit / 8]) >> (7 - bit % 8)) & 1U) != 0;
            if (set) ++ones;
            contiguous = contiguous && set == (bit < length);
        }
        CHECK(ones == length);
        CHECK(contiguous);
    }
}

TEST_CASE("prefix: contains and overlaps") {
    for (const auto& row : v4_contains) {
        CAPTURE(row.prefix.to_string());
        CAPTURE(row.address.to_string());
        CHECK(row.prefix.contains(row.address) == row.expected);
        CHECK(ip_prefix(row.prefix).contains(ip_address(row.address)) == row.expected);
    }
    for (const auto& row : v6_contains) {
        CAPTURE(row.prefix.to_string());
        CAPTURE(row.address.to_string());
        CHECK(row.prefix.contains(row.address) == row.expected);
        CHECK(ip_prefix(row.prefix).contains(ip_address(row.address)) == row.expected);
    }
    for (const auto& row : v4_pairs) {
        CAPTURE(row.a.to_string());
        CAPTURE(row.b.to_string());
        CHECK(row.a.contains(row.b) == row.a_contains_b);
        CHECK(row.a.overlaps(row.b) == row.overlaps);
        CHECK(row.b.overlaps(row.a) == row.overlaps);
    }
    for (const auto& row : v6_pairs) {
        CAPTURE(row.a.to_string());
        CAPTURE(row.b.to_string());
        CHECK(row.a.contains(row.b) == row.a_contains_b);
        CHECK(row.a.overlaps(row.b) == row.overlaps);
        CHECK(row.b.overlaps(row.a) == row.overlaps);
    }
}

TEST_CASE("ip_prefix: families never mix") {
    const auto v4_all = *ip_prefix::parse("0.0.0.0/0");
    const auto v6_all = *ip_prefix::parse("::/0");
    const auto mapped = *ip_address::parse("::ffff:1.2.3.4");
    const auto plain = *ip_address::parse("1.2.3.4");
    CHECK(v4_all.contains(plain));
    CHECK(!v4_all.contains(mapped));
    CHECK(v4_all.contains(mapped.unmap()));
    CHECK(!v6_all.contains(plain));
    CHECK(v6_all.contains(mapped));
    CHECK(!v4_all.contains(v6_all));
    CHECK(!v6_all.contains(v4_all));
    CHECK(!v4_all.overlaps(v6_all));
    CHECK(!v6_all.overlaps(v4_all));
}

TEST_CASE("prefix: to_chars into a buffer too small") {
    std::array<char, 64> buffer{};
    const auto check_room = [&](const auto& p, std::string_view expected) {
        CAPTURE(expected);
        for (std::size_t room = 0; room < expected.size(); ++room) {
            CAPTURE(room);
            buffer.fill('#');
            const auto r = p.to_chars(buffer.data(), buffer.data() + room);
            CHECK(r.ec == std::errc::value_too_large);
            CHECK(r.ptr == buffer.data() + room);
            CHECK(std::string_view(buffer.data(), buffer.size()).find_first_not_of('#') ==
                  std::string_view::npos); // the whole buffer untouched
        }
        buffer.fill('#');
        const auto r = p.to_chars(buffer.data(), buffer.data() + expected.size());
        CHECK(r.ec == std::errc{});
        CHECK(std::string_view(buffer.data(), static_cast<std::size_t>(r.ptr - buffer.data())) == expected);
        CHECK(buffer[expected.size()] == '#');
    };
    check_room(p4(0x0A000000, 8), "10.0.0.0/8");
    check_room(p4(0xFFFFFFFF, 32), "255.255.255.255/32");
    check_room(p6(all_ones, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
    check_room(p6({}, 0), "::/0");
    check_room(ip_prefix(p4(0xC0A80000, 16)), "192.168.0.0/16");
    check_room(ip_prefix(p6(sample6, 127)), "2001:db8:1:2:3:4:5:6/127");
    // The longest texts fill max_string_length exactly.
    CHECK(p4(0xFFFFFFFF, 32).to_string().size() == ipv4_prefix::max_string_length);
    CHECK(p6(all_ones, 128).to_string().size() == ipv6_prefix::max_string_length);
}

TEST_CASE("prefix: ordering") {
    const auto a = *ip_prefix::parse("10.0.0.0/8");
    const auto b = *ip_prefix::parse("10.0.0.0/16");
    const auto c = *ip_prefix::parse("10.0.0.1/8");
    const auto d = *ip_prefix::parse("::/0");
    CHECK(a < b);
    CHECK(b < c);
    CHECK(c < d);
    CHECK(a == *ip_prefix::parse("10.0.0.0/8"));
    CHECK(a != *ip_prefix::parse("10.0.0.0/9"));
}

TEST_CASE("prefix: hashing") {
    std::unordered_set<ipv4_prefix> v4;
    for (const auto& row : valid_v4) v4.insert(row.value);
    v4.insert(*ipv4_prefix::parse("10.0.0.0/8")); // already there
    CHECK(v4.size() == std::size(valid_v4));
    CHECK(std::hash<ipv4_prefix>{}(p4(0x0A000000, 8)) == std::hash<ipv4_prefix>{}(*ipv4_prefix::parse("10.0.0.0/8")));

    std::unordered_set<ipv6_prefix> v6;
    for (const auto& row : valid_v6) v6.insert(row.value);
    CHECK(v6.size() == std::size(valid_v6) - 1); // "2001:db8::/32" is there in two spellings
    CHECK(v6.count(*ipv6_prefix::parse("2001:DB8::/32")) == 1);

    std::unordered_set<ip_prefix> both;
    for (const auto& row : valid_ip) both.insert(row.value);
    CHECK(both.size() == std::size(valid_ip));
    CHECK(both.count(*ip_prefix::parse("::ffff:1.2.3.4/120")) == 1);
    CHECK(both.count(*ip_prefix::parse("::ffff:1.2.3.4/121")) == 0);
}
