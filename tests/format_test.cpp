// Tests for ipwire/format.hpp, fmt.hpp and ostream.hpp: operator<< for every value type and enum, the
// {fmt} formatters with their specs ("{}", "{:e}", "{:X}", "{:eX}", "{:Xe}",
// fill, align and width, fixed or from an argument) and exact text, rejected
// specs, and the same tables through std::format where the standard library
// has <format> (IPWIRE_HAS_STD_FORMAT: libc++ 16 with -fexperimental-library in
// CI; not libstdc++ 12). The expected text of every style row is first checked
// against to_chars in a static_assert, so the tables cannot drift from the
// library; the spec parser's readings are static_asserts too.
#include <ipwire/format.hpp>
#include <ipwire/ostream.hpp>

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
#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/wire/ipv4.hpp>
#include <ipwire/wire/ipv6_extension.hpp>
#include <ipwire/wire/link.hpp>
#include <ipwire/wire/tcp.hpp>

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <ipwire/fmt.hpp>
#include <fmt/ranges.h> // with it, port_range must still print as "80-82", not as a list
#include <vector>
#endif

#if IPWIRE_HAS_STD_FORMAT
#include <format>
#endif

namespace {

using ipwire::errc;

#if IPWIRE_HAS_STD_FORMAT
// std::vformat with a run-time format string; the arguments are lvalues, as
// make_format_args requires since P2905.
template <class... Args>
std::string std_format(std::string_view format, const Args&... args) {
    return std::vformat(format, std::make_format_args(args...));
}
#endif
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
constexpr bool takes_style = requires(const T& v, char* p, ipv6_text_style s) {
    v.to_chars(p, p, s);
};

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
    {"443", "443"}, {"8000-8080", "8000-8080"}, {"0-65535", "0-65535"}, {"7-7", "7"}, // one port prints as one number
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
    {"[fe80::1%eth0]:22", "[fe80::1%eth0]:22", "[fe80:0000:0000:0000:0000:0000:0000:0001%eth0]:22", "[FE80::1%eth0]:22",
     "[FE80:0000:0000:0000:0000:0000:0000:0001%eth0]:22"},
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
#if IPWIRE_HAS_STD_FORMAT
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
#if IPWIRE_HAS_STD_FORMAT
        CHECK(std::format("{}", value) == row.text);
        CHECK(std::format("{:e}", value) == row.expanded);
        CHECK(std::format("{:X}", value) == row.upper);
        CHECK(std::format("{:eX}", value) == row.expanded_upper);
        CHECK(std::format("{:Xe}", value) == row.expanded_upper);
#endif
    }
}

// --- Format specs: fill, align, width, with and without the IPv6 types ---

// The spec parser read at compile time, as {fmt} and std::format do for a
// literal format string. Argument numbers for "{}" come from a counter.
struct counted_ids {
    std::size_t next_id = 0;
    constexpr std::size_t next() { return next_id++; }
    constexpr void check(std::size_t) {}
    static constexpr const char* fail(const char* why) { return why; }
};

struct spec_reading {
    const char* error = nullptr;
    ipwire::detail::text_spec spec{};
    std::size_t stopped_at = 0; // characters read
};

constexpr spec_reading read_spec(std::string_view text, bool ipv6_types) {
    spec_reading r;
    const char* it = text.data();
    r.error = ipwire::detail::parse_text_spec(it, text.data() + text.size(), ipv6_types, r.spec, counted_ids{});
    r.stopped_at = static_cast<std::size_t>(it - text.data());
    return r;
}

using ipwire::detail::text_align;

struct spec_parse_case {
    std::string_view spec; // what follows ':' in a replacement field
    std::string_view fill;
    text_align align;
    std::size_t width; // or the argument number when dynamic
    bool dynamic;
    bool expanded;
    bool upper;
};

constexpr std::array<spec_parse_case, 16> spec_parse_cases{{
    {"}", " ", text_align::none, 0, false, false, false},
    {"", " ", text_align::none, 0, false, false, false}, // {fmt} may pass an empty range
    {">20}", " ", text_align::right, 20, false, false, false},
    {"*^9}", "*", text_align::center, 9, false, false, false},
    {"<}", " ", text_align::left, 0, false, false, false},
    {"<<3}", "<", text_align::left, 3, false, false, false},
    {"}>3}", " ", text_align::none, 0, false, false, false},  // '}' ends the spec before it can be a fill
    {"e>5X}", "e", text_align::right, 5, false, false, true}, // 'e' before an align is the fill
    {"0>8}", "0", text_align::right, 8, false, false, false},
    {"\xC3\xA9^7}", "\xC3\xA9", text_align::center, 7, false, false, false}, // U+00E9, two bytes
    {"\xF0\x9F\x98\x80<2}", "\xF0\x9F\x98\x80", text_align::left, 2, false, false, false},
    {"{}}", " ", text_align::none, 0, true, false, false},
    {">{3}eX}", " ", text_align::right, 3, true, true, true},
    {"{0}}", " ", text_align::none, 0, true, false, false},
    {"2147483647}", " ", text_align::none, 2147483647, false, false, false},
    {"Xe}", " ", text_align::none, 0, false, true, true},
}};

