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
#include "ipwire/detail/capture.hpp"
#include "ipwire/detail/tlv.hpp"
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
    // The pcapng interface within its section (each Section Header Block starts
    // numbering again at 0); 0 for pcap and for Simple Packet Blocks. (Beside
    // link_type, where it fills what would be padding: the record is 40 bytes.)
    std::uint32_t interface_id = 0;
    // Nanoseconds since 1970-01-01 00:00 UTC, truncated toward zero from the
    // file's resolution and saturated at 0 and UINT64_MAX (the year 2554).
    // Simple Packet Blocks carry no time: 0.
    std::uint64_t timestamp = 0;
    std::uint32_t captured_length = 0; // bytes in the file, == data.size()
    std::uint32_t original_length = 0; // bytes on the wire (may exceed captured_length: a snap length cut)
    bytes_view data;
};

class capture_view;

// capture_view::iterator, a forward iterator over the records (defined first,
// complete before capture_view's members use it). A malformed block ends the
// walk: the iterator then equals end() and error() says why.
//
// It is small (64 bytes on 64-bit targets, trivially copyable) and allocates
// nothing, whatever the number of pcapng interfaces. It holds where the
// current record is and the state of the interface it uses, not the record:
// operator* reads the record from the file (a few loads, checked when the
// iterator stepped onto it) and returns it by value. Only one interface's
// state is kept, the one the last packet used; any other is found again in
// the file. Each Section Header Block starts numbering interfaces at 0
// (pcapng section 4.2), so interface k of a section is its k-th Interface
// Description Block before the packet; the lookup walks block lengths only
// (every block before the packet was checked as the walk passed it) from the
// nearest known point: forward from the section start or from the remembered
// interface's block, or backward from that block by the trailing lengths
// (section 3.1 repeats the length at the end of each block for this).
// Switching among a few interfaces described together costs a few steps.
//
// Cost bound. A hostile file could make every packet name an interface far
// from the last one (thousands of blocks apart), which would make the walk
// quadratic in the file size. So lookups draw on a budget: each block the
// walk passes adds lookup_steps_per_block (1024) steps, each block a lookup
// steps over (and each option of the Interface Description Block it then
// reads) takes one. A file whose lookups need more than that on average ends
// with errc::too_many_interface_lookups. The worst case is therefore about
// 1024 block-length reads per block of the file, a few microseconds, and the
// walk stays linear; real files (interfaces described together at the start
// of their section, or added later one by one) stay far below it.
class capture_iterator {
public:
    // operator-> hands out a record that lives as long as the expression.
    class arrow {
    public:
        [[nodiscard]] constexpr const capture_record* operator->() const noexcept { return &record_; }

    private:
        friend class capture_iterator;
        constexpr explicit arrow(const capture_record& r) noexcept : record_(r) {}
        capture_record record_;
    };

    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag; // yields values, not references
    using value_type = capture_record;
    using difference_type = std::ptrdiff_t;
    using reference = capture_record;
    using pointer = arrow;

    // An ended iterator, equal to end().
    constexpr capture_iterator() noexcept = default;

    // The record the iterator is at; an empty record at the end.
    [[nodiscard]] constexpr capture_record operator*() const noexcept {
        if (ended()) return {};
        return pcapng() ? pcapng_record() : pcap_record();
    }
    [[nodiscard]] constexpr arrow operator->() const noexcept { return arrow(**this); }

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
    // the one that was rejected; at a clean end, the file's size.
    [[nodiscard]] constexpr std::size_t offset() const noexcept {
        return ended() ? offset_ : offset_ + current_length();
    }

    friend constexpr bool operator==(const capture_iterator& a, const capture_iterator& b) noexcept {
        return a.ended() == b.ended() && (a.ended() || a.offset_ == b.offset_);
    }
    friend constexpr bool operator==(const capture_iterator& a, std::default_sentinel_t) noexcept { return a.ended(); }

private:
    friend class capture_view;
    struct flag {
        static constexpr std::uint8_t ended = 1, pcapng = 2, big_endian = 4, nanoseconds = 8;
    };

    constexpr explicit capture_iterator(bytes_view file) noexcept : file_(file) {
        if (file_.size() < 4) return; // a default-constructed view: nothing to walk
        flags_ = 0;
        const std::uint32_t magic = detail::load_be32(file_, 0);
        if (magic == detail::capture::pcapng::section_header_type) {
            flags_ = flag::pcapng;
            settle_pcapng();
            return;
        }
        set(flag::big_endian, detail::capture::pcap_byte_order(magic) == 1);
        set(flag::nanoseconds, detail::capture::pcap_nanoseconds(magic));
        link_type_ =
            static_cast<std::uint16_t>(detail::load32(file_, detail::capture::pcap::link_type, big_endian()) & 0xFFFFU);
        offset_ = detail::capture::pcap::header_size;
        settle_pcap();
    }

