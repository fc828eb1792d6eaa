// A literal {fmt} format string with a bad spec for an ipwire value must not
// compile, and the diagnostic must name the reason: here '0' padding, which
// is for numbers (the twin good_format_spec.cpp compiles with the same command).
#include <ipwire/fmt.hpp>
#include <ipwire/ipv6.hpp>

#include <fmt/format.h>

#include <string>

std::string bad(const ipwire::ipv6_address& a) { return fmt::format("{:020}", a); }