static_assert([] {
    for (const auto& row : spec_parse_cases) {
        const spec_reading r = read_spec(row.spec, true);
        const auto& s = r.spec;
        if (r.error != nullptr || std::string_view(s.fill, s.fill_size) != row.fill || s.align != row.align ||
            s.width != row.width || s.dynamic_width != row.dynamic || s.style.expanded != row.expanded ||
            s.style.upper_case != row.upper)
            return false;
        // It stops at the '}' that closes the field (or at the end).
        if (r.stopped_at != (row.spec.empty() || row.spec.front() == '}' ? 0 : row.spec.size() - 1)) return false;
    }
    return true;
}());

// Refused at compile time, each with a reason (the text {fmt} and std::format
// report); the same specs are refused at run time by every formatter below.
constexpr std::array<std::string_view, 14> specs_refused_by_parser{{
    "q}",
    "ee}",
    "05}",
    ">05}",
    ".3}",
    "+}",
    "#}",
    "L}",
    "e10}",
    "{<5}",
    ">{x}}",
    "{01}}",
    "2147483648}",
    "\x80>5}",
}};
static_assert([] {
    for (auto spec : specs_refused_by_parser)
        if (read_spec(spec, true).error == nullptr) return false;
    // Without the IPv6 types, a type is refused but fill, align and width are not.
    return read_spec("e}", false).error != nullptr && read_spec("X}", false).error != nullptr &&
           read_spec("*^12}", false).error == nullptr && read_spec("e}", true).error == nullptr;
}());

// One table per type: a format string (the value is argument 0, an int width
// argument 1) and its exact text. The same rows drive fmt::format and,
// where it exists, std::format.
struct spec_case {
    std::string_view format;
    std::string_view text;
};

