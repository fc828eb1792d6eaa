// The text of ipwire's public enums for operator<< and the formatters: the
// name to_string gives, or the decimal number for a value without a name
// (ip_protocol 253 prints "253"), so that no value prints as nothing.
//
// The wire enums are declared here and defined, with their to_string, in the
// wire headers: format.hpp can format them without including the wire half,
// and to_string is found by argument-dependent lookup where a value is
// formatted. A declaration whose underlying type disagrees does not compile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "ipwire/detail/text_value.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/link_type.hpp"

namespace ipwire {

enum class capture_format : std::uint8_t;      // capture.hpp
enum class decode_layer : std::uint8_t;        // decode.hpp
enum class decode_stop : std::uint8_t;         // decode.hpp
enum class sll_packet_type : std::uint16_t;    // wire/link.hpp
enum class arp_hardware_type : std::uint16_t;  // wire/link.hpp
enum class bsd_address_family : std::uint32_t; // wire/link.hpp
enum class ipv4_option_type : std::uint8_t;    // wire/ipv4.hpp
enum class ipv6_option_type : std::uint8_t;    // wire/ipv6_extension.hpp
enum class ipv6_routing_type : std::uint8_t;   // wire/ipv6_extension.hpp
enum class tcp_option_kind : std::uint8_t;     // wire/tcp.hpp
enum class icmpv4_type : std::uint8_t;         // wire/icmp.hpp
enum class icmpv6_type : std::uint8_t;         // wire/icmp.hpp

namespace detail {

// Every public enum, named one by one so that a user's own enum with a
// to_string never meets these formatters: the core ones here, newer ones by
// is_text_enum in their own header (detail/text_value.hpp).
template <class E>
inline constexpr bool is_named_enum = false;
template <>
inline constexpr bool is_named_enum<errc> = true;
template <>
inline constexpr bool is_named_enum<port_class> = true;
template <>
inline constexpr bool is_named_enum<multicast_scope> = true;
template <>
inline constexpr bool is_named_enum<ip_protocol> = true;
template <>
inline constexpr bool is_named_enum<ether_type> = true;
template <>
inline constexpr bool is_named_enum<link_type> = true;
template <>
inline constexpr bool is_named_enum<capture_format> = true;
template <>
inline constexpr bool is_named_enum<decode_layer> = true;
template <>
inline constexpr bool is_named_enum<decode_stop> = true;
template <>
inline constexpr bool is_named_enum<sll_packet_type> = true;
template <>
inline constexpr bool is_named_enum<arp_hardware_type> = true;
template <>
inline constexpr bool is_named_enum<bsd_address_family> = true;
template <>
inline constexpr bool is_named_enum<ipv4_option_type> = true;
template <>
inline constexpr bool is_named_enum<ipv6_option_type> = true;
template <>
inline constexpr bool is_named_enum<ipv6_routing_type> = true;
template <>
inline constexpr bool is_named_enum<tcp_option_kind> = true;
template <>
inline constexpr bool is_named_enum<icmpv4_type> = true;
template <>
inline constexpr bool is_named_enum<icmpv6_type> = true;

template <class E>
concept named_enum = is_named_enum<E> || is_text_enum<E>;

// The name of a value, or empty when it has none. For most enums that is
// to_string; errc and multicast_scope give a text to every value
// ("unknown error", "unassigned"), which a formatter does not print for a
// value that is no enumerator.
template <named_enum E>
constexpr std::string_view enum_name(E e) noexcept {
    return to_string(e);
}
constexpr std::string_view enum_name(errc e) noexcept {
    return e >= errc::empty && e <= last_errc ? to_string(e) : std::string_view{};
}
constexpr std::string_view enum_name(multicast_scope s) noexcept {
    switch (s) { // every enumerator, so that -Wswitch names one added without a case here
    case multicast_scope::reserved:
    case multicast_scope::interface_local:
    case multicast_scope::link_local:
    case multicast_scope::realm_local:
    case multicast_scope::admin_local:
    case multicast_scope::site_local:
    case multicast_scope::organization_local:
    case multicast_scope::global:
    case multicast_scope::reserved_15: return to_string(s);
    }
    return {};
}

// Room for a 32-bit number in decimal, the widest underlying type here.
inline constexpr std::size_t enum_digits = 10;

// The text a formatter prints for e: its name, or its number written into
// `digits`.
template <named_enum E>
constexpr std::string_view enum_text(E e, char (&digits)[enum_digits]) noexcept {
    static_assert(sizeof(E) <= 4, "enum_digits holds a 32-bit number");
    if (const std::string_view name = enum_name(e); !name.empty()) return name;
    auto v = static_cast<std::uint32_t>(static_cast<std::underlying_type_t<E>>(e));
    std::size_t n = enum_digits;
    do {
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): n > 0; ten digits hold any 32-bit value
        digits[--n] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return {digits + n, enum_digits - n};
}

} // namespace detail
} // namespace ipwire
