// ipv6_packet_view: the IPv6 header (RFC 8200 section 3), its extension-header
// chain (section 4, walked by wire/ipv6_extension.hpp), jumbograms (RFC 2675),
// the upper-layer protocol and payload after the chain, and the section 8.1
// pseudo-header with the routing header's final destination and RFC 6275 home address.
//
// What parse checks, and what it leaves to the chain walk: parse checks the
// 40-byte header (truncated), the version (bad_version) and the jumbo payload
// rules of RFC 2675 section 3 (bad_payload_length: payload length 0 with a
// hop-by-hop header but no jumbo option, a jumbo length below 65536, a jumbo
// option beside a non-zero payload length; truncated: payload length 0 and the
// hop-by-hop header cut). Payload length 0 without hop-by-hop is an empty
// payload, as RFC 8200 allows (No Next Header). Parse does NOT fail on a bad
// chain: the addresses of a packet whose chain is malformed or cut by the
// snap length are still worth reading. chain_summary() walks the chain once
// (at most 16 headers with O(1) checks each, option lists only for the home
// address) and says what it found and where and why it stopped; every
// accessor that needs the chain reads one summary, so keep it to read
// several.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ipv6_chain.hpp"
#include "ipwire/wire/ipv6_extension.hpp"

namespace ipwire {

class ip_packet_view;

class ipv6_packet_view {
public:
    // The fixed header's size in bytes.
    static constexpr std::size_t header_length = 40;

    constexpr ipv6_packet_view() noexcept = default;

    [[nodiscard]] static constexpr result<ipv6_packet_view> parse(bytes_view b) noexcept {
        if (b.size() < header_length) return errc::truncated;
        if (detail::load_u8(b, field::version_class) >> 4U != 6) return errc::bad_version;
        if (detail::load_u8(b, field::next_header) != static_cast<std::uint8_t>(ip_protocol::ipv6_hop_by_hop))
            return ipv6_packet_view(b);
        // The hop-by-hop header must be whole to look for a jumbo payload
        // option; only a jumbogram needs it, another cut packet is readable.
        const std::uint16_t length = detail::load_be16(b, field::payload_length);
        const bool whole = b.size() >= header_length + 2 && b.size() >= header_length + hop_by_hop_length(b);
        if (!whole) {
            if (length == 0) return errc::truncated;
            return ipv6_packet_view(b);
        }
        // RFC 2675 section 3: a jumbo length must exceed 65535, only a zero
        // payload length may stand beside it, and a zero one needs it.
        const auto jumbo = find_jumbo(b);
        if (jumbo ? (length != 0 || *jumbo <= 0xFFFFU) : length == 0) return errc::bad_payload_length;
        return ipv6_packet_view(b);
    }

    // --- the fixed header (RFC 8200 section 3) ---
    [[nodiscard]] constexpr std::uint8_t version() const noexcept {
        return static_cast<std::uint8_t>(detail::load_u8(bytes_, field::version_class) >> 4U);
    }
    [[nodiscard]] constexpr std::uint8_t traffic_class() const noexcept {
        return static_cast<std::uint8_t>(detail::load_be16(bytes_, field::version_class) >> 4U);
    }
    // The traffic class split as RFC 2474 (DSCP, high 6 bits) and RFC 3168 (ECN, low 2 bits).
    [[nodiscard]] constexpr std::uint8_t dscp() const noexcept {
        return static_cast<std::uint8_t>(traffic_class() >> 2U);
    }
    [[nodiscard]] constexpr std::uint8_t ecn() const noexcept {
        return static_cast<std::uint8_t>(traffic_class() & 0x3U);
    }
    // 20 bits (RFC 6437).
    [[nodiscard]] constexpr std::uint32_t flow_label() const noexcept {
        return detail::load_be32(bytes_, field::version_class) & 0xFFFFFU;
    }
    // The field as sent, in bytes after the fixed header; 0 for a jumbogram
    // (see payload_length_in_effect()) or an empty payload.
    [[nodiscard]] constexpr std::uint16_t payload_length() const noexcept {
        return detail::load_be16(bytes_, field::payload_length);
    }
    // The fixed header's next header: the first extension header or the upper layer.
    [[nodiscard]] constexpr ip_protocol next_header() const noexcept {
        return static_cast<ip_protocol>(detail::load_u8(bytes_, field::next_header));
    }
    [[nodiscard]] constexpr std::uint8_t hop_limit() const noexcept {
        return detail::load_u8(bytes_, field::hop_limit);
    }
    [[nodiscard]] constexpr ipv6_address source() const noexcept {
        return detail::load_ipv6_address(bytes_, field::source);
    }
    [[nodiscard]] constexpr ipv6_address destination() const noexcept {
        return detail::load_ipv6_address(bytes_, field::destination);
    }

