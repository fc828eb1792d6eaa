// Tests for ipwire/wire/ipv6.hpp and ipv6_extension.hpp: hand-built packets
// with every field commented (no extensions, jumbogram, routing types 0/2/4,
// fragments, destination options with a home address, AH, ESP, No Next Header,
// an unknown next header, mobility, HIP, shim6), each malformation, the chain
// bound, every truncated prefix, pseudo-header sums, and three real packets.
#include <ipwire/wire/ipv6.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include <ipwire/literals.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <ranges>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using namespace ipwire::literals;
using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_protocol;
using ipwire::ipv6_address;
using ipwire::ipv6_extension_header;
using ipwire::ipv6_option;
using ipwire::ipv6_option_type;
using ipwire::ipv6_packet_view;
using ipwire::ipv6_routing_type;

// ---------------------------------------------------------------------------
// Shapes: the view is a span and nothing else; iterators are forward iterators.

static_assert(sizeof(ipv6_packet_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<ipv6_packet_view>);
static_assert(std::is_nothrow_default_constructible_v<ipv6_packet_view>);
static_assert(ipv6_packet_view().bytes().empty());
static_assert(sizeof(ipv6_option) == sizeof(bytes_view));
static_assert(sizeof(ipwire::ipv6_routing_header) == sizeof(bytes_view));
static_assert(sizeof(ipwire::ipv6_fragment_header) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<ipv6_extension_header>);
static_assert(std::is_trivially_copyable_v<ipwire::ipv6_extension_header_iterator>);
static_assert(std::forward_iterator<ipwire::ipv6_extension_header_iterator>);
static_assert(std::forward_iterator<ipwire::ipv6_option_iterator>);
static_assert(std::ranges::forward_range<ipwire::ipv6_extension_header_range>);
static_assert(std::ranges::forward_range<ipwire::ipv6_option_range>);

// ---------------------------------------------------------------------------
// Packets. Addresses: 2001:db8::1 is 20 01 0d b8, eleven zeros, 01.

// UDP, no extension header, two bytes of Ethernet padding after the payload.
// clang-format off
constexpr std::uint8_t no_extensions[] = {
    0x6B, 0x9A, 0xBC, 0xDE, // version 6, traffic class 0xB9 (DSCP 46, ECN 1), flow label 0xABCDE
    0x00, 0x0C,             // payload length 12
    0x11,                   // next header 17: UDP
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x0C, 0x00, 0x00,                // UDP 1234 -> 53, length 12, checksum 0
    'a', 'b', 'c', 'd',                                            // UDP data
    0x00, 0x00,                                                    // Ethernet padding, not payload
};
// clang-format on

// A jumbogram (RFC 2675) of 65536 payload bytes, captured to its first 60 bytes.
// clang-format off
constexpr std::uint8_t jumbo_cut[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0: see the jumbo option
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x11, 0x00,                         // hop-by-hop: next 17 (UDP), length 0 (8 bytes)
    0xC2, 0x04, 0x00, 0x01, 0x00, 0x00, // jumbo payload option, 4 bytes: 65536
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x00, 0x00, 0x00, // UDP 1234 -> 53, length 0 (RFC 2675 section 4), checksum 0
    'j', 'u', 'm', 'b',                             // the first 4 of 65520 data bytes
};
// clang-format on

// Routing type 0 with two addresses and two segments left, then TCP SYN.
// clang-format off
constexpr std::uint8_t routing0[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x3C,             // payload length 60
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2 (the next hop)
    0x06, 0x04,             // routing: next 6 (TCP), length 4 (40 bytes)
    0x00, 0x02,             // routing type 0, segments left 2
    0x00, 0x00, 0x00, 0x00, // reserved
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, // address[0] 2001:db8::a
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b, // address[1] 2001:db8::b (final destination)
    0x30, 0x39, 0x00, 0x50, // TCP 12345 -> 80
    0x00, 0x00, 0x00, 0x01, // sequence number 1
    0x00, 0x00, 0x00, 0x00, // acknowledgment number 0
    0x50, 0x02, 0xFF, 0xFF, // data offset 5, SYN, window 65535
    0x23, 0xDB, 0x00, 0x00, // checksum 0x23db (with 2001:db8::b as destination), urgent 0
};
// clang-format on

// Routing type 2 (Mobile IPv6) carrying the home address, then ICMPv6 echo.
// clang-format off
constexpr std::uint8_t routing2[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x20,             // payload length 32
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1 (correspondent)
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2 (care-of address)
    0x3A, 0x02,             // routing: next 58 (ICMPv6), length 2 (24 bytes)
    0x02, 0x01,             // routing type 2, segments left 1
    0x00, 0x00, 0x00, 0x00, // reserved
    0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // home address 2001:db8:ffff::1
    0x80, 0x00, 0x24, 0x47, // ICMPv6 echo request, checksum 0x2447 (to the home address)
    0x00, 0x01, 0x00, 0x01, // identifier 1, sequence 1
};
// clang-format on

// Segment Routing Header (RFC 8754) with two segments, one left, then UDP.
// clang-format off
constexpr std::uint8_t srh[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x30,             // payload length 48
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0c, // destination 2001:db8::c = Segment List[1]
    0x11, 0x04,             // SRH: next 17 (UDP), length 4 (40 bytes)
    0x04, 0x01,             // routing type 4, segments left 1
    0x01, 0x00, 0x12, 0x34, // last entry 1, flags 0, tag 0x1234
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0d, // Segment List[0] 2001:db8::d (final)
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0c, // Segment List[1] 2001:db8::c
    0x1F, 0x90, 0x1F, 0x91, 0x00, 0x08, 0x65, 0x3D, // UDP 8080 -> 8081, length 8, checksum 0x653d
};
// clang-format on

// An SRH at its last segment (segments left 0) with a PadN TLV, then No Next Header.
// clang-format off
constexpr std::uint8_t srh_done[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x20,             // payload length 32
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2, already final
    0x3B, 0x03,             // SRH: next 59 (no next header), length 3 (32 bytes)
    0x04, 0x00,             // routing type 4, segments left 0
    0x00, 0x00, 0x00, 0x00, // last entry 0, flags 0, tag 0
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // Segment List[0] 2001:db8::2
    0x04, 0x06, 0, 0, 0, 0, 0, 0, // PadN TLV (RFC 8754 section 2.1.1.2), 6 bytes
};
// clang-format on

// First fragment: offset 0, M set; the UDP header is in it.
// clang-format off
constexpr std::uint8_t fragment_first[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x2C,                   // next header 44: fragment
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x11, 0x00,             // fragment: next 17 (UDP), reserved
    0x00, 0x01,             // offset 0, M = 1
    0x12, 0x34, 0x56, 0x78, // identification 0x12345678
    0x14, 0xE9, 0x14, 0xE9, 0x00, 0x1C, 0x00, 0x00, // UDP 5353 -> 5353, length 28 (whole datagram), checksum 0
    1, 2, 3, 4, 5, 6, 7, 8,                         // data bytes 0..7
};
// clang-format on

// Middle fragment (of another packet, whose fragmentable part starts with a
// destination options header): offset 16 bytes, M set. Its data looks like a
// destination options header, which must not be walked.
// clang-format off
constexpr std::uint8_t fragment_middle[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x2C,                   // next header 44: fragment
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3C, 0x00,             // fragment: next 60 (destination options, in the first fragment), reserved
    0x00, 0x11,             // offset 2 units (16 bytes), M = 1
    0x00, 0x00, 0xAB, 0xCD, // identification 0xabcd
    0x11, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // data bytes 16..23 (shaped like destination options)
};
// clang-format on

// Last fragment: offset 24 bytes, M clear.
// clang-format off
constexpr std::uint8_t fragment_last[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x0C,             // payload length 12
    0x2C,                   // next header 44: fragment
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x11, 0x00,             // fragment: next 17 (UDP), reserved
    0x00, 0x18,             // offset 3 units (24 bytes), M = 0
    0x12, 0x34, 0x56, 0x78, // identification 0x12345678
    17, 18, 19, 20,         // data bytes 16..19
};
// clang-format on

// Two fragment headers: the walk stops at the second (RFC 8200 section 4.1),
// so decode and the view's fragment accessors both describe only the first.
// clang-format off
constexpr std::uint8_t fragment_twice[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x2C,                   // next header 44: fragment
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x2C, 0x00,             // fragment: next 44 (fragment again), reserved
    0x00, 0x01,             // offset 0, M = 1
    0x12, 0x34, 0x56, 0x78, // identification 0x12345678
    0x11, 0x00,             // fragment: next 17 (UDP), reserved
    0x00, 0x08,             // offset 1 unit (8 bytes), M = 0
    0x9A, 0xBC, 0xDE, 0xF0, // identification 0x9abcdef0
    1, 2, 3, 4, 5, 6, 7, 8, // data
};
// clang-format on

// Atomic fragment (RFC 6946): offset 0, M clear, a whole TCP segment.
// clang-format off
constexpr std::uint8_t fragment_atomic[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x1C,             // payload length 28
    0x2C,                   // next header 44: fragment
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x06, 0x00,             // fragment: next 6 (TCP), reserved
    0x00, 0x00,             // offset 0, M = 0
    0xDE, 0xAD, 0xBE, 0xEF, // identification 0xdeadbeef
    0x30, 0x39, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, // TCP 12345 -> 80, sequence 1
    0x00, 0x00, 0x00, 0x00, 0x50, 0x10, 0x01, 0x00, // ack 0, data offset 5, ACK, window 256
    0x00, 0x00, 0x00, 0x00,                         // checksum 0, urgent 0
};
// clang-format on

// Destination options with a Home Address option (RFC 6275), then UDP.
// clang-format off
constexpr std::uint8_t home_address_option[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x24,             // payload length 36
    0x3C,                   // next header 60: destination options
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1 (care-of address)
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x11, 0x02,             // destination options: next 17 (UDP), length 2 (24 bytes)
    0x01, 0x02, 0x00, 0x00, // PadN, 2 bytes
    0xC9, 0x10,             // Home Address option, 16 bytes:
    0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // 2001:db8:ffff::1
    0x75, 0x30, 0x32, 0xC8, 0x00, 0x0C, 0x4B, 0xB8, // UDP 30000 -> 13000, length 12, checksum 0x4bb8 (from the home address)
    'X', 'X', 'X', 'X',                             // UDP data
};
// clang-format on

// Authentication header (RFC 4302): payload length 4 means (4 + 2) * 4 = 24 bytes.
// clang-format off
constexpr std::uint8_t authentication[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x20,             // payload length 32
    0x33,                   // next header 51: AH
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3A, 0x04, 0x00, 0x00, // AH: next 58 (ICMPv6), payload length 4, reserved
    0x00, 0x00, 0x01, 0x00, // SPI 256
    0x00, 0x00, 0x00, 0x01, // sequence number 1
    0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, // ICV, 12 bytes
    0x80, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x01, // ICMPv6 echo request, id 7, sequence 1
};
// clang-format on

// Destination options, then ESP: the walk ends at ESP.
// clang-format off
constexpr std::uint8_t esp_end[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x3C,                   // next header 60: destination options
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x32, 0x00,                         // destination options: next 50 (ESP), length 0 (8 bytes)
    0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // PadN, 4 bytes
    0x00, 0x00, 0x10, 0x00,             // ESP SPI 4096
    0x00, 0x00, 0x00, 0x01,             // ESP sequence number 1
    0x3C, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, // ciphertext (looks like headers; never walked)
};
// clang-format on

// No Next Header: what follows is ignored.
// clang-format off
constexpr std::uint8_t no_next_header[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x04,             // payload length 4
    0x3B,                   // next header 59: no next header
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0xDE, 0xAD, 0xBE, 0xEF, // 4 bytes to ignore
};
// clang-format on

// Hop-by-hop, then next header 253 (RFC 3692 experimentation): not an
// extension we know, so it ends the chain even though its bytes look like one.
// clang-format off
constexpr std::uint8_t unknown_next_header[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0xFD, 0x00,                         // hop-by-hop: next 253, length 0 (8 bytes)
    0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // PadN, 4 bytes
    0x06, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // protocol 253's bytes (shaped like an extension header)
};
// clang-format on

// Hop-by-hop options with Pad1, router alert, an unknown option and PadN, then ICMPv6 (MLDv2 report).
// clang-format off
constexpr std::uint8_t hop_by_hop_options[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x00,                   // next header 0: hop-by-hop
    0x01,                   // hop limit 1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16,       // destination ff02::16
    0x3A, 0x01,             // hop-by-hop: next 58 (ICMPv6), length 1 (16 bytes)
    0x00,                   // Pad1
    0x05, 0x02, 0x00, 0x00, // router alert (RFC 2711), value 0 (MLD)
    0x3E, 0x03, 0xAA, 0xBB, 0xCC, // type 0x3e (action 0, may change), 3 bytes
    0x01, 0x02, 0x00, 0x00, // PadN, 2 bytes
    0x8F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ICMPv6 143 (MLDv2 report), no records
};
// clang-format on

// Hop-by-hop whose option runs past the header: the options stop with
// bad_option_length, the chain itself is sound.
// clang-format off
constexpr std::uint8_t bad_option[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3A, 0x00,             // hop-by-hop: next 58 (ICMPv6), length 0 (8 bytes)
    0x00,                   // Pad1
    0x05, 0x09, 0x00, 0x00, 0x00, // router alert claiming 9 bytes where 3 remain
    0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, // ICMPv6 echo request
};
// clang-format on

// Destination options whose last byte is an option type with no length byte.
// clang-format off
constexpr std::uint8_t option_without_length[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x08,             // payload length 8
    0x3C,                   // next header 60: destination options
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00,                   // destination options: next 59, length 0 (8 bytes)
    0x00, 0x00, 0x00, 0x00, 0x00, // Pad1 five times
    0xC9,                         // Home Address type, but no length byte
};
// clang-format on

// Destination options whose only option runs one byte past the header.
// clang-format off
constexpr std::uint8_t option_one_byte_over[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x08,             // payload length 8
    0x3C,                   // next header 60: destination options
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00,             // destination options: next 59, length 0 (8 bytes)
    0x05, 0x05,             // router alert claiming 5 bytes where 4 remain
    0x00, 0x00, 0x00, 0x00, // the 4 bytes
};
// clang-format on

// Mobility header (RFC 6275 section 6.1): a binding refresh request, then nothing.
// clang-format off
constexpr std::uint8_t mobility[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x87,                   // next header 135: mobility
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x01,             // payload proto 59, header length 1 (16 bytes)
    0x00, 0x00,             // MH type 0 (binding refresh request), reserved
    0x00, 0x00, 0x00, 0x00, // checksum 0, reserved
    0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // PadN mobility option, padding
};
// clang-format on

// HIP (RFC 7401) I1 packet: 40-byte header with two HITs, then nothing.
// clang-format off
constexpr std::uint8_t hip[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x28,             // payload length 40
    0x8B,                   // next header 139: HIP
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x04,             // next header 59, header length 4 (40 bytes)
    0x01, 0x21,             // packet type 1 (I1), version 2
    0x00, 0x00, 0x00, 0x00, // checksum 0, controls 0
    0x20, 0x01, 0x20, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // sender HIT
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,                // receiver HIT (opportunistic: zero)
};
// clang-format on

// Shim6 control message (RFC 5533 section 5.1) after a hop-by-hop header.
// clang-format off
constexpr std::uint8_t shim6[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x8C, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // hop-by-hop: next 140 (shim6), length 0, PadN 4
    0x3B, 0x01,             // shim6: next 59, length 1 (16 bytes)
    0x40, 0x00,             // P = 0, type 64 (I1), type-specific, S = 0
    0x00, 0x00, 0x00, 0x00, // checksum 0, type-specific
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // message body
};
// clang-format on

// --- malformed chains ---

// Destination options, then hop-by-hop: hop-by-hop must come first (RFC 8200 section 4.3).
// clang-format off
constexpr std::uint8_t hop_by_hop_not_first[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x3C,                   // next header 60: destination options
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // destination options: next 0 (hop-by-hop), length 0, PadN 4
    0x11, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // hop-by-hop: next 17, length 0, PadN 4
    0x00, 0x35, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00, // UDP 53 -> 53, length 8
};
// clang-format on

// The capture ends inside the routing header (payload length says 40 bytes).
// clang-format off
constexpr std::uint8_t chain_past_capture[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x28,             // payload length 40
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x2B, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // hop-by-hop: next 43 (routing), length 0, PadN 4
    0x11, 0x02,             // routing: next 17, length 2 (24 bytes)
    0x00, 0x01,             // type 0, segments left 1
    0x00, 0x00, 0x00, 0x00, // reserved
    0x20, 0x01,             // address[0], cut after 2 of 16 bytes
};
// clang-format on

// The routing header claims 24 bytes where the payload length leaves 16; the
// capture holds more (they must not count).
// clang-format off
constexpr std::uint8_t chain_past_payload_length[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x11, 0x02,             // routing: next 17, length 2 (24 bytes)
    0x00, 0x01,             // type 0, segments left 1
    0x00, 0x00, 0x00, 0x00, // reserved
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, // address[0] 2001:db8::a, past the payload
};
// clang-format on

// AH with payload length 0: 8 bytes, no room for the sequence number, but
// framed by its length all the same (as tshark and Zeek do): the walk reads on.
// clang-format off
constexpr std::uint8_t ah_payload_length_0[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x33,                   // next header 51: AH
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0x00, 0x00, // AH: next 59, payload length 0 (8 bytes), reserved
    0x00, 0x00, 0x01, 0x00, // SPI 256
    0, 0, 0, 0, 0, 0, 0, 0, // 8 bytes after No Next Header
};
// clang-format on

// ---------------------------------------------------------------------------
// Repeated extension headers (RFC 8200 section 4.1): the second of any type
// but destination options stops the walk with bad_extension_header.

// An IPv6 packet 2001:db8::1 -> 2001:db8::2 whose chain is `first` then
// `second` (each names its next header in its byte 0), with `type` the fixed
// header's next header and `then` 8 bytes after the chain.
template <std::size_t A, std::size_t B>
constexpr std::array<std::uint8_t, 40 + A + B + 8>
two_headers(ip_protocol type, const std::array<std::uint8_t, A>& first, const std::array<std::uint8_t, B>& second) {
    std::array<std::uint8_t, 40 + A + B + 8> p{};
    p[0] = 0x60;                                                       // version 6
    p[5] = static_cast<std::uint8_t>(A + B + 8);                       // payload length
    p[6] = static_cast<std::uint8_t>(type);                            // next header: the first extension header
    p[7] = 64;                                                         // hop limit
    p[8] = 0x20, p[9] = 0x01, p[10] = 0x0d, p[11] = 0xb8, p[23] = 1;   // source 2001:db8::1
    p[24] = 0x20, p[25] = 0x01, p[26] = 0x0d, p[27] = 0xb8, p[39] = 2; // destination 2001:db8::2
    for (std::size_t i = 0; i < A; ++i) p[40 + i] = first[i];
    for (std::size_t i = 0; i < B; ++i) p[40 + A + i] = second[i];
    return p; // the last 8 bytes: zeros (after No Next Header, or a UDP header 0 -> 0)
}
// An 8-byte header of a (Hdr Ext Len + 1) * 8 type: next header, length 0, PadN.
constexpr std::array<std::uint8_t, 8> plain_header(ip_protocol next) {
    return {static_cast<std::uint8_t>(next), 0, 0x01, 0x04, 0, 0, 0, 0};
}
// Routing header of type `type` (0 or 2), one address 2001:db8::<host>, one segment left.
constexpr std::array<std::uint8_t, 24> routing_header(ip_protocol next, std::uint8_t type, std::uint8_t host) {
    return {static_cast<std::uint8_t>(next),
            2,
            type,
            1,
            0,
            0,
            0,
            0, // next, length 2 (24 bytes), type, segments left 1
            0x20,
            0x01,
            0x0d,
            0xb8,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            host};
}
// AH of 16 bytes (Payload Len 2): next, length, reserved, SPI 256, sequence 1, 4 bytes of ICV.
constexpr std::array<std::uint8_t, 16> ah_header(ip_protocol next) {
    return {static_cast<std::uint8_t>(next), 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0xA5, 0xA5, 0xA5, 0xA5};
}
constexpr ip_protocol no_next = ip_protocol::ipv6_no_next;
// The issue 11 case: a type 2 and then a type 0 routing header, each with a
// segment left, name two final destinations (2001:db8::a, then ::b).
constexpr auto routing_twice =
    two_headers(ip_protocol::ipv6_routing, routing_header(ip_protocol::ipv6_routing, 2, 0x0a),
                routing_header(ip_protocol::udp, 0, 0x0b));
constexpr auto hop_by_hop_twice =
    two_headers(ip_protocol::ipv6_hop_by_hop, plain_header(ip_protocol::ipv6_hop_by_hop), plain_header(no_next));
constexpr auto ah_twice = two_headers(ip_protocol::ah, ah_header(ip_protocol::ah), ah_header(no_next));
constexpr auto mobility_twice =
    two_headers(ip_protocol::mobility, plain_header(ip_protocol::mobility), plain_header(no_next));
constexpr auto hip_twice = two_headers(ip_protocol::hip, plain_header(ip_protocol::hip), plain_header(no_next));
constexpr auto shim6_twice = two_headers(ip_protocol::shim6, plain_header(ip_protocol::shim6), plain_header(no_next));
// Destination options may repeat: twice (RFC 8200 section 4.1) and more.
constexpr auto destination_twice =
    two_headers(ip_protocol::ipv6_destination, plain_header(ip_protocol::ipv6_destination), plain_header(no_next));
// Different types, each once: routing, AH, destination options... no repeat, no fault.
constexpr auto routing_then_ah =
    two_headers(ip_protocol::ipv6_routing, routing_header(ip_protocol::ah, 0, 0x0b), ah_header(no_next));

// Routing type 2 with length 4: RFC 6275 fixes it at 2 (one address).
// clang-format off
constexpr std::uint8_t routing2_bad_length[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x28,             // payload length 40
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x04, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, // routing: next 59, length 4, type 2, segments left 1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, // 2001:db8::a
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b, // 2001:db8::b
};
// clang-format on

// Routing type 0 with an odd length (half an address).
// clang-format off
constexpr std::uint8_t routing0_odd_length[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // routing: next 59, length 1, type 0, segments left 0
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,             // half an address
};
// clang-format on

// Routing type 0 with one address and two segments left.
// clang-format off
constexpr std::uint8_t routing0_segments_past_list[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, // routing: next 59, length 2, type 0, segments left 2
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, // 2001:db8::a
};
// clang-format on

// SRH whose last entry (1) names a second segment the header has no room for.
// clang-format off
constexpr std::uint8_t srh_last_entry_past_header[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x02, 0x04, 0x01, // SRH: next 59, length 2 (24 bytes: one segment), type 4, segments left 1
    0x01, 0x00, 0x00, 0x00, // last entry 1, flags 0, tag 0
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // Segment List[0]
};
// clang-format on

// SRH with segments left 2 but one segment (RFC 8754 section 4.3.1.1).
// clang-format off
constexpr std::uint8_t srh_segments_past_list[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x02, 0x04, 0x02, // SRH: next 59, length 2, type 4, segments left 2
    0x00, 0x00, 0x00, 0x00, // last entry 0, flags 0, tag 0
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // Segment List[0]
};
// clang-format on

// An unknown routing type (253): only its generic length is checked.
// clang-format off
constexpr std::uint8_t routing_unknown_type[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0xFD, 0x05, 0x00, 0x00, 0x00, 0x00, // routing: next 59, length 0, type 253, segments left 5
    0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x00, 0x00, 0x00, // bytes ignored after No Next Header
};
// clang-format on

// --- header and length errors (parse fails) ---

// IPv4's version nibble.
// clang-format off
constexpr std::uint8_t version_4[] = {
    0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3B, 0x40, // version 4
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // source ::
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // destination ::
};
// clang-format on

// Payload length 0 with no hop-by-hop header: an empty payload (RFC 2675
// section 3 makes 0 an error only beside hop-by-hop); the UDP bytes the capture
// holds after it are not payload.
// clang-format off
constexpr std::uint8_t zero_length_no_hop_by_hop[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0
    0x11,                   // next header 17: UDP
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00, // a UDP header, past the payload
};
// clang-format on

// Payload length 0 and a routing header: the header lies past the payload.
// clang-format off
constexpr std::uint8_t zero_length_routing[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0
    0x2B,                   // next header 43: routing
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0xFD, 0x00, 0x00, 0x00, 0x00, 0x00, // routing: next 59, length 0, type 253, segments left 0
};
// clang-format on

// Payload length 0, hop-by-hop without a jumbo option.
// clang-format off
constexpr std::uint8_t zero_length_no_jumbo[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // hop-by-hop: next 59, length 0, PadN 4
};
// clang-format on

// A jumbo option of 65535: RFC 2675 wants more than 65535.
// clang-format off
constexpr std::uint8_t jumbo_too_small[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0xC2, 0x04, 0x00, 0x00, 0xFF, 0xFF, // hop-by-hop: next 59, jumbo payload 65535
};
// clang-format on

// A jumbo option beside a non-zero payload length.
// clang-format off
constexpr std::uint8_t jumbo_beside_length[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x08,             // payload length 8
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0xC2, 0x04, 0x00, 0x01, 0x00, 0x00, // hop-by-hop: next 59, jumbo payload 65536
};
// clang-format on

// Payload length 0 and the hop-by-hop header cut: the jumbo length cannot be read.
// clang-format off
constexpr std::uint8_t jumbo_hop_by_hop_cut[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x00,             // payload length 0
    0x00,                   // next header 0: hop-by-hop
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination 2001:db8::2
    0x3B, 0x00, 0xC2, 0x04, // hop-by-hop: next 59, length 0, jumbo option cut after its length
};
// clang-format on

// ---------------------------------------------------------------------------
// Chains of n destination options headers (8 bytes each), then UDP: 16 pass,
// 17 stop with too_many_extension_headers.

template <std::size_t N>
constexpr std::array<std::uint8_t, 40 + 8 * N + 8> destination_chain() {
    std::array<std::uint8_t, 40 + 8 * N + 8> p{};
    p[0] = 0x60;                                                       // version 6
    p[4] = static_cast<std::uint8_t>((8 * N + 8) >> 8U);               // payload length, high byte
    p[5] = static_cast<std::uint8_t>((8 * N + 8) & 0xFF);              // payload length, low byte
    p[6] = 60;                                                         // next header: destination options
    p[7] = 64;                                                         // hop limit
    p[8] = 0x20, p[9] = 0x01, p[10] = 0x0d, p[11] = 0xb8, p[23] = 1;   // source 2001:db8::1
    p[24] = 0x20, p[25] = 0x01, p[26] = 0x0d, p[27] = 0xb8, p[39] = 2; // destination 2001:db8::2
    for (std::size_t i = 0; i < N; ++i) {
        const std::size_t at = 40 + 8 * i;
        p[at] = static_cast<std::uint8_t>(
            i + 1 == N ? 17 : 60);    // next: another destination options header, UDP after the last
        p[at + 1] = 0;                // length 0 (8 bytes)
        p[at + 2] = 1, p[at + 3] = 4; // PadN, 4 zero bytes
    }
    const std::size_t udp = 40 + 8 * N;
    p[udp + 1] = 7, p[udp + 3] = 9, p[udp + 5] = 8; // UDP 7 -> 9, length 8, checksum 0
    return p;
}
constexpr auto chain_16 = destination_chain<16>();
constexpr auto chain_17 = destination_chain<17>();

// ---------------------------------------------------------------------------
// The chain table: what parse, the walk and the upper-layer accessors give.

constexpr ip_protocol hbh = ip_protocol::ipv6_hop_by_hop;
constexpr ip_protocol rt = ip_protocol::ipv6_routing;
constexpr ip_protocol frag = ip_protocol::ipv6_fragment;
constexpr ip_protocol dst = ip_protocol::ipv6_destination;

struct chain_row {
    std::string_view name;
    bytes_view packet;
    errc parse_error;                 // errc{} when parse succeeds; the rest is then unused
    std::array<ip_protocol, 3> chain; // the extension headers the walk yields, in order
    std::size_t chain_length;
    errc chain_error;         // extension_headers().error()
    ip_protocol upper;        // upper_layer_protocol()
    std::size_t upper_offset; // where upper_layer_payload() starts in the packet
    std::size_t upper_size;   // its size
    bool truncated;           // truncated()
};

constexpr chain_row chain_rows[] = {
    {"no extensions", no_extensions, {}, {}, 0, {}, ip_protocol::udp, 40, 12, false},
    {"jumbogram, cut", jumbo_cut, {}, {hbh}, 1, {}, ip_protocol::udp, 48, 12, true},
    {"routing type 0", routing0, {}, {rt}, 1, {}, ip_protocol::tcp, 80, 20, false},
    {"routing type 2", routing2, {}, {rt}, 1, {}, ip_protocol::icmpv6, 64, 8, false},
    {"segment routing", srh, {}, {rt}, 1, {}, ip_protocol::udp, 80, 8, false},
    {"segment routing, done", srh_done, {}, {rt}, 1, {}, ip_protocol::ipv6_no_next, 72, 0, false},
    {"first fragment", fragment_first, {}, {frag}, 1, {}, ip_protocol::udp, 48, 16, false},
    {"middle fragment", fragment_middle, {}, {frag}, 1, {}, dst, 48, 8, false},
    {"last fragment", fragment_last, {}, {frag}, 1, {}, ip_protocol::udp, 48, 4, false},
    {"atomic fragment", fragment_atomic, {}, {frag}, 1, {}, ip_protocol::tcp, 48, 20, false},
    {"home address option", home_address_option, {}, {dst}, 1, {}, ip_protocol::udp, 64, 12, false},
    {"authentication header", authentication, {}, {ip_protocol::ah}, 1, {}, ip_protocol::icmpv6, 64, 8, false},
    {"ESP ends the walk", esp_end, {}, {dst}, 1, {}, ip_protocol::esp, 48, 16, false},
    {"no next header", no_next_header, {}, {}, 0, {}, ip_protocol::ipv6_no_next, 40, 4, false},
    {"unknown next header", unknown_next_header, {}, {hbh}, 1, {}, static_cast<ip_protocol>(253), 48, 8, false},
    {"hop-by-hop options", hop_by_hop_options, {}, {hbh}, 1, {}, ip_protocol::icmpv6, 56, 8, false},
    {"bad option (chain sound)", bad_option, {}, {hbh}, 1, {}, ip_protocol::icmpv6, 48, 8, false},
    {"option without length", option_without_length, {}, {dst}, 1, {}, ip_protocol::ipv6_no_next, 48, 0, false},
    {"option one byte over", option_one_byte_over, {}, {dst}, 1, {}, ip_protocol::ipv6_no_next, 48, 0, false},
    {"mobility", mobility, {}, {ip_protocol::mobility}, 1, {}, ip_protocol::ipv6_no_next, 56, 0, false},
    {"HIP", hip, {}, {ip_protocol::hip}, 1, {}, ip_protocol::ipv6_no_next, 80, 0, false},
    {"shim6", shim6, {}, {hbh, ip_protocol::shim6}, 2, {}, ip_protocol::ipv6_no_next, 64, 0, false},
    {"unknown routing type", routing_unknown_type, {}, {rt}, 1, {}, ip_protocol::ipv6_no_next, 48, 8, false},
    {"AH of 8 bytes (payload length 0)",
     ah_payload_length_0,
     {},
     {ip_protocol::ah},
     1,
     {},
     ip_protocol::ipv6_no_next,
     48,
     8,
     false},
    {"destination options twice", destination_twice, {}, {dst, dst}, 2, {}, no_next, 56, 8, false},
    {"routing then AH", routing_then_ah, {}, {rt, ip_protocol::ah}, 2, {}, no_next, 80, 8, false},
    {"16 extension headers", chain_16, {}, {dst, dst, dst}, 16, {}, ip_protocol::udp, 168, 8, false},
    // the walk stops: upper_layer_protocol() is the header it stopped at
    {"hop-by-hop not first", hop_by_hop_not_first, {}, {dst}, 1, errc::bad_extension_header, hbh, 48, 16, false},
    {"chain past capture", chain_past_capture, {}, {hbh}, 1, errc::truncated, rt, 48, 10, true},
    {"chain past payload length", chain_past_payload_length, {}, {}, 0, errc::bad_extension_header, rt, 40, 16, false},
    {"hop-by-hop twice", hop_by_hop_twice, {}, {hbh}, 1, errc::bad_extension_header, hbh, 48, 16, false},
    {"routing twice (type 2, type 0)", routing_twice, {}, {rt}, 1, errc::bad_extension_header, rt, 64, 32, false},
    {"AH twice", ah_twice, {}, {ip_protocol::ah}, 1, errc::bad_extension_header, ip_protocol::ah, 56, 24, false},
    {"mobility twice",
     mobility_twice,
     {},
     {ip_protocol::mobility},
     1,
     errc::bad_extension_header,
     ip_protocol::mobility,
     48,
     16,
     false},
    {"HIP twice", hip_twice, {}, {ip_protocol::hip}, 1, errc::bad_extension_header, ip_protocol::hip, 48, 16, false},
    {"shim6 twice",
     shim6_twice,
     {},
     {ip_protocol::shim6},
     1,
     errc::bad_extension_header,
     ip_protocol::shim6,
     48,
     16,
     false},
    {"routing 2 bad length", routing2_bad_length, {}, {}, 0, errc::bad_extension_header, rt, 40, 40, false},
    {"routing 0 odd length", routing0_odd_length, {}, {}, 0, errc::bad_extension_header, rt, 40, 16, false},
    {"routing 0 segments", routing0_segments_past_list, {}, {}, 0, errc::bad_extension_header, rt, 40, 24, false},
    {"SRH last entry", srh_last_entry_past_header, {}, {}, 0, errc::bad_extension_header, rt, 40, 24, false},
    {"SRH segments left", srh_segments_past_list, {}, {}, 0, errc::bad_extension_header, rt, 40, 24, false},
    {"empty payload", zero_length_no_hop_by_hop, {}, {}, 0, {}, ip_protocol::udp, 40, 0, false},
    {"empty payload, routing", zero_length_routing, {}, {}, 0, errc::bad_extension_header, rt, 40, 0, false},
    {"two fragment headers", fragment_twice, {}, {frag}, 1, errc::bad_extension_header, frag, 48, 16, false},
    {"17 extension headers", chain_17, {}, {dst, dst, dst}, 16, errc::too_many_extension_headers, dst, 168, 16, false},
    // parse fails
    {"empty", bytes_view(), errc::truncated, {}, 0, {}, {}, 0, 0, false},
    {"39 bytes", bytes_view(no_extensions).first(39), errc::truncated, {}, 0, {}, {}, 0, 0, false},
    {"version 4", version_4, errc::bad_version, {}, 0, {}, {}, 0, 0, false},
    {"length 0, no jumbo", zero_length_no_jumbo, errc::bad_payload_length, {}, 0, {}, {}, 0, 0, false},
    {"jumbo 65535", jumbo_too_small, errc::bad_payload_length, {}, 0, {}, {}, 0, 0, false},
    {"jumbo beside length", jumbo_beside_length, errc::bad_payload_length, {}, 0, {}, {}, 0, 0, false},
    {"jumbo, hop-by-hop cut", jumbo_hop_by_hop_cut, errc::truncated, {}, 0, {}, {}, 0, 0, false},
};

constexpr bool row_holds(const chain_row& row) {
    const auto r = ipv6_packet_view::parse(row.packet);
    if (row.parse_error != errc{}) return r == row.parse_error;
    if (!r) return false;
    const ipv6_packet_view v = *r;
    std::size_t n = 0;
    for (ipv6_extension_header h : v.extension_headers()) {
        // the first three are listed; the long chains are destination options throughout
        if (h.type() != (n < row.chain.size() ? row.chain[n] : dst)) return false;
        ++n;
    }
    if (n != row.chain_length || v.extension_headers().error() != row.chain_error) return false;
    const bytes_view upper = v.upper_layer_payload();
    return v.upper_layer_protocol() == row.upper && upper.data() == row.packet.data() + row.upper_offset &&
           upper.size() == row.upper_size && v.truncated() == row.truncated && v.bytes().data() == row.packet.data() &&
           v.bytes().size() == row.packet.size();
}

template <std::size_t First, std::size_t Last>
constexpr bool rows_hold() {
    for (std::size_t i = First; i < Last; ++i)
        if (!row_holds(chain_rows[i])) return false;
    return true;
}
static_assert(rows_hold<0, 12>());
static_assert(rows_hold<12, 24>());
static_assert(rows_hold<24, 36>());
static_assert(rows_hold<36, std::size(chain_rows)>());

TEST_CASE("ipv6_packet_view: the chain table") {
    for (const auto& row : chain_rows) {
        CAPTURE(row.name);
        const auto r = ipv6_packet_view::parse(row.packet);
        if (row.parse_error != errc{}) {
            CHECK(r.error() == row.parse_error);
            continue;
        }
        REQUIRE(r.has_value());
        CHECK(r->extension_headers().error() == row.chain_error);
        CHECK(r->upper_layer_protocol() == row.upper);
        CHECK(r->upper_layer_payload().size() == row.upper_size);
        CHECK(r->upper_layer_payload().data() - row.packet.data() == static_cast<std::ptrdiff_t>(row.upper_offset));
        CHECK(r->truncated() == row.truncated);
        CHECK(row_holds(row));
    }
}

// ---------------------------------------------------------------------------
// Every prefix of every packet, copied to an exact-size buffer (so a read past
// it is UB: a build error under static_assert, an ASan report at run time),
// parses to an error or to a view whose every accessor stays inside it.

constexpr bool inside(bytes_view s, bytes_view buffer) {
    return s.empty() || (s.data() >= buffer.data() && s.data() + s.size() <= buffer.data() + buffer.size());
}

constexpr bool accessors_stay_inside(const ipv6_packet_view& v, bytes_view buffer) {
    std::uint64_t sink = 0; // every accessor is called; the reads are the test
    const auto add = [&sink](auto... values) { ((sink += static_cast<std::uint64_t>(values)), ...); };
    add(v.version(), v.traffic_class(), v.dscp(), v.ecn(), v.flow_label(), v.payload_length(), v.next_header(),
        v.hop_limit(), v.payload_length_in_effect(), v.jumbo_payload_length().value_or(0), v.fragment_offset(),
        v.more_fragments(), v.identification(), v.is_fragment(), v.is_first_fragment(), v.is_atomic_fragment(),
        v.pseudo_header_sum(8), v.source().to_bytes()[0], v.destination().to_bytes()[15],
        v.final_destination().to_bytes()[15], v.home_address().value_or(ipv6_address()).to_bytes()[0],
        v.upper_layer_protocol());
    if (!inside(v.bytes(), buffer) || !inside(v.header(), buffer) || !inside(v.payload(), buffer) ||
        !inside(v.upper_layer_payload(), buffer))
        return false;
    for (ipv6_extension_header h : v.extension_headers()) {
        if (!inside(h.bytes(), buffer) || !inside(h.data(), buffer)) return false;
        add(h.next_header(), h.length());
        for (ipv6_option o : h.options()) {
            if (!inside(o.bytes(), buffer) || !inside(o.data(), buffer)) return false;
            add(o.type(), o.length(), o.unrecognized_action(), o.may_change());
        }
        if (const auto r = h.routing()) {
            add(r->segments_left(), r->last_entry(), r->flags(), r->tag(), r->address_count(),
                r->final_destination().has_value(), r->home_address().has_value(), r->next_header());
            for (std::size_t i = 0; i <= r->address_count(); ++i) add(r->address(i).to_bytes()[15]);
            if (!inside(r->bytes(), buffer)) return false;
        }
        if (const auto f = h.fragment()) add(f->fragment_offset(), f->identification(), f->more_fragments());
    }
    static_cast<void>(sink);
    return true;
}

// Prefix lengths from..to (inclusive, clamped to the packet).
constexpr bool prefixes_hold(bytes_view packet, std::size_t from = 0, std::size_t to = 0xFFFF) {
    for (std::size_t n = from; n <= packet.size() && n <= to; ++n) {
        auto* copy = new std::uint8_t[n];
        for (std::size_t i = 0; i < n; ++i) copy[i] = packet[i];
        const bytes_view prefix(copy, n);
        const auto r = ipv6_packet_view::parse(prefix);
        bool ok = n < 40 ? r == errc::truncated : (r || r.error() != errc{});
        if (r) ok = ok && accessors_stay_inside(*r, prefix);
        delete[] copy;
        if (!ok) return false;
    }
    return true;
}

// The long chains (16 and 17 headers) are walked in slices below.
constexpr bool prefix_rows_hold(std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last && i < std::size(chain_rows); ++i)
        if (chain_rows[i].packet.size() < 150 && !prefixes_hold(chain_rows[i].packet)) return false;
    return true;
}
// Two rows per constant evaluation, to stay under clang's default -fconstexpr-steps.
static_assert(prefix_rows_hold(0, 2));
static_assert(prefix_rows_hold(2, 4));
static_assert(prefix_rows_hold(4, 6));
static_assert(prefix_rows_hold(6, 8));
static_assert(prefix_rows_hold(8, 10));
static_assert(prefix_rows_hold(10, 12));
static_assert(prefix_rows_hold(12, 14));
static_assert(prefix_rows_hold(14, 16));
static_assert(prefix_rows_hold(16, 18));
static_assert(prefix_rows_hold(18, 20));
static_assert(prefix_rows_hold(20, 22));
static_assert(prefix_rows_hold(22, 24));
static_assert(prefix_rows_hold(24, 26));
static_assert(prefix_rows_hold(26, 28));
static_assert(prefix_rows_hold(28, 30));
static_assert(prefix_rows_hold(30, 32));
static_assert(prefix_rows_hold(32, 34));
static_assert(prefix_rows_hold(34, 36));
static_assert(prefix_rows_hold(36, 38));
static_assert(prefix_rows_hold(38, 40));
static_assert(prefix_rows_hold(40, 42));
static_assert(prefix_rows_hold(42, 44));
static_assert(prefix_rows_hold(44, 46));
static_assert(prefix_rows_hold(46, 48));
static_assert(prefix_rows_hold(48, 50));
static_assert(prefix_rows_hold(50, 52));
static_assert(prefix_rows_hold(52, 54));
static_assert(prefix_rows_hold(54, 56));
static_assert(prefix_rows_hold(56, 58));
static_assert(prefix_rows_hold(58, 60));
static_assert(std::size(chain_rows) < 60);
// 16 and 17 headers: 8 prefixes per constant evaluation, each its own
// variable, to stay under clang's default -fconstexpr-steps (each chain
// accessor reads a chain summary, which also walks the destination options).
template <const auto& Packet, std::size_t Slice>
constexpr bool prefix_slice_holds = prefixes_hold(Packet, Slice * 8, Slice * 8 + 7);
template <const auto& Packet, std::size_t... Slices>
constexpr bool prefix_slices_hold(std::index_sequence<Slices...>) {
    return (prefix_slice_holds<Packet, Slices> && ...);
}
static_assert(prefix_slices_hold<chain_16>(std::make_index_sequence<std::size(chain_16) / 8 + 1>()));
static_assert(prefix_slices_hold<chain_17>(std::make_index_sequence<std::size(chain_17) / 8 + 1>()));

