// ipv4_packet_view (ipwire/wire/ipv4.hpp): every RFC 791 field read back from
// hand-built packets, options (NOP, EOL, record route, timestamp, router alert
// and malformed lengths), source routes and the final destination, fragments,
// Ethernet padding, snap-length cuts, the header checksum (valid, every
// single-bit corruption, RFC 1624 update), the pseudo-header sum, parse
// errors, and every truncated prefix.
#include <ipwire/wire/ipv4.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <ranges>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_protocol;
using ipwire::ipv4_address;
using ipwire::ipv4_option;
using ipwire::ipv4_option_iterator;
using ipwire::ipv4_option_range;
using ipwire::ipv4_option_type;
using ipwire::ipv4_packet_view;

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------------------
// The view's shape

static_assert(sizeof(ipv4_packet_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<ipv4_packet_view>);
static_assert(std::is_nothrow_default_constructible_v<ipv4_packet_view>);
static_assert(!std::is_constructible_v<ipv4_packet_view, bytes_view>); // only parse makes one
static_assert(std::is_trivially_copyable_v<ipv4_option>);
static_assert(std::forward_iterator<ipv4_option_iterator>);
static_assert(std::ranges::forward_range<ipv4_option_range>);
static_assert(std::is_same_v<std::ranges::range_value_t<ipv4_option_range>, ipv4_option>);
static_assert(ipv4_packet_view().bytes().empty());

// ---------------------------------------------------------------------------
// Hand-built packets. Checksums were computed over the header with its
// checksum field zero (RFC 1071); the tests below recompute them.

// UDP with DF, DSCP and ECN set, and a valid UDP checksum.
// clang-format off
constexpr std::uint8_t udp_df[] = {
    0x45,                   // version 4, IHL 5 (20 bytes)
    0xB9,                   // DSCP 46 (EF), ECN 1 (ECT(1))
    0x00, 0x24,             // total length 36
    0x1C, 0x46,             // identification 0x1C46
    0x40, 0x00,             // flags: DF; fragment offset 0
    0x40,                   // TTL 64
    0x11,                   // protocol 17 (UDP)
    0x31, 0x93,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // UDP: source port 1234, destination port 53, length 16, checksum 0x9A46
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x10, 0x9A, 0x46,
    // UDP data: "ipwire!\n"
    0x69, 0x70, 0x77, 0x69, 0x72, 0x65, 0x21, 0x0A,
};
// clang-format on

// ICMP echo request behind a record route option between NOPs, then EOL.
// clang-format off
constexpr std::uint8_t options_record_route[] = {
    0x49,                   // version 4, IHL 9 (36 bytes: 16 of options)
    0x00,                   // DSCP 0, ECN 0
    0x00, 0x2C,             // total length 44
    0x01, 0x01,             // identification 0x0101
    0x00, 0x00,             // no flags, fragment offset 0
    0x40,                   // TTL 64
    0x01,                   // protocol 1 (ICMP)
    0x22, 0x5B,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x63, // destination 192.0.2.99
    0x01,                   // option at 0: NOP
    0x07, 0x0B, 0x08,       // option at 1: record route, length 11, pointer 8 (second slot next)
    0xC0, 0x00, 0x02, 0x01, //   slot 1: 192.0.2.1
    0x00, 0x00, 0x00, 0x00, //   slot 2: empty
    0x01,                   // option at 12: NOP
    0x00,                   // option at 13: EOL, ends the list
    0x00, 0x00,             // padding to a 32-bit boundary
    // ICMP echo request: type 8, code 0, checksum 0xE5CA, id 0x1234, sequence 1
    0x08, 0x00, 0xE5, 0xCA, 0x12, 0x34, 0x00, 0x01,
};
// clang-format on

// A full timestamp option (RFC 791 "Internet Timestamp").
// clang-format off
constexpr std::uint8_t options_timestamp[] = {
    0x48,                   // version 4, IHL 8 (32 bytes: 12 of options)
    0x00,                   // DSCP 0, ECN 0
    0x00, 0x28,             // total length 40
    0x02, 0x02,             // identification 0x0202
    0x00, 0x00,             // no flags, fragment offset 0
    0x40,                   // TTL 64
    0x01,                   // protocol 1 (ICMP)
    0xC2, 0xE3,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x63, // destination 192.0.2.99
    0x44, 0x0C,             // option at 0: timestamp (68), length 12
    0x0D,                   //   pointer 13: past the last slot, the option is full
    0x10,                   //   overflow 1, flag 0 (timestamps only)
    0x00, 0x36, 0xEE, 0x80, //   3600000 ms since midnight UT
    0x00, 0x36, 0xEE, 0x81, //   3600001 ms
    // ICMP echo request
    0x08, 0x00, 0xE5, 0xCA, 0x12, 0x34, 0x00, 0x01,
};
// clang-format on

// IGMPv2 membership report with router alert, as hosts send it (RFC 2236).
// clang-format off
constexpr std::uint8_t options_router_alert[] = {
    0x46,                   // version 4, IHL 6 (24 bytes: 4 of options)
    0xC0,                   // DSCP 48 (CS6), ECN 0
    0x00, 0x20,             // total length 32
    0x00, 0x00,             // identification 0
    0x40, 0x00,             // flags: DF; fragment offset 0
    0x01,                   // TTL 1
    0x02,                   // protocol 2 (IGMP)
    0x41, 0x1B,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xE0, 0x00, 0x00, 0xFB, // destination 224.0.0.251
    0x94, 0x04, 0x00, 0x00, // option at 0: router alert (148: copied, class 0, number 20), length 4, value 0
    // IGMPv2 report: type 0x16, max resp 0, checksum 0x0904, group 224.0.0.251
    0x16, 0x00, 0x09, 0x04, 0xE0, 0x00, 0x00, 0xFB,
};
// clang-format on

// UDP sent along a loose source route still under way: the header names the
// next hop, the route's last address is the final destination, and the UDP
// checksum covers that one.
// clang-format off
constexpr std::uint8_t source_route_udp[] = {
    0x48,                   // version 4, IHL 8 (32 bytes: 12 of options)
    0x00,                   // DSCP 0, ECN 0
    0x00, 0x30,             // total length 48
    0x07, 0x07,             // identification 0x0707
    0x00, 0x00,             // no flags, fragment offset 0
    0x40,                   // TTL 64
    0x11,                   // protocol 17 (UDP)
    0x78, 0xF0,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0xFE, // destination 192.0.2.254: the next hop
    0x01,                   // option at 0: NOP
    0x83, 0x0B, 0x04,       // option at 1: loose source route (131: copied, class 0, number 3), length 11, pointer 4
    0xC6, 0x33, 0x64, 0x01, //   route 1: 198.51.100.1, next to visit
    0xCB, 0x00, 0x71, 0x09, //   route 2: 203.0.113.9, the final destination
    // UDP: ports 1234 > 53, length 16, checksum 0x9067 (over 203.0.113.9); data "srcrte!\n"
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x10, 0x90, 0x67, 0x73, 0x72, 0x63, 0x72, 0x74, 0x65, 0x21, 0x0A,
};
// clang-format on

// A strict source route that is done: the pointer is past the option, so the
// header's destination is already the final one.
// clang-format off
constexpr std::uint8_t source_route_done[] = {
    0x47,                   // version 4, IHL 7 (28 bytes: 8 of options)
    0x00,                   // DSCP 0, ECN 0
    0x00, 0x24,             // total length 36
    0x08, 0x08,             // identification 0x0808
    0x00, 0x00,             // no flags, fragment offset 0
    0x40,                   // TTL 64
    0x01,                   // protocol 1 (ICMP)
    0xE2, 0xFB,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xCB, 0x00, 0x71, 0x09, // destination 203.0.113.9
    0x89, 0x07, 0x08,       // option at 0: strict source route (137), length 7, pointer 8 (past the end: done)
    0xC0, 0x00, 0x02, 0xFE, //   recorded: 192.0.2.254
    0x00,                   // option at 7: EOL
    // ICMP echo request
    0x08, 0x00, 0xE5, 0xCA, 0x12, 0x34, 0x00, 0x01,
};
// clang-format on

// Malformed option lists: the packet parses, the option walk stops.
// clang-format off
constexpr std::uint8_t option_length_0[] = {
    0x46, 0x00, 0x00, 0x18, // version 4, IHL 6; DSCP/ECN 0; total length 24
    0x03, 0x03, 0x00, 0x00, // identification 0x0303; no flags, offset 0
    0x40, 0x06, 0xF1, 0xD2, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x01,                   // option at 0: NOP
    0x07, 0x00,             // option at 1: record route with length 0: bad
    0x00,                   // (never read as an option)
};
// clang-format on
// clang-format off
constexpr std::uint8_t option_length_1[] = {
    0x46, 0x00, 0x00, 0x18, // version 4, IHL 6; DSCP/ECN 0; total length 24
    0x03, 0x03, 0x00, 0x00, // identification 0x0303; no flags, offset 0
    0x40, 0x06, 0xEB, 0xD8, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x07, 0x01,             // option at 0: record route with length 1 (shorter than its own type and length)
    0x00, 0x00,
};
// clang-format on
// clang-format off
constexpr std::uint8_t option_past_header[] = {
    0x47, 0x00, 0x00, 0x1C, // version 4, IHL 7; DSCP/ECN 0; total length 28
    0x03, 0x03, 0x00, 0x00, // identification 0x0303; no flags, offset 0
    0x40, 0x06, 0xE5, 0xCA, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x01,                   // option at 0: NOP
    0x07, 0x0B, 0x04,       // option at 1: record route, length 11, but 7 bytes are left
    0x00, 0x00, 0x00, 0x00,
};
// clang-format on
// clang-format off
constexpr std::uint8_t option_length_missing[] = {
    0x46, 0x00, 0x00, 0x18, // version 4, IHL 6; DSCP/ECN 0; total length 24
    0x03, 0x03, 0x00, 0x00, // identification 0x0303; no flags, offset 0
    0x40, 0x06, 0xF0, 0x94, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x01, 0x01, 0x01,       // options at 0, 1, 2: NOP
    0x44,                   // option at 3: timestamp, whose length byte would be past the header
};
// clang-format on
// clang-format off
constexpr std::uint8_t option_after_end_of_list[] = {
    0x46, 0x00, 0x00, 0x18, // version 4, IHL 6; DSCP/ECN 0; total length 24
    0x03, 0x03, 0x00, 0x00, // identification 0x0303; no flags, offset 0
    0x40, 0x06, 0xF1, 0xD3, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x00,                   // option at 0: EOL, ends the list
    0x07, 0x00, 0xFF,       // after EOL: not options (a record route of length 0 would be an error)
};
// clang-format on

// Three fragments of one UDP datagram, identification 0xABCD, and one at the
// largest offset with the reserved flag set.
// clang-format off
constexpr std::uint8_t fragment_first[] = {
    0x45, 0x00, 0x00, 0x1C, // version 4, IHL 5; DSCP/ECN 0; total length 28
    0xAB, 0xCD,             // identification 0xABCD
    0x20, 0x00,             // flags: MF; fragment offset 0
    0x40, 0x11, 0xC2, 0xCC, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // data bytes 0-7 of the datagram: the UDP header (ports 1234 > 53, length 20, checksum 0)
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x14, 0x00, 0x00,
};
// clang-format on
// clang-format off
constexpr std::uint8_t fragment_middle[] = {
    0x45, 0x00, 0x00, 0x1C, // version 4, IHL 5; DSCP/ECN 0; total length 28
    0xAB, 0xCD,             // identification 0xABCD
    0x20, 0x01,             // flags: MF; fragment offset 1 (8 bytes)
    0x40, 0x11, 0xC2, 0xCB, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // data bytes 8-15 of the datagram
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
};
// clang-format on
// clang-format off
constexpr std::uint8_t fragment_last[] = {
    0x45, 0x00, 0x00, 0x18, // version 4, IHL 5; DSCP/ECN 0; total length 24
    0xAB, 0xCD,             // identification 0xABCD
    0x00, 0x02,             // no flags; fragment offset 2 (16 bytes)
    0x40, 0x11, 0xE2, 0xCE, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // data bytes 16-19 of the datagram
    0x38, 0x39, 0x3A, 0x3B,
};
// clang-format on
// clang-format off
constexpr std::uint8_t fragment_max_offset[] = {
    0x45, 0x00, 0x00, 0x14, // version 4, IHL 5; DSCP/ECN 0; total length 20 (no data)
    0xAB, 0xCD,             // identification 0xABCD
    0x9F, 0xFF,             // flags: reserved bit set, no DF, no MF; fragment offset 8191 (65528 bytes)
    0x40, 0x11, 0x42, 0xD5, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
};
// clang-format on

// A 28-byte packet in a minimum Ethernet payload: 18 bytes of padding follow
// its total length and are not payload.
// clang-format off
constexpr std::uint8_t ethernet_padded[] = {
    0x45, 0x00, 0x00, 0x1C, // version 4, IHL 5; DSCP/ECN 0; total length 28
    0x04, 0x04, 0x00, 0x00, // identification 0x0404; no flags, offset 0
    0x40, 0x01, 0xF2, 0xD9, // TTL 64; protocol 1 (ICMP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    // ICMP echo request
    0x08, 0x00, 0xE5, 0xCA, 0x12, 0x34, 0x00, 0x01,
    // Ethernet padding to 46 bytes
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on

// A 1500-byte packet captured with a snap length that kept 40 bytes.
// clang-format off
constexpr std::uint8_t snap_cut[] = {
    0x45, 0x03, 0x05, 0xDC, // version 4, IHL 5; DSCP 0, ECN 3 (CE); total length 1500
    0x05, 0x05, 0x40, 0x00, // identification 0x0505; flags: DF; offset 0
    0x40, 0x06, 0xAC, 0x10, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    // the first 20 of 1480 data bytes
    0x00, 0x50, 0xC3, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x50, 0x10, 0xFF, 0xFF, 0x00, 0x00,
    0x00, 0x00,
};
// clang-format on

// ---------------------------------------------------------------------------
// Every field of every packet

struct packet_row {
    std::string_view name;
    bytes_view bytes;
    std::size_t header_length;
    std::uint8_t dscp;
    std::uint8_t ecn;
    std::uint16_t total_length;
    std::uint16_t identification;
    bool reserved_flag;
    bool dont_fragment;
    bool more_fragments;
    std::uint16_t fragment_offset; // bytes
    bool is_fragment;
    bool is_first_fragment;
    std::uint8_t time_to_live;
    ip_protocol protocol;
    std::uint16_t header_checksum;
    std::uint32_t source;
    std::uint32_t destination;
    std::size_t payload_length;
    bool truncated;
    std::size_t option_count; // options yielded
    errc option_error;
};

constexpr packet_row packet_rows[] = {
    {"udp_df", udp_df,           20,     46,         1,          36, 0x1C46, false, true,  false, 0, false, false,
     64,       ip_protocol::udp, 0x3193, 0xC0000201, 0xC6336402, 16, false,  0,     errc{}},
    {"options_record_route",
     options_record_route,
     36,
     0,
     0,
     44,
     0x0101,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::icmp,
     0x225B,
     0xC0000201,
     0xC0000263,
     8,
     false,
     4,
     errc{}},
    {"options_timestamp",
     options_timestamp,
     32,
     0,
     0,
     40,
     0x0202,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::icmp,
     0xC2E3,
     0xC0000201,
     0xC0000263,
     8,
     false,
     1,
     errc{}},
    {"options_router_alert",
     options_router_alert,
     24,
     48,
     0,
     32,
     0,
     false,
     true,
     false,
     0,
     false,
     false,
     1,
     ip_protocol::igmp,
     0x411B,
     0xC0000201,
     0xE00000FB,
     8,
     false,
     1,
     errc{}},
    {"source_route_udp",
     source_route_udp,
     32,
     0,
     0,
     48,
     0x0707,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::udp,
     0x78F0,
     0xC0000201,
     0xC00002FE,
     16,
     false,
     2,
     errc{}},
    {"source_route_done",
     source_route_done,
     28,
     0,
     0,
     36,
     0x0808,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::icmp,
     0xE2FB,
     0xC0000201,
     0xCB007109,
     8,
     false,
     2,
     errc{}},
    {"option_length_0",
     option_length_0,
     24,
     0,
     0,
     24,
     0x0303,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::tcp,
     0xF1D2,
     0xC0000201,
     0xC0000202,
     0,
     false,
     1,
     errc::bad_option_length},
    {"option_length_1",
     option_length_1,
     24,
     0,
     0,
     24,
     0x0303,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::tcp,
     0xEBD8,
     0xC0000201,
     0xC0000202,
     0,
     false,
     0,
     errc::bad_option_length},
    {"option_past_header",
     option_past_header,
     28,
     0,
     0,
     28,
     0x0303,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::tcp,
     0xE5CA,
     0xC0000201,
     0xC0000202,
     0,
     false,
     1,
     errc::bad_option_length},
    {"option_length_missing",
     option_length_missing,
     24,
     0,
     0,
     24,
     0x0303,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::tcp,
     0xF094,
     0xC0000201,
     0xC0000202,
     0,
     false,
     3,
     errc::bad_option_length},
    {"option_after_end_of_list",
     option_after_end_of_list,
     24,
     0,
     0,
     24,
     0x0303,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::tcp,
     0xF1D3,
     0xC0000201,
     0xC0000202,
     0,
     false,
     1,
     errc{}},
    {"fragment_first", fragment_first, 20,         0,          0, 28,    0xABCD, false, false, true, 0, true, true, 64,
     ip_protocol::udp, 0xC2CC,         0xC0000201, 0xC6336402, 8, false, 0,      errc{}},
    {"fragment_middle",
     fragment_middle,
     20,
     0,
     0,
     28,
     0xABCD,
     false,
     false,
     true,
     8,
     true,
     false,
     64,
     ip_protocol::udp,
     0xC2CB,
     0xC0000201,
     0xC6336402,
     8,
     false,
     0,
     errc{}},
    {"fragment_last", fragment_last, 20, 0,     0,     24,    0xABCD,           false,
     false,           false,         16, true,  false, 64,    ip_protocol::udp, 0xE2CE,
     0xC0000201,      0xC6336402,    4,  false, 0,     errc{}},
    {"fragment_max_offset",
     fragment_max_offset,
     20,
     0,
     0,
     20,
     0xABCD,
     true,
     false,
     false,
     65528,
     true,
     false,
     64,
     ip_protocol::udp,
     0x42D5,
     0xC0000201,
     0xC6336402,
     0,
     false,
     0,
     errc{}},
    {"ethernet_padded",
     ethernet_padded,
     20,
     0,
     0,
     28,
     0x0404,
     false,
     false,
     false,
     0,
     false,
     false,
     64,
     ip_protocol::icmp,
     0xF2D9,
     0xC0000201,
     0xC0000202,
     8,
     false,
     0,
     errc{}},
    {"snap_cut", snap_cut,         20,     0,          3,          1500, 0x0505, false, true,  false, 0, false, false,
     64,         ip_protocol::tcp, 0xAC10, 0xC0000201, 0xC0000202, 20,   true,   0,     errc{}},
};

struct option_walk {
    std::size_t count = 0;
    errc error{};
};
constexpr option_walk walk(const ipv4_option_range& options) {
    option_walk w;
    auto it = options.begin();
    for (; it != options.end(); ++it) ++w.count;
    w.error = it.error();
    return w;
}

constexpr bool check_fields(const packet_row& row) {
    const auto parsed = ipv4_packet_view::parse(row.bytes);
    if (!parsed) return false;
    const ipv4_packet_view& p = *parsed;
    const option_walk w = walk(p.options());
    return p.version() == 4 && p.header_length() == row.header_length && p.dscp() == row.dscp && p.ecn() == row.ecn &&
           p.total_length() == row.total_length && p.identification() == row.identification &&
           p.reserved_flag() == row.reserved_flag && p.dont_fragment() == row.dont_fragment &&
           p.more_fragments() == row.more_fragments && p.fragment_offset() == row.fragment_offset &&
           p.is_fragment() == row.is_fragment && p.is_first_fragment() == row.is_first_fragment &&
           p.time_to_live() == row.time_to_live && p.protocol() == row.protocol &&
           p.header_checksum() == row.header_checksum && p.header_checksum_valid() &&
           p.source() == ipv4_address(row.source) && p.destination() == ipv4_address(row.destination) &&
           p.bytes().data() == row.bytes.data() && p.bytes().size() == row.bytes.size() &&
           p.header().data() == row.bytes.data() && p.header().size() == row.header_length &&
           p.options().bytes().data() == row.bytes.data() + 20 &&
           p.options().bytes().size() == row.header_length - 20 && p.options().empty() == (row.option_count == 0) &&
           p.payload().data() == row.bytes.data() + row.header_length && p.payload().size() == row.payload_length &&
           p.truncated() == row.truncated && w.count == row.option_count && w.error == row.option_error &&
           p.options().error() == row.option_error;
}
static_assert(first_failure(packet_rows, check_fields) == -1);

TEST_CASE("ipv4_packet_view: every field of every hand-built packet") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        const auto parsed = ipv4_packet_view::parse(row.bytes);
        REQUIRE(parsed.has_value());
        const ipv4_packet_view& p = *parsed;
        CHECK(p.version() == 4);
        CHECK(p.header_length() == row.header_length);
        CHECK(p.dscp() == row.dscp);
        CHECK(p.ecn() == row.ecn);
        CHECK(p.total_length() == row.total_length);
        CHECK(p.identification() == row.identification);
        CHECK(p.reserved_flag() == row.reserved_flag);
        CHECK(p.dont_fragment() == row.dont_fragment);
        CHECK(p.more_fragments() == row.more_fragments);
        CHECK(p.fragment_offset() == row.fragment_offset);
        CHECK(p.is_fragment() == row.is_fragment);
        CHECK(p.is_first_fragment() == row.is_first_fragment);
        CHECK(p.time_to_live() == row.time_to_live);
        CHECK(p.protocol() == row.protocol);
        CHECK(p.header_checksum() == row.header_checksum);
        CHECK(p.header_checksum_valid());
        CHECK(p.source() == ipv4_address(row.source));
        CHECK(p.destination() == ipv4_address(row.destination));
        CHECK(p.bytes().data() == row.bytes.data());
        CHECK(p.bytes().size() == row.bytes.size());
        CHECK(p.header().data() == row.bytes.data());
        CHECK(p.header().size() == row.header_length);
        CHECK(p.options().bytes().data() == row.bytes.data() + 20);
        CHECK(p.options().bytes().size() == row.header_length - 20);
        CHECK(p.payload().data() == row.bytes.data() + row.header_length);
        CHECK(p.payload().size() == row.payload_length);
        CHECK(p.truncated() == row.truncated);
        const option_walk w = walk(p.options());
        CHECK(w.count == row.option_count);
        CHECK(w.error == row.option_error);
        CHECK(p.options().error() == row.option_error);
    }
}

