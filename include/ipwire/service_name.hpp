// IANA service names of TCP and UDP ports ("http" is 80/tcp), from the
// Service Name and Transport Protocol Port Number Registry (RFC 6335). Kept
// out of port.hpp: the table is about 300 lines that most users of a port
// never read, and every translation unit including port.hpp would parse it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "ipwire/detail/service_table.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/port.hpp"

namespace ipwire {

namespace detail {
constexpr std::uint8_t service_protocol_bit(ip_protocol protocol) noexcept {
    switch (protocol) {
    case ip_protocol::tcp: return service_tcp;
    case ip_protocol::udp: return service_udp;
    default: return 0;
    }
}
} // namespace detail

// The IANA service name of a port ("http" for 80/tcp), or empty when the table
// (see detail/service_table.hpp) has none. Only TCP and UDP are listed.
[[nodiscard]] constexpr std::string_view service_name(port p, ip_protocol protocol) noexcept {
    const std::uint8_t bit = detail::service_protocol_bit(protocol);
    for (const auto& entry : detail::service_table) {
        if (entry.port > p.value()) break;
        if (entry.port == p.value() && (entry.protocols & bit) != 0) return entry.name;
    }
    return {};
}

// The port of an IANA service name, matched exactly ("https" -> 443).
[[nodiscard]] constexpr std::optional<port> service_port(std::string_view name, ip_protocol protocol) noexcept {
    const std::uint8_t bit = detail::service_protocol_bit(protocol);
    for (const auto& entry : detail::service_table) {
        if (entry.name == name && (entry.protocols & bit) != 0) return port(entry.port);
    }
    return std::nullopt;
}

} // namespace ipwire
