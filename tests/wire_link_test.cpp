// linux_sll_view, linux_sll2_view and null_loopback_view (ipwire/wire/link.hpp):
// hand-built headers (several copied from the shared test captures) with every
// field read back, every truncated prefix, and both byte orders of the BSD
// loopback family.
#include <ipwire/wire/link.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using ipwire::arp_hardware_type;
using ipwire::bsd_address_family;
using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ether_type;
using ipwire::linux_sll2_view;
using ipwire::linux_sll_view;
using ipwire::null_loopback_view;
using ipwire::sll_packet_type;

template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// Every prefix of `packet`, copied to storage of exactly its size (a read past
// it is a compile error under static_assert, an ASan report at run time):
// shorter than `header_length` it is errc::truncated, from there on `check`
// accepts the view.
template <class View, class Check>
constexpr bool every_prefix(bytes_view packet, std::size_t header_length, Check check) {
    for (std::size_t n = 0; n <= packet.size(); ++n) {
        auto* copy = new std::uint8_t[n];
        for (std::size_t i = 0; i < n; ++i) copy[i] = packet[i];
        const bytes_view prefix(copy, n);
        const auto parsed = View::parse(prefix);
        const bool ok = n < header_length ? parsed == errc::truncated : parsed.has_value() && check(*parsed, prefix);
        delete[] copy;
        if (!ok) return false;
    }
    return true;
}

// The same walk at run time over std::vector copies.
template <class View, class Check>
void every_prefix_at_run_time(bytes_view packet, std::size_t header_length, Check check) {
    for (std::size_t n = 0; n <= packet.size(); ++n) {
        CAPTURE(n);
        const std::vector<std::uint8_t> copy(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(n));
        const bytes_view prefix(copy.data(), copy.size());
        const auto parsed = View::parse(prefix);
        if (n < header_length) {
            CHECK(parsed == errc::truncated);
        } else {
            REQUIRE(parsed.has_value());
            CHECK(check(*parsed, prefix));
        }
    }
}

