// decode (ipwire/decode.hpp): every path through link -> network -> transport
// on hand-built frames (Ethernet with VLAN tags, 802.3 length frames, Linux
// cooked v1 and v2, BSD loopback, the raw IP link types), IP-in-IP tunnels to
// the nesting bound, fragments, the malformations issue 4 lists, and every
// truncated prefix of two full frames, each checked to stay inside its bytes.
#include <ipwire/decode.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::decode;
using ipwire::decode_error;
using ipwire::decode_layer;
using ipwire::decode_stop;
using ipwire::decoded_packet;
using ipwire::errc;
using ipwire::ether_type;
using ipwire::ip_protocol;
using ipwire::link_type;

static_assert(std::is_trivially_copyable_v<decoded_packet>);
static_assert(std::is_trivially_copyable_v<decode_error>);
// Offsets, not views: the README states this size (120 bytes on LP64).
static_assert(sizeof(decoded_packet) <= 128);
static_assert(sizeof(void*) != 8 || sizeof(decoded_packet) == 120);
// A default packet has no layer and no error; its stop() is error.
static_assert(!decoded_packet{}.ip() && !decoded_packet{}.tcp() && !decoded_packet{}.error() &&
              decoded_packet{}.payload().empty() && decoded_packet{}.ip_layers().empty() &&
              decoded_packet{}.tunnels().empty() && decoded_packet{}.anomalies().empty());
static_assert(noexcept(decode(bytes_view{}, link_type::ethernet)));

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const std::array<Row, N>& rows, Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------------------
// Header builders. Each returns one header as bytes, every field commented.
// Checksums are left 0: decode reads structure, not checksums (the wire view
// tests check those).

template <std::size_t N>
using bytes = std::array<std::uint8_t, N>;

constexpr std::uint8_t hi(unsigned v) { return static_cast<std::uint8_t>(v >> 8U & 0xFFU); }
constexpr std::uint8_t lo(unsigned v) { return static_cast<std::uint8_t>(v & 0xFFU); }

template <std::size_t... N>
constexpr auto cat(const bytes<N>&... parts) {
    bytes<(N + ... + 0)> out{};
    std::size_t at = 0;
    const auto put = [&](const auto& part) {
        for (const std::uint8_t b : part) out[at++] = b;
    };
    (put(parts), ...);
    return out;
}

// N bytes of application data: 'a', 'b', 'c', ...
template <std::size_t N>
constexpr bytes<N> data() {
    bytes<N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>('a' + i % 26);
    return out;
}

// IEEE 802.3 MAC header (RFC 7042 documentation addresses).
constexpr bytes<14> ethernet(unsigned type) {
    return {0x00,     0x00,    0x5E, 0x00, 0x53, 0x01, // destination 00:00:5e:00:53:01
            0x00,     0x00,    0x5E, 0x00, 0x53, 0x02, // source 00:00:5e:00:53:02
            hi(type), lo(type)};                       // EtherType, or the first tag's TPID
}
// The rest of an IEEE 802.1Q tag after its TPID (which is the type field before).
constexpr bytes<4> vlan(unsigned tci, unsigned next_type) {
    return {hi(tci), lo(tci),              // PCP(3) DEI(1) VID(12)
            hi(next_type), lo(next_type)}; // the next type field
}

// RFC 791 header, 192.0.2.<host> -> 198.51.100.<host> (RFC 5737).
constexpr bytes<20> ipv4(unsigned protocol, unsigned total_length, unsigned flags_offset = 0, std::uint8_t host = 1,
                         std::uint8_t version_ihl = 0x45) {
    return {version_ihl, // version 4, IHL (5: 20 bytes)
            0x00,        // DSCP 0, ECN 0
            hi(total_length),
            lo(total_length), // total length
            0x12,
            0x34, // identification
            hi(flags_offset),
            lo(flags_offset), // reserved, DF, MF, fragment offset (8-byte units)
            64,               // TTL
            lo(protocol),     // protocol
            0x00,
            0x00, // header checksum (not checked by decode)
            192,
            0,
            2,
            host, // source
            198,
            51,
            100,
            host}; // destination
}

// RFC 8200 section 3 header, 2001:db8::<host> -> 2001:db8:ffff::<host>.
constexpr bytes<40> ipv6(unsigned next_header, unsigned payload_length, std::uint8_t host = 1) {
    return {0x60,
            0x00,
            0x00,
            0x00, // version 6, traffic class 0, flow label 0
            hi(payload_length),
            lo(payload_length), // payload length
            lo(next_header),    // next header
            64,                 // hop limit
            0x20,
            0x01,
            0x0D,
            0xB8,
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
            host, // source
            0x20,
            0x01,
            0x0D,
            0xB8,
            0xFF,
            0xFF,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            host}; // destination
}
// A hop-by-hop or destination options header of 8 bytes (RFC 8200 section 4.2).
constexpr bytes<8> options_header(unsigned next_header) {
    return {lo(next_header), // next header
            0,               // Hdr Ext Len 0: 8 bytes
            0x01,
            0x04, // PadN, 4 bytes of data
            0,
            0,
            0,
            0};
}
// A type 0 routing header with one address, that segment still left (RFC 2460 section 4.4).
constexpr bytes<24> routing0(unsigned next_header) {
    return {lo(next_header), // next header
            2,               // Hdr Ext Len 2: 24 bytes
            0,               // routing type 0
            1,               // segments left 1
            0,
            0,
            0,
            0, // reserved
            0x20,
            0x01,
            0x0D,
            0xB8,
            0xEE,
            0xEE,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            9}; // address[1] 2001:db8:eeee::9
}
// RFC 8200 section 4.5 fragment header.
constexpr bytes<8> fragment(unsigned next_header, unsigned offset_flags) {
    return {lo(next_header), // next header
            0,               // reserved
            hi(offset_flags),
            lo(offset_flags), // offset (8-byte units) << 3, res, M
            0xCA,
            0xFE,
            0xF0,
            0x0D}; // identification
}
// RFC 9293 section 3.1 header, port 49152 -> 80.
constexpr bytes<20> tcp(unsigned flags, unsigned data_offset_words = 5) {
    return {0xC0,
            0x00, // source port 49152
            0x00,
            0x50, // destination port 80
            0x01,
            0x02,
            0x03,
            0x04, // sequence number
            0x00,
            0x00,
            0x00,
            0x00,                                               // acknowledgment number
            static_cast<std::uint8_t>(data_offset_words << 4U), // data offset, reserved, AE
            lo(flags),                                          // CWR ECE URG ACK PSH RST SYN FIN
            0xFF,
            0xFF, // window
            0x00,
            0x00, // checksum (not checked by decode)
            0x00,
            0x00}; // urgent pointer
}
// RFC 768 header, port 53000 -> 53.
constexpr bytes<8> udp(unsigned length) {
    return {0xCF,       0x08,       // source port 53000
            0x00,       0x35,       // destination port 53
            hi(length), lo(length), // length, header included
            0x00,       0x00};      // checksum (none)
}
// The BSD loopback header: AF_INET in a little-endian host's order.
constexpr bytes<4> null_inet{0x02, 0x00, 0x00, 0x00};

// ---------------------------------------------------------------------------
// Where every span decode hands out lies: inside the frame (pointer compares).

constexpr bool inside(bytes_view part, bytes_view frame) {
    if (part.empty())
        return part.data() == nullptr || (part.data() >= frame.data() && part.data() <= frame.data() + frame.size());
    return part.data() >= frame.data() && part.data() + part.size() <= frame.data() + frame.size();
}

