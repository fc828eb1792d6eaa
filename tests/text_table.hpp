// Table machinery shared by the text-parser tests (port, prefix, endpoint): a
// row either parses to `value` and prints as `canonical`, or fails with
// `error`. The same tables run under static_assert (the *_hold functions are
// constexpr) and under doctest (check_*_rows, one CHECK per fact).
#pragma once

#include <ipwire/error.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <string_view>
#include <system_error>

namespace text_table {

template <class T>
struct good_row {
    std::string_view text;
    T value;
    std::string_view canonical;
};

struct bad_row {
    std::string_view text;
    ipwire::errc error;
};

// A value as a result, to compare with what parse returns.
template <class T>
constexpr ipwire::result<T> result_of(const T& v) {
    return v;
}

// Whether to_chars writes exactly `expected` (into a local array, so this
// also runs in a constant expression). `style` is an ipv6_text_style, for the
// types that take one.
template <class T, class... Style>
constexpr bool writes(const T& v, std::string_view expected, Style... style) {
    char buffer[T::max_string_length] = {};
    const auto [ptr, ec] = v.to_chars(buffer, buffer + T::max_string_length, style...);
    return ec == std::errc{} && std::string_view(buffer, static_cast<std::size_t>(ptr - buffer)) == expected;
}

template <class T, std::size_t N>
constexpr bool good_rows_hold(const good_row<T> (&rows)[N]) {
    for (const auto& row : rows) {
        const auto r = T::parse(row.text);
        if (!r || !(*r == row.value) || !writes(*r, row.canonical)) return false;
        const auto back = T::parse(row.canonical);
        if (!back || !(*back == row.value)) return false;
    }
    return true;
}

template <class T, std::size_t N>
constexpr bool bad_rows_hold(const bad_row (&rows)[N]) {
    for (const auto& row : rows)
        if (!(T::parse(row.text) == row.error)) return false;
    return true;
}

template <class T, std::size_t N>
void check_good_rows(const good_row<T> (&rows)[N]) {
    for (const auto& row : rows) {
        CAPTURE(row.text);
        const auto r = T::parse(row.text);
        CHECK_MESSAGE(r.has_value(), ipwire::to_string(r.error()));
        if (!r) continue;
        CHECK(*r == row.value);
        CHECK(writes(*r, row.canonical));
        CHECK(r->to_string() == row.canonical);
        const auto back = T::parse(row.canonical);
        CHECK(back.has_value());
        CHECK(back == result_of(row.value));
    }
}

template <class T, std::size_t N>
void check_bad_rows(const bad_row (&rows)[N]) {
    for (const auto& row : rows) {
        const std::string_view shown = row.text.substr(0, 80); // the 10 kB rows stay readable
        CAPTURE(shown);
        CAPTURE(row.text.size());
        const auto r = T::parse(row.text);
        CHECK(!r.has_value());
        CHECK(ipwire::to_string(r.error()) == ipwire::to_string(row.error));
    }
}

// `head` and then `fill` up to N characters: the long texts of the bad tables.
template <std::size_t N>
constexpr std::array<char, N> text_then(std::string_view head, char fill) {
    std::array<char, N> text{};
    for (std::size_t i = 0; i < N; ++i) text[i] = i < head.size() ? head[i] : fill;
    return text;
}
template <std::size_t N>
constexpr std::string_view view(const std::array<char, N>& text) {
    return {text.data(), text.size()};
}

} // namespace text_table
