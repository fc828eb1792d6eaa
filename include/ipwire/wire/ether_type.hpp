// IEEE 802 EtherType values (IANA "IEEE 802 Numbers"): what an Ethernet or
// cooked-capture header says its payload is.
#pragma once

#include <cstdint>
#include <string_view>

namespace ipwire {

enum class ether_type : std::uint16_t {
    ipv4 = 0x0800,     // RFC 894
    arp = 0x0806,      // RFC 826
    vlan = 0x8100,     // IEEE 802.1Q customer VLAN tag
    ipv6 = 0x86DD,     // RFC 2464
    mpls = 0x8847,     // RFC 3032
    pppoe = 0x8864,    // RFC 2516 session stage
    qinq = 0x88A8,     // IEEE 802.1ad service VLAN tag
    lldp = 0x88CC,     // IEEE 802.1AB
    qinq_old = 0x9100, // pre-standard double tagging, still seen in captures
};

// The protocol's usual name, or an empty text (never a null data()) for a
// value not listed above; operator<< and the formatters print that as a number.
[[nodiscard]] constexpr std::string_view to_string(ether_type t) noexcept {
    switch (t) {
    case ether_type::ipv4: return "IPv4";
    case ether_type::arp: return "ARP";
    case ether_type::vlan: return "802.1Q";
    case ether_type::ipv6: return "IPv6";
    case ether_type::mpls: return "MPLS";
    case ether_type::pppoe: return "PPPoE";
    case ether_type::qinq: return "802.1ad";
    case ether_type::lldp: return "LLDP";
    case ether_type::qinq_old: return "802.1Q-in-Q (0x9100)";
    }
    return "";
}

} // namespace ipwire
