// The link-layer headers of captures that are not Ethernet: Linux cooked
// capture v1 and v2 (what `tcpdump -i any` writes; LINKTYPE_LINUX_SLL 113,
// LINKTYPE_LINUX_SLL2 276) and the BSD loopback header (LINKTYPE_NULL 0, and
// LINKTYPE_LOOP, which it also reads), per the tcpdump.org link-type registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ether_type.hpp"

namespace ipwire {

// Who a captured packet was for, as Linux's packet socket saw it
// (<linux/if_packet.h> PACKET_*). Holds any value of the field.
enum class sll_packet_type : std::uint16_t {
    host = 0,       // sent to us by somebody else
    broadcast = 1,  // broadcast by somebody else
    multicast = 2,  // multicast (not broadcast) by somebody else
    other_host = 3, // sent to somebody else by somebody else
    outgoing = 4,   // sent by us
};

[[nodiscard]] constexpr std::string_view to_string(sll_packet_type t) noexcept {
    switch (t) {
    case sll_packet_type::host: return "host";
    case sll_packet_type::broadcast: return "broadcast";
    case sll_packet_type::multicast: return "multicast";
    case sll_packet_type::other_host: return "other host";
    case sll_packet_type::outgoing: return "outgoing";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// The device type of the capturing interface: Linux ARPHRD_* values
// (<linux/if_arp.h>; below 256 they are the IANA ARP hardware types). Holds any
// value of the field; these are the common ones.
enum class arp_hardware_type : std::uint16_t {
    ethernet = 1, // ARPHRD_ETHER, also Wi-Fi in managed mode
    ieee802 = 6,  // Token Ring
    infiniband = 32,
    can = 280,
    ppp = 512,
    tunnel = 768,      // IPIP
    tunnel6 = 769,     // IPv6 over IPv6
    frame_relay = 770, // ARPHRD_FRAD: payload is a Q.922 frame, protocol type ignored
    loopback = 772,
    sit = 776,   // IPv6 in IPv4
    ipgre = 778, // protocol type is a GRE protocol type
    ieee80211 = 801,
    ieee80211_radiotap = 803, // payload is radiotap + 802.11, protocol type ignored
    ip6gre = 823,
    netlink = 824, // protocol type is the Netlink protocol
    none = 0xFFFE, // e.g. tun devices: no link-layer header
    void_type = 0xFFFF,
};

// The enumerator's name ("void" for void_type), or an empty text (never a
// null data()) for another value; format.hpp prints that as its number.
[[nodiscard]] constexpr std::string_view to_string(arp_hardware_type t) noexcept {
    switch (t) {
    case arp_hardware_type::ethernet: return "ethernet";
    case arp_hardware_type::ieee802: return "ieee802";
    case arp_hardware_type::infiniband: return "infiniband";
    case arp_hardware_type::can: return "can";
    case arp_hardware_type::ppp: return "ppp";
    case arp_hardware_type::tunnel: return "tunnel";
    case arp_hardware_type::tunnel6: return "tunnel6";
    case arp_hardware_type::frame_relay: return "frame_relay";
    case arp_hardware_type::loopback: return "loopback";
    case arp_hardware_type::sit: return "sit";
    case arp_hardware_type::ipgre: return "ipgre";
    case arp_hardware_type::ieee80211: return "ieee80211";
    case arp_hardware_type::ieee80211_radiotap: return "ieee80211_radiotap";
    case arp_hardware_type::ip6gre: return "ip6gre";
    case arp_hardware_type::netlink: return "netlink";
    case arp_hardware_type::none: return "none";
    case arp_hardware_type::void_type: return "void";
    }
    return "";
}

// LINKTYPE_LINUX_SLL: the 16-byte header Linux's "any" device gets instead of
// each interface's own, then the packet from the network layer on.
//
// protocol_type() is an EtherType for most devices, so ether_type() returns it
// as one; but for ARPHRD_NETLINK it is a Netlink protocol, for ARPHRD_IPGRE a
// GRE protocol type (in practice also an EtherType), for radiotap and FRAD
// devices it means nothing, and small values are Linux ETH_P_ codes: 1 a
// Novell 802.3 frame, 4 an 802.2 LLC frame, 0x0C a CAN frame. Only
// ether_type::ipv4 and ipv6 need no look at hardware_type() first.
class linux_sll_view {
public:
    static constexpr std::size_t header_length = 16; // bytes
    static constexpr std::size_t max_address_length = 8;

    constexpr linux_sll_view() noexcept = default;

    // errc::truncated below 16 bytes. An address length above 8 is allowed:
    // only the first 8 bytes of such an address are in the header.
    [[nodiscard]] static constexpr result<linux_sll_view> parse(bytes_view packet) noexcept {
        if (packet.size() < header_length) return errc::truncated;
        return linux_sll_view(packet);
    }

    [[nodiscard]] constexpr sll_packet_type packet_type() const noexcept {
        return static_cast<sll_packet_type>(detail::load_be16(bytes_, field::packet_type));
    }
    [[nodiscard]] constexpr arp_hardware_type hardware_type() const noexcept {
        return static_cast<arp_hardware_type>(detail::load_be16(bytes_, field::hardware_type));
    }
    // The sender's link-layer address length as the header states it, in bytes.
    [[nodiscard]] constexpr std::uint16_t address_length() const noexcept {
        return detail::load_be16(bytes_, field::address_length);
    }
    // The sender's link-layer address: the first address_length() bytes of the
    // 8-byte field, at most 8 (the rest of the field is padding).
    [[nodiscard]] constexpr bytes_view address() const noexcept {
        const std::size_t n = address_length();
        return bytes_.subspan(field::address, n < max_address_length ? n : max_address_length);
    }
    [[nodiscard]] constexpr std::uint16_t protocol_type() const noexcept {
        return detail::load_be16(bytes_, field::protocol_type);
    }
    [[nodiscard]] constexpr ipwire::ether_type ether_type() const noexcept {
        return static_cast<ipwire::ether_type>(protocol_type());
    }

    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length); }

private:
    // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
    struct field {
        static constexpr std::size_t packet_type = 0;    // 2 bytes
        static constexpr std::size_t hardware_type = 2;  // 2 bytes, ARPHRD_
        static constexpr std::size_t address_length = 4; // 2 bytes
        static constexpr std::size_t address = 6;        // 8 bytes, padded
        static constexpr std::size_t protocol_type = 14; // 2 bytes
    };

    constexpr explicit linux_sll_view(bytes_view packet) noexcept : bytes_(packet) {}

    bytes_view bytes_;
};

// LINKTYPE_LINUX_SLL2: the 20-byte header of libpcap 1.10 and later, which adds
// the interface index and narrows packet type and address length to a byte.
// protocol_type() means what it means in linux_sll_view.
class linux_sll2_view {
public:
    static constexpr std::size_t header_length = 20; // bytes
    static constexpr std::size_t max_address_length = 8;

