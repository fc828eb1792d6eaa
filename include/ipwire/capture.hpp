// capture_view: the records of a pcap or pcapng file held in memory, zero-copy.
// pcap: draft-ietf-opsawg-pcap (both byte orders, micro- and nanosecond magic).
// pcapng: draft-ietf-opsawg-pcapng (several sections of either byte order,
// interfaces with their own link types, if_tsresol and if_tsoffset; EPB, SPB, PB).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/link_type.hpp"

namespace ipwire {

enum class capture_format : std::uint8_t { pcap, pcapng };

// "pcap" or "pcapng"; an empty text (never a null data()) for any other value.
[[nodiscard]] constexpr std::string_view to_string(capture_format f) noexcept {
    switch (f) {
    case capture_format::pcap: return "pcap";
    case capture_format::pcapng: return "pcapng";
    }
    return "";
}

// One captured packet. `data` points into the file the view was parsed from.
struct capture_record {
    // The link-layer header `data` starts with: the pcap file header's, or the
    // pcapng interface's. Any 16-bit value may appear, not only the named ones.
    ipwire::link_type link_type{};
    // Nanoseconds since 1970-01-01 00:00 UTC, truncated toward zero from the
    // file's resolution and saturated at 0 and UINT64_MAX (the year 2554).
    // Simple Packet Blocks carry no time: 0.
    std::uint64_t timestamp = 0;
    std::uint32_t captured_length = 0; // bytes in the file, == data.size()
    std::uint32_t original_length = 0; // bytes on the wire (may exceed captured_length: a snap length cut)
    // The pcapng interface within its section (each Section Header Block starts
    // numbering again at 0); 0 for pcap and for Simple Packet Blocks.
    std::uint32_t interface_id = 0;
    bytes_view data;
};

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

// What the walk remembers of one pcapng interface.
struct interface_entry {
    std::int64_t offset_seconds = 0; // if_tsoffset
    std::uint32_t snap_length = 0;   // 0: none
    std::uint16_t link_type = 0;
    std::uint8_t resolution = pcapng::default_resolution; // if_tsresol code
    // For a decimal resolution down to nanoseconds and no if_tsoffset: ns per
    // tick (10^(9 - resolution)), so a timestamp is one multiplication while
    // ticks <= max_fast_ticks; 0 otherwise (split_ticks, to_nanoseconds).
    std::uint64_t ns_per_tick = 1000;
    std::uint64_t max_fast_ticks = u64_max / 1000;
};

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

class capture_view;

// capture_view::iterator, a forward iterator over the records (defined first,
// complete before capture_view's members use it). It carries the walk's state: the
// position, the current section's byte order and its interface table (so it is
// about 600 bytes; copy it sparingly). A malformed block ends the walk: the
// iterator then equals end() and error() says why.
class capture_iterator {
public:
    // pcapng interfaces remembered per section. A packet naming one past this
    // (or one not yet described) ends the walk with errc::unknown_interface_id.
    static constexpr std::size_t max_interfaces = 32;

    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::forward_iterator_tag;
    using value_type = capture_record;
    using difference_type = std::ptrdiff_t;
    using reference = const capture_record&;
    using pointer = const capture_record*;

    // An ended iterator, equal to end().
    constexpr capture_iterator() noexcept = default;

    [[nodiscard]] constexpr reference operator*() const noexcept { return record_; }
    [[nodiscard]] constexpr pointer operator->() const noexcept { return &record_; }

    constexpr capture_iterator& operator++() noexcept {
        step();
        return *this;
    }
    constexpr capture_iterator operator++(int) noexcept {
        capture_iterator before = *this;
        step();
        return before;
    }

    // errc{} while records remain and after a clean end of file.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    // Where the next block (or record) starts: after an error, the offset of
    // the one that was rejected.
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_; }

    friend constexpr bool operator==(const capture_iterator& a, const capture_iterator& b) noexcept {
        return a.ended_ == b.ended_ && (a.ended_ || a.offset_ == b.offset_);
    }
    friend constexpr bool operator==(const capture_iterator& a, std::default_sentinel_t) noexcept { return a.ended_; }

private:
    friend class capture_view;

    using interface_entry = detail::capture::interface_entry;