TEST_CASE("ipv4_packet_view: addresses and text of the UDP packet") {
    const auto p = ipv4_packet_view::parse(udp_df).value();
    CHECK(p.source().to_string() == "192.0.2.1");
    CHECK(p.destination().to_string() == "198.51.100.2");
    CHECK(to_string(p.protocol()) == "udp");
}

TEST_CASE("ipv4_packet_view: a protocol number without a name is kept as it is") {
    std::array<std::uint8_t, 20> b{};
    std::copy_n(std::begin(udp_df), 20, b.begin());
    b[9] = 253; // RFC 3692 experimentation
    const auto p = ipv4_packet_view::parse(b).value();
    CHECK(static_cast<unsigned>(p.protocol()) == 253);
    CHECK(to_string(p.protocol()).empty());
}

// ---------------------------------------------------------------------------
// Options, item by item

struct expected_option {
    std::size_t offset; // in the options area
    std::uint8_t type;
    bool copied;
    std::uint8_t option_class;
    std::uint8_t number;
    std::size_t length;
};
struct options_row {
    std::string_view name;
    bytes_view packet;
    std::array<expected_option, 4> options; // the first `count` are used
    std::size_t count;
    errc error;
    std::size_t stop; // where the walk stops: the malformed option, else the area's size (options_end)
};
constexpr std::size_t options_end = ~std::size_t{0};

