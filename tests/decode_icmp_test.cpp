// decode and ICMP: icmp() for ICMP in IPv4 and ICMPv6 in IPv6, and the quoted
// invoking packet of an error, never taken for the packet's own transport.
#include <ipwire/decode.hpp>

#include <doctest/doctest.h>

#include <cstdint>

#include "decode_frames.hpp"

namespace {

using namespace decode_frames;
using ipwire::decode;
using ipwire::decode_stop;
using ipwire::decoded_packet;
using ipwire::link_type;

constexpr auto echo = cat(ethernet(0x0800), ipv4(1, 32), bytes<8>{8, 0, 0, 0, 0x12, 0x34, 0, 1}, data4());
// Port unreachable from 192.0.2.9 about 192.0.2.1:5353 -> 198.51.100.9:53 (UDP).
constexpr auto unreachable =
    cat(ethernet(0x0800), ipv4(1, 56, 9, 1), bytes<8>{3, 3, 0, 0, 0, 0, 0, 0}, ipv4(17, 40, 1, 9), udp(5353, 53, 20));
// The quote cut after the IP header: no ports.
constexpr auto unreachable_no_ports =
    cat(ethernet(0x0800), ipv4(1, 48, 9, 1), bytes<8>{3, 3, 0, 0, 0, 0, 0, 0}, ipv4(6, 40, 1, 9));
// ICMPv6 packet too big (MTU 1280) quoting an IPv6 TCP segment 443 -> 50000.
constexpr auto too_big = cat(ethernet(0x86DD), ipv6(58, 8 + 40 + 20), bytes<8>{2, 0, 0, 0, 0, 0, 0x05, 0x00},
                             ipv6(6, 1400), tcp(443, 50000));
// Protocol 1 inside IPv6 is no ICMPv6 message.
constexpr auto icmp_in_v6 = cat(ethernet(0x86DD), ipv6(1, 8), bytes<8>{8, 0, 0, 0, 0, 0, 0, 0});
// An ICMP error inside a 4-in-4 tunnel: icmp() belongs to the innermost packet.
constexpr auto tunnelled = cat(ethernet(0x0800), ipv4(4, 76), ipv4(1, 56, 9, 1), bytes<8>{11, 0, 0, 0, 0, 0, 0, 0},
                               ipv4(17, 40, 1, 9), udp(5353, 53, 20));

static_assert(decode(echo, link_type::ethernet).icmp()->is_v4());
static_assert(decode(echo, link_type::ethernet).icmp()->v4().identifier() == 0x1234);
static_assert(!decode(echo, link_type::ethernet).icmp_quoted_ip());
static_assert(decode(unreachable, link_type::ethernet).icmp_quoted_ports()->destination.value() == 53);
static_assert(!decode(unreachable, link_type::ethernet).udp());
static_assert(!decode(unreachable_no_ports, link_type::ethernet).icmp_quoted_ports());
static_assert(decode(unreachable_no_ports, link_type::ethernet).icmp_quoted_ip().has_value());
static_assert(decode(too_big, link_type::ethernet).icmp()->is_v6());
static_assert(decode(too_big, link_type::ethernet).icmp_quoted_ports()->source.value() == 443);
static_assert(!decode(icmp_in_v6, link_type::ethernet).icmp());
static_assert(decode(tunnelled, link_type::ethernet).icmp_quoted_ports()->source.value() == 5353);

TEST_CASE("decode: an ICMP echo sets icmp() and nothing else of the transport") {
    const decoded_packet p = decode(echo, link_type::ethernet);
    REQUIRE(p.icmp());
    CHECK(p.icmp()->is_v4());
    CHECK(p.icmp()->type_value() == 8);
    CHECK(p.icmp()->v4().sequence() == 1);
    CHECK_FALSE(p.tcp());
    CHECK_FALSE(p.udp());
    CHECK_FALSE(p.source());
    CHECK(p.stop() == decode_stop::other_protocol);
    CHECK(p.payload().data() == p.icmp()->bytes().data()); // the message
    CHECK(p.payload().size() == 12);
    CHECK_FALSE(p.icmp_quoted_ip());
    CHECK_FALSE(p.icmp_quoted_ports());
    CHECK(p.anomalies().empty());
}

TEST_CASE("decode: an ICMP error's quoted packet is read, not taken for this packet's own") {
    const decoded_packet p = decode(unreachable, link_type::ethernet);
    REQUIRE(p.icmp());
    CHECK(p.icmp()->is_error());
    CHECK(p.ip_layers().size() == 1); // the quote is no IP layer of this packet
    CHECK(p.ip()->source().to_string() == "192.0.2.9");
    CHECK_FALSE(p.udp());
    CHECK_FALSE(p.destination());
    REQUIRE(p.icmp_quoted_ip());
    CHECK(p.icmp_quoted_ip()->source().to_string() == "192.0.2.1");
    CHECK(p.icmp_quoted_ip()->destination().to_string() == "198.51.100.9");
    CHECK(p.icmp_quoted_ip()->bytes().data() == unreachable.data() + 42);
    REQUIRE(p.icmp_quoted_ports());
    CHECK(p.icmp_quoted_ports()->source.value() == 5353);
    CHECK(p.icmp_quoted_ports()->destination.value() == 53);

    const decoded_packet cut = decode(unreachable_no_ports, link_type::ethernet);
    REQUIRE(cut.icmp_quoted_ip());
    CHECK(cut.icmp_quoted_ip()->protocol() == ipwire::ip_protocol::tcp);
    CHECK_FALSE(cut.icmp_quoted_ports());
}

TEST_CASE("decode: ICMPv6 in IPv6, and only there") {
    const decoded_packet p = decode(too_big, link_type::ethernet);
    REQUIRE(p.icmp());
    CHECK(p.icmp()->is_v6());
    CHECK(p.icmp()->v6().mtu() == 1280);
    REQUIRE(p.icmp_quoted_ip());
    CHECK(p.icmp_quoted_ip()->is_v6());
    REQUIRE(p.icmp_quoted_ports());
    CHECK(p.icmp_quoted_ports()->source.value() == 443);
    CHECK(p.icmp_quoted_ports()->destination.value() == 50000);
    CHECK_FALSE(p.tcp());

    const decoded_packet odd = decode(icmp_in_v6, link_type::ethernet);
    CHECK_FALSE(odd.icmp());
    CHECK(odd.stop() == decode_stop::other_protocol);

    const decoded_packet t = decode(tunnelled, link_type::ethernet);
    CHECK(t.ip_layers().size() == 2);
    REQUIRE(t.icmp());
    CHECK(t.icmp()->type_value() == 11);
    CHECK(t.icmp_quoted_ports()->destination.value() == 53);
}

} // namespace