TEST_CASE("ipv6_packet_view: every truncated prefix, in exact-size heap buffers") {
    for (const auto& row : chain_rows) {
        CAPTURE(row.name);
        for (std::size_t n = 0; n <= row.packet.size(); ++n) {
            CAPTURE(n);
            const std::vector<std::uint8_t> copy(row.packet.begin(),
                                                 row.packet.begin() + static_cast<std::ptrdiff_t>(n));
            const auto r = ipv6_packet_view::parse(copy);
            if (n < 40) CHECK(r.error() == errc::truncated);
            if (r) CHECK(accessors_stay_inside(*r, copy));
            // A prefix of a sound packet parses (a snap cut is readable), except
            // a jumbogram whose hop-by-hop header is cut.
            if (n >= 40 && ipv6_packet_view::parse(row.packet) && row.packet[6] != 0) CHECK(r.has_value());
        }
    }
}

TEST_CASE("ipv6_packet_view: prefixes of a packet report the cut where it falls") {
    // routing0: 40-byte header, 40-byte routing header, 20-byte TCP header.
    for (std::size_t n = 40; n <= std::size(routing0); ++n) {
        CAPTURE(n);
        const auto v = ipv6_packet_view::parse(bytes_view(routing0).first(n)).value();
        CHECK(v.truncated() == (n < std::size(routing0)));
        if (n < 80) {
            CHECK(v.extension_headers().error() == errc::truncated);
            CHECK(v.upper_layer_protocol() == rt);
            CHECK(v.upper_layer_payload().size() == n - 40);
            CHECK(!v.routing_header().has_value());
            CHECK(v.final_destination() == "2001:db8::2"_ipv6); // no routing header read: the header's
        } else {
            CHECK(v.extension_headers().error() == errc{});
            CHECK(v.upper_layer_protocol() == ip_protocol::tcp);
            CHECK(v.upper_layer_payload().size() == n - 80);
            CHECK(v.final_destination() == "2001:db8::b"_ipv6);
        }
    }
}

