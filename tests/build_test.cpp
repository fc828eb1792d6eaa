// packet_builder round trips (issue 15): each shape is built, then read back
// with the wire views and with decode(), every field that was set compared
// and every checksum validated; the same expectations run under
// static_assert. Pseudo-headers are also summed by hand here, so that the
// address a checksum must cover (a source route's or routing header's final
// destination) is checked independently of the views the builder uses.
#include <ipwire/build.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/wire/ethernet.hpp>
#include <ipwire/wire/icmp.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/ipv4.hpp>
#include <ipwire/wire/ipv6.hpp>
#include <ipwire/wire/tcp.hpp>
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
using build_test::pseudo_sum;
using build_test::sums_to_ones;
using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_protocol;
using ipwire::packet_builder;
using ipwire::tcp_flags;

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

constexpr std::array<std::uint8_t, 5> hello = {'h', 'e', 'l', 'l', 'o'};
constexpr auto mac_a = "02:00:00:00:00:01"_mac;
constexpr auto mac_b = "02:00:00:00:00:02"_mac;

// --- shape 1: Ethernet, S-tag and C-tag, IPv4 with options, DSCP/ECN, DF,
// TCP with every flag and every typed option (exactly 40 bytes of them).
constexpr std::array<ipwire::tcp_sack_block, 2> two_blocks = {{{1000, 2000}, {3000, 4000}}};
constexpr std::array<std::uint8_t, 4> router_alert_v4 = {148, 4, 0, 0}; // RFC 2113

constexpr frame<256> tcp_over_vlans() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ethernet({.destination = mac_b, .source = mac_a})
        .vlan({.tag_protocol_id = ipwire::ether_type::qinq, .priority = 5, .vlan_id = 100})
        .vlan({.priority = 3, .drop_eligible = true, .vlan_id = 4000})
        .ipv4({.source = "192.0.2.1"_ipv4,
               .destination = "198.51.100.7"_ipv4,
               .dscp = 46,
               .ecn = 1,
               .identification = 0xBEEF,
               .dont_fragment = true,
               .time_to_live = 17,
               .options = router_alert_v4})
        .tcp({.source = 40000_port,
              .destination = 443_port,
              .sequence = 0x01020304,
              .acknowledgment = 0xA0B0C0D0,
              .flags = tcp_flags(0x1FF),
              .window = 1234,
              .urgent_pointer = 7,
              .mss = 1460,
              .window_scale = 7,
              .sack_permitted = true,
              .sack_blocks = two_blocks,
              .timestamps = ipwire::tcp_timestamps{111, 222}})
        .payload(hello);
    return keep(buffer, b);
}

