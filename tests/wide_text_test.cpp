// Parsing from wide text (issue 14): every parse of port, port_range,
// ipv4_address, ipv6_address, ip_address, endpoint and mac_address also takes
// u8string_view, u16string_view, u32string_view and wstring_view, and gives
// the narrow parse's value or errc: a non-ASCII code unit is refused where the
// narrow parse refuses a non-ASCII byte, and text longer than the stack
// buffer gets the same errc as the narrow parse of the whole text.
#include <ipwire/address_range.hpp>
#include <ipwire/endpoint.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif

namespace {

using ipwire::errc;
using namespace std::string_view_literals;

// The narrow text a wide parse must agree with: ASCII kept, every other unit
// the byte 0x80 (for char8_t: the byte itself).
template <class Char>
std::string narrow_of(std::basic_string_view<Char> wide) {
    std::string out;
    for (const Char c : wide) {
        const auto u = static_cast<unsigned long>(static_cast<std::make_unsigned_t<Char>>(c));
        if constexpr (std::is_same_v<Char, char8_t>)
            out += static_cast<char>(u);
        else
            out += u < 0x80 ? static_cast<char>(u) : static_cast<char>(0x80);
    }
    return out;
}

template <class Char>
std::basic_string<Char> widen(std::string_view narrow) {
    std::basic_string<Char> out;
    for (const char c : narrow) out += static_cast<Char>(static_cast<unsigned char>(c));
    return out;
}

struct tally {
    std::size_t compared = 0;
    std::size_t mismatches = 0;
};

template <class T, class Char>
void agree(std::basic_string_view<Char> wide, tally& t) {
    const std::string narrow = narrow_of(wide);
    const auto w = T::parse(wide);
    const auto n = T::parse(std::string_view(narrow));
    ++t.compared;
    if (w.has_value() != n.has_value() || w.error() != n.error() || (w && n && !(*w == *n))) {
        if (++t.mismatches <= 10) FAIL_CHECK("wide and narrow parse differ on \"" << narrow << "\"");
    }
}

template <class Char>
void all_types(std::basic_string_view<Char> wide, tally& t) {
    agree<ipwire::ipv4_address>(wide, t);
    agree<ipwire::ipv6_address>(wide, t);
    agree<ipwire::ip_address>(wide, t);
    agree<ipwire::endpoint>(wide, t);
    agree<ipwire::port>(wide, t);
    agree<ipwire::port_range>(wide, t);
    agree<ipwire::mac_address>(wide, t);
    agree<ipwire::ipv4_prefix>(wide, t);
    agree<ipwire::ipv6_prefix>(wide, t);
    agree<ipwire::ip_prefix>(wide, t);
    agree<ipwire::ipv4_range>(wide, t);
    agree<ipwire::ipv6_range>(wide, t);
    agree<ipwire::ip_range>(wide, t);
}

template <class Char>
void every_char_type(std::string_view narrow, tally& t) {
    const auto wide = widen<Char>(narrow);
    all_types(std::basic_string_view<Char>(wide), t);
}

void every_width(std::string_view narrow, tally& t) {
    every_char_type<char8_t>(narrow, t);
    every_char_type<char16_t>(narrow, t);
    every_char_type<char32_t>(narrow, t);
    every_char_type<wchar_t>(narrow, t);
}

std::vector<std::string> inputs() {
    std::vector<std::string> out = {
        "",
        "1.2.3.4",
        "192.0.2.1:80",
        "[2001:db8::1]:443",
        "[fe80::1%eth0]:22",
        "2001:db8::1",
        "fe80::1%eth0",
        "::ffff:192.0.2.1",
        "00:00:5e:00:53:01",
        "00-00-5E-00-53-01",
        "443",
        "65536",
        "8000-8080",
        "80--90",
        "1.2.3.04",
        "1.2.3",
        "1::2::3",
        "10.0.0.0/8",
        "10.0.0.0/08",
        "2001:db8::/32",
        "fe80::/10%eth0",
        "10.0.0.1-10.0.0.9",
        "10.0.0.9-10.0.0.1",
        "2001:db8::-2001:db8::ff",
        "10.0.0.1-::1",
        "10.0.0.1",
    };
    // Every row of the shared oracle table (tests/data copy), cells as written.
    std::ifstream in(std::string(IPWIRE_TEST_DATA_DIR) + "/addr_cases.tsv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) out.push_back(line.substr(0, line.find('\t')));
    // Longer than the narrowing buffer: valid text with a long tail, long runs.
    const std::string tail(1000, 'x');
    for (const char* head : {"1.2.3.4", "2001:db8::1", "[::1]:80", "80", "80-90", "00:00:5e:00:53:01", ""})
        out.push_back(head + tail);
    for (const char c : std::string("0123456789abcdef:.-[]%"))
        for (const std::size_t n : {255U, 256U, 257U, 300U, 1000U}) out.emplace_back(n, c);
    out.push_back(std::string(300, '1') + ".2.3.4");
    out.push_back("fe80::1%" + std::string(300, 'a'));
    return out;
}

} // namespace

TEST_CASE("wide text: every parser gives the narrow answer in every code unit width") {
    tally t;
    const auto all = inputs();
    for (const auto& s : all) every_width(s, t);
    CHECK(t.compared == all.size() * 4 * 13); // four code unit widths, thirteen parsers
    CHECK(t.mismatches == 0);
}

TEST_CASE("wide text: a non-ASCII code unit is refused where a non-ASCII byte is") {
    tally t;
    // U+00E9, U+012E (its low byte is '.'), U+FF11 (fullwidth '1'), U+1F600, and a lone surrogate.
    const std::u32string units = U"\u00E9\u012E\uFF11\U0001F600";
    for (const std::string_view base : {"192.0.2.1", "2001:db8::1", "[::1]:80", "8080", "80-90", "00:00:5e:00:53:01"}) {
        for (std::size_t pos = 0; pos <= base.size(); ++pos) {
            for (const char32_t u : units) {
                std::u32string s32 = widen<char32_t>(base);
                s32.insert(pos, 1, u);
                all_types(std::u32string_view(s32), t);
                std::u16string s16 = widen<char16_t>(base);
                s16.insert(pos, 1, u <= 0xFFFF ? static_cast<char16_t>(u) : u'\xD83D');
                all_types(std::u16string_view(s16), t);
                std::wstring sw = widen<wchar_t>(base);
                sw.insert(pos, 1, static_cast<wchar_t>(u));
                all_types(std::wstring_view(sw), t);
            }
        }
    }
    CHECK(t.mismatches == 0);
    // Spelled out: inside the address it is unexpected_character, as in narrow text.
    CHECK(ipwire::ipv4_address::parse(u"192.0.\u00E9.1").error() == errc::unexpected_character);
    CHECK(ipwire::ipv4_address::parse(u"192.0.2\u012E1").error() == errc::unexpected_character);
    CHECK(ipwire::ipv6_address::parse(U"2001:db8:\uFF11::").error() == errc::unexpected_character);
    CHECK(ipwire::port::parse(L"\uFF18\uFF10").error() == errc::unexpected_character);
    CHECK(ipwire::mac_address::parse(u"00:00:5e:00:53:0\u00E9").error() == errc::unexpected_character);
    // After a whole address it is trailing, as a narrow byte is.
    CHECK(ipwire::ipv4_address::parse(u"192.0.2.1\u00E9").error() == errc::trailing_characters);
    CHECK(ipwire::ipv6_address::parse(U"2001:db8::\uFF11").error() == errc::trailing_characters);
}

TEST_CASE("wide text: values, and the same rules under static_assert") {
    CHECK(ipwire::ipv4_address::parse(u8"192.0.2.1").value() == ipwire::ipv4_address(0xC0000201U));
    CHECK(ipwire::ipv6_address::parse(u"fe80::1%eth0").value().zone() == "eth0");
    CHECK(ipwire::ip_address::parse(U"::ffff:192.0.2.1").value().is_v6());
    CHECK(ipwire::endpoint::parse(L"[2001:db8::1]:443").value().port().value() == 443);
    CHECK(ipwire::port_range::parse(u"8000-8080").value().size() == 81);
    CHECK(ipwire::mac_address::parse(u8"00-00-5E-00-53-01").value().to_uint64() == 0x00005E005301ULL);
    // Too long for the buffer: the narrow parse's errc on the whole text.
    const std::u16string long16 = u"1.2.3.4" + std::u16string(1000, u'x');
    CHECK(ipwire::ipv4_address::parse(long16).error() == errc::trailing_characters);
    const std::u32string digits(1000, U'1');
    CHECK(ipwire::port::parse(digits).error() == errc::port_out_of_range);
}

static_assert(ipwire::ipv4_address::parse(u"192.0.2.1").value().to_uint32() == 0xC0000201U);
static_assert(ipwire::ipv4_address::parse(U"192.0.2.01").error() == errc::leading_zero);
static_assert(ipwire::ipv6_address::parse(u8"2001:db8::1").value().group(7) == 1);
static_assert(ipwire::ip_address::parse(L"1.2.3.\u0134").error() == errc::unexpected_character);
static_assert(ipwire::endpoint::parse(u"192.0.2.1:80").value().port().value() == 80);
static_assert(ipwire::port::parse(U"65535").value().value() == 65535);
static_assert(ipwire::port_range::parse(u8"1-2").value().last().value() == 2);
static_assert(ipwire::mac_address::parse(u"00:00:5e:00:53:01").has_value());
static_assert(ipwire::ipv4_prefix::parse(u"10.0.0.0/8").value().length() == 8);
static_assert(ipwire::ip_prefix::parse(U"2001:db8::/\u0033\u0032").value().length() == 32);
static_assert(ipwire::ipv6_prefix::parse(L"2001:db8::/129").error() == errc::prefix_length_out_of_range);
static_assert(ipwire::ipv4_range::parse(u8"10.0.0.1-10.0.0.9").value().size() == 9);
static_assert(ipwire::ip_range::parse(u"10.0.0.9-10.0.0.1").error() == errc::reversed_address_range);
// An en dash for the '-': refused exactly where the narrow parse refuses a non-ASCII byte.
static_assert(ipwire::ipv4_range::parse(U"10.0.0.1\u201310.0.0.9").error() == ipwire::ipv4_range::parse("10.0.0.1\x80"
                                                                                                        "10.0.0.9")
                                                                                  .error());
static_assert(ipwire::ipv4_range::parse(U"10.0.0.1\u201310.0.0.9").error() != errc{});
