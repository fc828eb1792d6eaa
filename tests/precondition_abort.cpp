// A broken constructor precondition aborts at run time with its message, in
// every build mode (detail/expects.hpp). argv[1] picks the case; values come
// from argv so the compiler cannot fold them into a constant expression.
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    const std::string_view which = argv[1];
    const auto n = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
    if (which == "port_range") {
        const ipwire::port_range r(ipwire::port(static_cast<std::uint16_t>(n)), ipwire::port(80));
        std::printf("port_range(%u, 80) returned %u-%u\n", n, r.first().value(), r.last().value());
    } else if (which == "prefix") {
        const ipwire::ipv4_prefix p(ipwire::ipv4_address(0x0A000000), static_cast<std::uint8_t>(n));
        std::printf("ipv4_prefix(10.0.0.0, %u) returned length %u\n", n, p.length());
    } else {
        return 2;
    }
    return 0;
}
