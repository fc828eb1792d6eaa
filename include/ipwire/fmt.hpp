// {fmt} formatters for every ipwire value and public enum. Opt-in: include
// this header where {fmt} is wanted; the umbrella does not, so a program
// that merely has {fmt} installed pays nothing for it (about 0.85 s a
// translation unit, measured before the split). Specs: see format.hpp.
#pragma once

#include <cstddef>
#include <string_view>

#include <fmt/format.h>

#include "ipwire/detail/enum_text.hpp"
#include "ipwire/detail/format_spec.hpp"
#include "ipwire/detail/format_values.hpp"

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
        parse_text_spec(it, ctx.end(), has_ipv6_style<T>, spec,
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

// Every registered enum. {fmt} 9 has no formatter of its own for an enum
// (formatting one without a formatter does not compile), so this constrained
// partial specialization meets no competitor.
template <class E>
requires ipwire::detail::named_enum<E>
struct fmt::formatter<E, char> : ipwire::detail::fmt_enum_formatter<E> {
};
