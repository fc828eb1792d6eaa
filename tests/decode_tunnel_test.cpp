// decode through tunnels: GRE (RFC 2784, RFC 2890; IPv4, IPv6 and 0x6558
// Ethernet inside), VXLAN (RFC 7348) and Geneve (RFC 8926) on their UDP
// ports, as decode_options says; tunnels() lists them outermost first.
#include <ipwire/decode.hpp>
#include <ipwire/wire/tunnel.hpp>

#include <doctest/doctest.h>

#include <cstdint>

#include "decode_frames.hpp"

namespace {

using namespace decode_frames;
using ipwire::bytes_view;
using ipwire::decode;
using ipwire::decode_error;
using ipwire::decode_layer;
using ipwire::decode_options;
using ipwire::decode_stop;
using ipwire::decoded_packet;
using ipwire::errc;
using ipwire::link_type;
using ipwire::tunnel_kind;
using ipwire::tunnel_layer;

// GRE with key 0x01020304 and sequence number 7 (flags K and S) around IPv4 UDP.
constexpr auto gre_key_seq =
    cat(ethernet(0x0800), ipv4(47, 20 + 12 + 32), bytes<12>{0x30, 0, 0x08, 0, 1, 2, 3, 4, 0, 0, 0, 7},
        ipv4(17, 32, 5, 6), udp(1000, 2000, 12), data4());
// GRE with a checksum field around IPv6 TCP.
constexpr auto gre_checksum_v6 = cat(ethernet(0x0800), ipv4(47, 20 + 8 + 60), bytes<8>{0x80, 0, 0x86, 0xDD, 0, 0, 0, 0},
                                     ipv6(6, 20), tcp(22, 40000));
// GRE transparent Ethernet bridging (0x6558): an Ethernet frame inside.
constexpr auto gre_teb = cat(ethernet(0x0800), ipv4(47, 20 + 4 + 14 + 28), bytes<4>{0, 0, 0x65, 0x58}, ethernet(0x0800),
                             ipv4(17, 28, 3, 4), udp(53, 5353, 8));
// PPTP's enhanced GRE (version 1): not followed.
constexpr auto gre_v1 = cat(ethernet(0x0800), ipv4(47, 20 + 8), bytes<8>{0x30, 0x81, 0x88, 0x0B, 0, 0, 0, 0});
// GRE flags announcing a key that is not there.
constexpr auto gre_cut = cat(ethernet(0x0800), ipv4(47, 26), bytes<6>{0x20, 0, 0x08, 0, 1, 2});
// VXLAN, VNI 0x123456, around Ethernet IPv4 TCP.
constexpr auto vxlan =
    cat(ethernet(0x0800), ipv4(17, 20 + 8 + 8 + 14 + 40), udp(49152, 4789, 8 + 8 + 14 + 40),
        bytes<8>{0x08, 0, 0, 0, 0x12, 0x34, 0x56, 0}, ethernet(0x0800), ipv4(6, 40, 10, 11), tcp(80, 8080));
// VXLAN without the I flag (RFC 7348 section 5: it must be set).
constexpr auto vxlan_no_i = cat(ethernet(0x0800), ipv4(17, 20 + 8 + 8), udp(49152, 4789, 16), bytes<8>{});
// VXLAN carrying ARP.
constexpr auto vxlan_arp =
    cat(ethernet(0x0800), ipv4(17, 20 + 8 + 8 + 14), udp(49152, 4789, 30), bytes<8>{0x08}, ethernet(0x0806));
// Geneve with one 8-byte option (class 0x0102, critical type 0x80), Ethernet inside.
constexpr auto geneve = cat(ethernet(0x86DD), ipv6(17, 8 + 16 + 14 + 28), udp(50000, 6081, 8 + 16 + 14 + 28),
                            bytes<16>{0x02, 0x40, 0x65, 0x58, 0, 0, 0x2A, 0, 0x01, 0x02, 0x80, 0x01, 9, 9, 9, 9},
                            ethernet(0x0800), ipv4(17, 28, 7, 8), udp(67, 68, 8));
// Geneve version 1.
constexpr auto geneve_v1 = cat(ethernet(0x0800), ipv4(17, 20 + 8 + 8), udp(1, 6081, 16), bytes<8>{0x40, 0, 0x65, 0x58});
// Geneve straight to IPv4 (protocol type 0x0800), on a port of the user's choosing.
constexpr auto geneve_ip_7000 = cat(ethernet(0x0800), ipv4(17, 20 + 8 + 8 + 28), udp(1, 7000, 44),
                                    bytes<8>{0, 0, 0x08, 0}, ipv4(17, 28), udp(3, 4, 8));

constexpr bool follows(bytes_view frame, tunnel_kind kind, std::size_t offset, std::size_t ip_layers) {
    const decoded_packet p = decode(frame, link_type::ethernet);
    const auto t = p.tunnels();
    return p.is_tunnelled() && t.size() == 1 && t[0] == tunnel_layer{kind, offset} &&
           p.ip_layers().size() == ip_layers && p.stop() == decode_stop::transport && !p.error();
}
static_assert(follows(gre_key_seq, tunnel_kind::gre, 34, 2));
static_assert(follows(gre_checksum_v6, tunnel_kind::gre, 34, 2));
static_assert(follows(gre_teb, tunnel_kind::gre, 34, 2));
static_assert(follows(vxlan, tunnel_kind::vxlan, 42, 2));
static_assert(follows(geneve, tunnel_kind::geneve, 62, 2));
static_assert(decode(geneve_ip_7000, link_type::ethernet, decode_options{.geneve_port = 7000}).tunnels().size() == 1);
static_assert(decode(geneve_ip_7000, link_type::ethernet).tunnels().empty());
static_assert(decode(vxlan, link_type::ethernet, decode_options{.follow_vxlan = false}).udp().has_value());
static_assert(decode(gre_cut, link_type::ethernet).error() == decode_error{decode_layer::tunnel, errc::truncated, 34});

TEST_CASE("decode follows GRE with key and sequence number into IPv4") {
    const decoded_packet p = decode(gre_key_seq, link_type::ethernet);
    REQUIRE(p.tunnels().size() == 1);
    CHECK(p.tunnels()[0].kind == tunnel_kind::gre);
    CHECK(to_string(p.tunnels()[0].kind) == "GRE");
    const auto gre = ipwire::gre_view::parse(bytes_view(gre_key_seq).subspan(p.tunnels()[0].offset));
    REQUIRE(gre);
    CHECK(gre->key() == 0x01020304U);
    CHECK(gre->sequence_number() == 7U);
    REQUIRE(p.ip_layers().size() == 2);
    CHECK(p.outer_ip()->destination().to_string() == "198.51.100.7");
    CHECK(p.ip()->source().to_string() == "192.0.2.5");
    REQUIRE(p.udp());
    CHECK(p.source()->to_string() == "192.0.2.5:1000");
    CHECK(p.destination()->to_string() == "198.51.100.6:2000");
    CHECK(p.payload().size() == 4);
    CHECK(p.payload().data() == gre_key_seq.data() + gre_key_seq.size() - 4);

    const decoded_packet v6 = decode(gre_checksum_v6, link_type::ethernet);
    REQUIRE(v6.tcp());
    CHECK(v6.ip()->is_v6());
    CHECK(v6.tcp()->source_port().value() == 22);
}

TEST_CASE("decode follows GRE's transparent Ethernet bridging into the inner frame") {
    const decoded_packet p = decode(gre_teb, link_type::ethernet);
    REQUIRE(p.udp());
    CHECK(p.udp()->destination_port().value() == 5353);
    CHECK(p.ip()->bytes().data() == gre_teb.data() + 14 + 20 + 4 + 14);
    // The link views are the frame's own.
    CHECK(p.ethernet()->bytes().data() == gre_teb.data());
    CHECK(*p.ether_type() == ipwire::ether_type::ipv4);
}

TEST_CASE("decode: GRE it does not follow or cannot read") {
    const decoded_packet v1 = decode(gre_v1, link_type::ethernet);
    CHECK(v1.stop() == decode_stop::other_protocol);
    CHECK(v1.tunnels().empty());
    CHECK_FALSE(v1.error());
    const decoded_packet cut = decode(gre_cut, link_type::ethernet);
    CHECK(cut.stop() == decode_stop::error);
    CHECK(cut.error() == decode_error{decode_layer::tunnel, errc::truncated, 34});
    CHECK(cut.payload().size() == 6);
}

TEST_CASE("decode follows VXLAN on UDP port 4789 unless told not to") {
    const decoded_packet p = decode(vxlan, link_type::ethernet);
    REQUIRE(p.tunnels().size() == 1);
    CHECK(p.tunnels()[0] == tunnel_layer{tunnel_kind::vxlan, 42});
    CHECK(ipwire::vxlan_view::parse(bytes_view(vxlan).subspan(42))->vni() == 0x123456U);
    REQUIRE(p.tcp());
    CHECK_FALSE(p.udp()); // the outer UDP is the tunnel's, not the innermost packet's
    CHECK(p.destination()->to_string() == "198.51.100.11:8080");

    const decoded_packet off = decode(vxlan, link_type::ethernet, decode_options{.follow_vxlan = false});
    CHECK(off.tunnels().empty());
    REQUIRE(off.udp());
    CHECK(off.payload().data() == vxlan.data() + 42);
    CHECK(off.stop() == decode_stop::transport);

    const decoded_packet bad = decode(vxlan_no_i, link_type::ethernet);
    CHECK(bad.error() == decode_error{decode_layer::tunnel, errc::bad_tunnel_header, 42});
    CHECK(bad.udp()); // read before the tunnel header failed
    CHECK(bad.tunnels().empty());

    const decoded_packet arp = decode(vxlan_arp, link_type::ethernet);
    CHECK(arp.stop() == decode_stop::not_ip);
    CHECK(arp.tunnels().size() == 1);
    CHECK(arp.ip_layers().size() == 1);
    CHECK(arp.payload().data() == vxlan_arp.data() + vxlan_arp.size());
}

TEST_CASE("decode follows Geneve on UDP port 6081, options and all") {
    const decoded_packet p = decode(geneve, link_type::ethernet);
    REQUIRE(p.tunnels().size() == 1);
    CHECK(p.tunnels()[0].kind == tunnel_kind::geneve);
    const auto g = ipwire::geneve_view::parse(bytes_view(geneve).subspan(p.tunnels()[0].offset));
    REQUIRE(g);
    CHECK(g->vni() == 0x2AU);
    CHECK(g->critical_options());
    REQUIRE(p.udp());
    CHECK(p.udp()->destination_port().value() == 68);
    CHECK(p.outer_ip()->is_v6());
    CHECK(p.ip()->is_v4());
    CHECK(p.anomalies().empty());

    const decoded_packet v1 = decode(geneve_v1, link_type::ethernet);
    CHECK(v1.error() == decode_error{decode_layer::tunnel, errc::bad_tunnel_header, 42});

    const decoded_packet moved = decode(geneve_ip_7000, link_type::ethernet, decode_options{.geneve_port = 7000});
    REQUIRE(moved.tunnels().size() == 1);
    CHECK(moved.udp()->destination_port().value() == 4);
    const decoded_packet plain = decode(geneve_ip_7000, link_type::ethernet);
    CHECK(plain.udp()->destination_port().value() == 7000);
    CHECK(plain.stop() == decode_stop::transport);
}

TEST_CASE("decode: tunnels inside tunnels, outermost first") {
    // IPv4 in IPv4, then GRE, then VXLAN: three tunnels, four IP layers.
    constexpr auto inner = cat(ipv4(17, 20 + 8 + 8 + 14 + 28), udp(9, 4789, 8 + 8 + 14 + 28), bytes<8>{0x08},
                               ethernet(0x0800), ipv4(17, 28), udp(1, 2, 8));
    constexpr auto gre_part = cat(ipv4(47, 20 + 4 + inner.size()), bytes<4>{0, 0, 0x08, 0}, inner);
    static constexpr auto frame = cat(ethernet(0x0800), ipv4(4, 20 + gre_part.size()), gre_part);
    constexpr decoded_packet p = decode(frame, link_type::ethernet);
    static_assert(p.tunnels().size() == 3 && p.ip_layers().size() == 4 && p.udp().has_value());
    CHECK(p.tunnels()[0] == tunnel_layer{tunnel_kind::ip_in_ip, 34});
    CHECK(p.tunnels()[1] == tunnel_layer{tunnel_kind::gre, 54});
    CHECK(p.tunnels()[2] == tunnel_layer{tunnel_kind::vxlan, 86});
    CHECK(p.udp()->destination_port().value() == 2);
}

} // namespace
