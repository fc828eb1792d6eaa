// IANA "Assigned Internet Protocol Numbers": the IPv4 Protocol / IPv6 Next
// Header values (RFC 791, RFC 8200 section 4). Service names and the wire views
// both key on it.
#pragma once

#include <cstdint>
#include <string_view>

namespace ipwire {

enum class ip_protocol : std::uint8_t {
    ipv6_hop_by_hop = 0,   // RFC 8200 section 4.3
    icmp = 1,              // RFC 792
    igmp = 2,              // RFC 1112
    ipv4 = 4,              // IP in IP, RFC 2003
    tcp = 6,               // RFC 9293
    udp = 17,              // RFC 768
    ipv6 = 41,             // IPv6 encapsulation, RFC 2473
    ipv6_routing = 43,     // RFC 8200 section 4.4
    ipv6_fragment = 44,    // RFC 8200 section 4.5
    gre = 47,              // RFC 2784
    esp = 50,              // RFC 4303
    ah = 51,               // RFC 4302
    icmpv6 = 58,           // RFC 4443
    ipv6_no_next = 59,     // RFC 8200 section 4.7
    ipv6_destination = 60, // RFC 8200 section 4.6
    sctp = 132,            // RFC 9260
    mobility = 135,        // RFC 6275
    udplite = 136,         // RFC 3828
    hip = 139,             // RFC 7401
    shim6 = 140,           // RFC 5533
};

// The IANA keyword in lower case ("tcp"), or an empty text for a number not
// listed above: never a null data(), so .data() is always a C string.
// operator<< and the formatters (format.hpp) print such a number in decimal.
[[nodiscard]] constexpr std::string_view to_string(ip_protocol p) noexcept {
    switch (p) {
    case ip_protocol::ipv6_hop_by_hop: return "hopopt";
    case ip_protocol::icmp: return "icmp";
    case ip_protocol::igmp: return "igmp";
    case ip_protocol::ipv4: return "ipv4";
    case ip_protocol::tcp: return "tcp";
    case ip_protocol::udp: return "udp";
    case ip_protocol::ipv6: return "ipv6";
    case ip_protocol::ipv6_routing: return "ipv6-route";
    case ip_protocol::ipv6_fragment: return "ipv6-frag";
    case ip_protocol::gre: return "gre";
    case ip_protocol::esp: return "esp";
    case ip_protocol::ah: return "ah";
    case ip_protocol::icmpv6: return "ipv6-icmp";
    case ip_protocol::ipv6_no_next: return "ipv6-nonxt";
    case ip_protocol::ipv6_destination: return "ipv6-opts";
    case ip_protocol::sctp: return "sctp";
    case ip_protocol::mobility: return "mobility-header";
    case ip_protocol::udplite: return "udplite";
    case ip_protocol::hip: return "hip";
    case ip_protocol::shim6: return "shim6";
    }
    return "";
}

} // namespace ipwire
