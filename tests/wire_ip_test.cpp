// ip_packet_view (ipwire/wire/ip.hpp): the family chosen by the version
// nibble, each family's parse errors passed through, the common accessors on
// IPv4 and IPv6 packets (fragments, a routing header, padding, snap-length
// cuts), v4()/v6() agreeing with direct parses, the pseudo-header sum
// verifying UDP checksums in both families, and every truncated prefix.
#include <ipwire/wire/ip.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ipwire/literals.hpp>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_address;
using ipwire::ip_packet_view;
using ipwire::ip_protocol;
using ipwire::ipv4_packet_view;
using ipwire::ipv6_packet_view;
using namespace ipwire::literals;

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

static_assert(sizeof(ip_packet_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<ip_packet_view>);
static_assert(std::is_nothrow_default_constructible_v<ip_packet_view>);
static_assert(!std::is_constructible_v<ip_packet_view, bytes_view>); // only parse makes one from bytes
static_assert(std::is_convertible_v<ipv4_packet_view, ip_packet_view>);
static_assert(std::is_convertible_v<ipv6_packet_view, ip_packet_view>);

// ---------------------------------------------------------------------------
// Packets

// IPv4 UDP, valid header and UDP checksums.
// clang-format off
constexpr std::uint8_t udp4[] = {
    0x45,                   // version 4, IHL 5 (20 bytes)
    0xB9,                   // DSCP 46, ECN 1
    0x00, 0x24,             // total length 36
    0x1C, 0x46,             // identification 0x1C46
    0x40, 0x00,             // flags: DF; fragment offset 0
    0x40, 0x11,             // TTL 64; protocol 17 (UDP)
    0x31, 0x93,             // header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // UDP: ports 1234 > 53, length 16, checksum 0x9A46; data "ipwire!\n"
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x10, 0x9A, 0x46, 0x69, 0x70, 0x77, 0x69, 0x72, 0x65, 0x21, 0x0A,
};
// clang-format on

// IPv4 first fragment (MF, offset 0) and a later one (offset 8 bytes, MF clear).
// clang-format off
constexpr std::uint8_t fragment4_first[] = {
    0x45, 0x00, 0x00, 0x1C, // version 4, IHL 5; DSCP/ECN 0; total length 28
    0xAB, 0xCD, 0x20, 0x00, // identification 0xABCD; flags: MF; offset 0
    0x40, 0x11, 0xC2, 0xCC, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    // the UDP header: ports 1234 > 53, length 20, checksum 0
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x14, 0x00, 0x00,
};
// clang-format on
// clang-format off
constexpr std::uint8_t fragment4_last[] = {
    0x45, 0x00, 0x00, 0x18, // version 4, IHL 5; DSCP/ECN 0; total length 24
    0xAB, 0xCD, 0x00, 0x02, // identification 0xABCD; no flags; offset 2 (16 bytes)
    0x40, 0x11, 0xE2, 0xCE, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC6, 0x33, 0x64, 0x02, // destination 198.51.100.2
    0x38, 0x39, 0x3A, 0x3B, // data bytes 16-19 of the datagram
};
// clang-format on

// IPv4 cut by the snap length: 1500 bytes long, 28 captured.
// clang-format off
constexpr std::uint8_t snap_cut4[] = {
    0x45, 0x03, 0x05, 0xDC, // version 4, IHL 5; DSCP 0, ECN 3; total length 1500
    0x05, 0x05, 0x40, 0x00, // identification 0x0505; flags: DF; offset 0
    0x40, 0x06, 0xAC, 0x10, // TTL 64; protocol 6 (TCP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0x02, // destination 192.0.2.2
    0x00, 0x50, 0xC3, 0x50, 0x00, 0x00, 0x00, 0x01, // the first 8 data bytes
};
// clang-format on

// IPv4 UDP along a loose source route still under way (as in wire_ipv4_test.cpp):
// the checksum covers the route's last address.
// clang-format off
constexpr std::uint8_t source_route4[] = {
    0x48, 0x00, 0x00, 0x30, // version 4, IHL 8 (12 bytes of options); DSCP/ECN 0; total length 48
    0x07, 0x07, 0x00, 0x00, // identification 0x0707; no flags, offset 0
    0x40, 0x11, 0x78, 0xF0, // TTL 64; protocol 17 (UDP); header checksum
    0xC0, 0x00, 0x02, 0x01, // source 192.0.2.1
    0xC0, 0x00, 0x02, 0xFE, // destination 192.0.2.254: the next hop
    0x01,                   // NOP
    0x83, 0x0B, 0x04,       // loose source route, length 11, pointer 4
    0xC6, 0x33, 0x64, 0x01, //   198.51.100.1, next to visit
    0xCB, 0x00, 0x71, 0x09, //   203.0.113.9, the final destination
    // UDP: ports 1234 > 53, length 16, checksum 0x9067; data "srcrte!\n"
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x10, 0x90, 0x67, 0x73, 0x72, 0x63, 0x72, 0x74, 0x65, 0x21, 0x0A,
};
// clang-format on

// IPv6 UDP with a valid checksum, then 4 bytes past the payload length (an FCS).
// clang-format off
constexpr std::uint8_t udp6_trailer[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x10,             // payload length 16
    0x11,                   // next header 17 (UDP)
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // destination 2001:db8::2
    // UDP: ports 1234 > 53, length 16, checksum 0x2B09; data "ipwire!\n"
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x10, 0x2B, 0x09, 0x69, 0x70, 0x77, 0x69, 0x72, 0x65, 0x21, 0x0A,
    0xDE, 0xAD, 0xBE, 0xEF, // not payload
};
// clang-format on

// IPv6 UDP through a type 2 routing header (RFC 6275): the UDP checksum is
// over the home address in the routing header, the final destination, and
// the payload has an odd length.
// clang-format off
constexpr std::uint8_t udp6_routing2[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x27,             // payload length 39 (24 routing + 15 UDP)
    0x2B,                   // next header 43 (routing)
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // destination 2001:db8::2
    // routing header: next header 17, length 2 (24 bytes), type 2, segments left 1, reserved
    0x11, 0x02, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x99, // home address 2001:db8::99
    // UDP: ports 1234 > 53, length 15, checksum 0x587F; data "mobile\n"
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x0F, 0x58, 0x7F, 0x6D, 0x6F, 0x62, 0x69, 0x6C, 0x65, 0x0A,
};
// clang-format on

// IPv6 first fragment (offset 0, M set) and a later one (offset 16 bytes, M clear).
// clang-format off
constexpr std::uint8_t fragment6_first[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x18,             // payload length 24 (8 fragment header + 16 data)
    0x2C,                   // next header 44 (fragment)
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // destination 2001:db8::2
    // fragment header: next header 17, reserved, offset 0 and M, identification 0x12345678
    0x11, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78,
    // data bytes 0-15: the UDP header (ports 1234 > 53, length 20, checksum 0), 8 data bytes
    0x04, 0xD2, 0x00, 0x35, 0x00, 0x14, 0x00, 0x00, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
};
// clang-format on
// clang-format off
constexpr std::uint8_t fragment6_last[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x00, 0x0C,             // payload length 12 (8 fragment header + 4 data)
    0x2C,                   // next header 44 (fragment)
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // destination 2001:db8::2
    // fragment header: next header 17, reserved, offset 2 (16 bytes) and no M, identification 0x12345678
    0x11, 0x00, 0x00, 0x10, 0x12, 0x34, 0x56, 0x78,
    0x38, 0x39, 0x3A, 0x3B, // data bytes 16-19
};
// clang-format on

// IPv6 cut by the snap length: payload length 1000, 8 payload bytes captured.
// clang-format off
constexpr std::uint8_t snap_cut6[] = {
    0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
    0x03, 0xE8,             // payload length 1000
    0x06,                   // next header 6 (TCP)
    0x40,                   // hop limit 64
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // source 2001:db8::1
    0x20, 0x01, 0x0D, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // destination 2001:db8::2
    0x00, 0x50, 0xC3, 0x50, 0x00, 0x00, 0x00, 0x01, // the first 8 TCP bytes
};
// clang-format on

// ---------------------------------------------------------------------------
// The common accessors

struct packet_row {
    std::string_view name;
    bytes_view bytes;
    std::uint8_t version;
    ip_address source;
    ip_address destination;
    ip_address final_destination;
    ip_protocol protocol;
    std::size_t payload_offset; // from the start of the packet
    std::size_t payload_length;
    bool truncated;
    bool is_fragment;
    bool is_first_fragment;
    bool udp_checksum; // the payload is a whole UDP datagram with a checksum that verifies
};

constexpr packet_row packet_rows[] = {
    {"udp4", udp4, 4, "192.0.2.1"_ip, "198.51.100.2"_ip, "198.51.100.2"_ip, ip_protocol::udp, 20, 16, false, false,
     false, true},
    {"fragment4_first", fragment4_first, 4, "192.0.2.1"_ip, "198.51.100.2"_ip, "198.51.100.2"_ip, ip_protocol::udp, 20,
     8, false, true, true, false},
    {"fragment4_last", fragment4_last, 4, "192.0.2.1"_ip, "198.51.100.2"_ip, "198.51.100.2"_ip, ip_protocol::udp, 20, 4,
     false, true, false, false},
    {"snap_cut4", snap_cut4, 4, "192.0.2.1"_ip, "192.0.2.2"_ip, "192.0.2.2"_ip, ip_protocol::tcp, 20, 8, true, false,
     false, false},
    {"source_route4", source_route4, 4, "192.0.2.1"_ip, "192.0.2.254"_ip, "203.0.113.9"_ip, ip_protocol::udp, 32, 16,
     false, false, false, true},
    {"udp6_trailer", udp6_trailer, 6, "2001:db8::1"_ip, "2001:db8::2"_ip, "2001:db8::2"_ip, ip_protocol::udp, 40, 16,
     false, false, false, true},
    // the fixed header's destination; the checksum uses the home address
    {"udp6_routing2", udp6_routing2, 6, "2001:db8::1"_ip, "2001:db8::2"_ip, "2001:db8::99"_ip, ip_protocol::udp, 64, 15,
     false, false, false, true},
    {"fragment6_first", fragment6_first, 6, "2001:db8::1"_ip, "2001:db8::2"_ip, "2001:db8::2"_ip, ip_protocol::udp, 48,
     16, false, true, true, false},
    {"fragment6_last", fragment6_last, 6, "2001:db8::1"_ip, "2001:db8::2"_ip, "2001:db8::2"_ip, ip_protocol::udp, 48, 4,
     false, true, false, false},
    {"snap_cut6", snap_cut6, 6, "2001:db8::1"_ip, "2001:db8::2"_ip, "2001:db8::2"_ip, ip_protocol::tcp, 40, 8, true,
     false, false, false},
};

constexpr bool udp_verifies(const ip_packet_view& ip) {
    const bytes_view udp = ip.payload();
    const std::uint64_t sum = ipwire::checksum_add(ip.pseudo_header_sum(static_cast<std::uint32_t>(udp.size())), udp);
    return ipwire::checksum_fold(sum) == 0xFFFF;
}

constexpr bool check_row(const packet_row& row) {
    const auto parsed = ip_packet_view::parse(row.bytes);
    if (!parsed) return false;
    const ip_packet_view& ip = *parsed;
    return ip.version() == row.version && ip.is_v4() == (row.version == 4) && ip.is_v6() == (row.version == 6) &&
           ip.source() == row.source && ip.destination() == row.destination &&
           ip.final_destination() == row.final_destination && ip.protocol() == row.protocol &&
           ip.payload().data() == row.bytes.data() + row.payload_offset && ip.payload().size() == row.payload_length &&
           ip.truncated() == row.truncated && ip.is_fragment() == row.is_fragment &&
           ip.is_first_fragment() == row.is_first_fragment && ip.bytes().data() == row.bytes.data() &&
           ip.bytes().size() == row.bytes.size() && (!row.udp_checksum || udp_verifies(ip));
}
static_assert(first_failure(packet_rows, check_row) == -1);

TEST_CASE("ip_packet_view: the common accessors on both families") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        const auto parsed = ip_packet_view::parse(row.bytes);
        REQUIRE(parsed.has_value());
        const ip_packet_view& ip = *parsed;
        CHECK(ip.version() == row.version);
        CHECK(ip.is_v4() == (row.version == 4));
        CHECK(ip.is_v6() == (row.version == 6));
        CHECK(ip.source() == row.source);
        CHECK(ip.destination() == row.destination);
        CHECK(ip.final_destination() == row.final_destination);
        CHECK(ip.source().is_v4() == (row.version == 4));
        CHECK(ip.protocol() == row.protocol);
        CHECK(ip.payload().data() == row.bytes.data() + row.payload_offset);
        CHECK(ip.payload().size() == row.payload_length);
        CHECK(ip.truncated() == row.truncated);
        CHECK(ip.is_fragment() == row.is_fragment);
        CHECK(ip.is_first_fragment() == row.is_first_fragment);
        CHECK(ip.bytes().data() == row.bytes.data());
        CHECK(ip.bytes().size() == row.bytes.size());
        if (row.udp_checksum) CHECK(udp_verifies(ip));
    }
}

