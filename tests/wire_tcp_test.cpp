// Tests for ipwire/wire/tcp.hpp: hand-built segments with every field read
// back, every option kind, malformed option lists, data offsets out of range,
// every truncated prefix, the flags type, and checksums of real packets from
// ../shared/captures over IPv4 and IPv6 (odd payload lengths included).
#include <ipwire/wire/tcp.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::tcp_flags;
using ipwire::tcp_option;
using ipwire::tcp_option_kind;
using ipwire::tcp_segment_view;

// ---------------------------------------------------------------------------
// The view's shape: only a span, trivially copyable, default-constructible.

static_assert(sizeof(tcp_segment_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<tcp_segment_view>);
static_assert(std::is_nothrow_default_constructible_v<tcp_segment_view>);
static_assert(sizeof(tcp_option) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<tcp_option>);
static_assert(std::is_trivially_copyable_v<tcp_flags>);
static_assert(sizeof(tcp_flags) == 2);
static_assert(std::forward_iterator<ipwire::tcp_option_iterator>);
static_assert(std::ranges::forward_range<ipwire::tcp_option_range>);
static_assert(std::is_trivially_copyable_v<ipwire::tcp_sack_blocks>);
static_assert(tcp_segment_view().bytes().empty());

// ---------------------------------------------------------------------------
// tcp_flags

struct flags_row {
    std::uint16_t bits;    // what the header holds in the low nine bits
    tcp_flags flags;       // the same built from the named constants
    std::string_view text; // to_chars
};

constexpr flags_row flags_rows[] = {
    {0x000, tcp_flags(), ""},
    {0x001, tcp_flags::fin, "FIN"},
    {0x002, tcp_flags::syn, "SYN"},
    {0x004, tcp_flags::rst, "RST"},
    {0x008, tcp_flags::psh, "PSH"},
    {0x010, tcp_flags::ack, "ACK"},
    {0x020, tcp_flags::urg, "URG"},
    {0x040, tcp_flags::ece, "ECE"},
    {0x080, tcp_flags::cwr, "CWR"},
    {0x100, tcp_flags::ae, "AE"},
    {0x012, tcp_flags::syn | tcp_flags::ack, "SYN|ACK"},
    {0x018, tcp_flags::psh | tcp_flags::ack, "PSH|ACK"},
    {0x011, tcp_flags::ack | tcp_flags::fin, "FIN|ACK"},
    {0x014, tcp_flags::rst | tcp_flags::ack, "RST|ACK"},
    {0x0c2, tcp_flags::syn | tcp_flags::ece | tcp_flags::cwr, "SYN|ECE|CWR"}, // RFC 3168 ECN-setup SYN
    {0x152, tcp_flags::syn | tcp_flags::ack | tcp_flags::ece | tcp_flags::ae, "SYN|ACK|ECE|AE"},
    {0x1ff,
     tcp_flags::fin | tcp_flags::syn | tcp_flags::rst | tcp_flags::psh | tcp_flags::ack | tcp_flags::urg |
         tcp_flags::ece | tcp_flags::cwr | tcp_flags::ae,
     "FIN|SYN|RST|PSH|ACK|URG|ECE|CWR|AE"},
};

constexpr bool writes(tcp_flags f, std::string_view expected) {
    char buffer[tcp_flags::max_string_length] = {};
    const auto [ptr, ec] = f.to_chars(buffer, buffer + tcp_flags::max_string_length);
    return ec == std::errc{} && std::string_view(buffer, static_cast<std::size_t>(ptr - buffer)) == expected;
}

constexpr bool flags_rows_hold() {
    for (const auto& row : flags_rows) {
        const tcp_flags f(row.bits);
        if (!(f == row.flags) || f.value() != row.bits || !writes(f, row.text)) return false;
        if (f.empty() != (row.bits == 0)) return false;
        // has() is "all of": each single flag, and the whole set, but no flag outside it.
        if (!f.has(f) || !f.has(tcp_flags())) return false;
        for (unsigned bit = 0; bit < 9; ++bit) {
            const tcp_flags one(static_cast<std::uint16_t>(1U << bit));
            if (f.has(one) != ((row.bits >> bit & 1U) != 0)) return false;
            if (!((f & one) == (f.has(one) ? one : tcp_flags()))) return false;
        }
    }
    return true;
}
static_assert(flags_rows_hold());
// The longest text is exactly max_string_length.
static_assert(flags_rows[std::size(flags_rows) - 1].text.size() == tcp_flags::max_string_length);
// Bits above the ninth (data offset, reserved) are dropped.
static_assert(tcp_flags(0xF012).value() == 0x012);
static_assert(tcp_flags(0xFE00).empty());
static_assert(!(tcp_flags::syn | tcp_flags::ack).has(tcp_flags::syn | tcp_flags::fin));

TEST_CASE("tcp: flags values, has() and text") {
    for (const auto& row : flags_rows) {
        CAPTURE(row.bits);
        const tcp_flags f(row.bits);
        CHECK(f == row.flags);
        CHECK(f.value() == row.bits);
        CHECK(f.to_string() == row.text);
        CHECK(writes(f, row.text));
    }
    CHECK(flags_rows_hold());
}

TEST_CASE("tcp: flags to_chars into a short buffer writes nothing") {
    const tcp_flags f = tcp_flags::syn | tcp_flags::ack; // "SYN|ACK", 7 characters
    char buffer[7] = {'x', 'x', 'x', 'x', 'x', 'x', 'x'};
    const auto short_result = f.to_chars(buffer, buffer + 6);
    CHECK(short_result.ec == std::errc::value_too_large);
    CHECK(short_result.ptr == buffer + 6);
    CHECK(buffer[0] == 'x');
    const auto exact = f.to_chars(buffer, buffer + 7);
    CHECK(exact.ec == std::errc{});
    CHECK(std::string_view(buffer, 7) == "SYN|ACK");
    // No flag: empty text, fits in an empty buffer.
    const auto none = tcp_flags().to_chars(buffer, buffer);
    CHECK(none.ec == std::errc{});
    CHECK(none.ptr == buffer);
}

TEST_CASE("tcp: option kind names") {
    CHECK(to_string(tcp_option_kind::end_of_option_list) == "EOL");
    CHECK(to_string(tcp_option_kind::no_operation) == "NOP");
    CHECK(to_string(tcp_option_kind::maximum_segment_size) == "MSS");
    CHECK(to_string(tcp_option_kind::window_scale) == "WS");
    CHECK(to_string(tcp_option_kind::sack_permitted) == "SACK-permitted");
    CHECK(to_string(tcp_option_kind::sack) == "SACK");
    CHECK(to_string(tcp_option_kind::timestamps) == "TS");
    CHECK(to_string(tcp_option_kind::md5_signature) == "MD5");
    CHECK(to_string(tcp_option_kind::authentication) == "TCP-AO");
    CHECK(to_string(tcp_option_kind::multipath) == "MPTCP");
    CHECK(to_string(tcp_option_kind::fast_open) == "TFO");
    CHECK(to_string(static_cast<tcp_option_kind>(99)).empty());
}

// ---------------------------------------------------------------------------
// Hand-built segments. Checksums here are not computed (they are tested on
// real packets below); every other field is read back.

// A SYN as a client sends it: MSS, NOP, window scale, SACK permitted, EOL.
// clang-format off
constexpr std::uint8_t seg_syn[] = {
    0x9c, 0x40,             // source port 40000
    0x00, 0x50,             // destination port 80
    0x01, 0x02, 0x03, 0x04, // sequence number 0x01020304
    0x00, 0x00, 0x00, 0x00, // acknowledgment number 0 (no ACK flag)
    0x80,                   // data offset 8 words = 32 bytes; reserved 000; AE 0
    0x02,                   // flags: SYN
    0xfa, 0xf0,             // window 64240
    0x12, 0x34,             // checksum 0x1234 (not computed)
    0x00, 0x00,             // urgent pointer 0
    0x02, 0x04, 0x05, 0xb4, // MSS, length 4: 1460
    0x01,                   // NOP
    0x03, 0x03, 0x07,       // window scale, length 3: shift 7
    0x04, 0x02,             // SACK permitted, length 2
    0x00,                   // EOL: ends the list
    0x00,                   // padding to the 32-byte header
    'a', 'b', 'c',          // 3 bytes of data (a TFO-style SYN with data)
};
// clang-format on

// An ACK with AE and CWR, timestamps and three SACK blocks: 40 bytes of options.
// clang-format off
constexpr std::uint8_t seg_sack[] = {
    0x01, 0xbb,             // source port 443
    0xc3, 0x50,             // destination port 50000
    0xde, 0xad, 0xbe, 0xef, // sequence number 0xdeadbeef
    0x00, 0x00, 0x10, 0x00, // acknowledgment number 4096
    0xf1,                   // data offset 15 words = 60 bytes; reserved 000; AE 1
    0x98,                   // flags: CWR, ACK, PSH (0x80 | 0x10 | 0x08)
    0x01, 0x00,             // window 256
    0xab, 0xcd,             // checksum 0xabcd (not computed)
    0x00, 0x00,             // urgent pointer 0
    0x01, 0x01,             // NOP, NOP
    0x08, 0x0a,             // timestamps, length 10
    0x00, 0x00, 0x00, 0x2a, //   TSval 42
    0xff, 0xff, 0xff, 0xfe, //   TSecr 4294967294
    0x01, 0x01,             // NOP, NOP
    0x05, 0x1a,             // SACK, length 26: three blocks
    0x00, 0x00, 0x20, 0x00, //   left 8192
    0x00, 0x00, 0x30, 0x00, //   right 12288
    0x00, 0x00, 0x40, 0x00, //   left 16384
    0x00, 0x00, 0x48, 0x00, //   right 18432
    0xff, 0xff, 0xff, 0x00, //   left 4294967040 (blocks may wrap)
    0x00, 0x00, 0x01, 0x00, //   right 256
    // no data
};
// clang-format on

// A SYN-ACK carrying the less common kinds: MD5, TCP-AO, MPTCP, Fast Open.
// clang-format off
constexpr std::uint8_t seg_misc[] = {
    0x00, 0x16,             // source port 22
    0xff, 0xff,             // destination port 65535
    0x80, 0x00, 0x00, 0x00, // sequence number 0x80000000
    0x01, 0x02, 0x03, 0x05, // acknowledgment number 0x01020305
    0xf0,                   // data offset 15 words = 60 bytes; reserved 000; AE 0
    0x12,                   // flags: SYN, ACK
    0xff, 0xff,             // window 65535
    0x00, 0x00,             // checksum 0 (not computed)
    0x00, 0x00,             // urgent pointer 0
    0x13, 0x12,             // MD5 signature (RFC 2385), length 18
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, //   16-byte digest
    0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, //
    0x1d, 0x08,             // TCP-AO (RFC 5925), length 8
    0x01,                   //   KeyID 1
    0x02,                   //   RNextKeyID 2
    0xca, 0xfe, 0xba, 0xbe, //   4-byte MAC
    0x1e, 0x04,             // MPTCP (RFC 8684), length 4
    0x21,                   //   subtype 2 (DSS), reserved
    0x01,                   //   flags: A (data ACK present)
    0x22, 0x0a,             // Fast Open (RFC 7413), length 10
    0x11, 0x22, 0x33, 0x44, //   8-byte cookie
    0x55, 0x66, 0x77, 0x88, //
    'x',                    // 1 byte of data
};
// clang-format on

// FIN-ACK-URG with reserved bits set, unknown kinds around an MSS.
// clang-format off
constexpr std::uint8_t seg_unknown[] = {
    0x30, 0x39,             // source port 12345
    0x00, 0x00,             // destination port 0
    0xff, 0xff, 0xff, 0xff, // sequence number 0xffffffff
    0x00, 0x00, 0x00, 0x01, // acknowledgment number 1
    0x9a,                   // data offset 9 words = 36 bytes; reserved 101; AE 0
    0x31,                   // flags: URG, ACK, FIN
    0x00, 0x00,             // window 0
    0xff, 0xff,             // checksum 0xffff (not computed)
    0x00, 0x05,             // urgent pointer 5
    0xfd, 0x04, 0xf9, 0x89, // kind 253 (RFC 6994 experiment), length 4, ExID 0xf989
    0x63, 0x02,             // kind 99 (unassigned), length 2, no data
    0xc8, 0x03, 0xaa,       // kind 200 (unassigned), length 3, one data byte
    0x01,                   // NOP
    0x02, 0x04, 0x05, 0x78, // MSS, length 4: 1400 (found past the unknown kinds)
    0x00,                   // EOL
    0x00,                   // padding
    'h', 'e', 'l', 'l', 'o', // 5 bytes of data
};
// clang-format on

// A bare header: data offset 5, no options, no data.
// clang-format off
constexpr std::uint8_t seg_bare[] = {
    0x00, 0x01,             // source port 1
    0x00, 0x02,             // destination port 2
    0x00, 0x00, 0x00, 0x00, // sequence number 0
    0x00, 0x00, 0x00, 0x00, // acknowledgment number 0
    0x50,                   // data offset 5 words = 20 bytes
    0x04,                   // flags: RST
    0x00, 0x00,             // window 0
    0x00, 0x00,             // checksum 0
    0x00, 0x00,             // urgent pointer 0
};
// clang-format on

struct option_item {
    std::uint8_t kind;
    std::size_t length; // whole option, kind and length bytes included
};

struct option_list {
    std::array<option_item, 12> items{};
    std::size_t count = 0;
};

struct sack_list {
    std::array<ipwire::tcp_sack_block, 4> blocks{};
    std::size_t count = 0;
};

struct segment_row {
    std::string_view name;
    bytes_view bytes;
    std::uint16_t source_port;
    std::uint16_t destination_port;
    std::uint32_t sequence_number;
    std::uint32_t acknowledgment_number;
    std::size_t header_length;
    std::uint8_t reserved;
    std::uint16_t flags;
    std::uint16_t window;
    std::uint16_t checksum;
    std::uint16_t urgent_pointer;
    std::size_t payload_length;
    option_list options;
    std::optional<std::uint16_t> mss;
    std::optional<std::uint8_t> window_scale;
    bool sack_permitted;
    sack_list sack;
    std::optional<ipwire::tcp_timestamps> timestamps;
};

constexpr segment_row segment_rows[] = {
    {"syn",
     seg_syn,
     40000,
     80,
     0x01020304,
     0,
     32,
     0,
     0x002,
     64240,
     0x1234,
     0,
     3,
     {{{{2, 4}, {1, 1}, {3, 3}, {4, 2}, {0, 1}}}, 5},
     1460,
     7,
     true,
     {},
     std::nullopt},
    {"sack",
     seg_sack,
     443,
     50000,
     0xdeadbeef,
     4096,
     60,
     0,
     0x198,
     256,
     0xabcd,
     0,
     0,
     {{{{1, 1}, {1, 1}, {8, 10}, {1, 1}, {1, 1}, {5, 26}}}, 6},
     std::nullopt,
     std::nullopt,
     false,
     {{{{8192, 12288}, {16384, 18432}, {4294967040U, 256}}}, 3},
     ipwire::tcp_timestamps{42, 4294967294U}},
    {"misc",
     seg_misc,
     22,
     65535,
     0x80000000U,
     0x01020305,
     60,
     0,
     0x012,
     65535,
     0,
     0,
     1,
     {{{{19, 18}, {29, 8}, {30, 4}, {34, 10}}}, 4},
     std::nullopt,
     std::nullopt,
     false,
     {},
     std::nullopt},
    {"unknown",
     seg_unknown,
     12345,
     0,
     0xffffffffU,
     1,
     36,
     5,
     0x031,
     0,
     0xffff,
     5,
     5,
     {{{{253, 4}, {99, 2}, {200, 3}, {1, 1}, {2, 4}, {0, 1}}}, 6},
     1400,
     std::nullopt,
     false,
     {},
     std::nullopt},
    {"bare", seg_bare, 1, 2, 0, 0, 20, 0, 0x004, 0, 0, 0, 0, {}, std::nullopt, std::nullopt, false, {}, std::nullopt},
};

// Whether `inner` lies within `outer` (both non-empty spans of one array).
constexpr bool inside(bytes_view inner, bytes_view outer) {
    if (inner.empty()) return true;
    return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

constexpr bool options_match(const tcp_segment_view& v, const option_list& expected) {
    std::size_t i = 0;
    for (const tcp_option o : v.options()) {
        if (i == expected.count) return false;
        if (static_cast<std::uint8_t>(o.kind()) != expected.items[i].kind) return false;
        if (o.length() != expected.items[i].length) return false;
        if (o.bytes().size() != o.length() || !inside(o.bytes(), v.header())) return false;
        if (o.data().size() != (o.length() >= 2 ? o.length() - 2 : 0)) return false;
        if (!o.has_valid_length()) return false; // every option here is well formed
        ++i;
    }
    return i == expected.count && v.options().error() == errc{};
}

constexpr bool sack_matches(const ipwire::tcp_sack_blocks& got, const sack_list& expected) {
    if (got.size() != expected.count || got.empty() != (expected.count == 0)) return false;
    std::size_t i = 0;
    for (const auto& block : got)
        if (!(block == expected.blocks[i++])) return false;
    return true;
}

constexpr bool segment_row_holds(const segment_row& row) {
    const auto r = tcp_segment_view::parse(row.bytes);
    if (!r) return false;
    const tcp_segment_view v = *r;
    return v.source_port().value() == row.source_port && v.destination_port().value() == row.destination_port &&
           v.sequence_number() == row.sequence_number && v.acknowledgment_number() == row.acknowledgment_number &&
           v.header_length() == row.header_length && v.reserved() == row.reserved && v.flags().value() == row.flags &&
           v.window() == row.window && v.checksum() == row.checksum && v.urgent_pointer() == row.urgent_pointer &&
           v.payload().size() == row.payload_length && v.header().size() == row.header_length &&
           v.bytes().size() == row.bytes.size() && v.bytes().data() == row.bytes.data() &&
           v.payload().data() == row.bytes.data() + row.header_length &&
           v.options().bytes().size() == row.header_length - 20 && options_match(v, row.options) &&
           v.mss() == row.mss && v.window_scale() == row.window_scale && v.sack_permitted() == row.sack_permitted &&
           sack_matches(v.sack_blocks(), row.sack) && v.timestamps() == row.timestamps;
}

constexpr bool segment_rows_hold() {
    for (const auto& row : segment_rows)
        if (!segment_row_holds(row)) return false;
    return true;
}
static_assert(segment_rows_hold());

TEST_CASE("tcp: hand-built segments, every field read back") {
    for (const auto& row : segment_rows) {
        CAPTURE(row.name);
        const auto r = tcp_segment_view::parse(row.bytes);
        REQUIRE(r.has_value());
        const tcp_segment_view v = *r;
        CHECK(v.source_port().value() == row.source_port);
        CHECK(v.destination_port().value() == row.destination_port);
        CHECK(v.sequence_number() == row.sequence_number);
        CHECK(v.acknowledgment_number() == row.acknowledgment_number);
        CHECK(v.header_length() == row.header_length);
        CHECK(v.reserved() == row.reserved);
        CHECK(v.flags().value() == row.flags);
        CHECK(v.window() == row.window);
        CHECK(v.checksum() == row.checksum);
        CHECK(v.urgent_pointer() == row.urgent_pointer);
        CHECK(v.payload().size() == row.payload_length);
        CHECK(options_match(v, row.options));
        CHECK(v.mss() == row.mss);
        CHECK(v.window_scale() == row.window_scale);
        CHECK(v.sack_permitted() == row.sack_permitted);
        CHECK(sack_matches(v.sack_blocks(), row.sack));
        CHECK(v.timestamps() == row.timestamps);
        CHECK(segment_row_holds(row));
    }
}

TEST_CASE("tcp: flags text of the hand-built segments") {
    CHECK(tcp_segment_view::parse(seg_syn)->flags().to_string() == "SYN");
    CHECK(tcp_segment_view::parse(seg_sack)->flags().to_string() == "PSH|ACK|CWR|AE");
    CHECK(tcp_segment_view::parse(seg_misc)->flags().to_string() == "SYN|ACK");
    CHECK(tcp_segment_view::parse(seg_unknown)->flags().to_string() == "FIN|ACK|URG");
    CHECK(tcp_segment_view::parse(seg_bare)->flags().to_string() == "RST");
    const tcp_flags f = tcp_segment_view::parse(seg_misc)->flags();
    CHECK(f.has(tcp_flags::syn | tcp_flags::ack));
    CHECK_FALSE(f.has(tcp_flags::fin));
}

TEST_CASE("tcp: option data and the MPTCP subtype") {
    const auto v = *tcp_segment_view::parse(seg_misc);
    auto it = v.options().begin();
    const tcp_option md5 = *it++;
    CHECK(md5.kind() == tcp_option_kind::md5_signature);
    REQUIRE(md5.data().size() == 16);
    CHECK(md5.data()[0] == 0x00);
    CHECK(md5.data()[15] == 0x0f);
    CHECK(md5.mptcp_subtype() == std::nullopt);
    const tcp_option ao = *it++;
    CHECK(ao.kind() == tcp_option_kind::authentication);
    REQUIRE(ao.data().size() == 6);
    CHECK(ao.data()[0] == 1); // KeyID
    CHECK(ao.data()[1] == 2); // RNextKeyID
    const tcp_option mptcp = *it++;
    CHECK(mptcp.kind() == tcp_option_kind::multipath);
    CHECK(mptcp.mptcp_subtype() == std::uint8_t{2}); // DSS
    const tcp_option tfo = *it++;
    CHECK(tfo.kind() == tcp_option_kind::fast_open);
    REQUIRE(tfo.data().size() == 8);
    CHECK(tfo.data()[7] == 0x88);
    CHECK(it == v.options().end());
    CHECK(v.payload()[0] == 'x');

    const auto u = *tcp_segment_view::parse(seg_unknown);
    const tcp_option experiment = *u.options().begin();
    CHECK(static_cast<int>(experiment.kind()) == 253);
    REQUIRE(experiment.data().size() == 2);
    CHECK(experiment.data()[0] == 0xf9);
    CHECK(experiment.data()[1] == 0x89);
    CHECK(to_string(experiment.kind()).empty());
    CHECK(std::string_view(reinterpret_cast<const char*>(u.payload().data()), u.payload().size()) == "hello");
}

TEST_CASE("tcp: iterator steps and compares like a forward iterator") {
    const auto v = *tcp_segment_view::parse(seg_syn);
    const auto options = v.options();
    CHECK(test_ranges::distance(options) == 5);
    auto a = options.begin();
    auto b = a;
    CHECK(a == b);
    const auto old = b++;
    CHECK(old == a);
    CHECK(a != b);
    ++a;
    CHECK(a == b);
    CHECK((*a).kind() == tcp_option_kind::no_operation);
    CHECK(ipwire::tcp_option_iterator() == options.end());
    CHECK_FALSE(options.empty());
    CHECK(tcp_segment_view::parse(seg_bare)->options().empty());
}

// ---------------------------------------------------------------------------
// Option lists, well formed and not: each is the option area of a segment
// built around it (data offset 5 + size / 4, SYN, two bytes of data 0xee).

struct option_case {
    std::string_view name;
    std::array<std::uint8_t, 40> area; // the option area, a multiple of 4 bytes
    std::size_t size;
    option_list expected; // what the walk yields before it stops
    errc error;           // errc{}: the walk ends cleanly
    std::optional<std::uint16_t> mss;
    std::optional<std::uint8_t> window_scale;
    bool sack_permitted;
    std::size_t sack_blocks;
    std::optional<ipwire::tcp_timestamps> timestamps;
};

constexpr std::uint8_t filler = 0xee; // the two data bytes after the header

struct built_segment {
    std::array<std::uint8_t, 64> bytes{};
    std::size_t size = 0;
    [[nodiscard]] constexpr bytes_view view() const { return {bytes.data(), size}; }
};

constexpr built_segment build(const std::array<std::uint8_t, 40>& area, std::size_t size) {
    built_segment b;
    b.bytes[12] = static_cast<std::uint8_t>((5 + size / 4) << 4); // data offset
    b.bytes[13] = 0x02;                                           // SYN
    for (std::size_t i = 0; i < size; ++i) b.bytes[20 + i] = area[i];
    b.bytes[20 + size] = filler;
    b.bytes[21 + size] = filler;
    b.size = 22 + size;
    return b;
}

// clang-format off
constexpr option_case option_cases[] = {
    // Malformed: the walk stops with bad_option_length after what it could read.
    {"length byte 0", {0x02, 0x00, 0x00, 0x00}, 4, {}, errc::bad_option_length, std::nullopt, std::nullopt, false, 0,
     std::nullopt},
    {"length byte 1 after a NOP", {0x01, 0x05, 0x01, 0x00}, 4, {{{{1, 1}}}, 1}, errc::bad_option_length,
     std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"length byte 1 after an MSS", {0x02, 0x04, 0x05, 0xb4, 0x08, 0x01, 0x00, 0x00}, 8, {{{{2, 4}}}, 1},
     errc::bad_option_length, 1460, std::nullopt, false, 0, std::nullopt},
    {"unknown kind with length byte 0", {0xc8, 0x00, 0x00, 0x00}, 4, {}, errc::bad_option_length, std::nullopt,
     std::nullopt, false, 0, std::nullopt},
    {"MSS running past the header", {0x01, 0x01, 0x02, 0x06}, 4, {{{{1, 1}, {1, 1}}}, 2},
     errc::bad_option_length, std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"MSS running past the header by one byte", {0x01, 0x01, 0x02, 0x03}, 4, {{{{1, 1}, {1, 1}}}, 2},
     errc::bad_option_length, std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"timestamps running past the header", {0x01, 0x01, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x01}, 8,
     {{{{1, 1}, {1, 1}}}, 2}, errc::bad_option_length, std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"length byte past the header", {0x01, 0x01, 0x01, 0x08}, 4, {{{{1, 1}, {1, 1}, {1, 1}}}, 3},
     errc::bad_option_length, std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"unknown kind's length byte past the header", {0x03, 0x03, 0x0e, 0xc8}, 4, {{{{3, 3}}}, 1},
     errc::bad_option_length, std::nullopt, 14, false, 0, std::nullopt},
    // Unknown kinds are stepped over by their length and never end the walk.
    {"unknown kinds continue",
     {0x63, 0x02, 0x01, 0xc8, 0x03, 0xaa, 0x02, 0x04, 0x05, 0xb4, 0x00, 0x00},
     12, {{{{99, 2}, {1, 1}, {200, 3}, {2, 4}, {0, 1}}}, 5}, errc{}, 1460, std::nullopt, false, 0, std::nullopt},
    {"unknown kind filling the whole area",
     {0xfe, 0x28, 0xf9, 0x89},
     40, {{{{254, 40}}}, 1}, errc{}, std::nullopt, std::nullopt, false, 0, std::nullopt},
    // EOL ends the list: what follows is padding, never read.
    {"EOL hides what follows", {0x00, 0x02, 0x04, 0x05, 0xb4, 0x02, 0x00, 0x00}, 8, {{{{0, 1}}}, 1}, errc{},
     std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"ten NOPs then an option to the last byte",
     {0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00,
      0x00, 0x09},
     20, {{{{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}, {8, 10}}}, 11}, errc{},
     std::nullopt, std::nullopt, false, 0, ipwire::tcp_timestamps{7, 9}},
    // A typed option of the wrong length is skipped by its accessor; the
    // next one of its kind with the right length is read.
    {"MSS of length 3 skipped", {0x02, 0x03, 0x05, 0x02, 0x04, 0x05, 0x78, 0x01}, 8,
     {{{{2, 3}, {2, 4}, {1, 1}}}, 3}, errc{}, 1400, std::nullopt, false, 0, std::nullopt},
    {"MSS of length 5 only", {0x02, 0x05, 0x05, 0xb4, 0x00, 0x00, 0x00, 0x00}, 8, {{{{2, 5}, {0, 1}}}, 2}, errc{},
     std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"window scale of length 4 skipped", {0x03, 0x04, 0x07, 0x00, 0x03, 0x03, 0x09, 0x00}, 8,
     {{{{3, 4}, {3, 3}, {0, 1}}}, 3}, errc{}, std::nullopt, 9, false, 0, std::nullopt},
    {"window scale 15 read as sent", {0x01, 0x03, 0x03, 0x0f}, 4, {{{{1, 1}, {3, 3}}}, 2}, errc{}, std::nullopt, 15,
     false, 0, std::nullopt},
    {"SACK permitted of length 3 skipped", {0x04, 0x03, 0x00, 0x01}, 4, {{{{4, 3}, {1, 1}}}, 2}, errc{},
     std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"SACK of length 2 skipped", {0x05, 0x02, 0x01, 0x01}, 4, {{{{5, 2}, {1, 1}, {1, 1}}}, 3}, errc{},
     std::nullopt, std::nullopt, false, 0, std::nullopt},
    {"SACK of length 9 skipped, then one of length 10",
     {0x05, 0x09, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x0a, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
      0x02, 0x00},
     20, {{{{5, 9}, {5, 10}, {0, 1}}}, 3}, errc{}, std::nullopt, std::nullopt, false, 1, std::nullopt},
    {"SACK of four blocks", {0x01, 0x01, 0x05, 0x22}, 36, {{{{1, 1}, {1, 1}, {5, 34}}}, 3}, errc{}, std::nullopt,
     std::nullopt, false, 4, std::nullopt},
    {"timestamps of length 8 skipped",
     {0x08, 0x08, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x01, 0x01, 0x08, 0x0a, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00,
      0x00, 0x09},
     20, {{{{8, 8}, {1, 1}, {1, 1}, {8, 10}}}, 4}, errc{}, std::nullopt, std::nullopt, false, 0,
     ipwire::tcp_timestamps{7, 9}},
    {"the first of two good options wins", {0x02, 0x04, 0x01, 0x00, 0x02, 0x04, 0x02, 0x00}, 8,
     {{{{2, 4}, {2, 4}}}, 2}, errc{}, 256, std::nullopt, false, 0, std::nullopt},
    {"no options", {}, 0, {}, errc{}, std::nullopt, std::nullopt, false, 0, std::nullopt},
};
// clang-format on

constexpr bool option_list_matches(const tcp_segment_view& v, const option_list& expected, errc error) {
    std::size_t i = 0;
    auto it = v.options().begin();
    for (; it != v.options().end(); ++it) {
        const tcp_option o = *it;
        if (i == expected.count) return false;
        if (static_cast<std::uint8_t>(o.kind()) != expected.items[i].kind) return false;
        if (o.length() != expected.items[i].length || !inside(o.bytes(), v.header())) return false;
        ++i;
    }
    return i == expected.count && it.error() == error && v.options().error() == error;
}

constexpr bool option_case_holds(const option_case& c) {
    const built_segment b = build(c.area, c.size);
    const auto r = tcp_segment_view::parse(b.view());
    if (!r) return false;
    const tcp_segment_view v = *r;
    // Whatever the options, the data is where the data offset says.
    if (v.payload().size() != 2 || v.payload()[0] != filler || v.header_length() != 20 + c.size) return false;
    // Where the walk stops: after an error, at the malformed option (the sum
    // of what was yielded before it); else at the area's end.
    std::size_t yielded = 0;
    for (std::size_t i = 0; i < c.expected.count; ++i) yielded += c.expected.items[i].length;
    const std::size_t stop = c.error == errc{} ? c.size : yielded;
    const ipwire::tcp_options_summary s = v.options_summary();
    return option_list_matches(v, c.expected, c.error) && v.mss() == c.mss && v.window_scale() == c.window_scale &&
           v.sack_permitted() == c.sack_permitted && v.sack_blocks().size() == c.sack_blocks &&
           v.timestamps() == c.timestamps && s.mss() == c.mss && s.window_scale() == c.window_scale &&
           s.sack_permitted() == c.sack_permitted && s.sack_blocks().size() == c.sack_blocks &&
           s.timestamps() == c.timestamps && s.error() == c.error && s.count() == c.expected.count &&
           s.offset() == stop && v.options().offset() == stop &&
           s.options().bytes().data() == v.options().bytes().data();
}

constexpr bool option_cases_hold() {
    for (const auto& c : option_cases)
        if (!option_case_holds(c)) return false;
    return true;
}
static_assert(option_cases_hold());

TEST_CASE("tcp: option lists, malformed ones stop with bad_option_length") {
    for (const auto& c : option_cases) {
        CAPTURE(c.name);
        const built_segment b = build(c.area, c.size);
        const auto r = tcp_segment_view::parse(b.view());
        REQUIRE(r.has_value());
        CHECK(r->options().error() == c.error);
        CHECK(r->mss() == c.mss);
        CHECK(r->window_scale() == c.window_scale);
        CHECK(r->sack_permitted() == c.sack_permitted);
        CHECK(r->sack_blocks().size() == c.sack_blocks);
        CHECK(r->timestamps() == c.timestamps);
        const ipwire::tcp_options_summary s = r->options_summary();
        CHECK(s.error() == c.error);
        CHECK(s.count() == c.expected.count);
        CHECK(s.mss() == c.mss);
        CHECK(s.window_scale() == c.window_scale);
        CHECK(s.sack_permitted() == c.sack_permitted);
        CHECK(s.sack_blocks().size() == c.sack_blocks);
        CHECK(s.timestamps() == c.timestamps);
        CHECK(option_case_holds(c));
    }
}

// The summary's view of repeats and wrong lengths, and every occurrence.
// clang-format off
constexpr std::array<std::uint8_t, 40> repeats_area = {
    0x02, 0x03, 0x05,             // MSS of length 3 (invalid), at 0
    0x02, 0x04, 0x05, 0xb4,       // MSS 1460, at 3: the one read
    0x02, 0x04, 0x02, 0x18,       // MSS 536, at 7: a repeat, not read
    0x04, 0x02,                   // SACK-permitted, at 11
    0x05, 0x0a,                   // SACK, one block, at 13
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x20,
    0x08, 0x0a,                   // timestamps, at 23
    0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x06,
    0x00,                         // EOL, at 33; then padding to 36
};
// clang-format on

constexpr bool repeats_hold() {
    const built_segment b = build(repeats_area, 36);
    const auto v = tcp_segment_view::parse(b.view());
    if (!v) return false;
    const ipwire::tcp_options_summary s = v->options_summary();
    const auto blocks = s.sack_blocks();
    std::size_t mss_seen = 0;
    std::size_t mss_offsets = 0;
    for (auto it = s.occurrences(tcp_option_kind::maximum_segment_size).begin(); it != std::default_sentinel; ++it) {
        ++mss_seen;
        mss_offsets += it.offset();
    }
    return s.mss() == 1460 && s.sack_permitted() && blocks.size() == 1 &&
           blocks[0] == ipwire::tcp_sack_block{0x10, 0x20} && s.timestamps() == ipwire::tcp_timestamps{5, 6} &&
           !s.window_scale() && s.has_repeated_option() && s.has_invalid_length() && s.count() == 7 &&
           s.error() == errc{} && s.offset() == 36 && mss_seen == 3 && mss_offsets == 0 + 3 + 7 &&
           test_ranges::distance(s.occurrences(tcp_option_kind::window_scale)) == 0 &&
           test_ranges::distance(s.occurrences(tcp_option_kind::end_of_option_list)) == 1;
}
static_assert(repeats_hold());
// One clean option of each kind: no repeat, no wrong length.
static_assert(!tcp_segment_view::parse(seg_syn)->options_summary().has_repeated_option());
static_assert(!tcp_segment_view::parse(seg_syn)->options_summary().has_invalid_length());
static_assert(ipwire::tcp_options_summary().count() == 0 && !ipwire::tcp_options_summary().mss());

TEST_CASE("tcp_options_summary: repeats, wrong lengths and every occurrence") {
    CHECK(repeats_hold());
    const built_segment b = build(repeats_area, 36);
    const ipwire::tcp_options_summary s = tcp_segment_view::parse(b.view())->options_summary();
    CHECK(s.mss() == 1460);
    CHECK(s.has_repeated_option());
    CHECK(s.has_invalid_length());
    std::vector<std::size_t> lengths;
    for (const tcp_option o : s.occurrences(tcp_option_kind::maximum_segment_size)) lengths.push_back(o.length());
    CHECK(lengths == std::vector<std::size_t>{3, 4, 4});
}

// has_valid_length, per kind: a segment whose option area holds one option of
// that kind and length (zero data), padded with EOL.
struct length_rule {
    std::uint8_t kind;
    std::uint8_t length;
    bool valid;
};

// clang-format off
constexpr length_rule length_rules[] = {
    {2, 4, true},   {2, 3, false},  {2, 5, false},                                   // MSS
    {3, 3, true},   {3, 2, false},  {3, 4, false},                                   // window scale
    {4, 2, true},   {4, 3, false},                                                   // SACK permitted
    {5, 10, true},  {5, 18, true},  {5, 26, true},  {5, 34, true},                   // SACK, 1 to 4 blocks
    {5, 2, false},  {5, 9, false},  {5, 11, false}, {5, 17, false}, {5, 40, false},  // SACK, not 2 + 8n
    {8, 10, true},  {8, 8, false},  {8, 12, false},                                  // timestamps
    {19, 18, true}, {19, 17, false}, {19, 20, false},                                // MD5
    {29, 4, true},  {29, 16, true}, {29, 40, true}, {29, 3, false}, {29, 2, false},  // TCP-AO
    {30, 3, true},  {30, 12, true}, {30, 2, false},                                  // MPTCP
    {34, 2, true},  {34, 6, true},  {34, 18, true}, {34, 3, false}, {34, 5, false},  // Fast Open
    {34, 19, false}, {34, 20, false},                                                //
    {99, 2, true},  {99, 40, true}, {253, 4, true},                                  // unknown: no rule
};
// clang-format on

constexpr bool length_rule_holds(const length_rule& rule) {
    std::array<std::uint8_t, 40> area{};
    area[0] = rule.kind;
    area[1] = rule.length;
    const std::size_t size = (rule.length + 3U) / 4U * 4U;
    const built_segment b = build(area, size);
    const auto r = tcp_segment_view::parse(b.view());
    if (!r || r->options().error() != errc{}) return false;
    const tcp_option o = *r->options().begin();
    return static_cast<std::uint8_t>(o.kind()) == rule.kind && o.length() == rule.length &&
           o.has_valid_length() == rule.valid && o.mptcp_subtype().has_value() == (rule.kind == 30 && rule.length >= 3);
}

constexpr bool length_rules_hold() {
    for (const auto& rule : length_rules)
        if (!length_rule_holds(rule)) return false;
    return true;
}
static_assert(length_rules_hold());

TEST_CASE("tcp: option length rules per kind") {
    for (const auto& rule : length_rules) {
        CAPTURE(int{rule.kind});
        CAPTURE(int{rule.length});
        CHECK(length_rule_holds(rule));
    }
}

// ---------------------------------------------------------------------------
// Data offset and length: a header of `size` bytes whose data offset field is
// `data_offset` (the rest zero).

struct offset_case {
    std::uint8_t data_offset; // in 32-bit words, as the field holds it
    std::size_t size;         // bytes given
    errc error;               // errc{}: parses
};

constexpr offset_case offset_cases[] = {
    {5, 19, errc::truncated},
    {0, 19, errc::truncated},
    {15, 0, errc::truncated},
    {0, 20, errc::bad_data_offset},
    {1, 20, errc::bad_data_offset},
    {4, 20, errc::bad_data_offset},
    {4, 60, errc::bad_data_offset},
    {0, 64, errc::bad_data_offset},
    {5, 20, errc{}},
    {5, 64, errc{}},
    {6, 20, errc::bad_data_offset},
    {6, 23, errc::bad_data_offset},
    {6, 24, errc{}},
    {15, 20, errc::bad_data_offset},
    {15, 59, errc::bad_data_offset},
    {15, 60, errc{}},
    {15, 64, errc{}},
};

constexpr bool offset_case_holds(const offset_case& c) {
    std::array<std::uint8_t, 64> bytes{};
    bytes[12] = static_cast<std::uint8_t>(c.data_offset << 4);
    const auto r = tcp_segment_view::parse(bytes_view(bytes.data(), c.size));
    if (c.error != errc{}) return r == c.error;
    return r && r->header_length() == c.data_offset * 4U && r->payload().size() == c.size - c.data_offset * 4U;
}

constexpr bool offset_cases_hold() {
    for (const auto& c : offset_cases)
        if (!offset_case_holds(c)) return false;
    return true;
}
static_assert(offset_cases_hold());

TEST_CASE("tcp: data offset below 5 or past the bytes, and short headers") {
    for (const auto& c : offset_cases) {
        CAPTURE(int{c.data_offset});
        CAPTURE(c.size);
        CHECK(offset_case_holds(c));
    }
    CHECK(tcp_segment_view::parse(bytes_view{}) == errc::truncated);
}

// ---------------------------------------------------------------------------
// Every prefix of every segment, each copied into a buffer of exactly its size
// (allocated, so a constant evaluation or ASan sees any read past it): a
// prefix shorter than 20 bytes is truncated, one shorter than the header is
// bad_data_offset, any other parses and every accessor stays inside it.

// Reads every field and option; returns a sum so nothing is optimised away.
constexpr std::uint64_t touch(const tcp_segment_view& v) {
    std::uint64_t sum = v.source_port().value() + v.destination_port().value() + v.sequence_number() +
                        v.acknowledgment_number() + v.header_length() + v.reserved() + v.flags().value() + v.window() +
                        v.checksum() + v.urgent_pointer();
    for (const tcp_option o : v.options()) {
        sum += static_cast<std::uint8_t>(o.kind()) + o.length() + o.has_valid_length();
        for (const std::uint8_t b : o.data()) sum += b;
        sum += o.mptcp_subtype().value_or(0);
    }
    sum += static_cast<std::uint64_t>(v.options().error());
    sum += v.mss().value_or(0);
    sum += v.window_scale().value_or(0);
    sum += v.sack_permitted();
    for (const auto& block : v.sack_blocks()) sum += block.left + block.right;
    if (const auto ts = v.timestamps()) sum += ts->value + ts->echo_reply;
    for (const std::uint8_t b : v.payload()) sum += b;
    sum += v.checksum_valid(0);
    return sum;
}

constexpr bool prefix_holds(bytes_view whole, std::size_t n) {
    auto* copy = new std::uint8_t[n == 0 ? 1 : n];
    for (std::size_t i = 0; i < n; ++i) copy[i] = whole[i];
    const bytes_view prefix(copy, n);
    const auto r = tcp_segment_view::parse(prefix);
    bool ok = false;
    const std::size_t header = n >= 13 ? static_cast<std::size_t>(whole[12] >> 4) * 4U : 0;
    if (n < 20) {
        ok = r == errc::truncated;
    } else if (n < header || header < 20) {
        ok = r == errc::bad_data_offset;
    } else if (r) {
        touch(*r);
        ok = r->header_length() == header && r->payload().size() == n - header && inside(r->header(), prefix) &&
             inside(r->payload(), prefix) && inside(r->options().bytes(), r->header());
    }
    delete[] copy;
    return ok;
}

constexpr bool every_prefix_holds(bytes_view whole) {
    for (std::size_t n = 0; n <= whole.size(); ++n)
        if (!prefix_holds(whole, n)) return false;
    return true;
}
static_assert(every_prefix_holds(seg_syn));
static_assert(every_prefix_holds(seg_sack));
static_assert(every_prefix_holds(seg_misc));
static_assert(every_prefix_holds(seg_unknown));
static_assert(every_prefix_holds(seg_bare));

TEST_CASE("tcp: every truncated prefix of the hand-built segments") {
    for (const auto& row : segment_rows) {
        CAPTURE(row.name);
        for (std::size_t n = 0; n <= row.bytes.size(); ++n) {
            CAPTURE(n);
            CHECK(prefix_holds(row.bytes, n));
        }
    }
    for (const auto& c : option_cases) {
        CAPTURE(c.name);
        const built_segment b = build(c.area, c.size);
        CHECK(every_prefix_holds(b.view()));
    }
}

// ---------------------------------------------------------------------------
// Real packets from ../shared/captures (IP packets with the link header
// removed), with the fields tshark 4.0 prints for them and checksums
// recomputed by hand (a throwaway script summing the RFC 9293 / RFC 8200
// pseudo-header and the segment).

// zeek-tcp-options.pcap frame 1 (64 bytes of IP packet captured, frame 78 of 78 on the wire)
// clang-format off
constexpr std::uint8_t cap_options_syn[] = {
    // IPv4 header: 192.168.1.102 > 193.1.193.64, protocol 6, total length 60
    0x45, 0x00, 0x00, 0x3c, 0xa9, 0x12, 0x40, 0x00, 0x40, 0x06, 0x4d, 0x59, 0xc0, 0xa8, 0x01, 0x66,
    0xc1, 0x01, 0xc1, 0x40,
    // TCP: 36861 > 80, seq 3750886907, SYN, window 5840, checksum 0x2a1c, data offset 40: MSS 1460, SACK permitted, TS 4294923497/0, NOP, WS 6
    0x8f, 0xfd, 0x00, 0x50, 0xdf, 0x91, 0xfd, 0xfb, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x02, 0x16, 0xd0,
    0x2a, 0x1c, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0xff, 0xff, 0x54, 0xe9,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x06,
    // 4 bytes past the IP total length (the frame's trailer): not part of the segment
    0x61, 0x99, 0x60, 0x7c,
};
// clang-format on
// zeek-ip4-tcp-bad-chksum.pcap frame 1 (40 bytes of IP packet captured, frame 54 of 54 on the wire)
// clang-format off
constexpr std::uint8_t cap_bad_checksum[] = {
    // IPv4 header: 127.0.0.1 > 127.0.0.1, protocol 6, total length 40
    0x45, 0x00, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x7c, 0xcd, 0x7f, 0x00, 0x00, 0x01,
    0x7f, 0x00, 0x00, 0x01,
    // TCP: 30000 > 80, SYN, window 8192, checksum 0x0001 (tshark: bad, should be 0x1c60), no options, no data
    0x75, 0x30, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0x20, 0x00,
    0x00, 0x01, 0x00, 0x00,
};
// clang-format on
// ppp-many_interfaces-1.pcapng frame 31 (103 bytes of IP packet captured, frame 117 of 117 on the wire)
// clang-format off
constexpr std::uint8_t cap_odd_v4[] = {
    // IPv4 header: 192.168.1.139 > 74.125.228.227, protocol 6, total length 103
    0x45, 0x00, 0x00, 0x67, 0x7c, 0xa2, 0x40, 0x00, 0x40, 0x06, 0xcc, 0x5a, 0xc0, 0xa8, 0x01, 0x8b,
    0x4a, 0x7d, 0xe4, 0xe3,
    // TCP: 50981 > 443, PSH|ACK, checksum 0x9a08, data offset 32: NOP, NOP, TS 1261080917/3830938478
    0xc7, 0x25, 0x01, 0xbb, 0x2b, 0xce, 0x30, 0x90, 0x43, 0x54, 0x83, 0xc3, 0x80, 0x18, 0x10, 0x14,
    0x9a, 0x08, 0x00, 0x00, 0x01, 0x01, 0x08, 0x0a, 0x4b, 0x2a, 0x91, 0x55, 0xe4, 0x57, 0x7b, 0x6e,
    // 51 bytes of data (TLS): an odd length
    0x14, 0x03, 0x03, 0x00, 0x01, 0x01, 0x16, 0x03, 0x03, 0x00, 0x28, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x2f, 0x64, 0x40, 0xf5, 0xc5, 0xeb, 0xaf, 0x4b, 0x6d, 0xbc, 0x40, 0x70, 0x94,
    0x5f, 0x27, 0x24, 0xd6, 0x7d, 0xe0, 0xca, 0x60, 0xe5, 0x83, 0x13, 0x6f, 0x0b, 0x58, 0x46, 0x3a,
    0x11, 0x41, 0x73,
};
// clang-format on
// zeek-ipv6-http-atomic-frag.pcap frame 8 (83 bytes of IP packet captured, frame 97 of 97 on the wire)
// clang-format off
constexpr std::uint8_t cap_odd_v6[] = {
    // IPv6 header: 2001:db8:1::2 > 2001:db8:1::1, payload length 43, next header 60 (destination options)
    0x60, 0x00, 0x00, 0x00, 0x00, 0x2b, 0x3c, 0x40, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    // Destination Options header: next header 6 (TCP), length 8 bytes, PadN
    0x06, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00,
    // TCP: 36951 > 80, PSH|ACK, checksum 0x0830, no options
    0x90, 0x57, 0x00, 0x50, 0xe3, 0x1e, 0xbd, 0x4f, 0xbd, 0xdb, 0xf8, 0x15, 0x50, 0x18, 0x20, 0x00,
    0x08, 0x30, 0x00, 0x00,
    // 15 bytes of data ("GET /bad.html\r\n"): an odd length
    0x47, 0x45, 0x54, 0x20, 0x2f, 0x62, 0x61, 0x64, 0x2e, 0x68, 0x74, 0x6d, 0x6c, 0x0d, 0x0a,
};
// clang-format on
// zeek-tcp-option-sack.pcap frame 1 (52 bytes of IP packet captured, frame 66 of 66 on the wire)
// clang-format off
constexpr std::uint8_t cap_sack_1[] = {
    // IPv4 header: 127.0.0.1 > 127.0.0.1, protocol 6, total length 52
    0x45, 0x00, 0x00, 0x34, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x7c, 0xc1, 0x7f, 0x00, 0x00, 0x01,
    0x7f, 0x00, 0x00, 0x01,
    // TCP: 20 > 80, SYN, checksum 0x5c55, data offset 32: SACK with one block, EOL, EOL
    0x00, 0x14, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x02, 0x20, 0x00,
    0x5c, 0x55, 0x00, 0x00, 0x05, 0x0a, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
};
// clang-format on
// zeek-tcp-option-sack.pcap frame 4 (76 bytes of IP packet captured, frame 90 of 90 on the wire)
// clang-format off
constexpr std::uint8_t cap_sack_4[] = {
    // IPv4 header: 127.0.0.1 > 127.0.0.1, protocol 6, total length 76
    0x45, 0x00, 0x00, 0x4c, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x7c, 0xa9, 0x7f, 0x00, 0x00, 0x01,
    0x7f, 0x00, 0x00, 0x01,
    // TCP: 20 > 80, SYN, checksum 0xda13, data offset 56: SACK with four blocks, EOL, EOL
    0x00, 0x14, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe0, 0x02, 0x20, 0x00,
    0xda, 0x13, 0x00, 0x00, 0x05, 0x22, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on
// zeek-tcp-timestamp.pcap frame 4 (82 bytes of IP packet captured, frame 96 of 1514 on the wire)
// clang-format off
constexpr std::uint8_t cap_snap_cut[] = {
    // IPv4 header: 192.168.2.20 > 192.168.1.10, protocol 6, total length 1500 (only 82 bytes captured)
    0x45, 0x00, 0x05, 0xdc, 0x67, 0xf4, 0x40, 0x00, 0x3f, 0x06, 0x49, 0xb9, 0xc0, 0xa8, 0x02, 0x14,
    0xc0, 0xa8, 0x01, 0x0a,
    // TCP: 12345 > 60706, ACK, data offset 32: NOP, NOP, TS
    0x30, 0x39, 0xed, 0x22, 0xc8, 0x50, 0xec, 0xc5, 0x9f, 0x38, 0x40, 0x4f, 0x80, 0x10, 0x00, 0xe3,
    0x6e, 0x8d, 0x00, 0x00, 0x01, 0x01, 0x08, 0x0a, 0x1f, 0xb7, 0x8b, 0x31, 0x23, 0xe9, 0x7f, 0x5b,
    // the first 30 of 1448 bytes of data
    0x52, 0xfd, 0xfc, 0x07, 0x21, 0x82, 0x65, 0x4f, 0x16, 0x3f, 0x5f, 0x0f, 0x9a, 0x62, 0x1d, 0x72,
    0x95, 0x66, 0xc7, 0x4d, 0x10, 0x03, 0x7c, 0x4d, 0x7b, 0xbb, 0x04, 0x07, 0xd1, 0xe2,
};
// clang-format on
// zeek-tcp-truncated-header.pcap frame 1 (54 bytes of IP packet captured, frame 68 of 74 on the wire)
// clang-format off
constexpr std::uint8_t cap_cut_header[] = {
    // IPv4 header: 201.186.157.67 > 128.3.26.249, protocol 6, total length 60 (only 54 bytes captured)
    0x45, 0x00, 0x00, 0x3c, 0x38, 0xe0, 0x40, 0x00, 0x33, 0x06, 0x0c, 0xe2, 0xc9, 0xba, 0x9d, 0x43,
    0x80, 0x03, 0x1a, 0xf9,
    // TCP: 60827 > 25, SYN|ECE|CWR, data offset 40 but only 34 bytes captured
    0xed, 0x9b, 0x00, 0x19, 0x3e, 0x17, 0x75, 0xde, 0x00, 0x00, 0x00, 0x00, 0xa0, 0xc2, 0x16, 0xd0,
    0x90, 0xd6, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x08, 0x00, 0x00, 0x00, 0x01,
    0x00, 0x00,
};
// clang-format on
// ppp-tcp-malformed.pcap frame 1 (46 bytes of IP packet captured, frame 60 of 60 on the wire)
// clang-format off
constexpr std::uint8_t cap_short_segment[] = {
    // IPv4 header: 172.19.42.74 > 87.240.131.240, protocol 6, total length 40
    0x45, 0x00, 0x00, 0x28, 0x09, 0x58, 0x40, 0x00, 0x80, 0x06, 0x3f, 0x3a, 0xac, 0x13, 0x2a, 0x4a,
    0x57, 0xf0, 0x83, 0xf0,
    // TCP: 49671 > 25014, ACK, data offset 28 in a 20-byte segment
    0xc2, 0x07, 0x61, 0xb6, 0x57, 0x44, 0x50, 0x5b, 0x4d, 0xa4, 0x90, 0xb9, 0x70, 0x10, 0x08, 0x91,
    0xbb, 0xe7, 0xe0, 0x0a,
    // Ethernet padding past the IP total length
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
// clang-format on

constexpr bytes_view segment_of(bytes_view ip, std::size_t offset, std::size_t end) {
    return ip.subspan(offset, end - offset);
}

// The TCP segments of the captures, as their IP packets delimit them.
constexpr bytes_view tcp_options_syn = segment_of(cap_options_syn, 20, 60);
constexpr bytes_view tcp_bad_checksum = segment_of(cap_bad_checksum, 20, 40);
constexpr bytes_view tcp_odd_v4 = segment_of(cap_odd_v4, 20, 103);
constexpr bytes_view tcp_odd_v6 = segment_of(cap_odd_v6, 48, 83);
constexpr bytes_view tcp_sack_1 = segment_of(cap_sack_1, 20, 52);
constexpr bytes_view tcp_sack_4 = segment_of(cap_sack_4, 20, 76);
constexpr bytes_view tcp_snap_cut = segment_of(cap_snap_cut, 20, 82); // all that was captured of 1480

// tshark's fields for them (tcp_opt_kinds lists what follows an EOL too:
// "5|0|0" where the walk here stops at the first EOL).
constexpr segment_row capture_rows[] = {
    {"zeek-tcp-options 1",
     tcp_options_syn,
     36861,
     80,
     3750886907U,
     0,
     40,
     0,
     0x002,
     5840,
     0x2a1c,
     0,
     0,
     {{{{2, 4}, {4, 2}, {8, 10}, {1, 1}, {3, 3}}}, 5},
     1460,
     6,
     true,
     {},
     ipwire::tcp_timestamps{4294923497U, 0}},
    {"zeek-ip4-tcp-bad-chksum 1",
     tcp_bad_checksum,
     30000,
     80,
     0,
     0,
     20,
     0,
     0x002,
     8192,
     0x0001,
     0,
     0,
     {},
     std::nullopt,
     std::nullopt,
     false,
     {},
     std::nullopt},
    {"ppp-many_interfaces-1 31",
     tcp_odd_v4,
     50981,
     443,
     734933136,
     1129612227,
     32,
     0,
     0x018,
     4116,
     0x9a08,
     0,
     51,
     {{{{1, 1}, {1, 1}, {8, 10}}}, 3},
     std::nullopt,
     std::nullopt,
     false,
     {},
     ipwire::tcp_timestamps{1261080917, 3830938478U}},
    {"zeek-ipv6-http-atomic-frag 8",
     tcp_odd_v6,
     36951,
     80,
     3810442575U,
     3185309717U,
     20,
     0,
     0x018,
     8192,
     0x0830,
     0,
     15,
     {},
     std::nullopt,
     std::nullopt,
     false,
     {},
     std::nullopt},
    {"zeek-tcp-option-sack 1",
     tcp_sack_1,
     20,
     80,
     0,
     0,
     32,
     0,
     0x002,
     8192,
     0x5c55,
     0,
     0,
     {{{{5, 10}, {0, 1}}}, 2},
     std::nullopt,
     std::nullopt,
     false,
     {{{{1, 16}}}, 1},
     std::nullopt},
    {"zeek-tcp-option-sack 4",
     tcp_sack_4,
     20,
     80,
     0,
     0,
     56,
     0,
     0x002,
     8192,
     0xda13,
     0,
     0,
     {{{{5, 34}, {0, 1}}}, 2},
     std::nullopt,
     std::nullopt,
     false,
     {{{{0x1, 0x10}, {0x100, 0x1000}, {0x10000, 0x100000}, {0x1000000, 0x10000000}}}, 4},
     std::nullopt},
    {"zeek-tcp-timestamp 4",
     tcp_snap_cut,
     12345,
     60706,
     3360746693U,
     2671263823U,
     32,
     0,
     0x010,
     227,
     0x6e8d,
     0,
     30,
     {{{{1, 1}, {1, 1}, {8, 10}}}, 3},
     std::nullopt,
     std::nullopt,
     false,
     {},
     ipwire::tcp_timestamps{532122417, 602505051}},
};

constexpr bool capture_rows_hold() {
    for (const auto& row : capture_rows)
        if (!segment_row_holds(row)) return false;
    return true;
}
static_assert(capture_rows_hold());

TEST_CASE("tcp: real segments read as tshark reads them") {
    for (const auto& row : capture_rows) {
        CAPTURE(row.name);
        CHECK(segment_row_holds(row));
        CHECK(every_prefix_holds(row.bytes));
    }
    CHECK(tcp_segment_view::parse(tcp_options_syn)->flags().to_string() == "SYN");
    CHECK(tcp_segment_view::parse(tcp_odd_v4)->flags().to_string() == "PSH|ACK");
}

// Headers that do not fit: a SYN cut by a 68-byte snap length inside its
// options (tshark reads the options it can), and a 28-byte data offset in a
// 20-byte segment (tshark: "Short segment").
TEST_CASE("tcp: real headers past their bytes are bad_data_offset") {
    CHECK(tcp_segment_view::parse(bytes_view(cap_cut_header).subspan(20)) == errc::bad_data_offset);
    CHECK(tcp_segment_view::parse(segment_of(cap_short_segment, 20, 40)) == errc::bad_data_offset);
    // Even with the Ethernet padding mistaken for segment bytes (26 bytes).
    CHECK(tcp_segment_view::parse(bytes_view(cap_short_segment).subspan(20)) == errc::bad_data_offset);
}

// ---------------------------------------------------------------------------
// Checksums over the pseudo-header sum.

// The pseudo-header sum, unfolded, from the addresses in an IP header: RFC 9293
// section 3.1 (IPv4: addresses, zero, protocol, TCP length) and RFC 8200
// section 8.1 (IPv6: addresses, 32-bit length, zeros, next header).
constexpr std::uint64_t pseudo_sum(bytes_view ip, std::uint8_t protocol, std::size_t length) {
    const bool v6 = ip[0] >> 4 == 6;
    const std::uint64_t sum = ipwire::checksum_add(0, v6 ? ip.subspan(8, 32) : ip.subspan(12, 8));
    return sum + protocol + (length >> 16) + (length & 0xFFFF);
}

struct checksum_row {
    std::string_view name;
    bytes_view ip;               // the IP packet as captured
    bytes_view segment;          // its TCP segment
    std::uint64_t pseudo_header; // summed by hand
    bool valid;
    std::uint16_t correct_checksum; // the field a sender computes (tshark's "should be" for the bad one)
};

constexpr checksum_row checksum_rows[] = {
    {"IPv4 SYN with options", cap_options_syn, tcp_options_syn, 0x2447d, true, 0x2a1c},
    {"IPv4 bad checksum", cap_bad_checksum, tcp_bad_checksum, 0xfe1c, false, 0x1c60},
    {"IPv4 51 bytes of data", cap_odd_v4, tcp_odd_v4, 0x1f1ec, true, 0x9a08},
    {"IPv6 15 bytes of data", cap_odd_v6, tcp_odd_v6, 0x5ba0, true, 0x0830},
    {"IPv4 one SACK block", cap_sack_1, tcp_sack_1, 0xfe28, true, 0x5c55},
    {"IPv4 four SACK blocks", cap_sack_4, tcp_sack_4, 0xfe40, true, 0xda13},
};

// What a sender would write: the segment with its checksum field zeroed,
// summed with the pseudo-header, complemented.
constexpr std::uint16_t recompute(bytes_view segment, std::uint64_t pseudo_header) {
    if (segment.size() < 20) return 0; // no TCP header, no checksum field
    auto* copy = new std::uint8_t[segment.size()];
    for (std::size_t i = 0; i < segment.size(); ++i) copy[i] = segment[i];
    copy[16] = copy[17] = 0;
    const auto sum = ipwire::checksum_add(pseudo_header, bytes_view(copy, segment.size()));
    delete[] copy;
    return static_cast<std::uint16_t>(~ipwire::checksum_fold(sum));
}

// The segment with one bit of its last byte flipped no longer checks out.
constexpr bool corrupted_fails(bytes_view segment, std::uint64_t pseudo_header) {
    if (segment.empty()) return false;
    auto* copy = new std::uint8_t[segment.size()];
    for (std::size_t i = 0; i < segment.size(); ++i) copy[i] = segment[i];
    copy[segment.size() - 1] ^= 0x01;
    const bool valid = tcp_segment_view::parse(bytes_view(copy, segment.size()))->checksum_valid(pseudo_header);
    delete[] copy;
    return !valid;
}

constexpr bool checksum_row_holds(const checksum_row& row) {
    const auto v = tcp_segment_view::parse(row.segment);
    if (!v) return false;
    if (pseudo_sum(row.ip, 6, row.segment.size()) != row.pseudo_header) return false;
    if (v->checksum_valid(row.pseudo_header) != row.valid) return false;
    if (recompute(row.segment, row.pseudo_header) != row.correct_checksum) return false;
    // The pseudo-header matters: another protocol or length does not check out.
    if (v->checksum_valid(pseudo_sum(row.ip, 17, row.segment.size()))) return false;
    if (v->checksum_valid(pseudo_sum(row.ip, 6, row.segment.size() + 1))) return false;
    return !row.valid || corrupted_fails(row.segment, row.pseudo_header);
}

constexpr bool checksum_rows_hold() {
    for (const auto& row : checksum_rows)
        if (!checksum_row_holds(row)) return false;
    return true;
}
static_assert(checksum_rows_hold());

TEST_CASE("tcp: checksums of real segments over IPv4 and IPv6") {
    for (const auto& row : checksum_rows) {
        CAPTURE(row.name);
        const auto v = tcp_segment_view::parse(row.segment);
        REQUIRE(v.has_value());
        CHECK(pseudo_sum(row.ip, 6, row.segment.size()) == row.pseudo_header);
        CHECK(v->checksum_valid(row.pseudo_header) == row.valid);
        CHECK(recompute(row.segment, row.pseudo_header) == row.correct_checksum);
        CHECK(checksum_row_holds(row));
    }
}

TEST_CASE("tcp: a segment cut by the snap length does not verify") {
    const auto v = tcp_segment_view::parse(tcp_snap_cut);
    REQUIRE(v.has_value());
    // Neither with the length IP states (1480) nor with what was captured (62).
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_snap_cut, 6, 1480)));
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_snap_cut, 6, tcp_snap_cut.size())));
}

