// ip_address (ipwire/ip.hpp): the family chosen by the text, v4()/v6()/unmap(),
// implicit conversions from both families, ordering (every IPv4 address before
// every IPv6 address), text and hashing. Classification is in classify_test.cpp.
#include <ipwire/ip.hpp>

#include <doctest/doctest.h>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>

namespace {

using ipwire::errc;
using ipwire::ip_address;
using ipwire::ipv4_address;
using ipwire::ipv6_address;
using ipwire::ipv6_text_style;
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
    char data[ip_address::max_string_length] = {};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const { return {data, size}; }
};
constexpr text_buffer format(const ip_address& a, ipv6_text_style style = {}) {
    text_buffer out;
    const auto [ptr, ec] = a.to_chars(out.data, out.data + sizeof out.data, style);
    if (ec == std::errc{}) out.size = static_cast<std::size_t>(ptr - out.data);
    return out;
}

constexpr ipv4_address v4_1234(0x01020304U);
constexpr ipv6_address mapped_1234 = ipv6_address::v4_mapped(v4_1234);
constexpr ipv6_address doc_v6 = ipv6_address::from_groups({0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1});

// ---------------------------------------------------------------------------
// Construction, conversions, v4()/v6()/unmap()

static_assert(ip_address::max_string_length == ipv6_address::max_string_length);
static_assert(std::is_trivially_copyable_v<ip_address>);
static_assert(std::is_convertible_v<ipv4_address, ip_address>);
static_assert(std::is_convertible_v<ipv6_address, ip_address>);

// The default is 0.0.0.0.
static_assert(ip_address().is_v4() && !ip_address().is_v6());
static_assert(ip_address() == ip_address(ipv4_address()));
static_assert(ip_address().v4() == ipv4_address());

// An IPv4 address: v6() is its mapped form; unmap() changes nothing.
static_assert(ip_address(v4_1234).is_v4());
static_assert(ip_address(v4_1234).v4() == v4_1234);
static_assert(ip_address(v4_1234).v6() == mapped_1234);
static_assert(ip_address(v4_1234).unmap() == ip_address(v4_1234));
static_assert(ip_address(v4_1234).zone().empty());

// An IPv4-mapped IPv6 address stays IPv6, and differs from the IPv4 address,
// until unmap().
static_assert(ip_address(mapped_1234).is_v6());
static_assert(ip_address(mapped_1234).v6() == mapped_1234);
static_assert(ip_address(mapped_1234).v4() == v4_1234);
static_assert(ip_address(mapped_1234) != ip_address(v4_1234));
static_assert(ip_address(mapped_1234).unmap().is_v4());
static_assert(ip_address(mapped_1234).unmap() == ip_address(v4_1234));
static_assert(ip_address(mapped_1234).unmap().unmap() == ip_address(v4_1234));
// The zone goes with the IPv6 form.
static_assert(ip_address(*mapped_1234.with_zone("eth0")).zone() == "eth0");
static_assert(ip_address(*mapped_1234.with_zone("eth0")).unmap() == ip_address(v4_1234));

// Other IPv6 addresses: unmap() changes nothing; v4() is the last 32 bits.
static_assert(ip_address(doc_v6).is_v6());
static_assert(ip_address(doc_v6).unmap() == ip_address(doc_v6));
static_assert(ip_address(doc_v6).v4() == ipv4_address(1U));
static_assert(ip_address(doc_v6).v6() == doc_v6);
constexpr ipv6_address compatible_1234 = ipv6_address::from_groups({0, 0, 0, 0, 0, 0, 0x0102, 0x0304});
static_assert(ip_address(compatible_1234).unmap() == ip_address(compatible_1234));
static_assert(ip_address(compatible_1234).unmap().is_v6());

// Implicit conversions where an ip_address is expected.
constexpr bool is_v4_of(const ip_address& a) { return a.is_v4(); }
static_assert(is_v4_of(v4_1234));
static_assert(!is_v4_of(doc_v6));

