// Parsing from wide text (issue 14): every parse that takes std::string_view
// also takes std::u8string_view, std::u16string_view, std::u32string_view and
// std::wstring_view, ASCII only like the narrow one and with the same errors.
// The text is narrowed into a stack buffer (no allocation) and given to the
// narrow parse, so there is one grammar:
//   - a code unit below 0x80 is that ASCII character;
//   - char8_t keeps its byte (UTF-8 text is the narrow text, byte for byte);
//   - any other code unit above 0x7F becomes the byte 0x80, which no ipwire
//     grammar accepts anywhere: the narrow parse refuses it where it refuses
//     any non-ASCII byte (errc::unexpected_character where a character of the
//     address belongs), and a unit such as U+012E never reads as '.'.
// Text longer than the buffer is cut to it. That gives the narrow parse's
// errc on the whole text as long as the parse decides within the buffer's
// length less one: every ipwire parser looks at most about 70 characters
// ahead (the longest endpoint text and the family probe of ip_address), so
// the default of 256 leaves room for parsers made of two of them (a range).
//
// Use (a parse of T that takes std::string_view):
//   static constexpr result<T> parse(std::u16string_view text) noexcept {
//       return detail::parse_wide<T>(text);
//   }
// or, for another rule, detail::parse_wide_with(text, [](std::string_view t) { ... }).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace ipwire::detail {

inline constexpr std::size_t wide_text_capacity = 256;

template <class Char>
inline constexpr bool is_wide_char = std::is_same_v<Char, char8_t> || std::is_same_v<Char, char16_t> ||
                                     std::is_same_v<Char, char32_t> || std::is_same_v<Char, wchar_t>;

// The narrow text of `text` (at most N units) in `buffer`, as described above.
template <class Char, std::size_t N>
constexpr std::string_view narrow_ascii(std::basic_string_view<Char> text, std::array<char, N>& buffer) noexcept {
    static_assert(is_wide_char<Char>);
    const std::size_t n = text.size() < N ? text.size() : N;
    for (std::size_t i = 0; i < n; ++i) {
        // NOLINTNEXTLINE(bugprone-signed-char-misuse,cert-str34-c): a code unit's value, not a char's
        const auto unit = static_cast<std::make_unsigned_t<Char>>(text[i]);
        if constexpr (std::is_same_v<Char, char8_t>) {
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < n <= N
            buffer[i] = static_cast<char>(unit);
        } else {
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < n <= N
            buffer[i] = unit < 0x80U ? static_cast<char>(unit) : static_cast<char>(0x80);
        }
    }
    return {buffer.data(), n};
}

// `parse(narrow text)` for wide text; Capacity bounds the stack buffer.
template <std::size_t Capacity = wide_text_capacity, class Char, class Parse>
constexpr auto parse_wide_with(std::basic_string_view<Char> text, Parse parse) noexcept {
    std::array<char, Capacity> buffer{};
    return parse(narrow_ascii(text, buffer));
}

// T::parse(std::string_view) for wide text.
template <class T, class Char>
constexpr auto parse_wide(std::basic_string_view<Char> text) noexcept {
    return parse_wide_with(text, [](std::string_view narrow) noexcept { return T::parse(narrow); });
}

} // namespace ipwire::detail