constexpr bool all_inside(const decoded_packet& p, bytes_view f) {
    bool ok = inside(p.payload(), f);
    if (p.ethernet())
        ok = ok && inside(p.ethernet()->bytes(), f) && inside(p.ethernet()->header(), f) &&
             inside(p.ethernet()->payload(), f);
    if (p.linux_sll())
        ok = ok && inside(p.linux_sll()->bytes(), f) && inside(p.linux_sll()->payload(), f) &&
             inside(p.linux_sll()->address(), f);
    if (p.linux_sll2())
        ok = ok && inside(p.linux_sll2()->bytes(), f) && inside(p.linux_sll2()->payload(), f) &&
             inside(p.linux_sll2()->address(), f);
    if (p.null_loopback()) ok = ok && inside(p.null_loopback()->bytes(), f) && inside(p.null_loopback()->payload(), f);
    for (const ipwire::ip_packet_view& ip : p.ip_layers()) {
        ok = ok && inside(ip.bytes(), f) && inside(ip.payload(), f);
        if (ip.is_v4()) {
            ok = ok && inside(ip.v4().header(), f) && inside(ip.v4().options().bytes(), f);
            for (const ipwire::ipv4_option o : ip.v4().options()) ok = ok && inside(o.bytes(), f);
        } else {
            ok = ok && inside(ip.v6().header(), f) && inside(ip.v6().payload(), f) &&
                 inside(ip.v6().upper_layer_payload(), f);
            for (const ipwire::ipv6_extension_header h : ip.v6().extension_headers()) {
                ok = ok && inside(h.bytes(), f);
                for (const ipwire::ipv6_option o : h.options()) ok = ok && inside(o.bytes(), f);
            }
        }
    }
    if (p.ip_layers().size() != 0) ok = ok && p.ip() && p.ip()->bytes().data() == p.ip_layers().back().bytes().data();
    if (p.tcp()) {
        ok = ok && inside(p.tcp()->bytes(), f) && inside(p.tcp()->header(), f) && inside(p.tcp()->payload(), f) &&
             inside(p.tcp()->options().bytes(), f);
        for (const ipwire::tcp_option o : p.tcp()->options()) ok = ok && inside(o.bytes(), f);
    }
    if (p.udp()) ok = ok && inside(p.udp()->bytes(), f) && inside(p.udp()->payload(), f);
    // On an error, payload starts at the header decode could not read.
    if (p.error()) ok = ok && static_cast<std::size_t>(p.payload().data() - f.data()) == p.error()->offset;
    return ok;
}

// What transport header decode read.
enum class l4 { none, tcp, udp };

constexpr l4 transport_of(const decoded_packet& p) { return p.tcp() ? l4::tcp : p.udp() ? l4::udp : l4::none; }

// ---------------------------------------------------------------------------
// Frames. Offsets in the comments count from the frame's first byte.

// Ethernet, one 802.1Q tag (PCP 1, VID 100), IPv4, TCP with options, 5 bytes
// of data: 75 bytes. Link header 0-17, IPv4 18-37, TCP 38-69, data 70-74.
constexpr bytes<12> syn_options{0x02, 0x04, 0x05, 0xB4, // MSS 1460
                                0x01,                   // NOP
                                0x03, 0x03, 0x07,       // window scale 7
                                0x04, 0x02,             // SACK permitted
                                0x01, 0x01};            // NOP NOP
constexpr auto vlan_tcp =
    cat(ethernet(0x8100), vlan(0x2064, 0x0800), ipv4(6, 20 + 32 + 5), tcp(0x02, 8), syn_options, data<5>());
static_assert(vlan_tcp.size() == 75);

// Ethernet, IPv6 with hop-by-hop, destination options, type 0 routing and an
// atomic fragment header, UDP with 4 bytes of data: 114 bytes. Ethernet 0-13,
// IPv6 14-53, hop-by-hop 54-61, destination options 62-69, routing 70-93,
// fragment 94-101, UDP 102-109, data 110-113.
constexpr auto ipv6_ext_udp = cat(ethernet(0x86DD), ipv6(0, 8 + 8 + 24 + 8 + 12), options_header(60),
                                  options_header(43), routing0(44), fragment(17, 0x0000), udp(12), data<4>());
static_assert(ipv6_ext_udp.size() == 114);

constexpr auto plain_tcp = cat(ethernet(0x0800), ipv4(6, 20 + 20 + 3), tcp(0x18), data<3>());
constexpr auto qinq_ipv6_udp =
    cat(ethernet(0x88A8), vlan(0x000A, 0x8100), vlan(0x0014, 0x86DD), ipv6(17, 8 + 2), udp(10), data<2>());
constexpr auto arp = cat(ethernet(0x0806), data<28>());
constexpr auto llc = cat(ethernet(38), data<38>()); // 802.3 length 38: an LLC frame
constexpr auto five_tags = cat(ethernet(0x8100), vlan(1, 0x8100), vlan(2, 0x8100), vlan(3, 0x8100), vlan(4, 0x8100),
                               vlan(5, 0x0800), ipv4(17, 28), udp(8));
constexpr auto padded = cat(ethernet(0x0800), ipv4(17, 28), udp(8), bytes<18>{}); // padded to 60 bytes

constexpr bytes<16> sll_ipv4_header{0x00, 0x00,                                     // packet type: to us
                                    0x00, 0x01,                                     // ARPHRD_ETHER
                                    0x00, 0x06,                                     // address length 6
                                    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, 0x00, 0x00, // address, padded to 8
                                    0x08, 0x00};                                    // protocol: IPv4
constexpr auto sll_udp = cat(sll_ipv4_header, ipv4(17, 28), udp(8));
constexpr bytes<20> sll2_ipv6_header{0x86, 0xDD,                                      // protocol: IPv6
                                     0x00, 0x00,                                      // reserved
                                     0x00, 0x00, 0x00, 0x01,                          // interface index 1
                                     0x00, 0x01,                                      // ARPHRD_ETHER
                                     0x04,                                            // packet type: outgoing
                                     0x06,                                            // address length 6
                                     0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, 0x00, 0x00}; // address, padded
constexpr auto sll2_tcp = cat(sll2_ipv6_header, ipv6(6, 20), tcp(0x02));
constexpr auto null_udp = cat(null_inet, ipv4(17, 28), udp(8));
constexpr auto null_darwin_ipv6 = cat(bytes<4>{30, 0, 0, 0}, ipv6(17, 8), udp(8)); // AF_INET6 on macOS
constexpr auto null_osi = cat(bytes<4>{7, 0, 0, 0}, data<8>());                    // AF_ISO
constexpr auto loop_udp = cat(bytes<4>{0, 0, 0, 2}, ipv4(17, 28), udp(8));         // LINKTYPE_LOOP: big-endian
constexpr auto raw_v4 = cat(ipv4(17, 28), udp(8));
constexpr auto raw_v6 = cat(ipv6(6, 20), tcp(0x10));
constexpr auto raw_v5 = cat(bytes<1>{0x50}, data<27>());

constexpr auto icmp = cat(ethernet(0x0800), ipv4(1, 28), data<8>());
// GRE version 0 carrying MPLS (0x8847), which decode does not read.
constexpr auto gre = cat(ethernet(0x0800), ipv4(47, 24), bytes<4>{0, 0, 0x88, 0x47});
// GRE flags 0x61: the routing bit, which RFC 2784 section 2.3 has a receiver discard.
constexpr auto gre_routing = cat(ethernet(0x0800), ipv4(47, 24), data<4>());
constexpr auto no_next = cat(ethernet(0x86DD), ipv6(59, 4), data<4>());
constexpr auto v4_says_v6 = cat(ethernet(0x0800), ipv6(17, 8), udp(8));
constexpr auto v6_says_v4 = cat(ethernet(0x86DD), ipv4(17, 28), udp(8));

