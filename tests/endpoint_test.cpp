// Tests for ipwire/endpoint.hpp: "192.0.2.1:80" and "[2001:db8::1]:443" text
// (RFC 3986 section 3.2.2 brackets), IPv4-mapped addresses kept as written,
// the longest text, and the value-type guarantees of every ipwire value.
#include <ipwire/endpoint.hpp>

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

#include <ipwire/prefix.hpp>

namespace {

using ipwire::endpoint;
using ipwire::errc;
using ipwire::ip_address;
using ipwire::ipv4_address;
using ipwire::ipv6_address;
using ipwire::ipv6_text_style;
using ipwire::port;

// ---------------------------------------------------------------------------
// Table machinery (good_row, bad_row, the *_hold and check_*_rows walkers):
// tests/text_table.hpp.
using namespace text_table;

constexpr auto ten_kb_nines = text_then<10240>("", '9');
constexpr auto ten_kb_colons = text_then<10240>("", ':');
constexpr auto ten_kb_bracketed = text_then<10240>("[", '1');
constexpr auto ten_kb_port = text_then<10240>("192.0.2.1:", '9');
constexpr auto ten_kb_port_zeros = text_then<10240>("[::1]:", '0');

// Values built without the parser.
constexpr ip_address v4(std::uint32_t value) { return ipv4_address(value); }
constexpr ipv6_address a6(std::uint16_t g0, std::uint16_t g1, std::uint16_t g2, std::uint16_t g3, std::uint16_t g4,
                          std::uint16_t g5, std::uint16_t g6, std::uint16_t g7) {
    return ipv6_address::from_groups({g0, g1, g2, g3, g4, g5, g6, g7});
}
constexpr ip_address v6(const ipv6_address& a) { return a; }
constexpr ip_address zoned(const ipv6_address& a, std::string_view zone) { return *a.with_zone(zone); }
constexpr ip_address mapped(std::uint32_t value) { return ipv6_address::v4_mapped(ipv4_address(value)); }
constexpr endpoint ep(const ip_address& a, std::uint16_t p) { return {a, port(p)}; }

constexpr ipv6_address all_ones = a6(0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff);

// ---------------------------------------------------------------------------
// endpoint::parse

constexpr good_row<endpoint> valid_endpoints[] = {
    {"192.0.2.1:80", ep(v4(0xC0000201), 80), "192.0.2.1:80"},
    {"[2001:db8::1]:443", ep(v6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), 443), "[2001:db8::1]:443"},
    {"[fe80::1%eth0]:22", ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), "eth0"), 22), "[fe80::1%eth0]:22"},
    // Parsing never unmaps: the mapped address stays IPv6 and prints back.
    {"[::ffff:192.0.2.1]:80", ep(mapped(0xC0000201), 80), "[::ffff:192.0.2.1]:80"},
    {"0.0.0.0:0", ep(v4(0), 0), "0.0.0.0:0"},
    {"255.255.255.255:65535", ep(v4(0xFFFFFFFF), 65535), "255.255.255.255:65535"},
    {"127.0.0.1:8080", ep(v4(0x7F000001), 8080), "127.0.0.1:8080"},
    {"[::]:0", ep(v6({}), 0), "[::]:0"},
    {"[::1]:8080", ep(v6(ipv6_address::loopback()), 8080), "[::1]:8080"},
    {"[2001:DB8::1]:443", ep(v6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), 443), "[2001:db8::1]:443"},
    {"[2001:db8:0:0:0:0:0:1]:443", ep(v6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), 443), "[2001:db8::1]:443"},
    {"[::192.0.2.1]:80", ep(v6(a6(0, 0, 0, 0, 0, 0, 0xc000, 0x201)), 80), "[::c000:201]:80"}, // IPv4-compatible: hex
    {"[fe80::1%1]:22", ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), "1"), 22), "[fe80::1%1]:22"},
    {"[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345]:65535", ep(zoned(all_ones, "123456789012345"), 65535),
     "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345]:65535"},
    // RFC 3986 section 1.1.2 ("telnet://192.0.2.16:80/").
    {"192.0.2.16:80", ep(v4(0xC0000210), 80), "192.0.2.16:80"},
    // RFC 2732 section 2 hosts that carry a port.
    {"[FEDC:BA98:7654:3210:FEDC:BA98:7654:3210]:80",
     ep(v6(a6(0xfedc, 0xba98, 0x7654, 0x3210, 0xfedc, 0xba98, 0x7654, 0x3210)), 80),
     "[fedc:ba98:7654:3210:fedc:ba98:7654:3210]:80"},
    {"[::FFFF:129.144.52.38]:80", ep(mapped(0x81903426), 80), "[::ffff:129.144.52.38]:80"},
    // RFC 6874's "%25" is URI syntax; here it is zone text, kept as written.
    {"[fe80::a%25en1]:80", ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 0xa), "25en1"), 80), "[fe80::a%25en1]:80"},
};

