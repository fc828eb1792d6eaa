// Tests for ipwire/format.hpp: operator<< for every value type and enum, the
// {fmt} formatters with their specs ("{}", "{:e}", "{:X}", "{:eX}", "{:Xe}")
// and exact text, rejected specs, and std::format where the standard library
// has <format>. The expected text of every table row is first checked against
// to_chars in a static_assert, so the tables cannot drift from the library.
#include <ipwire/format.hpp>

#include <doctest/doctest.h>

#include <array>
#include <charconv>
#include <cstddef>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include <ipwire/endpoint.hpp>
#include <ipwire/error.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <fmt/ranges.h> // with it, port_range must still print as "80-82", not as a list
#include <vector>
#endif

#if defined(__cpp_lib_format)
#include <format>
#endif

namespace {

using ipwire::errc;
using ipwire::ipv6_text_style;

// A value's text in one table row.
struct plain_case {
    std::string_view input; // parsed with T::parse
    std::string_view text;  // operator<< and "{}"
};

// A value that takes IPv6 text styles: its four texts.
struct styled_case {
    std::string_view input;
    std::string_view text;           // "{}"
    std::string_view expanded;       // "{:e}"
    std::string_view upper;          // "{:X}"
    std::string_view expanded_upper; // "{:eX}" and "{:Xe}"
};

template <class T>
constexpr bool takes_style = requires(const T& v, char* p, ipv6_text_style s) { v.to_chars(p, p, s); };

// T::parse(input) written by to_chars into a buffer of exactly
// T::max_string_length is `expected`.
template <class T>
constexpr bool writes(std::string_view input, std::string_view expected, ipv6_text_style style = {}) {
    const auto value = T::parse(input);
    if (!value) return false;
    char buffer[T::max_string_length] = {};
    std::to_chars_result r{};
    if constexpr (takes_style<T>)
        r = value->to_chars(buffer, buffer + T::max_string_length, style);
    else
        r = value->to_chars(buffer, buffer + T::max_string_length);
    return r.ec == std::errc{} && std::string_view(buffer, static_cast<std::size_t>(r.ptr - buffer)) == expected;
}

template <class T, std::size_t N>
constexpr bool plain_table_holds(const std::array<plain_case, N>& table) {
    for (const auto& row : table)
        if (!writes<T>(row.input, row.text)) return false;
    return true;
}

template <class T, std::size_t N>
constexpr bool styled_table_holds(const std::array<styled_case, N>& table) {
    for (const auto& row : table) {
        if (!writes<T>(row.input, row.text, {false, false}) || !writes<T>(row.input, row.expanded, {true, false}) ||
            !writes<T>(row.input, row.upper, {false, true}) || !writes<T>(row.input, row.expanded_upper, {true, true}))
            return false;
    }
    return true;
}

constexpr std::array<plain_case, 4> port_cases{{
    {"0", "0"},
    {"80", "80"},
    {"8080", "8080"},
    {"65535", "65535"},
}};
static_assert(plain_table_holds<ipwire::port>(port_cases));

constexpr std::array<plain_case, 4> port_range_cases{{
    {"443", "443"},
    {"8000-8080", "8000-8080"},
    {"0-65535", "0-65535"},
    {"7-7", "7"}, // one port prints as one number
}};
static_assert(plain_table_holds<ipwire::port_range>(port_range_cases));

constexpr std::array<plain_case, 4> ipv4_cases{{
    {"0.0.0.0", "0.0.0.0"},
    {"192.0.2.1", "192.0.2.1"},
    {"10.0.0.255", "10.0.0.255"},
    {"255.255.255.255", "255.255.255.255"}, // max_string_length
}};
static_assert(plain_table_holds<ipwire::ipv4_address>(ipv4_cases));

constexpr std::array<plain_case, 4> ipv4_prefix_cases{{
    {"10.1.2.3/8", "10.1.2.3/8"}, // host bits kept
    {"0.0.0.0/0", "0.0.0.0/0"},
    {"192.0.2.0/24", "192.0.2.0/24"},
    {"255.255.255.255/32", "255.255.255.255/32"}, // max_string_length
}};
static_assert(plain_table_holds<ipwire::ipv4_prefix>(ipv4_prefix_cases));

constexpr std::array<plain_case, 4> ipv6_prefix_cases{{
    {"2001:DB8::/32", "2001:db8::/32"},
    {"::/0", "::/0"},
    {"::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104"},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"}, // max_string_length
}};
static_assert(plain_table_holds<ipwire::ipv6_prefix>(ipv6_prefix_cases));

constexpr std::array<plain_case, 4> ip_prefix_cases{{
    {"192.0.2.0/24", "192.0.2.0/24"},
    {"0.0.0.0/0", "0.0.0.0/0"},
    {"2001:db8:0:0::/48", "2001:db8::/48"},
    {"::/0", "::/0"},
}};
static_assert(plain_table_holds<ipwire::ip_prefix>(ip_prefix_cases));

// Upper case touches hex digits only: a zone is printed as written.
constexpr std::array<styled_case, 5> ipv6_cases_a{{
    {"::", "::", "0000:0000:0000:0000:0000:0000:0000:0000", "::", "0000:0000:0000:0000:0000:0000:0000:0000"},
    {"::1", "::1", "0000:0000:0000:0000:0000:0000:0000:0001", "::1", "0000:0000:0000:0000:0000:0000:0000:0001"},
    {"2001:DB8::a:B", "2001:db8::a:b", "2001:0db8:0000:0000:0000:0000:000a:000b", "2001:DB8::A:B",
     "2001:0DB8:0000:0000:0000:0000:000A:000B"},
    {"1:0:0:2:0:0:0:3", "1:0:0:2::3", "0001:0000:0000:0002:0000:0000:0000:0003", "1:0:0:2::3",
     "0001:0000:0000:0002:0000:0000:0000:0003"},
    {"abcd:ef01:2345:6789:abcd:ef01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789",
     "abcd:ef01:2345:6789:abcd:ef01:2345:6789", "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
     "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789"},
}};
static_assert(styled_table_holds<ipwire::ipv6_address>(ipv6_cases_a));

constexpr std::array<styled_case, 5> ipv6_cases_b{{
    {"fe80::1%Eth0", "fe80::1%Eth0", "fe80:0000:0000:0000:0000:0000:0000:0001%Eth0", "FE80::1%Eth0",
     "FE80:0000:0000:0000:0000:0000:0000:0001%Eth0"},
    {"fe80::a%25", "fe80::a%25", "fe80:0000:0000:0000:0000:0000:0000:000a%25", "FE80::A%25",
     "FE80:0000:0000:0000:0000:0000:0000:000A%25"},
    // IPv4-mapped: dotted in the canonical form (RFC 5952 section 5), hex when expanded.
    {"::ffff:192.0.2.1", "::ffff:192.0.2.1", "0000:0000:0000:0000:0000:ffff:c000:0201", "::FFFF:192.0.2.1",
     "0000:0000:0000:0000:0000:FFFF:C000:0201"},
    // IPv4-compatible (deprecated) is plain hex.
    {"::192.0.2.1", "::c000:201", "0000:0000:0000:0000:0000:0000:c000:0201", "::C000:201",
     "0000:0000:0000:0000:0000:0000:C000:0201"},
    // max_string_length (55): the longest text in every style.
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno",
     "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF%abcdefghijklmno",
     "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF%abcdefghijklmno"},
}};
static_assert(styled_table_holds<ipwire::ipv6_address>(ipv6_cases_b));

