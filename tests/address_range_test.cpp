// Tests for ipwire/address_range.hpp: strict parsing (each refusal with its
// errc), text output, contains/overlaps/size, iteration, conversions, and the
// formatters ({fmt}, operator<<). Tables are checked by static_assert and by
// doctest. Covering prefixes are in prefix_algebra_test.cpp.
#include <ipwire/address_range.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <ipwire/error.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/ostream.hpp>

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <fmt/ranges.h> // a range is iterable, yet must print as its text, not as a list
#include <ipwire/fmt.hpp>
#endif

#include "range_algorithms.hpp"

namespace {

using ipwire::errc;
using ipwire::ip_range;
using ipwire::ipv4_range;
using ipwire::ipv6_range;
using namespace ipwire::literals;

template <class T>
constexpr std::string_view text_of(const T& v, char (&buffer)[T::max_string_length]) {
    const auto r = v.to_chars(buffer, buffer + T::max_string_length);
    return {buffer, static_cast<std::size_t>(r.ptr - buffer)};
}

// Text that parses, and how it prints.
struct good_row {
    std::string_view text;
    std::string_view printed;
    std::uint64_t size;
};
constexpr good_row good_ip_rows[] = {
    {"10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.9", 9},
    {"10.0.0.5-10.0.0.5", "10.0.0.5-10.0.0.5", 1},
    {"0.0.0.0-255.255.255.255", "0.0.0.0-255.255.255.255", 4294967296U},
    {"2001:0db8::1-2001:db8:0:0:0:0:0:2", "2001:db8::1-2001:db8::2", 2},
    {"::-::ffff:ffff", "::-::ffff:ffff", 4294967296U},
    {"::ffff:10.0.0.1-::ffff:10.0.0.2", "::ffff:10.0.0.1-::ffff:10.0.0.2", 2}, // IPv6 (mapped), not IPv4
    {"::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     std::numeric_limits<std::uint64_t>::max()},
    {"::-::ffff:ffff:ffff:ffff", "::-::ffff:ffff:ffff:ffff", std::numeric_limits<std::uint64_t>::max()}, // 2^64
    {"::-::ffff:ffff:ffff:fffe", "::-::ffff:ffff:ffff:fffe", std::numeric_limits<std::uint64_t>::max()},
};

// Text refused, with the fault named. Each labels the lenient form it refuses.
struct bad_row {
    std::string_view text;
    errc error;
};
constexpr bad_row bad_ip_rows[] = {
    {"", errc::empty},
    {"10.0.0.1", errc::missing_range_separator},         // a lone address is not a range here
    {"2001:db8::1", errc::missing_range_separator},      // the same for IPv6
    {"10.0.0.9-10.0.0.1", errc::reversed_address_range}, // never swapped
    {"::2-::1", errc::reversed_address_range},
    {"10.0.0.1-::1", errc::address_family_mismatch},
    {"::1-10.0.0.1", errc::address_family_mismatch},
    {"10.0.0.1 - 10.0.0.9", errc::trailing_characters}, // no spaces
    {"10.0.0.1-10.0.0.9 ", errc::trailing_characters},
    {"10.0.0.1-10.0.0.9-10.0.0.10", errc::trailing_characters},
    {"10.0.0.1/24-10.0.0.9", errc::trailing_characters}, // a prefix is not an end
    {"10.0.0.1..10.0.0.9", errc::too_many_octets},       // "..": not a separator
    {"10.0.0.1-", errc::empty_octet},
    {"-10.0.0.1", errc::unexpected_character},
    {"10.0.0.1--10.0.0.9", errc::unexpected_character},
    {"10.0.0.01-10.0.0.9", errc::leading_zero}, // each end as strict as its own parse
    {"10.0.0.1-10.0.0.256", errc::octet_out_of_range},
    {"fe80::1%eth0-fe80::2", errc::zone_not_allowed},
    {"fe80::1-fe80::2%eth0", errc::zone_not_allowed},
};

constexpr bool good_ip_table() {
    for (const auto& row : good_ip_rows) {
        const auto r = ip_range::parse(row.text);
        char buffer[ip_range::max_string_length];
        if (!r || text_of(*r, buffer) != row.printed || r->size() != row.size) return false;
        // The text parses back to the same range.
        if (ip_range::parse(row.printed) != r) return false;
    }
    return true;
}
static_assert(good_ip_table());
constexpr bool bad_ip_table() {
    for (const auto& row : bad_ip_rows)
        if (ip_range::parse(row.text).error() != row.error) return false;
    return true;
}
static_assert(bad_ip_table());

// One-family types refuse the other family with that family's parse error.
static_assert(ipv4_range::parse("10.0.0.1-10.0.0.9").value() == ipv4_range("10.0.0.1"_ipv4, "10.0.0.9"_ipv4));
static_assert(ipv4_range::parse("::1-::2").error() == errc::unexpected_character);
static_assert(ipv4_range::parse("10.0.0.1-::2").error() == errc::unexpected_character);
static_assert(ipv4_range::parse("10.0.0.1").error() == errc::missing_range_separator);
static_assert(ipv6_range::parse("::1-::2").value() == ipv6_range("::1"_ipv6, "::2"_ipv6));
static_assert(ipv6_range::parse("10.0.0.1-10.0.0.2").error() != errc{});
static_assert(ipv6_range::parse("::2-::1").error() == errc::reversed_address_range);
static_assert(ipv6_range::parse("fe80::1%eth0-fe80::2").error() == errc::zone_not_allowed);

// from() refuses what the constructor's precondition forbids.
static_assert(ip_range::from("10.0.0.2"_ip, "10.0.0.1"_ip).error() == errc::reversed_address_range);
static_assert(ip_range::from("10.0.0.1"_ip, "::1"_ip).error() == errc::address_family_mismatch);
static_assert(*ip_range::from("10.0.0.1"_ip, "10.0.0.1"_ip) == ip_range("10.0.0.1"_ip));
// Zones are dropped by the constructors, as prefixes drop them.
static_assert(ipv6_range("fe80::1%eth0"_ipv6, "fe80::2"_ipv6).first() == "fe80::1"_ipv6);
static_assert(ipv6_range("fe80::1%eth0"_ipv6).last().zone().empty());

// The default value is one address.
static_assert(ipv4_range().size() == 1 && ipv4_range().first() == "0.0.0.0"_ipv4);
static_assert(ipv6_range().first() == "::"_ipv6 && ip_range().first() == "0.0.0.0"_ip);

// contains and overlaps: ends inclusive, families never mixed.
constexpr auto r19 = "10.0.0.1-10.0.0.9"_ip_range;
static_assert(r19.contains("10.0.0.1"_ip) && r19.contains("10.0.0.9"_ip) && r19.contains("10.0.0.5"_ip));
static_assert(!r19.contains("10.0.0.0"_ip) && !r19.contains("10.0.0.10"_ip));
static_assert(!r19.contains("::ffff:10.0.0.5"_ip)); // a mapped address is IPv6
static_assert(r19.contains("10.0.0.2-10.0.0.9"_ip_range) && !r19.contains("10.0.0.0-10.0.0.2"_ip_range));
static_assert(r19.overlaps("10.0.0.9-10.0.0.20"_ip_range) && r19.overlaps("10.0.0.0-10.0.0.1"_ip_range));
static_assert(!r19.overlaps("10.0.0.10-10.0.0.20"_ip_range) && !r19.overlaps("::-::ffff"_ip_range));
static_assert(r19.overlaps(r19) && r19.contains(r19));

// Conversions: a prefix is a range; ip_range from either family's range.
static_assert(ip_range("10.0.0.0/30"_prefix) == "10.0.0.0-10.0.0.3"_ip_range);
static_assert(ipv4_range(ipwire::ipv4_prefix("10.1.2.3"_ipv4, 8)) ==
              ipv4_range("10.0.0.0"_ipv4, "10.255.255.255"_ipv4));
static_assert(ip_range(ipv6_range("::1"_ipv6, "::5"_ipv6)) == "::1-::5"_ip_range);
static_assert(ip_range(ipv4_range("1.2.3.4"_ipv4)).first().is_v4());

// Order: by first, then last; families as ip_address orders them.
static_assert("10.0.0.1-10.0.0.2"_ip_range < "10.0.0.1-10.0.0.3"_ip_range);
static_assert("10.0.0.1-10.0.0.9"_ip_range < "10.0.0.2-10.0.0.3"_ip_range);
static_assert("255.0.0.0-255.0.0.1"_ip_range < "::-::1"_ip_range);

// Iteration: every address, stopping at the family's top without wrapping.
static_assert(test_ranges::distance(r19.addresses()) == 9);
static_assert(*r19.addresses().begin() == "10.0.0.1"_ip);
static_assert(test_ranges::distance(("255.255.255.250-255.255.255.255"_ip_range).addresses()) == 6);
constexpr auto top_two = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_ip_range;
static_assert(test_ranges::distance(top_two.addresses()) == 2);
static_assert(test_ranges::distance(ipv4_range("0.0.0.0"_ipv4).addresses()) == 1);

// max_string_length is the longest text.
static_assert(ipv4_range::max_string_length == 31 && ipv6_range::max_string_length == 79 &&
              ip_range::max_string_length == 79);
constexpr bool longest_fits_exactly() {
    const auto r = ipv6_range::parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    char buffer[ipv6_range::max_string_length] = {};
    const auto out = r->to_chars(buffer, buffer + ipv6_range::max_string_length);
    return out.ec == std::errc{} && out.ptr == buffer + ipv6_range::max_string_length;
}
static_assert(longest_fits_exactly());
// A short buffer: nothing written, value_too_large.
constexpr bool short_buffer_untouched() {
    char buffer[16] = {'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'};
    const auto out = r19.to_chars(buffer, buffer + 16); // "10.0.0.1-10.0.0.9" is 17
    for (char c : buffer)
        if (c != 'x') return false;
    return out.ec == std::errc::value_too_large && out.ptr == buffer + 16;
}
static_assert(short_buffer_untouched());

TEST_CASE("address_range: parse and print each good row, refuse each bad one with its errc") {
    for (const auto& row : good_ip_rows) {
        CAPTURE(row.text);
        const auto r = ip_range::parse(row.text);
        REQUIRE(r);
        CHECK(r->to_string() == row.printed);
        CHECK(r->size() == row.size);
        CHECK(ip_range::parse(r->to_string()) == r);
    }
    for (const auto& row : bad_ip_rows) {
        CAPTURE(row.text);
        CHECK(ipwire::to_string(ip_range::parse(row.text).error()) == ipwire::to_string(row.error));
    }
}

TEST_CASE("address_range: std::hash tells ranges apart and agrees with ==") {
    const std::hash<ip_range> h;
    CHECK(h("10.0.0.1-10.0.0.9"_ip_range) == h(ip_range::parse("10.0.0.1-10.0.0.9").value()));
    CHECK(h("10.0.0.1-10.0.0.9"_ip_range) != h("10.0.0.1-10.0.0.8"_ip_range));
    CHECK(std::hash<ipv4_range>{}(ipv4_range("1.2.3.4"_ipv4)) != std::hash<ipv4_range>{}(ipv4_range("1.2.3.5"_ipv4)));
}

TEST_CASE("address_range: iteration visits every address in order") {
    std::vector<std::string> got;
    for (const auto a : ("10.0.0.254-10.0.1.1"_ip_range).addresses()) got.push_back(a.to_string());
    CHECK(got == std::vector<std::string>{"10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1"});
    got.clear();
    for (const auto a : ipv6_range::parse("2001:db8::ffff-2001:db8::1:1").value().addresses())
        got.push_back(a.to_string());
    CHECK(got == std::vector<std::string>{"2001:db8::ffff", "2001:db8::1:0", "2001:db8::1:1"});
}

TEST_CASE("address_range: formatters print the text, with width and fill") {
    const auto r = "10.0.0.1-10.0.0.9"_ip_range;
    std::ostringstream out;
    out << r << ' ' << ipv6_range::parse("::1-::2").value();
    CHECK(out.str() == "10.0.0.1-10.0.0.9 ::1-::2");
#if defined(IPWIRE_TEST_HAVE_FMT)
    CHECK(fmt::format("{}", r) == "10.0.0.1-10.0.0.9");
    CHECK(fmt::format("[{:>20}]", r) == "[   10.0.0.1-10.0.0.9]");
    CHECK(fmt::format("{:*<21}", ipv4_range("192.0.2.1"_ipv4)) == "192.0.2.1-192.0.2.1**");
    CHECK(fmt::format("{}", ipv6_range::parse("2001:db8::-2001:db8::ff").value()) == "2001:db8::-2001:db8::ff");
#endif
}

} // namespace