constexpr bad_row invalid_endpoints[] = {
    {"", errc::empty},
    {"[1.2.3.4]:80", errc::ipv4_in_brackets},
    {"[1.2.3.4]", errc::ipv4_in_brackets},
    {"[192.0.2.16]:80", errc::ipv4_in_brackets},
    {"[1.2.3.4", errc::ipv4_in_brackets},
    {"[1.2.3.4%eth0]:80", errc::ipv4_in_brackets},
    {"[1.2.3.4:80]", errc::ipv4_in_brackets},
    {"::1:80", errc::ipv6_needs_brackets},
    {"2001:db8::1:443", errc::ipv6_needs_brackets},
    {"fe80::1%eth0:22", errc::ipv6_needs_brackets},
    {"::ffff:192.0.2.1:80", errc::ipv6_needs_brackets},
    {"::1", errc::ipv6_needs_brackets},
    {"[::1]", errc::missing_port},
    {"1.2.3.4", errc::missing_port},
    {"1.2.3.4:", errc::missing_port},
    {"[::1]:", errc::missing_port},
    {"[fe80::1%eth0]", errc::missing_port},
    {"[::1", errc::missing_bracket},
    {"[fe80::1%eth0", errc::missing_bracket},
    {"[2001:db8::7", errc::missing_bracket},
    {"[2001:db8::7]", errc::missing_port}, // RFC 3986 section 1.1.2's ldap host has no port
    {"[::1]80", errc::unexpected_character},
    {"[::1] :80", errc::unexpected_character},
    {"1.2.3.4 :80", errc::unexpected_character},
    {"1.2.3.4::80", errc::unexpected_character},
    {"[::1]:+80", errc::unexpected_character},
    {"[::1]:-1", errc::unexpected_character},
    {"[::1]: 80", errc::unexpected_character},
    {"1.2.3.4:65536", errc::port_out_of_range},
    {"[::1]:99999", errc::port_out_of_range},
    {"1.2.3.4:080", errc::leading_zero},
    {"[::1]:00", errc::leading_zero},
    {"1.2.3.4%eth0:80", errc::zone_not_allowed},
    {"[::1]:80 ", errc::trailing_characters},
    {"1.2.3.4:80 ", errc::trailing_characters},
    {"[::1]:80:90", errc::trailing_characters},
    {"1.2.3.4:0x50", errc::trailing_characters},
    {"[::1]:80/tcp", errc::trailing_characters},
    {"[fe80::1%eth 0]:22", errc::bad_zone_character},
    {"[fe80::1%]:22", errc::empty_zone},
    {"1.2.3.256:80", errc::octet_out_of_range},
    {"1.2.3:80", errc::too_few_octets},
    // IPvFuture (RFC 3986 section 3.2.2) is no IP address.
    {"[v7.fe80::a]:80", errc::unexpected_character},
    {view(ten_kb_nines), errc::octet_out_of_range},
    {view(ten_kb_colons), errc::ipv6_needs_brackets},
    {view(ten_kb_bracketed), errc::too_many_digits},
    {view(ten_kb_port), errc::port_out_of_range},
    {view(ten_kb_port_zeros), errc::leading_zero},
};

static_assert(good_rows_hold(valid_endpoints));
static_assert(bad_rows_hold<endpoint>(invalid_endpoints));

// ---------------------------------------------------------------------------
// The longest text, styles, unmap

constexpr std::string_view longest_text = "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345]:65535";
static_assert(endpoint::max_string_length == longest_text.size());
static_assert(writes(ep(zoned(all_ones, "123456789012345"), 65535), longest_text));
static_assert(writes(ep(zoned(all_ones, "123456789012345"), 65535),
                     "[FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF%123456789012345]:65535",
                     ipv6_text_style{.upper_case = true}));
