// decoded_packet: what decode (<ipwire/decode.hpp>) read, held as offsets and
// lengths into the frame and handed out as views by value. Each view is
// rebuilt on demand by its parse, which checks in O(1) what the walk already
// checked, so every accessor agrees with the walk and none can disagree with
// another: there is one record per fact.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "ipwire/detail/decode_types.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/ethernet.hpp"
#include "ipwire/wire/icmp.hpp"
#include "ipwire/wire/ip.hpp"
#include "ipwire/wire/link.hpp"
#include "ipwire/wire/link_type.hpp"
#include "ipwire/wire/tcp.hpp"
#include "ipwire/wire/udp.hpp"

namespace ipwire {

class flow_key; // <ipwire/flow.hpp>, which also defines decoded_packet::flow()

namespace detail::decoding {

class walker;

// A part of the frame: offset from its start and length, in bytes. 32 bits
// each, since decode reads at most the first 4 GiB - 1 of a frame.
struct frame_span {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

enum class transport_kind : std::uint8_t { none, tcp, udp, icmpv4, icmpv6 };

// LINKTYPE values read beside the named ones: DLT_RAW as most systems number
// it (12; OpenBSD uses 14), which files written without libpcap's mapping to
// LINKTYPE_RAW (101) carry, and LINKTYPE_LOOP (108), the BSD loopback header
// in network byte order that null_loopback_view also reads.
inline constexpr std::uint16_t dlt_raw = 12;
inline constexpr std::uint16_t dlt_raw_openbsd = 14;
inline constexpr std::uint16_t linktype_loop = 108;

// A view of bytes its parse already accepted (a namespace-scope template:
// clang 14 cannot evaluate a member template defined below its caller).
template <class View>
[[nodiscard]] constexpr std::optional<View> reparse(bytes_view b) noexcept {
    const auto r = View::parse(b);
    if (!r) return std::nullopt; // never: the walk parsed these very bytes
    return *r;
}

} // namespace detail::decoding

// Every layer decode read, as views into the frame it was given (so the frame
// must outlive it). Trivially copyable, no allocation, at most 128 bytes.
class decoded_packet {
public:
    // IP layers kept: the outer packet and up to three tunnelled ones. A
    // fifth IP header stops the walk with errc::nesting_too_deep.
    static constexpr std::size_t max_ip_layers = 4;
    // Each tunnel leads into another IP layer or ends the walk.
    static constexpr std::size_t max_tunnels = max_ip_layers;
    // Anomalies past the fourth are not kept.
    static constexpr std::size_t max_anomalies = 4;

    using ip_layer_list = detail::bounded_list<ip_packet_view, max_ip_layers>;
    using tunnel_list = detail::bounded_list<tunnel_layer, max_tunnels>;
    using anomaly_list = detail::bounded_list<decode_anomaly, max_anomalies>;

    // The result of decoding nothing: no layer, stop() == error with no error().
    // Only decode makes a meaningful one.
    constexpr decoded_packet() noexcept = default;

