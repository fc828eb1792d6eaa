// Internals of capture.hpp: pcap and pcapng field offsets, magic numbers and
// the timestamp arithmetic (draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace ipwire {

namespace detail::capture {

inline constexpr std::uint64_t u64_max = std::numeric_limits<std::uint64_t>::max();
inline constexpr std::uint64_t ns_per_second = 1'000'000'000;

// floor(fraction * 10^9 / 2^shift) for fraction < 2^shift (any fraction when
// shift >= 64), without 128-bit arithmetic: the product has at most 94 bits,
// so it is formed as high * 2^32 + low from the fraction's 32-bit halves.
constexpr std::uint32_t binary_fraction_to_ns(std::uint64_t fraction, unsigned shift) noexcept {
    if (shift <= 34) return static_cast<std::uint32_t>((fraction * ns_per_second) >> shift); // < 2^34 * 2^30
    const std::uint64_t low = (fraction & 0xFFFF'FFFFU) * ns_per_second;
    const std::uint64_t high = (fraction >> 32U) * ns_per_second + (low >> 32U);
    // The low 32 bits of the product are less than one unit of 2^shift.
    // cppcheck-suppress knownConditionTrueFalse ; false positive: shift reaches 127 (if_tsresol 0x80 | 127), so shift - 32 can be 64 or more
    return shift - 32 < 64 ? static_cast<std::uint32_t>(high >> (shift - 32)) : 0;
}

// 10^n for n <= 19 (10^19 is the largest power of ten in 64 bits).
constexpr std::uint64_t power_of_ten(unsigned n) noexcept {
    std::uint64_t p = 1;
    for (unsigned i = 0; i < n; ++i) p *= 10;
    return p;
}

struct split_time {
    std::uint64_t seconds;
    std::uint32_t nanoseconds; // < 10^9, truncated
};

// A pcapng timestamp counted in units of the if_tsresol code `resolution`
// (high bit clear: 10^-value s; set: 2^-(value & 0x7F) s), split into whole
// seconds and nanoseconds so that no step can overflow.
constexpr split_time split_ticks(std::uint64_t ticks, std::uint8_t resolution) noexcept {
    if ((resolution & 0x80U) == 0) {
        if (resolution <= 9) {
            const std::uint64_t unit = power_of_ten(resolution);
            return {ticks / unit, static_cast<std::uint32_t>(ticks % unit * power_of_ten(9U - resolution))};
        }
        if (resolution <= 19) {
            const std::uint64_t unit = power_of_ten(resolution);
            return {ticks / unit, static_cast<std::uint32_t>(ticks % unit / power_of_ten(resolution - 9U))};
        }
        // Less than a second in 64 bits of ticks (10^20 > 2^64).
        const unsigned divisor = resolution - 9U;
        return {0, divisor <= 19 ? static_cast<std::uint32_t>(ticks / power_of_ten(divisor)) : 0};
    }
    const unsigned shift = resolution & 0x7FU;
    if (shift >= 64) return {0, binary_fraction_to_ns(ticks, shift)};
    const std::uint64_t fraction = ticks & ((std::uint64_t{1} << shift) - 1);
    return {ticks >> shift, binary_fraction_to_ns(fraction, shift)};
}

// Nanoseconds since the epoch after if_tsoffset (whole seconds, signed),
// saturated at 0 and UINT64_MAX only at the end, so an offset that brings a
// far-off time back into range gives the exact value.
constexpr std::uint64_t to_nanoseconds(split_time t, std::int64_t offset_seconds) noexcept {
    std::uint64_t seconds = t.seconds;
    if (offset_seconds >= 0) {
        const auto forward = static_cast<std::uint64_t>(offset_seconds);
        if (seconds > u64_max - forward) return u64_max;
        seconds += forward;
    } else {
        const std::uint64_t back = std::uint64_t{0} - static_cast<std::uint64_t>(offset_seconds);
        if (back > seconds) return 0;
        seconds -= back;
    }
    if (seconds > (u64_max - t.nanoseconds) / ns_per_second) return u64_max;
    return seconds * ns_per_second + t.nanoseconds;
}

// Offsets of the file formats' fields, in bytes.
namespace pcap { // draft-ietf-opsawg-pcap section 4 (file header), 5 (record)
inline constexpr std::size_t version_major = 4;
inline constexpr std::size_t version_minor = 6;
inline constexpr std::size_t snap_length = 16;
inline constexpr std::size_t link_type = 20; // 32 bits: LinkType in the low 16, FCS flags above
inline constexpr std::size_t header_size = 24;
// record header, from the record's start
inline constexpr std::size_t seconds = 0;
inline constexpr std::size_t fraction = 4; // micro- or nanoseconds, by the magic number
inline constexpr std::size_t captured_length = 8;
inline constexpr std::size_t original_length = 12;
inline constexpr std::size_t record_header_size = 16;
} // namespace pcap

namespace pcapng { // draft-ietf-opsawg-pcapng section 3.1 (general block), 4.x
inline constexpr std::uint32_t section_header_type = 0x0A0D0D0A; // the same in both byte orders
inline constexpr std::uint32_t interface_description_type = 1;
inline constexpr std::uint32_t obsolete_packet_type = 2; // Appendix A
inline constexpr std::uint32_t simple_packet_type = 3;
inline constexpr std::uint32_t enhanced_packet_type = 6;
inline constexpr std::uint32_t byte_order_magic = 0x1A2B3C4D;
// every block: type, total length, body, total length again
inline constexpr std::size_t block_type = 0;
inline constexpr std::size_t block_length = 4;
inline constexpr std::size_t body = 8;
inline constexpr std::size_t minimum_block_length = 12;
// Section Header Block (section 4.1)
inline constexpr std::size_t byte_order = 8;
inline constexpr std::size_t version_major = 12;
inline constexpr std::size_t version_minor = 14;
inline constexpr std::size_t section_header_length = 28; // with section length, no options
// Interface Description Block (section 4.2)
inline constexpr std::size_t idb_link_type = 8;
inline constexpr std::size_t idb_snap_length = 12;
inline constexpr std::size_t idb_options = 16;
inline constexpr std::size_t idb_length = 20;
inline constexpr std::uint16_t option_end = 0;
inline constexpr std::uint16_t option_if_tsresol = 9;
inline constexpr std::uint16_t option_if_tsoffset = 14;
inline constexpr std::uint8_t default_resolution = 6; // microseconds
// Enhanced Packet Block (section 4.3)
inline constexpr std::size_t epb_interface = 8;
inline constexpr std::size_t epb_timestamp_high = 12;
inline constexpr std::size_t epb_timestamp_low = 16;
inline constexpr std::size_t epb_captured_length = 20;
inline constexpr std::size_t epb_original_length = 24;
inline constexpr std::size_t epb_data = 28;
// Obsolete Packet Block (Appendix A): the EPB's layout with a 16-bit interface id and a drops count
inline constexpr std::size_t pb_interface = 8;
// Simple Packet Block (section 4.4)
inline constexpr std::size_t spb_original_length = 8;
inline constexpr std::size_t spb_data = 12;
// fixed part + data + trailing length
inline constexpr std::size_t packet_overhead = epb_data + 4;
inline constexpr std::size_t spb_overhead = spb_data + 4;
} // namespace pcapng

// For a decimal if_tsresol 0..9: nanoseconds per tick, 10^(9 - resolution),
// and the most ticks that multiply by it without overflow, so a timestamp is
// one multiplication (no division per record).
inline constexpr std::array<std::uint64_t, 10> ns_per_tick = {
    1'000'000'000, 100'000'000, 10'000'000, 1'000'000, 100'000, 10'000, 1'000, 100, 10, 1};
inline constexpr std::array<std::uint64_t, 10> max_fast_ticks = {
    u64_max / 1'000'000'000, u64_max / 100'000'000, u64_max / 10'000'000, u64_max / 1'000'000, u64_max / 100'000,
    u64_max / 10'000,        u64_max / 1'000,       u64_max / 100,        u64_max / 10,        u64_max};

// What a pcapng interface lookup may cost: every block the walk passes adds
// this many steps to its budget (see capture_iterator::find_interface).
inline constexpr std::uint32_t lookup_steps_per_block = 1024;

// pcap magic numbers read big-endian: 1 for a big-endian file, 0 for
// little-endian, -1 for no pcap magic.
constexpr int pcap_byte_order(std::uint32_t magic) noexcept {
    if (magic == 0xA1B2C3D4U || magic == 0xA1B23C4DU) return 1;
    if (magic == 0xD4C3B2A1U || magic == 0x4D3CB2A1U) return 0;
    return -1;
}
constexpr bool pcap_nanoseconds(std::uint32_t magic) noexcept { return magic == 0xA1B23C4DU || magic == 0x4D3CB2A1U; }
constexpr std::uint32_t byte_swap(std::uint32_t v) noexcept {
    return (v >> 24U) | ((v >> 8U) & 0xFF00U) | ((v << 8U) & 0xFF0000U) | (v << 24U);
}

} // namespace detail::capture

} // namespace ipwire