// ---------------------------------------------------------------------------
// The same through ip_packet_view: it builds the pseudo-header (over IPv6 with
// the routing header's final destination) and says whether the capture was cut.

// zeek-ip6-route0-tcp-good-chksum.pcap frame 1 (100 bytes of IP packet captured, frame 114 of 114 on the wire)
// clang-format off
constexpr std::uint8_t cap_routing_v6[] = {
    // IPv6 header: 2001:4f8:4:7:2e0:81ff:fe52:ffff > 2001:4f8:4:7:2e0:81ff:fe52:9a6b, payload length 60, next header 43 (routing)
    0x60, 0x00, 0x00, 0x00, 0x00, 0x3c, 0x2b, 0x40, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0xff, 0xff, 0x20, 0x01, 0x04, 0xf8, 0x00, 0x04, 0x00, 0x07,
    0x02, 0xe0, 0x81, 0xff, 0xfe, 0x52, 0x9a, 0x6b,
    // Routing header type 0: next header 6, length 40 bytes, 2 segments left: 2001:78:1:32::1, 2001:78:1:32::2 (the final destination)
    0x06, 0x04, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x20, 0x01, 0x00, 0x78, 0x00, 0x01, 0x00, 0x32,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    // TCP: 30000 > 80, SYN, checksum 0x517e over the final destination, no options
    0x75, 0x30, 0x00, 0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x02, 0x20, 0x00,
    0x51, 0x7e, 0x00, 0x00,
};
// clang-format on

