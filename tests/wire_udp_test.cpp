// Tests for ipwire/wire/udp.hpp: hand-built datagrams with every field read
// back, length fields below 8, above and below the bytes given, jumbograms,
// every truncated prefix, and checksums of real datagrams from
// ../shared/captures over IPv4 and IPv6 (odd lengths, a zero checksum).
#include <ipwire/wire/udp.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::udp_datagram_view;

static_assert(sizeof(udp_datagram_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<udp_datagram_view>);
static_assert(std::is_nothrow_default_constructible_v<udp_datagram_view>);
static_assert(udp_datagram_view().bytes().empty());
static_assert(udp_datagram_view::header_length == 8);

// ---------------------------------------------------------------------------
// Hand-built datagrams. Checksums are not computed here (real ones below).

// clang-format off
constexpr std::uint8_t dgram_plain[] = {
    0xd4, 0x31,             // source port 54321
    0x00, 0x35,             // destination port 53
    0x00, 0x0c,             // length 12: header + 4 bytes
    0x12, 0x34,             // checksum 0x1234 (not computed)
    'a', 'b', 'c', 'd',     // data
};
// clang-format on

// clang-format off
constexpr std::uint8_t dgram_padded[] = {
    0x00, 0x44,             // source port 68
    0x00, 0x43,             // destination port 67
    0x00, 0x0b,             // length 11: header + 3 bytes
    0xab, 0xcd,             // checksum 0xabcd (not computed)
    'x', 'y', 'z',          // data
    0x00, 0x00, 0x00, 0xff, // 4 bytes past the length (padding, say): not data
};
// clang-format on

// clang-format off
constexpr std::uint8_t dgram_cut[] = {
    0x30, 0x39,             // source port 12345
    0x30, 0x3a,             // destination port 12346
    0x01, 0x00,             // length 256: more than the 13 bytes given
    0xff, 0xff,             // checksum 0xffff (not computed)
    '1', '2', '3', '4', '5', // the first 5 of 248 bytes of data
};
// clang-format on

// clang-format off
constexpr std::uint8_t dgram_empty[] = {
    0x00, 0x00,             // source port 0 (none: RFC 768 allows it)
    0xff, 0xff,             // destination port 65535
    0x00, 0x08,             // length 8: the header alone
    0x00, 0x00,             // checksum 0 (none)
};
// clang-format on

// clang-format off
constexpr std::uint8_t dgram_max_length[] = {
    0x00, 0x07,             // source port 7
    0x00, 0x07,             // destination port 7
    0xff, 0xff,             // length 65535 (8 bytes given)
    0x80, 0x00,             // checksum 0x8000 (not computed)
};
// clang-format on

struct datagram_row {
    std::string_view name;
    bytes_view bytes;
    std::uint16_t source_port;
    std::uint16_t destination_port;
    std::uint16_t length;
    std::uint16_t checksum;
    bool truncated;
    std::size_t payload_length;
};

constexpr datagram_row datagram_rows[] = {
    {"plain", dgram_plain, 54321, 53, 12, 0x1234, false, 4},
    {"padded", dgram_padded, 68, 67, 11, 0xabcd, false, 3},
    {"cut", dgram_cut, 12345, 12346, 256, 0xffff, true, 5},
    {"empty", dgram_empty, 0, 65535, 8, 0, false, 0},
    {"max length", dgram_max_length, 7, 7, 65535, 0x8000, true, 0},
};

// Whether `inner` lies within `outer`.
constexpr bool inside(bytes_view inner, bytes_view outer) {
    if (inner.empty()) return true;
    return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

constexpr bool datagram_row_holds(const datagram_row& row) {
    const auto r = udp_datagram_view::parse(row.bytes);
    if (!r) return false;
    const udp_datagram_view v = *r;
    return v.source_port().value() == row.source_port && v.destination_port().value() == row.destination_port &&
           v.length() == row.length && v.checksum() == row.checksum && v.has_checksum() == (row.checksum != 0) &&
           v.truncated() == row.truncated && v.checksum_verifiable() == !row.truncated && !v.is_jumbogram() &&
           v.payload().size() == row.payload_length && v.payload().data() == row.bytes.data() + 8 &&
           v.header().size() == 8 && v.header().data() == row.bytes.data() && v.bytes().size() == row.bytes.size() &&
           v.bytes().data() == row.bytes.data();
}

constexpr bool datagram_rows_hold() {
    for (const auto& row : datagram_rows)
        if (!datagram_row_holds(row)) return false;
    return true;
}
static_assert(datagram_rows_hold());

TEST_CASE("udp: hand-built datagrams, every field read back") {
    for (const auto& row : datagram_rows) {
        CAPTURE(row.name);
        const auto r = udp_datagram_view::parse(row.bytes);
        REQUIRE(r.has_value());
        CHECK(r->source_port().value() == row.source_port);
        CHECK(r->destination_port().value() == row.destination_port);
        CHECK(r->length() == row.length);
        CHECK(r->checksum() == row.checksum);
        CHECK(r->truncated() == row.truncated);
        CHECK(r->payload().size() == row.payload_length);
        CHECK(datagram_row_holds(row));
    }
    const auto padded = *udp_datagram_view::parse(dgram_padded);
    CHECK(std::string_view(reinterpret_cast<const char*>(padded.payload().data()), padded.payload().size()) == "xyz");
    const auto cut = *udp_datagram_view::parse(dgram_cut);
    CHECK(std::string_view(reinterpret_cast<const char*>(cut.payload().data()), cut.payload().size()) == "12345");
}

// ---------------------------------------------------------------------------
// The length field against the bytes given: a header whose length field is
// `length`, in `size` bytes.

struct length_case {
    std::uint16_t length; // the field
    std::size_t size;     // bytes given
    errc error;           // errc{}: parses
    bool truncated;
    std::size_t payload_length;
};

constexpr length_case length_cases[] = {
    // Fewer than 8 bytes: truncated, whatever the field says.
    {8, 0, errc::truncated, false, 0},
    {8, 7, errc::truncated, false, 0},
    {0, 7, errc::truncated, false, 0},
    // A length below 8 cannot count its own header.
    {0, 8, errc::bad_length, false, 0},
    {1, 8, errc::bad_length, false, 0},
    {7, 8, errc::bad_length, false, 0},
    {7, 64, errc::bad_length, false, 0},
    {0, 64, errc::bad_length, false, 0}, // not a jumbogram: 65535 bytes or fewer
    // Equal, above (a snap-length cut) and below (trailing bytes ignored).
    {8, 8, errc{}, false, 0},
    {9, 9, errc{}, false, 1},
    {64, 64, errc{}, false, 56},
    {9, 8, errc{}, true, 0},
    {64, 20, errc{}, true, 12},
    {65535, 64, errc{}, true, 56},
    {8, 64, errc{}, false, 0},
    {9, 64, errc{}, false, 1},
    {63, 64, errc{}, false, 55},
};

constexpr bool length_case_holds(const length_case& c) {
    std::array<std::uint8_t, 64> bytes{};
    bytes[4] = static_cast<std::uint8_t>(c.length >> 8);
    bytes[5] = static_cast<std::uint8_t>(c.length & 0xFF);
    const auto r = udp_datagram_view::parse(bytes_view(bytes.data(), c.size));
    if (c.error != errc{}) return r == c.error;
    return r && r->length() == c.length && r->truncated() == c.truncated && r->payload().size() == c.payload_length &&
           !r->is_jumbogram();
}

constexpr bool length_cases_hold() {
    for (const auto& c : length_cases)
        if (!length_case_holds(c)) return false;
    return true;
}
static_assert(length_cases_hold());

TEST_CASE("udp: length field below 8, above and below the bytes given") {
    for (const auto& c : length_cases) {
        CAPTURE(c.length);
        CAPTURE(c.size);
        CHECK(length_case_holds(c));
    }
    CHECK(udp_datagram_view::parse(bytes_view{}) == errc::truncated);
}

// ---------------------------------------------------------------------------
// Every prefix, copied into a buffer of exactly its size (allocated, so a
// constant evaluation or ASan sees any read past it): shorter than 8 bytes is
// truncated, any other parses (none of these lengths is below 8) with the
// payload cut to what is there.

constexpr std::uint64_t touch(const udp_datagram_view& v) {
    std::uint64_t sum = v.source_port().value();
    sum += v.destination_port().value();
    sum += v.length();
    sum += v.checksum();
    sum += v.truncated();
    sum += v.is_jumbogram();
    sum += v.has_checksum();
    sum += v.checksum_verifiable();
    sum += v.checksum_valid(0);
    for (const std::uint8_t b : v.payload()) sum += b;
    for (const std::uint8_t b : v.header()) sum += b;
    return sum;
}

constexpr bool prefix_holds(bytes_view whole, std::size_t n) {
    auto* copy = new std::uint8_t[n == 0 ? 1 : n];
    for (std::size_t i = 0; i < n; ++i) copy[i] = whole[i];
    const bytes_view prefix(copy, n);
    const auto r = udp_datagram_view::parse(prefix);
    bool ok = false;
    if (n < 8) {
        ok = r == errc::truncated;
    } else if (r) {
        touch(*r);
        const std::size_t length = static_cast<std::size_t>(whole[4] << 8 | whole[5]);
        const std::size_t end = length < n ? length : n;
        ok = r->truncated() == (length > n) && r->payload().size() == end - 8 && inside(r->payload(), prefix) &&
             inside(r->header(), prefix) && (length <= n || !r->checksum_valid(0));
    }
    delete[] copy;
    return ok;
}

constexpr bool every_prefix_holds(bytes_view whole) {
    for (std::size_t n = 0; n <= whole.size(); ++n)
        if (!prefix_holds(whole, n)) return false;
    return true;
}
static_assert(every_prefix_holds(dgram_plain));
static_assert(every_prefix_holds(dgram_padded));
static_assert(every_prefix_holds(dgram_cut));
static_assert(every_prefix_holds(dgram_empty));
static_assert(every_prefix_holds(dgram_max_length));

TEST_CASE("udp: every truncated prefix of the hand-built datagrams") {
    for (const auto& row : datagram_rows) {
        CAPTURE(row.name);
        for (std::size_t n = 0; n <= row.bytes.size(); ++n) {
            CAPTURE(n);
            CHECK(prefix_holds(row.bytes, n));
        }
    }
}

// ---------------------------------------------------------------------------
// Real datagrams from ../shared/captures (IP packets with the link header
// removed); checksums recomputed by hand (a throwaway script summing the
// RFC 768 / RFC 8200 pseudo-header and the datagram) and as tshark 4.0 says.

// tcpdump-LINKTYPE_IPV4.pcap frame 1 (57 bytes of IP packet captured, frame 57 of 57 on the wire)
// clang-format off
constexpr std::uint8_t cap_odd_v4[] = {
    // IPv4 header: 192.168.1.100 > 9.9.9.9, protocol 17, total length 57
    0x45, 0x00, 0x00, 0x39, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0xa6, 0x95, 0xc0, 0xa8, 0x01, 0x64,
    0x09, 0x09, 0x09, 0x09,
    // UDP: 12345 > 53, length 37, checksum 0x1976
    0x30, 0x39, 0x00, 0x35, 0x00, 0x25, 0x19, 0x76,
    // 29 bytes of data (a DNS query for example.com): an odd length
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x65, 0x78, 0x61,
    0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00, 0x01,
};
// clang-format on
// tcpdump-LINKTYPE_IPV6.pcap frame 1 (77 bytes of IP packet captured, frame 77 of 77 on the wire)
// clang-format off
constexpr std::uint8_t cap_odd_v6[] = {
    // IPv6 header: 2001:db8::1 > 2620:fe::9, payload length 37, next header 17
    0x60, 0x00, 0x00, 0x00, 0x00, 0x25, 0x11, 0x40, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x26, 0x20, 0x00, 0xfe, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
    // UDP: 12345 > 53, length 37, checksum 0x98b3
    0x30, 0x39, 0x00, 0x35, 0x00, 0x25, 0x98, 0xb3,
    // 29 bytes of data (the same DNS query): an odd length
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x65, 0x78, 0x61,
    0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01, 0x00, 0x01,
};
// clang-format on
// zeek-ip6-udp-good-chksum.pcap frame 1 (52 bytes of IP packet captured, frame 66 of 66 on the wire)
// clang-format off
constexpr std::uint8_t cap_even_v6[] = {
    // IPv6 header: 2001:4f8:4:7:2e0:81ff:fe52:ffff > 2001:4f8:4:7:2e0:81ff:fe52:9a6b, payload length 12, next header 17
    0x60, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x11, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0x9a, 0x6b,
    // UDP: 30000 > 13000, length 12, checksum 0xbc54
    0x75, 0x30, 0x32, 0xc8, 0x00, 0x0c, 0xbc, 0x54,
    // 4 bytes of data ("XXXX")
    0x58, 0x58, 0x58, 0x58,
};
// clang-format on
// ppp-UdpPacket4Checksum.pcap frame 1 (94 bytes of IP packet captured, frame 108 of 108 on the wire)
// clang-format off
constexpr std::uint8_t cap_even_v4[] = {
    // IPv4 header: 10.0.0.138 > 10.0.0.6, protocol 17, total length 94
    0x45, 0x00, 0x00, 0x5e, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x26, 0x00, 0x0a, 0x00, 0x00, 0x8a,
    0x0a, 0x00, 0x00, 0x06,
    // UDP: 53 > 21536, length 74, checksum 0xee19
    0x00, 0x35, 0x54, 0x20, 0x00, 0x4a, 0xee, 0x19,
    // 66 bytes of data (a DNS response)
    0x39, 0x27, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x05, 0x64, 0x61, 0x69,
    0x73, 0x79, 0x06, 0x75, 0x62, 0x75, 0x6e, 0x74, 0x75, 0x03, 0x63, 0x6f, 0x6d, 0x00, 0x00, 0x01,
    0x00, 0x01, 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x44, 0x00, 0x04, 0x5b, 0xbd,
    0x5f, 0x36, 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x44, 0x00, 0x04, 0x5b, 0xbd,
    0x5f, 0x37,
};
// clang-format on
// zeek-tunnel-vxlan.pcap frame 1 (78 bytes of IP packet captured, frame 92 of 92 on the wire)
// clang-format off
constexpr std::uint8_t cap_no_checksum[] = {
    // IPv4 header: 192.168.56.11 > 192.168.56.12, protocol 17, total length 78
    0x45, 0x00, 0x00, 0x4e, 0xd9, 0x98, 0x40, 0x00, 0x40, 0x11, 0x6f, 0x9e, 0xc0, 0xa8, 0x38, 0x0b,
    0xc0, 0xa8, 0x38, 0x0c,
    // UDP: 39924 > 4789, length 58, checksum 0 (none: VXLAN senders usually skip it)
    0x9b, 0xf4, 0x12, 0xb5, 0x00, 0x3a, 0x00, 0x00,
    // 50 bytes of data (VXLAN carrying an ARP request)
    0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7b, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xba, 0x09,
    0x2b, 0x6e, 0xf8, 0xbe, 0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0xba, 0x09,
    0x2b, 0x6e, 0xf8, 0xbe, 0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x00,
    0x00, 0x02,
};
// clang-format on
// gopacket-pcapng-be-test101.pcapng frame 1 (82 bytes of IP packet captured, frame 96 of 314 on the wire)
// clang-format off
constexpr std::uint8_t cap_snap_cut[] = {
    // IPv4 header: 0.0.0.0 > 255.255.255.255, protocol 17, total length 300 (only 82 bytes captured)
    0x45, 0x00, 0x01, 0x2c, 0xa8, 0x36, 0x00, 0x00, 0xfa, 0x11, 0x17, 0x8b, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0xff,
    // UDP: 68 > 67, length 280, checksum 0x591f
    0x00, 0x44, 0x00, 0x43, 0x01, 0x18, 0x59, 0x1f,
    // the first 54 of 272 bytes of data (DHCP)
    0x01, 0x01, 0x06, 0x00, 0x00, 0x00, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x82, 0x01,
    0xfc, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on

// The pseudo-header sum, unfolded, from the addresses in an IP header:
// RFC 768 (IPv4: addresses, zero, protocol, UDP length) and RFC 8200 section
// 8.1 (IPv6: addresses, 32-bit length, zeros, next header).
constexpr std::uint64_t pseudo_sum(bytes_view ip, std::size_t length) {
    const bool v6 = ip[0] >> 4 == 6;
    const std::uint64_t sum = ipwire::checksum_add(0, v6 ? ip.subspan(8, 32) : ip.subspan(12, 8));
    return sum + 17 + (length >> 16) + (length & 0xFFFF);
}

struct checksum_row {
    std::string_view name;
    bytes_view ip;               // the IP packet as captured
    std::size_t offset;          // where the UDP header starts in it
    std::uint16_t length;        // the UDP length field
    std::uint64_t pseudo_header; // summed by hand
    std::uint16_t checksum;      // the field
};

// All valid, as tshark says ("good").
constexpr checksum_row checksum_rows[] = {
    {"IPv4, 29 bytes of data", cap_odd_v4, 20, 37, 0xd454, 0x1976},
    {"IPv4, 66 bytes of data", cap_even_v4, 20, 74, 0x14eb, 0xee19},
    {"IPv6, 29 bytes of data", cap_odd_v6, 40, 37, 0x5517, 0x98b3},
    {"IPv6, 4 bytes of data", cap_even_v6, 40, 12, 0x4eaf1, 0xbc54},
};

// A copy of the datagram with `extra` padding bytes after it and one byte
// optionally flipped, checked against `pseudo_header`.
constexpr bool checks_out(bytes_view datagram, std::uint64_t pseudo_header, std::size_t extra, std::size_t flip) {
    const std::size_t size = datagram.size() + extra;
    auto* copy = new std::uint8_t[size];
    for (std::size_t i = 0; i < size; ++i) copy[i] = i < datagram.size() ? datagram[i] : 0x5a;
    if (flip < size) copy[flip] ^= 0x01;
    const auto v = udp_datagram_view::parse(bytes_view(copy, size));
    const bool valid = v && v->checksum_valid(pseudo_header);
    delete[] copy;
    return valid;
}

constexpr std::size_t no_flip = ~std::size_t{0};

constexpr bool checksum_row_holds(const checksum_row& row) {
    const bytes_view datagram = row.ip.subspan(row.offset, row.length);
    const auto v = udp_datagram_view::parse(datagram);
    if (!v || v->length() != row.length || v->checksum() != row.checksum || !v->checksum_verifiable()) return false;
    if (pseudo_sum(row.ip, row.length) != row.pseudo_header) return false;
    if (!v->checksum_valid(row.pseudo_header)) return false;
    // Another length in the pseudo-header does not check out.
    if (v->checksum_valid(pseudo_sum(row.ip, row.length + 1U))) return false;
    // Padding after the length is not summed, whatever it holds.
    if (!checks_out(datagram, row.pseudo_header, 3, no_flip)) return false;
    // One bit flipped in the last byte (the high half of a word when the
    // length is odd), or in the header, and it no longer checks out.
    if (checks_out(datagram, row.pseudo_header, 0, datagram.size() - 1)) return false;
    if (checks_out(datagram, row.pseudo_header, 0, 0)) return false;
    // A flipped padding byte changes nothing.
    return checks_out(datagram, row.pseudo_header, 2, datagram.size() + 1);
}

constexpr bool checksum_rows_hold() {
    for (const auto& row : checksum_rows)
        if (!checksum_row_holds(row)) return false;
    return true;
}
static_assert(checksum_rows_hold());

TEST_CASE("udp: checksums of real datagrams over IPv4 and IPv6") {
    for (const auto& row : checksum_rows) {
        CAPTURE(row.name);
        const auto v = udp_datagram_view::parse(row.ip.subspan(row.offset));
        REQUIRE(v.has_value());
        CHECK(v->length() == row.length);
        CHECK(v->payload().size() == row.length - 8U);
        CHECK(v->checksum_valid(row.pseudo_header));
        CHECK(checksum_row_holds(row));
        CHECK(every_prefix_holds(row.ip.subspan(row.offset)));
    }
}

TEST_CASE("udp: real datagram fields") {
    const auto dns = *udp_datagram_view::parse(bytes_view(cap_odd_v4).subspan(20));
    CHECK(dns.source_port().value() == 12345);
    CHECK(dns.destination_port().value() == 53);
    const auto xxxx = *udp_datagram_view::parse(bytes_view(cap_even_v6).subspan(40));
    CHECK(xxxx.source_port().value() == 30000);
    CHECK(xxxx.destination_port().value() == 13000);
    CHECK(std::string_view(reinterpret_cast<const char*>(xxxx.payload().data()), xxxx.payload().size()) == "XXXX");
}

// VXLAN over IPv4 without a checksum: the field is 0. The pseudo-header
// overload has nothing to check and says false.
constexpr bytes_view udp_no_checksum = bytes_view(cap_no_checksum).subspan(20);
static_assert(udp_datagram_view::parse(udp_no_checksum)->checksum() == 0);
static_assert(!udp_datagram_view::parse(udp_no_checksum)->has_checksum());
static_assert(!udp_datagram_view::parse(udp_no_checksum)->checksum_valid(pseudo_sum(cap_no_checksum, 58)));

TEST_CASE("udp: a zero checksum is no checksum") {
    const auto v = udp_datagram_view::parse(udp_no_checksum);
    REQUIRE(v.has_value());
    CHECK(v->source_port().value() == 39924);
    CHECK(v->destination_port().value() == 4789);
    CHECK(v->length() == 58);
    CHECK_FALSE(v->has_checksum());
    CHECK(v->checksum_verifiable());
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_no_checksum, 58)));
}