static_assert(writes(ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), "123456789012345"), 65535),
                     "[fe80:0000:0000:0000:0000:0000:0000:0001%123456789012345]:65535",
                     ipv6_text_style{.expanded = true}));

struct style_row {
    endpoint value;
    ipv6_text_style style;
    std::string_view expected;
};

constexpr style_row styled[] = {
    {ep(v6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), 443), {true, false}, "[2001:0db8:0000:0000:0000:0000:0000:0001]:443"},
    {ep(v6(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), 443), {false, true}, "[2001:DB8::1]:443"},
    {ep(mapped(0xC0000201), 80), {false, true}, "[::FFFF:192.0.2.1]:80"},
    {ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), "Eth0"), 22), {false, true}, "[FE80::1%Eth0]:22"}, // zone as written
    {ep(v4(0xC0000201), 80), {true, true}, "192.0.2.1:80"},                                       // no style for IPv4
};

constexpr bool styles_hold() {
    for (const auto& row : styled)
        if (!writes(row.value, row.expected, row.style)) return false;
    return true;
}
static_assert(styles_hold());

static_assert(endpoint::parse("[::ffff:192.0.2.1]:80")->address().is_v6());
static_assert(endpoint::parse("[::ffff:192.0.2.1]:80")->unmap() == ep(v4(0xC0000201), 80));
static_assert(writes(endpoint::parse("[::ffff:192.0.2.1]:80")->unmap(), "192.0.2.1:80"));
static_assert(ep(v4(0xC0000201), 80).unmap() == ep(v4(0xC0000201), 80));
static_assert(ep(v6(ipv6_address::loopback()), 80).unmap() == ep(v6(ipv6_address::loopback()), 80));

static_assert(endpoint() == ep(v4(0), 0), "the default value is 0.0.0.0:0");
static_assert(ep(v4(1), 2).address() == v4(1) && ep(v4(1), 2).port() == port(2));
static_assert(ep(v4(1), 2).with_port(port(3)) == ep(v4(1), 3));
static_assert(ep(v4(1), 2).with_address(v6({})) == ep(v6({}), 2));

// ---------------------------------------------------------------------------
// Value-type guarantees, for every value type of the text layer.

static_assert(sizeof(endpoint) <= 40);
static_assert(sizeof(ipv6_address) <= 32);
static_assert(std::is_trivially_copyable_v<port>);
static_assert(std::is_trivially_copyable_v<ipwire::port_range>);
static_assert(std::is_trivially_copyable_v<ipv4_address>);
static_assert(std::is_trivially_copyable_v<ipv6_address>);
static_assert(std::is_trivially_copyable_v<ip_address>);
static_assert(std::is_trivially_copyable_v<ipwire::ipv4_prefix>);
static_assert(std::is_trivially_copyable_v<ipwire::ipv6_prefix>);
static_assert(std::is_trivially_copyable_v<ipwire::ip_prefix>);
static_assert(std::is_trivially_copyable_v<endpoint>);
static_assert(std::is_trivially_copyable_v<ipwire::result<endpoint>>);

// Ordered by address (every IPv4 before every IPv6), then port.
static_assert(ep(v4(0x01020304), 65535) < ep(v4(0x01020305), 0));
static_assert(ep(v4(0x01020304), 79) < ep(v4(0x01020304), 80));
static_assert(ep(v4(0xFFFFFFFF), 65535) < ep(v6({}), 0));
static_assert(ep(v4(0xC0000201), 80) != ep(mapped(0xC0000201), 80), "a mapped address is not its IPv4 address");
static_assert(ep(zoned(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1), "eth0"), 22) != ep(v6(a6(0xfe80, 0, 0, 0, 0, 0, 0, 1)), 22));

} // namespace

TEST_CASE("endpoint: parse accepts IPv4 and bracketed IPv6 with a port") {
    check_good_rows(valid_endpoints);
    const auto e = endpoint::parse("[fe80::1%eth0]:22");
    REQUIRE(e.has_value());
    CHECK(e->address().zone() == "eth0");
    CHECK(e->port() == port(22));
    CHECK(e->address().is_v6());
}

TEST_CASE("endpoint: parse rejects with the exact errc") { check_bad_rows<endpoint>(invalid_endpoints); }

