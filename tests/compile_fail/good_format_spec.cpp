// Must compile with the very command that rejects bad_format_spec.cpp: fill,
// align, width (fixed and from an argument) and the IPv6 types in literal
// {fmt} format strings, checked at compile time.
#include <ipwire/fmt.hpp>
#include <ipwire/ipv6.hpp>

#include <fmt/format.h>

#include <string>

std::string good(const ipwire::ipv6_address& a) {
    return fmt::format("{:>20}|{:*^44eX}|{:<{}X}|{}", a, a, a, 30, ipwire::ip_protocol{253});
}