// ---------------------------------------------------------------------------
// v4() and v6() are the direct parses

constexpr bool same_span(bytes_view a, bytes_view b) { return a.data() == b.data() && a.size() == b.size(); }

constexpr bool agrees_with_family(const ip_packet_view& ip) {
    constexpr std::uint32_t lengths[] = {15, 0x12345};
    if (ip.is_v4()) {
        const auto direct = ipv4_packet_view::parse(ip.bytes());
        if (!direct) return false;
        const ipv4_packet_view v4 = ip.v4();
        for (const std::uint32_t n : lengths)
            if (v4.pseudo_header_sum(n) != direct->pseudo_header_sum(n) ||
                ip.pseudo_header_sum(n) != direct->pseudo_header_sum(n))
                return false;
        return same_span(v4.bytes(), direct->bytes()) && same_span(v4.payload(), direct->payload()) &&
               same_span(v4.header(), direct->header()) && v4.source() == direct->source() &&
               v4.destination() == direct->destination() && v4.protocol() == direct->protocol() &&
               ip.source() == ip_address(direct->source()) && ip.destination() == ip_address(direct->destination()) &&
               ip.final_destination() == ip_address(direct->final_destination()) &&
               ip.protocol() == direct->protocol() && same_span(ip.payload(), direct->payload()) &&
               ip.truncated() == direct->truncated() && ip.is_fragment() == direct->is_fragment() &&
               ip.is_first_fragment() == direct->is_first_fragment() &&
               same_span(ip_packet_view(*direct).bytes(), ip.bytes());
    }
    if (!ip.is_v6()) return false;
    const auto direct = ipv6_packet_view::parse(ip.bytes());
    if (!direct) return false;
    const ipv6_packet_view v6 = ip.v6();
    for (const std::uint32_t n : lengths)
        if (v6.pseudo_header_sum(n) != direct->pseudo_header_sum(n) ||
            ip.pseudo_header_sum(n) != direct->pseudo_header_sum(n))
            return false;
    return same_span(v6.bytes(), direct->bytes()) && same_span(v6.payload(), direct->payload()) &&
           same_span(v6.upper_layer_payload(), direct->upper_layer_payload()) && v6.source() == direct->source() &&
           v6.destination() == direct->destination() && v6.upper_layer_protocol() == direct->upper_layer_protocol() &&
           ip.source() == ip_address(direct->source()) && ip.destination() == ip_address(direct->destination()) &&
           ip.final_destination() == ip_address(direct->final_destination()) &&
           ip.protocol() == direct->upper_layer_protocol() && same_span(ip.payload(), direct->upper_layer_payload()) &&
           ip.truncated() == direct->truncated() && ip.is_fragment() == direct->is_fragment() &&
           ip.is_first_fragment() == direct->is_first_fragment() &&
           same_span(ip_packet_view(*direct).bytes(), ip.bytes());
}
constexpr bool row_agrees(const packet_row& row) {
    const auto ip = ip_packet_view::parse(row.bytes);
    return ip && agrees_with_family(*ip);
}
static_assert(first_failure(packet_rows, row_agrees) == -1);