// ---------------------------------------------------------------------------
// Fixed header fields.

constexpr ipv6_packet_view view(bytes_view b) { return ipv6_packet_view::parse(b).value(); }

static_assert(view(no_extensions).version() == 6);
static_assert(view(no_extensions).traffic_class() == 0xB9);
static_assert(view(no_extensions).dscp() == 46);
static_assert(view(no_extensions).ecn() == 1);
static_assert(view(no_extensions).flow_label() == 0xABCDE);
static_assert(view(no_extensions).payload_length() == 12);
static_assert(view(no_extensions).payload_length_in_effect() == 12);
static_assert(!view(no_extensions).jumbo_payload_length().has_value());
static_assert(view(no_extensions).next_header() == ip_protocol::udp);
static_assert(view(no_extensions).hop_limit() == 64);
static_assert(view(no_extensions).source() == "2001:db8::1"_ipv6);
static_assert(view(no_extensions).destination() == "2001:db8::2"_ipv6);
static_assert(view(no_extensions).header().size() == 40);
static_assert(view(no_extensions).header().data() == no_extensions);
static_assert(view(no_extensions).payload().size() == 12); // the padding is not payload
static_assert(view(no_extensions).bytes().size() == 54);   // but is in bytes()
static_assert(view(no_extensions).payload().data() == no_extensions + 40);
static_assert(!view(no_extensions).truncated());
static_assert(!view(no_extensions).routing_header().has_value());
static_assert(!view(no_extensions).fragment_header().has_value());
static_assert(!view(no_extensions).home_address().has_value());
static_assert(view(no_extensions).final_destination() == "2001:db8::2"_ipv6);
static_assert(view(hop_by_hop_options).destination() == "ff02::16"_ipv6);
static_assert(view(hop_by_hop_options).hop_limit() == 1);