    // The Jumbo Payload option's length (RFC 2675) when the payload length is 0.
    [[nodiscard]] constexpr std::optional<std::uint32_t> jumbo_payload_length() const noexcept {
        if (payload_length() != 0) return std::nullopt;
        return find_jumbo(bytes_);
    }
    // The payload length that holds: the field, or the jumbo option's.
    [[nodiscard]] constexpr std::uint32_t payload_length_in_effect() const noexcept {
        const std::uint16_t length = payload_length();
        return length != 0 ? length : find_jumbo(bytes_).value_or(0);
    }

    // --- spans ---
    // The whole span given to parse (Ethernet padding included).
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    // What follows the fixed header, cut to the payload length (padding dropped)
    // and to the capture.
    [[nodiscard]] constexpr bytes_view payload() const noexcept {
        const bytes_view rest = bytes_.subspan(header_length);
        const std::uint32_t length = payload_length_in_effect();
        return rest.size() > length ? rest.first(length) : rest;
    }
    // The capture holds less than the payload length (a snap-length cut).
    [[nodiscard]] constexpr bool truncated() const noexcept {
        return bytes_.size() - header_length < payload_length_in_effect();
    }

    // --- the extension-header chain ---
    [[nodiscard]] constexpr ipv6_extension_header_range extension_headers() const noexcept {
        return ipv6_extension_header_range(payload(), payload_length_in_effect(),
                                           detail::load_u8(bytes_, field::next_header));
    }
    // One walk of the chain: the upper layer, fragment and routing headers,
    // home address, final destination and where and why the walk stopped.
    [[nodiscard]] constexpr ipv6_chain_summary chain_summary() const noexcept {
        const bytes_view p = payload();
        return ipv6_chain_summary(bytes_.first(header_length + p.size()), extension_headers());
    }
    // The protocol after the chain (chain_summary().upper_layer_protocol()):
    // tcp, udp, esp, ipv6_no_next, any unknown value, or for a non-first
    // fragment the fragment header's next header. If the walk stopped on an
    // error, the type of the header it stopped at, which is never a transport:
    // check chain_summary().error().
    [[nodiscard]] constexpr ip_protocol upper_layer_protocol() const noexcept {
        return chain_summary().upper_layer_protocol();
    }
    // The bytes from where upper_layer_protocol() begins to the end of the
    // payload (cut to the capture): a transport header, ESP, the ignored bytes
    // after No Next Header, the data of a non-first fragment, or the header the
    // walk stopped at.
    [[nodiscard]] constexpr bytes_view upper_layer_payload() const noexcept {
        return chain_summary().upper_layer_payload();
    }

