// The format spec that ipwire's value formatters take, read and applied
// without {fmt} or <format>, so that format.hpp's two families of formatters
// share one parser and one padder:
//
//   spec  ::= [[fill] align] [width] [type...]
//   fill  ::= any character but '{' and '}' (one UTF-8 code point)
//   align ::= '<' | '>' | '^'
//   width ::= a positive decimal number | '{' [argument number] '}'
//   type  ::= 'e' | 'X' (each at most once; only types with IPv6 text)
//
// This is the standard spec ([format.string.std], which {fmt} shares) without
// sign, '#', '0', precision and 'L': they are for numbers, and no ipwire text
// is one. Width counts characters; every ipwire text is ASCII.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/ipv6.hpp"

namespace ipwire::detail {

enum class text_align : std::uint8_t { none, left, right, center };

struct text_spec {
    char fill[4] = {' ', '\0', '\0', '\0'};
    std::uint8_t fill_size = 1; // bytes of the fill's code point
    text_align align = text_align::none;
    bool dynamic_width = false;
    std::size_t width = 0; // the width, or with dynamic_width the argument that holds it
    ipv6_text_style style{};
};

// The largest width a spec may give: a width is an int in {fmt}.
inline constexpr std::size_t max_text_width = 0x7FFF'FFFF;

constexpr bool is_align_char(char c) noexcept { return c == '<' || c == '>' || c == '^'; }

constexpr text_align align_of(char c) noexcept {
    return c == '<' ? text_align::left : c == '>' ? text_align::right : text_align::center;
}

// The length of the UTF-8 sequence that `lead` starts (RFC 3629 section 3),
// or 0 when it cannot start one.
constexpr std::size_t utf8_sequence_length(char lead) noexcept {
    const auto b = static_cast<unsigned char>(lead);
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return 2;
    if (b >= 0xE0 && b <= 0xEF) return 3;
    if (b >= 0xF0 && b <= 0xF4) return 4;
    return 0;
}

// Reads [[fill] align] at `it`; leaves `it` after it, or where it was when the
// spec has no alignment. A fill that is not one whole code point is no fill.
template <class Iterator, class Handler>
constexpr const char* parse_fill_and_align(Iterator& it, Iterator end, text_spec& spec, Handler& handler) {
    const std::size_t n = utf8_sequence_length(*it);
    char code_point[4] = {};
    std::size_t got = 0;
    Iterator p = it;
    for (; got < n && p != end; ++got, ++p) {
        if (got > 0 && (static_cast<unsigned char>(*p) & 0xC0U) != 0x80U) break;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): got < n <= 4
        code_point[got] = *p;
    }
    if (n != 0 && got == n && p != end && is_align_char(*p)) {
        if (code_point[0] == '{' || code_point[0] == '}') return handler.fail("ipwire: the fill may not be '{' or '}'");
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < 4, the size of both arrays
        for (std::size_t i = 0; i < 4; ++i) spec.fill[i] = i < n ? code_point[i] : '\0';
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        spec.fill_size = static_cast<std::uint8_t>(n);
        spec.align = align_of(*p);
        it = ++p;
    } else if (is_align_char(*it)) {
        spec.align = align_of(*it);
        ++it;
    }
    return nullptr;
}

// Reads a decimal number at `it` (which is a digit) into `value`; false when
// it exceeds max_text_width.
template <class Iterator>
constexpr bool parse_spec_number(Iterator& it, Iterator end, std::size_t& value) {
    value = 0;
    for (; it != end && *it >= '0' && *it <= '9'; ++it) {
        value = value * 10 + static_cast<std::size_t>(*it - '0');
        if (value > max_text_width) return false;
    }
    return true;
}

// Reads a spec at `it` up to '}' or the end, leaving `it` there, into `spec`.
// Returns nullptr, or what handler.fail(why) returns for a wrong spec: the
// formatters' handlers throw the library's format_error there, so a literal
// format string fails to compile with the call naming `why` in the compiler's
// trace. The handler also hands out argument numbers for a dynamic width, as
// the library's parse context does: next() for "{}", check(n) for "{n}" (both
// report their own errors, such as mixing the two kinds of numbering). The
// range may be empty and null: {fmt} passes that when it checked the spec at
// compile time.
template <class Iterator, class Handler> // const char* in {fmt} and libstdc++, a class in MSVC's <format>
constexpr const char* parse_text_spec(Iterator& it, Iterator end, bool has_ipv6_style, text_spec& spec,
                                      Handler&& handler) {
    if (it == end || *it == '}') return nullptr;
    if (const char* why = parse_fill_and_align(it, end, spec, handler)) return why;
    if (it != end && *it == '0') return handler.fail("ipwire: '0' padding is for numbers (give a fill: {:0>5})");
    if (it != end && *it >= '1' && *it <= '9') {
        if (!parse_spec_number(it, end, spec.width)) return handler.fail("ipwire: the width is too large");
    } else if (it != end && *it == '{') {
        ++it;
        if (it != end && *it == '}') {
            spec.width = handler.next();
        } else if (it != end && *it == '0') { // "0" is the only number that starts with 0
            ++it;
            spec.width = 0;
            handler.check(spec.width);
        } else if (it != end && *it >= '1' && *it <= '9') {
            if (!parse_spec_number(it, end, spec.width))
                return handler.fail("ipwire: the argument number is too large");
            handler.check(spec.width);
        } else {
            return handler.fail("ipwire: the width must be a number, {} or {n}");
        }
        if (it == end || *it != '}') return handler.fail("ipwire: the width must be a number, {} or {n}");
        ++it;
        spec.dynamic_width = true;
    }
    for (; it != end && *it != '}'; ++it) {
        if (*it == '.') return handler.fail("ipwire: no precision for this type (it is not a string)");
        if (!has_ipv6_style) return handler.fail("ipwire: unknown format spec (this type takes fill, align and width)");
        if (*it == 'e' && !spec.style.expanded)
            spec.style.expanded = true;
        else if (*it == 'X' && !spec.style.upper_case)
            spec.style.upper_case = true;
        else
            return handler.fail("ipwire: unknown format spec (fill, align, width, then e, X or eX for IPv6)");
    }
    return nullptr;
}

// Writes [text, text + size) padded to `width` with the spec's fill. Text is
// left-aligned unless the spec says otherwise, as strings are; '^' puts the
// odd fill character after the text, as <format> does.
template <class Out>
constexpr Out write_padded(Out out, const char* text, std::size_t size, const text_spec& spec, std::size_t width) {
    std::size_t before = 0;
    std::size_t after = 0;
    if (width > size) {
        const std::size_t pad = width - size;
        before = spec.align == text_align::right ? pad : spec.align == text_align::center ? pad / 2 : 0;
        after = pad - before;
    }
    const auto fill = [&](std::size_t count) {
        for (; count != 0; --count)
            for (std::size_t i = 0; i < spec.fill_size; ++i)
                // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): fill_size <= 4
                *out++ = spec.fill[i];
    };
    fill(before);
    for (std::size_t i = 0; i < size; ++i) *out++ = text[i];
    fill(after);
    return out;
}

} // namespace ipwire::detail
