// decode's walk: link -> network -> transport in one pass over the frame,
// filling a decoded_packet with offsets. See decode() in <ipwire/decode.hpp>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ipwire/detail/decode_packet.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/ethernet.hpp"
#include "ipwire/wire/ip.hpp"
#include "ipwire/wire/link.hpp"
#include "ipwire/wire/link_type.hpp"
#include "ipwire/wire/tcp.hpp"
#include "ipwire/wire/udp.hpp"

namespace ipwire::detail::decoding {

// The largest frame decode reads: its offsets are 32-bit.
inline constexpr std::size_t max_frame_length = 0xFFFFFFFFU;

// The walk's state: the frame (for offsets) and the packet being filled.
class walker {
public:
    constexpr walker(bytes_view frame, link_type type, decoded_packet& packet) noexcept
        : frame_(frame.size() > max_frame_length ? frame.first(max_frame_length) : frame), packet_(packet) {
        packet_.link_type_ = type;
        packet_.frame_ = frame.data();
        packet_.frame_length_ = static_cast<std::uint32_t>(frame_.size());
    }

    constexpr void run() noexcept {
        const auto type = static_cast<std::uint16_t>(packet_.link_type_);
        switch (packet_.link_type_) {
        case link_type::ethernet: {
            const auto r = ethernet_frame_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            // An 802.3 length field is no EtherType: ether_type() stays the
            // raw value and the frame is not IP.
            return link(r->ether_type(), r->payload(), r->is_length_field());
        }
        case link_type::linux_sll: {
            const auto r = linux_sll_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            return link(r->ether_type(), r->payload(), false);
        }
        case link_type::linux_sll2: {
            const auto r = linux_sll2_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            return link(r->ether_type(), r->payload(), false);
        }
        case link_type::null: return loopback();
        case link_type::raw: return network(frame_, 0);
        case link_type::ipv4: return network(frame_, 4);
        case link_type::ipv6: return network(frame_, 6);
        }
        if (type == linktype_loop) return loopback();
        if (type == dlt_raw || type == dlt_raw_openbsd) return network(frame_, 0);
        fail(decode_layer::link, errc::unsupported_link_type, frame_);
    }

private:
    [[nodiscard]] constexpr std::uint32_t offset_of(bytes_view part) const noexcept {
        return static_cast<std::uint32_t>(part.data() - frame_.data());
    }
    [[nodiscard]] constexpr frame_span span_of(bytes_view part) const noexcept {
        return {offset_of(part), static_cast<std::uint32_t>(part.size())};
    }
    // Stops on a fault in the header that `at` starts with.
    constexpr void fail(decode_layer layer, errc code, bytes_view at) noexcept {
        packet_.error_layer_ = layer;
        packet_.error_code_ = code;
        packet_.error_offset_ = offset_of(at);
        packet_.stop_ = decode_stop::error;
        packet_.payload_ = span_of(at);
    }
    constexpr void finish(decode_stop stop, bytes_view payload) noexcept {
        packet_.stop_ = stop;
        packet_.payload_ = span_of(payload);
    }
    constexpr void tunnel(tunnel_kind kind, bytes_view at) noexcept {
        if (packet_.tunnel_count_ == decoded_packet::max_tunnels) return; // the walk stops first: see network()
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): tunnel_count_ < max_tunnels, checked above
        packet_.tunnel_kind_[packet_.tunnel_count_] = kind;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): as above
        packet_.tunnel_offset_[packet_.tunnel_count_] = offset_of(at);
        ++packet_.tunnel_count_;
    }

    constexpr void loopback() noexcept {
        const auto r = null_loopback_view::parse(frame_);
        if (!r) return fail(decode_layer::link, r.error(), frame_);
        return link(r->ether_type(), r->payload(), false);
    }

    constexpr void link(ipwire::ether_type type, bytes_view payload, bool length_field) noexcept {
        packet_.link_read_ = true;
        packet_.ether_type_ = static_cast<std::uint16_t>(type);
        if (!length_field && type == ipwire::ether_type::ipv4) return network(payload, 4);
        if (!length_field && type == ipwire::ether_type::ipv6) return network(payload, 6);
        finish(decode_stop::not_ip, payload);
    }

    // IP layers, outermost first; `version` is what the layer below announced
    // (0: either, told by the version nibble).
    constexpr void network(bytes_view bytes, unsigned version) noexcept {
        for (;;) {
            if (packet_.ip_count_ == decoded_packet::max_ip_layers)
                return fail(decode_layer::ip, errc::nesting_too_deep, bytes);
            // The layer below said which version; a packet of the other one is
            // not read as what it claims to be.
            if (version != 0 && !bytes.empty() && (bytes[0] >> 4U) != version)
                return fail(decode_layer::ip, errc::bad_version, bytes);
            const auto r = ip_packet_view::parse(bytes);
            if (!r) return fail(decode_layer::ip, r.error(), bytes);
            const ip_packet_view ip = *r;
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): ip_count_ < max_ip_layers, checked at the top of the loop
            packet_.ip_[packet_.ip_count_++] = span_of(bytes);

            ip_protocol protocol{};
            bytes_view upper;
            bool later_fragment = false;
            if (ip.is_v4()) {
                // After an AH (RFC 4302), as the IPv6 chain walk below.
                const ipv4_packet_view v4 = ip.v4();
                const detail::ipv4_upper_layer u = v4.upper_layer();
                upper = v4.payload().subspan(u.offset);
                if (u.error != errc{}) return fail(decode_layer::ip, u.error, upper);
                protocol = u.protocol;
                later_fragment = v4.fragment_offset() != 0;
            } else {
                // One walk of the chain (the view's accessors would each walk it again).
                const ipv6_packet_view v6 = ip.v6();
                auto it = v6.extension_headers().begin();
                for (; it != std::default_sentinel; ++it)
                    if (const auto f = (*it).fragment()) later_fragment = f->fragment_offset() != 0;
                upper = v6.payload().subspan(it.offset());
                if (it.error() != errc{}) return fail(decode_layer::ip, it.error(), upper);
                protocol = it.protocol();
            }
            if (later_fragment) return finish(decode_stop::non_first_fragment, upper);

            switch (protocol) {
            case ip_protocol::ipv4:
                version = 4;
                tunnel(tunnel_kind::ip_in_ip, upper);
                break;
            case ip_protocol::ipv6:
                version = 6;
                tunnel(tunnel_kind::ip_in_ip, upper);
                break;
            case ip_protocol::tcp: {
                const auto t = tcp_segment_view::parse(upper);
                if (!t) return fail(decode_layer::tcp, t.error(), upper);
                packet_.transport_kind_ = transport_kind::tcp;
                packet_.transport_ = span_of(upper);
                return finish(decode_stop::transport, t->payload());
            }
            case ip_protocol::udp: {
                const auto u = udp_datagram_view::parse(upper);
                if (!u) return fail(decode_layer::udp, u.error(), upper);
                packet_.transport_kind_ = transport_kind::udp;
                packet_.transport_ = span_of(upper);
                return finish(decode_stop::transport, u->payload());
            }
            default: return finish(decode_stop::other_protocol, upper);
            }
            bytes = upper;
        }
    }

    bytes_view frame_;
    decoded_packet& packet_;
};

} // namespace ipwire::detail::decoding
