// ipv4_address (ipwire/ipv4.hpp): construction, strict dotted-decimal parsing
// with the exact errc for every fault, formatting into caller buffers of every
// size, ordering and hashing. Classification is in classify_test.cpp.
#include <ipwire/ipv4.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>

namespace {

using ipwire::errc;
using ipwire::ipv4_address;
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
    char data[ipv4_address::max_string_length] = {};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const { return {data, size}; }
};
constexpr text_buffer format(const ipv4_address& a) {
    text_buffer out;
    const auto [ptr, ec] = a.to_chars(out.data, out.data + sizeof out.data);
    if (ec == std::errc{}) out.size = static_cast<std::size_t>(ptr - out.data);
    return out;
}

// ---------------------------------------------------------------------------
// Construction

constexpr ipv4_address::bytes_type doc_bytes{192, 0, 2, 1};
static_assert(ipv4_address(0xC0000201U).to_bytes() == doc_bytes);
static_assert(ipv4_address(doc_bytes).to_uint32() == 0xC0000201U);
static_assert(ipv4_address(doc_bytes) == ipv4_address(0xC0000201U));
static_assert(ipv4_address().to_uint32() == 0);
static_assert(ipv4_address::any() == ipv4_address());
static_assert(ipv4_address::loopback().to_bytes() == ipv4_address::bytes_type{127, 0, 0, 1});
static_assert(ipv4_address::broadcast().to_uint32() == 0xFFFFFFFFU);
static_assert(ipv4_address::max_string_length == "255.255.255.255"sv.size());

// Host-order numbers and the network-order bytes they stand for.
struct number_row {
    std::uint32_t value;
    ipv4_address::bytes_type bytes;
};
constexpr number_row number_rows[] = {
    {0x00000000U, {0, 0, 0, 0}},         {0x00000001U, {0, 0, 0, 1}},     {0x01000000U, {1, 0, 0, 0}},
    {0x01020304U, {1, 2, 3, 4}},         {0x7F000001U, {127, 0, 0, 1}},   {0x80000000U, {128, 0, 0, 0}},
    {0xC0A80101U, {192, 168, 1, 1}},     {0xFF00FF00U, {255, 0, 255, 0}}, {0xFFFFFFFEU, {255, 255, 255, 254}},
    {0xFFFFFFFFU, {255, 255, 255, 255}},
};
constexpr bool check_number(const number_row& row) {
    const ipv4_address from_value(row.value);
    const ipv4_address from_bytes(row.bytes);
    return from_value == from_bytes && from_value.to_bytes() == row.bytes && from_bytes.to_uint32() == row.value;
}
static_assert(first_failure(number_rows, check_number) == -1);

TEST_CASE("ipv4_address: construction from a host-order number and from bytes") {
    for (const auto& row : number_rows) {
        CAPTURE(row.value);
        const ipv4_address from_value(row.value);
        const ipv4_address from_bytes(row.bytes);
        CHECK(from_value == from_bytes);
        CHECK(from_value.to_bytes() == row.bytes);
        CHECK(from_bytes.to_uint32() == row.value);
    }
    CHECK(ipv4_address() == ipv4_address(0U));
    CHECK(ipv4_address::loopback().to_string() == "127.0.0.1");
    CHECK(ipv4_address::broadcast().to_string() == "255.255.255.255");
    CHECK(ipv4_address::any().to_string() == "0.0.0.0");
    // An implicit conversion from the byte array, as documented.
    const ipv4_address implicit = ipv4_address::bytes_type{10, 0, 0, 1};
    CHECK(implicit.to_uint32() == 0x0A000001U);
}

// ---------------------------------------------------------------------------
// Parsing: valid text

