// Stream and format-library output for every ipwire value: operator<<, a
// fmt::formatter when <fmt/format.h> is available, and a std::formatter when
// the standard library has <format>. Kept out of the core headers so that they
// need neither <ostream> nor a format library.
//
// Format specs: "{}" canonical text; for ipv6_address, ip_address and endpoint
// also "{:e}" the expanded form (eight groups of four digits, an IPv4-mapped
// address in hex too), "{:X}" upper-case hex (a zone stays as written), and
// "{:eX}" or "{:Xe}" both. Any other spec is a format error, at compile time
// when the format string is a literal. errc and port_class take string specs.
#pragma once

#include <cstddef>
#include <ostream>
#include <string_view>

#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"

#if __has_include(<version>)
#include <version>
#endif

namespace ipwire {
namespace detail {

template <class T>
struct text_traits {
    static constexpr bool has_ipv6_style = false;
};
template <>
struct text_traits<ipv6_address> {
    static constexpr bool has_ipv6_style = true;
};
template <>
struct text_traits<ip_address> {
    static constexpr bool has_ipv6_style = true;
};
template <>
struct text_traits<endpoint> {
    static constexpr bool has_ipv6_style = true;
};

// The value types formatted here, named one by one so that a user's own type
// with a to_chars member never meets these formatters.
template <class T>
inline constexpr bool is_text_value = false;
template <>
inline constexpr bool is_text_value<port> = true;
template <>
inline constexpr bool is_text_value<port_range> = true;
template <>
inline constexpr bool is_text_value<ipv4_address> = true;
template <>
inline constexpr bool is_text_value<ipv6_address> = true;
template <>
inline constexpr bool is_text_value<ip_address> = true;
template <>
inline constexpr bool is_text_value<ipv4_prefix> = true;
template <>
inline constexpr bool is_text_value<ipv6_prefix> = true;
template <>
inline constexpr bool is_text_value<ip_prefix> = true;
template <>
inline constexpr bool is_text_value<endpoint> = true;
template <>
inline constexpr bool is_text_value<mac_address> = true;

template <class T>
concept formattable_value = is_text_value<T>;

// Reads a spec up to '}' or the end, leaving `it` there; false when the spec
// is not one of "", "e", "X", "eX", "Xe" (or the type takes none). The range
// may be empty and null: {fmt} passes that when it checked the spec at compile time.
template <class Iterator> // const char* in {fmt} and libstdc++, a class in MSVC's <format>
constexpr bool parse_text_spec(Iterator& it, Iterator end, bool has_ipv6_style, ipv6_text_style& style) noexcept {
    for (; it != end && *it != '}'; ++it) {
        if (!has_ipv6_style) return false;
        if (*it == 'e' && !style.expanded)
            style.expanded = true;
        else if (*it == 'X' && !style.upper_case)
            style.upper_case = true;
        else
            return false;
    }
    return true;
}

// Writes v into buffer (of T::max_string_length) and returns the end.
template <class T>
constexpr char* write_text(const T& v, char* buffer, ipv6_text_style style) noexcept {
    if constexpr (text_traits<T>::has_ipv6_style)
        return v.to_chars(buffer, buffer + T::max_string_length, style).ptr;
    else
        return v.to_chars(buffer, buffer + T::max_string_length).ptr;
}

template <class T>
std::ostream& write_to_stream(std::ostream& out, const T& v) {
    char buffer[T::max_string_length];
    const char* end = write_text(v, buffer, {});
    return out << std::string_view(buffer, static_cast<std::size_t>(end - buffer));
}

} // namespace detail

inline std::ostream& operator<<(std::ostream& out, port v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const port_range& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const ipv4_address& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const ipv6_address& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const ip_address& v) { return detail::write_to_stream(out, v); }
template <class Address>
std::ostream& operator<<(std::ostream& out, const basic_prefix<Address>& v) {
    return detail::write_to_stream(out, v);
}
inline std::ostream& operator<<(std::ostream& out, const ip_prefix& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const endpoint& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, const mac_address& v) { return detail::write_to_stream(out, v); }
inline std::ostream& operator<<(std::ostream& out, errc e) { return out << to_string(e); }
inline std::ostream& operator<<(std::ostream& out, port_class c) { return out << to_string(c); }
inline std::ostream& operator<<(std::ostream& out, multicast_scope m) { return out << to_string(m); }

} // namespace ipwire

