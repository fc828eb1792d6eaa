// What the three output headers (format.hpp, fmt.hpp, ostream.hpp) share: the
// value types they format, the text a value writes, and a dynamic width read
// from its argument. The core value types are registered here; a newer type
// registers itself in its own header through detail/text_value.hpp.
#pragma once

#include <cstddef>
#include <type_traits>

#include "ipwire/detail/enum_text.hpp"
#include "ipwire/detail/format_spec.hpp"
#include "ipwire/detail/text_value.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire {

class tcp_flags; // wire/tcp.hpp; formatted without including the wire half

namespace detail {

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

template <>
inline constexpr bool has_ipv6_style<ipv6_address> = true;
template <>
inline constexpr bool has_ipv6_style<ip_address> = true;
template <>
inline constexpr bool has_ipv6_style<endpoint> = true;

template <class T>
concept formattable_value = is_text_value<T>;

// Writes v into buffer (of T::max_string_length) and returns the end.
template <class T>
constexpr char* write_text(const T& v, char* buffer, ipv6_text_style style) noexcept {
    if constexpr (has_ipv6_style<T>)
        return v.to_chars(buffer, buffer + T::max_string_length, style).ptr;
    else
        return v.to_chars(buffer, buffer + T::max_string_length).ptr;
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

} // namespace ipwire