struct valid_row {
    std::string_view text;
    std::uint32_t value;
    std::string_view canonical;
};
constexpr valid_row valid_rows[] = {
    {"0.0.0.0", 0x00000000U, "0.0.0.0"},
    {"255.255.255.255", 0xFFFFFFFFU, "255.255.255.255"},
    {"192.0.2.1", 0xC0000201U, "192.0.2.1"},
    {"127.0.0.1", 0x7F000001U, "127.0.0.1"},
    {"1.2.3.4", 0x01020304U, "1.2.3.4"},
    {"10.0.0.0", 0x0A000000U, "10.0.0.0"},
    {"0.0.0.1", 0x00000001U, "0.0.0.1"},
    {"1.0.0.0", 0x01000000U, "1.0.0.0"},
    {"9.99.199.249", 0x0963C7F9U, "9.99.199.249"},
    {"100.64.0.1", 0x64400001U, "100.64.0.1"},
    {"200.250.255.254", 0xC8FAFFFEU, "200.250.255.254"},
    {"172.16.254.1", 0xAC10FE01U, "172.16.254.1"},
    {"10.20.30.40", 0x0A141E28U, "10.20.30.40"},
    {"0.10.100.0", 0x000A6400U, "0.10.100.0"},
    {"249.250.251.252", 0xF9FAFBFCU, "249.250.251.252"},
};
constexpr bool check_valid(const valid_row& row) {
    const auto parsed = ipv4_address::parse(row.text);
    if (!parsed || parsed->to_uint32() != row.value) return false;
    if (format(*parsed).view() != row.canonical) return false;
    // The canonical text parses back to the same value.
    const auto again = ipv4_address::parse(row.canonical);
    return again && *again == *parsed;
}
static_assert(first_failure(valid_rows, check_valid) == -1);

TEST_CASE("ipv4_address::parse: valid text gives the value and prints back canonical") {
    for (const auto& row : valid_rows) {
        CAPTURE(row.text);
        const auto parsed = ipv4_address::parse(row.text);
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(errc{}));
        if (!parsed) continue;
        CHECK(parsed->to_uint32() == row.value);
        CHECK(parsed->to_string() == row.canonical);
        CHECK(format(*parsed).view() == row.canonical);
        CHECK(ipv4_address::parse(row.canonical) == parsed);
    }
}

// ---------------------------------------------------------------------------
// Parsing: invalid text, with the exact reason

struct invalid_row {
    std::string_view text;
    errc error;
};
constexpr invalid_row invalid_rows[] = {
    {"", errc::empty},
    // Leading zeros are refused: "010" would be 8 to inet_aton and 10 to a human.
    {"01.2.3.4", errc::leading_zero},
    {"1.2.3.04", errc::leading_zero},
    {"1.02.3.4", errc::leading_zero},
    {"00.0.0.0", errc::leading_zero},
    {"010.000.015.001", errc::leading_zero},
    {"0300.0250.0214.0377", errc::leading_zero},
    {"0127.0.0.1", errc::leading_zero},
    // Octets above 255, including by a fourth digit.
    {"256.1.1.1", errc::octet_out_of_range},
    {"1.2.3.256", errc::octet_out_of_range},
    {"999.1.1.1", errc::octet_out_of_range},
    {"1.2.3.1000", errc::octet_out_of_range},
    {"1.2.3.2550", errc::octet_out_of_range},
    {"192.168.12345", errc::octet_out_of_range},
    // Shorthand forms.
    {"1.2.3", errc::too_few_octets},
    {"127.1", errc::too_few_octets},
    {"1", errc::too_few_octets},
    {"1.2.3:80", errc::too_few_octets},
    {"1.2.3.4.5", errc::too_many_octets},
    {"1.2.3.4.", errc::too_many_octets},
    {"1..2.3", errc::empty_octet},
    {".1.2.3", errc::empty_octet},
    {"1.2.3.", errc::empty_octet},
    {".", errc::empty_octet},
    {"...", errc::empty_octet},
    // Hex, signs, letters.
    {"0x7f.0.0.1", errc::unexpected_character},
    {"0xc0.0xa8.0x8c.0xff", errc::unexpected_character},
    {"+1.2.3.4", errc::unexpected_character},
    {"-0.0.0.0", errc::unexpected_character},
    {"1.2.3.-4", errc::unexpected_character},
    {"1.2.3.a", errc::unexpected_character},
    {"a.b.c.d", errc::unexpected_character},
    {"::1", errc::unexpected_character},
    {"%eth0", errc::unexpected_character},
    // Whitespace either side and inside.
    {" 1.2.3.4", errc::unexpected_character},
    {"\t1.2.3.4", errc::unexpected_character},
    {"1 .2.3.4", errc::unexpected_character},
    {"1.2.3.4 ", errc::trailing_characters},
    {"1.2.3.4\n", errc::trailing_characters},
    {"1.2.3.4\r\n", errc::trailing_characters},
    // Something valid followed by more text.
    {"1.2.3.4\0"sv, errc::trailing_characters},
    {"1.2.3.4:80", errc::trailing_characters},
    {"1.2.3.4/24", errc::trailing_characters},
    {"1.2.3.4a", errc::trailing_characters},
    {"1.2.3.0x4", errc::trailing_characters},
    // A zone is an IPv6 thing.
    {"1.2.3.4%eth0", errc::zone_not_allowed},
    {"1.2.3.4%", errc::zone_not_allowed},
    // Digits are ASCII only: U+FF11 FULLWIDTH DIGIT ONE is EF BC 91 in UTF-8,
    // U+0661 ARABIC-INDIC DIGIT ONE is D9 A1.
    {"\xEF\xBC\x91", errc::unexpected_character},
    {"\xEF\xBC\x91"
     ".2.3.4",
     errc::unexpected_character},
    {"1.2.3.\xEF\xBC\x94", errc::unexpected_character},
    {"1.2.\xD9\xA1.4", errc::unexpected_character},
    {"\0"
     "1.2.3.4"sv,
     errc::unexpected_character},
};
constexpr bool check_invalid(const invalid_row& row) {
    const auto parsed = ipv4_address::parse(row.text);
    return !parsed && parsed.error() == row.error && parsed == row.error;
}
static_assert(first_failure(invalid_rows, check_invalid) == -1);

