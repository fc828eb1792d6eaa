// The field sets packet_builder (<ipwire/build.hpp>) writes: one aggregate per
// header, every field defaulted so a designated initializer names only what
// matters. Lengths, checksums and the protocol numbers that chain the layers
// are not here: the builder fills them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/icmp.hpp"
#include "ipwire/wire/ipv6_extension.hpp"
#include "ipwire/wire/tcp.hpp"

namespace ipwire {

// IEEE 802.3 section 3.2: destination, source, then the type field. `type`
// is written only when no IP header follows (an IP layer sets it to 0x0800 or
// 0x86DD, a VLAN tag to its TPID).
struct ethernet_spec {
    mac_address destination{};
    mac_address source{};
    std::optional<ipwire::ether_type> type{};
};

// One IEEE 802.1Q tag (section 9.6): its TPID goes where the previous type
// field was, then PCP(3) DEI(1) VID(12).
struct vlan_spec {
    ipwire::ether_type tag_protocol_id = ipwire::ether_type::vlan;
    std::uint8_t priority = 0; // 0-7
    bool drop_eligible = false;
    std::uint16_t vlan_id = 0; // 0-4095
};

// RFC 791 section 3.1. `options` are raw option bytes (type, length, data),
// padded here with End of Option List to a multiple of 4, at most 40 bytes.
// `fragment_offset` is in bytes and must be a multiple of 8. `protocol`
// overrides the number the next layer would set (59, No Next Header, when
// nothing follows and it is empty).
struct ipv4_spec {
    ipv4_address source{};
    ipv4_address destination{};
    std::uint8_t dscp = 0; // RFC 2474, 6 bits
    std::uint8_t ecn = 0;  // RFC 3168, 2 bits
    std::uint16_t identification = 0;
    bool dont_fragment = false;
    bool more_fragments = false;
    std::uint16_t fragment_offset = 0;
    std::uint8_t time_to_live = 64;
    std::optional<ip_protocol> protocol{};
    bytes_view options{};
};

// RFC 8200 section 3. `next_header` as ipv4_spec::protocol.
struct ipv6_spec {
    ipv6_address source{};
    ipv6_address destination{};
    std::uint8_t dscp = 0;
    std::uint8_t ecn = 0;
    std::uint32_t flow_label = 0; // 20 bits, RFC 6437
    std::uint8_t hop_limit = 64;
    std::optional<ip_protocol> next_header{};
};

// A routing header (RFC 8200 section 4.4): type 0 (RFC 2460, a list of
// addresses), type 2 (RFC 6275 section 6.4, one home address) or type 4
// (Segment Routing, RFC 8754: Segment List[0] is the final segment, Last
// Entry is written as addresses.size() - 1).
struct ipv6_routing_spec {
    ipv6_routing_type type = ipv6_routing_type::segment_routing;
    std::uint8_t segments_left = 0;
    std::span<const ipv6_address> addresses;
    std::uint8_t flags = 0; // type 4 only
    std::uint16_t tag = 0;  // type 4 only
};

// RFC 8200 section 4.5; `offset` in bytes, a multiple of 8.
struct ipv6_fragment_spec {
    std::uint16_t offset = 0;
    bool more_fragments = false;
    std::uint32_t identification = 0;
};

// RFC 9293 section 3.1 with typed options. Written in this order, each
// aligned as Linux aligns them: MSS; SACK-permitted and timestamps (NOPs in
// front when only one is present); NOP and window scale; two NOPs and the
// SACK blocks (1 to 4); `extra_options` raw; then End of Option List and zeros
// to a multiple of 4. More than 40 bytes is errc::bad_header_length.
struct tcp_spec {
    port source{};
    port destination{};
    std::uint32_t sequence = 0;
    std::uint32_t acknowledgment = 0;
    tcp_flags flags{};
    std::uint16_t window = 65535;
    std::uint16_t urgent_pointer = 0;
    std::uint8_t reserved = 0; // the three bits before AE, 0 per RFC 9293
    std::optional<std::uint16_t> mss{};
    std::optional<std::uint8_t> window_scale{};
    bool sack_permitted = false;
    std::span<const tcp_sack_block> sack_blocks{};
    std::optional<tcp_timestamps> timestamps{};
    bytes_view extra_options{};
};

// RFC 768. Over IPv4 `checksum = false` sends 0 (no checksum); over IPv6
// the checksum is mandatory (RFC 8200 section 8.1) and always written.
struct udp_spec {
    port source{};
    port destination{};
    bool checksum = true;
};

// RFC 792: type, code and the four message-dependent bytes after the
// checksum (identifier and sequence of an echo, the next-hop MTU of code 4,
// the gateway of a redirect). Its body is the builder's payload: the echo
// data, or for an error the invoking packet's header and first bytes.
struct icmpv4_spec {
    icmpv4_type type = icmpv4_type::echo_request;
    std::uint8_t code = 0;
    std::uint32_t rest_of_header = 0;
};

// RFC 4443 section 2.1, as icmpv4_spec.
struct icmpv6_spec {
    icmpv6_type type = icmpv6_type::echo_request;
    std::uint8_t code = 0;
    std::uint32_t rest_of_header = 0;
};

// GRE (RFC 2784, RFC 2890): the optional fields are written when set, the
// checksum (over the GRE header and payload) when `checksum` is true. The
// protocol type is what follows (0x0800, 0x86DD, 0x6558 for Ethernet)
// unless `protocol_type` names one.
struct gre_spec {
    bool checksum = false;
    std::optional<std::uint32_t> key{};
    std::optional<std::uint32_t> sequence{};
    std::optional<ipwire::ether_type> protocol_type{};
};

// VXLAN (RFC 7348 section 5): the I flag and a 24-bit VNI; an Ethernet frame
// follows. After udp(): a destination port left 0 becomes 4789 (IANA).
struct vxlan_spec {
    std::uint32_t vni = 0;
};

// Geneve (RFC 8926 section 3.4): `options` are raw options (class, type,
// length, data), a multiple of 4 and at most 252 bytes. After udp(): a
// destination port left 0 becomes 6081 (IANA). Protocol type as gre_spec.
struct geneve_spec {
    std::uint32_t vni = 0;
    bool oam = false;
    bool critical = false;
    bytes_view options{};
    std::optional<ipwire::ether_type> protocol_type{};
};

// The rest of header of echo, timestamp and information messages: identifier
// then sequence number (RFC 792, RFC 4443 section 4.1).
[[nodiscard]] constexpr std::uint32_t icmp_echo(std::uint16_t identifier, std::uint16_t sequence) noexcept {
    return static_cast<std::uint32_t>(identifier) << 16U | sequence;
}

} // namespace ipwire