    // --- link layer: the view of the link type's header, if it was read ---
    [[nodiscard]] constexpr ipwire::link_type link_type() const noexcept { return link_type_; }
    [[nodiscard]] constexpr std::optional<ethernet_frame_view> ethernet() const noexcept {
        return link_read_ && link_type_ == ipwire::link_type::ethernet
                   ? detail::decoding::reparse<ethernet_frame_view>(frame())
                   : std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<linux_sll_view> linux_sll() const noexcept {
        return link_read_ && link_type_ == ipwire::link_type::linux_sll
                   ? detail::decoding::reparse<linux_sll_view>(frame())
                   : std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<linux_sll2_view> linux_sll2() const noexcept {
        return link_read_ && link_type_ == ipwire::link_type::linux_sll2
                   ? detail::decoding::reparse<linux_sll2_view>(frame())
                   : std::nullopt;
    }
    // link_type::null and LINKTYPE_LOOP (108).
    [[nodiscard]] constexpr std::optional<null_loopback_view> null_loopback() const noexcept {
        const bool loopback = link_type_ == ipwire::link_type::null ||
                              static_cast<std::uint16_t>(link_type_) == detail::decoding::linktype_loop;
        return link_read_ && loopback ? detail::decoding::reparse<null_loopback_view>(frame()) : std::nullopt;
    }
    // What the link header says follows (after any VLAN tags); empty for the
    // raw IP link types, which have no link header.
    [[nodiscard]] constexpr std::optional<ipwire::ether_type> ether_type() const noexcept {
        if (!link_read_) return std::nullopt;
        return static_cast<ipwire::ether_type>(ether_type_);
    }

    // --- network layer ---
    // The innermost IP packet read: the one whose protocol led to the
    // transport, or where the walk ended.
    [[nodiscard]] constexpr std::optional<ip_packet_view> ip() const noexcept {
        if (ip_count_ == 0) return std::nullopt;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): 0 < ip_count_ <= max_ip_layers
        const span last = ip_[ip_count_ - 1U];
        return detail::decoding::reparse<ip_packet_view>(at(last));
    }
    // The IP packet carrying the others: the first of ip_layers().
    [[nodiscard]] constexpr std::optional<ip_packet_view> outer_ip() const noexcept {
        if (ip_count_ == 0) return std::nullopt;
        return detail::decoding::reparse<ip_packet_view>(at(ip_[0]));
    }
    // Every IP packet read, outermost first (a copy: it may outlive *this,
    // not the frame). The last one is *ip().
    [[nodiscard]] constexpr ip_layer_list ip_layers() const noexcept {
        ip_layer_list layers;
        for (std::size_t i = 0; i < ip_count_; ++i)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): ip_count_ <= max_ip_layers
            if (const auto v = detail::decoding::reparse<ip_packet_view>(at(ip_[i]))) layers.push_back(*v);
        return layers;
    }
    // decode walked into at least one encapsulation (tunnels() is not empty).
    [[nodiscard]] constexpr bool is_tunnelled() const noexcept { return tunnel_count_ != 0; }
    // The encapsulations walked, outermost first: IP in IP, GRE, VXLAN, Geneve.
    [[nodiscard]] constexpr tunnel_list tunnels() const noexcept {
        tunnel_list list;
        for (std::size_t i = 0; i < tunnel_count_; ++i) {
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): tunnel_count_ <= max_tunnels
            const std::uint32_t offset = tunnel_offset_[i];
            list.push_back(tunnel_layer{static_cast<tunnel_kind>((tunnel_kinds_ >> (4 * i)) & 0xFU), offset});
        }
        return list;
    }

    // --- transport layer: at most one of tcp(), udp(), icmp() is set ---
    [[nodiscard]] constexpr std::optional<tcp_segment_view> tcp() const noexcept {
        if (transport_kind_ != detail::decoding::transport_kind::tcp) return std::nullopt;
        return detail::decoding::reparse<tcp_segment_view>(at(transport_));
    }
    [[nodiscard]] constexpr std::optional<udp_datagram_view> udp() const noexcept {
        if (transport_kind_ != detail::decoding::transport_kind::udp) return std::nullopt;
        return detail::decoding::reparse<udp_datagram_view>(at(transport_));
    }
    // ICMP or ICMPv6 of the innermost IP packet.
    [[nodiscard]] constexpr std::optional<icmp_message_view> icmp() const noexcept {
        if (transport_kind_ == detail::decoding::transport_kind::icmpv4) {
            if (const auto m = detail::decoding::reparse<icmpv4_message_view>(at(transport_)))
                return icmp_message_view(*m);
        } else if (transport_kind_ == detail::decoding::transport_kind::icmpv6) {
            if (const auto m = detail::decoding::reparse<icmpv6_message_view>(at(transport_)))
                return icmp_message_view(*m);
        }
        return std::nullopt;
    }
    // The packet an ICMP error quotes (RFC 792, RFC 4443 section 2.4), read as
    // far as it goes; never taken for this packet's own IP or transport.
    [[nodiscard]] constexpr std::optional<ip_packet_view> icmp_quoted_ip() const noexcept {
        const auto m = icmp();
        if (!m || !m->is_error()) return std::nullopt;
        const auto q = m->quoted_packet();
        if (!q) return std::nullopt;
        return *q;
    }
    // The ports of the flow the ICMP error is about (TCP, UDP, UDP-Lite, SCTP quotes).
    [[nodiscard]] constexpr std::optional<ipwire::icmp_quoted_ports> icmp_quoted_ports() const noexcept {
        const auto q = icmp_quoted_ip();
        if (!q) return std::nullopt;
        return quoted_ports(*q);
    }