// An IPv4 ip_address accepts the IPv6 specs and ignores them.
constexpr std::array<styled_case, 6> ip_cases{{
    {"192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.1"},
    {"0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0"},
    {"255.255.255.255", "255.255.255.255", "255.255.255.255", "255.255.255.255", "255.255.255.255"},
    {"2001:db8::1", "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:DB8::1",
     "2001:0DB8:0000:0000:0000:0000:0000:0001"},
    {"::ffff:10.0.0.1", "::ffff:10.0.0.1", "0000:0000:0000:0000:0000:ffff:0a00:0001", "::FFFF:10.0.0.1",
     "0000:0000:0000:0000:0000:FFFF:0A00:0001"},
    {"fe80::b%eth0", "fe80::b%eth0", "fe80:0000:0000:0000:0000:0000:0000:000b%eth0", "FE80::B%eth0",
     "FE80:0000:0000:0000:0000:0000:0000:000B%eth0"},
}};
static_assert(styled_table_holds<ipwire::ip_address>(ip_cases));

constexpr std::array<styled_case, 6> endpoint_cases{{
    {"192.0.2.1:80", "192.0.2.1:80", "192.0.2.1:80", "192.0.2.1:80", "192.0.2.1:80"},
    {"0.0.0.0:0", "0.0.0.0:0", "0.0.0.0:0", "0.0.0.0:0", "0.0.0.0:0"},
    {"[2001:db8::1]:443", "[2001:db8::1]:443", "[2001:0db8:0000:0000:0000:0000:0000:0001]:443", "[2001:DB8::1]:443",
     "[2001:0DB8:0000:0000:0000:0000:0000:0001]:443"},
    {"[fe80::1%eth0]:22", "[fe80::1%eth0]:22", "[fe80:0000:0000:0000:0000:0000:0000:0001%eth0]:22",
     "[FE80::1%eth0]:22", "[FE80:0000:0000:0000:0000:0000:0000:0001%eth0]:22"},
    {"[::ffff:192.0.2.1]:65535", "[::ffff:192.0.2.1]:65535", "[0000:0000:0000:0000:0000:ffff:c000:0201]:65535",
     "[::FFFF:192.0.2.1]:65535", "[0000:0000:0000:0000:0000:FFFF:C000:0201]:65535"},
    // max_string_length (63).
    {"[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno]:65535",
     "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno]:65535",
     "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%abcdefghijklmno]:65535",
     "[FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF%abcdefghijklmno]:65535",
     "[FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF%abcdefghijklmno]:65535"},
}};
static_assert(styled_table_holds<ipwire::endpoint>(endpoint_cases));
static_assert(ipwire::endpoint::max_string_length == 63 && ipwire::ipv6_address::max_string_length == 55);