TEST_CASE("ipv6_packet_view: fixed header fields") {
    const auto v = view(no_extensions);
    CHECK(v.version() == 6);
    CHECK(v.traffic_class() == 0xB9);
    CHECK(v.dscp() == 46);
    CHECK(v.ecn() == 1);
    CHECK(v.flow_label() == 0xABCDE);
    CHECK(v.payload_length() == 12);
    CHECK(v.next_header() == ip_protocol::udp);
    CHECK(v.hop_limit() == 64);
    CHECK(v.source().to_string() == "2001:db8::1");
    CHECK(v.destination().to_string() == "2001:db8::2");
    CHECK(v.payload().size() == 12);
    CHECK(v.upper_layer_payload()[4] == 0x00);
    CHECK(v.upper_layer_payload()[8] == 'a');
}

// ---------------------------------------------------------------------------
// Jumbograms (RFC 2675).

static_assert(view(jumbo_cut).payload_length() == 0);
static_assert(view(jumbo_cut).jumbo_payload_length() == 65536U);
static_assert(view(jumbo_cut).payload_length_in_effect() == 65536);
static_assert(view(jumbo_cut).payload().size() == 20); // all the capture holds
static_assert(view(jumbo_cut).truncated());

TEST_CASE("ipv6_packet_view: a whole jumbogram") {
    std::vector<std::uint8_t> p(40 + 65536 + 3); // 3 bytes of trailing junk, not payload
    for (std::size_t i = 0; i < std::size(jumbo_cut); ++i) p[i] = jumbo_cut[i];
    const auto v = ipv6_packet_view::parse(p).value();
    CHECK(v.jumbo_payload_length() == 65536U);
    CHECK(!v.truncated());
    CHECK(v.payload().size() == 65536);
    CHECK(v.upper_layer_protocol() == ip_protocol::udp);
    CHECK(v.upper_layer_payload().size() == 65536 - 8);
    // One byte short of the jumbo length: truncated.
    p.resize(40 + 65535);
    CHECK(ipv6_packet_view::parse(p)->truncated());
}