template <class C>
constexpr void check_tcp_over_vlans(C& check) {
    const auto f = tcp_over_vlans();
    BUILD_EXPECT(f.error == errc{});
    BUILD_EXPECT(f.size == 14 + 8 + 24 + 60 + 5);
    const auto eth = ipwire::ethernet_frame_view::parse(f.view());
    BUILD_EXPECT(eth.has_value());
    if (!eth) return;
    BUILD_EXPECT(eth->destination() == mac_b && eth->source() == mac_a);
    BUILD_EXPECT(eth->vlan_count() == 2);
    BUILD_EXPECT(eth->vlan(0)->tag_protocol_id() == ipwire::ether_type::qinq);
    BUILD_EXPECT(eth->vlan(0)->priority() == 5 && !eth->vlan(0)->drop_eligible() && eth->vlan(0)->vlan_id() == 100);
    BUILD_EXPECT(eth->vlan(1)->tag_protocol_id() == ipwire::ether_type::vlan);
    BUILD_EXPECT(eth->vlan(1)->priority() == 3 && eth->vlan(1)->drop_eligible() && eth->vlan(1)->vlan_id() == 4000);
    BUILD_EXPECT(eth->ether_type() == ipwire::ether_type::ipv4);
    const auto ip = ipwire::ipv4_packet_view::parse(eth->payload());
    BUILD_EXPECT(ip.has_value());
    if (!ip) return;
    BUILD_EXPECT(ip->header_length() == 24 && ip->total_length() == 24 + 60 + 5);
    BUILD_EXPECT(ip->dscp() == 46 && ip->ecn() == 1);
    BUILD_EXPECT(ip->identification() == 0xBEEF && ip->dont_fragment() && !ip->more_fragments());
    BUILD_EXPECT(!ip->reserved_flag() && ip->fragment_offset() == 0);
    BUILD_EXPECT(ip->time_to_live() == 17 && ip->protocol() == ip_protocol::tcp);
    BUILD_EXPECT(ip->source() == "192.0.2.1"_ipv4 && ip->destination() == "198.51.100.7"_ipv4);
    BUILD_EXPECT(ip->header_checksum_valid());
    auto option = ip->options().begin();
    BUILD_EXPECT((*option).type() == ipwire::ipv4_option_type::router_alert && (*option).length() == 4);
    BUILD_EXPECT(ip->options().error() == errc{});
    const auto tcp = ipwire::tcp_segment_view::parse(ip->payload());
    BUILD_EXPECT(tcp.has_value());
    if (!tcp) return;
    BUILD_EXPECT(tcp->source_port() == 40000_port && tcp->destination_port() == 443_port);
    BUILD_EXPECT(tcp->sequence_number() == 0x01020304 && tcp->acknowledgment_number() == 0xA0B0C0D0);
    BUILD_EXPECT(tcp->flags() == (tcp_flags::fin | tcp_flags::syn | tcp_flags::rst | tcp_flags::psh | tcp_flags::ack |
                                  tcp_flags::urg | tcp_flags::ece | tcp_flags::cwr | tcp_flags::ae));
    BUILD_EXPECT(tcp->reserved() == 0 && tcp->window() == 1234 && tcp->urgent_pointer() == 7);
    BUILD_EXPECT(tcp->header_length() == 60);
    BUILD_EXPECT(tcp->mss() == 1460 && tcp->window_scale() == 7 && tcp->sack_permitted());
    BUILD_EXPECT(tcp->timestamps() == ipwire::tcp_timestamps{111, 222});
    const auto blocks = tcp->sack_blocks();
    BUILD_EXPECT(blocks.size() == 2 && blocks[0] == two_blocks[0] && blocks[1] == two_blocks[1]);
    BUILD_EXPECT(tcp->options().error() == errc{});
    BUILD_EXPECT(tcp->payload().size() == 5 && tcp->payload()[0] == 'h' && tcp->payload()[4] == 'o');
    BUILD_EXPECT(tcp->checksum_valid(ipwire::ip_packet_view(*ip)));
    BUILD_EXPECT(sums_to_ones(pseudo_sum(ip->source().to_bytes(), ip->destination().to_bytes(), 6, 65), tcp->bytes()));
    // Through decode, the accessors of decoded_packet.
    const auto d = ipwire::decode(f.view(), ipwire::link_type::ethernet);
    BUILD_EXPECT(!d.error().has_value() && d.stop() == ipwire::decode_stop::transport);
    BUILD_EXPECT(d.ethernet().has_value() && d.ethernet()->vlan_count() == 2);
    BUILD_EXPECT(d.ether_type() == ipwire::ether_type::ipv4);
    BUILD_EXPECT(d.ip().has_value() && d.ip()->is_v4() && d.ip()->v4().dscp() == 46);
    BUILD_EXPECT(d.tcp().has_value() && d.tcp()->flags().value() == 0x1FF && d.tcp()->mss() == 1460);
    BUILD_EXPECT(d.tcp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(d.payload().size() == 5 && d.payload()[0] == 'h');
    BUILD_EXPECT(d.source() == "192.0.2.1:40000"_endpoint && d.destination() == "198.51.100.7:443"_endpoint);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_tcp_over_vlans(c); }));

TEST_CASE("build: Ethernet, two VLAN tags, IPv4 with options, TCP with every flag and option") {
    doctest_check c;
    check_tcp_over_vlans(c);
}

// --- shape 2: IPv4 loose source route; the UDP checksum covers the route's
// last address, not the header's destination.
constexpr std::array<std::uint8_t, 11> lsrr = {131, 11, 4, 198, 51, 100, 1, 203, 0, 113, 9}; // RFC 791

constexpr frame<128> udp_source_routed() {
    std::array<std::uint8_t, 128> buffer{};
    packet_builder b(buffer);
    b.ipv4({.source = "192.0.2.1"_ipv4,
            .destination = "198.51.100.1"_ipv4,
            .more_fragments = false,
            .time_to_live = 3,
            .options = lsrr})
        .udp({.source = 5353_port, .destination = 53_port})
        .payload(hello);
    return keep(buffer, b);
}