// DHCP cut by a 96-byte snap length: 62 of 280 bytes captured.
constexpr bytes_view udp_snap_cut = bytes_view(cap_snap_cut).subspan(20);
static_assert(udp_datagram_view::parse(udp_snap_cut)->truncated());

TEST_CASE("udp: a datagram cut by the snap length cannot be verified") {
    const auto v = udp_datagram_view::parse(udp_snap_cut);
    REQUIRE(v.has_value());
    CHECK(v->source_port().value() == 68);
    CHECK(v->destination_port().value() == 67);
    CHECK(v->length() == 280);
    CHECK(v->checksum() == 0x591f);
    CHECK(v->truncated());
    CHECK(v->payload().size() == 54);
    CHECK_FALSE(v->checksum_verifiable());
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_snap_cut, 280)));
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_snap_cut, 62)));
}

// Corner cases of the arithmetic, with the pseudo-header of 0.0.0.0 > 0.0.0.0
// (its sum is protocol 17 + length).

// Data summing to 0xFFFF: the checksum a sender computes is 0, sent as 0xFFFF
// (RFC 768). With the field 0 the sum still folds to 0xFFFF, yet 0 means no
// checksum: not valid.
// clang-format off
constexpr std::uint8_t dgram_all_ones[] = {
    0x00, 0x01,             // source port 1
    0x00, 0x02,             // destination port 2
    0x00, 0x0a,             // length 10
    0xff, 0xff,             // checksum 0xffff: a computed 0
    0xff, 0xd7,             // data: 1 + 2 + 10 + 0xffd7 + pseudo-header 0x1b = 0xffff
};
// clang-format on
// clang-format off
constexpr std::uint8_t dgram_zero_not_computed[] = {
    0x00, 0x01,             // source port 1
    0x00, 0x02,             // destination port 2
    0x00, 0x0a,             // length 10
    0x00, 0x00,             // checksum 0: none
    0xff, 0xd7,             // data: 1 + 2 + 10 + 0xffd7 + 0x1b = 0xffff
};
// clang-format on
// A datagram cut short whose captured bytes happen to sum to 0xFFFF: still
// not verifiable, not valid.
// clang-format off
constexpr std::uint8_t dgram_cut_but_summing[] = {
    0x00, 0x01,             // source port 1
    0x00, 0x02,             // destination port 2
    0x00, 0x0c,             // length 12, of which 10 bytes are given
    0xff, 0xd3,             // checksum: 1 + 2 + 12 + 0xffd3 + 0 + pseudo-header 0x1d = 0xffff
    0x00, 0x00,             // the first 2 of 4 bytes of data
};
// clang-format on