    [[nodiscard]] constexpr bool has(std::uint8_t f) const noexcept { return (flags_ & f) != 0; }
    constexpr void set(std::uint8_t f, bool on) noexcept {
        flags_ = static_cast<std::uint8_t>(on ? flags_ | f : flags_ & ~unsigned{f});
    }
    [[nodiscard]] constexpr bool ended() const noexcept { return has(flag::ended); }
    [[nodiscard]] constexpr bool pcapng() const noexcept { return has(flag::pcapng); }
    [[nodiscard]] constexpr bool big_endian() const noexcept { return has(flag::big_endian); }

    constexpr void stop(errc e) noexcept {
        error_ = e;
        flags_ = static_cast<std::uint8_t>(flags_ | flag::ended);
    }
    [[nodiscard]] constexpr std::size_t remaining() const noexcept { return file_.size() - offset_; }
    [[nodiscard]] constexpr std::uint32_t load32_at(std::size_t at) const noexcept {
        return detail::load32(file_, offset_ + at, big_endian());
    }
    [[nodiscard]] constexpr std::uint16_t load16_at(std::size_t at) const noexcept {
        return detail::load16(file_, offset_ + at, big_endian());
    }
    // The bytes the current record takes: a pcap record header and its data,
    // or the whole pcapng block.
    [[nodiscard]] constexpr std::size_t current_length() const noexcept {
        if (pcapng()) return load32_at(detail::capture::pcapng::block_length);
        return detail::capture::pcap::record_header_size + load32_at(detail::capture::pcap::captured_length);
    }

    constexpr void step() noexcept {
        if (ended()) return;
        offset_ += current_length();
        if (pcapng())
            settle_pcapng();
        else
            settle_pcap();
    }

    // Checks the pcap record at offset_, or ends the walk.
    constexpr void settle_pcap() noexcept {
        namespace f = detail::capture::pcap;
        if (remaining() == 0) return stop(errc{});
        if (remaining() < f::record_header_size) return stop(errc::truncated);
        if (load32_at(f::captured_length) > remaining() - f::record_header_size) return stop(errc::bad_record_length);
    }
    [[nodiscard]] constexpr capture_record pcap_record() const noexcept {
        namespace f = detail::capture::pcap;
        const std::uint32_t captured = load32_at(f::captured_length);
        const std::uint64_t seconds = load32_at(f::seconds);
        const std::uint64_t fraction = load32_at(f::fraction);
        // Cannot overflow: (2^32 - 1) * 10^9 + (2^32 - 1) * 1000 < 2^64.
        return {static_cast<ipwire::link_type>(link_type_),
                0,
                seconds * detail::capture::ns_per_second + fraction * (has(flag::nanoseconds) ? 1U : 1000U),
                captured,
                load32_at(f::original_length),
                file_.subspan(offset_ + f::record_header_size, captured)};
    }

