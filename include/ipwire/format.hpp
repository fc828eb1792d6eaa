// std::formatter for every ipwire value and public enum, where the standard
// library has <format> (IPWIRE_HAS_STD_FORMAT says whether). {fmt} support is
// <ipwire/fmt.hpp> and operator<< is <ipwire/ostream.hpp>, both opt-in, so
// that neither {fmt} nor <ostream> reaches a program through the umbrella.
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
#include <string_view>
#include <type_traits>

#include "ipwire/detail/enum_text.hpp"
#include "ipwire/detail/format_spec.hpp"
#include "ipwire/detail/format_values.hpp"
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
        ipwire::detail::parse_text_spec(it, ctx.end(), ipwire::detail::has_ipv6_style<T>, spec,
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

// Every registered enum; the standard library has no formatter for enums.
template <class E>
requires ipwire::detail::named_enum<E>
struct std::formatter<E, char> : ipwire::detail::std_enum_formatter<E> {
};
#endif
