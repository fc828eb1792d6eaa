// mac_address (ipwire/mac.hpp): construction, strict IEEE 802 text with the
// exact errc for every fault, parse_prefix, formatting into caller buffers of
// every size, the I/G and U/L bits, ordering and hashing.
#include <ipwire/mac.hpp>

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
using ipwire::mac_address;
using namespace std::string_view_literals;

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

struct text_buffer {
    char data[mac_address::max_string_length] = {};
    std::size_t size = 0;
    [[nodiscard]] constexpr std::string_view view() const { return {data, size}; }
};
constexpr text_buffer format(const mac_address& a) {
    text_buffer out;
    const auto [ptr, ec] = a.to_chars(out.data, out.data + sizeof out.data);
    if (ec == std::errc{}) out.size = static_cast<std::size_t>(ptr - out.data);
    return out;
}

// ---------------------------------------------------------------------------
// Construction

// RFC 7042 section 2.1.2: 00-00-5E-00-53-00 to -FF are for documentation.
constexpr mac_address::bytes_type doc_bytes{0x00, 0x00, 0x5E, 0x00, 0x53, 0x01};
static_assert(mac_address(0x00005E005301ULL).to_bytes() == doc_bytes);
static_assert(mac_address(doc_bytes).to_uint64() == 0x00005E005301ULL);
static_assert(mac_address().to_uint64() == 0);
static_assert(mac_address::broadcast().to_bytes() == mac_address::bytes_type{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
static_assert(mac_address::max_string_length == "ff:ff:ff:ff:ff:ff"sv.size());
// Bits above 48 are dropped.
static_assert(mac_address(0xABCD00005E005301ULL) == mac_address(doc_bytes));
static_assert(sizeof(mac_address) == 6);

struct number_row {
    std::uint64_t value;
    mac_address::bytes_type bytes;
};
// clang-format off
constexpr number_row number_rows[] = {
    {0x000000000000ULL, {0, 0, 0, 0, 0, 0}},
    {0x000000000001ULL, {0, 0, 0, 0, 0, 1}},
    {0x010000000000ULL, {1, 0, 0, 0, 0, 0}},
    {0x00005E005301ULL, {0x00, 0x00, 0x5E, 0x00, 0x53, 0x01}},
    {0x0123456789ABULL, {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB}},
    {0x800000000000ULL, {0x80, 0, 0, 0, 0, 0}},
    {0xFFFFFFFFFFFEULL, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE}},
    {0xFFFFFFFFFFFFULL, {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
};
// clang-format on
constexpr bool check_number(const number_row& row) {
    const mac_address from_value(row.value);
    const mac_address from_bytes(row.bytes);
    return from_value == from_bytes && from_value.to_bytes() == row.bytes && from_bytes.to_uint64() == row.value;
}
static_assert(first_failure(number_rows, check_number) == -1);

TEST_CASE("mac_address: construction from a 48-bit number and from bytes") {
    for (const auto& row : number_rows) {
        CAPTURE(row.value);
        const mac_address from_value(row.value);
        const mac_address from_bytes(row.bytes);
        CHECK(from_value == from_bytes);
        CHECK(from_value.to_bytes() == row.bytes);
        CHECK(from_bytes.to_uint64() == row.value);
    }
    CHECK(mac_address().to_string() == "00:00:00:00:00:00");
    CHECK(mac_address::broadcast().to_string() == "ff:ff:ff:ff:ff:ff");
    const mac_address implicit = mac_address::bytes_type{0x02, 0x42, 0xAC, 0x11, 0x00, 0x02};
    CHECK(implicit.to_uint64() == 0x0242AC110002ULL);
}

// ---------------------------------------------------------------------------
// Parsing: valid text

struct valid_row {
    std::string_view text;
    std::uint64_t value;
    std::string_view canonical;
};
constexpr valid_row valid_rows[] = {
    {"00:00:5e:00:53:01", 0x00005E005301ULL, "00:00:5e:00:53:01"},
    {"00-00-5e-00-53-01", 0x00005E005301ULL, "00:00:5e:00:53:01"},
    {"00:00:5E:00:53:01", 0x00005E005301ULL, "00:00:5e:00:53:01"},
    {"00-00-5E-00-53-01", 0x00005E005301ULL, "00:00:5e:00:53:01"}, // the Windows form
    {"Aa:bB:cC:Dd:eE:fF", 0xAABBCCDDEEFFULL, "aa:bb:cc:dd:ee:ff"},
    {"00:00:00:00:00:00", 0x000000000000ULL, "00:00:00:00:00:00"},
    {"ff:ff:ff:ff:ff:ff", 0xFFFFFFFFFFFFULL, "ff:ff:ff:ff:ff:ff"},
    {"FF-FF-FF-FF-FF-FF", 0xFFFFFFFFFFFFULL, "ff:ff:ff:ff:ff:ff"},
    {"01:00:5e:00:00:fb", 0x01005E0000FBULL, "01:00:5e:00:00:fb"}, // mDNS over IPv4 (RFC 1112 mapping)
    {"33-33-00-00-00-01", 0x333300000001ULL, "33:33:00:00:00:01"}, // all-nodes over IPv6 (RFC 2464)
    {"01:80:c2:00:00:00", 0x0180C2000000ULL, "01:80:c2:00:00:00"}, // STP bridge group address
    {"02:42:ac:11:00:02", 0x0242AC110002ULL, "02:42:ac:11:00:02"},
    {"12:34:56:78:9a:bc", 0x123456789ABCULL, "12:34:56:78:9a:bc"},
    {"09-0A-0b-0C-0d-0E", 0x090A0B0C0D0EULL, "09:0a:0b:0c:0d:0e"},
    {"a0:b1:c2:d3:e4:f5", 0xA0B1C2D3E4F5ULL, "a0:b1:c2:d3:e4:f5"},
};
constexpr bool check_valid(const valid_row& row) {
    const auto parsed = mac_address::parse(row.text);
    if (!parsed || parsed->to_uint64() != row.value) return false;
    if (format(*parsed).view() != row.canonical) return false;
    const auto again = mac_address::parse(row.canonical);
    return again && *again == *parsed;
}
static_assert(first_failure(valid_rows, check_valid) == -1);

TEST_CASE("mac_address::parse: valid text gives the value and prints back lower-case with ':'") {
    for (const auto& row : valid_rows) {
        CAPTURE(row.text);
        const auto parsed = mac_address::parse(row.text);
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(errc{}));
        if (!parsed) continue;
        CHECK(parsed->to_uint64() == row.value);
        CHECK(parsed->to_string() == row.canonical);
        CHECK(format(*parsed).view() == row.canonical);
        CHECK(mac_address::parse(row.canonical) == parsed);
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
    // Too few or too many groups.
    {"00:00:5e:00:53", errc::too_few_mac_groups},
    {"00:00:5e:00:53:", errc::too_few_mac_groups},
    {"00", errc::too_few_mac_groups},
    {"00-00", errc::too_few_mac_groups},
    {"00:00:5e:00:53:01:02", errc::too_many_mac_groups},    // seven pairs
    {"00:00:5e:00:53:01:02:03", errc::too_many_mac_groups}, // EUI-64
    {"00:00:5e:00:53:01:", errc::too_many_mac_groups},
    {"00-00-5e-00-53-01-", errc::too_many_mac_groups},
    // Exactly two digits per group.
    {"00:00:5e:00:53:0", errc::bad_mac_group},
    {"0", errc::bad_mac_group},
    {"0:0:5e:0:53:1", errc::bad_mac_group},
    {"00:00:5e:00:53:012", errc::bad_mac_group},
    {"000:00:5e:00:53:01", errc::bad_mac_group},
    {"00::5e:00:53:01", errc::bad_mac_group}, // no "::" shorthand
    {":00:00:5e:00:53:01", errc::bad_mac_group},
    {"0000.5e00.5301", errc::bad_mac_group}, // Cisco: four digits before the first separator
    {"00005e005301", errc::bad_mac_group},   // bare hex
    {":", errc::bad_mac_group},
    {"-", errc::bad_mac_group},
    {":::::", errc::bad_mac_group},
    // One separator throughout, and only ':' or '-'.
    {"00:00:5e-00:53:01", errc::bad_mac_separator},
    {"00-00-5e:00-53-01", errc::bad_mac_separator},
    {"00.00.5e.00.53.01", errc::bad_mac_separator},
    {"00 00 5e 00 53 01", errc::bad_mac_separator},
    {"00_00_5e_00_53_01", errc::bad_mac_separator},
    {"00\0"
     "00:5e:00:53:01"sv,
     errc::bad_mac_separator}, // NUL is no separator
    {"00:00\0"
     "5e:00:53:01"sv,
     errc::bad_mac_separator},
    // Not hex where a digit belongs.
    {"00:00:5g:00:53:01", errc::unexpected_character},
    {"0x:00:5e:00:53:01", errc::unexpected_character},
    {"00:00:5e:00:53:0x", errc::unexpected_character},
    {"+0:00:5e:00:53:01", errc::unexpected_character},
    {"zz:zz:zz:zz:zz:zz", errc::unexpected_character},
    // Whitespace: before is a bad character, after is a leftover.
    {" 00:00:5e:00:53:01", errc::unexpected_character},
    {"00:00:5e:00:53:01 ", errc::trailing_characters},
    {"00:00:5e:00:53:01\n", errc::trailing_characters},
    {"00:00:5e:00:53:01\0"sv, errc::trailing_characters},
    // A whole address and something that cannot continue it.
    {"00:00:5e:00:53:01g", errc::trailing_characters},
    {"00:00:5e:00:53:01/24", errc::trailing_characters},
    {"00:00:5e:00:53:01-", errc::trailing_characters}, // not its separator
    {"00-00-5e-00-53-01:", errc::trailing_characters},
    // Hex digits are ASCII only: U+FF10 FULLWIDTH DIGIT ZERO is EF BC 90.
    {"\xEF\xBC\x90\xEF\xBC\x90:00:5e:00:53:01", errc::unexpected_character},
    {"\0"
     "00:00:5e:00:53:01"sv,
     errc::unexpected_character},
};
constexpr bool check_invalid(const invalid_row& row) {
    const auto parsed = mac_address::parse(row.text);
    return !parsed && parsed.error() == row.error && parsed == row.error;
}
static_assert(first_failure(invalid_rows, check_invalid) == -1);

TEST_CASE("mac_address::parse: invalid text gives the exact errc") {
    for (const auto& row : invalid_rows) {
        CAPTURE(row.text);
        const auto parsed = mac_address::parse(row.text);
        CHECK(!parsed.has_value());
        CHECK(ipwire::to_string(parsed.error()) == ipwire::to_string(row.error));
    }
}

TEST_CASE("mac_address::parse: 10 kB inputs stop after at most 18 characters") {
    const std::string rows[] = {
        std::string(10000, '0'),
        std::string(10000, ':'),
        "00:00:5e:00:53:01" + std::string(10000, ' '),
        "00:00:5e:00:53:01" + std::string(10000, '1'),
        std::string(10000, 'a'),
    };
    const errc expected[] = {errc::bad_mac_group, errc::bad_mac_group, errc::trailing_characters, errc::bad_mac_group,
                             errc::bad_mac_group};
    for (std::size_t i = 0; i < std::size(rows); ++i) {
        CAPTURE(i);
        CHECK(ipwire::to_string(mac_address::parse(rows[i]).error()) == ipwire::to_string(expected[i]));
        const char* it = rows[i].data();
        (void)mac_address::parse_prefix(it, rows[i].data() + rows[i].size());
        CHECK(it - rows[i].data() <= static_cast<std::ptrdiff_t>(mac_address::max_string_length + 1));
    }
}

// ---------------------------------------------------------------------------
// parse_prefix: composable, leaves what follows

struct prefix_row {
    std::string_view text;
    std::uint64_t value;
    std::size_t consumed;
};
constexpr prefix_row prefix_rows[] = {
    {"00:00:5e:00:53:01 dev eth0", 0x00005E005301ULL, 17}, {"00-00-5e-00-53-01:x", 0x00005E005301ULL, 17},
    {"00:00:5e:00:53:01-vlan", 0x00005E005301ULL, 17},     {"aa:bb:cc:dd:ee:ff/48", 0xAABBCCDDEEFFULL, 17},
    {"aa:bb:cc:dd:ee:ffg", 0xAABBCCDDEEFFULL, 17},         {"aa:bb:cc:dd:ee:ff", 0xAABBCCDDEEFFULL, 17},
};
constexpr bool check_prefix(const prefix_row& row) {
    const char* it = row.text.data();
    const auto parsed = mac_address::parse_prefix(it, row.text.data() + row.text.size());
    return parsed && parsed->to_uint64() == row.value && it == row.text.data() + row.consumed;
}
static_assert(first_failure(prefix_rows, check_prefix) == -1);

constexpr bool check_prefix_at_end() {
    const std::string_view text = "00:00:5e:00:53:01";
    const char* it = text.data() + text.size();
    return mac_address::parse_prefix(it, it) == errc::empty;
}
static_assert(check_prefix_at_end());

TEST_CASE("mac_address::parse_prefix: stops after the sixth pair") {
    for (const auto& row : prefix_rows) {
        CAPTURE(row.text);
        const char* it = row.text.data();
        const auto parsed = mac_address::parse_prefix(it, row.text.data() + row.text.size());
        REQUIRE(parsed.has_value());
        CHECK(parsed->to_uint64() == row.value);
        CHECK(it - row.text.data() == static_cast<std::ptrdiff_t>(row.consumed));
    }
    CHECK(check_prefix_at_end());
}

// ---------------------------------------------------------------------------
// to_chars: exact-size buffers succeed, every smaller one fails cleanly

constexpr bool check_buffer_sizes(const valid_row& row) {
    const mac_address address(row.value);
    constexpr char fill = '#';
    for (std::size_t size = 0; size <= row.canonical.size(); ++size) {
        char buffer[mac_address::max_string_length + 4] = {};
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

TEST_CASE("mac_address::to_chars: too-small buffers give value_too_large, exact ones fit") {
    for (const auto& row : valid_rows) {
        CAPTURE(row.canonical);
        const mac_address address(row.value);
        for (std::size_t size = 0; size <= row.canonical.size(); ++size) {
            CAPTURE(size);
            std::array<char, mac_address::max_string_length + 4> buffer{};
            buffer.fill('#');
            const auto [ptr, ec] = address.to_chars(buffer.data(), buffer.data() + size);
            CHECK(ptr == buffer.data() + size);
            CHECK(ec == (size < row.canonical.size() ? std::errc::value_too_large : std::errc{}));
            if (size == row.canonical.size()) CHECK(std::string_view(buffer.data(), size) == row.canonical);
            CHECK(std::all_of(buffer.begin() + static_cast<std::ptrdiff_t>(size), buffer.end(),
                              [](char c) { return c == '#'; }));
        }
        CHECK(address.to_string() == row.canonical);
    }
}

// ---------------------------------------------------------------------------
// The I/G and U/L bits

struct class_row {
    std::uint64_t value;
    bool broadcast;
    bool multicast;
    bool locally_administered;
};
constexpr class_row class_rows[] = {
    {0x00005E005301ULL, false, false, false}, // IANA documentation unicast
    {0x000000000000ULL, false, false, false},
    {0x0242AC110002ULL, false, false, true}, // Docker's locally administered range
    {0xFEFFFFFFFFFFULL, false, false, true},
    {0x01005E0000FBULL, false, true, false}, // IPv4 multicast mapping
    {0x0180C2000000ULL, false, true, false},
    {0x333300000001ULL, false, true, true}, // IPv6 multicast mapping: 0x33 has both bits
    {0x030000000001ULL, false, true, true},
    {0xFFFFFFFFFFFEULL, false, true, true},
    {0xFFFFFFFFFFFFULL, true, true, true},
};
constexpr bool check_class(const class_row& row) {
    const mac_address a(row.value);
    return a.is_broadcast() == row.broadcast && a.is_multicast() == row.multicast && a.is_unicast() == !row.multicast &&
           a.is_locally_administered() == row.locally_administered && a.is_universal() == !row.locally_administered;
}
static_assert(first_failure(class_rows, check_class) == -1);

TEST_CASE("mac_address: broadcast, multicast (I/G) and locally administered (U/L)") {
    for (const auto& row : class_rows) {
        const mac_address a(row.value);
        CAPTURE(a.to_string());
        CHECK(a.is_broadcast() == row.broadcast);
        CHECK(a.is_multicast() == row.multicast);
        CHECK(a.is_unicast() == !row.multicast);
        CHECK(a.is_locally_administered() == row.locally_administered);
        CHECK(a.is_universal() == !row.locally_administered);
    }
}

// ---------------------------------------------------------------------------
// Ordering and hashing

constexpr std::uint64_t ascending[] = {
    0x000000000000ULL, 0x000000000001ULL, 0x0000000000FFULL, 0x000000000100ULL, 0x00005E005301ULL,
    0x010000000000ULL, 0x7FFFFFFFFFFFULL, 0x800000000000ULL, 0xFFFFFFFFFFFEULL, 0xFFFFFFFFFFFFULL,
};
constexpr bool check_order() {
    constexpr std::size_t n = std::size(ascending);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            const mac_address a(ascending[i]), b(ascending[j]);
            if ((a <=> b) != (i <=> j)) return false;
            if ((a == b) != (i == j) || (a < b) != (i < j)) return false;
        }
    }
    return true;
}
static_assert(check_order());

TEST_CASE("mac_address: ordering is byte-wise, std::hash works in unordered_set") {
    CHECK(check_order());
    const auto a = mac_address::parse("00:00:5e:00:53:ff");
    const auto b = mac_address::parse("00-00-5E-00-54-00");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a < *b);

    const std::hash<mac_address> hash;
    CHECK(hash(*mac_address::parse("00-00-5E-00-53-01")) == hash(mac_address(doc_bytes)));
    std::unordered_set<mac_address> set;
    for (const auto& row : valid_rows) set.insert(*mac_address::parse(row.text));
    // 15 rows spell 11 distinct addresses.
    CHECK(set.size() == 11);
    CHECK(set.count(mac_address::broadcast()) == 1);
}

} // namespace