// ---------------------------------------------------------------------------
// Routing headers.

static_assert(view(routing0).routing_header()->routing_type() == ipv6_routing_type::source_route);
static_assert(view(routing0).routing_header()->next_header() == ip_protocol::tcp);
static_assert(view(routing0).routing_header()->length() == 40);
static_assert(view(routing0).routing_header()->segments_left() == 2);
static_assert(view(routing0).routing_header()->address_count() == 2);
static_assert(view(routing0).routing_header()->address(0) == "2001:db8::a"_ipv6);
static_assert(view(routing0).routing_header()->address(1) == "2001:db8::b"_ipv6);
static_assert(view(routing0).routing_header()->address(2) == ipv6_address()); // past the list
static_assert(!view(routing0).routing_header()->home_address().has_value());
static_assert(view(routing0).routing_header()->final_destination() == "2001:db8::b"_ipv6);
static_assert(view(routing0).final_destination() == "2001:db8::b"_ipv6);
static_assert(view(routing0).destination() == "2001:db8::2"_ipv6);

static_assert(view(routing2).routing_header()->routing_type() == ipv6_routing_type::mobile_ipv6);
static_assert(view(routing2).routing_header()->segments_left() == 1);
static_assert(view(routing2).routing_header()->address_count() == 1);
static_assert(view(routing2).routing_header()->home_address() == "2001:db8:ffff::1"_ipv6);
static_assert(view(routing2).final_destination() == "2001:db8:ffff::1"_ipv6);
static_assert(!view(routing2).home_address().has_value()); // the option, not the routing header