    constexpr linux_sll2_view() noexcept = default;

    // errc::truncated below 20 bytes. A non-zero reserved field is read, not
    // refused; an address length above 8 is allowed as in v1.
    [[nodiscard]] static constexpr result<linux_sll2_view> parse(bytes_view packet) noexcept {
        if (packet.size() < header_length) return errc::truncated;
        return linux_sll2_view(packet);
    }

    [[nodiscard]] constexpr std::uint16_t protocol_type() const noexcept {
        return detail::load_be16(bytes_, field::protocol_type);
    }
    [[nodiscard]] constexpr ipwire::ether_type ether_type() const noexcept {
        return static_cast<ipwire::ether_type>(protocol_type());
    }
    // Must be zero.
    [[nodiscard]] constexpr std::uint16_t reserved() const noexcept {
        return detail::load_be16(bytes_, field::reserved);
    }
    // The capturing host's interface index (if_nametoindex), 1 for lo on Linux.
    [[nodiscard]] constexpr std::uint32_t interface_index() const noexcept {
        return detail::load_be32(bytes_, field::interface_index);
    }
    [[nodiscard]] constexpr arp_hardware_type hardware_type() const noexcept {
        return static_cast<arp_hardware_type>(detail::load_be16(bytes_, field::hardware_type));
    }
    [[nodiscard]] constexpr sll_packet_type packet_type() const noexcept {
        return static_cast<sll_packet_type>(detail::load_u8(bytes_, field::packet_type));
    }
    // In bytes, as stated.
    [[nodiscard]] constexpr std::uint8_t address_length() const noexcept {
        return detail::load_u8(bytes_, field::address_length);
    }
    // The first address_length() bytes of the 8-byte field, at most 8.
    [[nodiscard]] constexpr bytes_view address() const noexcept {
        const std::size_t n = address_length();
        return bytes_.subspan(field::address, n < max_address_length ? n : max_address_length);
    }

    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length); }

private:
    // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
    struct field {
        static constexpr std::size_t protocol_type = 0;   // 2 bytes
        static constexpr std::size_t reserved = 2;        // 2 bytes
        static constexpr std::size_t interface_index = 4; // 4 bytes
        static constexpr std::size_t hardware_type = 8;   // 2 bytes, ARPHRD_
        static constexpr std::size_t packet_type = 10;    // 1 byte
        static constexpr std::size_t address_length = 11; // 1 byte
        static constexpr std::size_t address = 12;        // 8 bytes, padded
    };

    constexpr explicit linux_sll2_view(bytes_view packet) noexcept : bytes_(packet) {}

    bytes_view bytes_;
};

