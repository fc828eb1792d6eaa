// Stream and format-library output for every ipwire value and public enum:
// operator<<, a fmt::formatter when <fmt/format.h> is available, and a
// std::formatter when the standard library has <format> (IPWIRE_HAS_STD_FORMAT
// says which). Kept out of the core headers so that they need neither
// <ostream> nor a format library.
//
// Value specs (detail/format_spec.hpp): [[fill]align][width][type], as for
// strings in <format> and {fmt}: "{:>20}", "{:*^9}", "{:{}}" (width from the
// next argument). The types: "e" the expanded form (eight groups of four
// digits, an IPv4-mapped address in hex too) and "X" upper-case hex (a zone
// stays as written), one or both, for ipv6_address, ip_address and endpoint
// only. Text is left-aligned by default. Any other spec is a format error, at
// compile time when the format string is checked (a literal in {fmt} 8+ and
// std::format). Formatting writes into a stack buffer of the type's
// max_string_length, then pads: it allocates nothing.
//
// Enums take string specs (fill, align, width, precision) and print their
// to_string, or their number when it has no name (ip_protocol 253: "253").
#pragma once

#include <cstddef>
#include <ostream>
#include <string_view>
#include <type_traits>

#include "ipwire/detail/enum_text.hpp"
#include "ipwire/detail/format_spec.hpp"
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

// The std::formatters are compiled where the library says it has <format>
// (__cpp_lib_format; not libstdc++ 12), and with libc++ 16 under
// -fexperimental-library, whose <format> works but which leaves the macro
// undefined until it is complete.
#if !defined(IPWIRE_HAS_STD_FORMAT)
#if defined(__cpp_lib_format) && __cpp_lib_format >= 201907L
#define IPWIRE_HAS_STD_FORMAT 1
#elif defined(_LIBCPP_VERSION) && _LIBCPP_VERSION >= 16000 && !defined(_LIBCPP_HAS_NO_INCOMPLETE_FORMAT)
#define IPWIRE_HAS_STD_FORMAT 1
#else
#define IPWIRE_HAS_STD_FORMAT 0
#endif
#endif

namespace ipwire {

class tcp_flags; // wire/tcp.hpp; formatted here without including the wire half

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
template <>
inline constexpr bool is_text_value<tcp_flags> = true;

template <class T>
concept formattable_value = is_text_value<T>;

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

// A dynamic width read from its argument: an integer in [0, max_text_width],
// or why not. Any integer type but bool and the character type.
struct width_visitor {
    struct answer {
        std::size_t width = 0;
        const char* error = nullptr;
    };
    template <class V>
    constexpr answer operator()(V v) const noexcept {
        if constexpr (std::is_integral_v<V> && !std::is_same_v<V, bool> && !std::is_same_v<V, char>) {
            if constexpr (std::is_signed_v<V>)
                if (v < 0) return {0, "ipwire: negative width"};
            if (static_cast<std::make_unsigned_t<V>>(v) > max_text_width) return {0, "ipwire: the width is too large"};
            return {static_cast<std::size_t>(v), nullptr};
        } else {
            return {0, "ipwire: the width argument is not an integer"};
        }
    }
};

} // namespace detail

// One piece per value, so a stream's width and fill apply to the whole text.
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
// A template: tcp_flags is complete only where wire/tcp.hpp is included.
template <class Flags>
requires std::is_same_v<Flags, tcp_flags> std::ostream& operator<<(std::ostream& out, const Flags& v) {
    return detail::write_to_stream(out, v);
}

// Every public enum: its name, or its number when it has none.
template <detail::named_enum E>
std::ostream& operator<<(std::ostream& out, E e) {
    char digits[detail::enum_digits];
    return out << detail::enum_text(e, digits);
}

} // namespace ipwire

#if __has_include(<fmt/format.h>)
#include <fmt/format.h>

namespace ipwire::detail {
// parse_text_spec's handler: argument numbers for a dynamic width from {fmt}'s
// parse context (the width's type is checked at compile time where {fmt} can,
// 9.1 and later), and a bad spec thrown as fmt::format_error.
template <class ParseContext>
struct fmt_spec_handler {
    ParseContext& ctx;
    // Not a constant expression: a literal format string with a bad spec does not compile.
    [[noreturn]] static const char* fail(const char* why) { FMT_THROW(fmt::format_error(why)); }
    constexpr std::size_t next() {
        const int id = ctx.next_arg_id();
        if constexpr (requires { ctx.check_dynamic_spec(id); }) ctx.check_dynamic_spec(id);
        return static_cast<std::size_t>(id);
    }
    constexpr void check(std::size_t n) {
        const int id = static_cast<int>(n); // n <= max_text_width, an int
        ctx.check_arg_id(id);
        if constexpr (requires { ctx.check_dynamic_spec(id); }) ctx.check_dynamic_spec(id);
    }
};

template <class T>
struct fmt_value_formatter {
    text_spec spec{};

    constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
        auto it = ctx.begin();
        parse_text_spec(it, ctx.end(), text_traits<T>::has_ipv6_style, spec,
                        fmt_spec_handler<fmt::format_parse_context>{ctx}); // throws, or aborts without exceptions
        return it;
    }

    template <class FormatContext>
    auto format(const T& v, FormatContext& ctx) const -> decltype(ctx.out()) {
        std::size_t width = spec.width;
        if (spec.dynamic_width) {
            const auto arg = ctx.arg(static_cast<int>(spec.width));
            width_visitor::answer a;
            if constexpr (requires { arg.visit(width_visitor{}); }) // {fmt} 11
                a = arg.visit(width_visitor{});
            else
                a = fmt::visit_format_arg(width_visitor{}, arg);
            if (a.error != nullptr) FMT_THROW(fmt::format_error(a.error));
            width = a.width;
        }
        char buffer[T::max_string_length];
        const char* end = write_text(v, buffer, spec.style);
        return write_padded(ctx.out(), buffer, static_cast<std::size_t>(end - buffer), spec, width);
    }
};

template <class E>
struct fmt_enum_formatter : fmt::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(E e, FormatContext& ctx) const -> decltype(ctx.out()) {
        char digits[enum_digits];
        return fmt::formatter<std::string_view, char>::format(enum_text(e, digits), ctx);
    }
};
} // namespace ipwire::detail

template <class T>
requires ipwire::detail::formattable_value<T>
struct fmt::formatter<T, char> : ipwire::detail::fmt_value_formatter<T> {
};

// port_range is also a range: with <fmt/ranges.h> included, its partial
// specialization for ranges and the one above would both match and neither is
// more specialized (ambiguous). A full specialization beats both.
template <>
struct fmt::formatter<ipwire::port_range, char> : ipwire::detail::fmt_value_formatter<ipwire::port_range> {};

// Full specializations, one per enum: nothing of {fmt}'s own can compete.
template <>
struct fmt::formatter<ipwire::errc, char> : ipwire::detail::fmt_enum_formatter<ipwire::errc> {};
template <>
struct fmt::formatter<ipwire::port_class, char> : ipwire::detail::fmt_enum_formatter<ipwire::port_class> {};
template <>
struct fmt::formatter<ipwire::multicast_scope, char> : ipwire::detail::fmt_enum_formatter<ipwire::multicast_scope> {};
template <>
struct fmt::formatter<ipwire::ip_protocol, char> : ipwire::detail::fmt_enum_formatter<ipwire::ip_protocol> {};
template <>
struct fmt::formatter<ipwire::ether_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::ether_type> {};
template <>
struct fmt::formatter<ipwire::link_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::link_type> {};
template <>
struct fmt::formatter<ipwire::capture_format, char> : ipwire::detail::fmt_enum_formatter<ipwire::capture_format> {};
template <>
struct fmt::formatter<ipwire::decode_layer, char> : ipwire::detail::fmt_enum_formatter<ipwire::decode_layer> {};
template <>
struct fmt::formatter<ipwire::decode_stop, char> : ipwire::detail::fmt_enum_formatter<ipwire::decode_stop> {};
template <>
struct fmt::formatter<ipwire::sll_packet_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::sll_packet_type> {};
template <>
struct fmt::formatter<ipwire::arp_hardware_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::arp_hardware_type> {
};
template <>
struct fmt::formatter<ipwire::bsd_address_family, char>
    : ipwire::detail::fmt_enum_formatter<ipwire::bsd_address_family> {};
template <>
struct fmt::formatter<ipwire::ipv4_option_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::ipv4_option_type> {};
template <>
struct fmt::formatter<ipwire::ipv6_option_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::ipv6_option_type> {};
template <>
struct fmt::formatter<ipwire::ipv6_routing_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::ipv6_routing_type> {
};
template <>
struct fmt::formatter<ipwire::tcp_option_kind, char> : ipwire::detail::fmt_enum_formatter<ipwire::tcp_option_kind> {};
template <>
struct fmt::formatter<ipwire::icmpv4_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::icmpv4_type> {};
template <>
struct fmt::formatter<ipwire::icmpv6_type, char> : ipwire::detail::fmt_enum_formatter<ipwire::icmpv6_type> {};
#endif

#if IPWIRE_HAS_STD_FORMAT
#include <cstdlib>
#include <format>

namespace ipwire::detail {
[[noreturn]] inline void throw_std_format_error(const char* why) {
#if IPWIRE_HAS_EXCEPTIONS
    throw std::format_error(why);
#else
    static_cast<void>(why);
    std::abort(); // only a run-time format string gets here; a literal one fails to compile
#endif
}

// parse_text_spec's handler for <format>, as fmt_spec_handler.
template <class ParseContext> // a template, so that the requires-expressions below may fail
struct std_spec_handler {
    ParseContext& ctx;
    [[noreturn]] static const char* fail(const char* why) { throw_std_format_error(why); }
    constexpr std::size_t next() {
        const std::size_t id = ctx.next_arg_id();
        if constexpr (requires { ctx.check_dynamic_spec_integral(id); }) ctx.check_dynamic_spec_integral(id); // C++26
        return id;
    }
    constexpr void check(std::size_t id) {
        ctx.check_arg_id(id);
        if constexpr (requires { ctx.check_dynamic_spec_integral(id); }) ctx.check_dynamic_spec_integral(id);
    }
};

} // namespace ipwire::detail