constexpr options_row options_rows[] = {
    {"options_record_route",
     options_record_route,
     {{{0, 1, false, 0, 1, 1}, {1, 7, false, 0, 7, 11}, {12, 1, false, 0, 1, 1}, {13, 0, false, 0, 0, 1}}},
     4,
     errc{},
     options_end},
    {"options_timestamp", options_timestamp, {{{0, 68, false, 2, 4, 12}}}, 1, errc{}, options_end},
    {"options_router_alert", options_router_alert, {{{0, 148, true, 0, 20, 4}}}, 1, errc{}, options_end},
    {"source_route_udp",
     source_route_udp,
     {{{0, 1, false, 0, 1, 1}, {1, 131, true, 0, 3, 11}}},
     2,
     errc{},
     options_end},
    {"source_route_done",
     source_route_done,
     {{{0, 137, true, 0, 9, 7}, {7, 0, false, 0, 0, 1}}},
     2,
     errc{},
     options_end},
    {"option_length_0", option_length_0, {{{0, 1, false, 0, 1, 1}}}, 1, errc::bad_option_length, 1},
    {"option_length_1", option_length_1, {}, 0, errc::bad_option_length, 0},
    {"option_past_header", option_past_header, {{{0, 1, false, 0, 1, 1}}}, 1, errc::bad_option_length, 1},
    {"option_length_missing",
     option_length_missing,
     {{{0, 1, false, 0, 1, 1}, {1, 1, false, 0, 1, 1}, {2, 1, false, 0, 1, 1}}},
     3,
     errc::bad_option_length,
     3},
    {"option_after_end_of_list", option_after_end_of_list, {{{0, 0, false, 0, 0, 1}}}, 1, errc{}, options_end},
    {"udp_df (none)", udp_df, {}, 0, errc{}, options_end},
};