struct errc_case {
    errc error;
    std::string_view text;
};
constexpr std::array<errc_case, 4> errc_cases{{
    {errc::empty, "empty input"},
    {errc::leading_zero, "leading zero"},
    {errc::truncated, "truncated"},
    {errc::unknown_interface, "unknown network interface"},
}};
static_assert([] {
    for (const auto& row : errc_cases)
        if (ipwire::to_string(row.error) != row.text) return false;
    return true;
}());
// The last errc; error_test.cpp keeps the same constant in step with error.hpp.
constexpr int last_errc_value = static_cast<int>(ipwire::detail::last_errc);

struct port_class_case {
    ipwire::port_class value;
    std::string_view text;
};
constexpr std::array<port_class_case, 3> port_class_cases{{
    {ipwire::port_class::well_known, "well-known"},
    {ipwire::port_class::registered, "registered"},
    {ipwire::port_class::dynamic, "dynamic"},
}};
static_assert([] {
    for (const auto& row : port_class_cases)
        if (ipwire::to_string(row.value) != row.text) return false;
    return true;
}());

template <class T>
std::string streamed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

template <class T>
T parsed(std::string_view text) {
    const auto value = T::parse(text);
    REQUIRE(value.has_value());
    return *value;
}

template <class T, std::size_t N>
void check_plain_table(const std::array<plain_case, N>& table) {
    for (const auto& row : table) {
        CAPTURE(row.input);
        const T value = parsed<T>(row.input);
        CHECK(streamed(value) == row.text);
#if defined(IPWIRE_TEST_HAVE_FMT)
        CHECK(fmt::format("{}", value) == row.text);
        CHECK(fmt::format(fmt::runtime("{}"), value) == row.text);
#endif
#if defined(__cpp_lib_format)
        CHECK(std::format("{}", value) == row.text);
#endif
    }
}