static_assert(view(srh).routing_header()->routing_type() == ipv6_routing_type::segment_routing);
static_assert(view(srh).routing_header()->segments_left() == 1);
static_assert(view(srh).routing_header()->last_entry() == 1);
static_assert(view(srh).routing_header()->flags() == 0);
static_assert(view(srh).routing_header()->tag() == 0x1234);
static_assert(view(srh).routing_header()->address_count() == 2);
static_assert(view(srh).routing_header()->address(0) == "2001:db8::d"_ipv6);
static_assert(view(srh).routing_header()->address(1) == "2001:db8::c"_ipv6);
static_assert(view(srh).final_destination() == "2001:db8::d"_ipv6);

// At segments left 0 the destination field is already the final one.
static_assert(view(srh_done).routing_header()->segments_left() == 0);
static_assert(view(srh_done).routing_header()->address_count() == 1);
static_assert(!view(srh_done).routing_header()->final_destination().has_value());
static_assert(view(srh_done).final_destination() == "2001:db8::2"_ipv6);

// An unknown routing type carries no typed addresses.
static_assert(view(routing_unknown_type).routing_header()->address_count() == 0);
static_assert(view(routing_unknown_type).routing_header()->address(0) == ipv6_address());
static_assert(!view(routing_unknown_type).routing_header()->final_destination().has_value());
static_assert(view(routing_unknown_type).final_destination() == "2001:db8::2"_ipv6);

// A malformed routing header is never handed out.
static_assert(!view(routing2_bad_length).routing_header().has_value());
static_assert(view(routing2_bad_length).final_destination() == "2001:db8::2"_ipv6);

TEST_CASE("ipv6_packet_view: routing headers typed") {
    const auto r0 = view(routing0).routing_header();
    REQUIRE(r0.has_value());
    CHECK(r0->address(1).to_string() == "2001:db8::b");
    const auto r2 = view(routing2).routing_header();
    REQUIRE(r2.has_value());
    CHECK(r2->home_address()->to_string() == "2001:db8:ffff::1");
    const auto r4 = view(srh).routing_header();
    REQUIRE(r4.has_value());
    CHECK(r4->tag() == 0x1234);
    CHECK(r4->address(0).to_string() == "2001:db8::d");
    CHECK(view(srh).final_destination().to_string() == "2001:db8::d");
}

// ---------------------------------------------------------------------------
// Pseudo-header sums (RFC 8200 section 8.1), hand-computed:
//   routing0: 2001:db8::1 -> 2001 + 0db8 + 0001 = 2dba; final 2001:db8::b ->
//   2001 + 0db8 + 000b = 2dc4; length 20 = 0014; next header 6 = 0006:
//   2dba + 2dc4 + 0014 + 0006 = 5b98. The TCP checksum 0x23db was set from it.

constexpr std::uint16_t fold_with(const ipv6_packet_view& v) {
    const bytes_view upper = v.upper_layer_payload();
    return ipwire::checksum_fold(
        ipwire::checksum_add(v.pseudo_header_sum(static_cast<std::uint32_t>(upper.size())), upper));
}

static_assert(view(routing0).pseudo_header_sum(20) == 0x5B98);
static_assert(fold_with(view(routing0)) == 0xFFFF); // the TCP checksum verifies
// home address 2001:db8:ffff::1 -> 2001 + 0db8 + ffff + 0001 = 12db9; 2001:db8::2 -> 2dbb;
// 12db9 + 2dbb + 000c + 0011 = 15b91
static_assert(view(home_address_option).pseudo_header_sum(12) == 0x15B91);
static_assert(fold_with(view(home_address_option)) == 0xFFFF);
// 2dba + (2001:db8:ffff::1) 12db9 + 0008 + 003a = 15bb5
static_assert(view(routing2).pseudo_header_sum(8) == 0x15BB5);
static_assert(fold_with(view(routing2)) == 0xFFFF);
// 2dba + (2001:db8::d) 2dc6 + 0008 + 0011 = 5b99
static_assert(view(srh).pseudo_header_sum(8) == 0x5B99);
static_assert(fold_with(view(srh)) == 0xFFFF);
// A 32-bit length: 0x00010004 adds 0001 + 0004.
static_assert(view(no_extensions).pseudo_header_sum(0x10004) == 0x2DBA + 0x2DBB + 0x0001 + 0x0004 + 17);

TEST_CASE("ipv6_packet_view: pseudo-header sums") {
    CHECK(view(routing0).pseudo_header_sum(20) == 0x5B98);
    CHECK(fold_with(view(routing0)) == 0xFFFF);
    // The same packet checked against its header's destination does not verify:
    // the final destination is what counts.
    std::array<std::uint8_t, std::size(routing0)> moved{};
    for (std::size_t i = 0; i < moved.size(); ++i) moved[i] = routing0[i];
    moved[43] = 0x00; // routing type 0 now with segments left 0: the final destination is the header's
    const auto v = view(moved);
    CHECK(v.final_destination() == "2001:db8::2"_ipv6);
    CHECK(fold_with(v) != 0xFFFF);
    CHECK(view(home_address_option).pseudo_header_sum(12) == 0x15B91);
    CHECK(view(srh).pseudo_header_sum(8) == 0x5B99);
}

// ---------------------------------------------------------------------------
// Fragments.

struct fragment_row {
    std::string_view name;
    bytes_view packet;
    std::uint16_t offset; // bytes
    bool more;
    std::uint32_t identification;
    bool is_fragment, is_first, is_atomic;
};

constexpr fragment_row fragment_rows[] = {
    {"first", fragment_first, 0, true, 0x12345678, true, true, false},
    {"middle", fragment_middle, 16, true, 0xABCD, true, false, false},
    {"last", fragment_last, 24, false, 0x12345678, true, false, false},
    {"atomic", fragment_atomic, 0, false, 0xDEADBEEF, false, false, true}, // RFC 6946: a whole packet
    {"none", no_extensions, 0, false, 0, false, false, false},
    {"two headers: the first", fragment_twice, 0, true, 0x12345678, true, true, false},
};

constexpr bool fragment_rows_hold() {
    for (const auto& row : fragment_rows) {
        const auto v = view(row.packet);
        if (v.fragment_offset() != row.offset || v.more_fragments() != row.more ||
            v.identification() != row.identification || v.is_fragment() != row.is_fragment ||
            v.is_first_fragment() != row.is_first || v.is_atomic_fragment() != row.is_atomic)
            return false;
        const auto f = v.fragment_header();
        if (f.has_value() != (row.name != "none")) return false;
        if (f && (f->fragment_offset() != row.offset || f->more_fragments() != row.more ||
                  f->identification() != row.identification || f->is_atomic() != row.is_atomic ||
                  f->next_header() != v.upper_layer_protocol() || f->bytes().size() != 8))
            return false;
    }
    return true;
}
static_assert(fragment_rows_hold());