constexpr bytes_view tcp_routing_v6 = segment_of(cap_routing_v6, 80, 100);

constexpr bool through_ip_holds(const checksum_row& row) {
    const auto ip = ipwire::ip_packet_view::parse(row.ip);
    if (!ip || ip->truncated()) return false;
    // The IP payload is the segment (a trailer past the IP length dropped).
    if (ip->payload().data() != row.segment.data() || ip->payload().size() != row.segment.size()) return false;
    if (ip->pseudo_header_sum(static_cast<std::uint32_t>(row.segment.size())) != row.pseudo_header) return false;
    const auto v = tcp_segment_view::parse(ip->payload());
    return v && v->checksum_verifiable(*ip) && v->checksum_valid(*ip) == row.valid;
}

constexpr bool through_ip_rows_hold() {
    for (const auto& row : checksum_rows)
        if (!through_ip_holds(row)) return false;
    return true;
}
static_assert(through_ip_rows_hold());

TEST_CASE("tcp: checksums through ip_packet_view") {
    for (const auto& row : checksum_rows) {
        CAPTURE(row.name);
        const auto ip = ipwire::ip_packet_view::parse(row.ip);
        REQUIRE(ip.has_value());
        const auto v = tcp_segment_view::parse(ip->payload());
        REQUIRE(v.has_value());
        CHECK(v->checksum_verifiable(*ip));
        CHECK(v->checksum_valid(*ip) == row.valid);
        CHECK(through_ip_holds(row));
    }
}

