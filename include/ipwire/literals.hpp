// Compile-time checked literals: "192.0.2.1"_ipv4, "2001:db8::1"_ipv6, "::1"_ip,
// "10.0.0.0/8"_prefix, "10.0.0.1-10.0.0.9"_ip_range, "[::1]:443"_endpoint,
// "02:00:5e:10:00:01"_mac, 443_port.
// They are consteval and run the same parsers as run time, so a malformed
// literal does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

#include "ipwire/address_range.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire {
namespace detail {

// Deliberately not constexpr: calling it during constant evaluation is the
// compile error, and its name carries the reason, e.g.
// "call to non-constexpr function malformed_literal<errc::leading_zero>()"
// (the same trick as {fmt}'s consteval format-string check).
template <errc Reason>
void malformed_literal() noexcept {}

// One malformed_literal per errc, indexed by its value, sized from the enum
// (last_errc) so a new errc needs no edit here. The call goes through this
// table rather than a pack expansion so that no index list appears in the
// diagnostic: g++ prints the constexpr call chain with its template arguments.
using malformed_literal_reporter = void (*)() noexcept;
template <std::size_t... I>
constexpr std::array<malformed_literal_reporter, sizeof...(I)> malformed_literal_table(std::index_sequence<I...>) {
    return {&malformed_literal<static_cast<errc>(I)>...};
}
inline constexpr auto malformed_literal_reporters =
    malformed_literal_table(std::make_index_sequence<static_cast<std::size_t>(last_errc) + 1>{});

template <class T>
consteval T literal_value(const result<T>& r) {
    // error() is at most last_errc, so the index is in the table.
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): error() <= last_errc, the table's last index
    if (!r) malformed_literal_reporters[static_cast<std::size_t>(r.error())]();
    return *r;
}

} // namespace detail

namespace literals {

consteval ipv4_address operator""_ipv4(const char* text, std::size_t size) {
    return detail::literal_value(ipv4_address::parse({text, size}));
}
consteval ipv6_address operator""_ipv6(const char* text, std::size_t size) {
    return detail::literal_value(ipv6_address::parse({text, size}));
}
consteval ip_address operator""_ip(const char* text, std::size_t size) {
    return detail::literal_value(ip_address::parse({text, size}));
}
consteval ip_prefix operator""_prefix(const char* text, std::size_t size) {
    return detail::literal_value(ip_prefix::parse({text, size}));
}
// Either family, both ends the same: "10.0.0.1-10.0.0.9"_ip_range, "2001:db8::-2001:db8::ff"_ip_range.
consteval ip_range operator""_ip_range(const char* text, std::size_t size) {
    return detail::literal_value(ip_range::parse({text, size}));
}
consteval endpoint operator""_endpoint(const char* text, std::size_t size) {
    return detail::literal_value(endpoint::parse({text, size}));
}
consteval mac_address operator""_mac(const char* text, std::size_t size) {
    return detail::literal_value(mac_address::parse({text, size}));
}
consteval port operator""_port(unsigned long long value) {
    if (value > 65535) detail::malformed_literal<errc::port_out_of_range>();
    return port(static_cast<std::uint16_t>(value));
}

} // namespace literals
} // namespace ipwire
