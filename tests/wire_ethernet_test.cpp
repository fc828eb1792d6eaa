// ethernet_frame_view and vlan_tag (ipwire/wire/ethernet.hpp): hand-built
// frames with every field read back, every truncated prefix of each, VLAN tag
// stacks up to and past the bound, 802.3 length frames, and the tag fields.
#include <ipwire/wire/ethernet.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ranges>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ether_type;
using ipwire::ethernet_frame_view;
using ipwire::mac_address;
using ipwire::vlan_tag;

template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// The shape of a view: one span, nothing else.
static_assert(sizeof(ethernet_frame_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<ethernet_frame_view>);
static_assert(std::is_default_constructible_v<ethernet_frame_view>);
static_assert(std::is_trivially_copyable_v<vlan_tag>);
static_assert(std::forward_iterator<ipwire::vlan_tag_range::iterator>);
static_assert(std::ranges::forward_range<ipwire::vlan_tag_range>);
static_assert(ethernet_frame_view::max_header_length == 30);

// ---------------------------------------------------------------------------
// Frames. MAC addresses are from the IANA documentation blocks (RFC 7042
// section 2.1.2) unless a frame copies a real capture's header.

// clang-format off
constexpr std::uint8_t ipv4_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination 00:00:5e:00:53:01
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source 00:00:5e:00:53:02
    0x08, 0x00,                         // EtherType IPv4
    0x45, 0x00, 0x00, 0x14,             // payload: the start of an IPv4 header
};
// clang-format on
// clang-format off
constexpr std::uint8_t ipv6_multicast_frame[] = {
    0x33, 0x33, 0x00, 0x00, 0x00, 0x01, // destination 33:33:00:00:00:01 (all-nodes, RFC 2464)
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x86, 0xDD,                         // EtherType IPv6
    0x60, 0x00, 0x00, 0x00,             // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t arp_broadcast_frame[] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // destination broadcast
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x03, // source
    0x08, 0x06,                         // EtherType ARP
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, // payload: ARP request, Ethernet/IPv4
};
// clang-format on
// clang-format off
constexpr std::uint8_t header_only_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x08, 0x00,                         // EtherType IPv4, and no payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t one_tag_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x81, 0x00,                         // TPID 802.1Q
    0xB0, 0x64,                         // TCI: PCP 5, DEI 1, VID 100
    0x08, 0x00,                         // EtherType IPv4
    0x45, 0x00,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t qinq_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x88, 0xA8,                         // TPID 802.1ad (S-tag)
    0x00, 0xC8,                         // TCI: PCP 0, DEI 0, VID 200
    0x81, 0x00,                         // TPID 802.1Q (C-tag)
    0xE0, 0x64,                         // TCI: PCP 7, DEI 0, VID 100
    0x86, 0xDD,                         // EtherType IPv6
    0x60, 0x00,                         // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t old_qinq_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x91, 0x00,                         // TPID 0x9100 (pre-standard double tagging)
    0x1F, 0xFF,                         // TCI: PCP 0, DEI 1, VID 4095
    0x81, 0x00,                         // TPID 802.1Q
    0x20, 0x00,                         // TCI: PCP 1, DEI 0, VID 0 (a priority tag)
    0x08, 0x06,                         // EtherType ARP
    0x00, 0x01,                         // payload
};
// clang-format on
// The header of frame 1 of Zeek's vlan-qinqinq.pcap (three C-tags, VIDs 30,
// 20, 10; tshark lists them "30|20|10").
// clang-format off
constexpr std::uint8_t qinqinq_frame[] = {
    0x00, 0x10, 0xDB, 0x88, 0xD2, 0xEF, // destination 00:10:db:88:d2:ef
    0xC8, 0xBC, 0xC8, 0x96, 0xD2, 0xA0, // source c8:bc:c8:96:d2:a0
    0x81, 0x00, 0x00, 0x1E,             // tag: 802.1Q, PCP 0, DEI 0, VID 30
    0x81, 0x00, 0x00, 0x14,             // tag: 802.1Q, VID 20
    0x81, 0x00, 0x00, 0x0A,             // tag: 802.1Q, VID 10
    0x08, 0x00,                         // EtherType IPv4
    0x45, 0x00, 0x00, 0x40,             // payload
};
// clang-format on
// clang-format off
constexpr std::uint8_t four_tag_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x88, 0xA8, 0x60, 0x01,             // tag: 802.1ad, PCP 3, VID 1
    0x81, 0x00, 0x00, 0x02,             // tag: 802.1Q, VID 2
    0x91, 0x00, 0x00, 0x03,             // tag: 0x9100, VID 3
    0x81, 0x00, 0x10, 0x04,             // tag: 802.1Q, DEI 1, VID 4
    0x86, 0xDD,                         // EtherType IPv6
    0x60,                               // payload
};
// clang-format on
// Past max_vlan_tags: the fifth tag is left in the payload.
// clang-format off
constexpr std::uint8_t five_tag_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x81, 0x00, 0x00, 0x01,             // tag: VID 1
    0x81, 0x00, 0x00, 0x02,             // tag: VID 2
    0x81, 0x00, 0x00, 0x03,             // tag: VID 3
    0x81, 0x00, 0x00, 0x04,             // tag: VID 4
    0x81, 0x00,                         // "EtherType" 0x8100: the fifth tag's TPID
    0x00, 0x05, 0x08, 0x00, 0x45,       // payload: its TCI, the real EtherType, IPv4
};
// clang-format on
// IEEE 802.3 with an LLC header (a BPDU's start), padded: payload() drops the padding.
// clang-format off
constexpr std::uint8_t llc_padded_frame[] = {
    0x01, 0x80, 0xC2, 0x00, 0x00, 0x00, // destination: bridge group address
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x04, // source
    0x00, 0x07,                         // length 7
    0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, // payload: LLC DSAP 0x42 SSAP 0x42 UI, then 4 bytes
    0x00, 0x00, 0x00,                   // padding
};
// clang-format on
// An 802.3 length beyond what was captured: readable, truncated().
// clang-format off
constexpr std::uint8_t llc_cut_frame[] = {
    0x01, 0x80, 0xC2, 0x00, 0x00, 0x00, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x04, // source
    0x01, 0x00,                         // length 256
    0x42, 0x42, 0x03, 0x00, 0x00, 0x00, // payload: the 6 bytes captured
};
// clang-format on
// The shape of frame 21 of PcapPlusPlus's VlanPackets.pcap (tagged CDP),
// with a shorter length: tag, then an 802.3 length and SNAP.
// clang-format off
constexpr std::uint8_t tagged_llc_frame[] = {
    0x01, 0x00, 0x0C, 0xCD, 0xCD, 0xD0, // destination 01:00:0c:cd:cd:d0
    0x00, 0x13, 0xC3, 0xDF, 0xAE, 0x18, // source 00:13:c3:df:ae:18
    0x81, 0x00, 0xA0, 0x76,             // tag: 802.1Q, PCP 5, DEI 0, VID 118
    0x00, 0x08,                         // length 8
    0xAA, 0xAA, 0x03, 0x00, 0x00, 0x0C, 0x20, 0x00, // payload: LLC SNAP, Cisco OUI, CDP
};
// clang-format on
// The largest length, 1500, with two bytes captured.
// clang-format off
constexpr std::uint8_t length_1500_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x05, 0xDC,                         // length 1500
    0xAA, 0xAA,                         // payload
};
// clang-format on
// 1501-1535 are neither length nor EtherType: read as a type, nothing cut.
// clang-format off
constexpr std::uint8_t type_1501_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x05, 0xDD,                         // 1501
    0xAA, 0xAA,                         // payload
};
// clang-format on
// Length 0 and two bytes of padding: an empty payload.
// clang-format off
constexpr std::uint8_t length_0_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x00, 0x00,                         // length 0
    0x00, 0x00,                         // padding
};
// clang-format on
// A tag, then MPLS: only the three TPIDs are tags.
// clang-format off
constexpr std::uint8_t tagged_mpls_frame[] = {
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, // destination
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, // source
    0x81, 0x00, 0x00, 0x0A,             // tag: VID 10
    0x88, 0x47,                         // EtherType MPLS unicast
    0x00, 0x01, 0x01, 0x40,             // payload: one MPLS label stack entry
};
// clang-format on