static_assert(udp_datagram_view::parse(dgram_all_ones)->checksum_valid(17 + 10));
static_assert(!udp_datagram_view::parse(dgram_zero_not_computed)->checksum_valid(17 + 10));
static_assert(!udp_datagram_view::parse(dgram_cut_but_summing)->checksum_valid(17 + 12));
// The arithmetic alone would accept the last two.
static_assert(ipwire::checksum_fold(ipwire::checksum_add(17 + 10, dgram_zero_not_computed)) == 0xFFFF);
static_assert(ipwire::checksum_fold(ipwire::checksum_add(17 + 12, dgram_cut_but_summing)) == 0xFFFF);

TEST_CASE("udp: checksum corner cases") {
    CHECK(udp_datagram_view::parse(dgram_all_ones)->checksum_valid(17 + 10));
    CHECK_FALSE(udp_datagram_view::parse(dgram_zero_not_computed)->checksum_valid(17 + 10));
    CHECK_FALSE(udp_datagram_view::parse(dgram_zero_not_computed)->has_checksum());
    const auto cut = udp_datagram_view::parse(dgram_cut_but_summing);
    CHECK(cut->truncated());
    CHECK_FALSE(cut->checksum_verifiable());
    CHECK_FALSE(cut->checksum_valid(17 + 12));
}