// The BSD AF_ values a loopback header carries. They differ between the BSDs
// for IPv6, so all three IPv6 values mean IPv6. Holds any value.
enum class bsd_address_family : std::uint32_t {
    unspecified = 0,
    inet = 2,
    iso = 7, // OSI
    ipx = 23,
    inet6_bsd = 24,     // NetBSD, OpenBSD, BSD/OS
    inet6_freebsd = 28, // FreeBSD, DragonFly BSD
    inet6_darwin = 30,  // macOS, iOS
};

// "unspecified", "inet", "iso", "ipx", and "inet6" for all three IPv6 values
// (each BSD calls its own AF_INET6); an empty text (never a null data()) for
// another value, which format.hpp prints as its number.
[[nodiscard]] constexpr std::string_view to_string(bsd_address_family f) noexcept {
    switch (f) {
    case bsd_address_family::unspecified: return "unspecified";
    case bsd_address_family::inet: return "inet";
    case bsd_address_family::iso: return "iso";
    case bsd_address_family::ipx: return "ipx";
    case bsd_address_family::inet6_bsd:
    case bsd_address_family::inet6_freebsd:
    case bsd_address_family::inet6_darwin: return "inet6";
    }
    return "";
}

// LINKTYPE_NULL: a 4-byte address family in the byte order of the host that
// captured (which a capture file does not record), then the packet.
//
// The view reads the four bytes b0 b1 b2 b3 as Wireshark does on a
// little-endian machine, minus its IRIX and PPP-in-HDLC special cases:
//   - b2 = b3 = 0: the value is b0 + 256 b1 (a little-endian host);
//   - otherwise:   the value is b0 b1 b2 b3 big-endian (a big-endian host, or
//                  LINKTYPE_LOOP, which is always big-endian).
// A value up to 1500 is an address family; a larger one is a header with an
// EtherType in b2 b3, as old Linux libpcap wrote for lo (00 00 then the type).
// So 02 00 00 00 and 00 00 00 02 are both IPv4, 00 00 86 DD is IPv6 by
// EtherType, and 0F 00 08 00 (frame 3 of PcapPlusPlus's null_loopback test
// capture) is IPv4 to both tshark and ipwire.
class null_loopback_view {
public:
    static constexpr std::size_t header_length = 4; // bytes

    constexpr null_loopback_view() noexcept = default;

    // errc::truncated below 4 bytes; any family value is readable.
    [[nodiscard]] static constexpr result<null_loopback_view> parse(bytes_view packet) noexcept {
        if (packet.size() < header_length) return errc::truncated;
        return null_loopback_view(packet);
    }

    // The family in either byte order; bsd_address_family::unspecified (0) when
    // the header holds an EtherType instead.
    [[nodiscard]] constexpr bsd_address_family address_family() const noexcept {
        const std::uint32_t v = value();
        return static_cast<bsd_address_family>(v <= max_family ? v : 0);
    }
    // ipv4 for AF_INET, ipv6 for each BSD's AF_INET6, the header's EtherType
    // when it holds one (>= 0x0600), and ether_type{} (0) for anything else
    // (OSI, IPX, unknown families).
    [[nodiscard]] constexpr ipwire::ether_type ether_type() const noexcept {
        const std::uint32_t v = value();
        if (v > max_family) {
            const auto type = static_cast<std::uint16_t>(v & 0xFFFFU);
            return static_cast<ipwire::ether_type>(type >= min_ether_type ? type : 0);
        }
        switch (static_cast<bsd_address_family>(v)) {
        case bsd_address_family::inet: return ipwire::ether_type::ipv4;
        case bsd_address_family::inet6_bsd:
        case bsd_address_family::inet6_freebsd:
        case bsd_address_family::inet6_darwin: return ipwire::ether_type::ipv6;
        default: return ipwire::ether_type{};
        }
    }

    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length); }

private:
    // https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html: one 4-byte field.
    struct field {
        static constexpr std::size_t family = 0; // 4 bytes, capturing host's order
    };
    static constexpr std::uint32_t max_family = 1500; // above: an EtherType, as in IEEE 802.3
    static constexpr std::uint16_t min_ether_type = 0x0600;

    constexpr explicit null_loopback_view(bytes_view packet) noexcept : bytes_(packet) {}

    // The header as one number, byte order chosen as described above.
    [[nodiscard]] constexpr std::uint32_t value() const noexcept {
        if (detail::load_be16(bytes_, field::family + 2) == 0) return detail::load_le16(bytes_, field::family);
        return detail::load_be32(bytes_, field::family);
    }

    bytes_view bytes_;
};

} // namespace ipwire