    // The first routing header of the chain, if the walk reaches one.
    [[nodiscard]] constexpr std::optional<ipv6_routing_header> routing_header() const noexcept {
        return chain_summary().routing_header();
    }
    [[nodiscard]] constexpr std::optional<ipv6_fragment_header> fragment_header() const noexcept {
        return chain_summary().fragment_header();
    }
    // The fragment header's fields; 0, false and 0 without one.
    [[nodiscard]] constexpr std::uint16_t fragment_offset() const noexcept {
        const auto f = fragment_header();
        return f ? f->fragment_offset() : std::uint16_t{0};
    }
    [[nodiscard]] constexpr bool more_fragments() const noexcept {
        const auto f = fragment_header();
        return f && f->more_fragments();
    }
    [[nodiscard]] constexpr std::uint32_t identification() const noexcept {
        const auto f = fragment_header();
        return f ? f->identification() : 0;
    }
    // A piece of a larger packet: a fragment header with M set or a non-zero
    // offset. An atomic fragment (offset 0, M clear) is NOT a fragment: RFC
    // 6946 section 4 has it processed alone, never reassembled with others.
    [[nodiscard]] constexpr bool is_fragment() const noexcept { return chain_summary().is_fragment(); }
    // The fragment that starts the packet (offset 0, M set): it carries the
    // upper-layer header. False for an atomic fragment, as for an unfragmented
    // packet, so is_first_fragment() implies is_fragment() as in ipv4_packet_view.
    [[nodiscard]] constexpr bool is_first_fragment() const noexcept {
        const auto f = fragment_header();
        return f && f->more_fragments() && f->fragment_offset() == 0;
    }
    // A fragment header with offset 0 and M clear (RFC 6946): a whole packet.
    [[nodiscard]] constexpr bool is_atomic_fragment() const noexcept {
        const auto f = fragment_header();
        return f && f->is_atomic();
    }

    // The first Home Address option (RFC 6275 section 6.3) of the chain's
    // destination options headers; one whose data is not 16 bytes is ignored.
    [[nodiscard]] constexpr std::optional<ipv6_address> home_address() const noexcept {
        return chain_summary().home_address();
    }
    // Where the packet finally goes: the routing header's final destination
    // while segments are left, else destination().
    [[nodiscard]] constexpr ipv6_address final_destination() const noexcept {
        return chain_summary().final_destination();
    }
    // RFC 8200 section 8.1 pseudo-header as a checksum_add sum: source (the home
    // address when the option is there, RFC 6275 section 6.3), final
    // destination, 32-bit upper-layer length, next header = upper_layer_protocol().
    // One chain walk (ipv6_chain_summary::pseudo_header_sum).
    [[nodiscard]] constexpr std::uint64_t pseudo_header_sum(std::uint32_t upper_layer_length) const noexcept {
        return chain_summary().pseudo_header_sum(upper_layer_length);
    }

private:
    friend class ip_packet_view;
    struct field { // RFC 8200 section 3
        static constexpr std::size_t version_class = 0, payload_length = 4, next_header = 6, hop_limit = 7;
        static constexpr std::size_t source = 8, destination = 24, end = 40;
    };
    static_assert(field::end == header_length);

    constexpr explicit ipv6_packet_view(bytes_view b) noexcept : bytes_(b) {}

    // Size of the hop-by-hop header right after the fixed header (b holds its length byte).
    static constexpr std::size_t hop_by_hop_length(bytes_view b) noexcept {
        return (std::size_t{detail::load_u8(b, header_length + 1)} + 1) * 8;
    }
    // The jumbo payload option of a first hop-by-hop header that b holds whole.
    static constexpr std::optional<std::uint32_t> find_jumbo(bytes_view b) noexcept {
        if (detail::load_u8(b, field::next_header) != static_cast<std::uint8_t>(ip_protocol::ipv6_hop_by_hop) ||
            b.size() < header_length + 2 || b.size() < header_length + hop_by_hop_length(b))
            return std::nullopt;
        const auto o = ipv6_option_range(b.subspan(header_length + 2, hop_by_hop_length(b) - 2))
                           .find(ipv6_option_type::jumbo_payload);
        if (!o || o->data_length() != 4) return std::nullopt; // RFC 2675 section 2: Opt Data Len 4
        return detail::load_be32(o->data(), 0);
    }

    bytes_view bytes_;
};

} // namespace ipwire
