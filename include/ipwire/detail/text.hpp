// Character tests, digit reading and digit writing shared by the text parsers
// and formatters. ASCII only and locale-free on purpose: the address grammars
// (RFC 3986 section 1.2.1 and friends) are defined over ASCII.
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ipwire/error.hpp"

namespace ipwire::detail {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// A table lookup: one load instead of three range tests per character, which
// is most of the IPv6 parser's time.
inline constexpr auto hex_table = [] {
    std::array<std::int8_t, 256> table{};
    for (auto& v : table) v = -1;
    // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): c is an ASCII digit or letter, below 256
    for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) table[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c) table[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'A' + 10);
    // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
    return table;
}();

// Value of an ASCII hex digit, or -1.
// NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): an unsigned char indexes a 256-entry table
constexpr int hex_value(char c) noexcept { return hex_table[static_cast<unsigned char>(c)]; }

// RFC 3986 section 2.3 unreserved: the characters a zone may use.
constexpr bool is_unreserved(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

// Characters that may follow an address in a larger text: a port, a prefix
// length, a zone, a closing bracket. Text cut short before one of these is
// "too few" octets or groups rather than an unexpected character.
constexpr bool ends_address(char c) noexcept { return c == ':' || c == '/' || c == '%' || c == ']'; }

constexpr char digit_char(unsigned d) noexcept { return static_cast<char>('0' + d); }

constexpr char hex_char(unsigned d, bool upper) noexcept {
    return static_cast<char>(d < 10 ? '0' + d : (upper ? 'A' : 'a') + (d - 10));
}

// Writes v (< 65536) in decimal; returns the new end. The caller guarantees room
// for five characters.
constexpr char* write_decimal(char* out, std::uint32_t v) noexcept {
    char digits[5] = {};
    int n = 0;
    do {
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): n < 5: the loop stops at five digits
        digits[n++] = digit_char(v % 10);
        v /= 10;
    } while (v != 0 && n < 5);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): 0 <= --n < 5
    while (n > 0) *out++ = digits[--n];
    return out;
}

// Writes v in hex: four digits when `full`, otherwise without leading zeros.
// Branch-free: it always stores four characters at `out` (the caller's buffer
// has room) and returns past the significant ones, so the digit count of
// random groups costs no mispredicted branch.
constexpr char* write_hex16(char* out, std::uint16_t v, bool full, bool upper) noexcept {
    const unsigned digits =
        full ? 4U : (static_cast<unsigned>(std::bit_width(static_cast<unsigned>(v | 1U))) + 3U) / 4U;
    const unsigned aligned = static_cast<unsigned>(v) << (4U * (4U - digits));
    for (unsigned k = 0; k < 4; ++k) out[k] = hex_char((aligned >> (12U - 4U * k)) & 0xFU, upper);
    return out + digits;
}

constexpr char* copy_chars(char* out, const char* text, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i) *out++ = text[i];
    return out;
}
// The same for a whole text, so no caller counts a literal's characters.
constexpr char* copy_chars(char* out, std::string_view text) noexcept {
    for (const char c : text) *out++ = c;
    return out;
}

// Reads a decimal number at `it` and advances past its digits: ASCII digits
// only, no sign, no leading zero ("0" itself is fine), at most `max`. Stops
// reading as soon as the value passes `max`, so hostile input costs at most a
// few characters. With no digit at `it`: errc::empty at the end of the text,
// errc::unexpected_character otherwise; callers name their own context.
constexpr result<std::uint32_t> parse_decimal(const char*& it, const char* end, std::uint32_t max,
                                              errc too_large) noexcept {
    if (it == end) return errc::empty;
    if (!is_digit(*it)) return errc::unexpected_character;
    if (*it == '0' && it + 1 != end && is_digit(it[1])) return errc::leading_zero;
    std::uint32_t value = 0;
    while (it != end && is_digit(*it)) {
        value = value * 10 + static_cast<std::uint32_t>(*it - '0');
        if (value > max) return too_large;
        ++it;
    }
    return value;
}

// The to_chars contract of every ipwire type: the text lands whole in
// [first, last), or nothing is written and the result says value_too_large.
constexpr std::to_chars_result copy_if_fits(char* first, char* last, const char* text, const char* text_end) noexcept {
    const auto n = static_cast<std::size_t>(text_end - text);
    if (static_cast<std::size_t>(last - first) < n) return {last, std::errc::value_too_large};
    return {copy_chars(first, text, n), std::errc{}};
}

// The public parse of a type whose composable rule is T::parse_prefix: the
// whole text must be one value.
template <class T>
constexpr result<T> parse_whole(std::string_view text) noexcept {
    const char* it = text.data();
    const char* end = it + text.size();
    if (it == end) return errc::empty;
    auto value = T::parse_prefix(it, end);
    if (value && it != end) return errc::trailing_characters;
    return value;
}

} // namespace ipwire::detail