constexpr bool check_options(const options_row& row) {
    const auto p = ipv4_packet_view::parse(row.packet);
    if (!p) return false;
    const ipv4_option_range options = p->options();
    std::size_t i = 0;
    auto it = options.begin();
    for (; it != options.end(); ++it, ++i) {
        if (i >= row.count) return false;
        const ipv4_option o = *it;
        const expected_option& e = row.options[i];
        const bool single = e.length == 1;
        if (it.offset() != e.offset || static_cast<std::uint8_t>(o.type()) != e.type || o.copied() != e.copied ||
            o.option_class() != e.option_class || o.number() != e.number || o.length() != e.length ||
            o.bytes().data() != options.bytes().data() + e.offset || o.bytes().size() != e.length ||
            o.data().size() != (single ? 0 : e.length - 2) || o.data_length() != o.data().size() ||
            it.length() != e.length || it.data_length() != o.data_length() ||
            (!single && o.data().data() != o.bytes().data() + 2))
            return false;
    }
    const std::size_t stop = row.stop == options_end ? options.bytes().size() : row.stop;
    return i == row.count && it == std::default_sentinel && it.error() == row.error && it.offset() == stop &&
           options.error() == row.error && options.offset() == stop;
}
static_assert(first_failure(options_rows, check_options) == -1);

