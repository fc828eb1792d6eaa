// Tunnel builders (issue 15): GRE with checksum, key and sequence number
// carrying IPv6/TCP, VXLAN and Geneve (with options) over UDP carrying an
// Ethernet frame with IPv4/UDP, read back by the tunnel views
// (wire/tunnel.hpp) and by decode(): every field set, every checksum (GRE,
// outer UDP, inner IPv4, TCP, UDP), under static_assert too.
#include <ipwire/build.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/wire/ethernet.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/tcp.hpp>
#include <ipwire/wire/tunnel.hpp>
#include <ipwire/wire/udp.hpp>

#include <doctest/doctest.h>

#include "build_support.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace build_test::literals; // not ipwire::literals: see build_support.hpp (clang 14, LLVM issue 54578)
using build_test::all_of;
using build_test::frame;
using build_test::keep;
using ipwire::errc;
using ipwire::packet_builder;

struct doctest_check {
    void operator()(bool c, const char* what) const {
        INFO(std::string_view(what));
        CHECK(c);
    }
};

template <class Run>
constexpr bool holds(Run run) {
    all_of c;
    run(c);
    return c.ok;
}

constexpr std::array<std::uint8_t, 3> abc = {'a', 'b', 'c'};
constexpr auto mac_a = "02:00:00:00:00:0a"_mac;
constexpr auto mac_b = "02:00:00:00:00:0b"_mac;

constexpr frame<256> gre_v6_tcp() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.2"_ipv4})
        .gre({.checksum = true, .key = 0xCAFE, .sequence = 42})
        .ipv6({.source = "2001:db8::1"_ipv6, .destination = "2001:db8::2"_ipv6})
        .tcp({.source = 1000_port, .destination = 22_port, .flags = ipwire::tcp_flags::syn, .mss = 1400})
        .payload(abc);
    return keep(buffer, b);
}

// Geneve options: class 0x0102, type 0x80 (critical), 4 bytes of data.
constexpr std::array<std::uint8_t, 8> geneve_options = {0x01, 0x02, 0x80, 0x01, 9, 8, 7, 6};

template <bool Geneve>
constexpr frame<256> udp_tunnel() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ethernet({.destination = mac_b, .source = mac_a})
        .ipv6({.source = "2001:db8::a"_ipv6, .destination = "2001:db8::b"_ipv6})
        .udp({.source = 50000_port});
    if constexpr (Geneve)
        b.geneve({.vni = 0xABCDEF, .critical = true, .options = geneve_options});
    else
        b.vxlan({.vni = 0x123456});
    b.ethernet({.destination = mac_a, .source = mac_b})
        .ipv4({.source = "10.0.0.1"_ipv4, .destination = "10.0.0.2"_ipv4, .time_to_live = 5})
        .udp({.source = 53_port, .destination = 5353_port})
        .payload(abc);
    return keep(buffer, b);
}

template <class C>
constexpr void check_gre(C& check) {
    const auto f = gre_v6_tcp();
    BUILD_EXPECT(f.error == errc{} && f.size == 20 + 16 + 40 + 24 + 3);
    const auto outer = ipwire::ipv4_packet_view::parse(f.view());
    BUILD_EXPECT(outer.has_value() && outer->protocol() == ipwire::ip_protocol::gre);
    if (!outer) return;
    BUILD_EXPECT(outer->header_checksum_valid() && outer->total_length() == f.size);
    const auto g = ipwire::gre_view::parse(outer->payload());
    BUILD_EXPECT(g.has_value());
    if (!g) return;
    BUILD_EXPECT(g->protocol_type() == ipwire::ether_type::ipv6 && g->version() == 0 && g->header_length() == 16);
    BUILD_EXPECT(g->key() == 0xCAFEU && g->sequence_number() == 42U && g->checksum_valid());
    const auto inner = ipwire::ipv6_packet_view::parse(g->payload());
    BUILD_EXPECT(inner.has_value() && inner->payload_length() == 27);
    if (!inner) return;
    const auto t = ipwire::tcp_segment_view::parse(inner->payload());
    BUILD_EXPECT(t.has_value() && t->mss() == 1400 && t->checksum_valid(ipwire::ip_packet_view(*inner)));
    const auto d = ipwire::decode(f.view(), ipwire::link_type::raw);
    BUILD_EXPECT(!d.error().has_value() && d.tunnels().size() == 1 && d.tunnels()[0].kind == ipwire::tunnel_kind::gre);
    BUILD_EXPECT(d.ip_layers().size() == 2 && d.tcp().has_value() && d.tcp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(d.payload().size() == 3 && d.destination() == "[2001:db8::2]:22"_endpoint);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_gre(c); }));