TEST_CASE("ipv4_address::parse: invalid text gives the exact errc") {
    for (const auto& row : invalid_rows) {
        CAPTURE(row.text);
        const auto parsed = ipv4_address::parse(row.text);
        CHECK(!parsed.has_value());
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
    }
    // The embedded-NUL row really is eight characters.
    CHECK("1.2.3.4\0"sv.size() == 8);
}

TEST_CASE("ipv4_address::parse: 10 kB inputs are rejected after at most 15 characters") {
    struct big_row {
        std::string text;
        errc error;
    };
    std::string repeated;
    while (repeated.size() < 10000) repeated += "1.2.3.4.";
    const big_row rows[] = {
        {std::string(10000, '1'), errc::octet_out_of_range},
        {std::string(10000, '0'), errc::leading_zero},
        {std::string(10000, '.'), errc::empty_octet},
        {std::string(10000, ' '), errc::unexpected_character},
        {std::string(10000, 'a'), errc::unexpected_character},
        {"1.2.3.4" + std::string(10000, ' '), errc::trailing_characters},
        {"1.2.3.4" + std::string(10000, '5'), errc::octet_out_of_range},
        {repeated, errc::too_many_octets},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text.substr(0, 20));
        CHECK(row.text.size() >= 10000);
        const auto parsed = ipv4_address::parse(row.text);
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
        const char* it = row.text.data();
        (void)ipv4_address::parse_prefix(it, row.text.data() + row.text.size());
        CHECK(it - row.text.data() <= static_cast<std::ptrdiff_t>(ipv4_address::max_string_length));
    }
}

// ---------------------------------------------------------------------------
// parse_prefix: composable, leaves what follows

struct prefix_row {
    std::string_view text;
    std::uint32_t value;
    std::size_t consumed;
};
constexpr prefix_row prefix_rows[] = {
    {"1.2.3.4:80", 0x01020304U, 7},       {"10.0.0.0/8", 0x0A000000U, 8}, {"192.0.2.1]", 0xC0000201U, 9},
    {"255.255.255.255", 0xFFFFFFFFU, 15}, {"0.0.0.0 x", 0x00000000U, 7},
};
constexpr bool check_prefix(const prefix_row& row) {
    const char* it = row.text.data();
    const auto parsed = ipv4_address::parse_prefix(it, row.text.data() + row.text.size());
    return parsed && parsed->to_uint32() == row.value && it == row.text.data() + row.consumed;
}
static_assert(first_failure(prefix_rows, check_prefix) == -1);

TEST_CASE("ipv4_address::parse_prefix: stops after the dotted quad") {
    for (const auto& row : prefix_rows) {
        CAPTURE(row.text);
        const char* it = row.text.data();
        const auto parsed = ipv4_address::parse_prefix(it, row.text.data() + row.text.size());
        REQUIRE(parsed.has_value());
        CHECK(parsed->to_uint32() == row.value);
        CHECK(it - row.text.data() == static_cast<std::ptrdiff_t>(row.consumed));
    }
}

// ---------------------------------------------------------------------------
// to_chars: exact-size buffers succeed, every smaller one fails cleanly

// Every buffer size from 0 to length-1 gives {last, value_too_large} and leaves
// every character from `last` on untouched; the exact size writes the text.
constexpr bool check_buffer_sizes(const valid_row& row) {
    const ipv4_address address(row.value);
    constexpr char fill = '#';
    for (std::size_t size = 0; size <= row.canonical.size(); ++size) {
        char buffer[ipv4_address::max_string_length + 4] = {};
        for (char& c : buffer) c = fill;
        const auto [ptr, ec] = address.to_chars(buffer, buffer + size);
        if (size < row.canonical.size()) {
            if (ec != std::errc::value_too_large || ptr != buffer + size) return false;
        } else {
            if (ec != std::errc{} || ptr != buffer + size) return false;
            if (std::string_view(buffer, size) != row.canonical) return false;
        }
        for (std::size_t i = size; i < sizeof buffer; ++i)
            if (buffer[i] != fill) return false;
    }
    return true;
}
static_assert(first_failure(valid_rows, check_buffer_sizes) == -1);