// Type 0 routing header, two segments left: the pseudo-header's destination is
// the last address in it (RFC 8200 section 8.1), not the header's.
constexpr std::uint64_t routing_final_pseudo = 0x2c8fc; // summed by hand with 2001:78:1:32::2
static_assert(tcp_segment_view::parse(tcp_routing_v6)->checksum_valid(routing_final_pseudo));
static_assert(!tcp_segment_view::parse(tcp_routing_v6)->checksum_valid(pseudo_sum(cap_routing_v6, 6, 20)));
static_assert(tcp_segment_view::parse(tcp_routing_v6)->checksum_valid(*ipwire::ip_packet_view::parse(cap_routing_v6)));

TEST_CASE("tcp: checksum over IPv6 with a routing header") {
    const auto ip = ipwire::ip_packet_view::parse(cap_routing_v6);
    REQUIRE(ip.has_value());
    CHECK(ip->payload().data() == tcp_routing_v6.data());
    CHECK(ip->pseudo_header_sum(20) == routing_final_pseudo);
    const auto v = tcp_segment_view::parse(ip->payload());
    REQUIRE(v.has_value());
    CHECK(v->source_port().value() == 30000);
    CHECK(v->destination_port().value() == 80);
    CHECK(v->flags() == tcp_flags::syn);
    CHECK(v->checksum() == 0x517e);
    CHECK(v->checksum_valid(*ip));
    CHECK(v->checksum_valid(routing_final_pseudo));
    // With the fixed header's destination it does not check out.
    CHECK_FALSE(v->checksum_valid(pseudo_sum(cap_routing_v6, 6, 20)));
}

