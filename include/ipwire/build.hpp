// Packets out: packet_builder writes headers into a caller's buffer with the
// lengths and checksums filled in, in constant expressions, allocating
// nothing; fragment() splits an IP packet for an MTU. The mirror image of the
// views in <ipwire/wire/...>, and decode(build(x)) reads back every field set.
//
//     std::array<std::uint8_t, 128> buffer;
//     auto frame = ipwire::packet_builder(buffer)
//                      .ethernet({.destination = router, .source = host})
//                      .ipv4({.source = a, .destination = b})
//                      .tcp({.source = 40000_port, .destination = 443_port, .flags = tcp_flags::syn, .mss = 1460})
//                      .build(); // result<bytes_view>
//
// Order: outermost first. Each call appends its header at the end of what is
// written, so the caller names the layers in the order they are on the wire,
// every header lands at its final offset as it is written (nothing is moved
// or copied twice) and a header writes the number that announces it into the
// type field of the one before (EtherType, IP protocol, next header), unless
// the caller set that field. What depends on the layers inside waits for
// build(): lengths first, then checksums innermost first, since an outer
// checksum covers the inner bytes (the IPv4 header checksum covers the total
// length; a tunnel's outer UDP checksum the inner packet's checksums).
//
// Tunnels: gre() after an IP layer, vxlan() and geneve() after udp() (which
// then gets port 4789 or 6081 unless the caller set one); the inner headers
// follow with the same calls, and each header announces itself in the one
// before (GRE and Geneve protocol type 0x6558 for Ethernet, RFC 1701).
//
// Checksums: IPv4 header (RFC 791), ICMP (RFC 792), GRE (RFC 2784) over the
// message; TCP, UDP and ICMPv6 over the pseudo-header of the nearest IP layer
// outside them exactly as ipv4_packet_view / ipv6_packet_view read it: the final
// destination of an IPv4 source route or of an IPv6 routing header with
// segments left, and an RFC 6275 home address option (RFC 9293 section 3.1,
// RFC 768, RFC 8200 section 8.1, RFC 4443 section 2.3).
//
// Errors are kept, not thrown: the first failing call records one and the
// calls after it do nothing; build() returns it. errc::buffer_too_small when
// a header or payload does not fit in the buffer (nothing is reported
// written: build() hands out no view). Field values outside their bits (a
// DSCP above 63, a VID above 4095) are preconditions (detail::expects).
#pragma once

#include "ipwire/detail/build_fragment.hpp"
#include "ipwire/detail/build_packet.hpp"
#include "ipwire/detail/build_spec.hpp"