template <class T, std::size_t N>
void check_styled_table(const std::array<styled_case, N>& table) {
    for (const auto& row : table) {
        CAPTURE(row.input);
        const T value = parsed<T>(row.input);
        CHECK(streamed(value) == row.text); // operator<< takes no style: always canonical
#if defined(IPWIRE_TEST_HAVE_FMT)
        CHECK(fmt::format("{}", value) == row.text);
        CHECK(fmt::format("{:e}", value) == row.expanded);
        CHECK(fmt::format("{:X}", value) == row.upper);
        CHECK(fmt::format("{:eX}", value) == row.expanded_upper);
        CHECK(fmt::format("{:Xe}", value) == row.expanded_upper);
        // The run-time parse of the spec is the same code.
        CHECK(fmt::format(fmt::runtime("{:e}"), value) == row.expanded);
        CHECK(fmt::format(fmt::runtime("{:Xe}"), value) == row.expanded_upper);
#endif
#if defined(__cpp_lib_format)
        CHECK(std::format("{}", value) == row.text);
        CHECK(std::format("{:e}", value) == row.expanded);
        CHECK(std::format("{:X}", value) == row.upper);
        CHECK(std::format("{:eX}", value) == row.expanded_upper);
        CHECK(std::format("{:Xe}", value) == row.expanded_upper);
#endif
    }
}

TEST_CASE("operator<< and {} print ports and port ranges") {
    check_plain_table<ipwire::port>(port_cases);
    check_plain_table<ipwire::port_range>(port_range_cases);
}

TEST_CASE("operator<< and {} print IPv4 addresses and prefixes") {
    check_plain_table<ipwire::ipv4_address>(ipv4_cases);
    check_plain_table<ipwire::ipv4_prefix>(ipv4_prefix_cases);
}

TEST_CASE("operator<< and {} print IPv6 and mixed prefixes") {
    check_plain_table<ipwire::ipv6_prefix>(ipv6_prefix_cases);
    check_plain_table<ipwire::ip_prefix>(ip_prefix_cases);
}

TEST_CASE("IPv6 addresses in every style, zone kept as written") {
    check_styled_table<ipwire::ipv6_address>(ipv6_cases_a);
    check_styled_table<ipwire::ipv6_address>(ipv6_cases_b);
}

TEST_CASE("ip_address in every style; IPv4 ignores the IPv6 styles") {
    check_styled_table<ipwire::ip_address>(ip_cases);
}

TEST_CASE("endpoint in every style") {
    check_styled_table<ipwire::endpoint>(endpoint_cases);
}

TEST_CASE("operator<< prints errc and port_class as to_string") {
    for (const auto& row : errc_cases) {
        CAPTURE(row.text);
        CHECK(streamed(row.error) == row.text);
    }
    for (int i = 1; i <= last_errc_value; ++i) {
        const auto e = static_cast<errc>(i);
        CAPTURE(i);
        CHECK(streamed(e) == ipwire::to_string(e));
    }
    for (const auto& row : port_class_cases) {
        CAPTURE(row.text);
        CHECK(streamed(row.value) == row.text);
    }
    CHECK(streamed(ipwire::multicast_scope::organization_local) == "organization-local");
    CHECK(streamed(static_cast<ipwire::multicast_scope>(6)) == "unassigned");
}

TEST_CASE("operator<< writes one piece, so the stream's width and fill apply to the whole text") {
    std::ostringstream out;
    out << std::setw(12) << parsed<ipwire::ipv4_address>("192.0.2.1") << '|';
    out << std::left << std::setfill('*') << std::setw(20) << parsed<ipwire::endpoint>("[::1]:443") << '|';
    out << std::right << std::setfill(' ') << std::setw(5) << ipwire::port(80) << ipwire::port(443) << '|';
    out << std::setw(10) << errc::truncated << '|';
    CHECK(out.str() == "   192.0.2.1|[::1]:443***********|   80443| truncated|");
}

TEST_CASE("operator<< chains and mixes with other output") {
    std::ostringstream out;
    out << parsed<ipwire::ip_prefix>("10.0.0.0/8") << " via " << parsed<ipwire::ip_address>("fe80::1%eth0") << " port "
        << parsed<ipwire::port_range>("1024-2047") << " (" << ipwire::port_class::registered << ")";
    CHECK(out.str() == "10.0.0.0/8 via fe80::1%eth0 port 1024-2047 (registered)");
}

#if defined(IPWIRE_TEST_HAVE_FMT)