// The snap-length cut: IP says 1500 bytes, 82 were captured.
static_assert(
    !tcp_segment_view::parse(tcp_snap_cut)->checksum_verifiable(*ipwire::ip_packet_view::parse(cap_snap_cut)));

TEST_CASE("tcp: a segment cut by the snap length is not verifiable through ip_packet_view") {
    const auto ip = ipwire::ip_packet_view::parse(cap_snap_cut);
    REQUIRE(ip.has_value());
    CHECK(ip->truncated());
    const auto v = tcp_segment_view::parse(ip->payload());
    REQUIRE(v.has_value());
    CHECK(v->payload().size() == 30);
    CHECK_FALSE(v->checksum_verifiable(*ip));
    CHECK_FALSE(v->checksum_valid(*ip));
    // A header cut short: IP is truncated, the segment does not parse.
    const auto cut = ipwire::ip_packet_view::parse(cap_cut_header);
    REQUIRE(cut.has_value());
    CHECK(cut->truncated());
    CHECK(tcp_segment_view::parse(cut->payload()) == errc::bad_data_offset);
    // A data offset past the IP length: IP drops the padding, TCP refuses.
    const auto short_segment = ipwire::ip_packet_view::parse(cap_short_segment);
    REQUIRE(short_segment.has_value());
    CHECK(short_segment->payload().size() == 20);
    CHECK(tcp_segment_view::parse(short_segment->payload()) == errc::bad_data_offset);
}

