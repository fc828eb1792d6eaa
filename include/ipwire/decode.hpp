// decode: one captured frame walked link -> network -> transport the way a host
// demultiplexes it (EtherType to IP, IP protocol to TCP, UDP or ICMP, ports
// left to the application), following IP-in-IP and IPv6 tunnels (RFC 2003,
// RFC 2473, RFC 4213), GRE (RFC 2784, RFC 2890) and, on their IANA ports,
// VXLAN (RFC 7348) and Geneve (RFC 8926). It never fails and never allocates:
// it keeps every layer it read, as offsets into the frame (decoded_packet,
// detail/decode_packet.hpp).
#pragma once

#include "ipwire/capture.hpp"
#include "ipwire/detail/decode_packet.hpp"
#include "ipwire/detail/decode_types.hpp"
#include "ipwire/detail/decode_walk.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/link_type.hpp"

namespace ipwire {

// Reads `frame`, which starts with the header of link type `type`, down to
// TCP, UDP or ICMP. Link types: ethernet (with up to four VLAN tags),
// linux_sll, linux_sll2, null (and LINKTYPE_LOOP), raw (and DLT_RAW 12 and
// 14: IPv4 or IPv6 by the version nibble), ipv4, ipv6; any other is
// errc::unsupported_link_type at offset 0.
//
// It never fails: a malformed or cut header ends the walk with a decode_error
// and every layer before it stays readable; a fault that stops nothing is
// listed in anomalies(). An unknown EtherType or IP protocol is no error, only
// where the walk ends (decode_stop). A snap-length cut IP packet is read as
// far as it goes (ip()->truncated(), truncation()); a TCP or UDP header is
// read only when the whole header was captured. IPv4 protocol 4 and IPv6 next
// header 41 (after the extension headers) are followed into the inner packet,
// up to decoded_packet::max_ip_layers, and so are GRE (version 0: IPv4, IPv6
// or 0x6558 Ethernet inside) and the UDP ports of `options`. An IPv4
// Authentication Header (protocol 51) is walked to the protocol it protects,
// as the IPv6 chain walks AH. For the first fragment of a fragmented packet
// the transport header is read, and its view holds only this fragment's
// bytes; later fragments stop with decode_stop::non_first_fragment. IPv6
// atomic fragments (offset 0, M clear) are whole packets. ICMP (in IPv4) and
// ICMPv6 (in IPv6) end the walk with decode_stop::other_protocol, icmp() set
// and the message as payload(). Only the first 4 GiB - 1 bytes of a larger
// frame are read.
[[nodiscard]] constexpr decoded_packet decode(bytes_view frame, link_type type,
                                              const decode_options& options) noexcept {
    decoded_packet packet;
    detail::decoding::walker(frame, type, options, 0, packet).run();
    return packet;
}
[[nodiscard]] constexpr decoded_packet decode(bytes_view frame, link_type type) noexcept {
    return decode(frame, type, decode_options{});
}

// The same for a capture record, whose original (wire) length tells an IP
// length beyond the captured bytes as the snap length's cut
// (decode_truncation::snap_length) or a false length field
// (decode_truncation::length_field, with an anomaly).
[[nodiscard]] constexpr decoded_packet decode(const capture_record& record, const decode_options& options) noexcept {
    decoded_packet packet;
    // A record claiming fewer wire bytes than it holds: its data is the wire length.
    const std::size_t wire =
        record.original_length < record.data.size() ? record.data.size() : std::size_t{record.original_length};
    detail::decoding::walker(record.data, record.link_type, options, wire == 0 ? 1 : wire, packet).run();
    return packet;
}
[[nodiscard]] constexpr decoded_packet decode(const capture_record& record) noexcept {
    return decode(record, decode_options{});
}

static_assert(sizeof(decoded_packet) <= 128, "decoded_packet: the README states its size");

} // namespace ipwire