TEST_CASE("build: GRE with checksum, key and sequence number carrying IPv6 and TCP") {
    doctest_check c;
    check_gre(c);
}

template <bool Geneve, class C>
constexpr void check_udp_tunnel(C& check) {
    const auto f = udp_tunnel<Geneve>();
    const std::size_t tunnel = Geneve ? 16 : 8;
    BUILD_EXPECT(f.error == errc{} && f.size == 14 + 40 + 8 + tunnel + 14 + 20 + 8 + 3);
    const auto eth = ipwire::ethernet_frame_view::parse(f.view());
    if (!eth) return;
    const auto outer = ipwire::ipv6_packet_view::parse(eth->payload());
    if (!outer) return;
    const auto u = ipwire::udp_datagram_view::parse(outer->payload());
    BUILD_EXPECT(u.has_value());
    if (!u) return;
    // The port the tunnel takes, filled in; the outer checksum covers the inner frame.
    BUILD_EXPECT(u->destination_port() == ipwire::port(Geneve ? 6081 : 4789) && u->source_port() == 50000_port);
    BUILD_EXPECT(u->checksum_valid(ipwire::ip_packet_view(*outer)));
    ipwire::bytes_view inner_frame;
    if constexpr (Geneve) {
        const auto g = ipwire::geneve_view::parse(u->payload());
        BUILD_EXPECT(g.has_value());
        if (!g) return;
        BUILD_EXPECT(g->version() == 0 && g->vni() == 0xABCDEF && g->critical_options() && !g->oam());
        BUILD_EXPECT(g->protocol_type() == static_cast<ipwire::ether_type>(0x6558) && g->header_length() == 16);
        const auto o = *g->options().begin();
        BUILD_EXPECT(o.option_class() == 0x0102 && o.critical() && o.data_length() == 4 && o.data()[0] == 9);
        BUILD_EXPECT(g->options().error() == errc{});
        inner_frame = g->payload();
    } else {
        const auto v = ipwire::vxlan_view::parse(u->payload());
        BUILD_EXPECT(v.has_value());
        if (!v) return;
        BUILD_EXPECT(v->flags() == 0x08 && v->vni() == 0x123456);
        inner_frame = v->payload();
    }
    const auto ie = ipwire::ethernet_frame_view::parse(inner_frame);
    BUILD_EXPECT(ie.has_value() && ie->destination() == mac_a && ie->ether_type() == ipwire::ether_type::ipv4);
    if (!ie) return;
    const auto ip = ipwire::ipv4_packet_view::parse(ie->payload());
    BUILD_EXPECT(ip.has_value() && ip->header_checksum_valid() && ip->time_to_live() == 5);
    if (!ip) return;
    const auto iu = ipwire::udp_datagram_view::parse(ip->payload());
    BUILD_EXPECT(iu.has_value() && iu->checksum_valid(ipwire::ip_packet_view(*ip)) && iu->length() == 11);
    const auto d = ipwire::decode(f.view(), ipwire::link_type::ethernet);
    BUILD_EXPECT(!d.error().has_value() && d.tunnels().size() == 1);
    BUILD_EXPECT(d.tunnels()[0].kind == (Geneve ? ipwire::tunnel_kind::geneve : ipwire::tunnel_kind::vxlan));
    BUILD_EXPECT(d.udp().has_value() && d.udp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(d.source() == "10.0.0.1:53"_endpoint && d.payload().size() == 3);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_udp_tunnel<false>(c); }));
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_udp_tunnel<true>(c); }));

TEST_CASE("build: VXLAN and Geneve over UDP/IPv6 carrying Ethernet, IPv4 and UDP") {
    doctest_check c;
    check_udp_tunnel<false>(c);
    check_udp_tunnel<true>(c);
}

TEST_CASE("build: Geneve options not a multiple of 4 are bad_header_length") {
    std::array<std::uint8_t, 128> buffer{};
    constexpr std::array<std::uint8_t, 3> odd = {1, 2, 3};
    CHECK(packet_builder(buffer).ipv4({}).udp({}).geneve({.options = odd}).build().error() == errc::bad_header_length);
}

} // namespace