// ---------------------------------------------------------------------------
// Jumbograms (RFC 2675 section 4): length 0 with more than 65535 bytes.

// A datagram of `size` bytes: ports 1 and 2, length `length`, checksum
// computed with a test-side loop over an IPv6 pseudo-header for `size` bytes
// (its high length word is 1 past 65535), data bytes i & 0xff.
struct jumbo {
    std::vector<std::uint8_t> bytes;
    std::uint64_t pseudo_header = 0;
};

jumbo make_jumbo(std::size_t size, std::uint16_t length) {
    jumbo j;
    j.bytes.resize(size);
    for (std::size_t i = 8; i < size; ++i) j.bytes[i] = static_cast<std::uint8_t>(i & 0xFF);
    j.bytes[1] = 1;
    j.bytes[3] = 2;
    j.bytes[4] = static_cast<std::uint8_t>(length >> 8);
    j.bytes[5] = static_cast<std::uint8_t>(length & 0xFF);
    // Addresses 2001:db8::1 and 2001:db8::2: words 0x2001, 0x0db8, 1 and 2.
    j.pseudo_header = 0x2001 + 0x0db8 + 0x0001 + 0x2001 + 0x0db8 + 0x0002 + (size >> 16) + (size & 0xFFFF) + 17;
    std::uint64_t sum = j.pseudo_header;
    for (std::size_t i = 0; i < size; i += 2)
        sum += static_cast<std::uint64_t>(j.bytes[i]) << 8 | (i + 1 < size ? j.bytes[i + 1] : 0U);
    while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
    const auto checksum = static_cast<std::uint16_t>(~sum & 0xFFFF);
    j.bytes[6] = static_cast<std::uint8_t>(checksum >> 8);
    j.bytes[7] = static_cast<std::uint8_t>(checksum & 0xFF);
    return j;
}