// ---------------------------------------------------------------------------
// Fragments (issue 11). A first fragment (IPv4 MF with offset 0, or an IPv6
// fragment header with M set) holds only the start of the segment its
// checksum covers: checksum_verifiable(ip) and checksum_valid(ip) are false,
// even when the checksum happens to add up over the bytes that are there.
// An IPv6 atomic fragment (offset 0, M clear, RFC 6946) is a whole packet.

// IPv4 header 192.0.2.1 -> 198.51.100.1, protocol 6, total length 48,
// with `flags_offset` (0x2000: MF; 0x4000: DF).
constexpr std::array<std::uint8_t, 20> fragment_v4(std::uint8_t flags_offset) {
    return {0x45, 0x00, 0x00,
            48, // version 4, IHL 5, DSCP/ECN 0, total length 48
            0x12, 0x34, flags_offset,
            0x00, // identification, flags and fragment offset 0
            64,   6,    0x00,
            0x00, // TTL 64, protocol, header checksum (not checked)
            192,  0,    2,
            1,    198,  51,
            100,  1}; // source, destination
}
// IPv6 header 2001:db8::1 -> 2001:db8::2 and a fragment header (offset 0,
// M = `more`, identification 0xcafef00d) in front of 6, payload length 36.
constexpr std::array<std::uint8_t, 48> fragment_v6(std::uint8_t more) {
    return {
        0x60, 0x00, 0x00, 0x00, 0x00, 36,   44,   64, // version 6, payload length 36, next header 44 (fragment), hop limit 64
        0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,   0, 0, 0, 0, 0, 0, 0, 1, // source
        0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,   0, 0, 0, 0, 0, 0, 0, 2, // destination
        6,    0,    0x00, more, 0xCA, 0xFE, 0xF0, 0x0D};                       // fragment: next header, offset 0, M, id
}