TEST_CASE("ipv4_packet_view: options item by item, and where a malformed list stops") {
    for (const auto& row : options_rows) {
        CAPTURE(row.name);
        const auto p = ipv4_packet_view::parse(row.packet);
        REQUIRE(p.has_value());
        const ipv4_option_range options = p->options();
        CHECK(options.error() == row.error); // before the walk
        std::size_t i = 0;
        auto it = options.begin();
        for (; it != options.end(); ++it, ++i) {
            CAPTURE(i);
            REQUIRE(i < row.count);
            const ipv4_option o = *it;
            const expected_option& e = row.options[i];
            CHECK(it.offset() == e.offset);
            CHECK(static_cast<unsigned>(o.type()) == e.type);
            CHECK(o.copied() == e.copied);
            CHECK(o.option_class() == e.option_class);
            CHECK(o.number() == e.number);
            CHECK(o.length() == e.length);
            CHECK(o.bytes().data() == options.bytes().data() + e.offset);
            CHECK(o.data().size() == (e.length == 1 ? 0 : e.length - 2));
            CHECK(o.data_length() == (e.length == 1 ? 0 : e.length - 2));
            CHECK(it.length() == e.length);
        }
        CHECK(i == row.count);
        CHECK(it.error() == row.error);
        CHECK(it.offset() == (row.stop == options_end ? options.bytes().size() : row.stop));
        CHECK(options.offset() == it.offset());
        CHECK(it.length() == 0);
        CHECK(options.error() == row.error); // and after it
        CHECK(static_cast<std::size_t>(test_ranges::distance(options)) == row.count);
    }
}

TEST_CASE("ipv4_packet_view: option data of record route, timestamp and router alert") {
    {
        const auto p = ipv4_packet_view::parse(options_record_route).value();
        auto it = p.options().begin();
        CHECK((*it).type() == ipv4_option_type::no_operation);
        ++it;
        const ipv4_option rr = *it;
        CHECK(rr.type() == ipv4_option_type::record_route);
        const std::array<std::uint8_t, 9> rr_data{0x08, 0xC0, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00};
        CHECK(test_ranges::equal(rr.data(), rr_data));
        it++;
        CHECK((*it).type() == ipv4_option_type::no_operation);
        ++it;
        CHECK((*it).type() == ipv4_option_type::end_of_list);
        CHECK((*it).data().empty());
        ++it;
        CHECK(it == p.options().end());
        CHECK(it == std::default_sentinel);
        CHECK(it.error() == errc{});
        CHECK(it.offset() == p.options().bytes().size()); // EOL ends the walk: the rest is padding
    }
    {
        const auto p = ipv4_packet_view::parse(options_timestamp).value();
        const ipv4_option ts = *p.options().begin();
        CHECK(ts.type() == ipv4_option_type::timestamp);
        const std::array<std::uint8_t, 10> ts_data{0x0D, 0x10, 0x00, 0x36, 0xEE, 0x80, 0x00, 0x36, 0xEE, 0x81};
        CHECK(test_ranges::equal(ts.data(), ts_data));
    }
    {
        const auto p = ipv4_packet_view::parse(options_router_alert).value();
        const ipv4_option ra = *p.options().begin();
        CHECK(ra.type() == ipv4_option_type::router_alert);
        const std::array<std::uint8_t, 2> ra_value{0x00, 0x00}; // "every router examines the packet"
        CHECK(test_ranges::equal(ra.data(), ra_value));
    }
}

TEST_CASE("ipv4_packet_view: the options of a header without options") {
    const auto p = ipv4_packet_view::parse(udp_df).value();
    CHECK(p.options().empty());
    CHECK(p.options().begin() == p.options().end());
    CHECK(p.options().error() == errc{});
    const ipv4_option_range none;
    CHECK(none.begin() == none.end());
    CHECK(none.error() == errc{});
    // empty() is begin() == end(): an area whose first option is malformed yields none.
    const auto bad = ipv4_packet_view::parse(option_length_1).value();
    CHECK(bad.options().empty());
    CHECK(bad.options().bytes().size() == 4);
    CHECK(bad.options().error() == errc::bad_option_length);
}

// ---------------------------------------------------------------------------
// Parse errors

// A header-sized buffer of udp_df's first 20 bytes with some bytes changed.
struct header_bytes {
    std::array<std::uint8_t, 64> data{};
    std::size_t size = 0;
    [[nodiscard]] constexpr bytes_view view() const { return bytes_view(data).first(size); }
};
struct edit {
    std::size_t at;
    std::uint8_t value;
};
constexpr header_bytes make_header(std::size_t size, std::initializer_list<edit> edits) {
    header_bytes h;
    for (std::size_t i = 0; i < size && i < sizeof udp_df; ++i) h.data[i] = udp_df[i];
    h.size = size;
    for (const edit& e : edits) h.data[e.at] = e.value;
    return h;
}