// Fragments: MF with offset 0 carries the transport header; offset 185
// (1480 bytes) and the largest offset (8191, 65528 bytes) do not.
constexpr auto v4_first_fragment = cat(ethernet(0x0800), ipv4(17, 20 + 16, 0x2000), udp(1480), data<8>());
constexpr auto v4_later_fragment = cat(ethernet(0x0800), ipv4(6, 20 + 16, 0x20B9), data<16>());
constexpr auto v4_last_offset = cat(ethernet(0x0800), ipv4(6, 20 + 8, 0x1FFF), data<8>());
constexpr auto v4_df = cat(ethernet(0x0800), ipv4(17, 28, 0x4000), udp(8));
constexpr auto v6_atomic = cat(ethernet(0x86DD), ipv6(44, 16), fragment(17, 0x0000), udp(8));
constexpr auto v6_first_fragment = cat(ethernet(0x86DD), ipv6(44, 28), fragment(6, 0x0001), tcp(0x02));
constexpr auto v6_later_fragment = cat(ethernet(0x86DD), ipv6(44, 24), fragment(6, 0x05A9), data<16>());

// Tunnels: protocol 4 (IPv4) and 41 (IPv6), also after IPv6 extension headers.
constexpr auto four_in_four = cat(ethernet(0x0800), ipv4(4, 48, 0, 1), ipv4(17, 28, 0, 2), udp(8));
constexpr auto six_in_four = cat(ethernet(0x0800), ipv4(41, 20 + 48 + 2, 0, 1), ipv6(17, 10, 2), udp(10), data<2>());
constexpr auto four_in_six = cat(ethernet(0x86DD), ipv6(4, 28, 1), ipv4(17, 28, 0, 2), udp(8));
constexpr auto six_in_six_in_six = cat(ethernet(0x86DD), ipv6(41, 88, 1), ipv6(41, 48, 2), ipv6(17, 8, 3), udp(8));
constexpr auto six_after_options =
    cat(ethernet(0x86DD), ipv6(60, 8 + 48, 1), options_header(41), ipv6(17, 8, 2), udp(8));
// Four IP layers: the bound, still read. Five: nesting_too_deep at the fifth (offset 14 + 80).
constexpr auto four_deep =
    cat(ethernet(0x0800), ipv4(4, 88, 0, 1), ipv4(4, 68, 0, 2), ipv4(4, 48, 0, 3), ipv4(17, 28, 0, 4), udp(8));
constexpr auto five_deep = cat(ethernet(0x0800), ipv4(4, 108, 0, 1), ipv4(4, 88, 0, 2), ipv4(4, 68, 0, 3),
                               ipv4(4, 48, 0, 4), ipv4(17, 28, 0, 5), udp(8));
constexpr auto five_deep_v6 =
    cat(ethernet(0x86DD), ipv6(41, 168, 1), ipv6(41, 128, 2), ipv6(41, 88, 3), ipv6(41, 48, 4), ipv6(17, 8, 5), udp(8));
constexpr auto tunnel_wrong_version = cat(ethernet(0x0800), ipv4(4, 68), ipv6(17, 8), udp(8));

// Malformations.
constexpr auto ihl_4 = cat(ethernet(0x0800), ipv4(6, 40, 0, 1, 0x44), tcp(0x02));           // IHL below 5
constexpr auto ihl_15_cut = cat(ethernet(0x0800), ipv4(6, 0xFFFF, 0, 1, 0x4F), data<20>()); // 60-byte header, 40 there
constexpr auto total_below_header = cat(ethernet(0x0800), ipv4(6, 19), tcp(0x02));
constexpr auto total_beyond_capture = cat(ethernet(0x0800), ipv4(6, 0xFFFF), tcp(0x10), data<4>());
constexpr auto tcp_offset_4 = cat(ethernet(0x0800), ipv4(6, 40), tcp(0x02, 4));
// A 60-byte header claimed, 24 bytes there.
constexpr auto tcp_offset_15 = cat(ethernet(0x0800), ipv4(6, 44), tcp(0x02, 15), data<4>());
constexpr auto tcp_short = cat(ethernet(0x0800), ipv4(6, 39), tcp(0x02)); // the IP length leaves 19 bytes
constexpr auto udp_length_7 = cat(ethernet(0x0800), ipv4(17, 28), udp(7));
constexpr auto udp_length_beyond = cat(ethernet(0x0800), ipv4(17, 32), udp(0xFFFF), data<4>());
constexpr auto udp_short = cat(ethernet(0x0800), ipv4(17, 27), data<7>());
// Payload length 0 is an empty payload (RFC 8200): the UDP header is not in it.
constexpr auto v6_payload_0 = cat(ethernet(0x86DD), ipv6(17, 0), udp(8));
constexpr auto v6_zero_without_jumbo = cat(ethernet(0x86DD), ipv6(0, 0), options_header(17), udp(8));
// A 16-byte destination options header in a payload of 8.
constexpr auto v6_ext_beyond_length = cat(ethernet(0x86DD), ipv6(60, 8), bytes<16>{17, 1});
constexpr auto v6_ext_255_cut = cat(ethernet(0x86DD), ipv6(60, 0xFFFF), bytes<16>{17, 255}); // 2048 bytes claimed
constexpr auto v6_ext_cut = cat(ethernet(0x86DD), ipv6(60, 16), bytes<4>{17, 0, 1, 4}); // capture ends in the header
// Two fragment headers (RFC 8200 section 4.1: at most one); the first says
// "first fragment", the second "offset 8": neither is believed.
constexpr auto v6_two_fragments =
    cat(ethernet(0x86DD), ipv6(44, 24), fragment(44, 0x0001), fragment(17, 0x0008), data<8>());
constexpr auto v6_hop_by_hop_second =
    cat(ethernet(0x86DD), ipv6(60, 24), options_header(0), options_header(17), udp(8));
// A type 0 routing header of odd length (RFC 2460 wants pairs of 8-byte units).
constexpr auto v6_routing_odd = cat(ethernet(0x86DD), ipv6(43, 16 + 8), bytes<16>{17, 1, 0, 0}, udp(8));
// A jumbo payload option (RFC 2675) of 2^32 - 1 bytes in a 68-byte frame.
constexpr auto v6_jumbo = cat(ethernet(0x86DD), ipv6(0, 0), bytes<8>{6, 0, 0xC2, 4, 0xFF, 0xFF, 0xFF, 0xFF}, tcp(0x10));

// Issue 11. An IPv4 AH (RFC 4302; protocol 51) is walked to the protocol it
// protects: 16 bytes (Payload Len 2), then UDP. Payload Len 0 (8 bytes, no
// sequence number) is framed by its length too, in IPv4 and in IPv6.
constexpr bytes<16> ah16(unsigned next_header) {
    return {lo(next_header),
            2,
            0,
            0, // next header, Payload Len 2: (2 + 2) * 4 = 16 bytes, reserved
            0,
            0,
            1,
            0, // SPI 256
            0,
            0,
            0,
            1, // sequence number 1
            0xA5,
            0xA5,
            0xA5,
            0xA5}; // ICV
}
constexpr bytes<8> ah8(unsigned next_header) {
    return {lo(next_header), 0, 0, 0, 0, 0, 1, 0};
} // Payload Len 0, SPI 256
constexpr auto v4_ah_udp = cat(ethernet(0x0800), ipv4(51, 20 + 16 + 8 + 2), ah16(17), udp(10), data<2>());
constexpr auto v4_ah8_udp = cat(ethernet(0x0800), ipv4(51, 20 + 8 + 8), ah8(17), udp(8));
constexpr auto v6_ah8_udp = cat(ethernet(0x86DD), ipv6(51, 8 + 8), ah8(17), udp(8));
constexpr auto v4_ah_tunnel = cat(ethernet(0x0800), ipv4(51, 20 + 16 + 28, 0, 1), ah16(4), ipv4(17, 28, 0, 2), udp(8));
// AH past the total length (16 bytes in a payload of 12), AH cut by the
// capture, AH after AH (the IPv6 chain's rule: one AH), and a non-first
// fragment, whose bytes are fragment data and no AH (RFC 4302 section 3.3.4).
constexpr auto v4_ah_past_length = cat(ethernet(0x0800), ipv4(51, 20 + 12), ah16(17));
constexpr auto v4_ah_cut = cat(ethernet(0x0800), ipv4(51, 20 + 16 + 8), bytes<6>{17, 2, 0, 0, 0, 0}); // 6 of 16 bytes
constexpr auto v4_ah_twice = cat(ethernet(0x0800), ipv4(51, 20 + 16 + 16 + 8), ah16(51), ah16(17), udp(8));
constexpr auto v4_ah_later_fragment = cat(ethernet(0x0800), ipv4(51, 20 + 16, 0x0003), ah16(17));
// Two routing headers, type 2 then type 0, each with a segment left: two
// final destinations. RFC 8200 section 4.1: the second stops the walk.
constexpr bytes<24> routing2(unsigned next_header) {
    return {lo(next_header),
            2,
            2,
            1,
            0,
            0,
            0,
            0, // next header, 24 bytes, type 2, segments left 1, reserved
            0x20,
            0x01,
            0x0D,
            0xB8,
            0xAA,
            0xAA,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            1}; // home address 2001:db8:aaaa::1
}
constexpr auto v6_routing_twice = cat(ethernet(0x86DD), ipv6(43, 24 + 24 + 20), routing2(43), routing0(6), tcp(0x02));
// RFC 2675 section 3 against its rules: a jumbo option beside a non-zero
// payload length, and a jumbo length of 65535 (below 65536).
constexpr auto v6_jumbo_beside_length =
    cat(ethernet(0x86DD), ipv6(0, 28), bytes<8>{6, 0, 0xC2, 4, 0x00, 0x01, 0x00, 0x00}, tcp(0x10));