TEST_CASE("udp: jumbograms") {
    for (const std::size_t size : {std::size_t{65536}, std::size_t{65545}, std::size_t{200001}}) {
        CAPTURE(size);
        const jumbo j = make_jumbo(size, 0);
        const auto v = udp_datagram_view::parse(j.bytes);
        REQUIRE(v.has_value());
        CHECK(v->length() == 0);
        CHECK(v->is_jumbogram());
        CHECK_FALSE(v->truncated());
        CHECK(v->checksum_verifiable());
        CHECK(v->payload().size() == size - 8);
        CHECK(v->checksum_valid(j.pseudo_header));
        CHECK_FALSE(v->checksum_valid(j.pseudo_header + 1));
    }
    // Length 0 in 65535 bytes or fewer: not a jumbogram, a bad length (a
    // jumbogram cut by its capture included).
    CHECK(udp_datagram_view::parse(make_jumbo(65535, 0).bytes) == errc::bad_length);
    CHECK(udp_datagram_view::parse(make_jumbo(9000, 0).bytes) == errc::bad_length);
    // A length field below 8 other than 0 is bad however many bytes follow.
    CHECK(udp_datagram_view::parse(make_jumbo(65536, 7).bytes) == errc::bad_length);
    // A real length with more than 65535 bytes given: cut to the length.
    const jumbo big = make_jumbo(70000, 1000);
    const auto v = udp_datagram_view::parse(big.bytes);
    REQUIRE(v.has_value());
    CHECK_FALSE(v->is_jumbogram());
    CHECK(v->payload().size() == 992);
}