const std::array<spec_case, 19> port_specs{{
    {"{}", "80"},
    {"{:7}", "80     "},
    {"{:<7}", "80     "},
    {"{:>7}", "     80"},
    {"{:^7}", "  80   "},
    {"{:^8}", "   80   "},
    {"{:*^7}", "**80***"},
    {"{:->7}", "-----80"},
    {"{:<<7}", "80<<<<<"},
    {"{:0>7}", "0000080"},
    {"{:é<7}", "80ééééé"},
    {"{:—^7}", "——80———"},
    {"{:>}", "80"},
    {"{:3}", "80 "},
    {"{:>2}", "80"},
    {"{:{}}", "80     "},
    {"{:>{}}", "     80"},
    {"{0:_^{1}}", "__80___"},
    {"[{0:>{1}}|{0:<{1}}]", "[     80|80     ]"},
}};
const std::array<spec_case, 19> port_range_specs{{
    {"{}", "8000-8080"},
    {"{:14}", "8000-8080     "},
    {"{:<14}", "8000-8080     "},
    {"{:>14}", "     8000-8080"},
    {"{:^14}", "  8000-8080   "},
    {"{:^15}", "   8000-8080   "},
    {"{:*^14}", "**8000-8080***"},
    {"{:->14}", "-----8000-8080"},
    {"{:<<14}", "8000-8080<<<<<"},
    {"{:0>14}", "000008000-8080"},
    {"{:é<14}", "8000-8080ééééé"},
    {"{:—^14}", "——8000-8080———"},
    {"{:>}", "8000-8080"},
    {"{:3}", "8000-8080"},
    {"{:>9}", "8000-8080"},
    {"{:{}}", "8000-8080   "},
    {"{:>{}}", "   8000-8080"},
    {"{0:_^{1}}", "_8000-8080__"},
    {"[{0:>{1}}|{0:<{1}}]", "[   8000-8080|8000-8080   ]"},
}};
const std::array<spec_case, 19> ipv4_address_specs{{
    {"{}", "192.0.2.1"},
    {"{:14}", "192.0.2.1     "},
    {"{:<14}", "192.0.2.1     "},
    {"{:>14}", "     192.0.2.1"},
    {"{:^14}", "  192.0.2.1   "},
    {"{:^15}", "   192.0.2.1   "},
    {"{:*^14}", "**192.0.2.1***"},
    {"{:->14}", "-----192.0.2.1"},
    {"{:<<14}", "192.0.2.1<<<<<"},
    {"{:0>14}", "00000192.0.2.1"},
    {"{:é<14}", "192.0.2.1ééééé"},
    {"{:—^14}", "——192.0.2.1———"},
    {"{:>}", "192.0.2.1"},
    {"{:3}", "192.0.2.1"},
    {"{:>9}", "192.0.2.1"},
    {"{:{}}", "192.0.2.1       "},
    {"{:>{}}", "       192.0.2.1"},
    {"{0:_^{1}}", "___192.0.2.1____"},
    {"[{0:>{1}}|{0:<{1}}]", "[       192.0.2.1|192.0.2.1       ]"},
}};
const std::array<spec_case, 19> ipv4_prefix_specs{{
    {"{}", "10.0.0.0/8"},
    {"{:15}", "10.0.0.0/8     "},
    {"{:<15}", "10.0.0.0/8     "},
    {"{:>15}", "     10.0.0.0/8"},
    {"{:^15}", "  10.0.0.0/8   "},
    {"{:^16}", "   10.0.0.0/8   "},
    {"{:*^15}", "**10.0.0.0/8***"},
    {"{:->15}", "-----10.0.0.0/8"},
    {"{:<<15}", "10.0.0.0/8<<<<<"},
    {"{:0>15}", "0000010.0.0.0/8"},
    {"{:é<15}", "10.0.0.0/8ééééé"},
    {"{:—^15}", "——10.0.0.0/8———"},
    {"{:>}", "10.0.0.0/8"},
    {"{:3}", "10.0.0.0/8"},
    {"{:>10}", "10.0.0.0/8"},
    {"{:{}}", "10.0.0.0/8   "},
    {"{:>{}}", "   10.0.0.0/8"},
    {"{0:_^{1}}", "_10.0.0.0/8__"},
    {"[{0:>{1}}|{0:<{1}}]", "[   10.0.0.0/8|10.0.0.0/8   ]"},
}};
const std::array<spec_case, 19> ipv6_prefix_specs{{
    {"{}", "2001:db8::/32"},
    {"{:18}", "2001:db8::/32     "},
    {"{:<18}", "2001:db8::/32     "},
    {"{:>18}", "     2001:db8::/32"},
    {"{:^18}", "  2001:db8::/32   "},
    {"{:^19}", "   2001:db8::/32   "},
    {"{:*^18}", "**2001:db8::/32***"},
    {"{:->18}", "-----2001:db8::/32"},
    {"{:<<18}", "2001:db8::/32<<<<<"},
    {"{:0>18}", "000002001:db8::/32"},
    {"{:é<18}", "2001:db8::/32ééééé"},
    {"{:—^18}", "——2001:db8::/32———"},
    {"{:>}", "2001:db8::/32"},
    {"{:3}", "2001:db8::/32"},
    {"{:>13}", "2001:db8::/32"},
    {"{:{}}", "2001:db8::/32     "},
    {"{:>{}}", "     2001:db8::/32"},
    {"{0:_^{1}}", "__2001:db8::/32___"},
    {"[{0:>{1}}|{0:<{1}}]", "[     2001:db8::/32|2001:db8::/32     ]"},
}};
const std::array<spec_case, 19> ip_prefix_specs{{
    {"{}", "192.0.2.0/24"},
    {"{:17}", "192.0.2.0/24     "},
    {"{:<17}", "192.0.2.0/24     "},
    {"{:>17}", "     192.0.2.0/24"},
    {"{:^17}", "  192.0.2.0/24   "},
    {"{:^18}", "   192.0.2.0/24   "},
    {"{:*^17}", "**192.0.2.0/24***"},
    {"{:->17}", "-----192.0.2.0/24"},
    {"{:<<17}", "192.0.2.0/24<<<<<"},
    {"{:0>17}", "00000192.0.2.0/24"},
    {"{:é<17}", "192.0.2.0/24ééééé"},
    {"{:—^17}", "——192.0.2.0/24———"},
    {"{:>}", "192.0.2.0/24"},
    {"{:3}", "192.0.2.0/24"},
    {"{:>12}", "192.0.2.0/24"},
    {"{:{}}", "192.0.2.0/24   "},
    {"{:>{}}", "   192.0.2.0/24"},
    {"{0:_^{1}}", "_192.0.2.0/24__"},
    {"[{0:>{1}}|{0:<{1}}]", "[   192.0.2.0/24|192.0.2.0/24   ]"},
}};
const std::array<spec_case, 19> mac_address_specs{{
    {"{}", "02:00:5e:10:00:01"},
    {"{:22}", "02:00:5e:10:00:01     "},
    {"{:<22}", "02:00:5e:10:00:01     "},
    {"{:>22}", "     02:00:5e:10:00:01"},
    {"{:^22}", "  02:00:5e:10:00:01   "},
    {"{:^23}", "   02:00:5e:10:00:01   "},
    {"{:*^22}", "**02:00:5e:10:00:01***"},
    {"{:->22}", "-----02:00:5e:10:00:01"},
    {"{:<<22}", "02:00:5e:10:00:01<<<<<"},
    {"{:0>22}", "0000002:00:5e:10:00:01"},
    {"{:é<22}", "02:00:5e:10:00:01ééééé"},
    {"{:—^22}", "——02:00:5e:10:00:01———"},
    {"{:>}", "02:00:5e:10:00:01"},
    {"{:3}", "02:00:5e:10:00:01"},
    {"{:>17}", "02:00:5e:10:00:01"},
    {"{:{}}", "02:00:5e:10:00:01  "},
    {"{:>{}}", "  02:00:5e:10:00:01"},
    {"{0:_^{1}}", "_02:00:5e:10:00:01_"},
    {"[{0:>{1}}|{0:<{1}}]", "[  02:00:5e:10:00:01|02:00:5e:10:00:01  ]"},
}};
const std::array<spec_case, 19> tcp_flags_specs{{
    {"{}", "SYN|ACK"},
    {"{:12}", "SYN|ACK     "},
    {"{:<12}", "SYN|ACK     "},
    {"{:>12}", "     SYN|ACK"},
    {"{:^12}", "  SYN|ACK   "},
    {"{:^13}", "   SYN|ACK   "},
    {"{:*^12}", "**SYN|ACK***"},
    {"{:->12}", "-----SYN|ACK"},
    {"{:<<12}", "SYN|ACK<<<<<"},
    {"{:0>12}", "00000SYN|ACK"},
    {"{:é<12}", "SYN|ACKééééé"},
    {"{:—^12}", "——SYN|ACK———"},
    {"{:>}", "SYN|ACK"},
    {"{:3}", "SYN|ACK"},
    {"{:>7}", "SYN|ACK"},
    {"{:{}}", "SYN|ACK   "},
    {"{:>{}}", "   SYN|ACK"},
    {"{0:_^{1}}", "_SYN|ACK__"},
    {"[{0:>{1}}|{0:<{1}}]", "[   SYN|ACK|SYN|ACK   ]"},
}};
const std::array<spec_case, 30> ipv6_address_specs{{
    {"{}", "2001:db8::a:b"},
    {"{:18}", "2001:db8::a:b     "},
    {"{:<18}", "2001:db8::a:b     "},
    {"{:>18}", "     2001:db8::a:b"},
    {"{:^18}", "  2001:db8::a:b   "},
    {"{:^19}", "   2001:db8::a:b   "},
    {"{:*^18}", "**2001:db8::a:b***"},
    {"{:->18}", "-----2001:db8::a:b"},
    {"{:<<18}", "2001:db8::a:b<<<<<"},
    {"{:0>18}", "000002001:db8::a:b"},
    {"{:é<18}", "2001:db8::a:bééééé"},
    {"{:—^18}", "——2001:db8::a:b———"},
    {"{:>}", "2001:db8::a:b"},
    {"{:3}", "2001:db8::a:b"},
    {"{:>13}", "2001:db8::a:b"},
    {"{:{}}", "2001:db8::a:b    "},
    {"{:>{}}", "    2001:db8::a:b"},
    {"{0:_^{1}}", "__2001:db8::a:b__"},
    {"[{0:>{1}}|{0:<{1}}]", "[    2001:db8::a:b|2001:db8::a:b    ]"},
    {"{:e}", "2001:0db8:0000:0000:0000:0000:000a:000b"},
    {"{:X}", "2001:DB8::A:B"},
    {"{:eX}", "2001:0DB8:0000:0000:0000:0000:000A:000B"},
    {"{:Xe}", "2001:0DB8:0000:0000:0000:0000:000A:000B"},
    {"{:>50e}", "           2001:0db8:0000:0000:0000:0000:000a:000b"},
    {"{:*^50eX}", "*****2001:0DB8:0000:0000:0000:0000:000A:000B******"},
    {"{:18X}", "2001:DB8::A:B     "},
    {"{:e>18X}", "eeeee2001:DB8::A:B"},
    {"{:X<41e}", "2001:0db8:0000:0000:0000:0000:000a:000bXX"},
    {"{:<{}X}", "2001:DB8::A:B    "},
    {"{0:>{1}Xe}", "2001:0DB8:0000:0000:0000:0000:000A:000B"},
}};
const std::array<spec_case, 30> ip_address_v6_specs{{
    {"{}", "fe80::1%eth0"},
    {"{:17}", "fe80::1%eth0     "},
    {"{:<17}", "fe80::1%eth0     "},
    {"{:>17}", "     fe80::1%eth0"},
    {"{:^17}", "  fe80::1%eth0   "},
    {"{:^18}", "   fe80::1%eth0   "},
    {"{:*^17}", "**fe80::1%eth0***"},
    {"{:->17}", "-----fe80::1%eth0"},
    {"{:<<17}", "fe80::1%eth0<<<<<"},
    {"{:0>17}", "00000fe80::1%eth0"},
    {"{:é<17}", "fe80::1%eth0ééééé"},
    {"{:—^17}", "——fe80::1%eth0———"},
    {"{:>}", "fe80::1%eth0"},
    {"{:3}", "fe80::1%eth0"},
    {"{:>12}", "fe80::1%eth0"},
    {"{:{}}", "fe80::1%eth0  "},
    {"{:>{}}", "  fe80::1%eth0"},
    {"{0:_^{1}}", "_fe80::1%eth0_"},
    {"[{0:>{1}}|{0:<{1}}]", "[  fe80::1%eth0|fe80::1%eth0  ]"},
    {"{:e}", "fe80:0000:0000:0000:0000:0000:0000:0001%eth0"},
    {"{:X}", "FE80::1%eth0"},
    {"{:eX}", "FE80:0000:0000:0000:0000:0000:0000:0001%eth0"},
    {"{:Xe}", "FE80:0000:0000:0000:0000:0000:0000:0001%eth0"},
    {"{:>50e}", "      fe80:0000:0000:0000:0000:0000:0000:0001%eth0"},
    {"{:*^50eX}", "***FE80:0000:0000:0000:0000:0000:0000:0001%eth0***"},
    {"{:17X}", "FE80::1%eth0     "},
    {"{:e>17X}", "eeeeeFE80::1%eth0"},
    {"{:X<46e}", "fe80:0000:0000:0000:0000:0000:0000:0001%eth0XX"},
    {"{:<{}X}", "FE80::1%eth0  "},
    {"{0:>{1}Xe}", "FE80:0000:0000:0000:0000:0000:0000:0001%eth0"},
}};
const std::array<spec_case, 30> ip_address_v4_specs{{
    {"{}", "192.0.2.1"},
    {"{:14}", "192.0.2.1     "},
    {"{:<14}", "192.0.2.1     "},
    {"{:>14}", "     192.0.2.1"},
    {"{:^14}", "  192.0.2.1   "},
    {"{:^15}", "   192.0.2.1   "},
    {"{:*^14}", "**192.0.2.1***"},
    {"{:->14}", "-----192.0.2.1"},
    {"{:<<14}", "192.0.2.1<<<<<"},
    {"{:0>14}", "00000192.0.2.1"},
    {"{:é<14}", "192.0.2.1ééééé"},
    {"{:—^14}", "——192.0.2.1———"},
    {"{:>}", "192.0.2.1"},
    {"{:3}", "192.0.2.1"},
    {"{:>9}", "192.0.2.1"},
    {"{:{}}", "192.0.2.1  "},
    {"{:>{}}", "  192.0.2.1"},
    {"{0:_^{1}}", "_192.0.2.1_"},
    {"[{0:>{1}}|{0:<{1}}]", "[  192.0.2.1|192.0.2.1  ]"},
    {"{:e}", "192.0.2.1"},
    {"{:X}", "192.0.2.1"},
    {"{:eX}", "192.0.2.1"},
    {"{:Xe}", "192.0.2.1"},
    {"{:>50e}", "                                         192.0.2.1"},
    {"{:*^50eX}", "********************192.0.2.1*********************"},
    {"{:14X}", "192.0.2.1     "},
    {"{:e>14X}", "eeeee192.0.2.1"},
    {"{:X<11e}", "192.0.2.1XX"},
    {"{:<{}X}", "192.0.2.1  "},
    {"{0:>{1}Xe}", "  192.0.2.1"},
}};
const std::array<spec_case, 30> endpoint_specs{{
    {"{}", "[2001:db8::1]:443"},
    {"{:22}", "[2001:db8::1]:443     "},
    {"{:<22}", "[2001:db8::1]:443     "},
    {"{:>22}", "     [2001:db8::1]:443"},
    {"{:^22}", "  [2001:db8::1]:443   "},
    {"{:^23}", "   [2001:db8::1]:443   "},
    {"{:*^22}", "**[2001:db8::1]:443***"},
    {"{:->22}", "-----[2001:db8::1]:443"},
    {"{:<<22}", "[2001:db8::1]:443<<<<<"},
    {"{:0>22}", "00000[2001:db8::1]:443"},
    {"{:é<22}", "[2001:db8::1]:443ééééé"},
    {"{:—^22}", "——[2001:db8::1]:443———"},
    {"{:>}", "[2001:db8::1]:443"},
    {"{:3}", "[2001:db8::1]:443"},
    {"{:>17}", "[2001:db8::1]:443"},
    {"{:{}}", "[2001:db8::1]:443   "},
    {"{:>{}}", "   [2001:db8::1]:443"},
    {"{0:_^{1}}", "_[2001:db8::1]:443__"},
    {"[{0:>{1}}|{0:<{1}}]", "[   [2001:db8::1]:443|[2001:db8::1]:443   ]"},
    {"{:e}", "[2001:0db8:0000:0000:0000:0000:0000:0001]:443"},
    {"{:X}", "[2001:DB8::1]:443"},
    {"{:eX}", "[2001:0DB8:0000:0000:0000:0000:0000:0001]:443"},
    {"{:Xe}", "[2001:0DB8:0000:0000:0000:0000:0000:0001]:443"},
    {"{:>50e}", "     [2001:0db8:0000:0000:0000:0000:0000:0001]:443"},
    {"{:*^50eX}", "**[2001:0DB8:0000:0000:0000:0000:0000:0001]:443***"},
    {"{:22X}", "[2001:DB8::1]:443     "},
    {"{:e>22X}", "eeeee[2001:DB8::1]:443"},
    {"{:X<47e}", "[2001:0db8:0000:0000:0000:0000:0000:0001]:443XX"},
    {"{:<{}X}", "[2001:DB8::1]:443   "},
    {"{0:>{1}Xe}", "[2001:0DB8:0000:0000:0000:0000:0000:0001]:443"},
}};

