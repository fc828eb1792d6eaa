// Tests for ipwire/wire/icmp.hpp: hand-built ICMP and ICMPv6 messages of each
// error and informational kind with their RFC fields read back, the quoted
// invoking packet and its ports, every truncated prefix, checksums good and
// bad (ICMPv6 over the RFC 8200 section 8.1 pseudo-header), and two real
// packets from ../shared/captures (ppp-VlanPackets.pcap frame 1, an ICMP echo;
// ppp-ipv6_options.pcap frame 2, an ICMPv6 echo behind a routing header, and
// frame 5, an MLDv2 report behind hop-by-hop; tshark calls all three "good").
#include <ipwire/wire/icmp.hpp>
#include <ipwire/format.hpp>
#include <ipwire/ostream.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <vector>

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <ipwire/fmt.hpp>
#endif

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::icmp_message_view;
using ipwire::icmp_quoted_ports;
using ipwire::icmpv4_message_view;
using ipwire::icmpv4_type;
using ipwire::icmpv6_message_view;
using ipwire::icmpv6_type;
using ipwire::ip_packet_view;
using ipwire::port;

static_assert(icmpv4_message_view::header_length == 8);
static_assert(icmpv6_message_view::header_length == 8);

// ---------------------------------------------------------------------------
// Hand-built messages (arrays and checksums written by a script from the RFC
// layouts; the checksum tests below check them independently).

// echo request, identifier 0x1234, sequence 1, data "abcd"; RFC 792 checksum
constexpr std::uint8_t v4_echo_request[] = {
    0x08, 0x00, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64,
};

// echo reply to it
constexpr std::uint8_t v4_echo_reply[] = {
    0x00, 0x00, 0x29, 0x04, 0x12, 0x34, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64,
};

// destination unreachable, code 4 (fragmentation needed), next-hop MTU 1400 (RFC 1191); quotes an IPv4 header (total length 1500, UDP 40000 > 53) and 8 bytes of UDP
// clang-format off
constexpr std::uint8_t v4_frag_needed[] = {
    0x03, 0x04, 0xcc, 0xf4, 0x00, 0x00, 0x05, 0x78, 0x45, 0x00, 0x05, 0xdc,
    0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0x9c, 0x40, 0x00, 0x35, 0x05, 0xc8, 0xbe, 0xef,
};
// clang-format on

// time exceeded in transit (code 0); quotes a TTL-1 IPv4 header and 8 bytes of TCP 51000 > 443
// clang-format off
constexpr std::uint8_t v4_time_exceeded[] = {
    0x0b, 0x00, 0xa3, 0x4f, 0x00, 0x00, 0x00, 0x00, 0x45, 0x00, 0x00, 0x3c,
    0x12, 0x34, 0x40, 0x00, 0x01, 0x06, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0xc7, 0x38, 0x01, 0xbb, 0x01, 0x02, 0x03, 0x04,
};
// clang-format on

// parameter problem, pointer 1 (the TOS octet)
// clang-format off
constexpr std::uint8_t v4_parameter_problem[] = {
    0x0c, 0x00, 0xc8, 0x70, 0x01, 0x00, 0x00, 0x00, 0x45, 0x00, 0x05, 0xdc,
    0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0x9c, 0x40, 0x00, 0x35, 0x05, 0xc8, 0xbe, 0xef,
};
// clang-format on

// redirect for the host (code 1), gateway 192.0.2.1
// clang-format off
constexpr std::uint8_t v4_redirect[] = {
    0x05, 0x01, 0xe7, 0x4c, 0xc0, 0x00, 0x02, 0x01, 0x45, 0x00, 0x00, 0x3c,
    0x12, 0x34, 0x40, 0x00, 0x01, 0x06, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0xc7, 0x38, 0x01, 0xbb, 0x01, 0x02, 0x03, 0x04,
};
// clang-format on