// ---------------------------------------------------------------------------
// The same through ip_packet_view: it builds the pseudo-header (over IPv6 with
// a Home Address option's address as source) and knows the family, which
// decides what a zero checksum means.

// zeek-ip6-hoa-udp-good-chksum.pcap frame 1 (76 bytes of IP packet captured, frame 90 of 90 on the wire)
// clang-format off
constexpr std::uint8_t cap_home_address[] = {
    // IPv6 header: 2001:4f8:4:7:2e0:81ff:fe52:ffff > 2001:4f8:4:7:2e0:81ff:fe52:9a6b, payload length 36, next header 60 (destination options)
    0x60, 0x00, 0x00, 0x00, 0x00, 0x24, 0x3c, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0x9a, 0x6b,
    // Destination Options: next header 17, length 24 bytes; PadN; Home Address option 2001:78:1:32::1 (the pseudo-header's source)
    0x11, 0x02, 0x01, 0x02, 0x00, 0x00, 0xc9, 0x10, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    // UDP: 30000 > 13000, length 12, checksum 0x43de
    0x75, 0x30, 0x32, 0xc8, 0x00, 0x0c, 0x43, 0xde,
    // 4 bytes of data ("XXXX")
    0x58, 0x58, 0x58, 0x58,
};
// clang-format on

constexpr bool through_ip_holds(const checksum_row& row) {
    const auto ip = ipwire::ip_packet_view::parse(row.ip);
    if (!ip) return false;
    const auto v = udp_datagram_view::parse(ip->payload());
    return v && v->bytes().data() == row.ip.data() + row.offset &&
           ip->pseudo_header_sum(row.length) == row.pseudo_header && v->checksum_valid(*ip);
}

constexpr bool through_ip_rows_hold() {
    for (const auto& row : checksum_rows)
        if (!through_ip_holds(row)) return false;
    return true;
}
static_assert(through_ip_rows_hold());

// The Home Address option: summed by hand with 2001:78:1:32::1 as source.
constexpr checksum_row home_address_row = {"IPv6 Home Address option", cap_home_address, 64, 12, 0x2636a, 0x43de};
static_assert(through_ip_holds(home_address_row));
static_assert(!udp_datagram_view::parse(bytes_view(cap_home_address).subspan(64))
                   ->checksum_valid(pseudo_sum(cap_home_address, 12))); // the header's own source

TEST_CASE("udp: checksums through ip_packet_view") {
    for (const auto& row : checksum_rows) {
        CAPTURE(row.name);
        CHECK(through_ip_holds(row));
    }
    CHECK(through_ip_holds(home_address_row));
    const auto ip = ipwire::ip_packet_view::parse(cap_home_address);
    REQUIRE(ip.has_value());
    const auto v = udp_datagram_view::parse(ip->payload());
    REQUIRE(v.has_value());
    CHECK(v->source_port().value() == 30000);
    CHECK(v->destination_port().value() == 13000);
    CHECK(v->checksum_valid(*ip));
    CHECK(v->checksum_valid(home_address_row.pseudo_header));
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_home_address, 12)));
}