TEST_CASE("endpoint: parse_prefix leaves what follows") {
    const std::string_view text = "[2001:db8::1]:443/path";
    const char* it = text.data();
    const char* end = text.data() + text.size();
    const auto e = endpoint::parse_prefix(it, end);
    REQUIRE(e.has_value());
    CHECK(e->to_string() == "[2001:db8::1]:443");
    CHECK(std::string_view(it, static_cast<std::size_t>(end - it)) == "/path");
}

TEST_CASE("endpoint: IPv4-mapped stays IPv6 until unmap()") {
    const auto e = endpoint::parse("[::ffff:192.0.2.1]:80");
    REQUIRE(e.has_value());
    CHECK(e->address().is_v6());
    CHECK(e->to_string() == "[::ffff:192.0.2.1]:80");
    const endpoint plain = e->unmap();
    CHECK(plain.address().is_v4());
    CHECK(plain.to_string() == "192.0.2.1:80");
    CHECK(plain == *endpoint::parse("192.0.2.1:80"));
    CHECK(plain.port() == port(80));
}

TEST_CASE("endpoint: to_chars of the longest text and into buffers too small") {
    const endpoint longest = *endpoint::parse(longest_text);
    CHECK(longest.to_string() == longest_text);

    std::array<char, endpoint::max_string_length + 2> buffer{};
    buffer.fill('#');
    auto r = longest.to_chars(buffer.data(), buffer.data() + endpoint::max_string_length);
    CHECK(r.ec == std::errc{});
    CHECK(r.ptr == buffer.data() + endpoint::max_string_length);
    CHECK(std::string_view(buffer.data(), endpoint::max_string_length) == longest_text);
    CHECK(buffer[endpoint::max_string_length] == '#');

    const auto check_room = [&](const endpoint& e, std::string_view expected) {
        CAPTURE(expected);
        for (std::size_t room = 0; room < expected.size(); ++room) {
            CAPTURE(room);
            buffer.fill('#');
            const auto result = e.to_chars(buffer.data(), buffer.data() + room);
            CHECK(result.ec == std::errc::value_too_large);
            CHECK(result.ptr == buffer.data() + room);
            CHECK(std::string_view(buffer.data(), buffer.size()).find_first_not_of('#') ==
                  std::string_view::npos); // the whole buffer untouched
        }
        buffer.fill('#');
        const auto result = e.to_chars(buffer.data(), buffer.data() + expected.size());
        CHECK(result.ec == std::errc{});
        CHECK(std::string_view(buffer.data(), expected.size()) == expected);
    };
    check_room(longest, longest_text);
    check_room(*endpoint::parse("192.0.2.1:80"), "192.0.2.1:80");
    check_room(*endpoint::parse("[::1]:0"), "[::1]:0");
}

TEST_CASE("endpoint: text styles") {
    for (const auto& row : styled) {
        CAPTURE(row.expected);
        CHECK(row.value.to_string(row.style) == row.expected);
        CHECK(writes(row.value, row.expected, row.style));
    }
}

TEST_CASE("endpoint: ordering and hashing") {
    const auto a = *endpoint::parse("1.2.3.4:65535");
    const auto b = *endpoint::parse("1.2.3.5:0");
    const auto c = *endpoint::parse("[::]:0");
    const auto d = *endpoint::parse("[::ffff:1.2.3.4]:65535");
    CHECK(a < b);
    CHECK(b < c);
    CHECK(c < d);
    CHECK(a != d);
    CHECK(a == d.unmap());

    std::unordered_set<endpoint> set;
    for (const auto& row : valid_endpoints) set.insert(row.value);
    // Three rows spell "[2001:db8::1]:443".
    CHECK(set.size() == std::size(valid_endpoints) - 2);
    set.insert(*endpoint::parse("192.0.2.1:80"));
    CHECK(set.size() == std::size(valid_endpoints) - 2);
    CHECK(set.count(*endpoint::parse("192.0.2.1:81")) == 0);
    CHECK(set.count(*endpoint::parse("[fe80::1%eth0]:22")) == 1);
    CHECK(set.count(*endpoint::parse("[fe80::1%eth1]:22")) == 0);
    CHECK(std::hash<endpoint>{}(a) == std::hash<endpoint>{}(d.unmap()));
}