struct error_row {
    std::string_view name;
    header_bytes bytes;
    errc error;
};
// clang-format off
constexpr error_row error_rows[] = {
    {"empty", make_header(0, {}), errc::truncated},
    {"one byte", make_header(1, {}), errc::truncated},
    {"19 bytes", make_header(19, {}), errc::truncated},
    {"version 6", make_header(20, {{0, 0x65}}), errc::bad_version},
    {"version 6, one byte", make_header(1, {{0, 0x60}}), errc::bad_version},
    {"version 0", make_header(20, {{0, 0x05}}), errc::bad_version},
    {"version 15", make_header(20, {{0, 0xF5}}), errc::bad_version},
    {"IHL 4 (tcpdump ipv4_invalid_hdr_length)", make_header(20, {{0, 0x44}}), errc::bad_header_length},
    {"IHL 0", make_header(20, {{0, 0x40}}), errc::bad_header_length},
    {"IHL 0, one byte", make_header(1, {{0, 0x40}}), errc::bad_header_length},
    {"IHL 6 in 20 bytes", make_header(20, {{0, 0x46}}), errc::truncated},
    {"IHL 6 in 23 bytes", make_header(23, {{0, 0x46}}), errc::truncated},
    {"IHL 15 in 20 bytes (zeek internally truncated header)", make_header(20, {{0, 0x4F}}), errc::truncated},
    {"IHL 15 in 59 bytes", make_header(59, {{0, 0x4F}}), errc::truncated},
    {"total length 19", make_header(36, {{2, 0x00}, {3, 0x13}}), errc::bad_total_length},
    {"total length 0", make_header(36, {{2, 0x00}, {3, 0x00}}), errc::bad_total_length},
    {"total length 11 (ppp ipv4-malformed)", make_header(36, {{2, 0x00}, {3, 0x0B}}), errc::bad_total_length},
    {"IHL 6, total length 23", make_header(24, {{0, 0x46}, {2, 0x00}, {3, 0x17}}), errc::bad_total_length},
    {"IHL 15, total length 59", make_header(60, {{0, 0x4F}, {2, 0x00}, {3, 0x3B}}), errc::bad_total_length},
};
// clang-format on
constexpr bool check_error(const error_row& row) { return ipv4_packet_view::parse(row.bytes.view()) == row.error; }
static_assert(first_failure(error_rows, check_error) == -1);

TEST_CASE("ipv4_packet_view: parse errors") {
    for (const auto& row : error_rows) {
        CAPTURE(row.name);
        const auto p = ipv4_packet_view::parse(row.bytes.view());
        CHECK(p.error() == row.error);
    }
}

// The smallest accepted cases beside the errors above.
constexpr bool edge_cases_parse() {
    const auto ihl6_total24 = make_header(24, {{0, 0x46}, {2, 0x00}, {3, 0x18}});
    const auto ihl15_total60 = make_header(60, {{0, 0x4F}, {2, 0x00}, {3, 0x3C}});
    const auto total20 = make_header(20, {{2, 0x00}, {3, 0x14}});
    const auto a = ipv4_packet_view::parse(ihl6_total24.view());
    const auto b = ipv4_packet_view::parse(ihl15_total60.view());
    const auto c = ipv4_packet_view::parse(total20.view());
    return a && a->header_length() == 24 && a->payload().empty() && !a->truncated() && b && b->header_length() == 60 &&
           b->options().bytes().size() == 40 && b->payload().empty() && c && c->payload().empty() &&
           c->header().size() == 20;
}
static_assert(edge_cases_parse());

TEST_CASE("ipv4_packet_view: header length 60, total length equal to the header") { CHECK(edge_cases_parse()); }

// Linux BIG TCP (kernel 6.3+) writes total length 0 into IPv4 packets over
// 65535 bytes (tcpdump-bigtcp-ipv4.pcap has one of 80052): the length is the
// buffer's. Total length 0 in a buffer that a 16-bit field could describe is
// still bad_total_length.
TEST_CASE("ipv4_packet_view: BIG TCP total length 0") {
    std::vector<std::uint8_t> big(65536 + 20, 0x5A);
    std::copy_n(std::begin(udp_df), 20, big.begin());
    big[2] = 0x00;
    big[3] = 0x00;
    big[9] = 6;
    const auto p = ipv4_packet_view::parse(big);
    REQUIRE(p.has_value());
    CHECK(p->total_length() == 0);
    CHECK(p->payload().size() == 65536);
    CHECK(p->payload().data() == big.data() + 20);
    CHECK_FALSE(p->truncated());
    CHECK(ipv4_packet_view::parse(bytes_view(big).first(65535)) == errc::bad_total_length);
    CHECK(ipv4_packet_view::parse(bytes_view(big).first(65536)).has_value());
    CHECK(ipv4_packet_view::parse(bytes_view(big).first(20)) == errc::bad_total_length);
}

// ---------------------------------------------------------------------------
// Every truncated prefix

// Reads every accessor and every byte it gives, so that a read past the
// buffer is a compile error under static_assert (the prefix is an
// exact-size allocation) and an ASan report at run time.
constexpr std::uint64_t touch(const ipv4_packet_view& p) {
    std::uint64_t s = p.version() + p.header_length() + p.dscp() + p.ecn() + p.total_length() + p.identification();
    s += static_cast<std::uint64_t>(p.reserved_flag()) + p.dont_fragment() + p.more_fragments() + p.is_fragment() +
         p.is_first_fragment() + p.truncated() + p.header_checksum_valid();
    s += std::uint64_t{p.fragment_offset()} + p.time_to_live() + static_cast<std::uint8_t>(p.protocol()) +
         p.header_checksum();
    s += std::uint64_t{p.source().to_uint32()} + p.destination().to_uint32() + p.final_destination().to_uint32();
    for (const ipv4_option o : p.options()) {
        s += o.length() + static_cast<std::uint8_t>(o.type()) + o.copied() + o.option_class() + o.number();
        s = ipwire::checksum_add(s, o.data());
        s = ipwire::checksum_add(s, o.bytes());
    }
    s += static_cast<std::uint8_t>(p.options().error());
    s = ipwire::checksum_add(s, p.header());
    s = ipwire::checksum_add(s, p.payload());
    s = ipwire::checksum_add(s, p.bytes());
    return s + p.pseudo_header_sum(static_cast<std::uint32_t>(p.payload().size()));
}

// What parsing the first `k` bytes (held in `prefix`) of a row's packet must give.
constexpr bool prefix_ok(const packet_row& row, bytes_view prefix) {
    const std::size_t k = prefix.size();
    const auto p = ipv4_packet_view::parse(prefix);
    if (k < row.header_length) return p == errc::truncated;
    if (!p) return false;
    const std::size_t held = k < row.total_length ? k : row.total_length;
    const option_walk w = walk(p->options());
    touch(*p);
    return p->truncated() == (k < row.total_length) && p->payload().size() == held - row.header_length &&
           p->header_checksum_valid() && w.count == row.option_count && w.error == row.option_error;
}

// Each prefix copied into an allocation of exactly its size.
constexpr bool prefixes_ok(const packet_row& row) {
    for (std::size_t k = 0; k <= row.bytes.size(); ++k) {
        std::uint8_t* copy = k == 0 ? nullptr : new std::uint8_t[k];
        for (std::size_t i = 0; i < k; ++i) copy[i] = row.bytes[i];
        const bool ok = prefix_ok(row, bytes_view(copy, k));
        delete[] copy;
        if (!ok) return false;
    }
    return true;
}
// Split so that no one constant evaluation runs long.
constexpr bool prefixes_ok_at(std::size_t i) { return prefixes_ok(packet_rows[i]); }
static_assert(prefixes_ok_at(0));
static_assert(prefixes_ok_at(1));
static_assert(prefixes_ok_at(2));
static_assert(prefixes_ok_at(3));
static_assert(prefixes_ok_at(4));
static_assert(prefixes_ok_at(5));
static_assert(prefixes_ok_at(6) && prefixes_ok_at(7) && prefixes_ok_at(8));
static_assert(prefixes_ok_at(9) && prefixes_ok_at(10));
static_assert(prefixes_ok_at(11) && prefixes_ok_at(12) && prefixes_ok_at(13) && prefixes_ok_at(14));
static_assert(prefixes_ok_at(15));
static_assert(prefixes_ok_at(16));
static_assert(std::size(packet_rows) == 17);