// A copy of an IP packet with the UDP checksum field (at `at`) zeroed.
template <std::size_t N>
constexpr std::array<std::uint8_t, N> zero_checksum(const std::uint8_t (&packet)[N], std::size_t at) {
    std::array<std::uint8_t, N> copy{};
    for (std::size_t i = 0; i < N; ++i) copy[i] = packet[i];
    copy[at] = copy[at + 1] = 0;
    return copy;
}

constexpr auto v6_zero_checksum = zero_checksum(cap_even_v6, 46);
constexpr auto v4_zero_checksum = zero_checksum(cap_odd_v4, 26);

constexpr bool zero_valid_through_ip(bytes_view packet) {
    const auto ip = ipwire::ip_packet_view::parse(packet);
    return ip && udp_datagram_view::parse(ip->payload())->checksum_valid(*ip);
}
// Zero: none computed. Valid over IPv4 (RFC 768), not over IPv6 (RFC 8200 section 8.1).
static_assert(zero_valid_through_ip(cap_no_checksum));
static_assert(zero_valid_through_ip(v4_zero_checksum));
static_assert(!zero_valid_through_ip(v6_zero_checksum));
// Even when the IPv4 datagram was cut short: there is nothing to verify.
static_assert(zero_valid_through_ip(bytes_view(cap_no_checksum).first(40)));

TEST_CASE("udp: a zero checksum through ip_packet_view, IPv4 and IPv6") {
    CHECK(zero_valid_through_ip(cap_no_checksum));
    CHECK(zero_valid_through_ip(v4_zero_checksum));
    CHECK_FALSE(zero_valid_through_ip(v6_zero_checksum));
    const auto cut = ipwire::ip_packet_view::parse(bytes_view(cap_no_checksum).first(40));
    REQUIRE(cut.has_value());
    CHECK(cut->truncated());
    const auto v = udp_datagram_view::parse(cut->payload());
    REQUIRE(v.has_value());
    CHECK(v->truncated());
    CHECK_FALSE(v->checksum_verifiable());
    CHECK(v->checksum_valid(*cut));
}

TEST_CASE("udp: a datagram cut by the snap length through ip_packet_view") {
    const auto ip = ipwire::ip_packet_view::parse(cap_snap_cut);
    REQUIRE(ip.has_value());
    CHECK(ip->truncated());
    const auto v = udp_datagram_view::parse(ip->payload());
    REQUIRE(v.has_value());
    CHECK(v->truncated());
    CHECK_FALSE(v->checksum_verifiable());
    CHECK_FALSE(v->checksum_valid(*ip));
}

// An IPv6 jumbogram: payload length 0, a Hop-by-Hop Jumbo Payload option
// (RFC 2675 section 2), UDP length 0. The UDP part is make_jumbo's, whose
// pseudo-header is for 2001:db8::1 > 2001:db8::2.
std::vector<std::uint8_t> make_jumbo_packet(const jumbo& j) {
    const std::size_t jumbo_length = 8 + j.bytes.size(); // Hop-by-Hop header + UDP
    // clang-format off
    std::vector<std::uint8_t> p = {
        0x60, 0x00, 0x00, 0x00, // version 6, traffic class 0, flow label 0
        0x00, 0x00,             // payload length 0: see the jumbo option
        0x00,                   // next header 0: Hop-by-Hop options
        0x40,                   // hop limit 64
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // source 2001:db8::1
        0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, // destination 2001:db8::2
        0x11,                   // Hop-by-Hop: next header 17 (UDP)
        0x00,                   //   length 8 bytes
        0xc2, 0x04,             //   Jumbo Payload option, 4 bytes:
        static_cast<std::uint8_t>(jumbo_length >> 24), static_cast<std::uint8_t>(jumbo_length >> 16 & 0xFF),
        static_cast<std::uint8_t>(jumbo_length >> 8 & 0xFF), static_cast<std::uint8_t>(jumbo_length & 0xFF),
    };
    // clang-format on
    p.insert(p.end(), j.bytes.begin(), j.bytes.end());
    return p;
}

TEST_CASE("udp: a jumbogram through ip_packet_view") {
    for (const std::size_t size : {std::size_t{65536}, std::size_t{65545}}) {
        CAPTURE(size);
        const jumbo j = make_jumbo(size, 0);
        const std::vector<std::uint8_t> packet = make_jumbo_packet(j);
        const auto ip = ipwire::ip_packet_view::parse(packet);
        REQUIRE(ip.has_value());
        CHECK(ip->payload().size() == size);
        CHECK(ip->pseudo_header_sum(static_cast<std::uint32_t>(size)) == j.pseudo_header);
        const auto v = udp_datagram_view::parse(ip->payload());
        REQUIRE(v.has_value());
        CHECK(v->is_jumbogram());
        CHECK(v->checksum_valid(*ip));
    }
}

// ---------------------------------------------------------------------------
// Fragments (issue 11). A first fragment (IPv4 MF with offset 0, or an IPv6
// fragment header with M set) holds only the start of the datagram its
// checksum covers: checksum_verifiable(ip) and checksum_valid(ip) are false,
// even when the checksum happens to add up over the bytes that are there.
// An IPv6 atomic fragment (offset 0, M clear, RFC 6946) is a whole packet.