TEST_CASE("ip_address: construction, v4(), v6(), unmap(), implicit conversions") {
    const ip_address from_v4 = v4_1234; // implicit
    const ip_address from_v6 = doc_v6;  // implicit
    CHECK(from_v4.is_v4());
    CHECK(!from_v4.is_v6());
    CHECK(from_v4.v4() == v4_1234);
    CHECK(from_v4.v6() == mapped_1234);
    CHECK(from_v4.to_string() == "1.2.3.4");
    CHECK(from_v6.is_v6());
    CHECK(from_v6.v6() == doc_v6);
    CHECK(from_v6.to_string() == "2001:db8::1");
    CHECK(is_v4_of(v4_1234));
    CHECK(!is_v4_of(doc_v6));

    // "::ffff:1.2.3.4" parses as IPv6, prints as written, and unmaps to IPv4.
    const auto mapped = ip_address::parse("::ffff:1.2.3.4");
    REQUIRE(mapped.has_value());
    CHECK(mapped->is_v6());
    CHECK(mapped->v6() == mapped_1234);
    CHECK(mapped->to_string() == "::ffff:1.2.3.4");
    CHECK(*mapped != ip_address(v4_1234));
    const ip_address unmapped = mapped->unmap();
    CHECK(unmapped.is_v4());
    CHECK(unmapped.v4() == v4_1234);
    CHECK(unmapped == ip_address(v4_1234));
    CHECK(unmapped.to_string() == "1.2.3.4");

    CHECK(ip_address().to_string() == "0.0.0.0");
    const auto zoned = ip_address::parse("fe80::1%eth0");
    REQUIRE(zoned.has_value());
    CHECK(zoned->zone() == "eth0");
    CHECK(zoned->v6().zone() == "eth0");
}

// ---------------------------------------------------------------------------
// Parsing: the family comes from the text

struct valid_row {
    std::string_view text;
    bool is_v4;
    std::string_view canonical;
};
constexpr valid_row valid_rows[] = {
    {"0.0.0.0", true, "0.0.0.0"},
    {"1.2.3.4", true, "1.2.3.4"},
    {"255.255.255.255", true, "255.255.255.255"},
    {"192.0.2.1", true, "192.0.2.1"},
    {"::", false, "::"},
    {"::1", false, "::1"},
    {"1::", false, "1::"},
    {"abcd::", false, "abcd::"},
    {"ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", false, "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
    {"2001:DB8:0:0:8:800:200C:417A", false, "2001:db8::8:800:200c:417a"},
    {"::ffff:1.2.3.4", false, "::ffff:1.2.3.4"},
    {"::FFFF:1.2.3.4", false, "::ffff:1.2.3.4"},
    {"0:0:0:0:0:ffff:102:304", false, "::ffff:1.2.3.4"},
    {"::1.2.3.4", false, "::102:304"},
    {"1:2:3:4:5:6:1.2.3.4", false, "1:2:3:4:5:6:102:304"},
    {"fe80::1%eth0", false, "fe80::1%eth0"},
    {"fe80::1%25eth0", false, "fe80::1%25eth0"},
};
constexpr bool check_valid(const valid_row& row) {
    const auto parsed = ip_address::parse(row.text);
    if (!parsed || parsed->is_v4() != row.is_v4 || parsed->is_v6() == row.is_v4) return false;
    if (format(*parsed).view() != row.canonical) return false;
    // The same value as the family's own parser.
    if (row.is_v4) {
        const auto v4 = ipv4_address::parse(row.text);
        if (!v4 || *parsed != ip_address(*v4) || parsed->v4() != *v4) return false;
    } else {
        const auto v6 = ipv6_address::parse(row.text);
        if (!v6 || *parsed != ip_address(*v6) || parsed->v6() != *v6 || parsed->zone() != v6->zone()) return false;
    }
    const auto again = ip_address::parse(row.canonical);
    return again && *again == *parsed;
}
static_assert(first_failure(valid_rows, check_valid) == -1);

TEST_CASE("ip_address::parse: family choice and canonical text") {
    for (const auto& row : valid_rows) {
        CAPTURE(row.text);
        const auto parsed = ip_address::parse(row.text);
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(errc{}));
        if (!parsed) continue;
        CHECK(parsed->is_v4() == row.is_v4);
        CHECK(parsed->is_v6() == !row.is_v4);
        CHECK(parsed->to_string() == row.canonical);
        CHECK(format(*parsed).view() == row.canonical);
        CHECK(ip_address::parse(row.canonical) == parsed);
    }
}

