// The one type-length-value walker behind every option list: IPv4 options
// (RFC 791 section 3.1), IPv6 hop-by-hop and destination options (RFC 8200
// section 4.2), TCP options (RFC 9293 section 3.2) and pcapng options
// (draft-ietf-opsawg-pcapng section 3.5). The formats differ only in how one
// option is framed (tlv_frame_at); the walk, its end, offset() and error()
// are the same for all.
//
// Conventions, everywhere: the walk ends at std::default_sentinel; offset()
// is the current option's offset from the start of the area, and at the end
// where the walk stopped (the malformed option after an error, else the area's
// size); length() is the whole option (type, length and data, and for pcapng
// its padding), data_length() its data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"

namespace ipwire::detail {

enum class tlv_format : std::uint8_t {
    ipv4,      // type, length (whole option), data; 0 EOL ends the list, 1 NOP
    ipv6,      // type, data length, data; 0 Pad1 is one byte
    tcp,       // as IPv4: 0 EOL ends the list, 1 NOP
    pcapng_le, // 16-bit code, 16-bit data length, data padded to 4; code 0 ends
    pcapng_be,
};

// How one option sits in the area: `length` the whole option (0: malformed),
// `data_offset` where its data starts, `data_length` how long the data is,
// `last` that the list ends with it.
struct tlv_frame {
    std::size_t length = 0;
    std::size_t data_offset = 0;
    std::size_t data_length = 0;
    bool last = false;
};

// The option at `at` (< area.size()) of the given format; length 0 when it
// is malformed: a length byte missing, below its minimum, or running past
// the area.
template <tlv_format F>
[[nodiscard]] constexpr tlv_frame tlv_frame_at(bytes_view area, std::size_t at) noexcept {
    const std::size_t left = area.size() - at;
    if constexpr (F == tlv_format::pcapng_le || F == tlv_format::pcapng_be) {
        if (left < 4) return {};
        const bool big = F == tlv_format::pcapng_be;
        const std::uint16_t code = big ? load_be16(area, at) : load_le16(area, at);
        const std::size_t data = big ? load_be16(area, at + 2) : load_le16(area, at + 2);
        if (code == 0) return {4, 4, 0, true}; // opt_endofopt (section 3.5)
        const std::size_t padded = (data + 3U) & ~std::size_t{3};
        if (padded > left - 4) return {};
        return {4 + padded, 4, data, false};
    } else {
        const std::uint8_t type = area[at];
        if (type == 0) return {1, 1, 0, F != tlv_format::ipv6};          // EOL ends; Pad1 does not
        if (type == 1 && F != tlv_format::ipv6) return {1, 1, 0, false}; // NOP
        if (left < 2) return {};
        const std::size_t byte = area[at + 1];
        if constexpr (F == tlv_format::ipv6) {
            if (2 + byte > left) return {};
            return {2 + byte, 2, byte, false};
        } else {
            if (byte < 2 || byte > left) return {};
            return {byte, 2, byte - 2, false};
        }
    }
}

// Steps through one option area. Option is the public option type, made
// from the option's whole bytes by a constructor this class is a friend of.
template <tlv_format F, class Option>
class tlv_iterator {
public:
    using value_type = Option;
    using reference = Option;
    using pointer = void;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag; // yields values, not references

    // An ended iterator over nothing.
    constexpr tlv_iterator() noexcept = default;
    constexpr explicit tlv_iterator(bytes_view area) noexcept : area_(area) { settle(); }

    [[nodiscard]] constexpr Option operator*() const noexcept { return Option(area_.subspan(offset_, frame_.length)); }
    constexpr tlv_iterator& operator++() noexcept {
        offset_ = frame_.last ? area_.size() : offset_ + frame_.length;
        settle();
        return *this;
    }
    constexpr tlv_iterator operator++(int) noexcept {
        tlv_iterator before = *this;
        ++*this;
        return before;
    }

    // errc::bad_option_length once a malformed option ended the walk, else errc{}.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    // The current option's offset in the area; at the end, where the walk
    // stopped (the malformed option, or the area's size).
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_; }
    // The current option's whole length and its data's (0 and 0 at the end).
    [[nodiscard]] constexpr std::size_t length() const noexcept { return frame_.length; }
    [[nodiscard]] constexpr std::size_t data_length() const noexcept { return frame_.data_length; }
    // The current option's data (for pcapng, without its padding).
    [[nodiscard]] constexpr bytes_view data() const noexcept {
        return area_.subspan(offset_ + frame_.data_offset, frame_.data_length);
    }

    friend constexpr bool operator==(const tlv_iterator& a, const tlv_iterator& b) noexcept {
        return a.area_.data() == b.area_.data() && a.offset_ == b.offset_ && a.frame_.length == b.frame_.length;
    }
    friend constexpr bool operator==(const tlv_iterator& a, std::default_sentinel_t) noexcept {
        return a.frame_.length == 0;
    }

private:
    constexpr void settle() noexcept {
        if (offset_ >= area_.size()) {
            offset_ = area_.size();
            frame_ = {};
            return;
        }
        frame_ = tlv_frame_at<F>(area_, offset_);
        if (frame_.length == 0) error_ = errc::bad_option_length;
    }

    bytes_view area_;
    std::size_t offset_ = 0;
    tlv_frame frame_{};
    errc error_{};
};

// An option area, for range-for; the public option ranges derive from it.
template <tlv_format F, class Option>
class tlv_range {
public:
    using iterator = tlv_iterator<F, Option>;

    constexpr tlv_range() noexcept = default;
    constexpr explicit tlv_range(bytes_view area) noexcept : area_(area) {}

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(area_); }
    [[nodiscard]] constexpr std::default_sentinel_t end() const noexcept { return {}; }
    // The walk yields no option: begin() == end(), as std::ranges has it (an
    // empty area, or one that starts with a malformed option).
    [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
    // The whole area, padding included.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return area_; }
    // The iterator after the last option: its error() and offset().
    [[nodiscard]] constexpr iterator walk() const noexcept {
        iterator it = begin();
        while (it != end()) ++it;
        return it;
    }
    // errc::bad_option_length when a malformed option ends the walk before the
    // area does, else errc{}. Walks the options, so it answers at any time.
    [[nodiscard]] constexpr errc error() const noexcept { return walk().error(); }
    // Where the walk stops: the malformed option's offset, else the area's size.
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return walk().offset(); }

private:
    bytes_view area_;
};

// The byte-wide option formats (IPv4, IPv6, TCP) share an option shape: one
// byte alone (EOL, NOP, Pad1) or type, length byte and data.
class tlv_byte_option {
public:
    constexpr tlv_byte_option() noexcept = default;

    // The whole option: type, length byte and data; 1 for a one-byte option.
    [[nodiscard]] constexpr std::size_t length() const noexcept { return bytes_.size(); }
    // Its data's length (0 for a one-byte option).
    [[nodiscard]] constexpr std::size_t data_length() const noexcept { return data().size(); }
    // What follows the type and length bytes (empty for a one-byte option).
    [[nodiscard]] constexpr bytes_view data() const noexcept {
        return bytes_.size() < 2 ? bytes_view{} : bytes_.subspan(2);
    }
    // The whole option.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

protected:
    constexpr explicit tlv_byte_option(bytes_view b) noexcept : bytes_(b) {}
    [[nodiscard]] constexpr std::uint8_t type_byte() const noexcept { return bytes_[0]; }

private:
    bytes_view bytes_;
};

} // namespace ipwire::detail
