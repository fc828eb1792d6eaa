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
#include "ipwire/wire/icmp.hpp"
#include "ipwire/wire/ip.hpp"
#include "ipwire/wire/ipv6.hpp"
#include "ipwire/wire/ipv6_chain.hpp"
#include "ipwire/wire/link.hpp"
#include "ipwire/wire/link_type.hpp"
#include "ipwire/wire/tcp.hpp"
#include "ipwire/wire/tunnel.hpp"
#include "ipwire/wire/udp.hpp"

namespace ipwire::detail::decoding {

// The largest frame decode reads: its offsets are 32-bit.
inline constexpr std::size_t max_frame_length = 0xFFFFFFFFU;

// The walk's state: the frame (for offsets), what to follow, the wire
// length if known, and the packet being filled.
class walker {
public:
    // `wire_length`: the frame's length on the wire, 0 when unknown.
    constexpr walker(bytes_view frame, link_type type, const decode_options& options, std::size_t wire_length,
                     decoded_packet& packet) noexcept
        : frame_(frame.size() > max_frame_length ? frame.first(max_frame_length) : frame), options_(options),
          wire_length_(wire_length), packet_(packet) {
        packet_.link_type_ = type;
        packet_.frame_ = frame.data();
        packet_.frame_length_ = static_cast<std::uint32_t>(frame_.size());
    }