TEST_CASE("ip_packet_view: v4() and v6() agree with direct parses") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        CHECK(row_agrees(row));
    }
    // a view made from a family view is the same view
    const auto v4 = ipv4_packet_view::parse(udp4).value();
    const ip_packet_view from_v4 = v4;
    CHECK(from_v4.is_v4());
    CHECK(same_span(from_v4.bytes(), v4.bytes()));
    CHECK(from_v4.payload().size() == 16);
    const auto v6 = ipv6_packet_view::parse(udp6_routing2).value();
    const ip_packet_view from_v6 = v6;
    CHECK(from_v6.is_v6());
    CHECK(same_span(from_v6.bytes(), v6.bytes()));
    CHECK(from_v6.pseudo_header_sum(15) == v6.pseudo_header_sum(15));
}

// The routing header matters: summed over the fixed destination, the UDP
// checksum of udp6_routing2 does not verify.
constexpr bool routing_header_changes_the_sum() {
    const auto ip = ip_packet_view::parse(udp6_routing2);
    const auto direct = ipv6_packet_view::parse(udp6_routing2);
    if (!ip || !direct) return false;
    const ipwire::ipv6_address home = "2001:db8::99"_ipv6;
    const ipwire::ipv6_address fixed = direct->destination();
    std::uint64_t naive = ipwire::checksum_add(0, bytes_view(direct->source().to_bytes()));
    naive = ipwire::checksum_add(naive, bytes_view(fixed.to_bytes()));
    naive = ipwire::checksum_add(naive, std::uint16_t{15});
    naive = ipwire::checksum_add(naive, std::uint16_t{17});
    const bytes_view udp = ip->payload();
    return direct->final_destination() == home && ip->pseudo_header_sum(15) != naive &&
           ipwire::checksum_fold(ipwire::checksum_add(naive, udp)) != 0xFFFF && udp_verifies(*ip);
}
static_assert(routing_header_changes_the_sum());

