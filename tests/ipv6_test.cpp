// ipv6_address (ipwire/ipv6.hpp): RFC 4291 section 2.2 text, RFC 5952 canonical
// output, RFC 4007 section 11 zones, the exact errc for every malformed input,
// text styles, caller buffers of every size, groups, IPv4-mapped conversions,
// ordering and hashing. Classification is in classify_test.cpp.
#include <ipwire/ipv6.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>

namespace {

using ipwire::errc;
using ipwire::ipv4_address;
using ipwire::ipv6_address;
using ipwire::ipv6_text_style;
using groups_type = std::array<std::uint16_t, 8>;
using namespace std::string_view_literals;

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// The address written by to_chars into a local buffer, or "" when it fails.
struct text_buffer {
    char data[ipv6_address::max_string_length] = {};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const { return {data, size}; }
};
constexpr text_buffer format(const ipv6_address& a, ipv6_text_style style = {}) {
    text_buffer out;
    const auto [ptr, ec] = a.to_chars(out.data, out.data + sizeof out.data, style);
    if (ec == std::errc{}) out.size = static_cast<std::size_t>(ptr - out.data);
    return out;
}

constexpr groups_type groups_of(const ipv6_address& a) {
    groups_type groups{};
    for (std::size_t i = 0; i < 8; ++i) groups[i] = a.group(i);
    return groups;
}

// ---------------------------------------------------------------------------
// Layout and construction

static_assert(sizeof(ipv6_address) <= 32);
static_assert(std::is_trivially_copyable_v<ipv6_address>);
static_assert(ipv6_address::max_zone_length == 15);
static_assert(ipv6_address::max_string_length ==
              "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%"sv.size() + ipv6_address::max_zone_length);

constexpr groups_type doc_groups{0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1};
constexpr ipv6_address::bytes_type doc_bytes{0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static_assert(ipv6_address::from_groups(doc_groups).to_bytes() == doc_bytes);
static_assert(ipv6_address::from_groups(doc_groups) == ipv6_address(doc_bytes));
static_assert(groups_of(ipv6_address(doc_bytes)) == doc_groups);
static_assert(ipv6_address(doc_bytes).group(0) == 0x2001 && ipv6_address(doc_bytes).group(1) == 0x0DB8 &&
              ipv6_address(doc_bytes).group(7) == 1);
static_assert(ipv6_address::from_groups({0xFEDC, 0xBA98, 0x7654, 0x3210, 0x0123, 0x4567, 0x89AB, 0xCDEF}).to_bytes() ==
              ipv6_address::bytes_type{0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10, 0x01, 0x23, 0x45, 0x67, 0x89,
                                       0xAB, 0xCD, 0xEF});
static_assert(ipv6_address() == ipv6_address::any());
static_assert(ipv6_address().to_bytes() == ipv6_address::bytes_type{});
static_assert(ipv6_address::loopback() == ipv6_address::from_groups({0, 0, 0, 0, 0, 0, 0, 1}));
static_assert(!ipv6_address().has_zone() && ipv6_address().zone().empty());

// ::ffff:a.b.c.d and back; everything outside ::ffff:0:0/96 has no IPv4 form.
static_assert(ipv6_address::v4_mapped(ipv4_address(0x01020304U)) ==
              ipv6_address::from_groups({0, 0, 0, 0, 0, 0xFFFF, 0x0102, 0x0304}));
static_assert(ipv6_address::v4_mapped(ipv4_address(0x01020304U)).is_v4_mapped());
static_assert(ipv6_address::v4_mapped(ipv4_address(0x01020304U)).to_v4() == ipv4_address(0x01020304U));
static_assert(ipv6_address::v4_mapped(ipv4_address()).to_v4() == ipv4_address());
static_assert(!ipv6_address::from_groups({0, 0, 0, 0, 0, 0, 0x0102, 0x0304}).to_v4().has_value()); // ::1.2.3.4
static_assert(!ipv6_address::from_groups({0, 0, 0, 0, 0, 0xFFFE, 0x0102, 0x0304}).to_v4().has_value());
static_assert(!ipv6_address::from_groups({0, 0, 0, 0, 1, 0xFFFF, 0x0102, 0x0304}).to_v4().has_value());
static_assert(!ipv6_address::loopback().to_v4().has_value());

TEST_CASE("ipv6_address: from_groups, group(i), bytes, v4_mapped, to_v4") {
    const auto a = ipv6_address::from_groups(doc_groups);
    CHECK(a.to_bytes() == doc_bytes);
    for (std::size_t i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(a.group(i) == doc_groups[i]);
    }
    CHECK(a.to_string() == "2001:db8::1");
    CHECK(ipv6_address::loopback().to_string() == "::1");
    CHECK(ipv6_address::any().to_string() == "::");

    const ipv4_address v4(0xC0000201U);
    const auto mapped = ipv6_address::v4_mapped(v4);
    CHECK(mapped.to_string() == "::ffff:192.0.2.1");
    CHECK(mapped.is_v4_mapped());
    REQUIRE(mapped.to_v4().has_value());
    CHECK(*mapped.to_v4() == v4);
    CHECK(ipv6_address::parse("::ffff:192.0.2.1") == ipv6_address(mapped));
    CHECK(!a.is_v4_mapped());
    CHECK(a.to_v4() == std::nullopt);
    // The IPv4-compatible form is not mapped (RFC 4291 section 2.5.5.1).
    const auto compatible = ipv6_address::parse("::192.0.2.1");
    REQUIRE(compatible.has_value());
    CHECK(!compatible->is_v4_mapped());
    CHECK(compatible->to_v4() == std::nullopt);
}

// ---------------------------------------------------------------------------
// Parsing: valid text

struct valid_row {
    std::string_view text;
    groups_type groups;
    std::string_view zone;
    std::string_view canonical;
};
// RFC 4291 section 2.2, its three forms, and the examples it gives.
constexpr valid_row rfc4291_rows[] = {
    // 1. x:x:x:x:x:x:x:x
    {"ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
     {0xABCD, 0xEF01, 0x2345, 0x6789, 0xABCD, 0xEF01, 0x2345, 0x6789},
     "",
     "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
    {"2001:DB8:0:0:8:800:200C:417A",
     {0x2001, 0x0DB8, 0, 0, 8, 0x0800, 0x200C, 0x417A},
     "",
     "2001:db8::8:800:200c:417a"},
    // 2. "::" for one or more groups of zeros.
    {"2001:DB8::8:800:200C:417A", {0x2001, 0x0DB8, 0, 0, 8, 0x0800, 0x200C, 0x417A}, "", "2001:db8::8:800:200c:417a"},
    {"FF01:0:0:0:0:0:0:101", {0xFF01, 0, 0, 0, 0, 0, 0, 0x0101}, "", "ff01::101"},
    {"FF01::101", {0xFF01, 0, 0, 0, 0, 0, 0, 0x0101}, "", "ff01::101"},
    {"0:0:0:0:0:0:0:1", {0, 0, 0, 0, 0, 0, 0, 1}, "", "::1"},
    {"::1", {0, 0, 0, 0, 0, 0, 0, 1}, "", "::1"},
    {"0:0:0:0:0:0:0:0", {0, 0, 0, 0, 0, 0, 0, 0}, "", "::"},
    {"::", {0, 0, 0, 0, 0, 0, 0, 0}, "", "::"},
    // 3. x:x:x:x:x:x:d.d.d.d. An IPv4-compatible address prints in hex (RFC
    // 5952 section 5 keeps the dotted form for ::ffff:0:0/96 only).
    {"0:0:0:0:0:0:13.1.68.3", {0, 0, 0, 0, 0, 0, 0x0D01, 0x4403}, "", "::d01:4403"},
    {"::13.1.68.3", {0, 0, 0, 0, 0, 0, 0x0D01, 0x4403}, "", "::d01:4403"},
    {"0:0:0:0:0:FFFF:129.144.52.38", {0, 0, 0, 0, 0, 0xFFFF, 0x8190, 0x3426}, "", "::ffff:129.144.52.38"},
    {"::FFFF:129.144.52.38", {0, 0, 0, 0, 0, 0xFFFF, 0x8190, 0x3426}, "", "::ffff:129.144.52.38"},
};
// RFC 5952 sections 4 and 5: one canonical text per address.
constexpr valid_row rfc5952_rows[] = {
    // 4.1: leading zeros dropped; "0000" becomes "0".
    {"2001:0db8::0001", {0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1}, "", "2001:db8::1"},
    {"2001:db8:0000:0001:0001:0001:0001:0001", {0x2001, 0x0DB8, 0, 1, 1, 1, 1, 1}, "", "2001:db8:0:1:1:1:1:1"},
    {"0000:0000:0000:0000:0000:0000:0000:0000", {}, "", "::"},
    // 4.2.1: "::" as long as it can be.
    {"2001:db8:0:0:0:0:2:1", {0x2001, 0x0DB8, 0, 0, 0, 0, 2, 1}, "", "2001:db8::2:1"},
    {"2001:db8::0:1", {0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1}, "", "2001:db8::1"},
    // 4.2.2: never for a single 0 group.
    {"2001:db8:0:1:1:1:1:1", {0x2001, 0x0DB8, 0, 1, 1, 1, 1, 1}, "", "2001:db8:0:1:1:1:1:1"},
    {"2001:db8::1:1:1:1:1", {0x2001, 0x0DB8, 0, 1, 1, 1, 1, 1}, "", "2001:db8:0:1:1:1:1:1"},
    {"1:2:3:4:5:6:7::", {1, 2, 3, 4, 5, 6, 7, 0}, "", "1:2:3:4:5:6:7:0"},
    {"::2:3:4:5:6:7:8", {0, 2, 3, 4, 5, 6, 7, 8}, "", "0:2:3:4:5:6:7:8"},
    {"1:0:2:0:3:0:4:0", {1, 0, 2, 0, 3, 0, 4, 0}, "", "1:0:2:0:3:0:4:0"},
    // 4.2.3: the longest run; the first on a tie.
    {"2001:0:0:1:0:0:0:1", {0x2001, 0, 0, 1, 0, 0, 0, 1}, "", "2001:0:0:1::1"},
    {"2001:db8:0:0:1:0:0:1", {0x2001, 0x0DB8, 0, 0, 1, 0, 0, 1}, "", "2001:db8::1:0:0:1"},
    {"1:0:0:2:0:0:0:0", {1, 0, 0, 2, 0, 0, 0, 0}, "", "1:0:0:2::"},
    {"0:0:1:0:0:0:0:0", {0, 0, 1, 0, 0, 0, 0, 0}, "", "0:0:1::"},
    {"0:0:1:0:0:1:0:0", {0, 0, 1, 0, 0, 1, 0, 0}, "", "::1:0:0:1:0:0"},
    {"1:0:0:0:0:0:0:0", {1, 0, 0, 0, 0, 0, 0, 0}, "", "1::"},
    {"1::", {1, 0, 0, 0, 0, 0, 0, 0}, "", "1::"},
    {"1:0:0:0:0:0:0:2", {1, 0, 0, 0, 0, 0, 0, 2}, "", "1::2"},
    // 4.3: lower case.
    {"2001:DB8::ABCD:EF", {0x2001, 0x0DB8, 0, 0, 0, 0, 0xABCD, 0xEF}, "", "2001:db8::abcd:ef"},
    {"FfFf:fFfF:FFFF:ffff:FFFF:ffff:FFFF:ffff",
     {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
     "",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"},
    // 5: ::ffff:0:0/96 keeps its dotted quad whatever the input form; every
    // other tail (IPv4-compatible, NAT64, a non-zero head) is printed in hex.
    {"::ffff:1.2.3.4", {0, 0, 0, 0, 0, 0xFFFF, 0x0102, 0x0304}, "", "::ffff:1.2.3.4"},
    {"::ffff:102:304", {0, 0, 0, 0, 0, 0xFFFF, 0x0102, 0x0304}, "", "::ffff:1.2.3.4"},
    {"0:0:0:0:0:ffff:0:0", {0, 0, 0, 0, 0, 0xFFFF, 0, 0}, "", "::ffff:0.0.0.0"},
    {"::ffff:255.255.255.255", {0, 0, 0, 0, 0, 0xFFFF, 0xFFFF, 0xFFFF}, "", "::ffff:255.255.255.255"},
    {"::1.2.3.4", {0, 0, 0, 0, 0, 0, 0x0102, 0x0304}, "", "::102:304"},
    {"::0.0.0.1", {0, 0, 0, 0, 0, 0, 0, 1}, "", "::1"},
    {"::fffe:1.2.3.4", {0, 0, 0, 0, 0, 0xFFFE, 0x0102, 0x0304}, "", "::fffe:102:304"},
    {"1::ffff:1.2.3.4", {1, 0, 0, 0, 0, 0xFFFF, 0x0102, 0x0304}, "", "1::ffff:102:304"},
    {"64:ff9b::192.0.2.33", {0x64, 0xFF9B, 0, 0, 0, 0, 0xC000, 0x0221}, "", "64:ff9b::c000:221"},
    {"1:2:3:4:5:6:1.2.3.4", {1, 2, 3, 4, 5, 6, 0x0102, 0x0304}, "", "1:2:3:4:5:6:102:304"},
    {"1:2:3:4:5::1.2.3.4", {1, 2, 3, 4, 5, 0, 0x0102, 0x0304}, "", "1:2:3:4:5:0:102:304"},
};
// RFC 4007 section 11: "address%zone_id", the zone kept as written.
constexpr valid_row zone_rows[] = {
    {"fe80::1234%1", {0xFE80, 0, 0, 0, 0, 0, 0, 0x1234}, "1", "fe80::1234%1"},
    {"ff02:0:0:0:0:0:0:5%development", {0xFF02, 0, 0, 0, 0, 0, 0, 5}, "development", "ff02::5%development"},
    {"fe80::1%eth0", {0xFE80, 0, 0, 0, 0, 0, 0, 1}, "eth0", "fe80::1%eth0"},
    {"FE80::1%ETH0", {0xFE80, 0, 0, 0, 0, 0, 0, 1}, "ETH0", "fe80::1%ETH0"},
    // RFC 6874's "%25" is URI syntax; ipwire keeps it as zone text.
    {"fe80::1%25eth0", {0xFE80, 0, 0, 0, 0, 0, 0, 1}, "25eth0", "fe80::1%25eth0"},
    {"fe80::1%a-b.c_d~e", {0xFE80, 0, 0, 0, 0, 0, 0, 1}, "a-b.c_d~e", "fe80::1%a-b.c_d~e"},
    {"fe80::1%abcdefghijklmno", {0xFE80, 0, 0, 0, 0, 0, 0, 1}, "abcdefghijklmno", "fe80::1%abcdefghijklmno"},
    {"fe80::%eth0", {0xFE80, 0, 0, 0, 0, 0, 0, 0}, "eth0", "fe80::%eth0"},
    {"::%0", {}, "0", "::%0"},
    {"1:2:3:4:5:6:7:8%x", {1, 2, 3, 4, 5, 6, 7, 8}, "x", "1:2:3:4:5:6:7:8%x"},
    {"::ffff:1.2.3.4%eth0", {0, 0, 0, 0, 0, 0xFFFF, 0x0102, 0x0304}, "eth0", "::ffff:1.2.3.4%eth0"},
    {"::1.2.3.4%eth0", {0, 0, 0, 0, 0, 0, 0x0102, 0x0304}, "eth0", "::102:304%eth0"},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345",
     {0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF},
     "123456789012345",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345"},
};

constexpr bool check_valid(const valid_row& row) {
    const auto parsed = ipv6_address::parse(row.text);
    if (!parsed) return false;
    if (groups_of(*parsed) != row.groups || parsed->without_zone() != ipv6_address::from_groups(row.groups))
        return false;
    if (parsed->zone() != row.zone || parsed->has_zone() != !row.zone.empty()) return false;
    if (format(*parsed).view() != row.canonical) return false;
    // The canonical text is a fixed point.
    const auto again = ipv6_address::parse(row.canonical);
    return again && *again == *parsed && format(*again).view() == row.canonical;
}
static_assert(first_failure(rfc4291_rows, check_valid) == -1);
static_assert(first_failure(rfc5952_rows, check_valid) == -1);
static_assert(first_failure(zone_rows, check_valid) == -1);

void walk_valid(const valid_row& row) {
    CAPTURE(row.text);
    const auto parsed = ipv6_address::parse(row.text);
    CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(errc{}));
    if (!parsed) return;
    CHECK(groups_of(*parsed) == row.groups);
    CHECK(parsed->without_zone() == ipv6_address::from_groups(row.groups));
    CHECK(parsed->zone() == row.zone);
    CHECK(parsed->has_zone() == !row.zone.empty());
    CHECK(parsed->to_string() == row.canonical);
    CHECK(format(*parsed).view() == row.canonical);
    CHECK(ipv6_address::parse(row.canonical) == parsed);
}

TEST_CASE("ipv6_address::parse: RFC 4291 section 2.2 forms") {
    for (const auto& row : rfc4291_rows) walk_valid(row);
}
TEST_CASE("ipv6_address::to_chars: RFC 5952 canonical text") {
    for (const auto& row : rfc5952_rows) walk_valid(row);
}
TEST_CASE("ipv6_address::parse: RFC 4007 zones kept as written") {
    for (const auto& row : zone_rows) walk_valid(row);
}

// ---------------------------------------------------------------------------
// Parsing: invalid text, with the exact reason

struct invalid_row {
    std::string_view text;
    errc error;
};
constexpr invalid_row invalid_rows[] = {
    {"", errc::empty},
    // "::" rules.
    {"1::2::3", errc::bad_compression},
    {"::1::", errc::bad_compression},
    {"1::2:3::", errc::bad_compression},
    {"::1:::", errc::bad_compression},
    {"1:2:3:4:5:6:7:8::", errc::empty_compression},
    {"::1:2:3:4:5:6:7:8", errc::empty_compression},
    {"1:2:3::4:5:6:7:8", errc::empty_compression},
    {"1:2:3:4:5:6::1.2.3.4", errc::empty_compression},
    // A third ':' is an empty group, not a second "::".
    {":::", errc::empty_group},
    {"1:::2", errc::empty_group},
    // A single ':' at either end.
    {":", errc::empty_group},
    {":1", errc::empty_group},
    {"1:", errc::empty_group},
    {":1:2:3:4:5:6:7", errc::empty_group},
    {"1:2:3:4:5:6:7:", errc::empty_group},
    {"::1:", errc::empty_group},
    {"1:2::3:", errc::empty_group},
    // Group counts.
    {"1:2:3:4:5:6:7", errc::too_few_groups},
    {"1", errc::too_few_groups},
    {"1:2:3:4:5:6:1.2.3", errc::too_few_octets},
    {"1:2:3:4:5:1.2.3.4", errc::too_few_groups},
    {"1.2.3.4", errc::too_few_groups},
    {"1:2:3:4:5:6:7:8:9", errc::too_many_groups},
    {"1:2:3:4:5:6:7:1.2.3.4", errc::too_many_groups},
    {"1:2:3:4:5:6:7:8:1.2.3.4", errc::too_many_groups},
    // Five-digit groups, even when the value would fit.
    {"02001:db8::", errc::too_many_digits},
    {"::00000", errc::too_many_digits},
    {"0:0:0:0:000000:ffff:127.1.2.3", errc::too_many_digits},
    {"1:2:3:4:5:6:7:10000", errc::too_many_digits},
    // The IPv4 tail: last, and as strict as ipv4_address.
    {"1.2.3.4::", errc::ipv4_tail_not_last},
    {"::1.2.3.4:5", errc::ipv4_tail_not_last},
    {"::1.2.3.4::", errc::ipv4_tail_not_last},
    {"1.2.3.4:1:2:3:4:5:6", errc::ipv4_tail_not_last},
    {"::1.2.3.4.5", errc::too_many_octets},
    {"::ffff:1.2.03.4", errc::leading_zero},
    {"::ffff:01.2.3.4", errc::leading_zero},
    {"::ffff:1.2.3.256", errc::octet_out_of_range},
    {"::ffff:1.2.3", errc::too_few_octets},
    {"::ffff:1..3.4", errc::empty_octet},
    {"::ffff:1.2.3.", errc::empty_octet},
    {"::ffff:1.2.3.x", errc::unexpected_character},
    {"::ffff:1234.1.1.1", errc::octet_out_of_range},
    // Zones.
    {"fe80::1%", errc::empty_zone},
    {"1:2:3:4:5:6:7:8%", errc::empty_zone},
    {"fe80::1%0123456789abcdef", errc::zone_too_long},
    {"fe80::1%abcdefghijklmnop", errc::zone_too_long},
    {"fe80::1%eth/0", errc::bad_zone_character},
    {"fe80::1%eth 0", errc::bad_zone_character},
    {"fe80::1%eth%0", errc::bad_zone_character},
    {"fe80::1%/", errc::bad_zone_character},
    {"fe80::1% ", errc::bad_zone_character},
    {"fe80::1%%", errc::bad_zone_character},
    {"fe80::1%eth0 ", errc::bad_zone_character},
    {"fe80::1%eth0/64", errc::bad_zone_character},
    {"fe80::1%\xC3\xA9th0", errc::bad_zone_character}, // "éth0" in UTF-8
    {"fe80::1%eth0\0"sv, errc::bad_zone_character},
    // Whitespace either side.
    {" ::1", errc::unexpected_character},
    {"\t::1", errc::unexpected_character},
    {"\n::1", errc::unexpected_character},
    {"::1 ", errc::trailing_characters},
    {"::1\n", errc::trailing_characters},
    {"1:2:3:4:5:6:7:8 ", errc::trailing_characters},
    {":: 1", errc::trailing_characters},
    {"1: 2::", errc::unexpected_character},
    // Other characters.
    {"g::1", errc::unexpected_character},
    {"1:g::", errc::unexpected_character},
    {"::g", errc::trailing_characters},
    {"[::1]", errc::unexpected_character},
    {"::1]", errc::trailing_characters},
    {"::1/128", errc::trailing_characters},
    {"::1\0"sv, errc::trailing_characters},
    {"-1::", errc::unexpected_character},
    // Reading stops at the 'x'; what was read is too short to be an address.
    {"0x1::", errc::unexpected_character},
    {"1:2:3 ", errc::unexpected_character},
    {"1:2:3:4:5:6:7:%eth0", errc::empty_group},
    {"2001:db8::1:%eth0", errc::empty_group},
    // Digits are ASCII only: U+FF12 FULLWIDTH DIGIT TWO is EF BC 92.
    {"\xEF\xBC\x92"
     "001:db8::1",
     errc::unexpected_character},
    {"2001:db8::\xEF\xBC\x91", errc::trailing_characters},
    {"2001:db8:\xEF\xBC\x91::", errc::unexpected_character},
};
constexpr bool check_invalid(const invalid_row& row) {
    const auto parsed = ipv6_address::parse(row.text);
    return !parsed && parsed.error() == row.error && parsed == row.error;
}
static_assert(first_failure(invalid_rows, check_invalid) == -1);

TEST_CASE("ipv6_address::parse: invalid text gives the exact errc") {
    for (const auto& row : invalid_rows) {
        CAPTURE(row.text);
        const auto parsed = ipv6_address::parse(row.text);
        CHECK(!parsed.has_value());
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
    }
}

TEST_CASE("ipv6_address::parse: 10 kB inputs are rejected within 64 characters") {
    struct big_row {
        std::string text;
        errc error;
    };
    const auto repeat = [](std::string_view piece) {
        std::string s;
        while (s.size() < 10000) s += piece;
        return s;
    };
    const big_row rows[] = {
        {std::string(10000, '1'), errc::too_many_digits},
        {std::string(10000, 'f'), errc::too_many_digits},
        {std::string(10000, ':'), errc::empty_group},
        {std::string(10000, ' '), errc::unexpected_character},
        {repeat("1:"), errc::too_many_groups},
        {"::" + repeat("1:"), errc::too_many_groups},
        {repeat("1::"), errc::bad_compression},
        {"::1" + std::string(10000, ' '), errc::trailing_characters},
        {"fe80::1%" + std::string(10000, 'a'), errc::zone_too_long},
        {"::ffff:1.2.3." + std::string(10000, '4'), errc::octet_out_of_range},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text.substr(0, 20));
        CHECK(row.text.size() >= 10000);
        const auto parsed = ipv6_address::parse(row.text);
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
        const char* it = row.text.data();
        (void)ipv6_address::parse_prefix(it, row.text.data() + row.text.size());
        CHECK(it - row.text.data() <= 64);
    }
}

// ---------------------------------------------------------------------------
// parse_prefix: composable, leaves what follows

struct prefix_row {
    std::string_view text;
    std::string_view canonical;
    std::size_t consumed;
};
constexpr prefix_row prefix_rows[] = {
    {"::1]:80", "::1", 3},
    {"fe80::1%eth0]:22", "fe80::1%eth0", 12},
    {"2001:db8::/32", "2001:db8::", 10},
    {"::ffff:1.2.3.4]", "::ffff:1.2.3.4", 14},
    {"1:2:3:4:5:6:7:8 rest", "1:2:3:4:5:6:7:8", 15},
    {"::/0", "::", 2},
};
constexpr bool check_prefix(const prefix_row& row) {
    const char* it = row.text.data();
    const auto parsed = ipv6_address::parse_prefix(it, row.text.data() + row.text.size());
    return parsed && format(*parsed).view() == row.canonical && it == row.text.data() + row.consumed;
}
static_assert(first_failure(prefix_rows, check_prefix) == -1);

TEST_CASE("ipv6_address::parse_prefix: stops before what cannot continue the address") {
    for (const auto& row : prefix_rows) {
        CAPTURE(row.text);
        const char* it = row.text.data();
        const auto parsed = ipv6_address::parse_prefix(it, row.text.data() + row.text.size());
        REQUIRE(parsed.has_value());
        CHECK(parsed->to_string() == row.canonical);
        CHECK(it - row.text.data() == static_cast<std::ptrdiff_t>(row.consumed));
    }
}

// ---------------------------------------------------------------------------
// The zone API

constexpr ipv6_address fe80_1 = ipv6_address::from_groups({0xFE80, 0, 0, 0, 0, 0, 0, 1});
static_assert(fe80_1.with_zone("eth0")->zone() == "eth0");
static_assert(fe80_1.with_zone("eth0")->has_zone());
static_assert(fe80_1.with_zone("eth0")->without_zone() == fe80_1);
static_assert(fe80_1.with_zone("eth0")->to_bytes() == fe80_1.to_bytes());
static_assert(fe80_1.with_zone("abcdefghijklmno")->zone() == "abcdefghijklmno");
static_assert(fe80_1.with_zone("abcdefghijklmnop") == errc::zone_too_long);
static_assert(fe80_1.with_zone("eth/0") == errc::bad_zone_character);
static_assert(fe80_1.with_zone("eth 0") == errc::bad_zone_character);
static_assert(fe80_1.with_zone("%25eth0") == errc::bad_zone_character);
static_assert(fe80_1.with_zone("eth0\0"sv) == errc::bad_zone_character);
static_assert(*fe80_1.with_zone("") == fe80_1);
static_assert(!fe80_1.with_zone("eth0")->with_zone("")->has_zone());
static_assert(fe80_1.with_zone("eth0")->with_zone("eth1")->zone() == "eth1");
// A long zone replaced by a short one leaves no trace of the long one.
static_assert(*fe80_1.with_zone("abcdefghijklmno")->with_zone("x") == *fe80_1.with_zone("x"));
static_assert(*fe80_1.with_zone("abcdefghijklmno")->with_zone("") == fe80_1);
static_assert(fe80_1.with_zone("eth0")->without_zone().zone().empty());
// Equality includes the zone.
static_assert(*fe80_1.with_zone("eth0") != fe80_1);
static_assert(*fe80_1.with_zone("eth0") != *fe80_1.with_zone("eth1"));
static_assert(*fe80_1.with_zone("eth0") != *fe80_1.with_zone("ETH0"));
static_assert(*fe80_1.with_zone("eth0") == *ipv6_address::parse("fe80::1%eth0"));
static_assert(*ipv6_address::parse("FE80:0:0:0:0:0:0:1%eth0") == *ipv6_address::parse("fe80::1%eth0"));

TEST_CASE("ipv6_address: zone(), has_zone(), with_zone(), without_zone()") {
    const auto zoned = ipv6_address::parse("fe80::1%eth0");
    REQUIRE(zoned.has_value());
    CHECK(zoned->zone() == "eth0");
    CHECK(zoned->has_zone());
    CHECK(zoned->without_zone() == fe80_1);
    CHECK(!zoned->without_zone().has_zone());
    CHECK(zoned->without_zone().to_string() == "fe80::1");

    const auto other = zoned->with_zone("wlan0");
    REQUIRE(other.has_value());
    CHECK(other->to_string() == "fe80::1%wlan0");
    CHECK(other->to_bytes() == zoned->to_bytes());

    CHECK(ipwire::to_string(zoned->with_zone(std::string(16, 'a')).error()) == ipwire::to_string(errc::zone_too_long));
    CHECK(zoned->with_zone(std::string(15, 'a')).has_value());
    CHECK(ipwire::to_string(zoned->with_zone("a/b").error()) == ipwire::to_string(errc::bad_zone_character));
    CHECK(ipwire::to_string(zoned->with_zone("a%b").error()) == ipwire::to_string(errc::bad_zone_character));
    CHECK(ipwire::to_string(zoned->with_zone("a b").error()) == ipwire::to_string(errc::bad_zone_character));
    const auto removed = zoned->with_zone("");
    REQUIRE(removed.has_value());
    CHECK(!removed->has_zone());
    CHECK(*removed == fe80_1);

    CHECK(*zoned != fe80_1);
    CHECK(*zoned != *zoned->with_zone("eth1"));
}

// Strictly increasing: by the 128-bit number, then by zone text, no zone first.
constexpr std::string_view ascending[] = {
    "::",
    "::%a",
    "::1",
    "::1%0",
    "::1%a",
    "::1%ab",
    "::1%b",
    "::2",
    "::ffff:0.0.0.0",
    "::ffff:255.255.255.255",
    "1::",
    "fe80::1",
    "fe80::1%eth0",
    "fe80::1%eth1",
    "fe80::2",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe%zzz",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
};
constexpr bool check_order() {
    constexpr std::size_t n = sizeof ascending / sizeof ascending[0];
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const auto a = ipv6_address::parse(ascending[i]);
            const auto b = ipv6_address::parse(ascending[j]);
            if (!a || !b) return false;
            if ((*a <=> *b) != (i <=> j)) return false;
            if ((*a == *b) != (i == j) || (*a < *b) != (i < j)) return false;
        }
    }
    return true;
}
static_assert(check_order());

TEST_CASE("ipv6_address: ordering by number, then zone") {
    CHECK(check_order());
    for (std::size_t i = 0; i + 1 < sizeof ascending / sizeof ascending[0]; ++i) {
        CAPTURE(ascending[i]);
        CAPTURE(ascending[i + 1]);
        const auto a = ipv6_address::parse(ascending[i]);
        const auto b = ipv6_address::parse(ascending[i + 1]);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(*a < *b);
        CHECK((*b <=> *a) == std::strong_ordering::greater);
    }
}

TEST_CASE("ipv6_address: std::hash: equal values hash equal, the zone counts, unordered_set works") {
    const std::hash<ipv6_address> hash;
    const auto a = ipv6_address::parse("2001:DB8:0:0:0:0:0:1");
    const auto b = ipv6_address::parse("2001:db8::1");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(hash(*a) == hash(*b));
    CHECK(hash(*a) == hash(ipv6_address(doc_bytes)));
    CHECK(hash(*fe80_1.with_zone("eth0")) == hash(*ipv6_address::parse("fe80::1%eth0")));

    std::unordered_set<ipv6_address> set;
    for (auto text : ascending) set.insert(*ipv6_address::parse(text));
    for (auto text : ascending) set.insert(*ipv6_address::parse(text));
    CHECK(set.size() == sizeof ascending / sizeof ascending[0]);
    for (auto text : ascending) {
        CAPTURE(text);
        CHECK(set.count(*ipv6_address::parse(text)) == 1);
    }
    CHECK(set.count(*fe80_1.with_zone("eth2")) == 0);
    CHECK(set.count(ipv6_address(doc_bytes)) == 0);
}

// ---------------------------------------------------------------------------
// Text styles and buffers

struct style_row {
    std::string_view text;
    ipv6_text_style style;
    std::string_view expected;
};
constexpr ipv6_text_style expanded{true, false};
constexpr ipv6_text_style upper{false, true};
constexpr ipv6_text_style expanded_upper{true, true};
constexpr style_row style_rows[] = {
    {"2001:db8::1", {}, "2001:db8::1"},
    {"2001:db8::1", expanded, "2001:0db8:0000:0000:0000:0000:0000:0001"},
    {"2001:db8::1", upper, "2001:DB8::1"},
    {"2001:db8::1", expanded_upper, "2001:0DB8:0000:0000:0000:0000:0000:0001"},
    {"::", expanded, "0000:0000:0000:0000:0000:0000:0000:0000"},
    {"::", upper, "::"},
    {"abcd:ef01:2345:6789:abcd:ef01:2345:6789", upper, "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789"},
    {"::ffff:1.2.3.4", expanded, "0000:0000:0000:0000:0000:ffff:0102:0304"},
    {"::ffff:1.2.3.4", upper, "::FFFF:1.2.3.4"},
    {"::ffff:1.2.3.4", expanded_upper, "0000:0000:0000:0000:0000:FFFF:0102:0304"},
    {"::1.2.3.4", expanded, "0000:0000:0000:0000:0000:0000:0102:0304"},
    // The zone is kept as written in every style.
    {"fe80::ab%eth0", upper, "FE80::AB%eth0"},
    {"fe80::ab%eth0", expanded, "fe80:0000:0000:0000:0000:0000:0000:00ab%eth0"},
    {"fe80::1%abcdefghijklmno", expanded_upper, "FE80:0000:0000:0000:0000:0000:0000:0001%abcdefghijklmno"},
};
constexpr bool check_style(const style_row& row) {
    const auto parsed = ipv6_address::parse(row.text);
    if (!parsed || format(*parsed, row.style).view() != row.expected) return false;
    // Every style is valid input for the same address.
    const auto again = ipv6_address::parse(row.expected);
    return again && *again == *parsed;
}
static_assert(first_failure(style_rows, check_style) == -1);

TEST_CASE("ipv6_address::to_chars: expanded and upper-case styles") {
    for (const auto& row : style_rows) {
        CAPTURE(row.text);
        CAPTURE(row.style.expanded);
        CAPTURE(row.style.upper_case);
        const auto parsed = ipv6_address::parse(row.text);
        REQUIRE(parsed.has_value());
        CHECK(parsed->to_string(row.style) == row.expected);
        CHECK(format(*parsed, row.style).view() == row.expected);
        CHECK(ipv6_address::parse(row.expected) == parsed);
    }
}

// Every buffer size from 0 to length-1 gives {last, value_too_large} and leaves
// every character from `last` on untouched; the exact size writes the text.
constexpr bool check_buffer_sizes(const style_row& row) {
    const auto parsed = ipv6_address::parse(row.text);
    if (!parsed) return false;
    constexpr char fill = '#';
    for (std::size_t size = 0; size <= row.expected.size(); ++size) {
        char buffer[ipv6_address::max_string_length + 4] = {};
        for (char& c : buffer) c = fill;
        const auto [ptr, ec] = parsed->to_chars(buffer, buffer + size, row.style);
        if (size < row.expected.size()) {
            if (ec != std::errc::value_too_large || ptr != buffer + size) return false;
        } else {
            if (ec != std::errc{} || ptr != buffer + size) return false;
            if (std::string_view(buffer, size) != row.expected) return false;
        }
        for (std::size_t i = size; i < sizeof buffer; ++i)
            if (buffer[i] != fill) return false;
    }
    return true;
}
static_assert(first_failure(style_rows, check_buffer_sizes) == -1);
// The longest text there is fills max_string_length exactly.
static_assert(style_rows[13].expected.size() == ipv6_address::max_string_length);

TEST_CASE("ipv6_address::to_chars: too-small buffers give value_too_large, exact ones fit") {
    for (const auto& row : style_rows) {
        CAPTURE(row.expected);
        const auto parsed = ipv6_address::parse(row.text);
        REQUIRE(parsed.has_value());
        for (std::size_t size = 0; size <= row.expected.size(); ++size) {
            CAPTURE(size);
            std::array<char, ipv6_address::max_string_length + 4> buffer{};
            buffer.fill('#');
            const auto [ptr, ec] = parsed->to_chars(buffer.data(), buffer.data() + size, row.style);
            CHECK(ptr == buffer.data() + size);
            if (size < row.expected.size()) {
                CHECK(ec == std::errc::value_too_large);
            } else {
                CHECK(ec == std::errc{});
                CHECK(std::string_view(buffer.data(), size) == row.expected);
            }
            CHECK(std::all_of(buffer.begin() + static_cast<std::ptrdiff_t>(size), buffer.end(),
                              [](char c) { return c == '#'; }));
        }
    }
}

} // namespace
