// Must NOT compile: seven groups are no MAC address. too_many_mac_groups is
// near the end of errc, so this also shows the literal diagnostic's table
// reaches the enum's last values (it is sized from errc, not by hand).
#include <ipwire/literals.hpp>

using namespace ipwire::literals;
[[maybe_unused]] constexpr auto a = "00:00:5e:00:53:01:02"_mac;