template <class C>
constexpr void check_udp_source_routed(C& check) {
    const auto f = udp_source_routed();
    BUILD_EXPECT(f.error == errc{} && f.size == 32 + 8 + 5);
    const auto ip = ipwire::ipv4_packet_view::parse(f.view());
    BUILD_EXPECT(ip.has_value());
    if (!ip) return;
    BUILD_EXPECT(ip->header_length() == 32 && ip->header_checksum_valid() && ip->protocol() == ip_protocol::udp);
    BUILD_EXPECT(ip->final_destination() == "203.0.113.9"_ipv4);
    const auto udp = ipwire::udp_datagram_view::parse(ip->payload());
    BUILD_EXPECT(udp.has_value());
    if (!udp) return;
    BUILD_EXPECT(udp->source_port() == 5353_port && udp->destination_port() == 53_port && udp->length() == 13);
    BUILD_EXPECT(udp->checksum_valid(ipwire::ip_packet_view(*ip)));
    constexpr auto src = "192.0.2.1"_ipv4;
    BUILD_EXPECT(sums_to_ones(pseudo_sum(src.to_bytes(), "203.0.113.9"_ipv4.to_bytes(), 17, 13), udp->bytes()));
    BUILD_EXPECT(!sums_to_ones(pseudo_sum(src.to_bytes(), "198.51.100.1"_ipv4.to_bytes(), 17, 13), udp->bytes()));
    const auto d = ipwire::decode(f.view(), ipwire::link_type::raw);
    BUILD_EXPECT(d.udp().has_value() && d.udp()->checksum_valid(*d.ip()) && d.payload().size() == 5);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_udp_source_routed(c); }));

TEST_CASE("build: IPv4 loose source route, UDP checksum over the final destination") {
    doctest_check c;
    check_udp_source_routed(c);
}

// --- shape 3: IPv6 with hop-by-hop, destination options, a Segment Routing
// header with a segment left, an atomic fragment header, then UDP: the
// checksum covers Segment List[0].
constexpr std::array<std::uint8_t, 4> router_alert_v6 = {5, 2, 0, 0}; // RFC 2711
constexpr std::array<std::uint8_t, 3> unknown_skip_option = {0x1E, 1, 0xAA};
constexpr std::array<ipwire::ipv6_address, 2> segments = {"2001:db8::f"_ipv6, "2001:db8::e"_ipv6};

constexpr frame<256> udp_over_ipv6_chain() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ipv6({.source = "2001:db8::1"_ipv6,
            .destination = "2001:db8::e"_ipv6,
            .dscp = 10,
            .ecn = 2,
            .flow_label = 0xABCDE,
            .hop_limit = 9})
        .hop_by_hop(router_alert_v6)
        .destination_options(unknown_skip_option)
        .routing({.type = ipwire::ipv6_routing_type::segment_routing,
                  .segments_left = 1,
                  .addresses = segments,
                  .flags = 0,
                  .tag = 0x1234})
        .ipv6_fragment({.offset = 0, .more_fragments = false, .identification = 77})
        .udp({.source = 1000_port, .destination = 2000_port})
        .payload(hello);
    return keep(buffer, b);
}