TEST_CASE("ipv4_packet_view: every truncated prefix of every packet") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        for (std::size_t k = 0; k <= row.bytes.size(); ++k) {
            CAPTURE(k);
            const std::vector<std::uint8_t> copy(row.bytes.begin(), row.bytes.begin() + static_cast<std::ptrdiff_t>(k));
            CHECK(prefix_ok(row, copy));
        }
    }
}

// Prefixes of the malformed headers: truncated until the faulty field is in,
// then that field's error.
constexpr bool error_prefixes_ok(const error_row& row) {
    const bytes_view full = row.bytes.view();
    const auto whole = ipv4_packet_view::parse(full);
    for (std::size_t k = 0; k <= full.size(); ++k) {
        const auto p = ipv4_packet_view::parse(full.first(k));
        if (p.has_value()) return false;
        if (p.error() != errc::truncated && p.error() != whole.error()) return false;
        // the version and IHL are in the first byte: decided as soon as it is there
        if (k >= 1 && (whole.error() == errc::bad_version || whole.error() == errc::bad_header_length) &&
            p.error() != whole.error())
            return false;
    }
    return true;
}
static_assert(first_failure(error_rows, error_prefixes_ok) == -1);

TEST_CASE("ipv4_packet_view: prefixes of malformed headers") {
    for (const auto& row : error_rows) {
        CAPTURE(row.name);
        CHECK(error_prefixes_ok(row));
    }
}

// ---------------------------------------------------------------------------
// Fragments, padding, snap-length cuts

TEST_CASE("ipv4_packet_view: three fragments put the datagram back together") {
    const auto first = ipv4_packet_view::parse(fragment_first).value();
    const auto middle = ipv4_packet_view::parse(fragment_middle).value();
    const auto last = ipv4_packet_view::parse(fragment_last).value();
    CHECK(first.identification() == middle.identification());
    CHECK(middle.identification() == last.identification());
    // each fragment starts where the one before ends
    CHECK(first.fragment_offset() == 0);
    CHECK(middle.fragment_offset() == first.fragment_offset() + first.payload().size());
    CHECK(last.fragment_offset() == middle.fragment_offset() + middle.payload().size());
    // only the first carries the UDP header; the last has MF clear
    CHECK(first.is_first_fragment());
    CHECK_FALSE(middle.is_first_fragment());
    CHECK_FALSE(last.is_first_fragment());
    CHECK_FALSE(last.more_fragments());
    CHECK(last.is_fragment());
    // an unfragmented packet is neither
    const auto whole = ipv4_packet_view::parse(udp_df).value();
    CHECK_FALSE(whole.is_fragment());
    CHECK_FALSE(whole.is_first_fragment());
}

TEST_CASE("ipv4_packet_view: Ethernet padding is not payload") {
    const auto p = ipv4_packet_view::parse(ethernet_padded).value();
    CHECK(p.bytes().size() == 46);
    CHECK(p.total_length() == 28);
    CHECK(p.payload().size() == 8);
    CHECK(p.payload()[0] == 0x08); // the ICMP type, not padding
    CHECK_FALSE(p.truncated());
}

TEST_CASE("ipv4_packet_view: a snap-length cut is readable and says so") {
    const auto p = ipv4_packet_view::parse(snap_cut).value();
    CHECK(p.truncated());
    CHECK(p.total_length() == 1500);
    CHECK(p.payload().size() == 20);
    CHECK(p.header_checksum_valid());
    CHECK(p.ecn() == 3);
    // one byte fewer than the total length is still a cut; exactly it is not
    std::vector<std::uint8_t> full(1500, 0);
    std::copy(std::begin(snap_cut), std::end(snap_cut), full.begin());
    CHECK_FALSE(ipv4_packet_view::parse(full).value().truncated());
    CHECK(ipv4_packet_view::parse(full).value().payload().size() == 1480);
    CHECK(ipv4_packet_view::parse(bytes_view(full).first(1499)).value().truncated());
}

// ---------------------------------------------------------------------------
// Header checksum

// A packet copied into a buffer, with one byte changed.
constexpr header_bytes flipped(bytes_view packet, std::size_t at, std::uint8_t mask) {
    header_bytes h;
    for (std::size_t i = 0; i < packet.size(); ++i) h.data[i] = packet[i];
    h.size = packet.size();
    h.data[at] = static_cast<std::uint8_t>(h.data[at] ^ mask);
    return h;
}
// Every single-bit change in the header either breaks the parse (it hit the
// version, IHL or total length) or the checksum; none in the payload does.
constexpr bool every_bit_flip_caught(const packet_row& row, std::size_t from = 0, std::size_t to = 64) {
    if (row.bytes.size() > 64) return false;
    for (std::size_t at = from; at < row.bytes.size() && at < to; ++at) {
        for (unsigned bit = 0; bit < 8; ++bit) {
            const header_bytes h = flipped(row.bytes, at, static_cast<std::uint8_t>(1U << bit));
            const auto p = ipv4_packet_view::parse(h.view());
            if (at < row.header_length) {
                if (p && p->header_checksum_valid()) return false;
            } else {
                if (!p || !p->header_checksum_valid()) return false;
            }
        }
    }
    return true;
}
static_assert(every_bit_flip_caught(packet_rows[0]));
static_assert(every_bit_flip_caught(packet_rows[1], 0, 24));
static_assert(every_bit_flip_caught(packet_rows[1], 24, 64));
static_assert(every_bit_flip_caught(packet_rows[3]));
static_assert(every_bit_flip_caught(packet_rows[14]));

TEST_CASE("ipv4_packet_view: a corrupted header fails its checksum, a corrupted payload does not") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        CHECK(every_bit_flip_caught(row));
    }
    // the checksum field itself corrupted
    const header_bytes bad = flipped(udp_df, 11, 0xFF);
    const auto p = ipv4_packet_view::parse(bad.view()).value();
    CHECK(p.header_checksum() == 0x316C);
    CHECK_FALSE(p.header_checksum_valid());
}

