// Conan's check of the ipwire package: compile and run against the packaged
// headers only. It uses a literal, a parse and a decode, so a package missing
// a header, or a build without C++20, fails here.
#include <ipwire/decode.hpp>
#include <ipwire/ipwire.hpp>
#include <ipwire/version.hpp>

#include <array>
#include <cstdint>
#include <cstdio>

int main() {
    using namespace ipwire::literals;

    // Literals are checked while compiling.
    constexpr auto client = "198.51.100.7:50000"_endpoint;
    constexpr auto server = "203.0.113.9:443"_endpoint;
    static_assert(server.port() == 443_port);

    // Parsing is checked at run time.
    const auto net = ipwire::ip_prefix::parse("203.0.113.0/24");
    if (!net || !net->contains(server.address())) {
        std::puts("test_package: parse failed");
        return 1;
    }

    // A raw IPv4 packet carrying a TCP SYN from client to server.
    constexpr std::array<std::uint8_t, 40> syn{0x45, 0x00, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06,
                                               0x00, 0x00, 0xc6, 0x33, 0x64, 0x07, 0xcb, 0x00, 0x71, 0x09,
                                               0xc3, 0x50, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
                                               0x00, 0x00, 0x50, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00};
    const auto packet = ipwire::decode(syn, ipwire::link_type::raw);
    if (!packet.tcp() || !packet.tcp()->flags().has(ipwire::tcp_flags::syn) || packet.source() != client ||
        packet.destination() != server) {
        std::puts("test_package: decode failed");
        return 2;
    }

    std::printf("ipwire %s: SYN %s -> %s, inside %s\n", IPWIRE_VERSION_STRING, client.to_string().c_str(),
                server.to_string().c_str(), net->to_string().c_str());
    return 0;
}