template <class C>
constexpr void check_udp_over_ipv6_chain(C& check) {
    const auto f = udp_over_ipv6_chain();
    BUILD_EXPECT(f.error == errc{} && f.size == 40 + 8 + 8 + 40 + 8 + 8 + 5);
    const auto ip = ipwire::ipv6_packet_view::parse(f.view());
    BUILD_EXPECT(ip.has_value());
    if (!ip) return;
    BUILD_EXPECT(ip->dscp() == 10 && ip->ecn() == 2 && ip->flow_label() == 0xABCDE && ip->hop_limit() == 9);
    BUILD_EXPECT(ip->payload_length() == f.size - 40);
    BUILD_EXPECT(ip->extension_headers().error() == errc{});
    BUILD_EXPECT(ip->next_header() == ip_protocol::ipv6_hop_by_hop);
    BUILD_EXPECT(ip->upper_layer_protocol() == ip_protocol::udp);
    auto h = ip->extension_headers().begin();
    BUILD_EXPECT((*h).type() == ip_protocol::ipv6_hop_by_hop && (*h).length() == 8);
    BUILD_EXPECT((*(*h).options().begin()).type() == ipwire::ipv6_option_type::router_alert);
    BUILD_EXPECT((*h).options().error() == errc{});
    ++h;
    BUILD_EXPECT((*h).type() == ip_protocol::ipv6_destination && (*h).options().error() == errc{});
    BUILD_EXPECT((*(*h).options().begin()).bytes().size() == 3);
    const auto r = ip->routing_header();
    BUILD_EXPECT(r.has_value());
    if (!r) return;
    BUILD_EXPECT(r->routing_type() == ipwire::ipv6_routing_type::segment_routing && r->segments_left() == 1);
    BUILD_EXPECT(r->last_entry() == 1 && r->tag() == 0x1234 && r->address(1) == "2001:db8::e"_ipv6);
    BUILD_EXPECT(ip->final_destination() == "2001:db8::f"_ipv6);
    BUILD_EXPECT(ip->is_atomic_fragment() && ip->identification() == 77 && !ip->is_fragment());
    const auto udp = ipwire::udp_datagram_view::parse(ip->upper_layer_payload());
    BUILD_EXPECT(udp.has_value());
    if (!udp) return;
    BUILD_EXPECT(udp->source_port() == 1000_port && udp->destination_port() == 2000_port && udp->length() == 13);
    BUILD_EXPECT(udp->checksum_valid(ipwire::ip_packet_view(*ip)));
    constexpr auto src = "2001:db8::1"_ipv6;
    BUILD_EXPECT(sums_to_ones(pseudo_sum(src.to_bytes(), "2001:db8::f"_ipv6.to_bytes(), 17, 13), udp->bytes()));
    BUILD_EXPECT(!sums_to_ones(pseudo_sum(src.to_bytes(), "2001:db8::e"_ipv6.to_bytes(), 17, 13), udp->bytes()));
    const auto d = ipwire::decode(f.view(), ipwire::link_type::ipv6);
    BUILD_EXPECT(!d.error().has_value() && d.udp().has_value() && d.udp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(d.ip()->final_destination() == ipwire::ip_address("2001:db8::f"_ipv6));
    BUILD_EXPECT(d.destination() == "[2001:db8::e]:2000"_endpoint);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_udp_over_ipv6_chain(c); }));

TEST_CASE("build: IPv6 hop-by-hop, destination options, SRH, fragment header, UDP over Segment List[0]") {
    doctest_check c;
    check_udp_over_ipv6_chain(c);
}

// --- shape 4: IPv6 type 0 routing (last address) with TCP, and type 2
// (home address) with ICMPv6 echo.
constexpr std::array<ipwire::ipv6_address, 3> hops = {"2001:db8::a"_ipv6, "2001:db8::b"_ipv6, "2001:db8::c"_ipv6};
constexpr std::array<ipwire::ipv6_address, 1> home = {"2001:db8:1::99"_ipv6};

constexpr frame<256> tcp_type0() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ethernet({.destination = mac_a, .source = mac_b})
        .ipv6({.source = "2001:db8::1"_ipv6, .destination = "2001:db8::a"_ipv6})
        .routing({.type = ipwire::ipv6_routing_type::source_route, .segments_left = 3, .addresses = hops})
        .tcp({.source = 1_port, .destination = 2_port, .flags = tcp_flags::syn, .mss = 1220, .window_scale = 2});
    return keep(buffer, b);
}
constexpr frame<256> icmpv6_type2() {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ipv6({.source = "2001:db8::2"_ipv6, .destination = "2001:db8::3"_ipv6})
        .routing({.type = ipwire::ipv6_routing_type::mobile_ipv6, .segments_left = 1, .addresses = home})
        .icmpv6({.type = ipwire::icmpv6_type::echo_request, .rest_of_header = ipwire::icmp_echo(0x1234, 9)})
        .payload(hello);
    return keep(buffer, b);
}

