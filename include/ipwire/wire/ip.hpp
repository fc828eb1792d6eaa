// ip_packet_view: an IPv4 (RFC 791) or IPv6 (RFC 8200) packet, told apart by
// the version nibble, with what both families share: addresses as ip_address,
// the upper-layer protocol and payload, fragment state, and the pseudo-header
// sum that TCP and UDP checksums need (RFC 9293 section 3.1, RFC 8200 section 8.1).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ipv4.hpp"
#include "ipwire/wire/ipv6.hpp"

namespace ipwire {

namespace detail {
// What a transport checksum needs of its IP packet, with one IPv6 chain walk
// (ip_packet_view::checksum_basis).
struct ip_checksum_basis {
    bool fragment = false;             // ip_packet_view::is_fragment()
    bool truncated = false;            // ip_packet_view::truncated()
    std::uint64_t pseudo_header_sum{}; // ip_packet_view::pseudo_header_sum(length)
    [[nodiscard]] constexpr bool whole_payload() const noexcept { return !fragment && !truncated; }
};
} // namespace detail

class ip_packet_view {
public:
    // An empty view, for std::optional and result; only parse (or a family
    // view) makes a usable one.
    constexpr ip_packet_view() noexcept = default;
    // From a family view that parse already checked.
    // cppcheck-suppress noExplicitConstructor ; implicit by design: lossless widening of a view of either version
    constexpr ip_packet_view(const ipv4_packet_view& v4) noexcept
        : bytes_(v4.bytes()) {} // NOLINT(google-explicit-constructor)
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr ip_packet_view(const ipv6_packet_view& v6) noexcept
        : bytes_(v6.bytes()) {} // NOLINT(google-explicit-constructor)

    // Empty: truncated. Version 4: ipv4_packet_view::parse's checks; 6:
    // ipv6_packet_view::parse's; any other nibble: bad_version.
    [[nodiscard]] static constexpr result<ip_packet_view> parse(bytes_view bytes) noexcept {
        if (bytes.empty()) return errc::truncated;
        switch (bytes[0] >> 4U) {
        case 4: {
            const auto v4 = ipv4_packet_view::parse(bytes);
            if (!v4) return v4.error();
            return ip_packet_view(bytes);
        }
        case 6: {
            const auto v6 = ipv6_packet_view::parse(bytes);
            if (!v6) return v6.error();
            return ip_packet_view(bytes);
        }
        default: return errc::bad_version;
        }
    }

    // 4 or 6.
    [[nodiscard]] constexpr std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(bytes_[0] >> 4U); }
    [[nodiscard]] constexpr bool is_v4() const noexcept { return version() == 4; }
    [[nodiscard]] constexpr bool is_v6() const noexcept { return version() == 6; }
    // The family view over the same bytes, not checked again. Only when is_v4() / is_v6().
    [[nodiscard]] constexpr ipv4_packet_view v4() const noexcept { return ipv4_packet_view(bytes_); }
    [[nodiscard]] constexpr ipv6_packet_view v6() const noexcept { return ipv6_packet_view(bytes_); }

    // The header's addresses, not a source route's or routing header's final
    // destination (see final_destination()) nor an IPv6 home address (ask v6()).
    [[nodiscard]] constexpr ip_address source() const noexcept {
        return is_v4() ? ip_address(v4().source()) : ip_address(v6().source());
    }
    [[nodiscard]] constexpr ip_address destination() const noexcept {
        return is_v4() ? ip_address(v4().destination()) : ip_address(v6().destination());
    }
    // Where the packet finally goes: the last address of an IPv4 source route
    // still under way, or of an IPv6 routing header with segments left;
    // otherwise destination(). The pseudo-header uses it.
    [[nodiscard]] constexpr ip_address final_destination() const noexcept {
        return is_v4() ? ip_address(v4().final_destination()) : ip_address(v6().final_destination());
    }
    // What the payload is: the IPv4 protocol after any Authentication Header
    // (ipv4_packet_view::upper_layer_protocol), or the IPv6 protocol after the
    // extension-header chain (ipv6_packet_view::upper_layer_protocol).
    [[nodiscard]] constexpr ip_protocol protocol() const noexcept {
        return is_v4() ? v4().upper_layer_protocol() : v6().upper_layer_protocol();
    }
    // The upper-layer bytes: after the IPv4 header and any AH, or after the
    // IPv6 extension-header chain; cut to the packet's length and to the capture.
    [[nodiscard]] constexpr bytes_view payload() const noexcept {
        return is_v4() ? v4().upper_layer_payload() : v6().upper_layer_payload();
    }
    // The capture holds fewer bytes than the packet's length field says.
    [[nodiscard]] constexpr bool truncated() const noexcept { return is_v4() ? v4().truncated() : v6().truncated(); }
    // A piece of a larger packet (an IPv6 atomic fragment is not): its
    // transport checksum cannot be checked.
    [[nodiscard]] constexpr bool is_fragment() const noexcept {
        return is_v4() ? v4().is_fragment() : v6().is_fragment();
    }
    // The whole upper-layer message is here: no fragment and not cut by the
    // capture, so a transport or ICMP checksum over it can be checked.
    [[nodiscard]] constexpr bool holds_whole_payload() const noexcept { return !is_fragment() && !truncated(); }
    // The fragment at offset 0 with more to come: the one with the transport header.
    [[nodiscard]] constexpr bool is_first_fragment() const noexcept {
        return is_v4() ? v4().is_first_fragment() : v6().is_first_fragment();
    }
    // The pseudo-header for a TCP or UDP checksum, unfolded: see
    // ipv4_packet_view::pseudo_header_sum and ipv6_packet_view::pseudo_header_sum.
    [[nodiscard]] constexpr std::uint64_t pseudo_header_sum(std::uint32_t upper_layer_length) const noexcept {
        return is_v4() ? v4().pseudo_header_sum(upper_layer_length) : v6().pseudo_header_sum(upper_layer_length);
    }
    // holds_whole_payload() and pseudo_header_sum(upper_layer_length) at the
    // cost of one walk of an IPv6 chain (its ipv6_chain_summary), for the
    // TCP, UDP and ICMPv6 checksums.
    [[nodiscard]] constexpr detail::ip_checksum_basis checksum_basis(std::uint32_t upper_layer_length) const noexcept {
        if (is_v4()) {
            const ipv4_packet_view p = v4();
            return {p.is_fragment(), p.truncated(), p.pseudo_header_sum(upper_layer_length)};
        }
        const ipv6_packet_view p = v6();
        const ipv6_chain_summary chain = p.chain_summary();
        return {chain.is_fragment(), p.truncated(), chain.pseudo_header_sum(upper_layer_length)};
    }
    // The whole span the view was given.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

private:
    constexpr explicit ip_packet_view(bytes_view b) noexcept : bytes_(b) {}

    bytes_view bytes_;
};

} // namespace ipwire