template <class T, std::size_t N>
void check_specs(const T& value, int width, const std::array<spec_case, N>& table) {
    for (const auto& row : table) {
        CAPTURE(row.format);
#if defined(IPWIRE_TEST_HAVE_FMT)
        CHECK(fmt::format(fmt::runtime(row.format), value, width) == row.text);
#endif
#if IPWIRE_HAS_STD_FORMAT
        CHECK(std_format(row.format, value, width) == row.text);
#endif
        static_cast<void>(value);
        static_cast<void>(width);
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

TEST_CASE("endpoint in every style") { check_styled_table<ipwire::endpoint>(endpoint_cases); }

TEST_CASE("operator<< prints errc, port_class and multicast_scope as to_string, an unnamed value as its number") {
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
    // to_string says "unassigned" (RFC 7346); printed, the scope is its number.
    CHECK(ipwire::to_string(static_cast<ipwire::multicast_scope>(6)) == "unassigned");
    CHECK(streamed(static_cast<ipwire::multicast_scope>(6)) == "6");
    CHECK(streamed(static_cast<ipwire::multicast_scope>(255)) == "255");
    CHECK(streamed(errc{}) == "0"); // no error: not an enumerator
    CHECK(streamed(static_cast<errc>(last_errc_value + 1)) == std::to_string(last_errc_value + 1));
    CHECK(streamed(static_cast<ipwire::port_class>(3)) == "3");
}

// An enum through every path: fmt::format, std::format and (for "{}")
// operator<<. Argument 1 is a width of 8.
template <class E>
void check_enum(E value, std::string_view format, std::string_view text) {
    CAPTURE(format);
    CAPTURE(text);
    if (format == "{}") CHECK(streamed(value) == text);
#if defined(IPWIRE_TEST_HAVE_FMT)
    CHECK(fmt::format(fmt::runtime(format), value, 8) == text);
#endif
#if IPWIRE_HAS_STD_FORMAT
    CHECK(std_format(format, value, 8) == text);
#endif
}

TEST_CASE("every public enum prints its name, or its number when it has none, with string specs") {
    using namespace ipwire;
    check_enum(errc::truncated, "{:>11}", "  truncated");
    check_enum(errc{}, "{}", "0");
    check_enum(static_cast<errc>(200), "{:<5}|", "200  |");
    check_enum(port_class::well_known, "{:^14}", "  well-known  ");
    check_enum(port_class{7}, "{}", "7");
    check_enum(multicast_scope::global, "{:>{}}", "  global");
    check_enum(multicast_scope{6}, "{}", "6");
    check_enum(ip_protocol::tcp, "{}", "tcp");
    check_enum(ip_protocol{253}, "{}", "253"); // RFC 3692 experimentation: no name
    check_enum(ip_protocol{253}, "{:0>5}", "00253");
    check_enum(ip_protocol::udp, "{:.2}", "ud");
    check_enum(ip_protocol{0}, "{}", "hopopt");
    check_enum(ether_type::ipv6, "{}", "IPv6");
    check_enum(ether_type{0x88E5}, "{}", "35045"); // MACsec: not named here
    check_enum(ether_type{0xFFFF}, "{:>{}}", "   65535");
    check_enum(link_type::ethernet, "{}", "ethernet");
    check_enum(link_type{147}, "{}", "147");
    check_enum(capture_format::pcapng, "{:<8}|", "pcapng  |");
    check_enum(capture_format{2}, "{}", "2");
    check_enum(decode_layer::tcp, "{}", "tcp");
    check_enum(decode_layer{0}, "{}", "0");
    check_enum(decode_stop::not_ip, "{}", "not IP");
    check_enum(decode_stop{9}, "{:_>3}", "__9");
    check_enum(sll_packet_type::outgoing, "{}", "outgoing");
    check_enum(sll_packet_type{5}, "{}", "5");
    check_enum(arp_hardware_type::void_type, "{}", "void");
    check_enum(arp_hardware_type{0x1234}, "{}", "4660");
    check_enum(bsd_address_family::inet6_darwin, "{}", "inet6");
    check_enum(bsd_address_family{0xFFFF'FFFF}, "{}", "4294967295"); // the widest number
    check_enum(ipv4_option_type::router_alert, "{}", "RTRALT");
    check_enum(ipv4_option_type{0x99}, "{}", "153");
    check_enum(ipv6_option_type::jumbo_payload, "{}", "Jumbo Payload");
    check_enum(ipv6_option_type{0x1E}, "{}", "30");
    check_enum(ipv6_routing_type::segment_routing, "{}", "Segment Routing");
    check_enum(ipv6_routing_type{1}, "{}", "1");
    check_enum(tcp_option_kind::sack, "{}", "SACK");
    check_enum(tcp_option_kind{99}, "{:>4}", "  99");
}

TEST_CASE("operator<< writes one piece, so the stream's width and fill apply to the whole text") {
    std::ostringstream out;
    out << std::setw(12) << parsed<ipwire::ipv4_address>("192.0.2.1") << '|';
    out << std::left << std::setfill('*') << std::setw(20) << parsed<ipwire::endpoint>("[::1]:443") << '|';
    out << std::right << std::setfill(' ') << std::setw(5) << ipwire::port(80) << ipwire::port(443) << '|';
    out << std::setw(10) << errc::truncated << '|';
    out << std::setw(5) << ipwire::ip_protocol{253} << '|' << std::hex << ipwire::ip_protocol{253} << '|';
    out << std::setw(9) << (ipwire::tcp_flags::syn | ipwire::tcp_flags::ack) << '|';
    CHECK(out.str() == "   192.0.2.1|[::1]:443***********|   80443| truncated|  253|253|  SYN|ACK|");
}

TEST_CASE("operator<< chains and mixes with other output") {
    std::ostringstream out;
    out << parsed<ipwire::ip_prefix>("10.0.0.0/8") << " via " << parsed<ipwire::ip_address>("fe80::1%eth0") << " port "
        << parsed<ipwire::port_range>("1024-2047") << " (" << ipwire::port_class::registered << ")";
    CHECK(out.str() == "10.0.0.0/8 via fe80::1%eth0 port 1024-2047 (registered)");
}

TEST_CASE("fill, align and width on every value type, with the IPv6 types where they apply") {
    check_specs(ipwire::port(80), 7, port_specs);
    check_specs(parsed<ipwire::port_range>("8000-8080"), 12, port_range_specs);
    check_specs(parsed<ipwire::ipv4_address>("192.0.2.1"), 16, ipv4_address_specs);
    check_specs(parsed<ipwire::ipv4_prefix>("10.0.0.0/8"), 13, ipv4_prefix_specs);
    check_specs(parsed<ipwire::ipv6_prefix>("2001:DB8::/32"), 18, ipv6_prefix_specs);
    check_specs(parsed<ipwire::ip_prefix>("192.0.2.0/24"), 15, ip_prefix_specs);
    check_specs(parsed<ipwire::mac_address>("02-00-5E-10-00-01"), 19, mac_address_specs);
    check_specs(ipwire::tcp_flags::syn | ipwire::tcp_flags::ack, 10, tcp_flags_specs);
    check_specs(parsed<ipwire::ipv6_address>("2001:db8::a:B"), 17, ipv6_address_specs);
    check_specs(parsed<ipwire::ip_address>("fe80::1%eth0"), 14, ip_address_v6_specs);
    check_specs(parsed<ipwire::ip_address>("192.0.2.1"), 11, ip_address_v4_specs);
    check_specs(parsed<ipwire::endpoint>("[2001:db8::1]:443"), 20, endpoint_specs);
}

TEST_CASE("literal format strings with specs, checked at compile time") {
    const auto v6 = parsed<ipwire::ipv6_address>("2001:db8::1");
    const auto e = parsed<ipwire::endpoint>("192.0.2.1:80");
#if defined(IPWIRE_TEST_HAVE_FMT)
    CHECK(fmt::format("{:>20}", v6) == "         2001:db8::1");
    CHECK(fmt::format("[{:*^16}]", e) == "[**192.0.2.1:80**]");
    CHECK(fmt::format("{:<{}X}|", v6, 13) == "2001:DB8::1  |");
    CHECK(fmt::format("{0:>{1}}|{0}", ipwire::port(443), 5) == "  443|443");
    CHECK(fmt::format(FMT_STRING("{:>8}"), ipwire::tcp_flags::rst) == "     RST");
#endif
#if IPWIRE_HAS_STD_FORMAT
    CHECK(std::format("{:>20}", v6) == "         2001:db8::1");
    CHECK(std::format("[{:*^16}]", e) == "[**192.0.2.1:80**]");
    CHECK(std::format("{:<{}X}|", v6, 13) == "2001:DB8::1  |");
    CHECK(std::format("{0:>{1}}|{0}", ipwire::port(443), 5) == "  443|443");
    CHECK(std::format("{:>8}", ipwire::tcp_flags::rst) == "     RST");
#endif
    static_cast<void>(v6);
    static_cast<void>(e);
}

#if defined(IPWIRE_TEST_HAVE_FMT)

static_assert(fmt::is_formattable<ipwire::port>::value && fmt::is_formattable<ipwire::port_range>::value);
static_assert(fmt::is_formattable<ipwire::ipv4_address>::value && fmt::is_formattable<ipwire::ipv6_address>::value);
static_assert(fmt::is_formattable<ipwire::ip_address>::value && fmt::is_formattable<ipwire::endpoint>::value);
static_assert(fmt::is_formattable<ipwire::ipv4_prefix>::value && fmt::is_formattable<ipwire::ipv6_prefix>::value);
static_assert(fmt::is_formattable<ipwire::ip_prefix>::value);
static_assert(fmt::is_formattable<errc>::value && fmt::is_formattable<ipwire::port_class>::value);

// Refused for every type: unknown or repeated types, the number-only parts of
// the standard spec (sign, '#', '0', precision, 'L'), a type before the width,
// a fill of '{' or '}', a malformed or overlong width. Only ipv6_address,
// ip_address and endpoint take a type at all.
constexpr std::array<std::string_view, 31> specs_refused_everywhere{{
    "{:q}",     "{:ee}",    "{:XX}",   "{:eXe}",        "{:XeX}", "{:x}",    "{:E}",      "{:e }",
    "{: }",     "{:s}",     "{:d}",    "{:+}",          "{:-}",   "{:#}",    "{:05}",     "{:>05}",
    "{:.3}",    "{:>20.3}", "{:L}",    "{:e10}",        "{:>X>}", "{:{<5}",  "{:>{x}}",   "{:>{}x}",
    "{:>{-1}}", "{:{1 }}",  "{:{01}}", "{:2147483648}", "{:*}",   "{:>>>5}", "{:\x80>5}",
}};
constexpr std::array<std::string_view, 6> ipv6_specs{{"{:e}", "{:X}", "{:eX}", "{:Xe}", "{:>50e}", "{:*<{}X}"}};

// A bad run-time spec throws fmt::format_error; without exceptions {fmt}
// aborts instead, which an in-process test cannot observe.
#if IPWIRE_HAS_EXCEPTIONS
// Not [[nodiscard]], unlike fmt::format, so CHECK_THROWS_AS can discard it.
template <class T>
std::string run_time_format(std::string_view format, const T& value) {
    return fmt::format(fmt::runtime(format), value, 12); // 12 for a width taken from an argument
}
template <class T, class U>
std::string run_time_format(std::string_view format, const T& value, const U& width) {
    return fmt::format(fmt::runtime(format), value, width);
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
    check_refused(ipwire::tcp_flags::syn, false);
    check_refused(parsed<ipwire::mac_address>("02:00:5e:10:00:01"), false);
    // {fmt}'s own check: an unterminated field.
    CHECK_THROWS_AS(run_time_format("{:e", parsed<ipwire::ipv6_address>("::1")), fmt::format_error);
}

TEST_CASE("fmt: a width argument must be a non-negative integer that exists, and numbering may not be mixed") {
    const auto v4 = parsed<ipwire::ipv4_address>("192.0.2.1");
    CHECK(run_time_format("{:>{}}", v4, 10) == " 192.0.2.1");
    CHECK(run_time_format("{:>{}}", v4, 10U) == " 192.0.2.1");
    CHECK(run_time_format("{:>{}}", v4, 10LL) == " 192.0.2.1");
    CHECK(run_time_format("{:>{}}", v4, static_cast<unsigned char>(10)) == " 192.0.2.1");
    CHECK(run_time_format("{:>{}}", v4, 0) == "192.0.2.1");
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, -1), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, 2147483648LL), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, "10"), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, 10.0), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, true), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{}}", v4, 'a'), fmt::format_error);
    CHECK_THROWS_AS(run_time_format("{:>{5}}", v4, 10), fmt::format_error);    // no argument 5
    CHECK_THROWS_AS(run_time_format("{} {:>{1}}", v4, 10), fmt::format_error); // automatic, then manual
    CHECK_THROWS_AS(run_time_format("{0} {:>{}}", v4, 10), fmt::format_error); // manual, then automatic
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
    CHECK(fmt::format("{:*^{}}|", ipwire::port_class::dynamic, 11) == "**dynamic**|");
    CHECK(fmt::format("{}", static_cast<errc>(last_errc_value + 1)) == std::to_string(last_errc_value + 1));
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

