// Must NOT compile: 256 is no IPv4 octet, and the diagnostics must name that
// reason (the errc that tests/CMakeLists.txt passes to check.cmake as REGEX).
// good_literal.cpp is the same code with a valid address, compiled alike.
#include <ipwire/literals.hpp>

using namespace ipwire::literals;
[[maybe_unused]] constexpr auto a = "1.2.3.256"_ipv4;