template <class C>
constexpr void check_routing_types(C& check) {
    const auto f = tcp_type0();
    BUILD_EXPECT(f.error == errc{} && f.size == 14 + 40 + 56 + 28);
    const auto d = ipwire::decode(f.view(), ipwire::link_type::ethernet);
    BUILD_EXPECT(!d.error().has_value() && d.tcp().has_value() && d.ether_type() == ipwire::ether_type::ipv6);
    if (!d.tcp() || !d.ip()) return;
    BUILD_EXPECT(d.ip()->final_destination() == ipwire::ip_address("2001:db8::c"_ipv6));
    BUILD_EXPECT(d.tcp()->flags() == tcp_flags::syn && d.tcp()->mss() == 1220 && d.tcp()->window_scale() == 2);
    BUILD_EXPECT(!d.tcp()->sack_permitted() && !d.tcp()->timestamps().has_value());
    BUILD_EXPECT(d.tcp()->header_length() == 28 && d.tcp()->options().error() == errc{});
    BUILD_EXPECT(d.tcp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(sums_to_ones(pseudo_sum("2001:db8::1"_ipv6.to_bytes(), "2001:db8::c"_ipv6.to_bytes(), 6, 28),
                              d.tcp()->bytes()));

    const auto g = icmpv6_type2();
    BUILD_EXPECT(g.error == errc{} && g.size == 40 + 24 + 8 + 5);
    const auto ip = ipwire::ipv6_packet_view::parse(g.view());
    BUILD_EXPECT(ip.has_value());
    if (!ip) return;
    BUILD_EXPECT(ip->routing_header()->home_address() == "2001:db8:1::99"_ipv6);
    BUILD_EXPECT(ip->upper_layer_protocol() == ip_protocol::icmpv6);
    const auto m = ipwire::icmpv6_message_view::parse(ip->upper_layer_payload());
    BUILD_EXPECT(m.has_value());
    if (!m) return;
    BUILD_EXPECT(m->type() == ipwire::icmpv6_type::echo_request && m->code() == 0);
    BUILD_EXPECT(m->identifier() == 0x1234 && m->sequence() == 9 && m->body().size() == 5);
    BUILD_EXPECT(m->checksum_valid(ipwire::ip_packet_view(*ip)));
    BUILD_EXPECT(
        sums_to_ones(pseudo_sum("2001:db8::2"_ipv6.to_bytes(), "2001:db8:1::99"_ipv6.to_bytes(), 58, 13), m->bytes()));
    const auto e = ipwire::decode(g.view(), ipwire::link_type::raw);
    BUILD_EXPECT(e.ip().has_value() && e.ip()->protocol() == ip_protocol::icmpv6);
    BUILD_EXPECT(e.icmp().has_value() && e.icmp()->is_v6());
    if (!e.icmp()) return;
    BUILD_EXPECT(e.icmp()->checksum_valid(*e.ip()) && e.icmp()->type_value() == 128);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_routing_types(c); }));

TEST_CASE("build: IPv6 routing types 0 and 2 (TCP SYN, ICMPv6 echo) over their final destinations") {
    doctest_check c;
    check_routing_types(c);
}

// --- shape 5: ICMP echo, and an ICMP port unreachable quoting a UDP packet
// built before it; UDP over IPv4 without a checksum; a hand-set fragment.
constexpr frame<256> icmp_unreachable() {
    std::array<std::uint8_t, 64> quoted{};
    packet_builder q(quoted);
    q.ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.53"_ipv4, .identification = 5})
        .udp({.source = 33000_port, .destination = 53_port, .checksum = false})
        .payload(hello);
    const auto inner = q.build();
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(buffer);
    b.ipv4({.source = "192.0.2.53"_ipv4, .destination = "192.0.2.1"_ipv4})
        .icmpv4({.type = ipwire::icmpv4_type::destination_unreachable, .code = 3})
        .payload(inner ? inner->first(28) : bytes_view{});
    return keep(buffer, b);
}
constexpr frame<128> manual_fragment() {
    std::array<std::uint8_t, 128> buffer{};
    packet_builder b(buffer);
    b.ipv4({.source = "192.0.2.1"_ipv4,
            .destination = "192.0.2.2"_ipv4,
            .identification = 9,
            .more_fragments = true,
            .fragment_offset = 1480,
            .protocol = ip_protocol::udp})
        .payload(hello);
    return keep(buffer, b);
}