    constexpr explicit capture_iterator(bytes_view file) noexcept : file_(file) {
        if (file_.size() < 4) return; // a default-constructed view: nothing to walk
        ended_ = false;
        const std::uint32_t magic = detail::load_be32(file_, 0);
        pcapng_ = magic == detail::capture::pcapng::section_header_type;
        if (!pcapng_) {
            big_endian_ = detail::capture::pcap_byte_order(magic) == 1;
            nanoseconds_ = detail::capture::pcap_nanoseconds(magic);
            pcap_link_type_ = static_cast<std::uint16_t>(
                detail::load32(file_, detail::capture::pcap::link_type, big_endian_) & 0xFFFFU);
            offset_ = detail::capture::pcap::header_size;
        }
        step();
    }

    constexpr void stop(errc e) noexcept {
        error_ = e;
        ended_ = true;
        record_ = {};
    }
    constexpr std::size_t remaining() const noexcept { return file_.size() - offset_; }
    constexpr std::uint32_t load32_at(std::size_t at) const noexcept {
        return detail::load32(file_, offset_ + at, big_endian_);
    }
    constexpr std::uint16_t load16_at(std::size_t at) const noexcept {
        return detail::load16(file_, offset_ + at, big_endian_);
    }

    constexpr void step() noexcept {
        if (ended_) return;
        if (pcapng_)
            step_pcapng();
        else
            step_pcap();
    }

    constexpr void step_pcap() noexcept {
        namespace f = detail::capture::pcap;
        if (remaining() == 0) return stop(errc{});
        if (remaining() < f::record_header_size) return stop(errc::truncated);
        const std::uint32_t captured = load32_at(f::captured_length);
        if (captured > remaining() - f::record_header_size) return stop(errc::bad_record_length);
        const std::uint64_t seconds = load32_at(f::seconds);
        const std::uint64_t fraction = load32_at(f::fraction);
        // Cannot overflow: (2^32 - 1) * 10^9 + (2^32 - 1) * 1000 < 2^64.
        record_.timestamp = seconds * detail::capture::ns_per_second + fraction * (nanoseconds_ ? 1U : 1000U);
        record_.link_type = static_cast<ipwire::link_type>(pcap_link_type_);
        record_.captured_length = captured;
        record_.original_length = load32_at(f::original_length);
        record_.interface_id = 0;
        record_.data = file_.subspan(offset_ + f::record_header_size, captured);
        offset_ += f::record_header_size + captured;
    }

    // Reads blocks until the next packet, the end of the file or a fault.
    constexpr void step_pcapng() noexcept {
        namespace f = detail::capture::pcapng;
        for (;;) {
            if (remaining() == 0) return stop(errc{});
            if (remaining() < f::minimum_block_length) return stop(errc::truncated);
            const std::uint32_t type_be = detail::load_be32(file_, offset_);
            if (type_be == f::section_header_type) {
                // The byte-order magic decides how to read this block's length.
                const std::uint32_t order = detail::load_be32(file_, offset_ + f::byte_order);
                if (order == f::byte_order_magic)
                    big_endian_ = true;
                else if (order == detail::capture::byte_swap(f::byte_order_magic))
                    big_endian_ = false;
                else
                    return stop(errc::bad_magic);
            }
            const std::uint32_t type = load32_at(f::block_type);
            const std::uint32_t length = load32_at(f::block_length);
            if (length < f::minimum_block_length || length % 4 != 0 || length > remaining() ||
                load32_at(length - 4) != length)
                return stop(errc::bad_block_length);
            const bytes_view block = file_.subspan(offset_, length);

            switch (type) {
            case f::section_header_type:
                if (length < f::section_header_length) return stop(errc::bad_block_length);
                interface_count_ = 0;
                break;
            case f::interface_description_type:
                if (length < f::idb_length) return stop(errc::bad_block_length);
                if (const errc e = add_interface(block); e != errc{}) return stop(e);
                break;
            case f::enhanced_packet_type:
            case f::obsolete_packet_type: {
                if (length < f::packet_overhead) return stop(errc::bad_block_length);
                const std::uint32_t id = type == f::enhanced_packet_type ? load32_at(f::epb_interface)
                                                                         : load16_at(f::pb_interface);
                if (id >= interface_count_ || id >= max_interfaces) return stop(errc::unknown_interface_id);
                const std::uint32_t captured = load32_at(f::epb_captured_length);
                if (captured > length - f::packet_overhead) return stop(errc::bad_record_length);
                // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): id < interface_count_ and id < max_interfaces, checked above
                const interface_entry& iface = interfaces_[id];
                const std::uint64_t ticks =
                    std::uint64_t{load32_at(f::epb_timestamp_high)} << 32U | load32_at(f::epb_timestamp_low);
                record_.timestamp = iface.ns_per_tick != 0 && ticks <= iface.max_fast_ticks
                                        ? ticks * iface.ns_per_tick
                                        : detail::capture::to_nanoseconds(
                                              detail::capture::split_ticks(ticks, iface.resolution), iface.offset_seconds);
                record_.link_type = static_cast<ipwire::link_type>(iface.link_type);
                record_.captured_length = captured;
                record_.original_length = load32_at(f::epb_original_length);
                record_.interface_id = id;
                record_.data = block.subspan(f::epb_data, captured);
                offset_ += length;
                return;
            }
            case f::simple_packet_type: {
                if (length < f::spb_overhead) return stop(errc::bad_block_length);
                if (interface_count_ == 0) return stop(errc::unknown_interface_id);
                const interface_entry& iface = interfaces_[0];
                // Section 4.4: the captured length is the least of the original
                // length, interface 0's snap length and the room in the block.
                const std::uint32_t original = load32_at(f::spb_original_length);
                std::uint32_t captured = static_cast<std::uint32_t>(length - f::spb_overhead);
                if (original < captured) captured = original;
                if (iface.snap_length != 0 && iface.snap_length < captured) captured = iface.snap_length;
                record_.timestamp = 0;
                record_.link_type = static_cast<ipwire::link_type>(iface.link_type);
                record_.captured_length = captured;
                record_.original_length = original;
                record_.interface_id = 0;
                record_.data = block.subspan(f::spb_data, captured);
                offset_ += length;
                return;
            }
            default: break; // statistics, name resolution, custom, unknown: skipped
            }
            offset_ += length;
        }
    }