TEST_CASE("ip_packet_view: the IPv6 pseudo-header takes the routing header's final destination") {
    CHECK(routing_header_changes_the_sum());
}

// ---------------------------------------------------------------------------
// Errors

struct small_bytes {
    std::array<std::uint8_t, 48> data{};
    std::size_t size = 0;
    [[nodiscard]] constexpr bytes_view view() const { return bytes_view(data).first(size); }
};
constexpr small_bytes make(std::initializer_list<std::uint8_t> head, std::size_t size) {
    small_bytes b;
    std::size_t i = 0;
    for (const std::uint8_t x : head) b.data[i++] = x;
    b.size = size;
    return b;
}

struct error_row {
    std::string_view name;
    small_bytes bytes;
    errc error;
};
// clang-format off
constexpr error_row error_rows[] = {
    {"empty", make({}, 0), errc::truncated},
    {"version 0", make({0x05}, 20), errc::bad_version},
    {"version 5", make({0x55}, 20), errc::bad_version},
    {"version 7", make({0x70}, 40), errc::bad_version},
    {"version 15", make({0xF0}, 1), errc::bad_version},
    {"IPv4, one byte", make({0x45}, 1), errc::truncated},
    {"IPv4, 19 bytes", make({0x45, 0x00, 0x00, 0x14}, 19), errc::truncated},
    {"IPv4, IHL 4", make({0x44, 0x00, 0x00, 0x14}, 20), errc::bad_header_length},
    {"IPv4, total length 10", make({0x45, 0x00, 0x00, 0x0A}, 20), errc::bad_total_length},
    {"IPv4, IHL 6 in 20 bytes", make({0x46, 0x00, 0x00, 0x18}, 20), errc::truncated},
    {"IPv6, one byte", make({0x60}, 1), errc::truncated},
    {"IPv6, 39 bytes", make({0x60, 0, 0, 0, 0x00, 0x08, 0x3B}, 39), errc::truncated},
    // Payload length 0 with a hop-by-hop header (here all Pad1) but no Jumbo
    // Payload option (RFC 2675 section 3).
    {"IPv6, payload length 0 without a jumbo option", make({0x60, 0, 0, 0, 0x00, 0x00, 0x00}, 48),
     errc::bad_payload_length},
};
// clang-format on
constexpr bool check_error(const error_row& row) { return ip_packet_view::parse(row.bytes.view()) == row.error; }
static_assert(first_failure(error_rows, check_error) == -1);