// ---------------------------------------------------------------------------
// What each frame must read as

struct frame_row {
    std::string_view name;
    bytes_view frame;
    std::uint64_t destination;
    std::uint64_t source;
    std::size_t vlan_count;
    std::array<vlan_tag, ethernet_frame_view::max_vlan_tags> tags; // the first vlan_count
    std::uint16_t type;                                            // the raw field after the tags
    bool length_field;
    std::size_t header_length;
    std::size_t payload_length; // of the whole frame
    bool truncated;             // of the whole frame
};

constexpr vlan_tag tag(std::uint16_t tpid, std::uint16_t tci) { return {static_cast<ether_type>(tpid), tci}; }

constexpr frame_row frame_rows[] = {
    {"IPv4", ipv4_frame, 0x00005E005301, 0x00005E005302, 0, {}, 0x0800, false, 14, 4, false},
    {"IPv6 multicast", ipv6_multicast_frame, 0x333300000001, 0x00005E005302, 0, {}, 0x86DD, false, 14, 4, false},
    {"ARP broadcast", arp_broadcast_frame, 0xFFFFFFFFFFFF, 0x00005E005303, 0, {}, 0x0806, false, 14, 8, false},
    {"header only", header_only_frame, 0x00005E005301, 0x00005E005302, 0, {}, 0x0800, false, 14, 0, false},
    {"one 802.1Q tag",
     one_tag_frame,
     0x00005E005301,
     0x00005E005302,
     1,
     {tag(0x8100, 0xB064)},
     0x0800,
     false,
     18,
     2,
     false},
    {"802.1ad + 802.1Q",
     qinq_frame,
     0x00005E005301,
     0x00005E005302,
     2,
     {tag(0x88A8, 0x00C8), tag(0x8100, 0xE064)},
     0x86DD,
     false,
     22,
     2,
     false},
    {"0x9100 + 802.1Q",
     old_qinq_frame,
     0x00005E005301,
     0x00005E005302,
     2,
     {tag(0x9100, 0x1FFF), tag(0x8100, 0x2000)},
     0x0806,
     false,
     22,
     2,
     false},
    {"three tags (Zeek qinqinq)",
     qinqinq_frame,
     0x0010DB88D2EF,
     0xC8BCC896D2A0,
     3,
     {tag(0x8100, 0x001E), tag(0x8100, 0x0014), tag(0x8100, 0x000A)},
     0x0800,
     false,
     26,
     4,
     false},
    {"four tags",
     four_tag_frame,
     0x00005E005301,
     0x00005E005302,
     4,
     {tag(0x88A8, 0x6001), tag(0x8100, 0x0002), tag(0x9100, 0x0003), tag(0x8100, 0x1004)},
     0x86DD,
     false,
     30,
     1,
     false},
    {"five tags: stops after four",
     five_tag_frame,
     0x00005E005301,
     0x00005E005302,
     4,
     {tag(0x8100, 1), tag(0x8100, 2), tag(0x8100, 3), tag(0x8100, 4)},
     0x8100,
     false,
     30,
     5,
     false},
    {"802.3 LLC, padded", llc_padded_frame, 0x0180C2000000, 0x00005E005304, 0, {}, 7, true, 14, 7, false},
    {"802.3 LLC, cut short", llc_cut_frame, 0x0180C2000000, 0x00005E005304, 0, {}, 256, true, 14, 6, true},
    {"tagged 802.3 (CDP)",
     tagged_llc_frame,
     0x01000CCDCDD0,
     0x0013C3DFAE18,
     1,
     {tag(0x8100, 0xA076)},
     8,
     true,
     18,
     8,
     false},
    {"length 1500", length_1500_frame, 0x00005E005301, 0x00005E005302, 0, {}, 1500, true, 14, 2, true},
    {"type 1501", type_1501_frame, 0x00005E005301, 0x00005E005302, 0, {}, 1501, false, 14, 2, false},
    {"length 0", length_0_frame, 0x00005E005301, 0x00005E005302, 0, {}, 0, true, 14, 0, false},
    {"tag then MPLS",
     tagged_mpls_frame,
     0x00005E005301,
     0x00005E005302,
     1,
     {tag(0x8100, 0x000A)},
     0x8847,
     false,
     18,
     4,
     false},
};