    // An Interface Description Block whose length (>= 20) is checked. Options
    // are walked for if_tsresol and if_tsoffset; one that runs past the block,
    // or one of those two with the wrong length, is errc::bad_option_length.
    constexpr errc add_interface(bytes_view block) noexcept {
        namespace f = detail::capture::pcapng;
        interface_entry entry;
        entry.link_type = detail::load16(block, f::idb_link_type, big_endian_);
        entry.snap_length = detail::load32(block, f::idb_snap_length, big_endian_);
        const std::size_t options_end = block.size() - 4;
        for (std::size_t at = f::idb_options; options_end - at >= 4;) {
            const std::uint16_t code = detail::load16(block, at, big_endian_);
            const std::uint16_t length = detail::load16(block, at + 2, big_endian_);
            if (code == f::option_end) break;
            const std::size_t padded = (std::size_t{length} + 3U) & ~std::size_t{3};
            if (padded > options_end - at - 4) return errc::bad_option_length;
            if (code == f::option_if_tsresol) {
                if (length != 1) return errc::bad_option_length;
                entry.resolution = block[at + 4];
            } else if (code == f::option_if_tsoffset) {
                if (length != 8) return errc::bad_option_length;
                const std::uint64_t high = detail::load32(block, at + (big_endian_ ? 4 : 8), big_endian_);
                const std::uint64_t low = detail::load32(block, at + (big_endian_ ? 8 : 4), big_endian_);
                entry.offset_seconds = static_cast<std::int64_t>(high << 32U | low);
            }
            at += 4 + padded;
        }
        if ((entry.resolution & 0x80U) == 0 && entry.resolution <= 9 && entry.offset_seconds == 0) {
            entry.ns_per_tick = detail::capture::power_of_ten(9U - entry.resolution);
            entry.max_fast_ticks = detail::capture::u64_max / entry.ns_per_tick;
        } else {
            entry.ns_per_tick = 0;
        }
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): bounded by the condition on this line
        if (interface_count_ < max_interfaces) interfaces_[interface_count_] = entry;
        // Saturates rather than wraps (an 80 GB file of IDBs).
        if (interface_count_ != std::numeric_limits<std::uint32_t>::max()) ++interface_count_;
        return errc{};
    }

    bytes_view file_;
    std::size_t offset_ = 0;
    capture_record record_;
    std::uint32_t interface_count_ = 0;
    errc error_{};
    bool ended_ = true;
    bool pcapng_ = false;
    bool big_endian_ = false;
    bool nanoseconds_ = false;
    std::uint16_t pcap_link_type_ = 0;
    std::array<interface_entry, max_interfaces> interfaces_{};
};

// A pcap or pcapng file in memory. The view holds only the file's span (format
// and byte order are re-read from its first bytes, which costs a compare);
// parse checks the file header, the iterator checks every block as it steps.
class capture_view {
public:
    using iterator = capture_iterator;
    static constexpr std::size_t max_interfaces = capture_iterator::max_interfaces;

    constexpr capture_view() noexcept = default;

