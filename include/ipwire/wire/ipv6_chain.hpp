// ipv6_chain_summary: what one walk of an IPv6 extension-header chain (RFC 8200
// section 4) found, beside the raw chain (the smoltcp Packet / Repr split):
// the upper-layer protocol and where it begins, the fragment header, the
// routing header and the final destination it names, the Home Address option
// (RFC 6275 section 6.3), and where and why the walk stopped. Every chain
// accessor of ipv6_packet_view, ip_packet_view and the checksums reads it, so
// reading several of them costs one walk when the summary is kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string_view>

#include "ipwire/detail/text_value.hpp"
#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ipv6_extension.hpp"

namespace ipwire {

// Why the walk of a chain ended.
enum class ipv6_chain_stop : std::uint8_t {
    upper_layer,        // at a protocol that is no extension header: TCP, UDP, ESP, No Next Header, unknown
    non_first_fragment, // after a fragment header with a non-zero offset: fragment data follows
    error,              // at a malformed, cut or one-too-many header: error() says which
};

// "upper layer", "non-first fragment", "error"; empty for any other value.
[[nodiscard]] constexpr std::string_view to_string(ipv6_chain_stop s) noexcept {
    switch (s) {
    case ipv6_chain_stop::upper_layer: return "upper layer";
    case ipv6_chain_stop::non_first_fragment: return "non-first fragment";
    case ipv6_chain_stop::error: return "error";
    }
    return "";
}

namespace detail { // formattable by format.hpp, fmt.hpp and ostream.hpp
template <>
inline constexpr bool is_text_enum<ipv6_chain_stop> = true;
} // namespace detail

class ipv6_packet_view;

// Made by ipv6_packet_view::chain_summary(), by one walk of
// ipv6_extension_header_iterator (whose rules say when the walk stops). It
// holds the packet's span and offsets into it (40 bytes on 64-bit targets).
class ipv6_chain_summary {
public:
    // The summary of nothing: no headers, protocol 0, stopped at offset 0;
    // final_destination() and pseudo_header_sum() must not be called on it.
    constexpr ipv6_chain_summary() noexcept = default;

    // The protocol after the chain: tcp, udp, esp, ipv6_no_next, any unknown
    // value, or for a non-first fragment the fragment header's next header.
    // After an error, the type of the header the walk stopped at.
    [[nodiscard]] constexpr ip_protocol upper_layer_protocol() const noexcept {
        return static_cast<ip_protocol>(protocol_);
    }
    // Where upper_layer_protocol() begins, from the start of the payload
    // (after the 40-byte header); after an error, the offset of the bad header.
    [[nodiscard]] constexpr std::size_t upper_layer_offset() const noexcept { return upper_offset_; }
    // From upper_layer_offset() to the end of the payload (cut to the capture).
    [[nodiscard]] constexpr bytes_view upper_layer_payload() const noexcept {
        if (packet_.size() < fixed_header) return {};
        return packet_.subspan(fixed_header + upper_offset_);
    }
    [[nodiscard]] constexpr ipv6_chain_stop stop() const noexcept { return stop_; }
    // errc{} unless the walk stopped at a bad header: bad_extension_header,
    // truncated or too_many_extension_headers (ipv6_extension_header_iterator).
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    // Extension headers walked (the one the walk stopped at not counted).
    [[nodiscard]] constexpr std::size_t header_count() const noexcept { return count_; }