template <class C>
constexpr void check_icmp(C& check) {
    const auto f = icmp_unreachable();
    BUILD_EXPECT(f.error == errc{} && f.size == 20 + 8 + 28);
    const auto d = ipwire::decode(f.view(), ipwire::link_type::ipv4);
    BUILD_EXPECT(d.ip().has_value() && d.stop() != ipwire::decode_stop::error);
    if (!d.ip()) return;
    BUILD_EXPECT(d.ip()->v4().header_checksum_valid() && d.ip()->protocol() == ip_protocol::icmp);
    const auto parsed = ipwire::icmpv4_message_view::parse(d.ip()->payload());
    BUILD_EXPECT(parsed.has_value());
    if (!parsed) return;
    const ipwire::icmpv4_message_view m = *parsed;
    BUILD_EXPECT(m.type() == ipwire::icmpv4_type::destination_unreachable && m.code() == 3);
    BUILD_EXPECT(m.checksum_valid() && m.checksum_valid(*d.ip()));
    const auto quote = m.quoted_packet();
    BUILD_EXPECT(quote.has_value() && quote->destination() == ipwire::ip_address("192.0.2.53"_ipv4));
    BUILD_EXPECT(quote->v4().header_checksum_valid() && quote->v4().identification() == 5);
    BUILD_EXPECT(ipwire::quoted_ports(*quote) == ipwire::icmp_quoted_ports{33000_port, 53_port});
    BUILD_EXPECT(d.icmp().has_value() && d.icmp()->is_v4() && d.icmp()->checksum_valid(*d.ip()));
    BUILD_EXPECT(d.icmp_quoted_ports() == ipwire::icmp_quoted_ports{33000_port, 53_port});
    // The quoted UDP had no checksum (0), allowed over IPv4.
    const auto u = ipwire::udp_datagram_view::parse(quote->payload());
    BUILD_EXPECT(u.has_value() && u->checksum() == 0 && u->length() == 13);

    const auto g = manual_fragment();
    const auto v = ipwire::ipv4_packet_view::parse(g.view());
    BUILD_EXPECT(v.has_value());
    if (!v) return;
    BUILD_EXPECT(v->more_fragments() && v->fragment_offset() == 1480 && v->identification() == 9);
    BUILD_EXPECT(v->protocol() == ip_protocol::udp && v->header_checksum_valid() && v->total_length() == 25);
    const auto e = ipwire::decode(g.view(), ipwire::link_type::raw);
    BUILD_EXPECT(e.stop() == ipwire::decode_stop::non_first_fragment && e.payload().size() == 5);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_icmp(c); }));

TEST_CASE("build: ICMP port unreachable quoting a UDP packet; a fragment set by hand") {
    doctest_check c;
    check_icmp(c);
}

// --- errors: every buffer shorter than the frame is buffer_too_small and
// reports nothing written; options past 40 bytes are bad_header_length.
constexpr errc build_into(std::size_t n) {
    std::array<std::uint8_t, 256> buffer{};
    packet_builder b(std::span<std::uint8_t>(buffer).first(n));
    b.ethernet({}).vlan({}).ipv4({}).tcp({.mss = 1460, .sack_permitted = true}).payload(hello);
    const auto r = b.build();
    return r ? errc{} : r.error();
}
constexpr std::size_t full_size = 14 + 4 + 20 + 28 + 5;

template <class C>
constexpr void check_errors(C& check) {
    BUILD_EXPECT(build_into(full_size) == errc{});
    bool all_short = true;
    for (std::size_t n = 0; n < full_size; ++n) all_short = all_short && build_into(n) == errc::buffer_too_small;
    BUILD_EXPECT(all_short);
    std::array<std::uint8_t, 128> buffer{};
    constexpr std::array<std::uint8_t, 41> long_options{};
    BUILD_EXPECT(packet_builder(buffer).ipv4({.options = long_options}).build().error() == errc::bad_header_length);
    BUILD_EXPECT(packet_builder(buffer)
                     .ipv4({})
                     .tcp({.mss = 1,
                           .window_scale = 1,
                           .sack_permitted = true,
                           .sack_blocks = two_blocks,
                           .timestamps = ipwire::tcp_timestamps{},
                           .extra_options = hello})
                     .build()
                     .error() == errc::bad_header_length);
    // The first error stays; later calls add nothing.
    packet_builder b(std::span<std::uint8_t>(buffer).first(10));
    b.ipv4({}).udp({}).payload(hello);
    BUILD_EXPECT(b.error() == errc::buffer_too_small && b.size() == 0);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_errors(c); }));

TEST_CASE("build: a short buffer is buffer_too_small at every length; oversize options are bad_header_length") {
    doctest_check c;
    check_errors(c);
}

} // namespace