// source quench
// clang-format off
constexpr std::uint8_t v4_source_quench[] = {
    0x04, 0x00, 0xd1, 0x70, 0x00, 0x00, 0x00, 0x00, 0x45, 0x00, 0x05, 0xdc,
    0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0x9c, 0x40, 0x00, 0x35, 0x05, 0xc8, 0xbe, 0xef,
};
// clang-format on

// timestamp request, identifier 7, sequence 9, originate 1000
// clang-format off
constexpr std::uint8_t v4_timestamp[] = {
    0x0d, 0x00, 0xef, 0x07, 0x00, 0x07, 0x00, 0x09, 0x00, 0x00, 0x03, 0xe8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on

// address mask request (RFC 950), identifier 3, sequence 4
constexpr std::uint8_t v4_mask_request[] = {
    0x11, 0x00, 0xee, 0xf8, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
};

// port unreachable whose quote stops inside the IPv4 header (12 bytes)
// clang-format off
constexpr std::uint8_t v4_cut_quote[] = {
    0x03, 0x03, 0x1f, 0xdb, 0x00, 0x00, 0x00, 0x00, 0x45, 0x00, 0x05, 0xdc,
    0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
};
// clang-format on

// IPv6 2001:db8::1 > 2001:db8::2 carrying ICMPv6 packet too big, MTU 1280, quoting an IPv6 UDP 5000 > 4789 packet (payload length 1456)
// clang-format off
constexpr std::uint8_t v6_too_big[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x38, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x8d, 0xb2, 0x00, 0x00, 0x05, 0x00,
    0x60, 0x00, 0x00, 0x00, 0x05, 0xb0, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x03, 0x13, 0x88, 0x12, 0xb5, 0x05, 0xb0, 0x11, 0x11,
};
// clang-format on

// IPv6 2001:db8::1 > 2001:db8::2 carrying ICMPv6 echo request, identifier 0xabcd, sequence 2, data "ping"
// clang-format off
constexpr std::uint8_t v6_echo[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x80, 0x00, 0x99, 0xa3, 0xab, 0xcd, 0x00, 0x02,
    0x70, 0x69, 0x6e, 0x67,
};
// clang-format on

// ICMPv6 destination unreachable, code 4 (port unreachable), same quote
// clang-format off
constexpr std::uint8_t v6_unreachable[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x38, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x01, 0x04, 0x93, 0xae, 0x00, 0x00, 0x00, 0x00,
    0x60, 0x00, 0x00, 0x00, 0x05, 0xb0, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x03, 0x13, 0x88, 0x12, 0xb5, 0x05, 0xb0, 0x11, 0x11,
};
// clang-format on

// ICMPv6 parameter problem, code 1 (unrecognized next header), pointer 40
// clang-format off
constexpr std::uint8_t v6_parameter_problem[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x38, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x04, 0x01, 0x90, 0x89, 0x00, 0x00, 0x00, 0x28,
    0x60, 0x00, 0x00, 0x00, 0x05, 0xb0, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x03, 0x13, 0x88, 0x12, 0xb5, 0x05, 0xb0, 0x11, 0x11,
};
// clang-format on

// ICMPv6 time exceeded, code 0, quote cut to the IPv6 header and 4 UDP bytes
// clang-format off
constexpr std::uint8_t v6_time_exceeded[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x34, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x03, 0x00, 0xa8, 0x77, 0x00, 0x00, 0x00, 0x00,
    0x60, 0x00, 0x00, 0x00, 0x05, 0xb0, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x03, 0x13, 0x88, 0x12, 0xb5,
};
// clang-format on

// ICMPv6 neighbor solicitation (RFC 4861 section 4.3) for 2001:db8::2
// clang-format off
constexpr std::uint8_t v6_neighbor_solicitation[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x18, 0x3a, 0x40, 0x20, 0x01, 0x0d, 0xb8,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02, 0x87, 0x00, 0xef, 0x7c, 0x00, 0x00, 0x00, 0x00,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x02,
};
// clang-format on

// port unreachable quoting more than 8 transport bytes (RFC 1812 section 4.3.2.3 lets a
// router quote as much as fits): a UDP header and 12 of its 16 data bytes, then 4 bytes past
// the quoted total length of 44 (not part of the quoted packet)
// clang-format off
constexpr std::uint8_t v4_long_quote[] = {
    0x03, 0x03, 0xa1, 0xce, 0x00, 0x00, 0x00, 0x00, 0x45, 0x00, 0x00, 0x2c,
    0x12, 0x34, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x0a,
    0xc6, 0x33, 0x64, 0x01, 0x9c, 0x40, 0x00, 0x35, 0x00, 0x18, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62,
    0x70, 0x61, 0x64, 0x21,
};
// clang-format on

// Real packets: the IPv4 packet of ppp-VlanPackets.pcap frame 1 (after the
// Ethernet header and two VLAN tags), and the IPv6 packets of
// ppp-ipv6_options.pcap frames 2 and 5 (after the Ethernet header).
// clang-format off
constexpr std::uint8_t real_v4_echo[] = {
    0x45, 0x00, 0x00, 0x64, 0x00, 0x0f, 0x00, 0x00, 0xff, 0x01, 0x92, 0x9b, 0x0a, 0x76, 0x0a, 0x01,
    0x0a, 0x76, 0x0a, 0x02, 0x08, 0x00, 0xce, 0xb7, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x1f, 0xaf, 0x70, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd, 0xab, 0xcd,
    0xab, 0xcd, 0xab, 0xcd,
};
// clang-format on
// frame 2: routing header type 0, 2 segments left, final destination 2200::240:2:0:0:4; ICMPv6 echo request, checksum 0xd37b
// clang-format off
constexpr std::uint8_t real_v6_echo_routed[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x30, 0x2b, 0x05, 0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x44,
    0x02, 0x12, 0x3f, 0xff, 0xfe, 0xae, 0x22, 0xf7, 0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x11,
    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x3a, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x10, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
    0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x40, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
    0x80, 0x00, 0xd3, 0x7b, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on

// frame 5: hop-by-hop (router alert), ICMPv6 MLDv2 report (type 143), checksum 0x193c
// clang-format off
constexpr std::uint8_t real_v6_mldv2[] = {
    0x60, 0x00, 0x00, 0x00, 0x00, 0x24, 0x00, 0x01, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x9c, 0x09, 0xb4, 0x16, 0x07, 0x68, 0xff, 0x42, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x16, 0x3a, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00,
    0x8f, 0x00, 0x19, 0x3c, 0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0xff, 0x02, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x03,
};
// clang-format on

// ---------------------------------------------------------------------------
// Helpers

// The ICMPv6 message of a hand-built packet (no extension headers).
constexpr bytes_view v6_message(bytes_view packet) { return packet.subspan(40); }

constexpr icmpv4_message_view v4(bytes_view b) { return *icmpv4_message_view::parse(b); }
constexpr icmpv6_message_view v6(bytes_view b) { return *icmpv6_message_view::parse(b); }

constexpr bool v4_checksum_good(bytes_view b) { return v4(b).checksum_valid(); }
constexpr bool v6_checksum_good(bytes_view packet) {
    const ip_packet_view ip = *ip_packet_view::parse(packet);
    return v6(ip.payload()).checksum_valid(ip);
}

// The same message with one bit flipped at `at`: its checksum must fail.
template <std::size_t N>
constexpr bool v4_checksum_fails_flipped(const std::uint8_t (&m)[N], std::size_t at) {
    std::array<std::uint8_t, N> copy{};
    for (std::size_t i = 0; i < N; ++i) copy[i] = m[i];
    copy[at] = static_cast<std::uint8_t>(copy[at] ^ 0x10U);
    return !v4(copy).checksum_valid();
}
template <std::size_t N>
constexpr bool v6_checksum_fails_flipped(const std::uint8_t (&p)[N], std::size_t at) {
    std::array<std::uint8_t, N> copy{};
    for (std::size_t i = 0; i < N; ++i) copy[i] = p[i];
    copy[at] = static_cast<std::uint8_t>(copy[at] ^ 0x01U);
    const auto ip = ip_packet_view::parse(copy);
    return ip && !v6(bytes_view(copy).subspan(40)).checksum_valid(*ip);
}

// Every prefix of a message: below 8 bytes errc::truncated, from 8 a view
// whose type, code and body follow the prefix, whose quote (if an error)
// is errc::truncated until the body holds the IP header, and whose quoted
// ports appear exactly when 4 transport bytes are in.
template <class View>
constexpr bool prefixes_total(bytes_view m, std::size_t quoted_ip_header, bool has_ports) {
    for (std::size_t n = 0; n <= m.size(); ++n) {
        const auto r = View::parse(m.first(n));
        if (n < 8) {
            if (r || r.error() != errc::truncated) return false;
            continue;
        }
        if (!r || r->type() != View::parse(m)->type() || r->code() != m[1] || r->body().size() != n - 8) return false;
        if (r->body().data() != m.data() + 8) return false;
        const auto q = r->quoted_packet();
        if (!r->is_error()) {
            if (q || q.error() != errc::not_icmp_error) return false;
            continue;
        }
        if (n - 8 < quoted_ip_header) {
            if (q || q.error() != errc::truncated) return false;
            continue;
        }
        if (!q) return false;
        const bytes_view t = ipwire::quoted_transport(*q);
        const std::size_t want = n - 8 - quoted_ip_header < 8 ? n - 8 - quoted_ip_header : 8;
        if (t.size() != want || (want != 0 && t.data() != m.data() + 8 + quoted_ip_header)) return false;
        if (ipwire::quoted_ports(*q).has_value() != (has_ports && want >= 4)) return false;
    }
    return true;
}

// ---------------------------------------------------------------------------
// Compile-time tables

static_assert(icmpv4_message_view::parse(bytes_view(v4_echo_request).first(7)).error() == errc::truncated);
static_assert(v4(v4_echo_request).type() == icmpv4_type::echo_request);
static_assert(v4(v4_echo_request).identifier() == 0x1234 && v4(v4_echo_request).sequence() == 1);
static_assert(!v4(v4_echo_request).is_error());
static_assert(v4(v4_frag_needed).is_error() && v4(v4_frag_needed).next_hop_mtu() == 1400);
static_assert(v4(v4_parameter_problem).pointer() == 1);
static_assert(v4(v4_redirect).gateway() == ipwire::ipv4_address(0xC0000201U));
static_assert(v6(v6_message(v6_too_big)).mtu() == 1280);
static_assert(v6(v6_message(v6_parameter_problem)).pointer() == 40);
static_assert(v6(v6_message(v6_echo)).identifier() == 0xabcd);

static_assert(v4_checksum_good(v4_echo_request) && v4_checksum_good(v4_frag_needed) && v4_checksum_good(v4_redirect));
static_assert(v4_checksum_good(bytes_view(real_v4_echo).subspan(20)));
static_assert(v6_checksum_good(v6_too_big) && v6_checksum_good(v6_echo));
static_assert(v6_checksum_good(real_v6_echo_routed));
static_assert(v6_checksum_good(real_v6_mldv2));
static_assert(v4_checksum_fails_flipped(v4_echo_request, 9) && v4_checksum_fails_flipped(v4_frag_needed, 30));
static_assert(v6_checksum_fails_flipped(v6_echo, 45));
static_assert(v6_checksum_fails_flipped(v6_echo, 39)); // the destination address, in the pseudo-header only

static_assert(prefixes_total<icmpv4_message_view>(v4_echo_request, 20, false));
static_assert(prefixes_total<icmpv4_message_view>(v4_frag_needed, 20, true));
static_assert(prefixes_total<icmpv4_message_view>(v4_time_exceeded, 20, true));
static_assert(prefixes_total<icmpv4_message_view>(v4_long_quote, 20, true));
static_assert(ipwire::quoted_transport(*v4(v4_long_quote).quoted_packet()).size() == 8);
static_assert(v4(v4_long_quote).quoted_packet()->payload().size() == 24); // cut at total length 44
static_assert(prefixes_total<icmpv6_message_view>(v6_message(v6_too_big), 40, true));
static_assert(prefixes_total<icmpv6_message_view>(v6_message(v6_echo), 40, false));

static_assert(*ipwire::quoted_ports(*v4(v4_frag_needed).quoted_packet()) == icmp_quoted_ports{port(40000), port(53)});
static_assert(*ipwire::quoted_ports(*v6(v6_message(v6_too_big)).quoted_packet()) ==
              icmp_quoted_ports{port(5000), port(4789)});

static_assert(to_string(icmpv4_type::echo_request) == "echo-request");
static_assert(to_string(icmpv6_type::packet_too_big) == "packet-too-big");
static_assert(to_string(static_cast<icmpv4_type>(42)).empty() &&
              to_string(static_cast<icmpv4_type>(42)).data() != nullptr);

// ---------------------------------------------------------------------------
// Run-time tests

TEST_CASE("icmpv4: each message kind, its RFC 792 fields") {
    struct row {
        bytes_view bytes;
        icmpv4_type type;
        std::uint8_t code;
        bool error;
        std::string_view name;
    };
    const row rows[] = {
        {v4_echo_request, icmpv4_type::echo_request, 0, false, "echo-request"},
        {v4_echo_reply, icmpv4_type::echo_reply, 0, false, "echo-reply"},
        {v4_frag_needed, icmpv4_type::destination_unreachable, 4, true, "destination-unreachable"},
        {v4_time_exceeded, icmpv4_type::time_exceeded, 0, true, "time-exceeded"},
        {v4_parameter_problem, icmpv4_type::parameter_problem, 0, true, "parameter-problem"},
        {v4_redirect, icmpv4_type::redirect, 1, true, "redirect"},
        {v4_source_quench, icmpv4_type::source_quench, 0, true, "source-quench"},
        {v4_timestamp, icmpv4_type::timestamp_request, 0, false, "timestamp-request"},
        {v4_mask_request, icmpv4_type::address_mask_request, 0, false, "address-mask-request"},
        {v4_cut_quote, icmpv4_type::destination_unreachable, 3, true, "destination-unreachable"},
        {v4_long_quote, icmpv4_type::destination_unreachable, 3, true, "destination-unreachable"},
    };
    for (const row& r : rows) {
        CAPTURE(r.name);
        const auto m = icmpv4_message_view::parse(r.bytes);
        REQUIRE(m);
        CHECK(m->type() == r.type);
        CHECK(m->code() == r.code);
        CHECK(m->is_error() == r.error);
        CHECK(to_string(m->type()) == r.name);
        CHECK(m->checksum_valid());
        CHECK(m->checksum() == ((r.bytes[2] << 8) | r.bytes[3]));
        CHECK(m->body().size() == r.bytes.size() - 8);
        const auto q = m->quoted_packet();
        CHECK(q.has_value() == (r.error && r.bytes.size() >= 28));
        if (!r.error) CHECK(q.error() == errc::not_icmp_error);
    }
    CHECK(v4(v4_timestamp).identifier() == 7);
    CHECK(v4(v4_timestamp).sequence() == 9);
    CHECK(v4(v4_mask_request).identifier() == 3);
    CHECK(v4(v4_mask_request).sequence() == 4);
    CHECK(v4(v4_frag_needed).next_hop_mtu() == 1400);
    CHECK(v4(v4_redirect).gateway() == ipwire::ipv4_address(0xC0000201U));
    CHECK(v4(v4_cut_quote).quoted_packet().error() == errc::truncated);
}

TEST_CASE("icmpv4: the quoted packet and its ports (RFC 792, RFC 1122 3.2.2)") {
    const auto q = v4(v4_frag_needed).quoted_packet();
    REQUIRE(q);
    CHECK(q->is_v4());
    CHECK(q->truncated()); // total length 1500, 28 bytes quoted
    CHECK(q->protocol() == ipwire::ip_protocol::udp);
    CHECK(q->source() == ipwire::ip_address(ipwire::ipv4_address(0xC000020AU)));
    CHECK(ipwire::quoted_transport(*q).size() == 8);
    const auto ports = ipwire::quoted_ports(*q);
    REQUIRE(ports);
    CHECK(ports->source == port(40000));
    CHECK(ports->destination == port(53));

    const auto t = ipwire::quoted_ports(*v4(v4_time_exceeded).quoted_packet());
    REQUIRE(t);
    CHECK(t->source == port(51000));
    CHECK(t->destination == port(443));
}

TEST_CASE("icmpv4: checksums, good, bad, and knowing the IP packet") {
    const auto ip = ip_packet_view::parse(real_v4_echo);
    REQUIRE(ip);
    const auto m = icmpv4_message_view::parse(ip->payload());
    REQUIRE(m);
    CHECK(m->type() == icmpv4_type::echo_request);
    CHECK(m->checksum() == 0xceb7);
    CHECK(m->identifier() == 3);
    CHECK(m->sequence() == 0);
    CHECK(m->checksum_valid());
    CHECK(m->checksum_valid(*ip));
    // Cut by a capture: the message is not all here.
    const auto cut = ip_packet_view::parse(bytes_view(real_v4_echo).first(60));
    REQUIRE(cut);
    CHECK(!v4(cut->payload()).checksum_valid(*cut));
    for (std::size_t at = 0; at < sizeof v4_frag_needed; ++at) {
        CAPTURE(at);
        CHECK(v4_checksum_fails_flipped(v4_frag_needed, at));
    }
}

TEST_CASE("icmpv6: each message kind, its RFC 4443 fields and pseudo-header checksum") {
    struct row {
        bytes_view packet;
        icmpv6_type type;
        std::uint8_t code;
        bool error;
        std::string_view name;
    };
    const row rows[] = {
        {v6_too_big, icmpv6_type::packet_too_big, 0, true, "packet-too-big"},
        {v6_echo, icmpv6_type::echo_request, 0, false, "echo-request"},
        {v6_unreachable, icmpv6_type::destination_unreachable, 4, true, "destination-unreachable"},
        {v6_parameter_problem, icmpv6_type::parameter_problem, 1, true, "parameter-problem"},
        {v6_time_exceeded, icmpv6_type::time_exceeded, 0, true, "time-exceeded"},
        {v6_neighbor_solicitation, icmpv6_type::neighbor_solicitation, 0, false, "neighbor-solicitation"},
        {real_v6_echo_routed, icmpv6_type::echo_request, 0, false, "echo-request"},
        {real_v6_mldv2, icmpv6_type::multicast_listener_report_v2, 0, false, "multicast-listener-report-v2"},
    };
    for (const row& r : rows) {
        CAPTURE(r.name);
        const auto ip = ip_packet_view::parse(r.packet);
        REQUIRE(ip);
        REQUIRE(ip->protocol() == ipwire::ip_protocol::icmpv6);
        const auto m = icmpv6_message_view::parse(ip->payload());
        REQUIRE(m);
        CHECK(m->type() == r.type);
        CHECK(m->code() == r.code);
        CHECK(m->is_error() == r.error);
        CHECK(to_string(m->type()) == r.name);
        CHECK(m->checksum_valid(*ip));
        const icmp_message_view either = *m;
        CHECK(either.is_v6());
        CHECK(either.type_value() == static_cast<std::uint8_t>(r.type));
        CHECK(either.checksum_valid(*ip));
        CHECK(either.is_error() == r.error);
    }
    CHECK(v6(ip_packet_view::parse(real_v6_echo_routed)->payload()).checksum() == 0xd37b);
    CHECK(v6(v6_message(v6_neighbor_solicitation)).quoted_packet().error() == errc::not_icmp_error);
    // The cut quote: IPv6 header and 4 UDP bytes, the ports still readable.
    const auto q = v6(v6_message(v6_time_exceeded)).quoted_packet();
    REQUIRE(q);
    CHECK(ipwire::quoted_transport(*q).size() == 4);
    CHECK(ipwire::quoted_ports(*q) == icmp_quoted_ports{port(5000), port(4789)});
    // A bad checksum, anywhere in the message or pseudo-header.
    for (std::size_t at = 8; at < sizeof v6_echo; ++at) {
        if (at == 4 || at == 5) continue;
        CAPTURE(at);
        CHECK(v6_checksum_fails_flipped(v6_echo, at));
    }
    // A cut IP payload cannot be checked.
    const auto cut = ip_packet_view::parse(bytes_view(v6_too_big).first(60));
    REQUIRE(cut);
    CHECK(!v6(cut->payload()).checksum_valid(*cut));
}

TEST_CASE("icmp: every prefix gives a view or errc::truncated, never reading past it") {
    CHECK(prefixes_total<icmpv4_message_view>(v4_echo_request, 20, false));
    CHECK(prefixes_total<icmpv4_message_view>(v4_frag_needed, 20, true));
    CHECK(prefixes_total<icmpv4_message_view>(v4_time_exceeded, 20, true));
    CHECK(prefixes_total<icmpv4_message_view>(v4_parameter_problem, 20, true));
    CHECK(prefixes_total<icmpv4_message_view>(v4_redirect, 20, true));
    CHECK(prefixes_total<icmpv4_message_view>(v4_source_quench, 20, true));
    CHECK(prefixes_total<icmpv4_message_view>(v4_timestamp, 20, false));
    CHECK(prefixes_total<icmpv6_message_view>(v6_message(v6_too_big), 40, true));
    CHECK(prefixes_total<icmpv6_message_view>(v6_message(v6_unreachable), 40, true));
    CHECK(prefixes_total<icmpv6_message_view>(v6_message(v6_parameter_problem), 40, true));
    CHECK(prefixes_total<icmpv6_message_view>(v6_message(v6_echo), 40, false));
    CHECK(prefixes_total<icmpv6_message_view>(v6_message(v6_neighbor_solicitation), 40, false));
}

TEST_CASE("icmp: operator<< prints the name, or the number of an unnamed type") {
    std::ostringstream out;
    out << icmpv4_type::time_exceeded << ' ' << icmpv4_type{42} << ' ' << icmpv6_type::packet_too_big << ' '
        << icmpv6_type{200};
    CHECK(out.str() == "time-exceeded 42 packet-too-big 200");
#if defined(IPWIRE_TEST_HAVE_FMT)
    CHECK(fmt::format("[{:>10}]", icmpv4_type::redirect) == "[  redirect]");
    CHECK(fmt::format("[{:<5}]", icmpv6_type{7}) == "[7    ]");
#endif
}

TEST_CASE("icmp: type names for every type, empty for the unnamed") {
    for (unsigned t = 0; t < 256; ++t) {
        const auto a = to_string(static_cast<icmpv4_type>(t));
        const auto b = to_string(static_cast<icmpv6_type>(t));
        CHECK(a.data() != nullptr);
        CHECK(b.data() != nullptr);
        const bool v4_named = t == 0 || (t >= 3 && t <= 5) || (t >= 8 && t <= 18);
        const bool v6_named = (t >= 1 && t <= 4) || (t >= 128 && t <= 137) || t == 143;
        CHECK(a.empty() == !v4_named);
        CHECK(b.empty() == !v6_named);
    }
}

} // namespace