#if IPWIRE_HAS_STD_FORMAT
// Compiled only where the standard library has <format> (not libstdc++ 12):
// the refusals of the fmt section above, through std::vformat.
template <class T>
void check_std_refused(const T& value, bool takes_ipv6_specs) {
#if IPWIRE_HAS_EXCEPTIONS
    for (auto spec : specs_refused_everywhere) {
        CAPTURE(spec);
        CHECK_THROWS_AS((void)std_format(spec, value, 12), std::format_error);
    }
    for (auto spec : ipv6_specs) {
        CAPTURE(spec);
        if (takes_ipv6_specs)
            CHECK_NOTHROW((void)std_format(spec, value, 12));
        else
            CHECK_THROWS_AS((void)std_format(spec, value, 12), std::format_error);
    }
#else
    static_cast<void>(value);
    static_cast<void>(takes_ipv6_specs);
#endif
}

TEST_CASE("std::format: refused specs, width arguments and enums") {
    check_std_refused(ipwire::port(80), false);
    check_std_refused(parsed<ipwire::port_range>("1-2"), false);
    check_std_refused(parsed<ipwire::ipv4_address>("192.0.2.1"), false);
    check_std_refused(parsed<ipwire::ipv4_prefix>("192.0.2.0/24"), false);
    check_std_refused(parsed<ipwire::ipv6_prefix>("2001:db8::/32"), false);
    check_std_refused(parsed<ipwire::ip_prefix>("2001:db8::/32"), false);
    check_std_refused(parsed<ipwire::mac_address>("02:00:5e:10:00:01"), false);
    check_std_refused(ipwire::tcp_flags::syn, false);
    check_std_refused(parsed<ipwire::ipv6_address>("2001:db8::1"), true);
    check_std_refused(parsed<ipwire::ip_address>("192.0.2.1"), true);
    check_std_refused(parsed<ipwire::endpoint>("[2001:db8::1]:80"), true);
#if IPWIRE_HAS_EXCEPTIONS
    const auto v4 = parsed<ipwire::ipv4_address>("192.0.2.1");
    CHECK(std_format("{:>{}}", v4, 10) == " 192.0.2.1");
    CHECK(std_format("{:>{}}", v4, 10ULL) == " 192.0.2.1");
    const int negative = -1;
    const double real = 10.0;
    const bool flag = true;
    const long long huge = 2147483648LL;
    CHECK_THROWS_AS((void)std_format("{:>{}}", v4, negative), std::format_error);
    CHECK_THROWS_AS((void)std_format("{:>{}}", v4, real), std::format_error);
    CHECK_THROWS_AS((void)std_format("{:>{}}", v4, flag), std::format_error);
    CHECK_THROWS_AS((void)std_format("{:>{}}", v4, huge), std::format_error);
    CHECK_THROWS_AS((void)std_format("{} {:>{1}}", v4, 10), std::format_error);
    CHECK_THROWS_AS((void)std_format("{:q}", ipwire::errc::truncated), std::format_error);
#endif
    CHECK(std::format("{}", errc::leading_zero) == "leading zero");
    CHECK(std::format("{}", ipwire::port_class::well_known) == "well-known");
}
#endif

} // namespace
