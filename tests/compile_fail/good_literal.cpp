// Must compile with the very command that rejects bad_literal.cpp.
#include <ipwire/literals.hpp>

using namespace ipwire::literals;
[[maybe_unused]] constexpr auto a = "192.0.2.1"_ipv4;