constexpr auto v6_jumbo_65535 = cat(ethernet(0x86DD), ipv6(0, 0), bytes<8>{6, 0, 0xC2, 4, 0, 0, 0xFF, 0xFF}, tcp(0x10));
// A repeated TCP option: MSS 1460, then MSS 536; the first is read.
constexpr auto tcp_mss_twice =
    cat(ethernet(0x0800), ipv4(6, 20 + 32), tcp(0x02, 8), bytes<12>{2, 4, 0x05, 0xB4, 2, 4, 0x02, 0x18, 1, 1, 1, 0});

// 17 destination options headers: one past the walk's bound of 16.
constexpr auto v6_long_chain = [] {
    bytes<14 + 40 + 17 * 8 + 8> f{};
    const auto head = cat(ethernet(0x86DD), ipv6(60, 17 * 8 + 8));
    std::size_t at = 0;
    for (const std::uint8_t b : head) f[at++] = b;
    for (int i = 0; i < 17; ++i) {
        const auto h = options_header(i == 16 ? 17 : 60);
        for (const std::uint8_t b : h) f[at++] = b;
    }
    for (const std::uint8_t b : udp(8)) f[at++] = b;
    return f;
}();

// Option lists are no structural fault: decode reads on and the view's
// option walk reports them.
constexpr auto v4_option_length_1 = cat(ethernet(0x0800), ipv4(6, 44, 0, 1, 0x46), bytes<4>{7, 1, 0, 0}, tcp(0x02));
constexpr auto v4_option_length_0 = cat(ethernet(0x0800), ipv4(6, 44, 0, 1, 0x46), bytes<4>{68, 0, 0, 0}, tcp(0x02));
constexpr auto tcp_option_length_0 = cat(ethernet(0x0800), ipv4(6, 44), tcp(0x02, 6), bytes<4>{2, 0, 5, 0xB4});
constexpr auto tcp_option_length_1 = cat(ethernet(0x0800), ipv4(6, 44), tcp(0x02, 6), bytes<4>{8, 1, 0, 0});
constexpr auto tcp_option_past_header = cat(ethernet(0x0800), ipv4(6, 44), tcp(0x02, 6), bytes<4>{1, 8, 10, 0});
constexpr auto v6_option_past_header = cat(ethernet(0x86DD), ipv6(0, 16), bytes<8>{17, 0, 0x1E, 9, 0, 0, 0, 0}, udp(8));

// ---------------------------------------------------------------------------
// The table: what decode must say for each frame.

struct decode_case {
    std::string_view name;
    bytes_view frame;
    link_type link;
    decode_stop stop;
    std::optional<decode_error> error;
    std::size_t ip_layers;
    l4 layer4;
    std::size_t payload_offset;
    std::size_t payload_size;
};

constexpr link_type link_of(unsigned v) { return static_cast<link_type>(v); }
constexpr decode_error err(decode_layer l, errc e, std::size_t at) { return {l, e, at}; }

using enum decode_stop;
constexpr auto L = decode_layer::link;
constexpr auto I = decode_layer::ip;
constexpr auto T = decode_layer::tcp;
constexpr auto U = decode_layer::udp;
constexpr auto E = link_type::ethernet;