    constexpr void run() noexcept {
        const auto type = static_cast<std::uint16_t>(packet_.link_type_);
        switch (packet_.link_type_) {
        case link_type::ethernet: return ethernet(frame_, true);
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
    // A fault read past; kept while there is room.
    constexpr void anomaly(decode_layer layer, errc code, std::size_t offset) noexcept {
        const std::size_t i = packet_.anomaly_count_;
        if (i == decoded_packet::max_anomalies) return;
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < max_anomalies, checked above
        packet_.anomaly_layer_[i] = layer;
        packet_.anomaly_code_[i] = code;
        packet_.anomaly_offset_[i] = static_cast<std::uint32_t>(offset);
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        ++packet_.anomaly_count_;
    }
    constexpr void tunnel(tunnel_kind kind, bytes_view at) noexcept {
        const std::size_t i = packet_.tunnel_count_;
        if (i == decoded_packet::max_tunnels) return; // never: one tunnel per IP layer at most
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < max_tunnels, checked above
        packet_.tunnel_kinds_ =
            static_cast<std::uint16_t>(packet_.tunnel_kinds_ | static_cast<unsigned>(kind) << (4 * i));
        packet_.tunnel_offset_[i] = offset_of(at);
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        ++packet_.tunnel_count_;
    }
    constexpr void transport(transport_kind kind, bytes_view at) noexcept {
        packet_.transport_kind_ = kind;
        packet_.transport_ = span_of(at);
    }

    constexpr void loopback() noexcept {
        const auto r = null_loopback_view::parse(frame_);
        if (!r) return fail(decode_layer::link, r.error(), frame_);
        return link(r->ether_type(), r->payload(), false);
    }

    // The frame's own link header (outer) or one a tunnel carries.
    constexpr void ethernet(bytes_view bytes, bool outer) noexcept {
        const auto r = ethernet_frame_view::parse(bytes);
        if (!r) return fail(decode_layer::link, r.error(), bytes);
        // An 802.3 length field is no EtherType: ether_type() stays the raw
        // value and the frame is not IP.
        if (outer) return link(r->ether_type(), r->payload(), r->is_length_field());
        return inner(r->is_length_field() ? ipwire::ether_type{} : r->ether_type(), r->payload(), decode_stop::not_ip);
    }

    constexpr void link(ipwire::ether_type type, bytes_view payload, bool length_field) noexcept {
        packet_.link_read_ = true;
        packet_.ether_type_ = static_cast<std::uint16_t>(type);
        inner(length_field ? ipwire::ether_type{} : type, payload, decode_stop::not_ip);
    }

    // What an EtherType (of a link header, or GRE's or Geneve's protocol
    // type) leads to; `otherwise` is how the walk ends on anything else.
    constexpr void inner(ipwire::ether_type type, bytes_view payload, decode_stop otherwise) noexcept {
        if (type == ipwire::ether_type::ipv4) return network(payload, 4);
        if (type == ipwire::ether_type::ipv6) return network(payload, 6);
        if (static_cast<std::uint16_t>(type) == transparent_ethernet_bridging && otherwise != decode_stop::not_ip)
            return ethernet(payload, false);
        finish(otherwise, payload);
    }

    // Why an IP packet holds fewer bytes than its length says (see
    // decode_truncation). Inside a whole IP packet the carrier's own length
    // ended it; otherwise the capture did, and only the wire length can say
    // whether the packet was that long.
    constexpr void check_length(const ip_packet_view& ip, bytes_view bytes) noexcept {
        const bool carrier_whole = inside_whole_ip_;
        inside_whole_ip_ = !ip.truncated();
        if (!ip.truncated()) return;
        const std::size_t start = offset_of(bytes);
        const std::size_t declared = ip.is_v4() ? std::size_t{ip.v4().total_length()}
                                                : ipv6_packet_view::header_length + ip.v6().payload_length_in_effect();
        decode_truncation t = decode_truncation::length_field;
        if (!carrier_whole) {
            if (wire_length_ == 0)
                t = decode_truncation::unknown;
            else if (start + declared <= wire_length_)
                t = decode_truncation::snap_length;
        }
        if (t == decode_truncation::length_field)
            anomaly(decode_layer::ip, ip.is_v4() ? errc::bad_total_length : errc::bad_payload_length, start);
        if (t > packet_.truncation_) packet_.truncation_ = t;
    }

    // One IP layer and what it carries; `version` is what the layer below
    // announced (0: either, told by the version nibble).
    constexpr void network(bytes_view bytes, unsigned version) noexcept {
        if (packet_.ip_count_ == decoded_packet::max_ip_layers)
            return fail(decode_layer::ip, errc::nesting_too_deep, bytes);
        // The layer below said which version; a packet of the other one is
        // not read as what it claims to be.
        if (version != 0 && !bytes.empty() && (bytes[0] >> 4U) != version)
            return fail(decode_layer::ip, errc::bad_version, bytes);
        const auto r = ip_packet_view::parse(bytes);
        if (!r) return fail(decode_layer::ip, r.error(), bytes);
        const ip_packet_view ip = *r;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): ip_count_ < max_ip_layers, checked above
        packet_.ip_[packet_.ip_count_++] = span_of(bytes);
        // A transport read for an outer layer is not this one's.
        packet_.transport_kind_ = transport_kind::none;
        check_length(ip, bytes);

        ip_protocol protocol{};
        bytes_view upper;
        bool later_fragment = false;
        if (ip.is_v4()) {
            // After an AH (RFC 4302), as the IPv6 chain.
            const ipv4_packet_view v4 = ip.v4();
            if (v4.header_length() > ipv4_packet_view::min_header_length && v4.options().error() != errc{})
                anomaly(decode_layer::ip, errc::bad_option_length,
                        offset_of(bytes) + ipv4_packet_view::min_header_length);
            const detail::ipv4_upper_layer u = v4.upper_layer();
            upper = v4.payload().subspan(u.offset);
            if (u.error != errc{}) return fail(decode_layer::ip, u.error, upper);
            protocol = u.protocol;
            later_fragment = v4.fragment_offset() != 0;
        } else {
            // One walk of the chain (ipv6_chain_summary).
            const ipv6_packet_view v6 = ip.v6();
            const ipv6_chain_summary chain = v6.chain_summary();
            if (chain.header_count() != 0) check_ipv6_options(v6);
            upper = v6.payload().subspan(chain.upper_layer_offset());
            if (chain.error() != errc{}) return fail(decode_layer::ip, chain.error(), upper);
            protocol = chain.upper_layer_protocol();
            later_fragment = chain.stop() == ipv6_chain_stop::non_first_fragment;
        }
        if (later_fragment) return finish(decode_stop::non_first_fragment, upper);

        switch (protocol) {
        case ip_protocol::ipv4: tunnel(tunnel_kind::ip_in_ip, upper); return network(upper, 4);
        case ip_protocol::ipv6: tunnel(tunnel_kind::ip_in_ip, upper); return network(upper, 6);
        case ip_protocol::tcp: return tcp(upper);
        case ip_protocol::udp: return udp(ip, upper);
        case ip_protocol::gre: return gre(upper);
        case ip_protocol::icmp:
            if (ip.is_v4()) return icmp(upper, transport_kind::icmpv4);
            break;
        case ip_protocol::icmpv6:
            if (ip.is_v6()) return icmp(upper, transport_kind::icmpv6);
            break;
        default: break;
        }
        finish(decode_stop::other_protocol, upper);
    }

    // Option lists of hop-by-hop and destination options headers: framed
    // by their header's length, so a broken walk stops nothing.
    constexpr void check_ipv6_options(const ipv6_packet_view& v6) noexcept {
        const bytes_view payload = v6.payload();
        for (auto it = v6.extension_headers().begin(); it != std::default_sentinel; ++it) {
            const ipv6_extension_header h = *it;
            if (h.type() != ip_protocol::ipv6_hop_by_hop && h.type() != ip_protocol::ipv6_destination) continue;
            if (h.options().error() != errc{})
                anomaly(decode_layer::ip, errc::bad_option_length, offset_of(payload.subspan(it.offset())));
        }
    }

    constexpr void tcp(bytes_view upper) noexcept {
        const auto t = tcp_segment_view::parse(upper);
        if (!t) return fail(decode_layer::tcp, t.error(), upper);
        transport(transport_kind::tcp, upper);
        if (t->header_length() > tcp_segment_view::min_header_length && t->options().error() != errc{})
            anomaly(decode_layer::tcp, errc::bad_option_length, offset_of(upper) + tcp_segment_view::min_header_length);
        finish(decode_stop::transport, t->payload());
    }

    constexpr void udp(const ip_packet_view& ip, bytes_view upper) noexcept {
        const auto u = udp_datagram_view::parse(upper);
        if (!u) return fail(decode_layer::udp, u.error(), upper);
        transport(transport_kind::udp, upper);
        // Longer than the IP payload that was all there: the length lies.
        if (u->truncated() && !ip.truncated()) anomaly(decode_layer::udp, errc::bad_length, offset_of(upper));
        const std::uint16_t port = u->destination_port().value();
        if (options_.follow_vxlan && port == options_.vxlan_port) return vxlan(u->payload());
        if (options_.follow_geneve && port == options_.geneve_port) return geneve(u->payload());
        finish(decode_stop::transport, u->payload());
    }

    // Not a template: clang 14 cannot call, in a constant expression, a member
    // template defined below its caller.
    constexpr void icmp(bytes_view upper, transport_kind kind) noexcept {
        // The message ends the walk either way: a cut one is an anomaly.
        const bool whole = kind == transport_kind::icmpv4 ? icmpv4_message_view::parse(upper).has_value()
                                                          : icmpv6_message_view::parse(upper).has_value();
        if (whole)
            transport(kind, upper);
        else
            anomaly(decode_layer::icmp, errc::truncated, offset_of(upper));
        finish(decode_stop::other_protocol, upper);
    }

    constexpr void gre(bytes_view upper) noexcept {
        // Version 1 is PPTP's enhanced GRE (RFC 2637), carrying PPP: not followed.
        if (upper.size() >= gre_view::min_header_length && (upper[1] & 0x07U) == 1)
            return finish(decode_stop::other_protocol, upper);
        const auto g = gre_view::parse(upper);
        if (!g) return fail(decode_layer::tunnel, g.error(), upper);
        tunnel(tunnel_kind::gre, upper);
        inner(g->protocol_type(), g->payload(), decode_stop::other_protocol);
    }

    constexpr void vxlan(bytes_view payload) noexcept {
        const auto v = vxlan_view::parse(payload);
        if (!v) return fail(decode_layer::tunnel, v.error(), payload);
        tunnel(tunnel_kind::vxlan, payload);
        ethernet(v->payload(), false);
    }

    constexpr void geneve(bytes_view payload) noexcept {
        const auto g = geneve_view::parse(payload);
        if (!g) return fail(decode_layer::tunnel, g.error(), payload);
        tunnel(tunnel_kind::geneve, payload);
        if (g->options().error() != errc{})
            anomaly(decode_layer::tunnel, errc::bad_option_length, offset_of(payload) + geneve_view::min_header_length);
        inner(g->protocol_type(), g->payload(), decode_stop::other_protocol);
    }

    bytes_view frame_;
    decode_options options_;
    std::size_t wire_length_;
    bool inside_whole_ip_ = false; // the last IP layer read holds all its length says
    decoded_packet& packet_;
};

} // namespace ipwire::detail::decoding