#if __has_include(<fmt/format.h>)
#include <fmt/format.h>

namespace ipwire::detail {
template <class T>
struct fmt_value_formatter {
    ipv6_text_style style{};

    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        auto it = ctx.begin();
        if (!parse_text_spec(it, ctx.end(), text_traits<T>::has_ipv6_style, style))
            FMT_THROW(fmt::format_error("ipwire: unknown format spec (use e, X or eX for IPv6)")); // aborts without exceptions
        return it;
    }

    template <class FormatContext>
    auto format(const T& v, FormatContext& ctx) const -> decltype(ctx.out()) {
        char buffer[T::max_string_length];
        const char* end = write_text(v, buffer, style);
        auto out = ctx.out();
        for (const char* p = buffer; p != end; ++p) *out++ = *p;
        return out;
    }
};

template <class E>
struct fmt_name_formatter : fmt::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(E e, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view, char>::format(ipwire::to_string(e), ctx);
    }
};
} // namespace ipwire::detail

template <class T>
    requires ipwire::detail::formattable_value<T>
struct fmt::formatter<T, char> : ipwire::detail::fmt_value_formatter<T> {};

// port_range is also a range: with <fmt/ranges.h> included, its partial
// specialization for ranges and the one above would both match and neither is
// more specialized (ambiguous). A full specialization beats both.
template <>
struct fmt::formatter<ipwire::port_range, char> : ipwire::detail::fmt_value_formatter<ipwire::port_range> {};

template <>
struct fmt::formatter<ipwire::errc, char> : ipwire::detail::fmt_name_formatter<ipwire::errc> {};
template <>
struct fmt::formatter<ipwire::port_class, char> : ipwire::detail::fmt_name_formatter<ipwire::port_class> {};
template <>
struct fmt::formatter<ipwire::multicast_scope, char> : ipwire::detail::fmt_name_formatter<ipwire::multicast_scope> {};
#endif

#if defined(__cpp_lib_format) && __cpp_lib_format >= 201907L
#include <cstdlib>
#include <format>

template <class T>
    requires ipwire::detail::formattable_value<T>
struct std::formatter<T, char> {
    ipwire::ipv6_text_style style{};

    constexpr auto parse(std::format_parse_context& ctx) -> decltype(ctx.begin()) {
        auto it = ctx.begin();
        if (!ipwire::detail::parse_text_spec(it, ctx.end(), ipwire::detail::text_traits<T>::has_ipv6_style, style))
#if IPWIRE_HAS_EXCEPTIONS
            throw std::format_error("ipwire: unknown format spec (use e, X or eX for IPv6)");
#else
            std::abort(); // only a run-time format string gets here; a literal one fails to compile
#endif
        return it;
    }

    template <class FormatContext>
    auto format(const T& v, FormatContext& ctx) const -> decltype(ctx.out()) {
        char buffer[T::max_string_length];
        const char* end = ipwire::detail::write_text(v, buffer, style);
        auto out = ctx.out();
        for (const char* p = buffer; p != end; ++p) *out++ = *p;
        return out;
    }
};

template <>
struct std::formatter<ipwire::errc, char> : std::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(ipwire::errc e, FormatContext& ctx) const -> decltype(ctx.out()) {
        return std::formatter<std::string_view, char>::format(ipwire::to_string(e), ctx);
    }
};
template <>
struct std::formatter<ipwire::port_class, char> : std::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(ipwire::port_class c, FormatContext& ctx) const -> decltype(ctx.out()) {
        return std::formatter<std::string_view, char>::format(ipwire::to_string(c), ctx);
    }
};
template <>
struct std::formatter<ipwire::multicast_scope, char> : std::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(ipwire::multicast_scope m, FormatContext& ctx) const -> decltype(ctx.out()) {
        return std::formatter<std::string_view, char>::format(ipwire::to_string(m), ctx);
    }
};
#endif
