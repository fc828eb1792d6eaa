// pcap LINKTYPE_ values (the tcpdump.org link-layer header types registry):
// what header a captured frame starts with.
#pragma once

#include <cstdint>
#include <string_view>

namespace ipwire {

enum class link_type : std::uint16_t {
    null = 0,         // BSD loopback: 4-byte address family in host order
    ethernet = 1,     // IEEE 802.3
    raw = 101,        // raw IPv4 or IPv6, told apart by the version nibble
    linux_sll = 113,  // Linux cooked capture v1 (tcpdump -i any)
    ipv4 = 228,       // raw IPv4 only
    ipv6 = 229,       // raw IPv6 only
    linux_sll2 = 276, // Linux cooked capture v2
};

// The enumerator's name, or an empty text (never a null data()) for a value
// not listed above; operator<< and the formatters print that as a number.
[[nodiscard]] constexpr std::string_view to_string(link_type t) noexcept {
    switch (t) {
    case link_type::null: return "null";
    case link_type::ethernet: return "ethernet";
    case link_type::raw: return "raw";
    case link_type::linux_sll: return "linux_sll";
    case link_type::ipv4: return "ipv4";
    case link_type::ipv6: return "ipv6";
    case link_type::linux_sll2: return "linux_sll2";
    }
    return "";
}

} // namespace ipwire