constexpr std::array paths{
    decode_case{"vlan tcp", vlan_tcp, E, transport, {}, 1, l4::tcp, 70, 5},
    decode_case{"ipv6 extensions udp", ipv6_ext_udp, E, transport, {}, 1, l4::udp, 110, 4},
    decode_case{"plain tcp", plain_tcp, E, transport, {}, 1, l4::tcp, 54, 3},
    decode_case{"802.1ad + 802.1Q ipv6 udp", qinq_ipv6_udp, E, transport, {}, 1, l4::udp, 70, 2},
    decode_case{"arp", arp, E, not_ip, {}, 0, l4::none, 14, 28},
    decode_case{"802.3 llc", llc, E, not_ip, {}, 0, l4::none, 14, 38},
    decode_case{"five vlan tags", five_tags, E, not_ip, {}, 0, l4::none, 30, 32},
    decode_case{"ethernet padding", padded, E, transport, {}, 1, l4::udp, 42, 0},
    decode_case{"linux sll udp", sll_udp, link_type::linux_sll, transport, {}, 1, l4::udp, 44, 0},
    decode_case{"linux sll2 tcp", sll2_tcp, link_type::linux_sll2, transport, {}, 1, l4::tcp, 80, 0},
    decode_case{"null inet", null_udp, link_type::null, transport, {}, 1, l4::udp, 32, 0},
    decode_case{"null darwin inet6", null_darwin_ipv6, link_type::null, transport, {}, 1, l4::udp, 52, 0},
    decode_case{"null osi", null_osi, link_type::null, not_ip, {}, 0, l4::none, 4, 8},
    decode_case{"loop (108)", loop_udp, link_of(108), transport, {}, 1, l4::udp, 32, 0},
    decode_case{"raw v4", raw_v4, link_type::raw, transport, {}, 1, l4::udp, 28, 0},
    decode_case{"raw v6", raw_v6, link_type::raw, transport, {}, 1, l4::tcp, 60, 0},
    decode_case{"dlt_raw 12", raw_v6, link_of(12), transport, {}, 1, l4::tcp, 60, 0},
    decode_case{"dlt_raw 14", raw_v4, link_of(14), transport, {}, 1, l4::udp, 28, 0},
    decode_case{"ipv4 link", raw_v4, link_type::ipv4, transport, {}, 1, l4::udp, 28, 0},
    decode_case{"ipv6 link", raw_v6, link_type::ipv6, transport, {}, 1, l4::tcp, 60, 0},
    decode_case{"icmp", icmp, E, other_protocol, {}, 1, l4::none, 34, 8},
    // GRE is followed; nothing known inside.
    decode_case{"gre", gre, E, other_protocol, {}, 1, l4::none, 38, 0},
    decode_case{"no next header", no_next, E, other_protocol, {}, 1, l4::none, 54, 4},
    decode_case{"v4 first fragment", v4_first_fragment, E, transport, {}, 1, l4::udp, 42, 8},
    decode_case{"v4 later fragment", v4_later_fragment, E, non_first_fragment, {}, 1, l4::none, 34, 16},
    decode_case{"v4 last offset", v4_last_offset, E, non_first_fragment, {}, 1, l4::none, 34, 8},
    decode_case{"v4 don't fragment", v4_df, E, transport, {}, 1, l4::udp, 42, 0},
    decode_case{"v6 atomic fragment", v6_atomic, E, transport, {}, 1, l4::udp, 70, 0},
    decode_case{"v6 first fragment", v6_first_fragment, E, transport, {}, 1, l4::tcp, 82, 0},
    decode_case{"v6 later fragment", v6_later_fragment, E, non_first_fragment, {}, 1, l4::none, 62, 16},
    decode_case{"4 in 4", four_in_four, E, transport, {}, 2, l4::udp, 62, 0},
    decode_case{"6 in 4", six_in_four, E, transport, {}, 2, l4::udp, 82, 2},
    decode_case{"4 in 6", four_in_six, E, transport, {}, 2, l4::udp, 82, 0},
    decode_case{"6 in 6 in 6", six_in_six_in_six, E, transport, {}, 3, l4::udp, 142, 0},
    decode_case{"6 in 6 after options", six_after_options, E, transport, {}, 2, l4::udp, 110, 0},
    decode_case{"four deep", four_deep, E, transport, {}, 4, l4::udp, 102, 0},
    decode_case{"option length 1 (ipv4)", v4_option_length_1, E, transport, {}, 1, l4::tcp, 58, 0},
    decode_case{"option length 0 (ipv4)", v4_option_length_0, E, transport, {}, 1, l4::tcp, 58, 0},
    decode_case{"option length 0 (tcp)", tcp_option_length_0, E, transport, {}, 1, l4::tcp, 58, 0},
    decode_case{"option length 1 (tcp)", tcp_option_length_1, E, transport, {}, 1, l4::tcp, 58, 0},
    decode_case{"option past header (tcp)", tcp_option_past_header, E, transport, {}, 1, l4::tcp, 58, 0},
    decode_case{"option past header (ipv6)", v6_option_past_header, E, transport, {}, 1, l4::udp, 70, 0},
    decode_case{"total length beyond capture", total_beyond_capture, E, transport, {}, 1, l4::tcp, 54, 4},
    decode_case{"udp length beyond capture", udp_length_beyond, E, transport, {}, 1, l4::udp, 42, 4},
    decode_case{"jumbo of 2^32-1 bytes in 82", v6_jumbo, E, transport, {}, 1, l4::tcp, 82, 0},
    decode_case{"ipv4 AH, udp", v4_ah_udp, E, transport, {}, 1, l4::udp, 58, 2},
    decode_case{"ipv4 AH of 8 bytes", v4_ah8_udp, E, transport, {}, 1, l4::udp, 50, 0},
    decode_case{"ipv6 AH of 8 bytes", v6_ah8_udp, E, transport, {}, 1, l4::udp, 70, 0},
    decode_case{"ipv4 AH, then 4 in 4", v4_ah_tunnel, E, transport, {}, 2, l4::udp, 78, 0},
    decode_case{
        "ipv4 protocol 51, later fragment", v4_ah_later_fragment, E, non_first_fragment, {}, 1, l4::none, 34, 16},
    decode_case{"tcp option twice", tcp_mss_twice, E, transport, {}, 1, l4::tcp, 66, 0},
};

// The faults: stop is error, no transport, and payload starts at the error.
constexpr decode_case fault(std::string_view name, bytes_view frame, link_type link, decode_error e,
                            std::size_t ip_layers, std::size_t payload_size) {
    return {name, frame, link, error, e, ip_layers, l4::none, e.offset, payload_size};
}

constexpr std::array faults{
    fault("empty ethernet", bytes_view{}, E, err(L, errc::truncated, 0), 0, 0),
    fault("tag without type", bytes_view(vlan_tcp).first(16), E, err(L, errc::truncated, 0), 0, 16),
    fault("sll cut", bytes_view(sll_udp).first(15), link_type::linux_sll, err(L, errc::truncated, 0), 0, 15),
    fault("sll2 cut", bytes_view(sll2_tcp).first(19), link_type::linux_sll2, err(L, errc::truncated, 0), 0, 19),
    fault("null cut", bytes_view(null_udp).first(3), link_type::null, err(L, errc::truncated, 0), 0, 3),
    fault("unsupported link type", plain_tcp, link_of(105), err(L, errc::unsupported_link_type, 0), 0, 57),
    fault("raw empty", bytes_view{}, link_type::raw, err(I, errc::truncated, 0), 0, 0),
    fault("raw version 5", raw_v5, link_type::raw, err(I, errc::bad_version, 0), 0, 28),
    fault("ipv4 link, v6 packet", raw_v6, link_type::ipv4, err(I, errc::bad_version, 0), 0, 60),
    fault("ipv6 link, v4 packet", raw_v4, link_type::ipv6, err(I, errc::bad_version, 0), 0, 28),
    fault("ethertype v4, version 6", v4_says_v6, E, err(I, errc::bad_version, 14), 0, 48),
    fault("ethertype v6, version 4", v6_says_v4, E, err(I, errc::bad_version, 14), 0, 28),
    fault("IHL 4", ihl_4, E, err(I, errc::bad_header_length, 14), 0, 40),
    fault("IHL 15, 40 bytes", ihl_15_cut, E, err(I, errc::truncated, 14), 0, 40),
    fault("total length 19", total_below_header, E, err(I, errc::bad_total_length, 14), 0, 40),
    fault("tcp data offset 4", tcp_offset_4, E, err(T, errc::bad_data_offset, 34), 1, 20),
    fault("tcp data offset 15", tcp_offset_15, E, err(T, errc::bad_data_offset, 34), 1, 24),
    fault("tcp cut by ip length", tcp_short, E, err(T, errc::truncated, 34), 1, 19),
    fault("udp length 7", udp_length_7, E, err(U, errc::bad_length, 34), 1, 8),
    fault("udp cut by ip length", udp_short, E, err(U, errc::truncated, 34), 1, 7),
    fault("ipv6 payload length 0", v6_payload_0, E, err(U, errc::truncated, 54), 1, 0),
    fault("ipv6 payload length 0, no jumbo option", v6_zero_without_jumbo, E, err(I, errc::bad_payload_length, 14), 0,
          56),
    fault("ext header past payload length", v6_ext_beyond_length, E, err(I, errc::bad_extension_header, 54), 1, 8),
    fault("ext header of 2048 bytes, 16 there", v6_ext_255_cut, E, err(I, errc::truncated, 54), 1, 16),
    fault("ext header cut", v6_ext_cut, E, err(I, errc::truncated, 54), 1, 4),
    fault("hop-by-hop second", v6_hop_by_hop_second, E, err(I, errc::bad_extension_header, 62), 1, 16),
    fault("two fragment headers", v6_two_fragments, E, err(I, errc::bad_extension_header, 62), 1, 16),
    fault("routing type 0, odd length", v6_routing_odd, E, err(I, errc::bad_extension_header, 54), 1, 24),
    fault("17 extension headers", v6_long_chain, E, err(I, errc::too_many_extension_headers, 182), 1, 16),
    fault("five deep (v4)", five_deep, E, err(I, errc::nesting_too_deep, 94), 4, 28),
    fault("five deep (v6)", five_deep_v6, E, err(I, errc::nesting_too_deep, 174), 4, 48),
    fault("protocol 4 carrying v6", tunnel_wrong_version, E, err(I, errc::bad_version, 34), 1, 48),
    fault("ethernet cut at 10 bytes", bytes_view(plain_tcp).first(10), E, err(L, errc::truncated, 0), 0, 10),
    fault("ipv4 AH past total length", v4_ah_past_length, E, err(I, errc::bad_extension_header, 34), 1, 12),
    fault("ipv4 AH cut", v4_ah_cut, E, err(I, errc::truncated, 34), 1, 6),
    fault("ipv4 AH twice", v4_ah_twice, E, err(I, errc::bad_extension_header, 50), 1, 24),
    fault("routing twice (type 2, type 0)", v6_routing_twice, E, err(I, errc::bad_extension_header, 78), 1, 44),
    fault("jumbo beside payload length", v6_jumbo_beside_length, E, err(I, errc::bad_payload_length, 14), 0, 68),
    fault("jumbo of 65535", v6_jumbo_65535, E, err(I, errc::bad_payload_length, 14), 0, 68),
    fault("gre routing bit", gre_routing, E, err(decode_layer::tunnel, errc::bad_tunnel_header, 34), 1, 4),
};

