// decode: one captured frame walked link -> network -> transport the way a host
// demultiplexes it (EtherType to IP, IP protocol to TCP or UDP, ports left to
// the application), following IP-in-IP and IPv6 tunnels (RFC 2003, RFC 2473,
// RFC 4213). It never fails and never allocates: it keeps every layer it read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

#include "ipwire/endpoint.hpp"
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

namespace ipwire {

// The header decode was reading when it stopped on an error.
enum class decode_layer : std::uint8_t {
    link = 1, // Ethernet, Linux cooked, BSD loopback header, or the link type itself
    ip,       // an IPv4 or IPv6 header, extension header or IPv4 AH, outer or tunnelled
    tcp,
    udp,
};

[[nodiscard]] constexpr std::string_view to_string(decode_layer l) noexcept {
    switch (l) {
    case decode_layer::link: return "link";
    case decode_layer::ip: return "ip";
    case decode_layer::tcp: return "tcp";
    case decode_layer::udp: return "udp";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// Where and why decode had to stop.
struct decode_error {
    decode_layer layer{};
    errc code{};
    // Bytes from the start of the frame to the header that failed (for an
    // IPv6 extension header, that extension header).
    std::size_t offset = 0;

    friend constexpr bool operator==(const decode_error&, const decode_error&) noexcept = default;
};

// How the walk ended. Only `error` comes with a decode_error.
enum class decode_stop : std::uint8_t {
    transport,          // a TCP or UDP header was read; payload is its data
    not_ip,             // the link layer carries something else (ARP, LLDP, an 802.3 LLC frame,
                        // a fifth VLAN tag, an unknown loopback family): payload is the link payload
    other_protocol,     // the innermost IP packet carries neither TCP, UDP nor a tunnel (ICMP, GRE,
                        // ESP, No Next Header, ...): payload is its upper-layer payload
    non_first_fragment, // an IPv4 or IPv6 fragment at a non-zero offset has no transport header:
                        // payload is the fragment's data
    error,              // see decoded_packet::error
};

[[nodiscard]] constexpr std::string_view to_string(decode_stop s) noexcept {
    switch (s) {
    case decode_stop::transport: return "transport";
    case decode_stop::not_ip: return "not IP";
    case decode_stop::other_protocol: return "other protocol";
    case decode_stop::non_first_fragment: return "non-first fragment";
    case decode_stop::error: return "error";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// Every layer decode read, as views into the frame it was given (so the frame
// must outlive it). Trivially copyable, a few hundred bytes, no allocation.
struct decoded_packet {
    // IP layers kept: the outer packet and up to three tunnelled ones. A
    // fifth IP header stops the walk with errc::nesting_too_deep.
    static constexpr std::size_t max_ip_layers = 4;

    // --- link layer: the view of the link type's header, if it was read ---
    ipwire::link_type link_type{};
    std::optional<ethernet_frame_view> ethernet;     // link_type::ethernet
    std::optional<linux_sll_view> linux_sll;         // link_type::linux_sll
    std::optional<linux_sll2_view> linux_sll2;       // link_type::linux_sll2
    std::optional<null_loopback_view> null_loopback; // link_type::null (and LINKTYPE_LOOP, 108)
    // What the link header says follows (after any VLAN tags); empty for the
    // raw IP link types, which have no link header.
    std::optional<ipwire::ether_type> ether_type;

    // --- network layer ---
    // The innermost IP packet read: the one whose protocol led to tcp or udp.
    std::optional<ip_packet_view> ip;
    // Every IP packet read, outermost first; ip_layer_count of them are set and
    // the last one set is *ip. More than one means a tunnel.
    std::array<ip_packet_view, max_ip_layers> ip_layer_array{};
    std::size_t ip_layer_count = 0;

    // --- transport layer ---
    std::optional<tcp_segment_view> tcp;
    std::optional<udp_datagram_view> udp;

    // The application data (the TCP or UDP payload) or, when the walk stopped
    // earlier, the payload of the deepest layer read (see decode_stop). On an
    // error, it starts at error->offset: the bytes decode could not read.
    bytes_view payload;
    decode_stop stop = decode_stop::error;
    std::optional<decode_error> error; // empty when the walk ended without a fault

    // The IP packets read, outermost first (a span into this object).
    [[nodiscard]] constexpr std::span<const ip_packet_view> ip_layers() const noexcept {
        return std::span<const ip_packet_view>(ip_layer_array).first(ip_layer_count);
    }
    // The IP packet carrying the others: the first of ip_layers().
    [[nodiscard]] constexpr std::optional<ip_packet_view> outer_ip() const noexcept {
        if (ip_layer_count == 0) return std::nullopt;
        return ip_layer_array[0];
    }
    [[nodiscard]] constexpr bool is_tunnelled() const noexcept { return ip_layer_count > 1; }

    // The transport endpoints of the innermost IP packet with its TCP or UDP
    // ports; nullopt when no transport header was read.
    [[nodiscard]] constexpr std::optional<endpoint> source() const noexcept {
        if (!ip) return std::nullopt;
        if (tcp) return endpoint(ip->source(), tcp->source_port());
        if (udp) return endpoint(ip->source(), udp->source_port());
        return std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<endpoint> destination() const noexcept {
        if (!ip) return std::nullopt;
        if (tcp) return endpoint(ip->destination(), tcp->destination_port());
        if (udp) return endpoint(ip->destination(), udp->destination_port());
        return std::nullopt;
    }
};

namespace detail::decoding {

// LINKTYPE values read beside the named ones: DLT_RAW as most systems number
// it (12; OpenBSD uses 14), which files written without libpcap's mapping to
// LINKTYPE_RAW (101) carry, and LINKTYPE_LOOP (108), the BSD loopback header
// in network byte order that null_loopback_view also reads.
inline constexpr std::uint16_t dlt_raw = 12;
inline constexpr std::uint16_t dlt_raw_openbsd = 14;
inline constexpr std::uint16_t linktype_loop = 108;

// The walk's state: the frame (for offsets) and the packet being filled.
class walker {
public:
    constexpr walker(bytes_view frame, decoded_packet& packet) noexcept : frame_(frame), packet_(packet) {}

    constexpr void run() noexcept {
        const auto type = static_cast<std::uint16_t>(packet_.link_type);
        switch (packet_.link_type) {
        case link_type::ethernet: {
            const auto r = ethernet_frame_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            packet_.ethernet = *r;
            // An 802.3 length field is no EtherType: ether_type() stays the
            // raw value and the frame is not IP.
            return link(r->ether_type(), r->payload(), r->is_length_field());
        }
        case link_type::linux_sll: {
            const auto r = linux_sll_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            packet_.linux_sll = *r;
            return link(r->ether_type(), r->payload(), false);
        }
        case link_type::linux_sll2: {
            const auto r = linux_sll2_view::parse(frame_);
            if (!r) return fail(decode_layer::link, r.error(), frame_);
            packet_.linux_sll2 = *r;
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
    [[nodiscard]] constexpr std::size_t offset_of(bytes_view part) const noexcept {
        return static_cast<std::size_t>(part.data() - frame_.data());
    }
    // Stops on a fault in the header that `at` starts with.
    constexpr void fail(decode_layer layer, errc code, bytes_view at) noexcept {
        packet_.error = decode_error{layer, code, offset_of(at)};
        packet_.stop = decode_stop::error;
        packet_.payload = at;
    }
    constexpr void finish(decode_stop stop, bytes_view payload) noexcept {
        packet_.stop = stop;
        packet_.payload = payload;
    }

    constexpr void loopback() noexcept {
        const auto r = null_loopback_view::parse(frame_);
        if (!r) return fail(decode_layer::link, r.error(), frame_);
        packet_.null_loopback = *r;
        return link(r->ether_type(), r->payload(), false);
    }

    constexpr void link(ipwire::ether_type type, bytes_view payload, bool length_field) noexcept {
        packet_.ether_type = type;
        if (!length_field && type == ipwire::ether_type::ipv4) return network(payload, 4);
        if (!length_field && type == ipwire::ether_type::ipv6) return network(payload, 6);
        finish(decode_stop::not_ip, payload);
    }

    // IP layers, outermost first; `version` is what the layer below announced
    // (0: either, told by the version nibble).
    constexpr void network(bytes_view bytes, unsigned version) noexcept {
        for (;;) {
            if (packet_.ip_layer_count == decoded_packet::max_ip_layers)
                return fail(decode_layer::ip, errc::nesting_too_deep, bytes);
            // The layer below said which version; a packet of the other one is
            // not read as what it claims to be.
            if (version != 0 && !bytes.empty() && (bytes[0] >> 4U) != version)
                return fail(decode_layer::ip, errc::bad_version, bytes);
            const auto r = ip_packet_view::parse(bytes);
            if (!r) return fail(decode_layer::ip, r.error(), bytes);
            const ip_packet_view ip = *r;
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): ip_layer_count < max_ip_layers, checked at the top of the loop
            packet_.ip_layer_array[packet_.ip_layer_count++] = ip;
            packet_.ip = ip;

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
            case ip_protocol::ipv4: version = 4; break;
            case ip_protocol::ipv6: version = 6; break;
            case ip_protocol::tcp: {
                const auto t = tcp_segment_view::parse(upper);
                if (!t) return fail(decode_layer::tcp, t.error(), upper);
                packet_.tcp = *t;
                return finish(decode_stop::transport, t->payload());
            }
            case ip_protocol::udp: {
                const auto u = udp_datagram_view::parse(upper);
                if (!u) return fail(decode_layer::udp, u.error(), upper);
                packet_.udp = *u;
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

} // namespace detail::decoding

// Reads `frame`, which starts with the header of link type `type`, down to
// TCP or UDP. Link types: ethernet (with up to four VLAN tags), linux_sll,
// linux_sll2, null (and LINKTYPE_LOOP), raw (and DLT_RAW 12 and 14: IPv4 or
// IPv6 by the version nibble), ipv4, ipv6; any other is
// errc::unsupported_link_type at offset 0.
//
// It never fails: a malformed or cut header ends the walk with a decode_error
// and every layer before it stays readable. An unknown EtherType or IP
// protocol is no error, only where the walk ends (decode_stop). A snap-length
// cut IP packet is read as far as it goes (ip->truncated()); a TCP or UDP
// header is read only when the whole header was captured. IPv4 protocol 4 and
// IPv6 next header 41 (after the extension headers) are followed into the
// inner packet, up to decoded_packet::max_ip_layers. An IPv4 Authentication
// Header (protocol 51) is walked to the protocol it protects, as the IPv6
// chain walks AH. For the first fragment
// of a fragmented packet the transport header is read, and its view holds
// only this fragment's bytes; later fragments stop with
// decode_stop::non_first_fragment. IPv6 atomic fragments (offset 0, M clear)
// are whole packets.
[[nodiscard]] constexpr decoded_packet decode(bytes_view frame, link_type type) noexcept {
    decoded_packet packet;
    packet.link_type = type;
    detail::decoding::walker(frame, packet).run();
    return packet;
}

} // namespace ipwire