// IPv4 header 192.0.2.1 -> 198.51.100.1, protocol 17, total length 48,
// with `flags_offset` (0x2000: MF; 0x4000: DF).
constexpr std::array<std::uint8_t, 20> fragment_v4(std::uint8_t flags_offset) {
    return {0x45, 0x00, 0x00,
            48, // version 4, IHL 5, DSCP/ECN 0, total length 48
            0x12, 0x34, flags_offset,
            0x00, // identification, flags and fragment offset 0
            64,   17,   0x00,
            0x00, // TTL 64, protocol, header checksum (not checked)
            192,  0,    2,
            1,    198,  51,
            100,  1}; // source, destination
}
// IPv6 header 2001:db8::1 -> 2001:db8::2 and a fragment header (offset 0,
// M = `more`, identification 0xcafef00d) in front of 17, payload length 36.
constexpr std::array<std::uint8_t, 48> fragment_v6(std::uint8_t more) {
    return {
        0x60, 0x00, 0x00, 0x00, 0x00, 36,   44,   64, // version 6, payload length 36, next header 44 (fragment), hop limit 64
        0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,   0, 0, 0, 0, 0, 0, 0, 1, // source
        0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,   0, 0, 0, 0, 0, 0, 0, 2, // destination
        17,   0,    0x00, more, 0xCA, 0xFE, 0xF0, 0x0D};                       // fragment: next header, offset 0, M, id
}

// `header`, then a UDP datagram 53000 -> 53 whose length field (28) counts
// the 28 bytes there (8 of data, 12 zeros) and whose checksum (`checksum` true) adds up over them
// with the pseudo-header of `header`; with `checksum` false the field is 0.
template <std::size_t N>
constexpr std::array<std::uint8_t, N + 28> with_datagram(const std::array<std::uint8_t, N>& header, bool checksum) {
    std::array<std::uint8_t, N + 28> p{};
    for (std::size_t i = 0; i < N; ++i) p[i] = header[i];
    constexpr std::array<std::uint8_t, 8> head{0xCF, 0x08, 0x00, 0x35, 0x00, 28, 0, 0}; // ports, length 28, checksum
    for (std::size_t i = 0; i < 8; ++i) p[N + i] = head[i];
    for (std::size_t i = 0; i < 8; ++i) p[N + 8 + i] = static_cast<std::uint8_t>('a' + i);
    if (!checksum) return p;
    const auto ip = ipwire::ip_packet_view::parse(p);
    const auto sum = ipwire::checksum_add(ip->pseudo_header_sum(28), bytes_view(p).subspan(N));
    const auto c = static_cast<std::uint16_t>(~ipwire::checksum_fold(sum));
    p[N + 6] = static_cast<std::uint8_t>(c >> 8U);
    p[N + 7] = static_cast<std::uint8_t>(c & 0xFFU);
    return p;
}
constexpr auto udp_v4_whole = with_datagram(fragment_v4(0x00), true);
constexpr auto udp_v4_first_fragment = with_datagram(fragment_v4(0x20), true);
constexpr auto udp_v4_fragment_no_checksum = with_datagram(fragment_v4(0x20), false);
constexpr auto udp_v6_atomic = with_datagram(fragment_v6(0), true);
constexpr auto udp_v6_first_fragment = with_datagram(fragment_v6(1), true);

struct fragment_row {
    std::string_view name;
    bytes_view packet;
    bool verifiable; // checksum_verifiable(ip)
    bool valid;      // checksum_valid(ip)
};
constexpr fragment_row fragment_rows[] = {
    {"IPv4, whole", udp_v4_whole, true, true},
    {"IPv4, first fragment (MF, offset 0)", udp_v4_first_fragment, false, false},
    {"IPv4, first fragment, no checksum (RFC 768)", udp_v4_fragment_no_checksum, false, true},
    {"IPv6, atomic fragment", udp_v6_atomic, true, true},
    {"IPv6, first fragment (M, offset 0)", udp_v6_first_fragment, false, false},
};

constexpr bool fragment_row_holds(const fragment_row& row) {
    const auto ip = ipwire::ip_packet_view::parse(row.packet);
    if (!ip || ip->truncated()) return false;
    const auto v = udp_datagram_view::parse(ip->payload());
    // Whole by its own length in every row: only the fragment tells them apart.
    return v && !v->truncated() && v->checksum_verifiable() && v->payload().size() == 20 &&
           v->checksum_verifiable(*ip) == row.verifiable && v->checksum_valid(*ip) == row.valid;
}
constexpr bool fragment_rows_hold() {
    for (const auto& row : fragment_rows)
        if (!fragment_row_holds(row)) return false;
    return true;
}
static_assert(fragment_rows_hold());

TEST_CASE("udp: a fragment's datagram is not verifiable, an atomic fragment's is") {
    for (const auto& row : fragment_rows) {
        CAPTURE(row.name);
        const auto ip = ipwire::ip_packet_view::parse(row.packet);
        REQUIRE(ip.has_value());
        const auto v = udp_datagram_view::parse(ip->payload());
        REQUIRE(v.has_value());
        CHECK(v->checksum_verifiable());
        CHECK(v->checksum_verifiable(*ip) == row.verifiable);
        CHECK(v->checksum_valid(*ip) == row.valid);
        if (v->has_checksum()) CHECK(v->checksum_valid(ip->pseudo_header_sum(28)));
        CHECK(fragment_row_holds(row));
    }
}

} // namespace