constexpr bool matches(const decode_case& c) {
    const decoded_packet p = decode(c.frame, c.link);
    return p.link_type() == c.link && p.stop() == c.stop && p.error() == c.error &&
           p.ip_layers().size() == c.ip_layers && transport_of(p) == c.layer4 &&
           static_cast<std::size_t>(p.payload().data() - c.frame.data()) == c.payload_offset &&
           p.payload().size() == c.payload_size && all_inside(p, c.frame);
}

static_assert(first_failure(paths, matches) == -1);
static_assert(first_failure(faults, matches) == -1);

template <std::size_t N>
void check_table(const std::array<decode_case, N>& table) {
    for (const decode_case& c : table) {
        CAPTURE(c.name);
        const decoded_packet p = decode(c.frame, c.link);
        CHECK(p.link_type() == c.link);
        CHECK(to_string(p.stop()) == to_string(c.stop));
        CHECK(p.error().has_value() == c.error.has_value());
        if (p.error() && c.error) {
            CHECK(to_string(p.error()->layer) == to_string(c.error->layer));
            CHECK(to_string(p.error()->code) == to_string(c.error->code));
            CHECK(p.error()->offset == c.error->offset);
        }
        CHECK(p.ip_layers().size() == c.ip_layers);
        CHECK(p.ip().has_value() == (c.ip_layers != 0));
        CHECK(transport_of(p) == c.layer4);
        CHECK(static_cast<std::size_t>(p.payload().data() - c.frame.data()) == c.payload_offset);
        CHECK(p.payload().size() == c.payload_size);
        CHECK(all_inside(p, c.frame));
        CHECK(matches(c));
    }
}

TEST_CASE("decode: every path from link to transport") { check_table(paths); }
TEST_CASE("decode: every fault stops at its header with its errc") { check_table(faults); }

// ---------------------------------------------------------------------------
// Every truncated prefix of the two full frames: the exact error (layer,
// errc, offset) or the exact payload, and every span inside the prefix.

struct prefix_outcome {
    decode_stop stop;
    std::optional<decode_error> error;
    std::size_t payload_offset;
};

// vlan_tcp cut to n bytes.
constexpr prefix_outcome vlan_tcp_prefix(std::size_t n) {
    if (n < 18) return {error, err(L, errc::truncated, 0), 0};         // Ethernet header or tag incomplete
    if (n < 38) return {error, err(I, errc::truncated, 18), 18};       // IPv4 header incomplete
    if (n < 58) return {error, err(T, errc::truncated, 38), 38};       // TCP fixed header incomplete
    if (n < 70) return {error, err(T, errc::bad_data_offset, 38), 38}; // TCP options cut
    return {transport, {}, 70};
}
// ipv6_ext_udp cut to n bytes.
constexpr prefix_outcome ipv6_ext_prefix(std::size_t n) {
    if (n < 14) return {error, err(L, errc::truncated, 0), 0};
    if (n < 54) return {error, err(I, errc::truncated, 14), 14};    // IPv6 fixed header
    if (n < 62) return {error, err(I, errc::truncated, 54), 54};    // hop-by-hop
    if (n < 70) return {error, err(I, errc::truncated, 62), 62};    // destination options
    if (n < 94) return {error, err(I, errc::truncated, 70), 70};    // routing
    if (n < 102) return {error, err(I, errc::truncated, 94), 94};   // fragment
    if (n < 110) return {error, err(U, errc::truncated, 102), 102}; // UDP header
    return {transport, {}, 110};
}

template <class Expected>
constexpr bool prefix_matches(bytes_view full, std::size_t n, Expected expected) {
    const bytes_view cut = full.first(n);
    const decoded_packet p = decode(cut, link_type::ethernet);
    const prefix_outcome want = expected(n);
    return p.stop() == want.stop && p.error() == want.error &&
           static_cast<std::size_t>(p.payload().data() - cut.data()) == want.payload_offset &&
           p.payload().data() + p.payload().size() == cut.data() + n && all_inside(p, cut);
}

template <class Expected>
constexpr bool all_prefixes(bytes_view full, std::size_t from, std::size_t to, Expected expected) {
    for (std::size_t n = from; n < to; ++n)
        if (!prefix_matches(full, n, expected)) return false;
    return true;
}

static_assert(all_prefixes(vlan_tcp, 0, 40, vlan_tcp_prefix));
static_assert(all_prefixes(vlan_tcp, 40, vlan_tcp.size() + 1, vlan_tcp_prefix));
static_assert(all_prefixes(ipv6_ext_udp, 0, 60, ipv6_ext_prefix));
static_assert(all_prefixes(ipv6_ext_udp, 60, ipv6_ext_udp.size() + 1, ipv6_ext_prefix));

TEST_CASE("decode: every prefix of an Ethernet/VLAN/IPv4/TCP frame") {
    for (std::size_t n = 0; n <= vlan_tcp.size(); ++n) {
        CAPTURE(n);
        // An exact-size heap copy, so that AddressSanitizer sees a read one past the prefix.
        const std::vector<std::uint8_t> copy(vlan_tcp.begin(), vlan_tcp.begin() + static_cast<std::ptrdiff_t>(n));
        const bytes_view cut(copy);
        const decoded_packet p = decode(cut, link_type::ethernet);
        const prefix_outcome want = vlan_tcp_prefix(n);
        CHECK(to_string(p.stop()) == to_string(want.stop));
        CHECK(p.error() == want.error);
        CHECK(all_inside(p, cut));
        CHECK(prefix_matches(vlan_tcp, n, vlan_tcp_prefix));
        CHECK(static_cast<std::size_t>(p.payload().data() - cut.data()) == want.payload_offset);
        CHECK(p.payload().data() + p.payload().size() == cut.data() + n);
        if (n >= 38) {
            REQUIRE(p.ip());
            CHECK(p.ip()->truncated() == (n < vlan_tcp.size()));
        }
        if (n >= 70) {
            REQUIRE(p.tcp());
            CHECK(p.payload().size() == n - 70);
        }
    }
}

TEST_CASE("decode: every prefix of an Ethernet/IPv6 with extensions/UDP frame") {
    for (std::size_t n = 0; n <= ipv6_ext_udp.size(); ++n) {
        CAPTURE(n);
        // An exact-size heap copy, so that AddressSanitizer sees a read one past the prefix.
        const std::vector<std::uint8_t> copy(ipv6_ext_udp.begin(),
                                             ipv6_ext_udp.begin() + static_cast<std::ptrdiff_t>(n));
        const bytes_view cut(copy);
        const decoded_packet p = decode(cut, link_type::ethernet);
        const prefix_outcome want = ipv6_ext_prefix(n);
        CHECK(to_string(p.stop()) == to_string(want.stop));
        CHECK(p.error() == want.error);
        CHECK(all_inside(p, cut));
        CHECK(prefix_matches(ipv6_ext_udp, n, ipv6_ext_prefix));
        CHECK(static_cast<std::size_t>(p.payload().data() - cut.data()) == want.payload_offset);
        CHECK(p.payload().data() + p.payload().size() == cut.data() + n);
        if (n >= 110) {
            REQUIRE(p.udp());
            CHECK(p.udp()->truncated() == (n < ipv6_ext_udp.size()));
            CHECK(p.payload().size() == n - 110);
        }
    }
}