    // Errors: truncated (fewer bytes than a file header: 24 for pcap, 28 for
    // pcapng, 4 to tell them apart), bad_magic (neither pcap magic nor a pcapng
    // Section Header Block with a byte-order magic), bad_block_length (the
    // first Section Header Block's length below 28, not a multiple of 4, past
    // the file or not repeated at its end). Version numbers are not checked.
    [[nodiscard]] static constexpr result<capture_view> parse(bytes_view whole_file) noexcept {
        namespace png = detail::capture::pcapng;
        if (whole_file.size() < 4) return errc::truncated;
        const std::uint32_t magic = detail::load_be32(whole_file, 0);
        if (detail::capture::pcap_byte_order(magic) >= 0) {
            if (whole_file.size() < detail::capture::pcap::header_size) return errc::truncated;
            return capture_view(whole_file);
        }
        if (magic != png::section_header_type) return errc::bad_magic;
        if (whole_file.size() < png::section_header_length) return errc::truncated;
        const std::uint32_t order = detail::load_be32(whole_file, png::byte_order);
        if (order != png::byte_order_magic && order != detail::capture::byte_swap(png::byte_order_magic)) return errc::bad_magic;
        const bool big = order == png::byte_order_magic;
        const std::uint32_t length = detail::load32(whole_file, png::block_length, big);
        if (length < png::section_header_length || length % 4 != 0 || length > whole_file.size() ||
            detail::load32(whole_file, length - 4, big) != length)
            return errc::bad_block_length;
        return capture_view(whole_file);
    }

    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr capture_format format() const noexcept {
        return detail::load_be32(bytes_, 0) == detail::capture::pcapng::section_header_type ? capture_format::pcapng
                                                                                            : capture_format::pcap;
    }
    // The file header's byte order; for pcapng, the first section's (later
    // sections may differ, and are read in their own).
    [[nodiscard]] constexpr bool is_big_endian() const noexcept {
        if (format() == capture_format::pcap) return detail::capture::pcap_byte_order(detail::load_be32(bytes_, 0)) == 1;
        return detail::load_be32(bytes_, detail::capture::pcapng::byte_order) ==
               detail::capture::pcapng::byte_order_magic;
    }
    // pcap: the nanosecond magic 0xA1B23C4D; pcapng: false (each interface has its own if_tsresol).
    [[nodiscard]] constexpr bool has_nanosecond_timestamps() const noexcept {
        return detail::capture::pcap_nanoseconds(detail::load_be32(bytes_, 0));
    }
    // The pcap header's or the first pcapng section's version.
    [[nodiscard]] constexpr std::uint16_t version_major() const noexcept {
        return format() == capture_format::pcap
                   ? detail::load16(bytes_, detail::capture::pcap::version_major, is_big_endian())
                   : detail::load16(bytes_, detail::capture::pcapng::version_major, is_big_endian());
    }
    [[nodiscard]] constexpr std::uint16_t version_minor() const noexcept {
        return format() == capture_format::pcap
                   ? detail::load16(bytes_, detail::capture::pcap::version_minor, is_big_endian())
                   : detail::load16(bytes_, detail::capture::pcapng::version_minor, is_big_endian());
    }
    // pcap: the header's link type (low 16 bits of its LinkType field) and snap
    // length. pcapng has these per interface, in the records: nullopt and 0.
    // A pcap record's captured length may exceed the snap length (real files
    // do this); it is not checked against it.
    [[nodiscard]] constexpr std::optional<ipwire::link_type> link_type() const noexcept {
        if (format() != capture_format::pcap) return std::nullopt;
        return static_cast<ipwire::link_type>(
            detail::load32(bytes_, detail::capture::pcap::link_type, is_big_endian()) & 0xFFFFU);
    }
    [[nodiscard]] constexpr std::uint32_t snap_length() const noexcept {
        if (format() != capture_format::pcap) return 0;
        return detail::load32(bytes_, detail::capture::pcap::snap_length, is_big_endian());
    }

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(bytes_); }
    [[nodiscard]] constexpr std::default_sentinel_t end() const noexcept { return {}; }

    // Why the walk over the records stopped: errc{} at a clean end of file.
    // This walks every block header again (not the data): O(records). Inside a
    // loop, the iterator's own error() says the same at no cost.
    [[nodiscard]] constexpr errc error() const noexcept {
        iterator it = begin();
        while (it != end()) ++it;
        return it.error();
    }

private:
    constexpr explicit capture_view(bytes_view b) noexcept : bytes_(b) {}

    bytes_view bytes_;
};

} // namespace ipwire
