// <ipwire/ipwire.hpp> alone gives every public name: this file includes
// nothing else of ipwire and uses one name from each header (the CTest
// umbrella_includes_every_header checks the include list against the files).
#include <ipwire/ipwire.hpp>

#include <doctest/doctest.h>

TEST_CASE("ipwire.hpp: one include gives the address, socket and wire names") {
    using namespace ipwire::literals;
    const auto e = "[2001:db8::1]:443"_endpoint;
    const auto s = ipwire::to_sockaddr(e); // sockaddr.hpp
    REQUIRE(s.has_value());
    CHECK(ipwire::from_sockaddr(*s) == e);
    CHECK(ipwire::port_range::parse("1-2").has_value());
    CHECK(ipwire::ip_prefix::parse("10.0.0.0/8").has_value());
    CHECK(ipwire::mac_address::parse("00:00:00:00:00:01").has_value());
    const std::uint8_t none[1] = {0};
    CHECK(ipwire::capture_view::parse(ipwire::bytes_view(none, 0)) == ipwire::errc::truncated);
}