// ---------------------------------------------------------------------------
// Fields read back through the decoded layers.

std::string text(bytes_view b) { return {b.begin(), b.end()}; }

TEST_CASE("decode: the VLAN/IPv4/TCP frame, field by field") {
    const decoded_packet p = decode(vlan_tcp, link_type::ethernet);
    REQUIRE(p.ethernet());
    CHECK(p.ethernet()->source().to_string() == "00:00:5e:00:53:02");
    CHECK(p.ethernet()->destination().to_string() == "00:00:5e:00:53:01");
    REQUIRE(p.ethernet()->vlan_count() == 1);
    CHECK(p.ethernet()->vlan(0)->vlan_id() == 100);
    CHECK(p.ethernet()->vlan(0)->priority() == 1);
    CHECK(p.ether_type() == ether_type::ipv4);
    CHECK_FALSE(p.linux_sll());
    CHECK_FALSE(p.linux_sll2());
    CHECK_FALSE(p.null_loopback());
    REQUIRE(p.ip());
    CHECK(p.ip()->is_v4());
    CHECK(p.ip()->source().to_string() == "192.0.2.1");
    CHECK(p.ip()->destination().to_string() == "198.51.100.1");
    CHECK(p.ip()->protocol() == ip_protocol::tcp);
    CHECK_FALSE(p.ip()->truncated());
    CHECK_FALSE(p.is_tunnelled());
    REQUIRE(p.tcp());
    CHECK_FALSE(p.udp());
    CHECK(p.tcp()->source_port().value() == 49152);
    CHECK(p.tcp()->destination_port().value() == 80);
    CHECK(p.tcp()->sequence_number() == 0x01020304U);
    CHECK(p.tcp()->flags() == ipwire::tcp_flags::syn);
    CHECK(p.tcp()->header_length() == 32);
    CHECK(p.tcp()->mss() == 1460);
    CHECK(p.tcp()->window_scale() == 7);
    CHECK(p.tcp()->sack_permitted());
    CHECK(text(p.payload()) == "abcde");
    CHECK(p.source()->to_string() == "192.0.2.1:49152");
    CHECK(p.destination()->to_string() == "198.51.100.1:80");
    CHECK_FALSE(p.error());
}

TEST_CASE("decode: the IPv6 extension header frame, field by field") {
    const decoded_packet p = decode(ipv6_ext_udp, link_type::ethernet);
    CHECK(p.ether_type() == ether_type::ipv6);
    REQUIRE(p.ip());
    REQUIRE(p.ip()->is_v6());
    CHECK(p.ip()->source().to_string() == "2001:db8::1");
    CHECK(p.ip()->destination().to_string() == "2001:db8:ffff::1");
    CHECK(p.ip()->v6().next_header() == ip_protocol::ipv6_hop_by_hop);
    CHECK(p.ip()->protocol() == ip_protocol::udp);
    CHECK(p.ip()->v6().final_destination().to_string() == "2001:db8:eeee::9");
    CHECK(p.ip()->v6().is_atomic_fragment());
    CHECK_FALSE(p.ip()->is_fragment());
    int headers = 0;
    for (const auto h : p.ip()->v6().extension_headers()) {
        CAPTURE(headers);
        constexpr std::array types{ip_protocol::ipv6_hop_by_hop, ip_protocol::ipv6_destination,
                                   ip_protocol::ipv6_routing, ip_protocol::ipv6_fragment};
        REQUIRE(headers < 4);
        CHECK(h.type() == types[static_cast<std::size_t>(headers++)]);
    }
    CHECK(headers == 4);
    REQUIRE(p.udp());
    CHECK(p.udp()->source_port().value() == 53000);
    CHECK(p.udp()->destination_port().value() == 53);
    CHECK(p.udp()->length() == 12);
    CHECK(text(p.payload()) == "abcd");
    CHECK(p.source()->to_string() == "[2001:db8::1]:53000");
    CHECK(p.destination()->to_string() == "[2001:db8:ffff::1]:53");
}

TEST_CASE("decode: tunnels keep every IP layer, outermost first") {
    SUBCASE("4 in 4") {
        const decoded_packet p = decode(four_in_four, link_type::ethernet);
        REQUIRE(p.ip_layers().size() == 2);
        CHECK(p.is_tunnelled());
        CHECK(p.outer_ip()->source().to_string() == "192.0.2.1");
        CHECK(p.outer_ip()->protocol() == ip_protocol::ipv4);
        CHECK(p.ip()->source().to_string() == "192.0.2.2");
        CHECK(p.ip()->bytes().data() == p.ip_layers()[1].bytes().data());
        CHECK(p.source()->to_string() == "192.0.2.2:53000");
    }
    SUBCASE("6 in 4") {
        const decoded_packet p = decode(six_in_four, link_type::ethernet);
        REQUIRE(p.ip_layers().size() == 2);
        CHECK(p.ip_layers()[0].is_v4());
        CHECK(p.ip_layers()[1].is_v6());
        CHECK(p.ip()->destination().to_string() == "2001:db8:ffff::2");
        CHECK(text(p.payload()) == "ab");
    }
    SUBCASE("6 in 6 in 6") {
        const decoded_packet p = decode(six_in_six_in_six, link_type::ethernet);
        REQUIRE(p.ip_layers().size() == 3);
        CHECK(p.ip_layers()[0].source().to_string() == "2001:db8::1");
        CHECK(p.ip_layers()[1].source().to_string() == "2001:db8::2");
        CHECK(p.ip_layers()[2].source().to_string() == "2001:db8::3");
        CHECK(p.udp());
    }
    SUBCASE("five deep: the four read stay readable") {
        const decoded_packet p = decode(five_deep, link_type::ethernet);
        REQUIRE(p.error());
        CHECK(p.error()->code == errc::nesting_too_deep);
        REQUIRE(p.ip_layers().size() == decoded_packet::max_ip_layers);
        CHECK(p.ip()->source().to_string() == "192.0.2.4");
        CHECK(p.ip()->protocol() == ip_protocol::ipv4);
        CHECK_FALSE(p.udp());
        // The payload is the fifth header, unread.
        CHECK(p.payload().size() == 28);
        CHECK(p.payload()[0] == 0x45);
    }
}

TEST_CASE("decode: the link layers other than Ethernet") {
    SUBCASE("Linux cooked v1") {
        const decoded_packet p = decode(sll_udp, link_type::linux_sll);
        REQUIRE(p.linux_sll());
        CHECK_FALSE(p.ethernet());
        CHECK(p.linux_sll()->hardware_type() == ipwire::arp_hardware_type::ethernet);
        CHECK(p.ether_type() == ether_type::ipv4);
        CHECK(p.udp());
    }
    SUBCASE("Linux cooked v2") {
        const decoded_packet p = decode(sll2_tcp, link_type::linux_sll2);
        REQUIRE(p.linux_sll2());
        CHECK(p.linux_sll2()->interface_index() == 1);
        CHECK(p.linux_sll2()->packet_type() == ipwire::sll_packet_type::outgoing);
        CHECK(p.ether_type() == ether_type::ipv6);
        CHECK(p.tcp());
    }
    SUBCASE("BSD loopback, macOS AF_INET6") {
        const decoded_packet p = decode(null_darwin_ipv6, link_type::null);
        REQUIRE(p.null_loopback());
        CHECK(p.null_loopback()->address_family() == ipwire::bsd_address_family::inet6_darwin);
        CHECK(p.ether_type() == ether_type::ipv6);
        CHECK(p.udp());
    }
    SUBCASE("BSD loopback, an unknown family") {
        const decoded_packet p = decode(null_osi, link_type::null);
        REQUIRE(p.null_loopback());
        CHECK(p.ether_type() == ether_type{});
        CHECK(p.stop() == decode_stop::not_ip);
        CHECK_FALSE(p.error());
    }
    SUBCASE("raw IP has no link header") {
        const decoded_packet p = decode(raw_v6, link_type::raw);
        CHECK_FALSE(p.ether_type());
        CHECK_FALSE(p.ethernet());
        REQUIRE(p.ip());
        CHECK(p.ip()->bytes().data() == raw_v6.data());
    }
    SUBCASE("ARP and 802.3 frames are not IP, and not errors") {
        const decoded_packet a = decode(arp, link_type::ethernet);
        CHECK(a.ether_type() == ether_type::arp);
        CHECK(a.stop() == decode_stop::not_ip);
        CHECK_FALSE(a.error());
        const decoded_packet l = decode(llc, link_type::ethernet);
        REQUIRE(l.ethernet());
        CHECK(l.ethernet()->is_length_field());
        CHECK(l.ether_type() == static_cast<ether_type>(38));
        CHECK(l.stop() == decode_stop::not_ip);
    }
    SUBCASE("a fifth VLAN tag is left to the caller") {
        const decoded_packet p = decode(five_tags, link_type::ethernet);
        REQUIRE(p.ethernet());
        CHECK(p.ethernet()->vlan_count() == 4);
        CHECK(p.ether_type() == ether_type::vlan);
        CHECK(p.stop() == decode_stop::not_ip);
    }
}

