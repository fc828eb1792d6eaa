// Must NOT compile: a range whose first address is above its last.
// reversed_address_range is among the newest errc values, so this also shows
// the literal diagnostic's table is sized from the enum.
#include <ipwire/literals.hpp>

using namespace ipwire::literals;
[[maybe_unused]] constexpr auto r = "10.0.0.9-10.0.0.1"_ip_range;