static_assert(fmt::is_formattable<ipwire::port>::value && fmt::is_formattable<ipwire::port_range>::value);
static_assert(fmt::is_formattable<ipwire::ipv4_address>::value && fmt::is_formattable<ipwire::ipv6_address>::value);
static_assert(fmt::is_formattable<ipwire::ip_address>::value && fmt::is_formattable<ipwire::endpoint>::value);
static_assert(fmt::is_formattable<ipwire::ipv4_prefix>::value && fmt::is_formattable<ipwire::ipv6_prefix>::value);
static_assert(fmt::is_formattable<ipwire::ip_prefix>::value);
static_assert(fmt::is_formattable<errc>::value && fmt::is_formattable<ipwire::port_class>::value);

// Every spec but "", "e", "X", "eX", "Xe" is refused, and only ipv6_address,
// ip_address and endpoint take any.
constexpr std::array<std::string_view, 12> specs_refused_everywhere{{
    "{:q}", "{:ee}", "{:XX}", "{:eXe}", "{:XeX}", "{:x}", "{:E}", "{:e }", "{: }", "{:>20}", "{:s}", "{:d}",
}};
constexpr std::array<std::string_view, 4> ipv6_specs{{"{:e}", "{:X}", "{:eX}", "{:Xe}"}};

// A bad run-time spec throws fmt::format_error; without exceptions {fmt}
// aborts instead, which an in-process test cannot observe.
#if IPWIRE_HAS_EXCEPTIONS
// Not [[nodiscard]], unlike fmt::format, so CHECK_THROWS_AS can discard it.
template <class T>
std::string run_time_format(std::string_view format, const T& value) {
    return fmt::format(fmt::runtime(format), value);
}

template <class T>
void check_refused(const T& value, bool takes_ipv6_specs) {
    for (auto spec : specs_refused_everywhere) {
        CAPTURE(spec);
        CHECK_THROWS_AS(run_time_format(spec, value), fmt::format_error);
    }
    for (auto spec : ipv6_specs) {
        CAPTURE(spec);
        if (takes_ipv6_specs)
            CHECK_NOTHROW(run_time_format(spec, value));
        else
            CHECK_THROWS_AS(run_time_format(spec, value), fmt::format_error);
    }
}

TEST_CASE("fmt: a spec the type does not take is a format_error") {
    check_refused(ipwire::port(80), false);
    check_refused(parsed<ipwire::port_range>("1-2"), false);
    check_refused(parsed<ipwire::ipv4_address>("192.0.2.1"), false);
    check_refused(parsed<ipwire::ipv4_prefix>("192.0.2.0/24"), false);
    check_refused(parsed<ipwire::ipv6_prefix>("2001:db8::/32"), false); // prefixes have no IPv6 styles
    check_refused(parsed<ipwire::ip_prefix>("2001:db8::/32"), false);
    check_refused(parsed<ipwire::ipv6_address>("2001:db8::1"), true);
    check_refused(parsed<ipwire::ip_address>("192.0.2.1"), true); // the spec is checked per type, not per value
    check_refused(parsed<ipwire::ip_address>("2001:db8::1"), true);
    check_refused(parsed<ipwire::endpoint>("192.0.2.1:80"), true);
    check_refused(parsed<ipwire::endpoint>("[2001:db8::1]:80"), true);
    // {fmt}'s own check: an unterminated field.
    CHECK_THROWS_AS(run_time_format("{:e", parsed<ipwire::ipv6_address>("::1")), fmt::format_error);
}
#endif

TEST_CASE("fmt: errc and port_class format as to_string, with string specs") {
    CHECK(fmt::format("{}", errc::leading_zero) == "leading zero");
    CHECK(fmt::format("{}", ipwire::mac_address::parse("02-00-5E-10-00-01").value()) == "02:00:5e:10:00:01");
    CHECK(streamed(ipwire::mac_address::parse("02:00:5e:10:00:01").value()) == "02:00:5e:10:00:01");
#if IPWIRE_HAS_EXCEPTIONS
    CHECK_THROWS_AS(run_time_format("{:e}", ipwire::mac_address{}), fmt::format_error);
#endif
    CHECK(fmt::format("{}", errc::leading_zero) == ipwire::to_string(errc::leading_zero));
    for (int i = 1; i <= last_errc_value; ++i) {
        const auto e = static_cast<errc>(i);
        CAPTURE(i);
        CHECK(fmt::format("{}", e) == ipwire::to_string(e));
    }
    CHECK(fmt::format("[{:>11}]", errc::truncated) == "[  truncated]");
    CHECK(fmt::format("[{:.5}]", errc::truncated) == "[trunc]");
#if IPWIRE_HAS_EXCEPTIONS
    CHECK_THROWS_AS(run_time_format("{:q}", errc::truncated), fmt::format_error);
#endif
    for (const auto& row : port_class_cases) {
        CAPTURE(row.text);
        CHECK(fmt::format("{}", row.value) == row.text);
    }
    CHECK(fmt::format("{:<12}|", ipwire::port_class::dynamic) == "dynamic     |");
    CHECK(fmt::format("{}", ipwire::multicast_scope::link_local) == "link-local");
    CHECK(fmt::format("{}", *parsed<ipwire::ipv6_address>("ff0e::1").multicast_scope()) == "global");
}