TEST_CASE("decode: fragments") {
    SUBCASE("the first carries the transport header") {
        const decoded_packet p = decode(v4_first_fragment, link_type::ethernet);
        REQUIRE(p.udp());
        CHECK(p.ip()->is_first_fragment());
        CHECK(p.udp()->truncated()); // its length counts the whole datagram
        CHECK(p.stop() == decode_stop::transport);
    }
    SUBCASE("later ones stop without error") {
        for (const bytes_view f :
             {bytes_view(v4_later_fragment), bytes_view(v4_last_offset), bytes_view(v6_later_fragment)}) {
            const decoded_packet p = decode(f, link_type::ethernet);
            CHECK(p.stop() == decode_stop::non_first_fragment);
            CHECK_FALSE(p.error());
            CHECK_FALSE(p.tcp());
            REQUIRE(p.ip());
            CHECK(p.ip()->is_fragment());
            CHECK_FALSE(p.ip()->is_first_fragment());
        }
    }
    SUBCASE("an IPv6 atomic fragment is a whole packet") {
        const decoded_packet p = decode(v6_atomic, link_type::ethernet);
        CHECK(p.udp());
        CHECK_FALSE(p.ip()->is_fragment());
    }
}

TEST_CASE("decode: malformed option lists are the views' to report") {
    const decoded_packet v4a = decode(v4_option_length_1, link_type::ethernet);
    REQUIRE(v4a.ip());
    CHECK(v4a.ip()->v4().options().error() == errc::bad_option_length);
    CHECK(v4a.tcp());
    const decoded_packet v4b = decode(v4_option_length_0, link_type::ethernet);
    CHECK(v4b.ip()->v4().options().error() == errc::bad_option_length);
    for (const bytes_view f :
         {bytes_view(tcp_option_length_0), bytes_view(tcp_option_length_1), bytes_view(tcp_option_past_header)}) {
        const decoded_packet p = decode(f, link_type::ethernet);
        REQUIRE(p.tcp());
        CHECK(p.tcp()->options().error() == errc::bad_option_length);
        CHECK_FALSE(p.tcp()->mss());
        CHECK_FALSE(p.tcp()->timestamps());
    }
    const decoded_packet v6 = decode(v6_option_past_header, link_type::ethernet);
    REQUIRE(v6.ip());
    const auto hop_by_hop = *v6.ip()->v6().extension_headers().begin();
    CHECK(hop_by_hop.options().error() == errc::bad_option_length);
    CHECK(v6.udp());
}

TEST_CASE("decode: lengths beyond the capture are cuts, not faults") {
    const decoded_packet ip = decode(total_beyond_capture, link_type::ethernet);
    REQUIRE(ip.ip());
    CHECK(ip.ip()->truncated());
    CHECK(ip.ip()->v4().total_length() == 0xFFFF);
    CHECK(text(ip.payload()) == "abcd");
    const decoded_packet u = decode(udp_length_beyond, link_type::ethernet);
    REQUIRE(u.udp());
    CHECK(u.udp()->truncated());
    CHECK(text(u.payload()) == "abcd");
    const decoded_packet j = decode(v6_jumbo, link_type::ethernet);
    REQUIRE(j.ip());
    CHECK(j.ip()->v6().jumbo_payload_length() == 0xFFFFFFFFU);
    CHECK(j.ip()->truncated());
    CHECK(j.tcp());
}

TEST_CASE("decode: an IPv4 AH is walked to the protocol it protects") {
    const decoded_packet p = decode(v4_ah_udp, link_type::ethernet);
    REQUIRE(p.ip());
    CHECK(p.ip()->v4().protocol() == ip_protocol::ah);
    CHECK(p.ip()->v4().upper_layer_protocol() == ip_protocol::udp);
    CHECK(p.ip()->protocol() == ip_protocol::udp);
    CHECK(p.ip()->payload().data() == v4_ah_udp.data() + 50);
    CHECK(p.ip()->v4().upper_layer_error() == errc{});
    REQUIRE(p.udp());
    CHECK(p.udp()->destination_port().value() == 53);
    CHECK(text(p.payload()) == "ab");
    const decoded_packet twice = decode(v4_ah_twice, link_type::ethernet);
    REQUIRE(twice.ip());
    CHECK(twice.ip()->v4().upper_layer_error() == errc::bad_extension_header);
    CHECK(twice.ip()->protocol() == ip_protocol::ah);
}

TEST_CASE("decode: behaviours the README's tshark table names") {
    // A repeated TCP option: the typed accessor reads the first (tshark lists both).
    const decoded_packet mss = decode(tcp_mss_twice, link_type::ethernet);
    REQUIRE(mss.tcp());
    CHECK(mss.tcp()->mss() == 1460);
    int kinds = 0;
    for (const ipwire::tcp_option o : mss.tcp()->options())
        kinds += o.kind() == ipwire::tcp_option_kind::maximum_segment_size;
    CHECK(kinds == 2);
    // Two routing headers: the first is yielded, the walk stops at the second.
    const decoded_packet routing = decode(v6_routing_twice, link_type::ethernet);
    REQUIRE(routing.ip());
    CHECK(routing.ip()->v6().extension_headers().error() == errc::bad_extension_header);
    CHECK_FALSE(routing.tcp());
    // A fifth VLAN tag: four read, the fifth TPID is what follows.
    const decoded_packet tags = decode(five_tags, link_type::ethernet);
    CHECK(tags.stop() == decode_stop::not_ip);
    CHECK_FALSE(tags.error());
    // An extension header cut by the capture is not yielded.
    const decoded_packet cut = decode(v6_ext_cut, link_type::ethernet);
    REQUIRE(cut.ip());
    CHECK(cut.ip()->v6().extension_headers().begin() == std::default_sentinel);
    CHECK(cut.ip()->v6().extension_headers().error() == errc::truncated);
}

TEST_CASE("decode: names of layers and stops") {
    CHECK(to_string(decode_layer::link) == "link");
    CHECK(to_string(decode_layer::ip) == "ip");
    CHECK(to_string(decode_layer::tcp) == "tcp");
    CHECK(to_string(decode_layer::udp) == "udp");
    CHECK(to_string(decode_stop::transport) == "transport");
    CHECK(to_string(decode_stop::not_ip) == "not IP");
    CHECK(to_string(decode_stop::other_protocol) == "other protocol");
    CHECK(to_string(decode_stop::non_first_fragment) == "non-first fragment");
    CHECK(to_string(decode_stop::error) == "error");
    CHECK(to_string(static_cast<decode_layer>(0)).empty());
}

} // namespace
