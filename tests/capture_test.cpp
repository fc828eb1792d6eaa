// capture_view (ipwire/capture.hpp): hand-built pcap and pcapng files for each
// format, byte order and resolution, read back record by record and cut at
// every length; malformed blocks and records, each with its errc; timestamps at
// extreme resolutions; then real files, against tshark's per-frame fields
// (tests/data/captures/, and every file of ../shared/captures when present).
#include <ipwire/capture.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif

namespace {

using ipwire::bytes_view;
using ipwire::capture_format;
using ipwire::capture_record;
using ipwire::capture_view;
using ipwire::errc;
using ipwire::link_type;
using namespace std::string_view_literals;

static_assert(sizeof(capture_view) == sizeof(bytes_view));
static_assert(std::is_trivially_copyable_v<capture_view>);
static_assert(std::is_trivially_copyable_v<capture_view::iterator>);
static_assert(std::forward_iterator<capture_view::iterator>);
static_assert(std::ranges::forward_range<capture_view>);
static_assert(std::sentinel_for<std::default_sentinel_t, capture_view::iterator>);

// Index of the first row `check` rejects, or -1: static_assert(... == -1)
// then names the failing row in the compiler's message.
template <class Row, std::size_t N, class Check>
constexpr int first_failure(const Row (&rows)[N], Check check) {
    for (std::size_t i = 0; i < N; ++i)
        if (!check(rows[i])) return static_cast<int>(i);
    return -1;
}

// What a record must be; data_offset is where its data starts in the file.
struct expected_record {
    link_type link;
    std::uint64_t timestamp;
    std::uint32_t captured;
    std::uint32_t original;
    std::uint32_t interface_id;
    std::size_t data_offset;
};

constexpr bool same_record(const capture_record& r, const expected_record& e, bytes_view file) {
    return r.link_type == e.link && r.timestamp == e.timestamp && r.captured_length == e.captured &&
           r.original_length == e.original && r.interface_id == e.interface_id && r.data.size() == e.captured &&
           r.data.data() == file.data() + e.data_offset;
}

// ---------------------------------------------------------------------------
// Hand-built files. Each byte is commented; `@n` is the offset of the line.

// pcap, little-endian, microseconds, Ethernet; three records.
// clang-format off
constexpr std::uint8_t pcap_le_usec[] = {
    // file header
    0xD4, 0xC3, 0xB2, 0xA1, // magic 0xA1B2C3D4 written little-endian: microseconds
    0x02, 0x00, 0x04, 0x00, // version 2.4
    0x00, 0x00, 0x00, 0x00, // thiszone 0
    0x00, 0x00, 0x00, 0x00, // sigfigs 0
    0x40, 0x00, 0x00, 0x00, // snap length 64
    0x01, 0x00, 0x00, 0x00, // link type 1, Ethernet
    // record 1 @24
    0x10, 0x32, 0x54, 0x76, // seconds 0x76543210 = 1985229328
    0x3F, 0x42, 0x0F, 0x00, // microseconds 999999
    0x04, 0x00, 0x00, 0x00, // captured length 4
    0x3C, 0x00, 0x00, 0x00, // original length 60 (snap length cut)
    0xDE, 0xAD, 0xBE, 0xEF, // data @40
    // record 2 @44: empty
    0x00, 0x00, 0x00, 0x00, // seconds 0
    0x01, 0x00, 0x00, 0x00, // microseconds 1
    0x00, 0x00, 0x00, 0x00, // captured length 0
    0x00, 0x00, 0x00, 0x00, // original length 0
    // record 3 @60: odd length, no padding in pcap
    0x01, 0x00, 0x00, 0x00, // seconds 1
    0x00, 0x00, 0x00, 0x00, // microseconds 0
    0x03, 0x00, 0x00, 0x00, // captured length 3
    0x03, 0x00, 0x00, 0x00, // original length 3
    0xAA, 0xBB, 0xCC,       // data @76, file ends @79
};
// clang-format on
constexpr expected_record pcap_le_usec_records[] = {
    {link_type::ethernet, 1985229328'999999000U, 4, 60, 0, 40},
    {link_type::ethernet, 1000, 0, 0, 0, 60},
    {link_type::ethernet, 1'000'000'000, 3, 3, 0, 76},
};
constexpr std::size_t pcap_le_usec_ends[] = {24, 44, 60, 79};

// pcap, big-endian, nanoseconds, Linux SLL; two records.
// clang-format off
constexpr std::uint8_t pcap_be_nsec[] = {
    0xA1, 0xB2, 0x3C, 0x4D, // magic 0xA1B23C4D written big-endian: nanoseconds
    0x00, 0x02, 0x00, 0x04, // version 2.4
    0x00, 0x00, 0x00, 0x00, // thiszone
    0x00, 0x00, 0x00, 0x00, // sigfigs
    0x00, 0x00, 0xFF, 0xFF, // snap length 65535
    0x00, 0x00, 0x00, 0x71, // link type 113, Linux SLL
    // record 1 @24
    0x00, 0x00, 0x00, 0x01, // seconds 1
    0x3B, 0x9A, 0xC9, 0xFF, // nanoseconds 999999999
    0x00, 0x00, 0x00, 0x02, // captured length 2
    0x00, 0x00, 0x00, 0x02, // original length 2
    0x12, 0x34,             // data @40
    // record 2 @42: the largest fields; the sum still fits in 64 bits
    0xFF, 0xFF, 0xFF, 0xFF, // seconds 4294967295 (year 2106)
    0xFF, 0xFF, 0xFF, 0xFF, // nanoseconds 4294967295 (out of range, added as is)
    0x00, 0x00, 0x00, 0x01, // captured length 1
    0x00, 0x01, 0x00, 0x00, // original length 65536
    0x56,                   // data @58, file ends @59
};
// clang-format on
constexpr expected_record pcap_be_nsec_records[] = {
    {link_type::linux_sll, 1'999'999'999, 2, 2, 0, 40},
    {link_type::linux_sll, 4294967299'294967295U, 1, 65536, 0, 58},
};
constexpr std::size_t pcap_be_nsec_ends[] = {24, 42, 59};

// pcap, little-endian, nanoseconds; the link type field has bits above 16.
// clang-format off
constexpr std::uint8_t pcap_le_nsec[] = {
    0x4D, 0x3C, 0xB2, 0xA1, // magic 0xA1B23C4D written little-endian: nanoseconds
    0x02, 0x00, 0x04, 0x00, // version 2.4
    0x00, 0x00, 0x00, 0x00, // thiszone
    0x00, 0x00, 0x00, 0x00, // sigfigs
    0x00, 0x00, 0x04, 0x00, // snap length 262144
    0xE4, 0x00, 0x00, 0x04, // 0x040000E4: link type 228 (IPv4) in the low 16 bits, FCS bits above
    // record @24
    0x59, 0x2E, 0x87, 0x54, // seconds 0x54872E59 = 1418145369
    0x90, 0xD5, 0x1A, 0x37, // nanoseconds 0x371AD590 = 924505488
    0x01, 0x00, 0x00, 0x00, // captured length 1
    0x14, 0x00, 0x00, 0x00, // original length 20
    0x45,                   // data @40, file ends @41
};
// clang-format on
constexpr expected_record pcap_le_nsec_records[] = {
    {link_type::ipv4, 1418145369'924505488U, 1, 20, 0, 40},
};
constexpr std::size_t pcap_le_nsec_ends[] = {24, 41};

// pcap, big-endian, microseconds, Linux SLL2.
// clang-format off
constexpr std::uint8_t pcap_be_usec[] = {
    0xA1, 0xB2, 0xC3, 0xD4, // magic 0xA1B2C3D4 written big-endian: microseconds
    0x00, 0x02, 0x00, 0x04, // version 2.4
    0x00, 0x00, 0x00, 0x00, // thiszone
    0x00, 0x00, 0x00, 0x00, // sigfigs
    0x00, 0x00, 0x00, 0x00, // snap length 0
    0x00, 0x00, 0x01, 0x14, // link type 276, Linux SLL2
    // record @24
    0xFF, 0xFF, 0xFF, 0xFF, // seconds 4294967295
    0xFF, 0xFF, 0xFF, 0xFF, // microseconds 4294967295 (out of range, added as is)
    0x00, 0x00, 0x00, 0x02, // captured length 2
    0x00, 0x01, 0x00, 0x00, // original length 65536
    0x01, 0x02,             // data @40, file ends @42
};
// clang-format on
constexpr expected_record pcap_be_usec_records[] = {
    {link_type::linux_sll2, 4294971589'967295000U, 2, 65536, 0, 40},
};
constexpr std::size_t pcap_be_usec_ends[] = {24, 42};

// pcapng: a little-endian section (two interfaces, every packet block type, an
// unknown block, an ISB) then a big-endian section (its own interface 0).
// clang-format off
constexpr std::uint8_t pcapng_two_sections[] = {
    // Section Header Block @0, little-endian
    0x0A, 0x0D, 0x0D, 0x0A,                         // block type SHB
    0x1C, 0x00, 0x00, 0x00,                         // block length 28
    0x4D, 0x3C, 0x2B, 0x1A,                         // byte-order magic 0x1A2B3C4D, little-endian
    0x01, 0x00, 0x00, 0x00,                         // version 1.0
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // section length -1: not given
    0x1C, 0x00, 0x00, 0x00,                         // block length 28
    // Interface Description Block @28: interface 0, no options (microseconds)
    0x01, 0x00, 0x00, 0x00, // block type IDB
    0x14, 0x00, 0x00, 0x00, // block length 20
    0x01, 0x00,             // link type 1, Ethernet
    0x00, 0x00,             // reserved
    0x00, 0x00, 0x00, 0x00, // snap length 0: none
    0x14, 0x00, 0x00, 0x00, // block length 20
    // Interface Description Block @48: interface 1
    0x01, 0x00, 0x00, 0x00,                         // block type IDB
    0x34, 0x00, 0x00, 0x00,                         // block length 52
    0x65, 0x00,                                     // link type 101, raw IP
    0x00, 0x00,                                     // reserved
    0x40, 0x00, 0x00, 0x00,                         // snap length 64
    0x02, 0x00, 0x03, 0x00,                         // option if_name, length 3
    'e', 't', 'h', 0x00,                            // "eth" + 1 byte of padding
    0x09, 0x00, 0x01, 0x00,                         // option if_tsresol, length 1
    0x09, 0x00, 0x00, 0x00,                         // 9: 10^-9 s (nanoseconds) + padding
    0x0E, 0x00, 0x08, 0x00,                         // option if_tsoffset, length 8
    0x0A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // +10 seconds
    0x00, 0x00, 0x00, 0x00,                         // opt_endofopt
    0x34, 0x00, 0x00, 0x00,                         // block length 52
    // unknown block @100: skipped
    0xAD, 0x0B, 0x00, 0x00, // block type 0x0BAD
    0x10, 0x00, 0x00, 0x00, // block length 16
    0x01, 0x02, 0x03, 0x04, // body
    0x10, 0x00, 0x00, 0x00, // block length 16
    // Enhanced Packet Block @116 on interface 1
    0x06, 0x00, 0x00, 0x00, // block type EPB
    0x24, 0x00, 0x00, 0x00, // block length 36
    0x01, 0x00, 0x00, 0x00, // interface 1
    0x01, 0x00, 0x00, 0x00, // timestamp high 1
    0x00, 0x00, 0x00, 0x00, // timestamp low 0: 2^32 ns, + 10 s offset
    0x03, 0x00, 0x00, 0x00, // captured length 3
    0x03, 0x00, 0x00, 0x00, // original length 3
    0x45, 0x00, 0x00, 0x00, // data @144 + 1 byte of padding
    0x24, 0x00, 0x00, 0x00, // block length 36
    // Enhanced Packet Block @152 on interface 0
    0x06, 0x00, 0x00, 0x00, // block type EPB
    0x20, 0x00, 0x00, 0x00, // block length 32
    0x00, 0x00, 0x00, 0x00, // interface 0
    0x00, 0x00, 0x00, 0x00, // timestamp high 0
    0x01, 0x00, 0x00, 0x00, // timestamp low 1: 1 microsecond
    0x00, 0x00, 0x00, 0x00, // captured length 0 (data @180, empty)
    0x00, 0x00, 0x00, 0x00, // original length 0
    0x20, 0x00, 0x00, 0x00, // block length 32
    // Interface Statistics Block @184: skipped
    0x05, 0x00, 0x00, 0x00, // block type ISB
    0x18, 0x00, 0x00, 0x00, // block length 24
    0x00, 0x00, 0x00, 0x00, // interface 0
    0x00, 0x00, 0x00, 0x00, // timestamp high
    0x00, 0x00, 0x00, 0x00, // timestamp low
    0x18, 0x00, 0x00, 0x00, // block length 24
    // Simple Packet Block @208: interface 0, no timestamp
    0x03, 0x00, 0x00, 0x00, // block type SPB
    0x14, 0x00, 0x00, 0x00, // block length 20
    0x02, 0x00, 0x00, 0x00, // original length 2 (less than the 4 bytes of room)
    0xAA, 0xBB, 0x00, 0x00, // data @220 + 2 bytes of padding
    0x14, 0x00, 0x00, 0x00, // block length 20
    // obsolete Packet Block @228 on interface 1
    0x02, 0x00, 0x00, 0x00, // block type 2, Packet Block
    0x24, 0x00, 0x00, 0x00, // block length 36
    0x01, 0x00,             // interface 1 (16 bits)
    0x07, 0x00,             // drops count 7
    0x00, 0x00, 0x00, 0x00, // timestamp high 0
    0x05, 0x00, 0x00, 0x00, // timestamp low 5: 5 ns, + 10 s offset
    0x01, 0x00, 0x00, 0x00, // captured length 1
    0x64, 0x00, 0x00, 0x00, // original length 100
    0x99, 0x00, 0x00, 0x00, // data @256 + 3 bytes of padding
    0x24, 0x00, 0x00, 0x00, // block length 36
    // Section Header Block @264, big-endian: interfaces numbered afresh
    0x0A, 0x0D, 0x0D, 0x0A,                         // block type SHB
    0x00, 0x00, 0x00, 0x20,                         // block length 32
    0x1A, 0x2B, 0x3C, 0x4D,                         // byte-order magic, big-endian
    0x00, 0x01, 0x00, 0x00,                         // version 1.0
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // section length -1
    0x00, 0x00, 0x00, 0x00,                         // opt_endofopt
    0x00, 0x00, 0x00, 0x20,                         // block length 32
    // Interface Description Block @296: interface 0 of section 2
    0x00, 0x00, 0x00, 0x01, // block type IDB
    0x00, 0x00, 0x00, 0x1C, // block length 28
    0x00, 0x71,             // link type 113, Linux SLL
    0x00, 0x00,             // reserved
    0x00, 0x00, 0x00, 0x00, // snap length 0
    0x00, 0x09, 0x00, 0x01, // option if_tsresol, length 1
    0x8A, 0x00, 0x00, 0x00, // 0x8A: 2^-10 s + padding (no opt_endofopt: the block ends)
    0x00, 0x00, 0x00, 0x1C, // block length 28
    // Enhanced Packet Block @324
    0x00, 0x00, 0x00, 0x06, // block type EPB
    0x00, 0x00, 0x00, 0x24, // block length 36
    0x00, 0x00, 0x00, 0x00, // interface 0
    0x00, 0x00, 0x00, 0x00, // timestamp high 0
    0x00, 0x00, 0x0E, 0x00, // timestamp low 3584: 3.5 s in units of 2^-10 s
    0x00, 0x00, 0x00, 0x04, // captured length 4
    0x00, 0x00, 0x00, 0x04, // original length 4
    0xC0, 0xFF, 0xEE, 0x00, // data @352
    0x00, 0x00, 0x00, 0x24, // block length 36; file ends @360
};
// clang-format on
constexpr expected_record pcapng_two_sections_records[] = {
    {link_type::raw, 14'294'967'296, 3, 3, 1, 144},
    {link_type::ethernet, 1000, 0, 0, 0, 180},
    {link_type::ethernet, 0, 2, 2, 0, 220},
    {link_type::raw, 10'000'000'005, 1, 100, 1, 256},
    {link_type::linux_sll, 3'500'000'000, 4, 4, 0, 352},
};
constexpr std::size_t pcapng_two_sections_ends[] = {28, 48, 100, 116, 152, 184, 208, 228, 264, 296, 324, 360};

// pcapng, big-endian: a snap length that cuts a Simple Packet Block, a
// negative if_tsoffset (one timestamp saturates at 0), milliseconds.
// clang-format off
constexpr std::uint8_t pcapng_big_endian[] = {
    // Section Header Block @0
    0x0A, 0x0D, 0x0D, 0x0A,                         // block type SHB
    0x00, 0x00, 0x00, 0x1C,                         // block length 28
    0x1A, 0x2B, 0x3C, 0x4D,                         // byte-order magic, big-endian
    0x00, 0x01, 0x00, 0x02,                         // version 1.2
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, // section length -1
    0x00, 0x00, 0x00, 0x1C,                         // block length 28
    // Interface Description Block @28: interface 0
    0x00, 0x00, 0x00, 0x01, // block type IDB
    0x00, 0x00, 0x00, 0x14, // block length 20
    0x00, 0x01,             // link type 1, Ethernet
    0x00, 0x00,             // reserved
    0x00, 0x00, 0x00, 0x03, // snap length 3
    0x00, 0x00, 0x00, 0x14, // block length 20
    // Interface Description Block @48: interface 1
    0x00, 0x00, 0x00, 0x01,                         // block type IDB
    0x00, 0x00, 0x00, 0x2C,                         // block length 44
    0x00, 0x00,                                     // link type 0, BSD null
    0x00, 0x00,                                     // reserved
    0x00, 0x00, 0x00, 0x00,                         // snap length 0
    0x00, 0x09, 0x00, 0x01,                         // option if_tsresol, length 1
    0x03, 0x00, 0x00, 0x00,                         // 3: milliseconds + padding
    0x00, 0x0E, 0x00, 0x08,                         // option if_tsoffset, length 8
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFB, // -5 seconds
    0x00, 0x00, 0x00, 0x00,                         // opt_endofopt
    0x00, 0x00, 0x00, 0x2C,                         // block length 44
    // Simple Packet Block @92
    0x00, 0x00, 0x00, 0x03,                         // block type SPB
    0x00, 0x00, 0x00, 0x18,                         // block length 24: 8 bytes of room
    0x00, 0x00, 0x00, 0x0A,                         // original length 10
    0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // data @104: interface 0's snap length keeps 3
    0x00, 0x00, 0x00, 0x18,                         // block length 24
    // Enhanced Packet Block @116 on interface 1
    0x00, 0x00, 0x00, 0x06, // block type EPB
    0x00, 0x00, 0x00, 0x24, // block length 36
    0x00, 0x00, 0x00, 0x01, // interface 1
    0x00, 0x00, 0x00, 0x00, // timestamp high 0
    0x00, 0x00, 0x1B, 0x58, // timestamp low 7000 ms; - 5 s = 2 s
    0x00, 0x00, 0x00, 0x02, // captured length 2
    0x00, 0x00, 0x00, 0x02, // original length 2
    0x21, 0x22, 0x00, 0x00, // data @144 + padding
    0x00, 0x00, 0x00, 0x24, // block length 36
    // Enhanced Packet Block @152 on interface 1
    0x00, 0x00, 0x00, 0x06, // block type EPB
    0x00, 0x00, 0x00, 0x20, // block length 32
    0x00, 0x00, 0x00, 0x01, // interface 1
    0x00, 0x00, 0x00, 0x00, // timestamp high 0
    0x00, 0x00, 0x00, 0x01, // timestamp low 1 ms; - 5 s saturates at 0
    0x00, 0x00, 0x00, 0x00, // captured length 0 (data @180, empty)
    0x00, 0x00, 0x00, 0x00, // original length 0
    0x00, 0x00, 0x00, 0x20, // block length 32; file ends @184
};
// clang-format on
constexpr expected_record pcapng_big_endian_records[] = {
    {link_type::ethernet, 0, 3, 10, 0, 104},
    {link_type::null, 2'000'000'000, 2, 2, 1, 144},
    {link_type::null, 0, 0, 0, 1, 180},
};
constexpr std::size_t pcapng_big_endian_ends[] = {28, 48, 92, 116, 152, 184};

struct hand_built {
    std::string_view name;
    bytes_view bytes;
    capture_format format;
    bool big_endian;
    bool nanoseconds;
    std::uint16_t version_major;
    std::uint16_t version_minor;
    std::optional<link_type> header_link;
    std::uint32_t snap_length;
    std::span<const expected_record> records;
    std::span<const std::size_t> ends; // where each header, record or block ends
};
constexpr hand_built hand_built_files[] = {
    {"pcap LE us", pcap_le_usec, capture_format::pcap, false, false, 2, 4, link_type::ethernet, 64,
     pcap_le_usec_records, pcap_le_usec_ends},
    {"pcap BE ns", pcap_be_nsec, capture_format::pcap, true, true, 2, 4, link_type::linux_sll, 65535,
     pcap_be_nsec_records, pcap_be_nsec_ends},
    {"pcap LE ns", pcap_le_nsec, capture_format::pcap, false, true, 2, 4, link_type::ipv4, 262144, pcap_le_nsec_records,
     pcap_le_nsec_ends},
    {"pcap BE us", pcap_be_usec, capture_format::pcap, true, false, 2, 4, link_type::linux_sll2, 0,
     pcap_be_usec_records, pcap_be_usec_ends},
    {"pcapng LE+BE sections", pcapng_two_sections, capture_format::pcapng, false, false, 1, 0, std::nullopt, 0,
     pcapng_two_sections_records, pcapng_two_sections_ends},
    {"pcapng BE", pcapng_big_endian, capture_format::pcapng, true, false, 1, 2, std::nullopt, 0,
     pcapng_big_endian_records, pcapng_big_endian_ends},
};

// The file header and every record read back, and a clean end.
constexpr bool check_whole(const hand_built& f) {
    const auto parsed = capture_view::parse(f.bytes);
    if (!parsed) return false;
    const capture_view v = *parsed;
    if (v.bytes().data() != f.bytes.data() || v.bytes().size() != f.bytes.size()) return false;
    if (v.format() != f.format || v.is_big_endian() != f.big_endian || v.has_nanosecond_timestamps() != f.nanoseconds ||
        v.version_major() != f.version_major || v.version_minor() != f.version_minor ||
        v.link_type() != f.header_link || v.snap_length() != f.snap_length)
        return false;
    std::size_t n = 0;
    auto it = v.begin();
    for (; it != v.end(); ++it, ++n)
        if (n >= f.records.size() || !same_record(*it, f.records[n], f.bytes) || it->data.size() != it->captured_length)
            return false;
    return n == f.records.size() && it.error() == errc{} && v.error() == errc{} && it.offset() == f.bytes.size();
}
static_assert(first_failure(hand_built_files, check_whole) == -1);

// What a file cut after `size` bytes must give: a parse error, or the records
// that end inside the cut, then a clean end exactly at a boundary, else
// truncated (not even a record header / a block's type, length and 4 more
// bytes left) or the record's or block's length running past the cut.
constexpr errc expected_cut_error(const hand_built& f, std::size_t size) {
    for (std::size_t end : f.ends)
        if (end == size) return errc{};
    std::size_t start = 0;
    for (std::size_t end : f.ends)
        if (end < size) start = end;
    if (f.format == capture_format::pcap) return size - start < 16 ? errc::truncated : errc::bad_record_length;
    return size - start < 12 ? errc::truncated : errc::bad_block_length;
}
constexpr errc expected_parse_error(const hand_built& f, std::size_t size) {
    if (size < 4) return errc::truncated;
    if (f.format == capture_format::pcap) return size < 24 ? errc::truncated : errc{};
    if (size < 28) return errc::truncated;
    return size < f.ends[0] ? errc::bad_block_length : errc{};
}

// Where a record ends: after its data in pcap, after its block (padding and
// trailing length) in pcapng.
constexpr std::size_t record_end(const hand_built& f, const expected_record& r) {
    if (f.format == capture_format::pcap) return r.data_offset + r.captured;
    for (std::size_t end : f.ends)
        if (end > r.data_offset) return end;
    return f.bytes.size() + 1;
}

constexpr bool check_cut(const hand_built& f, std::size_t size) {
    const bytes_view cut = f.bytes.first(size);
    const auto parsed = capture_view::parse(cut);
    if (!parsed) return parsed.error() == expected_parse_error(f, size);
    if (expected_parse_error(f, size) != errc{}) return false;
    std::size_t n = 0;
    auto it = parsed->begin();
    for (; it != parsed->end(); ++it, ++n) {
        if (n >= f.records.size() || !same_record(*it, f.records[n], cut)) return false;
        if (f.records[n].data_offset + f.records[n].captured > size) return false; // data inside the cut
    }
    std::size_t whole = 0; // records whose record or block ends inside the cut
    for (const expected_record& r : f.records)
        if (record_end(f, r) <= size) ++whole;
    return n == whole && it.error() == expected_cut_error(f, size) && parsed->error() == it.error();
}
constexpr bool check_every_cut(const hand_built& f) {
    for (std::size_t size = 0; size <= f.bytes.size(); ++size)
        if (!check_cut(f, size)) return false;
    return true;
}
static_assert(check_every_cut(hand_built_files[0]));
static_assert(check_every_cut(hand_built_files[1]));
static_assert(check_every_cut(hand_built_files[2]));
static_assert(check_every_cut(hand_built_files[3]));
static_assert(check_every_cut(hand_built_files[5]));
// The longest file in slices (the compilers' constexpr operation limits).
constexpr bool check_cuts(const hand_built& f, std::size_t from, std::size_t to) {
    for (std::size_t size = from; size < to; ++size)
        if (!check_cut(f, size)) return false;
    return true;
}
static_assert(check_cuts(hand_built_files[4], 0, 120));
static_assert(check_cuts(hand_built_files[4], 120, 200));
static_assert(check_cuts(hand_built_files[4], 200, 260));
static_assert(check_cuts(hand_built_files[4], 260, 290));
static_assert(check_cuts(hand_built_files[4], 290, 310));
static_assert(check_cuts(hand_built_files[4], 310, 335));
static_assert(check_cuts(hand_built_files[4], 335, sizeof pcapng_two_sections + 1));

TEST_CASE("capture_view: hand-built files, every field read back") {
    for (const hand_built& f : hand_built_files) {
        CAPTURE(f.name);
        const auto parsed = capture_view::parse(f.bytes);
        REQUIRE(parsed);
        const capture_view v = *parsed;
        CHECK(v.format() == f.format);
        CHECK(v.is_big_endian() == f.big_endian);
        CHECK(v.has_nanosecond_timestamps() == f.nanoseconds);
        CHECK(v.version_major() == f.version_major);
        CHECK(v.version_minor() == f.version_minor);
        CHECK(v.link_type() == f.header_link);
        CHECK(v.snap_length() == f.snap_length);
        std::size_t n = 0;
        for (const capture_record& r : v) {
            CAPTURE(n);
            REQUIRE(n < f.records.size());
            const expected_record& e = f.records[n];
            CHECK(r.link_type == e.link);
            CHECK(r.timestamp == e.timestamp);
            CHECK(r.captured_length == e.captured);
            CHECK(r.original_length == e.original);
            CHECK(r.interface_id == e.interface_id);
            CHECK(r.data.size() == e.captured);
            CHECK(r.data.data() == f.bytes.data() + e.data_offset);
            ++n;
        }
        CHECK(n == f.records.size());
        CHECK(v.error() == errc{});
        CHECK(check_whole(f));
    }
}

TEST_CASE("capture_view: every truncated prefix ends cleanly at a boundary, else with its errc") {
    for (const hand_built& f : hand_built_files) {
        CAPTURE(f.name);
        for (std::size_t size = 0; size <= f.bytes.size(); ++size) {
            CAPTURE(size);
            CHECK(check_cut(f, size));
        }
    }
}

TEST_CASE("capture_view: the pcapng data bytes are the file's") {
    const capture_view v = capture_view::parse(pcapng_two_sections).value();
    auto it = v.begin();
    CHECK(it->data[0] == 0x45);
    std::advance(it, 2);
    CHECK(it->data[0] == 0xAA);
    CHECK(it->data[1] == 0xBB);
    ++it;
    CHECK(it->data[0] == 0x99);
    ++it;
    CHECK(it->data[3] == 0x00);
    CHECK(it->data[2] == 0xEE);
}

// ---------------------------------------------------------------------------
// Iterator behaviour

constexpr bool check_iterator() {
    const capture_view v = capture_view::parse(pcap_le_usec).value();
    auto a = v.begin();
    auto b = a;
    if (!(a == b) || a == v.end()) return false;
    auto old = b++;
    if (!(old == a) || b == a || b->original_length != 0 || old->original_length != 60) return false;
    ++a;
    if (!(a == b)) return false;
    if (test_ranges::distance(v) != 3) return false;
    // Ended iterators are all equal, to each other and to end().
    const capture_view::iterator ended;
    auto walked = v.begin();
    while (walked != v.end()) ++walked;
    if (!(walked == ended) || !(ended == v.end())) return false;
    ++walked; // stays ended
    if (!(walked == v.end()) || walked.error() != errc{}) return false;
    // A default-constructed view has no records.
    const capture_view empty;
    return empty.bytes().empty() && empty.begin() == empty.end() && empty.error() == errc{};
}
static_assert(check_iterator());

TEST_CASE("capture_view::iterator: forward iterator semantics, ended iterators equal end()") {
    CHECK(check_iterator());
    const capture_view v = capture_view::parse(pcapng_two_sections).value();
    CHECK(test_ranges::distance(v) == 5);
    std::vector<std::uint32_t> lengths;
    for (const capture_record& r : v) lengths.push_back(r.original_length);
    CHECK(lengths == std::vector<std::uint32_t>{3, 0, 2, 100, 4});
}

// ---------------------------------------------------------------------------
// A builder for the malformed and timestamp files: fields in the file's byte
// order, blocks laid out as in the hand-built files above.

template <std::size_t Capacity>
struct basic_built_file {
    std::array<std::uint8_t, Capacity> bytes{};
    std::size_t size = 0;
    bool big_endian = false;

    [[nodiscard]] constexpr bytes_view view() const { return {bytes.data(), size}; }
    constexpr basic_built_file& u8(std::uint8_t v) {
        bytes[size++] = v;
        return *this;
    }
    constexpr basic_built_file& u16(std::uint16_t v) {
        if (big_endian) return u8(static_cast<std::uint8_t>(v >> 8U)).u8(static_cast<std::uint8_t>(v));
        return u8(static_cast<std::uint8_t>(v)).u8(static_cast<std::uint8_t>(v >> 8U));
    }
    constexpr basic_built_file& u32(std::uint32_t v) {
        if (big_endian) return u16(static_cast<std::uint16_t>(v >> 16U)).u16(static_cast<std::uint16_t>(v));
        return u16(static_cast<std::uint16_t>(v)).u16(static_cast<std::uint16_t>(v >> 16U));
    }
    constexpr basic_built_file& u64(std::uint64_t v) {
        if (big_endian) return u32(static_cast<std::uint32_t>(v >> 32U)).u32(static_cast<std::uint32_t>(v));
        return u32(static_cast<std::uint32_t>(v)).u32(static_cast<std::uint32_t>(v >> 32U));
    }
    constexpr basic_built_file& fill(std::size_t n) { // n bytes 0x01, 0x02, ...
        for (std::size_t i = 0; i < n; ++i) u8(static_cast<std::uint8_t>(i + 1));
        return *this;
    }

    // pcapng blocks
    constexpr basic_built_file& section(bool big) { // SHB, 28 bytes, no options
        big_endian = big;
        return u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(28).u32(0x1A2B3C4D).u16(1).u16(0).u64(~std::uint64_t{0}).u32(28);
    }
    constexpr basic_built_file& interface(link_type link, std::uint32_t snap_length = 0, int resolution = -1,
                                          std::optional<std::int64_t> offset_seconds = std::nullopt) {
        const std::uint32_t length = 20U + (resolution >= 0 ? 8U : 0U) + (offset_seconds ? 12U : 0U);
        u32(1).u32(length).u16(static_cast<std::uint16_t>(link)).u16(0).u32(snap_length);
        if (resolution >= 0) u16(9).u16(1).u8(static_cast<std::uint8_t>(resolution)).u8(0).u8(0).u8(0);
        if (offset_seconds) u16(14).u16(8).u64(static_cast<std::uint64_t>(*offset_seconds));
        return u32(length);
    }
    constexpr basic_built_file& enhanced_packet(std::uint32_t interface_id, std::uint64_t ticks, std::uint32_t captured,
                                                std::uint32_t original) {
        const std::uint32_t padded = (captured + 3U) & ~3U;
        const std::uint32_t length = 32U + padded;
        // The timestamp is two 32-bit words, high first, each in the section's byte order.
        u32(6).u32(length).u32(interface_id).u32(static_cast<std::uint32_t>(ticks >> 32U));
        u32(static_cast<std::uint32_t>(ticks)).u32(captured).u32(original).fill(captured);
        for (std::uint32_t i = captured; i < padded; ++i) u8(0);
        return u32(length);
    }
    constexpr basic_built_file& simple_packet(std::uint32_t original, std::uint32_t room) { // room: a multiple of 4
        return u32(3).u32(16 + room).u32(original).fill(room).u32(16 + room);
    }
    constexpr basic_built_file& obsolete_packet(std::uint16_t interface_id, std::uint32_t captured) {
        const std::uint32_t padded = (captured + 3U) & ~3U;
        u32(2).u32(32 + padded).u16(interface_id).u16(0).u64(0).u32(captured).u32(captured).fill(captured);
        for (std::uint32_t i = captured; i < padded; ++i) u8(0);
        return u32(32 + padded);
    }
    // Any block: its type, the length field, body_size bytes, the trailing length.
    constexpr basic_built_file& block(std::uint32_t type, std::uint32_t length, std::size_t body_size,
                                      std::uint32_t trailing) {
        return u32(type).u32(length).fill(body_size).u32(trailing);
    }

    // pcap
    constexpr basic_built_file& pcap_header(bool big, bool nanoseconds, std::uint32_t link, std::uint32_t snap_length) {
        big_endian = big;
        return u32(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4).u16(2).u16(4).u32(0).u32(0).u32(snap_length).u32(link);
    }
    constexpr basic_built_file& pcap_record(std::uint32_t captured, std::uint32_t original, std::size_t data) {
        return u32(0).u32(0).u32(captured).u32(original).fill(data);
    }
};
using built_file = basic_built_file<1024>;

// SHB + one Ethernet interface, little-endian.
constexpr built_file one_interface() { return built_file{}.section(false).interface(link_type::ethernet); }

struct walk_result {
    std::size_t records = 0;
    errc error{};
    std::size_t offset = 0; // the iterator's offset at the end
};
constexpr walk_result walk(bytes_view file) {
    walk_result out;
    const auto parsed = capture_view::parse(file);
    if (!parsed) return {0, parsed.error(), 0};
    auto it = parsed->begin();
    for (; it != parsed->end(); ++it) {
        const capture_record& r = *it;
        // Every record's data lies inside the file.
        if (r.data.size() != r.captured_length || r.data.data() < file.data() ||
            r.data.data() + r.data.size() > file.data() + file.size())
            return {out.records, errc::empty, 0}; // errc::empty: never an answer of the walk
        ++out.records;
    }
    out.error = it.error();
    out.offset = it.offset();
    return out;
}

// ---------------------------------------------------------------------------
// parse: the file header

struct parse_row {
    std::string_view name;
    built_file file;
    errc error; // errc{}: parses
};
// clang-format off
constexpr parse_row parse_rows[] = {
    {"empty", built_file{}, errc::truncated},
    {"three bytes of a pcap magic", built_file{}.u8(0xD4).u8(0xC3).u8(0xB2), errc::truncated},
    {"not a capture", built_file{}.u8('G').u8('I').u8('F').u8('8').fill(40), errc::bad_magic},
    {"modified pcap magic 0xA1B2CD34", built_file{}.u32(0xA1B2CD34).fill(40), errc::bad_magic},
    {"pcap header of 23 bytes", [] { auto f = built_file{}.pcap_header(false, false, 1, 0); f.size = 23; return f; }(),
     errc::truncated},
    {"pcap header alone", built_file{}.pcap_header(false, false, 1, 0), errc{}},
    {"pcap big-endian header alone", built_file{}.pcap_header(true, true, 1, 0), errc{}},
    {"SHB of 27 bytes", [] { auto f = built_file{}.section(false); f.size = 27; return f; }(), errc::truncated},
    {"SHB alone", built_file{}.section(true), errc{}},
    {"SHB with a bad byte-order magic",
     built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(28).u32(0x1A2B3C4E).u16(1).u16(0).u64(0).u32(28),
     errc::bad_magic},
    {"SHB length 24", built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(24).u32(0x1A2B3C4D).u16(1).u16(0).u64(0).u32(24),
     errc::bad_block_length},
    {"SHB length 30", built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(30).u32(0x1A2B3C4D).u16(1).u16(0).u64(0).u16(0).u32(30),
     errc::bad_block_length},
    {"SHB length past the file",
     built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(32).u32(0x1A2B3C4D).u16(1).u16(0).u64(0).u32(32),
     errc::bad_block_length},
    {"SHB trailing length differs",
     built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(28).u32(0x1A2B3C4D).u16(1).u16(0).u64(0).u32(32),
     errc::bad_block_length},
    {"SHB version 2.0 is not checked",
     built_file{}.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(28).u32(0x1A2B3C4D).u16(2).u16(0).u64(0).u32(28), errc{}},
};
// clang-format on
constexpr bool check_parse(const parse_row& row) {
    const auto parsed = capture_view::parse(row.file.view());
    if (row.error != errc{}) return parsed == row.error;
    return parsed && parsed->begin() == parsed->end() && parsed->error() == errc{};
}
static_assert(first_failure(parse_rows, check_parse) == -1);

TEST_CASE("capture_view::parse: file headers, bad magic numbers and short files") {
    for (const parse_row& row : parse_rows) {
        CAPTURE(row.name);
        CHECK(capture_view::parse(row.file.view()).error() == row.error);
        CHECK(check_parse(row));
    }
}

// ---------------------------------------------------------------------------
// Malformed records and blocks end the walk with their errc

struct malformed_row {
    std::string_view name;
    built_file file;
    std::size_t records; // read before the fault
    errc error;
};
// clang-format off
constexpr malformed_row malformed_rows[] = {
    // block lengths
    {"block length 0", one_interface().u32(6).u32(0).u32(0), 0, errc::bad_block_length},
    {"block length 8", one_interface().u32(6).u32(8).u32(8), 0, errc::bad_block_length},
    {"block length 13", one_interface().block(0x0BAD, 13, 8, 13), 0, errc::bad_block_length},
    {"block length past the end", one_interface().block(0x0BAD, 0x100, 8, 0x100), 0, errc::bad_block_length},
    {"block length 0xFFFFFFFC", one_interface().block(0x0BAD, 0xFFFFFFFC, 8, 0xFFFFFFFC), 0, errc::bad_block_length},
    {"trailing length differs", one_interface().block(0x0BAD, 16, 4, 20), 0, errc::bad_block_length},
    {"EPB shorter than its fixed fields", one_interface().block(6, 28, 16, 28), 0, errc::bad_block_length},
    {"SPB shorter than its fixed fields", one_interface().block(3, 12, 0, 12), 0, errc::bad_block_length},
    {"IDB shorter than its fixed fields", built_file{}.section(false).block(1, 16, 4, 16), 0, errc::bad_block_length},
    {"SHB inside the file shorter than 28", [] {
         auto f = one_interface();
         return f.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(24).u32(0x1A2B3C4D).u16(1).u16(0).u32(0).u32(24);
     }(), 0, errc::bad_block_length},
    {"8 bytes after the last block", one_interface().enhanced_packet(0, 0, 1, 1).u32(6).u32(32), 1, errc::truncated},
    {"11 bytes after the last block", one_interface().fill(11), 0, errc::truncated},
    // record lengths
    {"EPB captured length past its block",
     one_interface().u32(6).u32(36).u32(0).u64(0).u32(5).u32(5).fill(4).u32(36), 0, errc::bad_record_length},
    {"EPB captured length 0xFFFFFFFF",
     one_interface().u32(6).u32(36).u32(0).u64(0).u32(0xFFFFFFFF).u32(5).fill(4).u32(36), 0, errc::bad_record_length},
    {"PB captured length past its block",
     one_interface().u32(2).u32(32).u16(0).u16(0).u64(0).u32(1).u32(1).u32(32), 0, errc::bad_record_length},
    // interfaces
    {"EPB names an undefined interface", one_interface().enhanced_packet(0, 0, 4, 4).enhanced_packet(1, 0, 4, 4), 1,
     errc::unknown_interface_id},
    {"EPB before any IDB", built_file{}.section(false).enhanced_packet(0, 0, 4, 4), 0, errc::unknown_interface_id},
    {"SPB before any IDB", built_file{}.section(false).simple_packet(4, 4), 0, errc::unknown_interface_id},
    {"PB names an undefined interface", one_interface().obsolete_packet(1, 4), 0, errc::unknown_interface_id},
    {"a new section forgets the interfaces",
     one_interface().enhanced_packet(0, 0, 1, 1).section(true).enhanced_packet(0, 0, 1, 1), 1,
     errc::unknown_interface_id},
    {"IDB option runs past its block", [] {
         auto f = built_file{}.section(false);
         return f.u32(1).u32(28).u16(1).u16(0).u32(0).u16(2).u16(5).u32(0).u32(28); // if_name of 5 bytes in 4
     }(), 0, errc::bad_option_length},
    {"if_tsresol of 2 bytes", [] {
         auto f = built_file{}.section(false);
         return f.u32(1).u32(28).u16(1).u16(0).u32(0).u16(9).u16(2).u32(6).u32(28);
     }(), 0, errc::bad_option_length},
    {"if_tsoffset of 4 bytes", [] {
         auto f = built_file{}.section(false);
         return f.u32(1).u32(28).u16(1).u16(0).u32(0).u16(14).u16(4).u32(6).u32(28);
     }(), 0, errc::bad_option_length},
    {"second SHB with a bad byte-order magic", [] {
         auto f = one_interface().enhanced_packet(0, 0, 2, 2);
         return f.u8(0x0A).u8(0x0D).u8(0x0D).u8(0x0A).u32(28).u32(0xDEADBEEF).u16(1).u16(0).u64(0).u32(28);
     }(), 1, errc::bad_magic},
    // well-formed oddities
    {"unknown block skipped", one_interface().block(0x12345678, 16, 4, 16).enhanced_packet(0, 0, 4, 4), 1, errc{}},
    {"custom block skipped", one_interface().block(0x40000BAD, 20, 8, 20).enhanced_packet(0, 0, 4, 4), 1, errc{}},
    {"option list without opt_endofopt",
     built_file{}.section(false).interface(link_type::ethernet, 0, 6).enhanced_packet(0, 0, 4, 4), 1, errc{}},
    {"sections in both byte orders",
     one_interface().enhanced_packet(0, 1, 1, 1).section(true).interface(link_type::raw).enhanced_packet(0, 1, 1, 1)
         .section(false).interface(link_type::null).simple_packet(3, 4),
     3, errc{}},
    // pcap
    {"pcap record longer than the file", built_file{}.pcap_header(false, false, 1, 0).pcap_record(5, 5, 4), 0,
     errc::bad_record_length},
    {"pcap captured length 0xFFFFFFFF", built_file{}.pcap_header(true, false, 1, 0).pcap_record(0xFFFFFFFF, 5, 4), 0,
     errc::bad_record_length},
    {"pcap record header cut", built_file{}.pcap_header(false, true, 1, 0).fill(15), 0, errc::truncated},
    {"pcap bad second record", built_file{}.pcap_header(false, false, 1, 0).pcap_record(2, 2, 2).pcap_record(9, 9, 8),
     1, errc::bad_record_length},
    {"pcap record above the snap length is read (as tshark does)",
     built_file{}.pcap_header(false, false, 1, 1).pcap_record(8, 78, 8), 1, errc{}},
};
// clang-format on
constexpr bool check_malformed(const malformed_row& row) {
    const walk_result w = walk(row.file.view());
    return w.records == row.records && w.error == row.error;
}
static_assert(first_failure(malformed_rows, check_malformed) == -1);

TEST_CASE("capture_view: malformed blocks and records end the walk with their errc") {
    for (const malformed_row& row : malformed_rows) {
        CAPTURE(row.name);
        const walk_result w = walk(row.file.view());
        CHECK(w.records == row.records);
        CHECK(w.error == row.error);
        const auto v = capture_view::parse(row.file.view());
        REQUIRE(v);
        CHECK(v->error() == row.error);
    }
}

TEST_CASE("capture_view::iterator::offset: where the rejected block starts") {
    const built_file f = one_interface().enhanced_packet(0, 0, 4, 4).block(0x0BAD, 13, 8, 13);
    const walk_result w = walk(f.view());
    CHECK(w.records == 1);
    CHECK(w.error == errc::bad_block_length);
    CHECK(w.offset == 28 + 20 + 36);
}

// ---------------------------------------------------------------------------
// Many interfaces: the iterator keeps one and finds the others again in the
// file (issue 11: a packet on interface 82 of 95 ended the walk with
// unknown_interface_id when the table held 32).

// Issue 12: 64 bytes or less and cheap to copy (it holds where the record is,
// not the record: was 104 bytes with it, 1,112 with the 32-entry table).
static_assert(sizeof(capture_view::iterator) <= 64);
static_assert(std::is_trivially_copyable_v<capture_view::iterator>);
static_assert(std::is_same_v<std::iter_reference_t<capture_view::iterator>, ipwire::capture_record>);
// An ended iterator reads as an empty record, never past the file.
static_assert((*capture_view::iterator()).data.empty() && capture_view::iterator()->captured_length == 0);
static_assert(sizeof(capture_record) <= 40);

// Interface i of the generated sections: a link type, and every third one its
// own resolution (nanoseconds, or 2^-10 s) or a time offset, so a record read
// with the wrong interface's state shows it.
constexpr link_type nth_link(std::uint32_t i) {
    constexpr link_type links[] = {link_type::ethernet, link_type::raw, link_type::null, link_type::linux_sll};
    return links[i % 4];
}
constexpr int nth_resolution(std::uint32_t i) { return i % 3 == 1 ? 9 : i % 3 == 2 ? (0x80 | 10) : -1; }
constexpr std::optional<std::int64_t> nth_offset(std::uint32_t i) {
    return i % 5 == 4 ? std::optional<std::int64_t>(std::int64_t{1000} + i) : std::nullopt;
}
// The timestamp of `ticks` on interface i, in nanoseconds.
constexpr std::uint64_t nth_time(std::uint32_t i, std::uint64_t ticks) {
    const int r = nth_resolution(i);
    const std::uint64_t ns = r == 9    ? ticks
                             : r == -1 ? ticks * 1000
                                       : (ticks >> 10U) * 1'000'000'000 + (ticks & 1023U) * 1'000'000'000 / 1024;
    return ns + (nth_offset(i) ? static_cast<std::uint64_t>(*nth_offset(i)) * 1'000'000'000 : 0);
}

template <std::size_t N>
constexpr void add_interfaces(basic_built_file<N>& f, std::uint32_t from, std::uint32_t count) {
    for (std::uint32_t i = from; i < from + count; ++i) f.interface(nth_link(i), 0, nth_resolution(i), nth_offset(i));
}

// The packets of the 95-interface file: interface id, and ticks = 1000 + index.
constexpr std::uint32_t packet_interfaces[] = {82, 0, 94, 81, 83, 82, 1,  93, 47, 48,
                                               46, 3, 2,  1,  0,  94, 31, 32, 33, 64};
constexpr basic_built_file<4096> ninety_five_interfaces() {
    basic_built_file<4096> f;
    f.section(false);
    add_interfaces(f, 0, 95);
    std::uint64_t ticks = 1000;
    for (const std::uint32_t id : packet_interfaces) f.enhanced_packet(id, ticks++, 4, 4);
    return f;
}

// Reads a file whose packets carry ticks 1000, 1001, ... in order and checks
// each record against `ids` (and the interface's link type and clock, by
// nth_*); returns the records that matched, or -1 on a wrong one.
template <std::size_t N>
constexpr int check_generated(bytes_view file, const std::uint32_t (&ids)[N]) {
    const auto v = capture_view::parse(file);
    if (!v) return -1;
    int n = 0;
    std::uint64_t ticks = 1000;
    for (const capture_record& r : *v) {
        if (static_cast<std::size_t>(n) >= N) return -1;
        const std::uint32_t id = ids[n];
        if (r.interface_id != id || r.link_type != nth_link(id) || r.timestamp != nth_time(id, ticks) ||
            r.captured_length != 4)
            return -1;
        ++ticks;
        ++n;
    }
    return n;
}
static_assert(check_generated(ninety_five_interfaces().view(), packet_interfaces) == 20);
static_assert(walk(ninety_five_interfaces().view()).error == errc{});

TEST_CASE("capture_view: 95 interfaces, packets on any of them in any order") {
    const auto f = ninety_five_interfaces();
    CHECK(check_generated(f.view(), packet_interfaces) == 20);
    const capture_view v = capture_view::parse(f.view()).value();
    REQUIRE(v.begin() != v.end());
    CHECK(v.begin()->interface_id == 82);
    CHECK(v.begin()->link_type == nth_link(82));
    CHECK(v.begin()->timestamp == 1000); // interface 82 counts nanoseconds (if_tsresol 9)
    CHECK(v.error() == errc{});
    // A packet on interface 95 (one past the last described) still fails.
    auto g = f;
    g.enhanced_packet(95, 0, 1, 1);
    CHECK(walk(g.view()).records == 20);
    CHECK(walk(g.view()).error == errc::unknown_interface_id);
}

// Three sections: 95 little-endian interfaces, 40 big-endian ones, then 3;
// each numbers its interfaces from 0, and an id described only in an earlier
// section is unknown in a later one.
constexpr std::uint32_t section_ids[] = {82, 94, 0, /* section 2 */ 39, 0, 20, 39, /* section 3 */ 2, 0, 1};
constexpr basic_built_file<8192> three_sections() {
    basic_built_file<8192> f;
    f.section(false);
    add_interfaces(f, 0, 95);
    f.enhanced_packet(82, 1000, 4, 4).enhanced_packet(94, 1001, 4, 4).enhanced_packet(0, 1002, 4, 4);
    f.section(true);
    add_interfaces(f, 0, 40);
    f.enhanced_packet(39, 1003, 4, 4).enhanced_packet(0, 1004, 4, 4).enhanced_packet(20, 1005, 4, 4);
    f.enhanced_packet(39, 1006, 4, 4);
    f.section(false);
    add_interfaces(f, 0, 3);
    return f.enhanced_packet(2, 1007, 4, 4).enhanced_packet(0, 1008, 4, 4).enhanced_packet(1, 1009, 4, 4);
}
static_assert(check_generated(three_sections().view(), section_ids) == 10);

TEST_CASE("capture_view: several sections, each with its own interfaces") {
    const auto f = three_sections();
    CHECK(check_generated(f.view(), section_ids) == 10);
    auto g = f;
    g.enhanced_packet(3, 1010, 4, 4); // described in sections 1 and 2, not in 3
    CHECK(walk(g.view()).records == 10);
    CHECK(walk(g.view()).error == errc::unknown_interface_id);
}

// Interfaces described between packets, as a capture that gains interfaces
// does: each packet may use only those described before it. Packets on
// interface 0 go between the IDBs, so a lookup steps over them.
constexpr std::uint32_t late_ids[] = {0, 0, 1, 0, 1, 2, 0, 2, 1, 3, 0, 3, 2};
constexpr built_file late_interfaces() {
    built_file f;
    f.section(true);
    add_interfaces(f, 0, 1);
    f.enhanced_packet(0, 1000, 4, 4).enhanced_packet(0, 1001, 4, 4);
    add_interfaces(f, 1, 1);
    f.enhanced_packet(1, 1002, 4, 4).enhanced_packet(0, 1003, 4, 4).enhanced_packet(1, 1004, 4, 4);
    add_interfaces(f, 2, 1);
    f.enhanced_packet(2, 1005, 4, 4).enhanced_packet(0, 1006, 4, 4).enhanced_packet(2, 1007, 4, 4);
    f.enhanced_packet(1, 1008, 4, 4);
    add_interfaces(f, 3, 1);
    f.enhanced_packet(3, 1009, 4, 4).enhanced_packet(0, 1010, 4, 4).enhanced_packet(3, 1011, 4, 4);
    return f.enhanced_packet(2, 1012, 4, 4);
}
static_assert(check_generated(late_interfaces().view(), late_ids) == 13);
// A packet naming an interface described only after it.
static_assert(walk(built_file{}.section(false).enhanced_packet(0, 0, 1, 1).interface(link_type::raw).view()).error ==
              errc::unknown_interface_id);

TEST_CASE("capture_view: interfaces described between packets") {
    CHECK(check_generated(late_interfaces().view(), late_ids) == 13);
}

// Run-time builders for files too large for the constexpr ones.
struct big_file {
    std::vector<std::uint8_t> bytes;
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    big_file& section() {
        for (const std::uint32_t w : {0x0A0D0D0AU, 28U, 0x1A2B3C4DU, 1U, 0xFFFFFFFFU, 0xFFFFFFFFU, 28U}) u32(w);
        return *this;
    }
    big_file& interface(std::uint32_t i) { // 20 bytes, link type nth_link(i), no options
        for (const std::uint32_t w : {1U, 20U, static_cast<std::uint32_t>(nth_link(i)), 0U, 20U}) u32(w);
        return *this;
    }
    big_file& packet(std::uint32_t id) { // 36 bytes, 4 of data
        for (const std::uint32_t w : {6U, 36U, id, 0U, 0U, 4U, 4U, 0x01020304U, 36U}) u32(w);
        return *this;
    }
};

struct big_walk {
    std::size_t records = 0;
    errc error{};
    bool links_right = true;
};
big_walk walk_big(const std::vector<std::uint8_t>& bytes) {
    big_walk out;
    const capture_view v = capture_view::parse(bytes).value();
    auto it = v.begin();
    for (; it != v.end(); ++it, ++out.records)
        if (it->link_type != nth_link(it->interface_id)) out.links_right = false;
    out.error = it.error();
    return out;
}

TEST_CASE("capture_view: interface lookups are bounded; real layouts stay far inside the bound") {
    // 3,000 interfaces, 30,000 packets round-robin and then at random: read whole.
    big_file f;
    f.section();
    for (std::uint32_t i = 0; i < 3000; ++i) f.interface(i);
    for (std::uint32_t n = 0; n < 15000; ++n) f.packet(n % 3000);
    std::uint32_t x = 12345;
    for (std::uint32_t n = 0; n < 15000; ++n) {
        x = x * 1103515245U + 12345U;
        f.packet((x >> 8U) % 3000);
    }
    big_walk w = walk_big(f.bytes);
    CHECK(w.records == 30000);
    CHECK(w.error == errc{});
    CHECK(w.links_right);

    // A few interfaces used among 2,000 described: read whole.
    big_file few;
    few.section();
    for (std::uint32_t i = 0; i < 2000; ++i) few.interface(i);
    for (std::uint32_t n = 0; n < 20000; ++n) few.packet(n % 3 == 0 ? 5 : n % 3 == 1 ? 1000 : 1990);
    w = walk_big(few.bytes);
    CHECK(w.records == 20000);
    CHECK(w.error == errc{});
    CHECK(w.links_right);

    // Hostile: interface 1 described after 5,000 packets, then packets
    // alternating between 0 and 1, so that each lookup of 1 steps over 5,000
    // blocks. Without the budget this costs packets x 5,000; with it the walk
    // stops once lookups outspend 1024 steps per block.
    big_file hostile;
    hostile.section().interface(0);
    for (int n = 0; n < 5000; ++n) hostile.packet(0);
    hostile.interface(1);
    for (int n = 0; n < 8000; ++n) hostile.packet(static_cast<std::uint32_t>(n % 2 == 0 ? 1 : 0));
    w = walk_big(hostile.bytes);
    CHECK(w.error == errc::too_many_interface_lookups);
    CHECK(w.records > 5000 + 1000); // the budget earned by the first 5,000 blocks pays for about 1,700 pairs
    CHECK(w.records < 5000 + 8000);
    CHECK(w.links_right);
}

// SPB captured length: the least of the original length, interface 0's snap
// length (0: none) and the room in the block.
struct spb_row {
    std::uint32_t snap_length;
    std::uint32_t original;
    std::uint32_t room;
    std::uint32_t captured;
};
constexpr spb_row spb_rows[] = {
    {0, 4, 4, 4}, {0, 3, 4, 3}, {0, 100, 8, 8}, {5, 100, 8, 5}, {5, 2, 8, 2}, {9, 100, 8, 8}, {0, 0, 0, 0},
};
constexpr bool check_spb(const spb_row& row) {
    const built_file f = built_file{}
                             .section(true)
                             .interface(link_type::ethernet, row.snap_length)
                             .simple_packet(row.original, row.room);
    const capture_view v = capture_view::parse(f.view()).value();
    const auto it = v.begin();
    return it != v.end() && it->captured_length == row.captured && it->data.size() == row.captured &&
           it->original_length == row.original && it->timestamp == 0 &&
           it->data.data() == f.bytes.data() + 28 + 20 + 12;
}
static_assert(first_failure(spb_rows, check_spb) == -1);

TEST_CASE("capture_view: Simple Packet Block captured lengths") {
    for (const spb_row& row : spb_rows) {
        CAPTURE(row.snap_length);
        CAPTURE(row.original);
        CAPTURE(row.room);
        CHECK(check_spb(row));
    }
}

// ---------------------------------------------------------------------------
// Timestamps: if_tsresol at every extreme, if_tsoffset saturating. Expected
// values computed with arbitrary-precision integers: floor(ticks * 10^9 /
// units per second), capped at 2^64 - 1.

struct timestamp_row {
    std::uint64_t ticks;
    int resolution; // if_tsresol, -1: none (microseconds)
    std::uint64_t nanoseconds;
};
constexpr std::uint64_t max64 = ~std::uint64_t{0};
// clang-format off
constexpr timestamp_row timestamp_rows[] = {
    {1, -1, 1000},
    {0x75BCD15, -1, 123456789000},
    {1, 0x06, 1000},
    {max64, 0x06, max64},                         // saturates
    {max64, 0x00, max64},                         // seconds
    {18446744073, 0x00, 18446744073000000000U},   // the last whole second that fits
    {18446744074, 0x00, max64},                   // the first that does not
    {max64, 0x09, max64},                         // nanoseconds: as is
    {12345, 0x09, 12345},
    {max64, 0x0A, 1844674407370955161},           // 10^-10: divided
    {max64, 0x13, 1844674407},                    // 10^-19
    {max64, 0x1C, 1},                             // 10^-28: divided by 10^19
    {10000000000000000000U, 0x1C, 1},
    {9999999999999999999U, 0x1C, 0},
    {max64, 0x1D, 0},                             // 10^-29: 10^20 is past 64 bits
    {max64, 0x7F, 0},                             // 10^-127
    {1, 0x80, 1000000000},                        // 2^0: seconds
    {max64, 0x80, max64},
    {3, 0x81, 1500000000},                        // 2^-1
    {5, 0x82, 1250000000},                        // 2^-2
    {0x60000000, 0x9E, 1500000000},               // 2^-30
    {max64, 0x9E, 17179869183999999999U},
    {max64, 0xA2, 1073741823999999999},           // 2^-34: the last direct product
    {max64, 0xA3, 536870911999999999},            // 2^-35: split product
    {0x123456789ABCDEF0, 0xA3, 38177487075555555},
    {0xFFFFFFFFFF, 0xA8, 999999999},              // 2^-40, just under a second
    {0x123456789ABCDEF0, 0xB0, 4660337777777},    // 2^-48
    {max64, 0xBF, 1999999999},                    // 2^-63
    {max64, 0xC0, 999999999},                     // 2^-64: all fraction
    {0x123456789ABCDEF0, 0xC3, 8888888},          // 2^-67
    {max64, 0xD0, 15258},                         // 2^-80
    {max64, 0xFF, 0},                             // 2^-127
};
// clang-format on
constexpr bool check_timestamp(const timestamp_row& row, bool big) {
    const built_file f =
        built_file{}.section(big).interface(link_type::ethernet, 0, row.resolution).enhanced_packet(0, row.ticks, 0, 0);
    const capture_view v = capture_view::parse(f.view()).value();
    return v.begin() != v.end() && v.begin()->timestamp == row.nanoseconds && v.error() == errc{};
}
constexpr bool check_timestamp_le(const timestamp_row& row) { return check_timestamp(row, false); }
constexpr bool check_timestamp_be(const timestamp_row& row) { return check_timestamp(row, true); }
static_assert(first_failure(timestamp_rows, check_timestamp_le) == -1);
static_assert(first_failure(timestamp_rows, check_timestamp_be) == -1);

TEST_CASE("capture_view: if_tsresol powers of 10 and of 2, with no overflow") {
    for (const timestamp_row& row : timestamp_rows) {
        CAPTURE(row.ticks);
        CAPTURE(row.resolution);
        for (const bool big : {false, true}) {
            const built_file f = built_file{}
                                     .section(big)
                                     .interface(link_type::ethernet, 0, row.resolution)
                                     .enhanced_packet(0, row.ticks, 0, 0);
            const capture_view v = capture_view::parse(f.view()).value();
            REQUIRE(v.begin() != v.end());
            CHECK(v.begin()->timestamp == row.nanoseconds);
        }
    }
}

struct offset_row {
    std::uint64_t ticks;
    int resolution;
    std::int64_t offset_seconds;
    std::uint64_t nanoseconds;
};
constexpr offset_row offset_rows[] = {
    {0, 9, 0, 0},
    {5, 9, 1, 1000000005},
    {5, 9, -1, 0}, // before 1970: 0
    {2000000000, 9, -1, 1000000000},
    {0, 9, 18446744073, 18446744073000000000U},
    {0, 9, 18446744074, max64},
    {0, 9, INT64_MAX, max64},
    {max64, 9, INT64_MIN, 0},
    {max64, 0, -1, max64},                       // still past 2^64 - 1 ns
    {18446744074, 0, -1, 18446744073000000000U}, // back into range: exact, not saturated first
    {18446744074, 0, 0, max64},
    {max64, 0xC0, -1, 0}, // 0.99... s - 1 s
    {max64, 0xC0, 1, 1999999999},
    {1, 0, INT64_MIN, 0},
};
constexpr bool check_offset(const offset_row& row) {
    for (const bool big : {false, true}) {
        const built_file f = built_file{}
                                 .section(big)
                                 .interface(link_type::ethernet, 0, row.resolution, row.offset_seconds)
                                 .enhanced_packet(0, row.ticks, 0, 0);
        const capture_view v = capture_view::parse(f.view()).value();
        if (v.begin() == v.end() || v.begin()->timestamp != row.nanoseconds) return false;
    }
    return true;
}
static_assert(first_failure(offset_rows, check_offset) == -1);

TEST_CASE("capture_view: if_tsoffset adds seconds, saturating at 0 and 2^64 - 1") {
    for (const offset_row& row : offset_rows) {
        CAPTURE(row.ticks);
        CAPTURE(row.offset_seconds);
        CHECK(check_offset(row));
    }
}

TEST_CASE("capture_view: pcap timestamps at the largest fields do not overflow") {
    const built_file usec = built_file{}.pcap_header(false, false, 1, 0).u32(0xFFFFFFFF).u32(0xFFFFFFFF).u32(0).u32(0);
    const built_file nsec = built_file{}.pcap_header(true, true, 1, 0).u32(0xFFFFFFFF).u32(0xFFFFFFFF).u32(0).u32(0);
    CHECK(capture_view::parse(usec.view())->begin()->timestamp == 4294971589'967295000U);
    CHECK(capture_view::parse(nsec.view())->begin()->timestamp == 4294967299'294967295U);
}

// ---------------------------------------------------------------------------
// Every byte of every hand-built file set to 0x00, 0xFF and its value + 1, in
// a heap buffer of exactly the file's size (AddressSanitizer sees an over-read):
// the walk ends, with an errc or cleanly, and every record's data lies inside.

TEST_CASE("capture_view: single-byte corruptions of the hand-built files stay inside the buffer") {
    std::size_t walks = 0;
    std::size_t with_error = 0;
    for (const hand_built& f : hand_built_files) {
        CAPTURE(f.name);
        for (std::size_t at = 0; at < f.bytes.size(); ++at) {
            for (const int change : {0, 1, 2}) {
                std::vector<std::uint8_t> bytes(f.bytes.begin(), f.bytes.end());
                bytes[at] = change == 0 ? 0x00 : change == 1 ? 0xFF : static_cast<std::uint8_t>(bytes[at] + 1);
                CAPTURE(at);
                CAPTURE(change);
                const auto parsed = capture_view::parse(bytes);
                if (!parsed) continue;
                std::size_t records = 0;
                auto it = parsed->begin();
                for (; it != parsed->end() && records <= bytes.size(); ++it, ++records) {
                    CHECK(it->data.size() == it->captured_length);
                    CHECK(it->data.data() >= bytes.data());
                    CHECK(it->data.data() + it->data.size() <= bytes.data() + bytes.size());
                }
                CHECK(records <= bytes.size()); // every record consumes at least 16 bytes: the walk ends
                CHECK(parsed->error() == it.error());
                ++walks;
                if (it.error() != errc{}) ++with_error;
            }
        }
    }
    CHECK(walks > 1000);
    CHECK(with_error > 100);
}

// ---------------------------------------------------------------------------
// Real files: tests/data/captures/ (see its MANIFEST.md) against tshark's
// per-frame fields and the timestamps of an independent reader.

// The whole file in a buffer of exactly its size, so that AddressSanitizer
// reports a read one byte past it.
std::vector<std::uint8_t> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path.string());
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(std::filesystem::file_size(path)));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(static_cast<std::size_t>(in.gcount()) == bytes.size());
    return bytes;
}

// One line of tshark_fields.sh output: the columns this test reads.
struct tshark_frame {
    std::uint64_t captured = 0;
    std::uint64_t original = 0;
    std::uint64_t interface_id = 0;
    std::string link; // first token of frame.protocols: eth, sll, null, raw, ip, ipv6
};

std::vector<tshark_frame> read_tshark_csv(const std::filesystem::path& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot open " << path.string());
    std::vector<tshark_frame> frames;
    std::string line;
    std::getline(in, line);
    REQUIRE(line.rfind("frame,cap_len,wire_len,iface,protos,", 0) == 0);
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (int column = 0; column < 5; ++column) {
            const std::size_t comma = line.find(',', start);
            cells.push_back(line.substr(start, comma - start));
            start = comma == std::string::npos ? line.size() : comma + 1;
        }
        REQUIRE(std::stoull(cells[0]) == frames.size() + 1);
        tshark_frame f;
        f.captured = std::stoull(cells[1]);
        f.original = std::stoull(cells[2]);
        f.interface_id = std::stoull(cells[3]);
        f.link = cells[4].substr(0, cells[4].find(':'));
        frames.push_back(f);
    }
    return frames;
}

// tshark's name for the link layer of each link type in the corpus.
std::string_view tshark_link_name(link_type t) {
    switch (static_cast<std::uint16_t>(t)) {
    case 0: return "null";
    case 1: return "eth";
    case 12: // DLT_RAW on some BSDs
    case 101: return "raw";
    case 113:
    case 276: return "sll";
    case 228: return "ip";
    case 229: return "ipv6";
    default: return "?";
    }
}

// Compares every record with tshark's line; returns the number of differences.
int compare_with_tshark(const std::filesystem::path& capture, const std::filesystem::path& csv) {
    const std::vector<std::uint8_t> bytes = read_file(capture);
    const std::vector<tshark_frame> frames = read_tshark_csv(csv);
    const auto parsed = capture_view::parse(bytes);
    CHECK_MESSAGE(parsed, capture.filename().string() << ": " << ipwire::to_string(parsed.error()));
    if (!parsed) return 1;
    int differences = 0;
    std::size_t n = 0;
    auto it = parsed->begin();
    for (; it != parsed->end(); ++it, ++n) {
        CAPTURE(n + 1); // tshark's frame number
        if (n >= frames.size()) {
            ++differences;
            continue;
        }
        const tshark_frame& t = frames[n];
        const bool same = it->captured_length == t.captured && it->original_length == t.original &&
                          it->interface_id == t.interface_id && tshark_link_name(it->link_type) == t.link;
        CHECK(it->captured_length == t.captured);
        CHECK(it->original_length == t.original);
        CHECK(it->interface_id == t.interface_id);
        CHECK(tshark_link_name(it->link_type) == t.link);
        if (!same) ++differences;
    }
    CHECK(n == frames.size());
    CHECK(it.error() == errc{});
    if (n != frames.size() || it.error() != errc{}) ++differences;
    return differences;
}

struct real_record {
    link_type link;
    std::uint64_t timestamp;
    std::uint32_t captured;
    std::uint32_t original;
    std::uint32_t interface_id;
};
constexpr real_record tcp_truncated_header[] = {
    {link_type::ethernet, 1103139821634774000U, 68, 74, 0},  {link_type::ethernet, 1103139821635001000U, 58, 60, 0},
    {link_type::ethernet, 1103139821833528000U, 54, 60, 0},  {link_type::ethernet, 1103139821841126000U, 54, 138, 0},
    {link_type::ethernet, 1103139822039902000U, 54, 60, 0},  {link_type::ethernet, 1103139822040151000U, 54, 78, 0},
    {link_type::ethernet, 1103139822040254000U, 54, 60, 0},  {link_type::ethernet, 1103139822040878000U, 54, 258, 0},
    {link_type::ethernet, 1103139822240529000U, 54, 112, 0}, {link_type::ethernet, 1103139822240632000U, 54, 60, 0},
    {link_type::ethernet, 1103139822247627000U, 54, 100, 0}, {link_type::ethernet, 1103139822450278000U, 54, 88, 0},
    {link_type::ethernet, 1103139822450381000U, 54, 60, 0},  {link_type::ethernet, 1103139822453253000U, 54, 133, 0},
    {link_type::ethernet, 1103139822651780000U, 54, 60, 0},  {link_type::ethernet, 1103139822651883000U, 54, 60, 0},
    {link_type::ethernet, 1103139822652756000U, 54, 77, 0},  {link_type::ethernet, 1103139822882264000U, 54, 60, 0},
    {link_type::ethernet, 1103139822933982000U, 54, 60, 0},  {link_type::ethernet, 1103139822934084000U, 54, 60, 0},
    {link_type::ethernet, 1103139822934209000U, 54, 95, 0},  {link_type::ethernet, 1103139822934214000U, 54, 60, 0},
    {link_type::ethernet, 1103139823145731000U, 54, 60, 0},  {link_type::ethernet, 1103139823145958000U, 54, 60, 0},
};
constexpr real_record trunc_hdr[] = {
    {link_type::ethernet, 1404148886981015000U, 8, 78, 0},
};
constexpr real_record nanosecs_big_endian[] = {
    {link_type::ethernet, 1766361926167647291U, 74, 74, 0}, {link_type::ethernet, 1766361926167658091U, 74, 74, 0},
    {link_type::ethernet, 1766361926167666291U, 66, 66, 0}, {link_type::ethernet, 1766361926167712591U, 144, 144, 0},
    {link_type::ethernet, 1766361926167716191U, 66, 66, 0}, {link_type::ethernet, 1766361926168382593U, 254, 254, 0},
    {link_type::ethernet, 1766361926168402394U, 66, 66, 0}, {link_type::ethernet, 1766361926168424394U, 1322, 1322, 0},
    {link_type::ethernet, 1766361926168427394U, 66, 66, 0}, {link_type::ethernet, 1766361926168451894U, 66, 66, 0},
};
// tcpdump's tests/tcp-handshake-nano.out prints the same three instants.
constexpr real_record handshake_nano[] = {
    {link_type::linux_sll, 1418145369924505488U, 76, 76, 0},
    {link_type::linux_sll, 1418145370052027262U, 76, 76, 0},
    {link_type::linux_sll, 1418145370052115157U, 68, 68, 0},
};
// Interface 0 in nanoseconds (if_tsresol 9), interface 1 in microseconds.
constexpr real_record multi_interface[] = {
    {link_type::ethernet, 1767663089500330493U, 96, 96, 0}, {link_type::ethernet, 1767663089514291940U, 214, 214, 0},
    {link_type::ethernet, 1767663437111897000U, 70, 70, 1}, {link_type::ethernet, 1767663437126460000U, 166, 166, 1},
    {link_type::ethernet, 1767663437128303000U, 70, 70, 1}, {link_type::ethernet, 1767663437140942000U, 182, 182, 1},
};
// EPB, EPB, SPB (no timestamp; interface 0's snap length 96), EPB on the NULL interface.
constexpr real_record test101[] = {
    {link_type::ethernet, 1340954905298858000U, 96, 314, 0},
    {link_type::ethernet, 1340954905298858000U, 128, 342, 2},
    {link_type::ethernet, 0, 96, 314, 0},
    {link_type::null, 1340954905301858000U, 168, 168, 1},
};
constexpr real_record ipv4_malformed[] = {
    {link_type::ethernet, 1350802591754299000U, 217, 217, 0},
    {link_type::ethernet, 1571915896647494000U, 66, 66, 1},
};

struct real_file {
    std::string_view name;
    capture_format format;
    bool big_endian;
    bool nanoseconds;
    std::uint16_t version_major;
    std::uint16_t version_minor;
    std::optional<link_type> header_link;
    std::uint32_t snap_length;
    std::span<const real_record> records;
};
const real_file real_files[] = {
    {"zeek-tcp-truncated-header.pcap", capture_format::pcap, false, false, 2, 4, link_type::ethernet, 68,
     tcp_truncated_header},
    {"zeek-trunc-trunc-hdr.pcap", capture_format::pcap, false, false, 2, 4, link_type::ethernet, 1, trunc_hdr},
    {"ppp-nanosecs_big_endian.pcap", capture_format::pcap, true, true, 2, 4, link_type::ethernet, 262144,
     nanosecs_big_endian},
    {"tcpdump-tcp-handshake-nano.pcap", capture_format::pcap, false, true, 2, 4, link_type::linux_sll, 262144,
     handshake_nano},
    {"zeek-pcapng-multi-interface.pcapng", capture_format::pcapng, false, false, 1, 0, std::nullopt, 0,
     multi_interface},
    {"gopacket-pcapng-be-test101.pcapng", capture_format::pcapng, true, false, 1, 0, std::nullopt, 0, test101},
    {"tcpdump-empty.pcapng", capture_format::pcapng, false, false, 1, 0, std::nullopt, 0, {}},
    {"ppp-ipv4-malformed.pcap", capture_format::pcapng, false, false, 1, 0, std::nullopt, 0, ipv4_malformed},
};

const std::filesystem::path data_dir = std::filesystem::path(IPWIRE_TEST_DATA_DIR) / "captures";

TEST_CASE("capture_view: the copied real files, every record") {
    for (const real_file& f : real_files) {
        CAPTURE(f.name);
        const std::vector<std::uint8_t> bytes = read_file(data_dir / f.name);
        const auto parsed = capture_view::parse(bytes);
        REQUIRE(parsed);
        const capture_view v = *parsed;
        CHECK(v.format() == f.format);
        CHECK(v.is_big_endian() == f.big_endian);
        CHECK(v.has_nanosecond_timestamps() == f.nanoseconds);
        CHECK(v.version_major() == f.version_major);
        CHECK(v.version_minor() == f.version_minor);
        CHECK(v.link_type() == f.header_link);
        CHECK(v.snap_length() == f.snap_length);
        std::size_t n = 0;
        for (const capture_record& r : v) {
            CAPTURE(n);
            REQUIRE(n < f.records.size());
            const real_record& e = f.records[n];
            CHECK(r.link_type == e.link);
            CHECK(r.timestamp == e.timestamp);
            CHECK(r.captured_length == e.captured);
            CHECK(r.original_length == e.original);
            CHECK(r.interface_id == e.interface_id);
            CHECK(r.data.size() == e.captured);
            CHECK(r.data.data() >= bytes.data());
            CHECK(r.data.data() + r.data.size() <= bytes.data() + bytes.size());
            ++n;
        }
        CHECK(n == f.records.size());
        CHECK(v.error() == errc{});
        CHECK(compare_with_tshark(data_dir / f.name, data_dir / (std::string(f.name) + ".fields.csv")) == 0);
    }
}

TEST_CASE("capture_view: every file of ../shared/captures against tshark") {
#ifdef IPWIRE_SHARED_DIR
    const std::filesystem::path shared = std::filesystem::path(IPWIRE_SHARED_DIR) / "captures";
    std::error_code ec;
    if (!std::filesystem::is_directory(shared, ec)) {
        MESSAGE("no " << shared.string() << ": skipped");
        return;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(shared)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".pcap" || ext == ".pcapng")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    CHECK(!files.empty());
    int differences = 0;
    for (const auto& path : files) {
        CAPTURE(path.filename().string());
        const auto csv = shared / "tshark" / (path.filename().string() + ".fields.csv");
        REQUIRE_MESSAGE(std::filesystem::exists(csv), "no tshark output for " << path.filename().string());
        differences += compare_with_tshark(path, csv);
    }
    CHECK(differences == 0);
    MESSAGE(files.size() << " capture files compared with tshark: " << differences << " differences");
#else
    MESSAGE("IPWIRE_SHARED_DIR not defined: skipped");
#endif
}

} // namespace