constexpr bool ttl_decrement_updates_checksum() {
    // A router decrements TTL 64 -> 63: stale checksum fails, RFC 1624 fixes it.
    header_bytes h = flipped(udp_df, 0, 0);
    const std::uint16_t old_word = 0x4011; // TTL 64, protocol 17
    h.data[8] = 63;
    const auto stale = ipv4_packet_view::parse(h.view());
    if (!stale || stale->header_checksum_valid()) return false;
    const std::uint16_t updated = ipwire::checksum_update(stale->header_checksum(), old_word, 0x3F11);
    h.data[10] = static_cast<std::uint8_t>(updated >> 8U);
    h.data[11] = static_cast<std::uint8_t>(updated);
    const auto fixed = ipv4_packet_view::parse(h.view());
    return fixed && fixed->header_checksum_valid() && fixed->time_to_live() == 63 && updated == 0x3293;
}
static_assert(ttl_decrement_updates_checksum());

TEST_CASE("ipv4_packet_view: TTL decrement and the RFC 1624 checksum update") {
    CHECK(ttl_decrement_updates_checksum());
}

// ---------------------------------------------------------------------------
// Pseudo-header

// 192.0.2.1 > 198.51.100.2, UDP, length 16: C000 + 0201 + C633 + 6402 + 0011 + 0010.
static_assert(ipv4_packet_view::parse(udp_df)->pseudo_header_sum(16) == 0x1EC57);
// A length above 16 bits is summed as two words (for symmetry with IPv6; IPv4 never needs it).
static_assert(ipv4_packet_view::parse(udp_df)->pseudo_header_sum(0x12345) == 0x1EC57 - 0x0010 + 0x0001 + 0x2345);
// The UDP datagram's checksum verifies over pseudo-header + datagram.
constexpr bool udp_checksum_verifies() {
    const auto p = ipv4_packet_view::parse(udp_df);
    const std::uint64_t sum = ipwire::checksum_add(p->pseudo_header_sum(16), p->payload());
    return ipwire::checksum_fold(sum) == 0xFFFF;
}
static_assert(udp_checksum_verifies());
// The protocol is part of the sum: the same bytes as TCP do not verify.
constexpr bool protocol_is_summed() {
    header_bytes h = flipped(udp_df, 9, 0x11 ^ 0x06);
    const auto p = ipv4_packet_view::parse(h.view());
    return p && p->protocol() == ip_protocol::tcp &&
           ipwire::checksum_fold(ipwire::checksum_add(p->pseudo_header_sum(16), p->payload())) != 0xFFFF;
}
static_assert(protocol_is_summed());

TEST_CASE("ipv4_packet_view: pseudo-header sum for the UDP checksum") {
    const auto p = ipv4_packet_view::parse(udp_df).value();
    CHECK(p.pseudo_header_sum(16) == 0x1EC57);
    CHECK(ipwire::checksum_fold(ipwire::checksum_add(p.pseudo_header_sum(16), p.payload())) == 0xFFFF);
    CHECK(udp_checksum_verifies());
    CHECK(protocol_is_summed());
}

// ---------------------------------------------------------------------------
// Source routes and the final destination

struct final_destination_row {
    std::string_view name;
    bytes_view packet;
    std::uint32_t final_destination;
};
constexpr final_destination_row final_destination_rows[] = {
    {"loose route under way: its last address", source_route_udp, 0xCB007109},
    {"strict route done: the header's destination", source_route_done, 0xCB007109},
    {"no route", udp_df, 0xC6336402},
    {"record route is not a source route", options_record_route, 0xC0000263},
    {"malformed options before any route", option_length_0, 0xC0000202},
};
constexpr bool check_final_destination(const final_destination_row& row) {
    const auto p = ipv4_packet_view::parse(row.packet);
    return p && p->final_destination() == ipv4_address(row.final_destination);
}
static_assert(first_failure(final_destination_rows, check_final_destination) == -1);

// A route option edited in a copy of source_route_udp (option bytes 1-11 of
// the options area are header bytes 21-31).
constexpr ipv4_address final_destination_with(std::initializer_list<edit> edits) {
    header_bytes h = flipped(source_route_udp, 0, 0);
    for (const edit& e : edits) h.data[e.at] = e.value;
    return ipv4_packet_view::parse(h.view())->final_destination();
}
constexpr ipv4_address header_destination(0xC00002FEU);
constexpr ipv4_address route_end(0xCB007109U);
// pointer 8: the second address is next, the route is still under way
static_assert(final_destination_with({{23, 8}}) == route_end);
// pointer 12 (past length 11): done, so the header's destination
static_assert(final_destination_with({{23, 12}}) == header_destination);
// pointer below the minimum 4: not trusted
static_assert(final_destination_with({{23, 3}}) == header_destination);
// strict instead of loose: the same
static_assert(final_destination_with({{21, 137}}) == route_end);
// length 10 (one partial slot): the last whole address; the option now ends
// one byte early and byte 31 is read as an EOL
static_assert(final_destination_with({{22, 10}, {31, 0}}) == ipv4_address(0xC6336401U));
// length 3 (no address at all): the header's destination
static_assert(
    final_destination_with({{22, 3}, {24, 1}, {25, 1}, {26, 1}, {27, 1}, {28, 1}, {29, 1}, {30, 1}, {31, 1}}) ==
    header_destination);

TEST_CASE("ipv4_packet_view: final destination of source routes") {
    for (const auto& row : final_destination_rows) {
        CAPTURE(row.name);
        CHECK(check_final_destination(row));
    }
    CHECK(final_destination_with({{23, 8}}) == route_end);
    CHECK(final_destination_with({{23, 12}}) == header_destination);
    CHECK(final_destination_with({{23, 3}}) == header_destination);
    CHECK(final_destination_with({{21, 137}}) == route_end);
}

// The UDP checksum of source_route_udp covers the final destination: the
// pseudo-header verifies it, and a sum over the header's destination would not.
constexpr bool source_routed_udp_verifies() {
    const auto p = ipv4_packet_view::parse(source_route_udp);
    if (!p) return false;
    std::uint64_t naive = ipwire::checksum_add(0, bytes_view(p->source().to_bytes()));
    naive = ipwire::checksum_add(naive, bytes_view(p->destination().to_bytes()));
    naive = ipwire::checksum_add(naive, std::uint16_t{17});
    naive = ipwire::checksum_add(naive, std::uint16_t{16});
    return ipwire::checksum_fold(ipwire::checksum_add(p->pseudo_header_sum(16), p->payload())) == 0xFFFF &&
           ipwire::checksum_fold(ipwire::checksum_add(naive, p->payload())) != 0xFFFF;
}
static_assert(source_routed_udp_verifies());

TEST_CASE("ipv4_packet_view: a source-routed UDP checksum verifies over the final destination") {
    CHECK(source_routed_udp_verifies());
}

} // namespace
