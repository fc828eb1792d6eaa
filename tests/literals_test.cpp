// Tests for ipwire/literals.hpp: every literal kind gives the value parse()
// gives, in a constant expression and at run time. (A malformed literal does
// not compile: tests/compile_fail covers that.)
#include <ipwire/literals.hpp>
#include <ipwire/service_name.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace {

using ipwire::endpoint;
using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ipv4_address;
using ipwire::ipv4_prefix;
using ipwire::ipv6_address;
using ipwire::ipv6_prefix;
using ipwire::port;
using namespace ipwire::literals;

// Whether to_chars writes exactly `expected` (into a local array, so this
// also runs in a constant expression).
template <class T>
constexpr bool writes(const T& v, std::string_view expected) {
    char buffer[T::max_string_length] = {};
    const auto [ptr, ec] = v.to_chars(buffer, buffer + T::max_string_length);
    return ec == std::errc{} && std::string_view(buffer, static_cast<std::size_t>(ptr - buffer)) == expected;
}

// A literal equals parse() of the same text and prints as `canonical`.
template <class T>
constexpr bool same_as_parse(const T& literal, std::string_view text, std::string_view canonical) {
    const auto parsed = T::parse(text);
    return parsed && *parsed == literal && writes(literal, canonical);
}

constexpr ipv6_address a6(std::uint16_t g0, std::uint16_t g1, std::uint16_t g2, std::uint16_t g3, std::uint16_t g4,
                          std::uint16_t g5, std::uint16_t g6, std::uint16_t g7) {
    return ipv6_address::from_groups({g0, g1, g2, g3, g4, g5, g6, g7});
}

// The types.
static_assert(std::is_same_v<decltype("192.0.2.1"_ipv4), ipv4_address>);
static_assert(std::is_same_v<decltype("2001:db8::1"_ipv6), ipv6_address>);
static_assert(std::is_same_v<decltype("::1"_ip), ip_address>);
static_assert(std::is_same_v<decltype("10.0.0.0/8"_prefix), ip_prefix>);
static_assert(std::is_same_v<decltype("[::1]:443"_endpoint), endpoint>);
static_assert(std::is_same_v<decltype("02:00:5E:10:00:01"_mac), ipwire::mac_address>);
static_assert("02:00:5E:10:00:01"_mac == ipwire::mac_address::parse("02-00-5e-10-00-01").value());
static_assert("ff:ff:ff:ff:ff:ff"_mac.is_broadcast());
static_assert(std::is_same_v<decltype(443_port), port>);
static_assert(std::is_same_v<decltype("10.0.0.1-10.0.0.9"_ip_range), ipwire::ip_range>);

// _ip_range: either family, as ip_range::parse.
static_assert(same_as_parse("10.0.0.1-10.0.0.9"_ip_range, "10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.9"));
static_assert(same_as_parse("2001:0db8::-2001:db8::ff"_ip_range, "2001:0db8::-2001:db8::ff",
                            "2001:db8::-2001:db8::ff"));
static_assert(("10.0.0.1-10.0.0.9"_ip_range).size() == 9);
static_assert(("::-::ffff"_ip_range).first() == "::"_ip && ("::-::ffff"_ip_range).last() == "::ffff"_ip);

// _ipv4
static_assert("192.0.2.1"_ipv4 == ipv4_address(0xC0000201));
static_assert("0.0.0.0"_ipv4 == ipv4_address() && "255.255.255.255"_ipv4 == ipv4_address::broadcast());
static_assert(same_as_parse("192.0.2.1"_ipv4, "192.0.2.1", "192.0.2.1"));