// `header`, then a 20-byte TCP SYN 49152 -> 80 and 8 bytes of data whose
// checksum adds up over exactly these 28 bytes with the pseudo-header of `header`.
template <std::size_t N>
constexpr std::array<std::uint8_t, N + 28> with_segment(const std::array<std::uint8_t, N>& header) {
    std::array<std::uint8_t, N + 28> p{};
    for (std::size_t i = 0; i < N; ++i) p[i] = header[i];
    constexpr std::array<std::uint8_t, 20> syn{
        0xC0, 0x00, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, // ports, seq 1, ack 0
        0x50, 0x02, 0xFF, 0xFF, 0, 0, 0, 0};            // offset 5, SYN, window, checksum, urgent
    for (std::size_t i = 0; i < 20; ++i) p[N + i] = syn[i];
    for (std::size_t i = 0; i < 8; ++i) p[N + 20 + i] = static_cast<std::uint8_t>('a' + i);
    const auto ip = ipwire::ip_packet_view::parse(p);
    const auto sum = ipwire::checksum_add(ip->pseudo_header_sum(28), bytes_view(p).subspan(N));
    const auto checksum = static_cast<std::uint16_t>(~ipwire::checksum_fold(sum));
    p[N + 16] = static_cast<std::uint8_t>(checksum >> 8U);
    p[N + 17] = static_cast<std::uint8_t>(checksum & 0xFFU);
    return p;
}
constexpr auto tcp_v4_whole = with_segment(fragment_v4(0x00));
constexpr auto tcp_v4_df = with_segment(fragment_v4(0x40));
constexpr auto tcp_v4_first_fragment = with_segment(fragment_v4(0x20));
constexpr auto tcp_v6_atomic = with_segment(fragment_v6(0));
constexpr auto tcp_v6_first_fragment = with_segment(fragment_v6(1));

