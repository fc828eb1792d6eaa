// What every packaging test compiles and runs: a literal, a parse and a
// decode, so a package that misses a header or the C++20 requirement fails.
#include <ipwire/ipwire.hpp>
#include <ipwire/version.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

int main() {
    using namespace ipwire::literals;
    constexpr auto server = "[2001:db8::1]:443"_endpoint;
    static_assert(server.port() == 443_port);
    const auto lan = ipwire::ip_prefix::parse("192.168.0.0/16");
    if (!lan || !lan->contains("192.168.7.1"_ip)) return 1;
    // A raw IPv4/UDP datagram 192.0.2.1:5353 -> 192.0.2.2:53, no payload.
    constexpr std::array<std::uint8_t, 28> frame{0x45, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                                 0x00, 0x00, 0xc0, 0x00, 0x02, 0x01, 0xc0, 0x00, 0x02, 0x02,
                                                 0x14, 0xe9, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00};
    const auto packet = ipwire::decode(frame, ipwire::link_type::raw);
    if (!packet.udp() || packet.udp()->destination_port() != 53_port) return 2;
    std::printf("ipwire %s: %s in %s\n", IPWIRE_VERSION_STRING, server.to_string().c_str(), lan->to_string().c_str());
    return 0;
}