    // The fragment header, if the walk reached one (RFC 8200 section 4.5).
    [[nodiscard]] constexpr std::optional<ipv6_fragment_header> fragment_header() const noexcept {
        if (fragment_at_ == none) return std::nullopt;
        return ipv6_fragment_header(packet_.subspan(fixed_header + fragment_at_, 8));
    }
    // A piece of a larger packet: a fragment header with M set or a non-zero
    // offset. An atomic fragment (RFC 6946) is not one.
    [[nodiscard]] constexpr bool is_fragment() const noexcept {
        const auto f = fragment_header();
        return f && !f->is_atomic();
    }
    // The routing header, if the walk reached one (RFC 8200 section 4.4).
    [[nodiscard]] constexpr std::optional<ipv6_routing_header> routing_header() const noexcept {
        if (routing_at_ == none) return std::nullopt;
        return ipv6_routing_header(packet_.subspan(fixed_header + routing_at_, routing_length_));
    }
    // The first Home Address option of the chain's destination options
    // headers, if its data is 16 bytes (RFC 6275 section 6.3).
    [[nodiscard]] constexpr std::optional<ipv6_address> home_address() const noexcept {
        if (home_at_ == none) return std::nullopt;
        return detail::load_ipv6_address(packet_, fixed_header + home_at_);
    }
    // Where the packet finally goes (RFC 8200 section 8.1): the routing
    // header's final destination while segments are left, else the header's
    // destination.
    [[nodiscard]] constexpr ipv6_address final_destination() const noexcept {
        const auto r = routing_header();
        const auto d = r ? r->final_destination() : std::nullopt;
        return d ? *d : detail::load_ipv6_address(packet_, destination_field);
    }
    // The RFC 8200 section 8.1 pseudo-header as a checksum_add sum: source (the
    // home address when the option is there, RFC 6275 section 6.3), final
    // destination, 32-bit upper-layer length, next header = upper_layer_protocol().
    [[nodiscard]] constexpr std::uint64_t pseudo_header_sum(std::uint32_t upper_layer_length) const noexcept {
        std::uint64_t sum = home_at_ == none ? checksum_add(0, packet_.subspan(source_field, 16))
                                             : checksum_add(0, packet_.subspan(fixed_header + home_at_, 16));
        sum = checksum_add(sum, bytes_view(final_destination().to_bytes()));
        sum = checksum_add(sum, static_cast<std::uint16_t>(upper_layer_length >> 16U));
        sum = checksum_add(sum, static_cast<std::uint16_t>(upper_layer_length & 0xFFFFU));
        return checksum_add(sum, static_cast<std::uint16_t>(protocol_));
    }

private:
    friend class ipv6_packet_view;
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::size_t fixed_header = 40, source_field = 8, destination_field = 24;

    // `packet`: the fixed header and the payload as ipv6_packet_view::payload()
    // cuts it; `chain` walks that payload.
    constexpr ipv6_chain_summary(bytes_view packet, const ipv6_extension_header_range& chain) noexcept
        : packet_(packet) {
        auto it = chain.begin();
        for (; it != std::default_sentinel; ++it) {
            const ipv6_extension_header h = *it;
            const auto at = static_cast<std::uint32_t>(it.offset());
            ++count_;
            switch (h.type()) {
            case ip_protocol::ipv6_fragment:
                fragment_at_ = at; // a second one stops the walk (the iterator's repeat rule)
                break;
            case ip_protocol::ipv6_routing:
                routing_at_ = at;
                routing_length_ = static_cast<std::uint16_t>(h.length());
                break;
            case ip_protocol::ipv6_destination:
                if (home_at_ != none) break;
                for (auto o = h.options().begin(); o != std::default_sentinel; ++o)
                    if ((*o).type() == ipv6_option_type::home_address && o.data_length() == 16) {
                        home_at_ = static_cast<std::uint32_t>(at + 2 + o.offset() + 2);
                        break;
                    }
                break;
            default: break;
            }
        }
        protocol_ = static_cast<std::uint8_t>(it.protocol());
        upper_offset_ = static_cast<std::uint32_t>(it.offset());
        error_ = it.error();
        const auto f = fragment_header();
        stop_ = error_ != errc{}                 ? ipv6_chain_stop::error
                : f && f->fragment_offset() != 0 ? ipv6_chain_stop::non_first_fragment
                                                 : ipv6_chain_stop::upper_layer;
    }

    bytes_view packet_;
    std::uint32_t upper_offset_ = 0;
    std::uint32_t fragment_at_ = none; // offsets in the payload
    std::uint32_t routing_at_ = none;
    std::uint32_t home_at_ = none; // the option's 16 data bytes
    std::uint16_t routing_length_ = 0;
    std::uint8_t protocol_ = 0;
    std::uint8_t count_ = 0;
    errc error_{};
    ipv6_chain_stop stop_ = ipv6_chain_stop::upper_layer;
};

} // namespace ipwire