TEST_CASE("ipv6_packet_view: fragment fields") {
    for (const auto& row : fragment_rows) {
        CAPTURE(row.name);
        const auto v = view(row.packet);
        CHECK(v.fragment_offset() == row.offset);
        CHECK(v.more_fragments() == row.more);
        CHECK(v.identification() == row.identification);
        CHECK(v.is_fragment() == row.is_fragment);
        CHECK(v.is_first_fragment() == row.is_first);
        CHECK(v.is_atomic_fragment() == row.is_atomic);
    }
    CHECK(fragment_rows_hold());
    // A non-first fragment's data is never walked, though it looks like a header.
    CHECK(view(fragment_middle).upper_layer_protocol() == dst);
    CHECK(view(fragment_middle).upper_layer_payload()[0] == 0x11);
    CHECK(view(fragment_middle).upper_layer_payload().size() == 8);
    CHECK(test_ranges::distance(view(fragment_middle).extension_headers()) == 1);
}

// ---------------------------------------------------------------------------
// Options.

struct option_expect {
    ipv6_option_type type;
    std::size_t length; // data bytes
    std::uint8_t action;
    bool may_change;
    std::uint8_t first_data; // 0 when there is none
};

constexpr option_expect hop_by_hop_expected[] = {
    {ipv6_option_type::pad1, 0, 0, false, 0},
    {ipv6_option_type::router_alert, 2, 0, false, 0x00},
    {static_cast<ipv6_option_type>(0x3E), 3, 0, true, 0xAA},
    {ipv6_option_type::padn, 2, 0, false, 0x00},
};

constexpr bool options_hold() {
    const auto h = *view(hop_by_hop_options).extension_headers().begin();
    if (h.type() != hbh || h.next_header() != ip_protocol::icmpv6 || h.length() != 16 || h.data().size() != 14)
        return false;
    std::size_t n = 0;
    for (ipv6_option o : h.options()) {
        if (n == std::size(hop_by_hop_expected)) return false;
        const auto& e = hop_by_hop_expected[n++];
        const std::size_t whole = e.type == ipv6_option_type::pad1 ? 1 : 2 + e.length;
        if (o.type() != e.type || o.data_length() != e.length || o.data().size() != e.length || o.length() != whole ||
            o.bytes().size() != whole || o.unrecognized_action() != e.action || o.may_change() != e.may_change ||
            (e.length != 0 && o.data()[0] != e.first_data))
            return false;
    }
    if (n != std::size(hop_by_hop_expected) || h.options().error() != errc{}) return false;
    if (h.options().find(ipv6_option_type::router_alert)->data()[1] != 0) return false;
    if (h.options().find(ipv6_option_type::jumbo_payload).has_value()) return false;
    return !h.routing().has_value() && !h.fragment().has_value();
}
static_assert(options_hold());

// The jumbo option's action bits: 3 (discard and report), no change en route.
static_assert((*(*view(jumbo_cut).extension_headers().begin()).options().begin()).unrecognized_action() == 3);
static_assert(!(*(*view(jumbo_cut).extension_headers().begin()).options().begin()).may_change());

constexpr std::ptrdiff_t count_options(bytes_view packet) {
    return test_ranges::distance((*view(packet).extension_headers().begin()).options());
}
constexpr errc option_error(bytes_view packet) { return (*view(packet).extension_headers().begin()).options().error(); }
static_assert(count_options(bad_option) == 1); // Pad1, then the router alert that runs past
static_assert(option_error(bad_option) == errc::bad_option_length);
static_assert(count_options(option_without_length) == 5);
static_assert(option_error(option_without_length) == errc::bad_option_length);
static_assert(!view(option_without_length).home_address().has_value());
static_assert(count_options(option_one_byte_over) == 0);
static_assert(option_error(option_one_byte_over) == errc::bad_option_length);
// Options of a header that has none.
static_assert((*view(routing0).extension_headers().begin()).options().begin() == std::default_sentinel);
static_assert((*view(routing0).extension_headers().begin()).options().error() == errc{});

TEST_CASE("ipv6_packet_view: options") {
    CHECK(options_hold());
    CHECK(option_error(bad_option) == errc::bad_option_length);
    CHECK(option_error(option_without_length) == errc::bad_option_length);
    // The iterator itself reports the error when it reaches the end.
    auto options = (*view(bad_option).extension_headers().begin()).options();
    auto it = options.begin();
    CHECK(it.error() == errc{});
    CHECK((*it).type() == ipv6_option_type::pad1);
    CHECK(it.offset() == 0);
    CHECK(it.length() == 1);
    CHECK(it.data_length() == 0);
    ++it;
    CHECK(it == std::default_sentinel);
    CHECK(it.error() == errc::bad_option_length);
    CHECK(it.offset() == 1); // the router alert that runs past the area
    CHECK(options.offset() == 1);
}

// ---------------------------------------------------------------------------
// Home Address option (RFC 6275 section 6.3).

static_assert(view(home_address_option).home_address() == "2001:db8:ffff::1"_ipv6);
static_assert(view(home_address_option).source() == "2001:db8::1"_ipv6);
static_assert((*view(home_address_option).extension_headers().begin())
                  .options()
                  .find(ipv6_option_type::home_address)
                  ->data_length() == 16);
static_assert(
    (*view(home_address_option).extension_headers().begin()).options().find(ipv6_option_type::home_address)->length() ==
    18);

TEST_CASE("ipv6_packet_view: home address option") {
    CHECK(view(home_address_option).home_address()->to_string() == "2001:db8:ffff::1");
    // A Home Address option whose length is not 16 is not read.
    std::array<std::uint8_t, std::size(home_address_option)> p{};
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = home_address_option[i];
    p[47] = 0x0F; // option length 15 ...
    p[63] = 0x00; // ... and its last byte a Pad1: a well-formed list without a 16-byte home address
    CHECK(!view(p).home_address().has_value());
    CHECK((*view(p).extension_headers().begin()).options().error() == errc{});
    CHECK(view(p).pseudo_header_sum(12) == 0x2DBA + 0x2DBB + 0x000C + 0x0011); // the header's source
}

// ---------------------------------------------------------------------------
// Extension items: lengths by type.

constexpr bool item_lengths_hold() {
    const auto ah = *view(authentication).extension_headers().begin();
    if (ah.type() != ip_protocol::ah || ah.length() != 24 || ah.next_header() != ip_protocol::icmpv6) return false;
    if (ah.routing().has_value() || ah.fragment().has_value() || ah.options().begin() != std::default_sentinel)
        return false;
    const auto f = *view(fragment_first).extension_headers().begin();
    if (f.length() != 8 || !f.fragment().has_value() || f.routing().has_value()) return false;
    const auto m = *view(mobility).extension_headers().begin();
    if (m.type() != ip_protocol::mobility || m.length() != 16 || m.next_header() != ip_protocol::ipv6_no_next)
        return false;
    const auto h = *view(hip).extension_headers().begin();
    if (h.type() != ip_protocol::hip || h.length() != 40) return false;
    auto it = view(shim6).extension_headers().begin();
    ++it;
    if ((*it).type() != ip_protocol::shim6 || (*it).length() != 16) return false;
    return true;
}
static_assert(item_lengths_hold());

// The range and iterator are usable with the standard algorithms.
static_assert(test_ranges::distance(view(chain_16).extension_headers()) == 16);
static_assert(test_ranges::distance(view(chain_17).extension_headers()) == 16);
static_assert(view(chain_17).extension_headers().walk().offset() == 128);

TEST_CASE("ipv6_packet_view: extension items and the chain bound") {
    CHECK(item_lengths_hold());
    CHECK(view(chain_16).extension_headers().error() == errc{});
    CHECK(view(chain_16).upper_layer_protocol() == ip_protocol::udp);
    CHECK(view(chain_17).extension_headers().error() == errc::too_many_extension_headers);
    CHECK(view(chain_17).upper_layer_protocol() == dst);
    auto it = view(authentication).extension_headers().begin();
    const auto copy = it++;
    CHECK(copy != it);
    CHECK(it == std::default_sentinel);
    CHECK(it.protocol() == ip_protocol::icmpv6);
    CHECK(it.offset() == 24);
}

// ---------------------------------------------------------------------------
// Real packets from ../shared/captures (Ethernet header dropped), with what
// tshark 4.0 says of them.

// zeek-ip6-route0-tcp-good-chksum.pcap frame 1: routing type 0, two addresses,
// segments left 2; tshark: tcp 30000 -> 80 SYN, checksum good.
// clang-format off
constexpr std::uint8_t zeek_route0_tcp[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x3c, 0x2b, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0,
    0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0, 0x81, 0xff,
    0xfe, 0x52, 0x9a, 0x6b, 0x06, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01,
    0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x75, 0x30, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x50, 0x02, 0x20, 0x00, 0x51, 0x7e, 0x00, 0x00,
};
// clang-format on
static_assert(view(zeek_route0_tcp).source() == "2001:4f8:4:7:2e0:81ff:fe52:ffff"_ipv6);
static_assert(view(zeek_route0_tcp).destination() == "2001:4f8:4:7:2e0:81ff:fe52:9a6b"_ipv6);
static_assert(view(zeek_route0_tcp).payload_length() == 60);
static_assert(view(zeek_route0_tcp).next_header() == rt);
static_assert(view(zeek_route0_tcp).upper_layer_protocol() == ip_protocol::tcp);
static_assert(view(zeek_route0_tcp).final_destination() == "2001:78:1:32::2"_ipv6);
static_assert(fold_with(view(zeek_route0_tcp)) == 0xFFFF);