    // The application data (the TCP or UDP payload) or, when the walk stopped
    // earlier, the payload of the deepest layer read (see decode_stop). On an
    // error, it starts at error()->offset: the bytes decode could not read.
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return at(payload_); }
    [[nodiscard]] constexpr decode_stop stop() const noexcept { return stop_; }
    // Set exactly when stop() == decode_stop::error (but for a default packet).
    [[nodiscard]] constexpr std::optional<decode_error> error() const noexcept {
        if (error_layer_ == decode_layer{}) return std::nullopt;
        return decode_error{error_layer_, error_code_, error_offset_};
    }
    // Why an IP packet is cut short, when one is: the capture's snap length
    // or its own length field (which only decode of a capture_record, knowing
    // the wire length, can always tell).
    [[nodiscard]] constexpr decode_truncation truncation() const noexcept { return truncation_; }
    // Faults the walk read past, in the order met (at most max_anomalies):
    // - ip, bad_option_length: an IPv4 option list (offset: the options) or
    //   an IPv6 hop-by-hop or destination options list (offset: its header)
    //   whose walk broke; the header is still framed by its length;
    // - ip, bad_total_length / bad_payload_length: see decode_truncation::length_field;
    // - tcp, bad_option_length: the TCP option list's walk broke (offset: the options);
    // - udp, bad_length: a UDP length beyond the whole IP payload (offset: the UDP header);
    // - icmp, truncated: an ICMP or ICMPv6 message under 8 bytes (icmp() is empty).
    // Checksums are not checked (header_checksum_valid(), checksum_valid()):
    // tshark does not by default, offloading NICs leave them unset in
    // captures of sent packets, and they would cost every packet a pass.
    [[nodiscard]] constexpr anomaly_list anomalies() const noexcept {
        anomaly_list list;
        for (std::size_t i = 0; i < anomaly_count_; ++i)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): anomaly_count_ <= max_anomalies
            list.push_back(decode_anomaly{anomaly_layer_[i], anomaly_code_[i], anomaly_offset_[i]});
        return list;
    }

    // The transport endpoints of the innermost IP packet with its TCP or UDP
    // ports; nullopt when no TCP or UDP header was read.
    [[nodiscard]] constexpr std::optional<endpoint> source() const noexcept {
        const auto i = ip();
        if (!i) return std::nullopt;
        if (const auto t = tcp()) return endpoint(i->source(), t->source_port());
        if (const auto u = udp()) return endpoint(i->source(), u->source_port());
        return std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<endpoint> destination() const noexcept {
        const auto i = ip();
        if (!i) return std::nullopt;
        if (const auto t = tcp()) return endpoint(i->destination(), t->destination_port());
        if (const auto u = udp()) return endpoint(i->destination(), u->destination_port());
        return std::nullopt;
    }
    // Defined in <ipwire/flow.hpp>.
    [[nodiscard]] constexpr std::optional<flow_key> flow() const noexcept;

private:
    friend class detail::decoding::walker;
    using span = detail::decoding::frame_span;
    [[nodiscard]] constexpr bytes_view frame() const noexcept { return {frame_, frame_length_}; }
    [[nodiscard]] constexpr bytes_view at(span s) const noexcept { return {frame_ + s.offset, s.length}; }

    const std::uint8_t* frame_ = nullptr;
    std::uint32_t frame_length_ = 0;
    std::uint32_t error_offset_ = 0;
    std::array<span, max_ip_layers> ip_{};
    span transport_{};
    span payload_{};
    std::array<std::uint32_t, max_tunnels> tunnel_offset_{};
    std::array<std::uint32_t, max_anomalies> anomaly_offset_{};
    std::array<decode_layer, max_anomalies> anomaly_layer_{};
    std::array<errc, max_anomalies> anomaly_code_{};
    ipwire::link_type link_type_{};
    std::uint16_t ether_type_ = 0;
    std::uint16_t tunnel_kinds_ = 0; // four bits a tunnel, the first lowest
    decode_layer error_layer_{};     // decode_layer{} (0): no error
    errc error_code_{};
    decode_stop stop_ = decode_stop::error;
    detail::decoding::transport_kind transport_kind_ = detail::decoding::transport_kind::none;
    std::uint8_t ip_count_ = 0;
    std::uint8_t tunnel_count_ = 0;
    std::uint8_t anomaly_count_ = 0;
    decode_truncation truncation_ = decode_truncation::none;
    bool link_read_ = false; // the link type's header was parsed (and ether_type_ set)
};

} // namespace ipwire