// Every accessor of `v`, a view over `data`, agrees with `row` and stays inside
// `data`. For a prefix of the frame the payload is what the prefix holds.
constexpr bool fields_match(const ethernet_frame_view& v, const frame_row& row, bytes_view data) {
    if (v.bytes().data() != data.data() || v.bytes().size() != data.size()) return false;
    if (v.destination() != mac_address(row.destination) || v.source() != mac_address(row.source)) return false;
    if (v.vlan_count() != row.vlan_count) return false;
    for (std::size_t i = 0; i < row.vlan_count; ++i)
        if (v.vlan(i) != row.tags[i]) return false;
    for (std::size_t i = row.vlan_count; i < row.vlan_count + 3; ++i)
        if (v.vlan(i).has_value()) return false;
    const auto tags = v.vlans();
    if (tags.size() != row.vlan_count || tags.empty() != (row.vlan_count == 0)) return false;
    std::size_t walked = 0;
    for (const vlan_tag t : tags)
        if (walked >= row.vlan_count || t != row.tags[walked++]) return false;
    if (walked != row.vlan_count) return false;
    if (static_cast<std::uint16_t>(v.ether_type()) != row.type) return false;
    if (v.is_length_field() != row.length_field) return false;
    if (v.header_length() != row.header_length) return false;
    if (v.header().data() != data.data() || v.header().size() != row.header_length) return false;
    const std::size_t captured = data.size() - row.header_length;
    const std::size_t expected = row.length_field && row.type < captured ? row.type : captured;
    if (v.payload().data() != data.data() + row.header_length || v.payload().size() != expected) return false;
    return v.truncated() == (row.length_field && row.type > captured);
}