// _ipv6
static_assert("2001:db8::1"_ipv6 == a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
static_assert("::"_ipv6 == ipv6_address() && "::1"_ipv6 == ipv6_address::loopback());
static_assert("fe80::1%eth0"_ipv6.zone() == "eth0");
static_assert("::ffff:192.0.2.1"_ipv6 == ipv6_address::v4_mapped(ipv4_address(0xC0000201)));
static_assert(same_as_parse("2001:DB8:0:0:0:0:0:1"_ipv6, "2001:DB8:0:0:0:0:0:1", "2001:db8::1"));
static_assert(same_as_parse("fe80::1%eth0"_ipv6, "fe80::1%eth0", "fe80::1%eth0"));

// _ip: either family, as the text says.
static_assert("::1"_ip == ip_address(ipv6_address::loopback()) && "::1"_ip.is_v6());
static_assert("192.0.2.1"_ip == ip_address(ipv4_address(0xC0000201)) && "192.0.2.1"_ip.is_v4());
static_assert("::ffff:192.0.2.1"_ip.is_v6(), "a literal does not unmap either");
static_assert(same_as_parse("::ffff:192.0.2.1"_ip, "::ffff:192.0.2.1", "::ffff:192.0.2.1"));

// _prefix: an ip_prefix of either family, host bits kept.
static_assert("10.0.0.0/8"_prefix == ip_prefix(ipv4_prefix(ipv4_address(0x0A000000), 8)));
static_assert("10.1.2.3/8"_prefix.address() == ip_address(ipv4_address(0x0A010203)));
static_assert(!"10.1.2.3/8"_prefix.is_masked());
static_assert("2001:db8::/32"_prefix == ip_prefix(ipv6_prefix(a6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32)));
static_assert("::ffff:1.2.3.4/120"_prefix.is_v6());
static_assert(same_as_parse("10.1.2.3/8"_prefix, "10.1.2.3/8", "10.1.2.3/8"));
static_assert(same_as_parse("2001:DB8::/32"_prefix, "2001:DB8::/32", "2001:db8::/32"));

// _endpoint
static_assert("[::1]:443"_endpoint == endpoint(ipv6_address::loopback(), port(443)));
static_assert("192.0.2.1:80"_endpoint == endpoint(ipv4_address(0xC0000201), port(80)));
static_assert("[fe80::1%eth0]:22"_endpoint.address().zone() == "eth0");
static_assert("[::ffff:192.0.2.1]:80"_endpoint.address().is_v6());
static_assert(same_as_parse("[::ffff:192.0.2.1]:80"_endpoint, "[::ffff:192.0.2.1]:80", "[::ffff:192.0.2.1]:80"));
static_assert(same_as_parse("[2001:db8::1]:443"_endpoint, "[2001:db8::1]:443", "[2001:db8::1]:443"));

// _port
static_assert(443_port == port(443));
static_assert(0_port == port(0) && 65535_port == port(65535));
static_assert(0x50_port == port(80), "any integer literal form");
static_assert(same_as_parse(8080_port, "8080", "8080"));
static_assert((443_port).classify() == ipwire::port_class::well_known);

// Literals are constant expressions wherever one is needed.
constexpr std::array<port, 2> web_ports{80_port, 443_port};
static_assert(web_ports[1] == port(443));
static_assert(std::integral_constant<std::uint16_t, (443_port).value()>::value == 443);

} // namespace

TEST_CASE("literals: _ipv4 equals parse()") {
    const ipv4_address a = "192.0.2.1"_ipv4;
    CHECK(a == *ipv4_address::parse("192.0.2.1"));
    CHECK(a.to_string() == "192.0.2.1");
    CHECK("10.0.0.1"_ipv4.to_uint32() == 0x0A000001U);
}

TEST_CASE("literals: _ipv6 equals parse()") {
    const ipv6_address a = "2001:db8::1"_ipv6;
    CHECK(a == *ipv6_address::parse("2001:db8::1"));
    CHECK(a.to_string() == "2001:db8::1");
    const ipv6_address z = "fe80::1%eth0"_ipv6;
    CHECK(z == *ipv6_address::parse("fe80::1%eth0"));
    CHECK(z.zone() == "eth0");
    CHECK("2001:DB8:0:0:0:0:0:1"_ipv6.to_string() == "2001:db8::1");
}

TEST_CASE("literals: _ip equals parse()") {
    CHECK("::1"_ip == *ip_address::parse("::1"));
    CHECK("192.0.2.1"_ip == *ip_address::parse("192.0.2.1"));
    CHECK("::ffff:192.0.2.1"_ip.is_v6());
    CHECK("::ffff:192.0.2.1"_ip.to_string() == "::ffff:192.0.2.1");
    CHECK("::ffff:192.0.2.1"_ip.unmap() == "192.0.2.1"_ip);
}

TEST_CASE("literals: _prefix equals parse()") {
    CHECK("10.0.0.0/8"_prefix == *ip_prefix::parse("10.0.0.0/8"));
    CHECK("10.1.2.3/8"_prefix.to_string() == "10.1.2.3/8");
    CHECK("10.1.2.3/8"_prefix.masked() == "10.0.0.0/8"_prefix);
    CHECK("2001:db8::/32"_prefix == *ip_prefix::parse("2001:db8::/32"));
    CHECK("2001:db8::/32"_prefix.contains("2001:db8::1"_ip));
    CHECK(!"10.0.0.0/8"_prefix.contains("::ffff:10.0.0.1"_ip));
}

TEST_CASE("literals: _endpoint equals parse()") {
    CHECK("[::1]:443"_endpoint == *endpoint::parse("[::1]:443"));
    CHECK("192.0.2.1:80"_endpoint == *endpoint::parse("192.0.2.1:80"));
    CHECK("[fe80::1%eth0]:22"_endpoint == *endpoint::parse("[fe80::1%eth0]:22"));
    CHECK("[::ffff:192.0.2.1]:80"_endpoint.to_string() == "[::ffff:192.0.2.1]:80");
    CHECK("[::ffff:192.0.2.1]:80"_endpoint.unmap() == "192.0.2.1:80"_endpoint);
}

TEST_CASE("literals: _port equals parse()") {
    CHECK(443_port == *port::parse("443"));
    CHECK(0_port == *port::parse("0"));
    CHECK(65535_port == *port::parse("65535"));
    CHECK((443_port).to_string() == "443");
    CHECK(ipwire::service_name(443_port, ipwire::ip_protocol::tcp) == "https");
}