TEST_CASE("ip_packet_view: bad versions, and each family's errors passed through") {
    for (const auto& row : error_rows) {
        CAPTURE(row.name);
        CHECK(ip_packet_view::parse(row.bytes.view()).error() == row.error);
    }
}

// The smallest packets of each family that parse.
constexpr bool smallest_parse() {
    const small_bytes v4 = make({0x45, 0x00, 0x00, 0x14}, 20);
    const small_bytes v6 = make({0x60, 0, 0, 0, 0x00, 0x08, 0x3B}, 40); // No Next Header, 8 bytes not captured
    const auto a = ip_packet_view::parse(v4.view());
    const auto b = ip_packet_view::parse(v6.view());
    return a && a->is_v4() && a->payload().empty() && !a->truncated() && b && b->is_v6() && b->truncated() &&
           b->protocol() == ip_protocol::ipv6_no_next && b->payload().empty();
}
static_assert(smallest_parse());

TEST_CASE("ip_packet_view: the smallest packets of each family") { CHECK(smallest_parse()); }

// ---------------------------------------------------------------------------
// Every truncated prefix

// Reads every accessor and every byte it gives: a read past the prefix (an
// exact-size allocation) is a compile error under static_assert.
constexpr std::uint64_t touch(const ip_packet_view& ip) {
    std::uint64_t s = std::uint64_t{ip.version()} + ip.is_v4() + ip.is_v6() + ip.truncated() + ip.is_fragment() +
                      ip.is_first_fragment() + static_cast<std::uint8_t>(ip.protocol());
    s += std::uint64_t{ip.source().v6().to_bytes()[15]} + ip.destination().v6().to_bytes()[15] +
         ip.final_destination().v6().to_bytes()[15];
    s = ipwire::checksum_add(s, ip.payload());
    s = ipwire::checksum_add(s, ip.bytes());
    return s + ip.pseudo_header_sum(static_cast<std::uint32_t>(ip.payload().size()));
}