struct invalid_row {
    std::string_view text;
    errc error;
};
constexpr invalid_row invalid_rows[] = {
    {"", errc::empty},
    // IPv4 faults (the first '.' comes before any ':').
    {"1.2.3", errc::too_few_octets},
    {"1.2.3.4.5", errc::too_many_octets},
    {"01.2.3.4", errc::leading_zero},
    {"256.1.1.1", errc::octet_out_of_range},
    {"1.2.3.4 ", errc::trailing_characters},
    {"1.2.3.4:80", errc::trailing_characters},
    {"1.2.3.4::", errc::trailing_characters},
    {"1.2.3.4%eth0", errc::zone_not_allowed},
    {"1.2.3.4\0"sv, errc::trailing_characters},
    // IPv6 faults (a ':' within the first five characters, before any '.').
    {"::1 ", errc::trailing_characters},
    {" ::1", errc::unexpected_character},
    {"[::1]", errc::unexpected_character},
    {"1:2:3", errc::too_few_groups},
    {"1::2::3", errc::bad_compression},
    {"::ffff:1.2.03.4", errc::leading_zero},
    {"::1.2.3.4:5", errc::ipv4_tail_not_last},
    {"fe80::1%", errc::empty_zone},
    {"fe80::1%0123456789abcdef", errc::zone_too_long},
    {"fe80::1%eth0 ", errc::bad_zone_character},
    {"fe80::1%eth/0", errc::bad_zone_character},
    // A typo that still shows a ':' before any '.' gets the IPv6 error.
    {"abcd", errc::unexpected_character},
    {"abcde::1", errc::too_many_digits},
    {"12345::1", errc::too_many_digits},
    {"02001:db8::", errc::too_many_digits},
    {" 1.2.3.4", errc::unexpected_character},
};
constexpr bool check_invalid(const invalid_row& row) {
    const auto parsed = ip_address::parse(row.text);
    return !parsed && parsed.error() == row.error;
}
static_assert(first_failure(invalid_rows, check_invalid) == -1);

TEST_CASE("ip_address::parse: invalid text gives the exact errc") {
    for (const auto& row : invalid_rows) {
        CAPTURE(row.text);
        const auto parsed = ip_address::parse(row.text);
        CHECK(!parsed.has_value());
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
    }
    const std::string big(10000, '1');
    CHECK(ipwire::to_string(ip_address::parse(big).error()) == ipwire::to_string(errc::octet_out_of_range));
    const std::string big_v6 = "::" + std::string(10000, 'f');
    CHECK(ipwire::to_string(ip_address::parse(big_v6).error()) == ipwire::to_string(errc::too_many_digits));
}

struct prefix_row {
    std::string_view text;
    bool is_v4;
    std::size_t consumed;
};
constexpr prefix_row prefix_rows[] = {
    {"1.2.3.4:80", true, 7},         {"10.0.0.0/8", true, 8},      {"::1]:443", false, 3},
    {"fe80::1%eth0]:22", false, 12}, {"2001:db8::/32", false, 10},
};
constexpr bool check_prefix(const prefix_row& row) {
    const char* it = row.text.data();
    const auto parsed = ip_address::parse_prefix(it, row.text.data() + row.text.size());
    return parsed && parsed->is_v4() == row.is_v4 && it == row.text.data() + row.consumed;
}
static_assert(first_failure(prefix_rows, check_prefix) == -1);

TEST_CASE("ip_address::parse_prefix: leaves what follows the address") {
    for (const auto& row : prefix_rows) {
        CAPTURE(row.text);
        const char* it = row.text.data();
        const auto parsed = ip_address::parse_prefix(it, row.text.data() + row.text.size());
        REQUIRE(parsed.has_value());
        CHECK(parsed->is_v4() == row.is_v4);
        CHECK(it - row.text.data() == static_cast<std::ptrdiff_t>(row.consumed));
    }
}

// ---------------------------------------------------------------------------
// Text: styles reach IPv6 only; buffers