constexpr bool check_frame(const frame_row& row) {
    const auto parsed = ethernet_frame_view::parse(row.frame);
    return parsed && fields_match(*parsed, row, row.frame) && parsed->payload().size() == row.payload_length &&
           parsed->truncated() == row.truncated;
}
static_assert(first_failure(frame_rows, check_frame) == -1);

// Every prefix, copied to storage of exactly its size so that a read past it
// is a compile error here and an ASan report at run time: shorter than the
// header it is errc::truncated, from the header on a view that reads right.
constexpr bool check_prefixes(const frame_row& row) {
    for (std::size_t n = 0; n <= row.frame.size(); ++n) {
        auto* copy = new std::uint8_t[n];
        for (std::size_t i = 0; i < n; ++i) copy[i] = row.frame[i];
        const bytes_view prefix(copy, n);
        const auto parsed = ethernet_frame_view::parse(prefix);
        const bool ok = n < row.header_length ? parsed == errc::truncated
                                              : parsed.has_value() && fields_match(*parsed, row, prefix);
        delete[] copy;
        if (!ok) return false;
    }
    return true;
}
static_assert(first_failure(frame_rows, check_prefixes) == -1);

TEST_CASE("ethernet_frame_view: every field of every hand-built frame") {
    for (const auto& row : frame_rows) {
        CAPTURE(row.name);
        const auto parsed = ethernet_frame_view::parse(row.frame);
        REQUIRE(parsed.has_value());
        const ethernet_frame_view& v = *parsed;
        CHECK(v.destination().to_uint64() == row.destination);
        CHECK(v.source().to_uint64() == row.source);
        CHECK(v.vlan_count() == row.vlan_count);
        std::size_t i = 0;
        for (const vlan_tag t : v.vlans()) {
            REQUIRE(i < row.vlan_count);
            CHECK(t == row.tags[i]);
            CHECK(v.vlan(i) == row.tags[i]);
            ++i;
        }
        CHECK(i == row.vlan_count);
        CHECK_FALSE(v.vlan(row.vlan_count).has_value());
        CHECK(static_cast<std::uint16_t>(v.ether_type()) == row.type);
        CHECK(v.is_length_field() == row.length_field);
        CHECK(v.header_length() == row.header_length);
        CHECK(v.header().size() == row.header_length);
        CHECK(v.payload().data() == row.frame.data() + row.header_length);
        CHECK(v.payload().size() == row.payload_length);
        CHECK(v.truncated() == row.truncated);
        CHECK(v.bytes().data() == row.frame.data());
        CHECK(v.bytes().size() == row.frame.size());
        CHECK(fields_match(v, row, row.frame));
    }
}