TEST_CASE("ipv4_address::to_chars: too-small buffers give value_too_large, exact ones fit") {
    for (const auto& row : valid_rows) {
        CAPTURE(row.canonical);
        const ipv4_address address(row.value);
        for (std::size_t size = 0; size <= row.canonical.size(); ++size) {
            CAPTURE(size);
            std::array<char, ipv4_address::max_string_length + 4> buffer{};
            buffer.fill('#');
            const auto [ptr, ec] = address.to_chars(buffer.data(), buffer.data() + size);
            CHECK(ptr == buffer.data() + size);
            if (size < row.canonical.size()) {
                CHECK(ec == std::errc::value_too_large);
            } else {
                CHECK(ec == std::errc{});
                CHECK(std::string_view(buffer.data(), size) == row.canonical);
            }
            CHECK(std::all_of(buffer.begin() + static_cast<std::ptrdiff_t>(size), buffer.end(),
                              [](char c) { return c == '#'; }));
        }
        // A generous buffer takes the same text and says where it ends.
        char big[64];
        const auto [ptr, ec] = address.to_chars(big, big + sizeof big);
        CHECK(ec == std::errc{});
        CHECK(std::string_view(big, static_cast<std::size_t>(ptr - big)) == row.canonical);
        CHECK(address.to_string() == row.canonical);
    }
    // An empty range at a null pointer is a valid, if useless, buffer.
    const auto [ptr, ec] = ipv4_address().to_chars(nullptr, nullptr);
    CHECK(ptr == nullptr);
    CHECK(ec == std::errc::value_too_large);
}

// ---------------------------------------------------------------------------
// Ordering and hashing

// Strictly increasing, as 32-bit numbers.
constexpr std::uint32_t ascending[] = {
    0x00000000U, 0x00000001U, 0x000000FFU, 0x00000100U, 0x01020304U, 0x01020305U, 0x01020400U,
    0x02000000U, 0x7FFFFFFFU, 0x80000000U, 0xC0000201U, 0xFFFFFFFEU, 0xFFFFFFFFU,
};
constexpr bool check_order() {
    constexpr std::size_t n = sizeof ascending / sizeof ascending[0];
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const ipv4_address a(ascending[i]), b(ascending[j]);
            const auto expected = i <=> j;
            if ((a <=> b) != expected) return false;
            if ((a == b) != (i == j) || (a < b) != (i < j) || (a > b) != (i > j)) return false;
        }
    }
    return true;
}
static_assert(check_order());
// By the number, not by the text: "10.0.0.0" sorts after "9.0.0.0".
static_assert(ipv4_address(0x09000000U) < ipv4_address(0x0A000000U));
static_assert((ipv4_address(0x01020304U) <=> ipv4_address(0x01020304U)) == std::strong_ordering::equal);

TEST_CASE("ipv4_address: ordering is the 32-bit number's") {
    CHECK(check_order());
    const auto a = ipv4_address::parse("9.255.255.255");
    const auto b = ipv4_address::parse("10.0.0.0");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a < *b);
    CHECK((*b <=> *a) == std::strong_ordering::greater);
}

TEST_CASE("ipv4_address: std::hash: equal values hash equal, unordered_set works") {
    const std::hash<ipv4_address> hash;
    const auto parsed = ipv4_address::parse("192.0.2.1");
    REQUIRE(parsed.has_value());
    CHECK(hash(*parsed) == hash(ipv4_address(0xC0000201U)));
    CHECK(hash(*parsed) == hash(ipv4_address(doc_bytes)));

    std::unordered_set<ipv4_address> set;
    for (auto value : ascending) set.insert(ipv4_address(value));
    for (auto value : ascending) set.insert(ipv4_address(value)); // duplicates change nothing
    CHECK(set.size() == sizeof ascending / sizeof ascending[0]);
    for (auto value : ascending) CHECK(set.count(ipv4_address(value)) == 1);
    CHECK(set.count(ipv4_address(0x0A000001U)) == 0);
    CHECK(set.count(*parsed) == 1);
}

} // namespace