template <class T>
requires ipwire::detail::formattable_value<T>
struct std::formatter<T, char> {
    ipwire::detail::text_spec spec{};

    constexpr auto parse(std::format_parse_context& ctx) -> decltype(ctx.begin()) {
        auto it = ctx.begin();
        ipwire::detail::parse_text_spec(it, ctx.end(), ipwire::detail::text_traits<T>::has_ipv6_style, spec,
                                        ipwire::detail::std_spec_handler<std::format_parse_context>{ctx});
        return it;
    }

    template <class FormatContext>
    auto format(const T& v, FormatContext& ctx) const -> decltype(ctx.out()) {
        std::size_t width = spec.width;
        if (spec.dynamic_width) {
            const auto arg = ctx.arg(spec.width);
            ipwire::detail::width_visitor::answer a;
            if constexpr (requires { arg.visit(ipwire::detail::width_visitor{}); }) // C++26
                a = arg.visit(ipwire::detail::width_visitor{});
            else
                a = std::visit_format_arg(ipwire::detail::width_visitor{}, arg);
            if (a.error != nullptr) ipwire::detail::throw_std_format_error(a.error);
            width = a.width;
        }
        char buffer[T::max_string_length];
        const char* end = ipwire::detail::write_text(v, buffer, spec.style);
        return ipwire::detail::write_padded(ctx.out(), buffer, static_cast<std::size_t>(end - buffer), spec, width);
    }
};

namespace ipwire::detail {
template <class E>
struct std_enum_formatter : std::formatter<std::string_view, char> {
    template <class FormatContext>
    auto format(E e, FormatContext& ctx) const -> decltype(ctx.out()) {
        char digits[enum_digits];
        return std::formatter<std::string_view, char>::format(enum_text(e, digits), ctx);
    }
};
} // namespace ipwire::detail

template <>
struct std::formatter<ipwire::errc, char> : ipwire::detail::std_enum_formatter<ipwire::errc> {};
template <>
struct std::formatter<ipwire::port_class, char> : ipwire::detail::std_enum_formatter<ipwire::port_class> {};
template <>
struct std::formatter<ipwire::multicast_scope, char> : ipwire::detail::std_enum_formatter<ipwire::multicast_scope> {};
template <>
struct std::formatter<ipwire::ip_protocol, char> : ipwire::detail::std_enum_formatter<ipwire::ip_protocol> {};
template <>
struct std::formatter<ipwire::ether_type, char> : ipwire::detail::std_enum_formatter<ipwire::ether_type> {};
template <>
struct std::formatter<ipwire::link_type, char> : ipwire::detail::std_enum_formatter<ipwire::link_type> {};
template <>
struct std::formatter<ipwire::capture_format, char> : ipwire::detail::std_enum_formatter<ipwire::capture_format> {};
template <>
struct std::formatter<ipwire::decode_layer, char> : ipwire::detail::std_enum_formatter<ipwire::decode_layer> {};
template <>
struct std::formatter<ipwire::decode_stop, char> : ipwire::detail::std_enum_formatter<ipwire::decode_stop> {};
template <>
struct std::formatter<ipwire::sll_packet_type, char> : ipwire::detail::std_enum_formatter<ipwire::sll_packet_type> {};
template <>
struct std::formatter<ipwire::arp_hardware_type, char> : ipwire::detail::std_enum_formatter<ipwire::arp_hardware_type> {
};
template <>
struct std::formatter<ipwire::bsd_address_family, char>
    : ipwire::detail::std_enum_formatter<ipwire::bsd_address_family> {};
template <>
struct std::formatter<ipwire::ipv4_option_type, char> : ipwire::detail::std_enum_formatter<ipwire::ipv4_option_type> {};
template <>
struct std::formatter<ipwire::ipv6_option_type, char> : ipwire::detail::std_enum_formatter<ipwire::ipv6_option_type> {};
template <>
struct std::formatter<ipwire::ipv6_routing_type, char> : ipwire::detail::std_enum_formatter<ipwire::ipv6_routing_type> {
};
template <>
struct std::formatter<ipwire::tcp_option_kind, char> : ipwire::detail::std_enum_formatter<ipwire::tcp_option_kind> {};
template <>
struct std::formatter<ipwire::icmpv4_type, char> : ipwire::detail::std_enum_formatter<ipwire::icmpv4_type> {};
template <>
struct std::formatter<ipwire::icmpv6_type, char> : ipwire::detail::std_enum_formatter<ipwire::icmpv6_type> {};
#endif