TEST_CASE("ethernet_frame_view: every truncated prefix, in exact-size heap buffers") {
    for (const auto& row : frame_rows) {
        CAPTURE(row.name);
        for (std::size_t n = 0; n <= row.frame.size(); ++n) {
            CAPTURE(n);
            const std::vector<std::uint8_t> copy(row.frame.begin(), row.frame.begin() + static_cast<std::ptrdiff_t>(n));
            const bytes_view prefix(copy.data(), copy.size());
            const auto parsed = ethernet_frame_view::parse(prefix);
            if (n < row.header_length) {
                CHECK(parsed == errc::truncated);
            } else {
                REQUIRE(parsed.has_value());
                CHECK(fields_match(*parsed, row, prefix));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Malformations, each named: all are a missing piece of the header.

struct error_row {
    std::string_view name;
    bytes_view frame;
    errc error;
};
constexpr error_row error_rows[] = {
    {"empty", bytes_view(ipv4_frame).first(0), errc::truncated},
    {"13 bytes", bytes_view(ipv4_frame).first(13), errc::truncated},
    {"TPID without its TCI", bytes_view(one_tag_frame).first(14), errc::truncated},
    {"TCI cut in half", bytes_view(one_tag_frame).first(15), errc::truncated},
    {"tag without the type after it", bytes_view(one_tag_frame).first(16), errc::truncated},
    {"tag and half a type", bytes_view(one_tag_frame).first(17), errc::truncated},
    {"second TPID without its TCI", bytes_view(qinq_frame).first(18), errc::truncated},
    {"second tag without the type", bytes_view(qinq_frame).first(21), errc::truncated},
    {"fourth tag without the type", bytes_view(four_tag_frame).first(29), errc::truncated},
};
constexpr bool check_error(const error_row& row) { return ethernet_frame_view::parse(row.frame) == row.error; }
static_assert(first_failure(error_rows, check_error) == -1);

TEST_CASE("ethernet_frame_view: a header cut anywhere is errc::truncated") {
    for (const auto& row : error_rows) {
        CAPTURE(row.name);
        CHECK(ipwire::to_string(ethernet_frame_view::parse(row.frame).error()) == ipwire::to_string(row.error));
    }
}

// ---------------------------------------------------------------------------
// The type field: length up to 1500, EtherType from 1536, neither between.

struct type_row {
    std::uint16_t type;
    bool length_field;
};
constexpr type_row type_rows[] = {
    {0x0000, true},  {0x0001, true},  {0x002E, true},  {0x05DC, true},  {0x05DD, false},
    {0x05FF, false}, {0x0600, false}, {0x0800, false}, {0x86DD, false}, {0xFFFF, false},
};
constexpr bool check_type(const type_row& row) {
    std::array<std::uint8_t, 14> frame{};
    frame[12] = static_cast<std::uint8_t>(row.type >> 8U);
    frame[13] = static_cast<std::uint8_t>(row.type);
    const auto parsed = ethernet_frame_view::parse(frame);
    if (!parsed) return false;
    return static_cast<std::uint16_t>(parsed->ether_type()) == row.type &&
           parsed->is_length_field() == row.length_field && parsed->payload().empty() &&
           parsed->truncated() == (row.length_field && row.type > 0);
}
static_assert(first_failure(type_rows, check_type) == -1);

TEST_CASE("ethernet_frame_view: is_length_field at the 1500/1536 boundaries") {
    for (const auto& row : type_rows) {
        CAPTURE(row.type);
        CHECK(check_type(row));
    }
}

// ---------------------------------------------------------------------------
// vlan_tag

struct tci_row {
    std::uint16_t tci;
    std::uint8_t priority;
    bool drop_eligible;
    std::uint16_t vlan_id;
};
constexpr tci_row tci_rows[] = {
    {0x0000, 0, false, 0}, {0xFFFF, 7, true, 4095},  {0xB064, 5, true, 100}, {0x2000, 1, false, 0},
    {0x1000, 0, true, 0},  {0x0FFF, 0, false, 4095}, {0xE00A, 7, false, 10}, {0xA076, 5, false, 118},
    {0x4001, 2, false, 1}, {0x6800, 3, false, 2048},
};
constexpr bool check_tci(const tci_row& row) {
    const vlan_tag t(ether_type::vlan, row.tci);
    return t.tag_protocol_id() == ether_type::vlan && t.tag_control() == row.tci && t.priority() == row.priority &&
           t.drop_eligible() == row.drop_eligible && t.vlan_id() == row.vlan_id;
}
static_assert(first_failure(tci_rows, check_tci) == -1);

struct tpid_row {
    std::uint16_t value;
    bool is_tag;
};
constexpr tpid_row tpid_rows[] = {
    {0x8100, true},  {0x88A8, true},  {0x9100, true},  {0x9200, false}, {0x9300, false},
    {0x88E7, false}, {0x8847, false}, {0x0800, false}, {0x86DD, false}, {0x0000, false},
};
constexpr bool check_tpid(const tpid_row& row) {
    return vlan_tag::is_tag_protocol_id(static_cast<ether_type>(row.value)) == row.is_tag;
}
static_assert(first_failure(tpid_rows, check_tpid) == -1);
static_assert(vlan_tag() == vlan_tag(ether_type{}, 0));
static_assert(vlan_tag(ether_type::vlan, 1) != vlan_tag(ether_type::qinq, 1));
static_assert(vlan_tag(ether_type::vlan, 1) != vlan_tag(ether_type::vlan, 2));

TEST_CASE("vlan_tag: PCP, DEI and VID from the TCI; the three TPIDs") {
    for (const auto& row : tci_rows) {
        CAPTURE(row.tci);
        const vlan_tag t(ether_type::qinq, row.tci);
        CHECK(t.tag_protocol_id() == ether_type::qinq);
        CHECK(t.tag_control() == row.tci);
        CHECK(t.priority() == row.priority);
        CHECK(t.drop_eligible() == row.drop_eligible);
        CHECK(t.vlan_id() == row.vlan_id);
    }
    for (const auto& row : tpid_rows) {
        CAPTURE(row.value);
        CHECK(vlan_tag::is_tag_protocol_id(static_cast<ether_type>(row.value)) == row.is_tag);
    }
}

TEST_CASE("vlan_tag_range: a forward range; post-increment and re-iteration give the same tags") {
    const auto parsed = ethernet_frame_view::parse(qinqinq_frame);
    REQUIRE(parsed.has_value());
    const auto tags = parsed->vlans();
    auto it = tags.begin();
    const auto first = it++;
    CHECK((*first).vlan_id() == 30);
    CHECK((*it).vlan_id() == 20);
    CHECK(test_ranges::distance(tags) == 3);
    std::vector<std::uint16_t> ids;
    for (const vlan_tag t : tags) ids.push_back(t.vlan_id());
    for (const vlan_tag t : tags) ids.push_back(t.vlan_id());
    CHECK(ids == std::vector<std::uint16_t>{30, 20, 10, 30, 20, 10});
    CHECK(ipwire::vlan_tag_range().empty());
    CHECK(ipwire::vlan_tag_range().size() == 0);
}

} // namespace