// Parsing a prefix gives exactly what the family's parse gives.
constexpr bool prefix_ok(bytes_view prefix) {
    const auto ip = ip_packet_view::parse(prefix);
    if (prefix.empty()) return ip == errc::truncated;
    const unsigned version = prefix[0] >> 4U;
    const errc family_error = version == 4   ? ipv4_packet_view::parse(prefix).error()
                              : version == 6 ? ipv6_packet_view::parse(prefix).error()
                                             : errc::bad_version;
    if (ip.error() != family_error) return false;
    if (!ip) return true;
    touch(*ip);
    return agrees_with_family(*ip);
}
// Prefixes from..to (at most the whole packet), split so that no one constant
// evaluation runs long (the IPv6 accessors walk the extension-header chain).
constexpr bool prefixes_ok(bytes_view packet, std::size_t from = 0, std::size_t to = 1500) {
    for (std::size_t k = from; k <= packet.size() && k <= to; ++k) {
        std::uint8_t* copy = k == 0 ? nullptr : new std::uint8_t[k];
        for (std::size_t i = 0; i < k; ++i) copy[i] = packet[i];
        const bool ok = prefix_ok(bytes_view(copy, k));
        delete[] copy;
        if (!ok) return false;
    }
    return true;
}
static_assert(prefixes_ok(udp4) && prefixes_ok(fragment4_first) && prefixes_ok(fragment4_last));
static_assert(prefixes_ok(snap_cut4) && prefixes_ok(source_route4));
static_assert(prefixes_ok(udp6_trailer, 0, 39) && prefixes_ok(udp6_trailer, 40, 50));
static_assert(prefixes_ok(udp6_trailer, 51, 60));
static_assert(prefixes_ok(udp6_routing2, 0, 39) && prefixes_ok(udp6_routing2, 40, 50));
static_assert(prefixes_ok(udp6_routing2, 51, 60));
static_assert(prefixes_ok(udp6_routing2, 61, 70));
static_assert(prefixes_ok(udp6_routing2, 71, 79));
static_assert(prefixes_ok(fragment6_first, 0, 39) && prefixes_ok(fragment6_first, 40, 52));
static_assert(prefixes_ok(fragment6_first, 53, 64));
static_assert(prefixes_ok(fragment6_last, 0, 39) && prefixes_ok(fragment6_last, 40, 52));
static_assert(prefixes_ok(snap_cut6));

TEST_CASE("ip_packet_view: every truncated prefix gives the family's answer") {
    for (const auto& row : packet_rows) {
        CAPTURE(row.name);
        for (std::size_t k = 0; k <= row.bytes.size(); ++k) {
            CAPTURE(k);
            const std::vector<std::uint8_t> copy(row.bytes.begin(), row.bytes.begin() + static_cast<std::ptrdiff_t>(k));
            CHECK(prefix_ok(copy));
        }
    }
}

} // namespace