TEST_CASE("fmt: values compose with other arguments and bounded output") {
    const auto v6 = parsed<ipwire::ipv6_address>("2001:db8::1");
    const auto e4 = parsed<ipwire::endpoint>("192.0.2.1:80");
    CHECK(fmt::format("{0} -> {1:e} ({0:X})", v6, e4) == "2001:db8::1 -> 192.0.2.1:80 (2001:DB8::1)");
    CHECK(fmt::format("{0}|{0:e}", v6) == "2001:db8::1|2001:0db8:0000:0000:0000:0000:0000:0001");

    // format_to_n stops at the buffer's end and still reports the full size.
    std::array<char, 8> small{};
    const auto r = fmt::format_to_n(small.data(), small.size(), "{:e}", v6);
    CHECK(r.size == 39);
    CHECK(std::string_view(small.data(), small.size()) == "2001:0db");

    fmt::memory_buffer buffer;
    fmt::format_to(std::back_inserter(buffer), "{}/{}", parsed<ipwire::ipv4_prefix>("10.0.0.0/8"), ipwire::port(53));
    CHECK(fmt::to_string(buffer) == "10.0.0.0/8/53");
}

TEST_CASE("fmt: with <fmt/ranges.h>, port_range is one value and containers of values use element specs") {
    CHECK(fmt::format("{}", parsed<ipwire::port_range>("80-82")) == "80-82");
    const std::vector<ipwire::ipv4_address> v4{parsed<ipwire::ipv4_address>("192.0.2.1"),
                                               parsed<ipwire::ipv4_address>("198.51.100.7")};
    CHECK(fmt::format("{}", v4) == "[192.0.2.1, 198.51.100.7]");
    const std::vector<ipwire::ipv6_address> v6{parsed<ipwire::ipv6_address>("::1"),
                                               parsed<ipwire::ipv6_address>("fe80::a%eth0")};
    CHECK(fmt::format("{}", v6) == "[::1, fe80::a%eth0]");
    CHECK(fmt::format("{::X}", v6) == "[::1, FE80::A%eth0]");
    CHECK(fmt::format("{::e}", v6) ==
          "[0000:0000:0000:0000:0000:0000:0000:0001, fe80:0000:0000:0000:0000:0000:0000:000a%eth0]");
    const std::vector<ipwire::port_range> ranges{parsed<ipwire::port_range>("1-2"), parsed<ipwire::port_range>("9")};
    CHECK(fmt::format("{}", ranges) == "[1-2, 9]");
}

#endif // IPWIRE_TEST_HAVE_FMT

#if defined(__cpp_lib_format)
// Compiled only where the standard library has <format> (not libstdc++ 12).
TEST_CASE("std::format: refused specs and enums") {
    const auto v6 = parsed<ipwire::ipv6_address>("2001:db8::1");
    CHECK_THROWS_AS((void)std::vformat("{:q}", std::make_format_args(v6)), std::format_error);
    CHECK_THROWS_AS((void)std::vformat("{:ee}", std::make_format_args(v6)), std::format_error);
    const auto v4 = parsed<ipwire::ipv4_address>("192.0.2.1");
    CHECK_THROWS_AS((void)std::vformat("{:e}", std::make_format_args(v4)), std::format_error);
    CHECK(std::format("{}", errc::leading_zero) == "leading zero");
    CHECK(std::format("{}", ipwire::port_class::well_known) == "well-known");
}
#endif

} // namespace