// zeek-ipv6-hbh-routing0.pcap frame 1: hop-by-hop, routing type 0, UDP 53 -> 53
// with checksum good (tshark flags the DNS inside as malformed).
// clang-format off
constexpr std::uint8_t zeek_hbh_routing0_udp[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x3b, 0x00, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0,
    0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0, 0x81, 0xff,
    0xfe, 0x52, 0x9a, 0x6b, 0x2b, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x11, 0x04, 0x00, 0x02, 0x00, 0x00,
    0x00, 0x00, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x35,
    0x00, 0x35, 0x00, 0x0b, 0x86, 0x31, 0x58, 0x58, 0x58,
};
// clang-format on
static_assert(view(zeek_hbh_routing0_udp).upper_layer_protocol() == ip_protocol::udp);
static_assert(view(zeek_hbh_routing0_udp).upper_layer_payload().size() == 11); // odd length
static_assert(fold_with(view(zeek_hbh_routing0_udp)) == 0xFFFF);

// zeek-ip6-hoa-udp-good-chksum.pcap frame 1: destination options with a home
// address; tshark: UDP 30000 -> 13000, checksum good.
// clang-format off
constexpr std::uint8_t zeek_hoa_udp[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x24, 0x3c, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0,
    0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07, 0x02, 0xe0, 0x81, 0xff,
    0xfe, 0x52, 0x9a, 0x6b, 0x11, 0x02, 0x01, 0x02, 0x00, 0x00, 0xc9, 0x10, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01,
    0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x75, 0x30, 0x32, 0xc8, 0x00, 0x0c, 0x43, 0xde,
    0x58, 0x58, 0x58, 0x58,
};
// clang-format on
static_assert(view(zeek_hoa_udp).home_address() == "2001:78:1:32::1"_ipv6);
static_assert(view(zeek_hoa_udp).upper_layer_protocol() == ip_protocol::udp);
static_assert(fold_with(view(zeek_hoa_udp)) == 0xFFFF);

TEST_CASE("ipv6_packet_view: real packets") {
    for (bytes_view p : {bytes_view(zeek_route0_tcp), bytes_view(zeek_hbh_routing0_udp), bytes_view(zeek_hoa_udp)}) {
        const auto v = view(p);
        CHECK(fold_with(v) == 0xFFFF);
        CHECK(!v.truncated());
        CHECK(v.extension_headers().error() == errc{});
        CHECK(prefixes_hold(p));
    }
}

} // namespace

// ---------------------------------------------------------------------------
// The chain summary: one walk, every chain fact (wire/ipv6_chain.hpp).

using ipwire::ipv6_chain_stop;
using ipwire::ipv6_chain_summary;

struct summary_row {
    std::string_view name;
    bytes_view packet;
    ip_protocol protocol;
    std::size_t offset; // upper_layer_offset()
    ipv6_chain_stop stop;
    errc error;
    std::size_t headers;
    int fragment_offset; // -1: no fragment header
    bool is_fragment;
    int routing_type; // -1: no routing header
    ipv6_address final_destination;
    std::optional<ipv6_address> home;
};

constexpr ipv6_address dst2 = "2001:db8::2"_ipv6;
constexpr auto none6 = std::optional<ipv6_address>{};

// clang-format off
constexpr summary_row summary_rows[] = {
    {"no_extensions", no_extensions, ip_protocol::udp, 0, ipv6_chain_stop::upper_layer, errc{}, 0, -1, false, -1, dst2, none6},
    {"routing0", routing0, ip_protocol::tcp, 40, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, 0, "2001:db8::b"_ipv6, none6},
    {"routing2", routing2, ip_protocol::icmpv6, 24, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, 2, "2001:db8:ffff::1"_ipv6, none6},
    {"srh", srh, ip_protocol::udp, 40, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, 4, "2001:db8::d"_ipv6, none6},
    {"srh_done", srh_done, ip_protocol::ipv6_no_next, 32, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, 4, dst2, none6},
    {"fragment_first", fragment_first, ip_protocol::udp, 8, ipv6_chain_stop::upper_layer, errc{}, 1, 0, true, -1, dst2, none6},
    {"fragment_middle", fragment_middle, ip_protocol::ipv6_destination, 8, ipv6_chain_stop::non_first_fragment, errc{}, 1, 16, true, -1, dst2, none6},
    {"fragment_last", fragment_last, ip_protocol::udp, 8, ipv6_chain_stop::non_first_fragment, errc{}, 1, 24, true, -1, dst2, none6},
    {"fragment_twice", fragment_twice, ip_protocol::ipv6_fragment, 8, ipv6_chain_stop::error, errc::bad_extension_header, 1, 0, true, -1, dst2, none6},
    {"fragment_atomic", fragment_atomic, ip_protocol::tcp, 8, ipv6_chain_stop::upper_layer, errc{}, 1, 0, false, -1, dst2, none6},
    {"home_address_option", home_address_option, ip_protocol::udp, 24, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, -1, dst2, "2001:db8:ffff::1"_ipv6},
    {"authentication", authentication, ip_protocol::icmpv6, 24, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, -1, dst2, none6},
    {"esp_end", esp_end, ip_protocol::esp, 8, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, -1, dst2, none6},
    {"no_next_header", no_next_header, ip_protocol::ipv6_no_next, 0, ipv6_chain_stop::upper_layer, errc{}, 0, -1, false, -1, dst2, none6},
    {"unknown_next_header", unknown_next_header, static_cast<ip_protocol>(253), 8, ipv6_chain_stop::upper_layer, errc{}, 1, -1, false, -1, dst2, none6},
    {"hop_by_hop_not_first", hop_by_hop_not_first, hbh, 8, ipv6_chain_stop::error, errc::bad_extension_header, 1, -1, false, -1, dst2, none6},
    {"chain_past_capture", chain_past_capture, ip_protocol::ipv6_routing, 8, ipv6_chain_stop::error, errc::truncated, 1, -1, false, -1, dst2, none6},
    {"chain_past_payload_length", chain_past_payload_length, ip_protocol::ipv6_routing, 0, ipv6_chain_stop::error, errc::bad_extension_header, 0, -1, false, -1, dst2, none6},
};
// clang-format on

constexpr bool summary_row_holds(const summary_row& row) {
    const ipv6_packet_view v = view(row.packet);
    const ipv6_chain_summary s = v.chain_summary();
    const auto f = s.fragment_header();
    const auto r = s.routing_header();
    const bytes_view upper = s.upper_layer_payload();
    // The summary agrees with the raw walk it was made from.
    const auto walked = v.extension_headers().walk();
    return s.upper_layer_protocol() == row.protocol && s.upper_layer_offset() == row.offset && s.stop() == row.stop &&
           s.error() == row.error && s.header_count() == row.headers &&
           (f ? static_cast<int>(f->fragment_offset()) : -1) == row.fragment_offset &&
           s.is_fragment() == row.is_fragment && (r ? static_cast<int>(r->routing_type()) : -1) == row.routing_type &&
           s.final_destination() == row.final_destination && s.home_address() == row.home &&
           upper.data() == v.payload().data() + row.offset && upper.size() == v.payload().size() - row.offset &&
           walked.protocol() == row.protocol && walked.offset() == row.offset && walked.error() == row.error &&
           // and the view's accessors read it
           v.upper_layer_protocol() == row.protocol && v.final_destination() == row.final_destination &&
           v.home_address() == row.home && v.is_fragment() == row.is_fragment;
}
constexpr bool summary_rows_hold() {
    for (const auto& row : summary_rows)
        if (!summary_row_holds(row)) return false;
    return true;
}
static_assert(summary_rows_hold());

TEST_CASE("ipv6_chain_summary: one walk of each chain") {
    for (const auto& row : summary_rows) {
        CAPTURE(row.name);
        const ipv6_chain_summary s = view(row.packet).chain_summary();
        CHECK(s.upper_layer_protocol() == row.protocol);
        CHECK(s.upper_layer_offset() == row.offset);
        CHECK(s.stop() == row.stop);
        CHECK(s.error() == row.error);
        CHECK(s.header_count() == row.headers);
        CHECK(s.is_fragment() == row.is_fragment);
        CHECK(s.final_destination() == row.final_destination);
        CHECK(s.home_address() == row.home);
        CHECK(summary_row_holds(row));
    }
}

TEST_CASE("ipv6_chain_summary: pseudo-header sums, stop names, the empty summary") {
    // The pseudo-header from the summary is the view's, and both check the
    // real checksums: routing0's TCP to the final destination, home_address_option's
    // UDP from the home address.
    for (const bytes_view p : {bytes_view(routing0), bytes_view(home_address_option), bytes_view(srh)}) {
        const ipv6_packet_view v = view(p);
        const auto len = static_cast<std::uint32_t>(v.chain_summary().upper_layer_payload().size());
        CHECK(v.chain_summary().pseudo_header_sum(len) == v.pseudo_header_sum(len));
        CHECK(ipwire::checksum_fold(ipwire::checksum_add(v.chain_summary().pseudo_header_sum(len),
                                                         v.chain_summary().upper_layer_payload())) == 0xFFFF);
    }
    CHECK(to_string(ipv6_chain_stop::upper_layer) == "upper layer");
    CHECK(to_string(ipv6_chain_stop::non_first_fragment) == "non-first fragment");
    CHECK(to_string(ipv6_chain_stop::error) == "error");
    CHECK(to_string(static_cast<ipv6_chain_stop>(9)).empty());
    constexpr ipv6_chain_summary empty;
    static_assert(empty.upper_layer_payload().empty() && empty.header_count() == 0 && !empty.fragment_header() &&
                  !empty.routing_header() && !empty.home_address() && empty.error() == errc{});
    CHECK(empty.stop() == ipv6_chain_stop::upper_layer);
}