TEST_CASE("ip_address::to_chars: styles and too-small buffers") {
    const ip_address v4 = v4_1234;
    const ip_address v6 = doc_v6;
    CHECK(v4.to_string({true, true}) == "1.2.3.4");
    CHECK(v6.to_string({true, false}) == "2001:0db8:0000:0000:0000:0000:0000:0001");
    CHECK(v6.to_string({false, true}) == "2001:DB8::1");
    CHECK(ip_address(mapped_1234).to_string({false, true}) == "::FFFF:1.2.3.4");

    for (const ip_address& a : {v4, v6, ip_address(mapped_1234)}) {
        const std::string text = a.to_string();
        CAPTURE(text);
        for (std::size_t size = 0; size <= text.size(); ++size) {
            CAPTURE(size);
            std::array<char, ip_address::max_string_length + 4> buffer{};
            buffer.fill('#');
            const auto [ptr, ec] = a.to_chars(buffer.data(), buffer.data() + size);
            CHECK(ptr == buffer.data() + size);
            CHECK(ec == (size < text.size() ? std::errc::value_too_large : std::errc{}));
            if (size == text.size()) CHECK(std::string_view(buffer.data(), size) == text);
            for (std::size_t i = size; i < buffer.size(); ++i) CHECK(buffer[i] == '#');
        }
    }
}

// ---------------------------------------------------------------------------
// Ordering and hashing

// Strictly increasing: IPv4 by number, then IPv6 by number and zone.
constexpr std::string_view ascending[] = {
    "0.0.0.0",
    "0.0.0.1",
    "1.2.3.4",
    "9.255.255.255",
    "10.0.0.0",
    "255.255.255.255",
    "::",
    "::1",
    "::1.2.3.4",
    "::ffff:0.0.0.0",
    "::ffff:1.2.3.4",
    "::ffff:255.255.255.255",
    "2001:db8::1",
    "fe80::1",
    "fe80::1%eth0",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
};
constexpr bool check_order() {
    constexpr std::size_t n = sizeof ascending / sizeof ascending[0];
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const auto a = ip_address::parse(ascending[i]);
            const auto b = ip_address::parse(ascending[j]);
            if (!a || !b) return false;
            if ((*a <=> *b) != (i <=> j)) return false;
            if ((*a == *b) != (i == j) || (*a < *b) != (i < j)) return false;
        }
    }
    return true;
}
static_assert(check_order());
// The largest IPv4 address before the smallest IPv6 one, and before its own
// mapped form.
static_assert(ip_address(ipv4_address::broadcast()) < ip_address(ipv6_address()));
static_assert(ip_address(ipv4_address::broadcast()) < ip_address(ipv6_address::v4_mapped(ipv4_address())));
static_assert(ip_address(v4_1234) < ip_address(mapped_1234));
static_assert((ip_address(doc_v6) <=> ip_address(v4_1234)) == std::strong_ordering::greater);

TEST_CASE("ip_address: every IPv4 address orders before every IPv6 address") {
    CHECK(check_order());
    constexpr std::size_t n = sizeof ascending / sizeof ascending[0];
    for (std::size_t i = 0; i + 1 < n; ++i) {
        CAPTURE(ascending[i]);
        CAPTURE(ascending[i + 1]);
        const auto a = ip_address::parse(ascending[i]);
        const auto b = ip_address::parse(ascending[i + 1]);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(*a < *b);
    }
    CHECK(ip_address(ipv4_address::broadcast()) < ip_address(ipv6_address()));
}

TEST_CASE("ip_address: std::hash: equal values hash equal, families stay apart") {
    const std::hash<ip_address> hash;
    CHECK(hash(ip_address(v4_1234)) == hash(*ip_address::parse("1.2.3.4")));
    CHECK(hash(ip_address(mapped_1234)) == hash(*ip_address::parse("::ffff:1.2.3.4")));
    CHECK(hash(ip_address(mapped_1234).unmap()) == hash(ip_address(v4_1234)));

    std::unordered_set<ip_address> set;
    for (auto text : ascending) set.insert(*ip_address::parse(text));
    for (auto text : ascending) set.insert(*ip_address::parse(text));
    CHECK(set.size() == sizeof ascending / sizeof ascending[0]);
    for (auto text : ascending) {
        CAPTURE(text);
        CHECK(set.count(*ip_address::parse(text)) == 1);
    }
    // 1.2.3.4 and ::ffff:1.2.3.4 are different keys.
    CHECK(set.count(ip_address(v4_1234)) == 1);
    CHECK(set.count(ip_address(mapped_1234)) == 1);
    CHECK(set.count(ip_address(ipv4_address(0x0A000001U))) == 0);
}

} // namespace