struct fragment_row {
    std::string_view name;
    bytes_view packet;
    bool verifiable; // checksum_verifiable(ip), and so checksum_valid(ip)
};
constexpr fragment_row fragment_rows[] = {
    {"IPv4, whole", tcp_v4_whole, true},
    {"IPv4, don't fragment", tcp_v4_df, true},
    {"IPv4, first fragment (MF, offset 0)", tcp_v4_first_fragment, false},
    {"IPv6, atomic fragment", tcp_v6_atomic, true},
    {"IPv6, first fragment (M, offset 0)", tcp_v6_first_fragment, false},
};

constexpr bool fragment_row_holds(const fragment_row& row) {
    const auto ip = ipwire::ip_packet_view::parse(row.packet);
    if (!ip || ip->truncated()) return false;
    const auto v = tcp_segment_view::parse(ip->payload());
    // The checksum adds up over the bytes there in every row: only the fragment tells them apart.
    return v && v->payload().size() == 8 && v->checksum_valid(ip->pseudo_header_sum(28)) &&
           v->checksum_verifiable(*ip) == row.verifiable && v->checksum_valid(*ip) == row.verifiable;
}
constexpr bool fragment_rows_hold() {
    for (const auto& row : fragment_rows)
        if (!fragment_row_holds(row)) return false;
    return true;
}
static_assert(fragment_rows_hold());

TEST_CASE("tcp: a fragment's segment is not verifiable, an atomic fragment's is") {
    for (const auto& row : fragment_rows) {
        CAPTURE(row.name);
        const auto ip = ipwire::ip_packet_view::parse(row.packet);
        REQUIRE(ip.has_value());
        CHECK(ip->is_fragment() != row.verifiable);
        const auto v = tcp_segment_view::parse(ip->payload());
        REQUIRE(v.has_value());
        CHECK(v->checksum_valid(ip->pseudo_header_sum(28)));
        CHECK(v->checksum_verifiable(*ip) == row.verifiable);
        CHECK(v->checksum_valid(*ip) == row.verifiable);
        CHECK(fragment_row_holds(row));
    }
}

} // namespace
