// IPv4-embedded IPv6 addresses for NAT64 (RFC 6052 section 2.2): the IPv4
// address follows the prefix, skipping bits 64-71 (the "u" octet, which must
// be zero), and the suffix is zero. Teredo and 6to4 are members of
// ipv6_address (teredo(), sixtofour()).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/error.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire {

namespace detail {
// The prefix lengths RFC 6052 section 2.2 defines.
constexpr bool is_nat64_length(std::uint8_t length) noexcept {
    return length == 32 || length == 40 || length == 48 || length == 56 || length == 64 || length == 96;
}
} // namespace detail

// The IPv6 address for `v4` under `prefix` (64:ff9b::/96, 2001:db8:122::/48,
// ...): the prefix's host bits are cleared, the u-octet and the suffix are
// zero. errc::bad_nat64_prefix_length for a length RFC 6052 does not define.
// A /96 prefix holds bits 64-71 itself; RFC 6052 wants them zero there too,
// and they are left as the caller's prefix has them.
[[nodiscard]] constexpr result<ipv6_address> nat64_embed(const ipv6_prefix& prefix, const ipv4_address& v4) noexcept {
    if (!detail::is_nat64_length(prefix.length())) return errc::bad_nat64_prefix_length;
    auto bytes = prefix.network().to_bytes();
    std::size_t at = prefix.length() / 8U;
    for (const std::uint8_t b : v4.to_bytes()) {
        if (at == 8) ++at; // bits 64-71
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): at <= 15 for every RFC 6052 length
        bytes[at++] = b;
    }
    return ipv6_address(bytes);
}

// The IPv4 address embedded in `address` under `prefix`: the inverse of
// nat64_embed. errc::bad_nat64_prefix_length as there, errc::not_in_prefix
// when `address` is outside `prefix`, errc::nonzero_u_octet when bits 64-71
// are not zero (RFC 6052 section 2.2: they MUST be; for a /96 they are the
// prefix's). The suffix is not checked: the RFC says only SHOULD be zero.
[[nodiscard]] constexpr result<ipv4_address> nat64_extract(const ipv6_prefix& prefix,
                                                           const ipv6_address& address) noexcept {
    if (!detail::is_nat64_length(prefix.length())) return errc::bad_nat64_prefix_length;
    if (!prefix.contains(address)) return errc::not_in_prefix;
    const auto& bytes = address.to_bytes();
    if (bytes[8] != 0) return errc::nonzero_u_octet;
    ipv4_address::bytes_type v4{};
    std::size_t at = prefix.length() / 8U;
    for (std::uint8_t& b : v4) {
        if (at == 8) ++at;
        b = bytes[at++]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): as above
    }
    return ipv4_address(v4);
}

} // namespace ipwire