constexpr bool same_bytes(bytes_view a, bytes_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

static_assert(sizeof(linux_sll_view) == sizeof(bytes_view));
static_assert(sizeof(linux_sll2_view) == sizeof(bytes_view));
static_assert(sizeof(null_loopback_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<linux_sll_view> && std::is_default_constructible_v<linux_sll_view>);
static_assert(std::is_trivially_copyable_v<linux_sll2_view> && std::is_default_constructible_v<linux_sll2_view>);
static_assert(std::is_trivially_copyable_v<null_loopback_view> && std::is_default_constructible_v<null_loopback_view>);

// ---------------------------------------------------------------------------
// LINKTYPE_LINUX_SLL

// Frame 1 of PcapPlusPlus's SllPacket.pcap: the address is 6 bytes, the two
// after it are padding (here not zero).
// clang-format off
constexpr std::uint8_t sll_ipv6[] = {
    0x00, 0x00,                                     // packet type: host
    0x00, 0x01,                                     // ARPHRD_ETHER
    0x00, 0x06,                                     // address length 6
    0x00, 0x12, 0x44, 0x1E, 0x74, 0x00, 0xF6, 0x7F, // address 00:12:44:1e:74:00, then padding
    0x86, 0xDD,                                     // protocol IPv6
    0x60, 0x00, 0x00, 0x00,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_outgoing_loopback[] = {
    0x00, 0x04,                                     // packet type: outgoing
    0x03, 0x04,                                     // ARPHRD_LOOPBACK (772)
    0x00, 0x06,                                     // address length 6
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // address 00:00:00:00:00:00, padding
    0x08, 0x00,                                     // protocol IPv4
    0x45, 0x00,                                     // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_broadcast_arp[] = {
    0x00, 0x01,                                     // packet type: broadcast
    0x00, 0x01,                                     // ARPHRD_ETHER
    0x00, 0x06,                                     // address length 6
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x05, 0x00, 0x00, // address 00:00:5e:00:53:05, padding
    0x08, 0x06,                                     // protocol ARP
    0x00, 0x01, 0x08, 0x00,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_tun_no_address[] = {
    0x00, 0x00,                                     // packet type: host
    0xFF, 0xFE,                                     // ARPHRD_NONE (a tun device)
    0x00, 0x00,                                     // address length 0
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // padding only
    0x08, 0x00,                                     // protocol IPv4
    0x45,                                           // payload
};
// clang-format on
// InfiniBand addresses are 20 bytes: only the first 8 are in the header.
// clang-format off
constexpr std::uint8_t sll_long_address[] = {
    0x00, 0x02,                                     // packet type: multicast
    0x00, 0x20,                                     // ARPHRD_INFINIBAND (32)
    0x00, 0x14,                                     // address length 20
    0x80, 0x00, 0x00, 0x48, 0xFE, 0x80, 0x00, 0x00, // the address's first 8 bytes
    0x86, 0xDD,                                     // protocol IPv6
    0x60, 0x00,                                     // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_netlink[] = {
    0x00, 0x04,                                     // packet type: outgoing
    0x03, 0x38,                                     // ARPHRD_NETLINK (824)
    0x00, 0x00,                                     // address length 0
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // padding
    0x00, 0x00,                                     // protocol: NETLINK_ROUTE, not an EtherType
    0x14, 0x00, 0x00, 0x00,                         // payload: a netlink header's length
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_llc_other_host[] = {
    0x00, 0x03,                                     // packet type: other host
    0x00, 0x01,                                     // ARPHRD_ETHER
    0x00, 0x06,                                     // address length 6
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x06, 0x00, 0x00, // address, padding
    0x00, 0x04,                                     // protocol: ETH_P_802_2, an LLC frame follows
    0x42, 0x42, 0x03,                               // payload: LLC
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll_header_only[] = {
    0x00, 0x00, 0x00, 0x01, 0x00, 0x06,             // host, ARPHRD_ETHER, length 6
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x07, 0x00, 0x00, // address, padding
    0x86, 0xDD,                                     // protocol IPv6, no payload
};
// clang-format on

struct sll_row {
    std::string_view name;
    bytes_view packet;
    std::uint16_t packet_type;
    std::uint16_t hardware_type;
    std::uint16_t address_length;
    std::array<std::uint8_t, 8> address; // the first min(address_length, 8)
    std::uint16_t protocol;
    std::size_t payload_length;
};
// clang-format off
constexpr sll_row sll_rows[] = {
    {"SllPacket.pcap frame 1", sll_ipv6, 0, 1, 6, {0x00, 0x12, 0x44, 0x1E, 0x74, 0x00}, 0x86DD, 4},
    {"outgoing on lo", sll_outgoing_loopback, 4, 772, 6, {}, 0x0800, 2},
    {"broadcast ARP", sll_broadcast_arp, 1, 1, 6, {0x00, 0x00, 0x5E, 0x00, 0x53, 0x05}, 0x0806, 4},
    {"tun, no address", sll_tun_no_address, 0, 0xFFFE, 0, {}, 0x0800, 1},
    {"20-byte address", sll_long_address, 2, 32, 20, {0x80, 0x00, 0x00, 0x48, 0xFE, 0x80, 0x00, 0x00}, 0x86DD, 2},
    {"netlink", sll_netlink, 4, 824, 0, {}, 0x0000, 4},
    {"LLC", sll_llc_other_host, 3, 1, 6, {0x00, 0x00, 0x5E, 0x00, 0x53, 0x06}, 0x0004, 3},
    {"header only", sll_header_only, 0, 1, 6, {0x00, 0x00, 0x5E, 0x00, 0x53, 0x07}, 0x86DD, 0},
};
// clang-format on

constexpr bool sll_matches(const linux_sll_view& v, const sll_row& row, bytes_view data) {
    const std::size_t address_size = row.address_length < 8 ? row.address_length : 8;
    return v.bytes().data() == data.data() && v.bytes().size() == data.size() &&
           v.packet_type() == static_cast<sll_packet_type>(row.packet_type) &&
           v.hardware_type() == static_cast<arp_hardware_type>(row.hardware_type) &&
           v.address_length() == row.address_length && v.address().data() == data.data() + 6 &&
           same_bytes(v.address(), bytes_view(row.address).first(address_size)) && v.protocol_type() == row.protocol &&
           v.ether_type() == static_cast<ether_type>(row.protocol) && v.header().data() == data.data() &&
           v.header().size() == 16 && v.payload().data() == data.data() + 16 && v.payload().size() == data.size() - 16;
}
constexpr bool check_sll(const sll_row& row) {
    const auto parsed = linux_sll_view::parse(row.packet);
    return parsed && sll_matches(*parsed, row, row.packet) && parsed->payload().size() == row.payload_length &&
           every_prefix<linux_sll_view>(
               row.packet, linux_sll_view::header_length,
               [&row](const linux_sll_view& v, bytes_view data) { return sll_matches(v, row, data); });
}
static_assert(first_failure(sll_rows, check_sll) == -1);

TEST_CASE("linux_sll_view: every field, every truncated prefix") {
    for (const auto& row : sll_rows) {
        CAPTURE(row.name);
        const auto parsed = linux_sll_view::parse(row.packet);
        REQUIRE(parsed.has_value());
        CHECK(static_cast<std::uint16_t>(parsed->packet_type()) == row.packet_type);
        CHECK(static_cast<std::uint16_t>(parsed->hardware_type()) == row.hardware_type);
        CHECK(parsed->address_length() == row.address_length);
        CHECK(parsed->address().size() == (row.address_length < 8 ? row.address_length : 8));
        CHECK(same_bytes(parsed->address(), bytes_view(row.address).first(parsed->address().size())));
        CHECK(parsed->protocol_type() == row.protocol);
        CHECK(parsed->payload().size() == row.payload_length);
        CHECK(sll_matches(*parsed, row, row.packet));
        every_prefix_at_run_time<linux_sll_view>(
            row.packet, 16, [&row](const linux_sll_view& v, bytes_view data) { return sll_matches(v, row, data); });
    }
    CHECK(linux_sll_view::parse(bytes_view(sll_ipv6).first(15)) == errc::truncated);
    CHECK(linux_sll_view::parse(bytes_view()) == errc::truncated);
}

// ---------------------------------------------------------------------------
// LINKTYPE_LINUX_SLL2

// Frames 1, 3 and 5 of Zeek's linux_dlt_sll2.pcap.
// clang-format off
constexpr std::uint8_t sll2_ipv4_lo[] = {
    0x08, 0x00,                                     // protocol IPv4
    0x00, 0x00,                                     // reserved
    0x00, 0x00, 0x00, 0x01,                         // interface index 1
    0x03, 0x04,                                     // ARPHRD_LOOPBACK
    0x00,                                           // packet type: host
    0x06,                                           // address length 6
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // address 00:00:00:00:00:00, padding
    0x45, 0x00, 0x00, 0x54,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll2_ipv6_lo[] = {
    0x86, 0xDD,                                     // protocol IPv6
    0x00, 0x00,                                     // reserved
    0x00, 0x00, 0x00, 0x01,                         // interface index 1
    0x03, 0x04,                                     // ARPHRD_LOOPBACK
    0x00,                                           // packet type: host
    0x06,                                           // address length 6
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // address, padding
    0x60, 0x05, 0xC2, 0xE4,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll2_arp_outgoing[] = {
    0x08, 0x06,                                     // protocol ARP
    0x00, 0x00,                                     // reserved
    0x00, 0x00, 0x00, 0x1A,                         // interface index 26
    0x00, 0x01,                                     // ARPHRD_ETHER
    0x04,                                           // packet type: outgoing
    0x06,                                           // address length 6
    0x8E, 0x36, 0x06, 0x44, 0xAC, 0xAF, 0x00, 0x00, // address 8e:36:06:44:ac:af, padding
    0x00, 0x01, 0x08, 0x00,                         // payload
};
// clang-format on
// Every field at its largest: still readable, nothing refused.
// clang-format off
constexpr std::uint8_t sll2_extremes[] = {
    0xFF, 0xFF,                                     // protocol 0xFFFF
    0xAB, 0xCD,                                     // reserved, not zero
    0xFF, 0xFF, 0xFF, 0xFE,                         // interface index 4294967294
    0xFF, 0xFF,                                     // ARPHRD_VOID
    0xFF,                                           // packet type 255
    0xFF,                                           // address length 255
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // the address's first 8 bytes
    0x99,                                           // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t sll2_header_only[] = {
    0x86, 0xDD, 0x00, 0x00,                         // protocol IPv6, reserved
    0x00, 0x00, 0x00, 0x02,                         // interface index 2
    0xFF, 0xFE, 0x00, 0x00,                         // ARPHRD_NONE, host, address length 0
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // padding; no payload
};
// clang-format on

struct sll2_row {
    std::string_view name;
    bytes_view packet;
    std::uint16_t protocol;
    std::uint16_t reserved;
    std::uint32_t interface_index;
    std::uint16_t hardware_type;
    std::uint8_t packet_type;
    std::uint8_t address_length;
    std::array<std::uint8_t, 8> address;
    std::size_t payload_length;
};
constexpr sll2_row sll2_rows[] = {
    {"linux_dlt_sll2.pcap frame 1", sll2_ipv4_lo, 0x0800, 0, 1, 772, 0, 6, {}, 4},
    {"linux_dlt_sll2.pcap frame 3", sll2_ipv6_lo, 0x86DD, 0, 1, 772, 0, 6, {}, 4},
    {"linux_dlt_sll2.pcap frame 5", sll2_arp_outgoing, 0x0806, 0, 26, 1, 4, 6, {0x8E, 0x36, 0x06, 0x44, 0xAC, 0xAF}, 4},
    {"extremes", sll2_extremes, 0xFFFF, 0xABCD, 0xFFFFFFFE, 0xFFFF, 255, 255, {1, 2, 3, 4, 5, 6, 7, 8}, 1},
    {"header only", sll2_header_only, 0x86DD, 0, 2, 0xFFFE, 0, 0, {}, 0},
};

constexpr bool sll2_matches(const linux_sll2_view& v, const sll2_row& row, bytes_view data) {
    const std::size_t address_size = row.address_length < 8 ? row.address_length : 8;
    return v.bytes().data() == data.data() && v.bytes().size() == data.size() && v.protocol_type() == row.protocol &&
           v.ether_type() == static_cast<ether_type>(row.protocol) && v.reserved() == row.reserved &&
           v.interface_index() == row.interface_index &&
           v.hardware_type() == static_cast<arp_hardware_type>(row.hardware_type) &&
           v.packet_type() == static_cast<sll_packet_type>(row.packet_type) &&
           v.address_length() == row.address_length && v.address().data() == data.data() + 12 &&
           same_bytes(v.address(), bytes_view(row.address).first(address_size)) && v.header().data() == data.data() &&
           v.header().size() == 20 && v.payload().data() == data.data() + 20 && v.payload().size() == data.size() - 20;
}
constexpr bool check_sll2(const sll2_row& row) {
    const auto parsed = linux_sll2_view::parse(row.packet);
    return parsed && sll2_matches(*parsed, row, row.packet) && parsed->payload().size() == row.payload_length &&
           every_prefix<linux_sll2_view>(
               row.packet, linux_sll2_view::header_length,
               [&row](const linux_sll2_view& v, bytes_view data) { return sll2_matches(v, row, data); });
}
static_assert(first_failure(sll2_rows, check_sll2) == -1);

TEST_CASE("linux_sll2_view: every field, every truncated prefix") {
    for (const auto& row : sll2_rows) {
        CAPTURE(row.name);
        const auto parsed = linux_sll2_view::parse(row.packet);
        REQUIRE(parsed.has_value());
        CHECK(parsed->protocol_type() == row.protocol);
        CHECK(parsed->reserved() == row.reserved);
        CHECK(parsed->interface_index() == row.interface_index);
        CHECK(static_cast<std::uint16_t>(parsed->hardware_type()) == row.hardware_type);
        CHECK(static_cast<std::uint16_t>(parsed->packet_type()) == row.packet_type);
        CHECK(parsed->address_length() == row.address_length);
        CHECK(parsed->address().size() == (row.address_length < 8 ? row.address_length : 8U));
        CHECK(parsed->payload().size() == row.payload_length);
        CHECK(sll2_matches(*parsed, row, row.packet));
        every_prefix_at_run_time<linux_sll2_view>(
            row.packet, 20, [&row](const linux_sll2_view& v, bytes_view data) { return sll2_matches(v, row, data); });
    }
    CHECK(linux_sll2_view::parse(bytes_view(sll2_ipv4_lo).first(19)) == errc::truncated);
    // A v1 header is 16 bytes: too short to be read as v2.
    CHECK(linux_sll2_view::parse(bytes_view(sll_header_only)) == errc::truncated);
}

// ---------------------------------------------------------------------------
// LINKTYPE_NULL

struct null_row {
    std::string_view name;
    std::array<std::uint8_t, 6> packet; // 4 header bytes, 2 payload bytes
    std::uint32_t family;
    std::uint16_t type;
};
// clang-format off
constexpr null_row null_rows[] = {
    // ppp-null_loopback.pcap frame 2: a little-endian host.
    {"AF_INET, little-endian", {0x02, 0x00, 0x00, 0x00, 0x45, 0x00}, 2, 0x0800},
    {"AF_INET, big-endian or LOOP", {0x00, 0x00, 0x00, 0x02, 0x45, 0x00}, 2, 0x0800},
    // ppp-null_loopback.pcap frame 1: macOS.
    {"AF_INET6 Darwin, little-endian", {0x1E, 0x00, 0x00, 0x00, 0x60, 0x00}, 30, 0x86DD},
    {"AF_INET6 Darwin, big-endian", {0x00, 0x00, 0x00, 0x1E, 0x60, 0x00}, 30, 0x86DD},
    {"AF_INET6 NetBSD/OpenBSD, little-endian", {0x18, 0x00, 0x00, 0x00, 0x60, 0x00}, 24, 0x86DD},
    {"AF_INET6 NetBSD/OpenBSD, big-endian", {0x00, 0x00, 0x00, 0x18, 0x60, 0x00}, 24, 0x86DD},
    {"AF_INET6 FreeBSD, little-endian", {0x1C, 0x00, 0x00, 0x00, 0x60, 0x00}, 28, 0x86DD},
    {"AF_INET6 FreeBSD, big-endian", {0x00, 0x00, 0x00, 0x1C, 0x60, 0x00}, 28, 0x86DD},
    // Families with no EtherType here.
    {"AF_ISO", {0x07, 0x00, 0x00, 0x00, 0xFE, 0xFE}, 7, 0},
    {"AF_IPX, big-endian", {0x00, 0x00, 0x00, 0x17, 0xFF, 0xFF}, 23, 0},
    {"AF_UNSPEC", {0x00, 0x00, 0x00, 0x00, 0x45, 0x00}, 0, 0},
    {"Linux AF_INET6 (10) is not a BSD value", {0x0A, 0x00, 0x00, 0x00, 0x60, 0x00}, 10, 0},
    {"1500, the largest family", {0xDC, 0x05, 0x00, 0x00, 0x00, 0x00}, 1500, 0},
    // An EtherType instead of a family.
    // ppp-null_loopback.pcap frame 3; tshark reads IPv4 too.
    {"0f 00 08 00", {0x0F, 0x00, 0x08, 0x00, 0x45, 0x00}, 0, 0x0800},
    {"old Linux lo: 00 00 then IPv4", {0x00, 0x00, 0x08, 0x00, 0x45, 0x00}, 0, 0x0800},
    {"old Linux lo: 00 00 then IPv6", {0x00, 0x00, 0x86, 0xDD, 0x60, 0x00}, 0, 0x86DD},
    {"an EtherType byte-swapped", {0x00, 0x08, 0x00, 0x00, 0x45, 0x00}, 0, 0x0800},
    // Neither: 1501 is not a family and not an EtherType.
    {"1501", {0xDD, 0x05, 0x00, 0x00, 0x00, 0x00}, 0, 0},
    // PPP in HDLC framing (FF 03, PPP protocol 0x0021 = IPv4) is not read.
    {"PPP in HDLC framing", {0xFF, 0x03, 0x00, 0x21, 0x45, 0x00}, 0, 0},
};
// clang-format on

constexpr bool null_matches(const null_loopback_view& v, const null_row& row, bytes_view data) {
    return v.bytes().data() == data.data() && v.bytes().size() == data.size() &&
           v.address_family() == static_cast<bsd_address_family>(row.family) &&
           v.ether_type() == static_cast<ether_type>(row.type) && v.header().data() == data.data() &&
           v.header().size() == 4 && v.payload().data() == data.data() + 4 && v.payload().size() == data.size() - 4;
}
constexpr bool check_null(const null_row& row) {
    const bytes_view packet(row.packet);
    const auto parsed = null_loopback_view::parse(packet);
    return parsed && null_matches(*parsed, row, packet) && parsed->payload().size() == 2 &&
           every_prefix<null_loopback_view>(
               packet, null_loopback_view::header_length,
               [&row](const null_loopback_view& v, bytes_view data) { return null_matches(v, row, data); });
}
static_assert(first_failure(null_rows, check_null) == -1);

TEST_CASE("null_loopback_view: the family in either byte order, or an EtherType") {
    for (const auto& row : null_rows) {
        CAPTURE(row.name);
        const bytes_view packet(row.packet);
        const auto parsed = null_loopback_view::parse(packet);
        REQUIRE(parsed.has_value());
        CHECK(static_cast<std::uint32_t>(parsed->address_family()) == row.family);
        CHECK(static_cast<std::uint16_t>(parsed->ether_type()) == row.type);
        CHECK(parsed->payload().size() == 2);
        CHECK(parsed->payload().data() == packet.data() + 4);
        every_prefix_at_run_time<null_loopback_view>(
            packet, 4, [&row](const null_loopback_view& v, bytes_view data) { return null_matches(v, row, data); });
    }
    CHECK(null_loopback_view::parse(bytes_view()) == errc::truncated);
}

// ---------------------------------------------------------------------------
// Names

static_assert(ipwire::to_string(sll_packet_type::host) == "host");
static_assert(ipwire::to_string(sll_packet_type::outgoing) == "outgoing");
static_assert(ipwire::to_string(static_cast<sll_packet_type>(9)).empty());

TEST_CASE("sll_packet_type: names, and none for values outside the list") {
    CHECK(ipwire::to_string(sll_packet_type::host) == "host");
    CHECK(ipwire::to_string(sll_packet_type::broadcast) == "broadcast");
    CHECK(ipwire::to_string(sll_packet_type::multicast) == "multicast");
    CHECK(ipwire::to_string(sll_packet_type::other_host) == "other host");
    CHECK(ipwire::to_string(sll_packet_type::outgoing) == "outgoing");
    CHECK(ipwire::to_string(static_cast<sll_packet_type>(5)).empty());
}

} // namespace