    [[nodiscard]] constexpr capture_record pcapng_record() const noexcept {
        namespace f = detail::capture::pcapng;
        const std::uint32_t type = load32_at(f::block_type);
        const std::uint32_t length = load32_at(f::block_length);
        if (type == f::simple_packet_type) {
            // Section 4.4: the captured length is the least of the original
            // length, interface 0's snap length and the room in the block.
            const std::uint32_t snap = detail::load32(file_, interface_block_ + f::idb_snap_length, big_endian());
            const std::uint32_t original = load32_at(f::spb_original_length);
            auto captured = static_cast<std::uint32_t>(length - f::spb_overhead);
            if (original < captured) captured = original;
            if (snap != 0 && snap < captured) captured = snap;
            return {static_cast<ipwire::link_type>(link_type_),    0, 0, captured, original,
                    file_.subspan(offset_ + f::spb_data, captured)};
        }
        const std::uint32_t id =
            type == f::enhanced_packet_type ? load32_at(f::epb_interface) : load16_at(f::pb_interface);
        const std::uint32_t captured = load32_at(f::epb_captured_length);
        const std::uint64_t ticks =
            std::uint64_t{load32_at(f::epb_timestamp_high)} << 32U | load32_at(f::epb_timestamp_low);
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): resolution_ <= 9 is checked first
        const std::uint64_t timestamp =
            offset_seconds_ == 0 && resolution_ <= 9 && ticks <= detail::capture::max_fast_ticks[resolution_]
                ? ticks * detail::capture::ns_per_tick[resolution_]
                : detail::capture::to_nanoseconds(detail::capture::split_ticks(ticks, resolution_), offset_seconds_);
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        return {
            static_cast<ipwire::link_type>(link_type_),    id, timestamp, captured, load32_at(f::epb_original_length),
            file_.subspan(offset_ + f::epb_data, captured)};
    }

    // What a packet needs of its interface.
    struct interface_state {
        std::int64_t offset_seconds = 0; // if_tsoffset
        std::uint16_t link_type = 0;
        std::uint8_t resolution = detail::capture::pcapng::default_resolution; // if_tsresol code
    };

    // The options of an Interface Description Block (section 4.2), walked by the
    // one TLV walker (detail/tlv.hpp), for if_tsresol and if_tsoffset. Defined
    // before its callers: clang 14 will not constant-evaluate a member template
    // defined after the point of use.
    template <detail::tlv_format F>
    constexpr errc read_options(bytes_view options, bool charged, interface_state& out) noexcept {
        namespace f = detail::capture::pcapng;
        struct option { // what tlv_iterator yields; the iterator's own accessors are what is read
            constexpr explicit option(bytes_view) noexcept {}
        };
        auto it = detail::tlv_iterator<F, option>(options);
        for (; it != std::default_sentinel; ++it) {
            if (charged && !spend_step()) return errc::too_many_interface_lookups;
            const bytes_view option_bytes = options.subspan(it.offset(), 4);
            const std::uint16_t code = detail::load16(option_bytes, 0, big_endian());
            const bytes_view data = it.data();
            if (code == f::option_if_tsresol) {
                if (data.size() != 1) return errc::bad_option_length;
                out.resolution = data[0];
            } else if (code == f::option_if_tsoffset) {
                if (data.size() != 8) return errc::bad_option_length;
                const std::uint64_t high = detail::load32(data, big_endian() ? 0 : 4, big_endian());
                const std::uint64_t low = detail::load32(data, big_endian() ? 4 : 0, big_endian());
                out.offset_seconds = static_cast<std::int64_t>(high << 32U | low);
            }
        }
        return it.error();
    }

    // Reads blocks from offset_ until a packet (checked, its interface made
    // the current one), the end of the file or a fault.
    constexpr void settle_pcapng() noexcept {
        namespace f = detail::capture::pcapng;
        for (;;) {
            if (remaining() == 0) return stop(errc{});
            if (remaining() < f::minimum_block_length) return stop(errc::truncated);
            const std::uint32_t type_be = detail::load_be32(file_, offset_);
            if (type_be == f::section_header_type) {
                // The byte-order magic decides how to read this block's length.
                const std::uint32_t order = detail::load_be32(file_, offset_ + f::byte_order);
                if (order == f::byte_order_magic)
                    set(flag::big_endian, true);
                else if (order == detail::capture::byte_swap(f::byte_order_magic))
                    set(flag::big_endian, false);
                else
                    return stop(errc::bad_magic);
            }
            const std::uint32_t type = load32_at(f::block_type);
            const std::uint32_t length = load32_at(f::block_length);
            if (length < f::minimum_block_length || length % 4 != 0 || length > remaining() ||
                load32_at(length - 4) != length)
                return stop(errc::bad_block_length);
            constexpr std::uint32_t budget_max = std::numeric_limits<std::uint32_t>::max();
            constexpr std::uint32_t earned = detail::capture::lookup_steps_per_block;
            lookup_budget_ = lookup_budget_ > budget_max - earned ? budget_max : lookup_budget_ + earned;

            switch (type) {
            case f::section_header_type:
                if (length < f::section_header_length) return stop(errc::bad_block_length);
                section_start_ = offset_;
                interface_block_ = 0; // interfaces are numbered again from 0
                break;
            case f::interface_description_type: {
                if (length < f::idb_length) return stop(errc::bad_block_length);
                interface_state unused;
                if (const errc e = read_interface(file_.subspan(offset_, length), false, unused); e != errc{})
                    return stop(e);
                break;
            }
            case f::enhanced_packet_type:
            case f::obsolete_packet_type: {
                if (length < f::packet_overhead) return stop(errc::bad_block_length);
                const std::uint32_t id =
                    type == f::enhanced_packet_type ? load32_at(f::epb_interface) : load16_at(f::pb_interface);
                if (const errc e = use_interface(id); e != errc{}) return stop(e);
                if (load32_at(f::epb_captured_length) > length - f::packet_overhead)
                    return stop(errc::bad_record_length);
                return;
            }
            case f::simple_packet_type: {
                if (length < f::spb_overhead) return stop(errc::bad_block_length);
                if (const errc e = use_interface(0); e != errc{}) return stop(e);
                return;
            }
            default: break; // statistics, name resolution, custom, unknown: skipped
            }
            offset_ += length;
        }
    }

    // An Interface Description Block whose length (>= 20) is checked. Its
    // options (section 4.2) are walked by the one TLV walker (detail/tlv.hpp)
    // for if_tsresol and if_tsoffset; one that runs past the block, or one of
    // those two with the wrong length, is errc::bad_option_length. With
    // `charged` (a lookup reading the block again) each option costs one step
    // of the budget.
    constexpr errc read_interface(bytes_view block, bool charged, interface_state& out) noexcept {
        namespace f = detail::capture::pcapng;
        out.link_type = detail::load16(block, f::idb_link_type, big_endian());
        const bytes_view options = block.subspan(f::idb_options, block.size() - f::idb_options - 4);
        return big_endian() ? read_options<detail::tlv_format::pcapng_be>(options, charged, out)
                            : read_options<detail::tlv_format::pcapng_le>(options, charged, out);
    }
    constexpr bool spend_step() noexcept {
        if (lookup_budget_ == 0) return false;
        --lookup_budget_;
        return true;
    }
    [[nodiscard]] constexpr std::uint32_t block_type_at(std::size_t at) const noexcept {
        return detail::load32(file_, at, big_endian());
    }
    [[nodiscard]] constexpr std::uint32_t block_length_at(std::size_t at) const noexcept {
        return detail::load32(file_, at + detail::capture::pcapng::block_length, big_endian());
    }

    // Makes interface `id` of this section the remembered one: at once when it
    // already is, else by find_interface.
    constexpr errc use_interface(std::uint32_t id) noexcept {
        if (interface_block_ != 0 && id == interface_id_) return errc{};
        const std::size_t at = find_interface(id);
        if (at == budget_spent) return errc::too_many_interface_lookups;
        if (at == 0) return errc::unknown_interface_id;
        interface_state s;
        if (const errc e = read_interface(file_.subspan(at, block_length_at(at)), true, s); e != errc{}) return e;
        interface_block_ = at;
        interface_id_ = id;
        link_type_ = s.link_type;
        resolution_ = s.resolution;
        offset_seconds_ = s.offset_seconds;
        return errc{};
    }

    static constexpr std::size_t budget_spent = std::numeric_limits<std::size_t>::max();

    // The offset of the id-th Interface Description Block of this section
    // before offset_; 0 (the file's first block is a Section Header Block,
    // never an interface) when there is none; budget_spent when the budget ran
    // out first. Blocks from section_start_ to offset_ were checked as
    // the walk passed them: lengths >= 12, multiples of 4, inside the file and
    // repeated at their ends. The bounds below only keep that true.
    constexpr std::size_t find_interface(std::uint32_t id) noexcept {
        namespace f = detail::capture::pcapng;
        const bool known = interface_block_ != 0;
        if (known && id < interface_id_ && interface_id_ - id <= id) {
            // Backward from the remembered block: interface_id_ - id blocks of
            // type 1 to pass, fewer than from the section start.
            std::size_t at = interface_block_;
            std::uint32_t index = interface_id_;
            while (at > section_start_) {
                if (!spend_step()) return budget_spent;
                const std::uint32_t previous = detail::load32(file_, at - 4, big_endian());
                if (previous > at - section_start_) return 0;
                at -= previous;
                if (block_type_at(at) == f::interface_description_type && --index == id) return at;
            }
            return 0;
        }
        // Forward, from the remembered block when the id lies after it.
        std::size_t at = section_start_;
        std::uint64_t index = 0; // interfaces before `at`'s successor
        if (known && id > interface_id_) {
            at = interface_block_;
            index = std::uint64_t{interface_id_} + 1;
        }
        for (;;) {
            if (!spend_step()) return budget_spent;
            at += block_length_at(at);
            if (at >= offset_) return 0; // not described before the packet
            if (block_type_at(at) == f::interface_description_type) {
                if (index == id) return at;
                ++index;
            }
        }
    }

    bytes_view file_;
    std::size_t offset_ = 0;          // the current record (pcap) or block (pcapng); at the end, where it stopped
    std::size_t section_start_ = 0;   // the current Section Header Block
    std::size_t interface_block_ = 0; // the remembered interface's IDB; 0: none yet in this section
    std::int64_t offset_seconds_ = 0; // its if_tsoffset
    std::uint32_t interface_id_ = 0;  // its number in the section
    std::uint32_t lookup_budget_ = 0; // steps left for lookups
    std::uint16_t link_type_ = 0;     // its link type, or the pcap header's
    std::uint8_t resolution_ = detail::capture::pcapng::default_resolution; // its if_tsresol code
    errc error_{};
    std::uint8_t flags_ = flag::ended;
};

// A pcap or pcapng file in memory. The view holds only the file's span (format
// and byte order are re-read from its first bytes, which costs a compare);
// parse checks the file header, the iterator checks every block as it steps.
class capture_view {
public:
    using iterator = capture_iterator;

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
        if (order != png::byte_order_magic && order != detail::capture::byte_swap(png::byte_order_magic))
            return errc::bad_magic;
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
        if (format() == capture_format::pcap)
            return detail::capture::pcap_byte_order(detail::load_be32(bytes_, 0)) == 1;
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
