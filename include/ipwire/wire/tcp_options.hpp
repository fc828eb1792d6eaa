// TCP options (RFC 9293 section 3.2): the kinds, one option as a view, the
// walk (detail/tlv.hpp), and tcp_options_summary, which reads every option
// tcp_segment_view types (MSS, window scale, SACK-permitted, SACK,
// timestamps) in one walk: the raw range beside its decoded summary.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/tlv.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"

namespace ipwire {

// IANA "TCP Option Kind Numbers" that this header reads. Any other kind is
// still walked, as its kind number and raw bytes.
enum class tcp_option_kind : std::uint8_t {
    end_of_option_list = 0,   // RFC 9293 section 3.2: ends the list
    no_operation = 1,         // RFC 9293 section 3.2: padding
    maximum_segment_size = 2, // RFC 9293 section 3.7.1
    window_scale = 3,         // RFC 7323 section 2
    sack_permitted = 4,       // RFC 2018 section 2
    sack = 5,                 // RFC 2018 section 3
    timestamps = 8,           // RFC 7323 section 3
    md5_signature = 19,       // RFC 2385
    authentication = 29,      // TCP-AO, RFC 5925
    multipath = 30,           // MPTCP, RFC 8684
    fast_open = 34,           // RFC 7413
};

// A short name ("MSS", "SACK", "TCP-AO"), or empty for a kind not listed above.
[[nodiscard]] constexpr std::string_view to_string(tcp_option_kind k) noexcept {
    switch (k) {
    case tcp_option_kind::end_of_option_list: return "EOL";
    case tcp_option_kind::no_operation: return "NOP";
    case tcp_option_kind::maximum_segment_size: return "MSS";
    case tcp_option_kind::window_scale: return "WS";
    case tcp_option_kind::sack_permitted: return "SACK-permitted";
    case tcp_option_kind::sack: return "SACK";
    case tcp_option_kind::timestamps: return "TS";
    case tcp_option_kind::md5_signature: return "MD5";
    case tcp_option_kind::authentication: return "TCP-AO";
    case tcp_option_kind::multipath: return "MPTCP";
    case tcp_option_kind::fast_open: return "TFO";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// One option: a view of its bytes, kind byte first. EOL and NOP are one byte
// long; every other option is kind, length (counting both), data. length() is
// the whole option, data_length() its data. Only an option iterator makes
// one; a default-constructed option is empty and its accessors other than
// bytes() must not be called.
class tcp_option : public detail::tlv_byte_option {
public:
    constexpr tcp_option() noexcept = default;

    [[nodiscard]] constexpr tcp_option_kind kind() const noexcept { return static_cast<tcp_option_kind>(type_byte()); }

    // Whether the length suits the kind: MSS 4, window scale 3, SACK-permitted 2,
    // SACK 2 + 8n with n of 1 to 4, timestamps 10, MD5 18, TCP-AO at least 4
    // (key ids, then a MAC), MPTCP at least 3 (a subtype byte), Fast Open 2
    // (a cookie request) or 6 to 18 (a 4- to 16-byte cookie). Unknown kinds
    // have no rule and always pass. The walk does not apply this (a well-framed
    // option of the wrong size is still stepped over); the typed accessors of
    // tcp_segment_view skip options that fail it.
    [[nodiscard]] constexpr bool has_valid_length() const noexcept {
        const std::size_t n = length();
        switch (kind()) {
        case tcp_option_kind::end_of_option_list:
        case tcp_option_kind::no_operation: return n == 1;
        case tcp_option_kind::maximum_segment_size: return n == 4;
        case tcp_option_kind::window_scale: return n == 3;
        case tcp_option_kind::sack_permitted: return n == 2;
        case tcp_option_kind::sack: return n >= 10 && n <= 34 && (n - 2) % 8 == 0;
        case tcp_option_kind::timestamps: return n == 10;
        case tcp_option_kind::md5_signature: return n == 18;
        case tcp_option_kind::authentication: return n >= 4;
        case tcp_option_kind::multipath: return n >= 3;
        case tcp_option_kind::fast_open: return n == 2 || (n >= 6 && n <= 18);
        }
        return true;
    }

    // RFC 8684 section 3: an MPTCP option's subtype, the high nibble of its
    // first data byte; nullopt for another kind or an MPTCP option without data.
    [[nodiscard]] constexpr std::optional<std::uint8_t> mptcp_subtype() const noexcept {
        if (kind() != tcp_option_kind::multipath || length() < 3) return std::nullopt;
        return static_cast<std::uint8_t>(bytes()[2] >> 4U);
    }

private:
    template <detail::tlv_format, class>
    friend class detail::tlv_iterator;
    constexpr explicit tcp_option(bytes_view b) noexcept : tlv_byte_option(b) {}
};

// Walks an option list (detail/tlv.hpp), checking each option as it steps
// onto it. EOL is yielded and then ends the walk (what follows it is
// padding). A length byte of 0 or 1, or an option (or its length byte)
// running past the header, ends the walk with errc::bad_option_length, which
// error() then reports, offset() saying where. Unknown kinds are framed by
// their length byte like any other and never end it.
using tcp_option_iterator = detail::tlv_iterator<detail::tlv_format::tcp, tcp_option>;

// The options of one segment, for range-for, to std::default_sentinel.
// error() and offset() walk the list again (at most 40 bytes).
class tcp_option_range : public detail::tlv_range<detail::tlv_format::tcp, tcp_option> {
public:
    using tlv_range::tlv_range;
};

// RFC 2018 section 3: one SACK block, the sequence numbers of the first byte
// received (left edge) and of the byte after the last (right edge).
struct tcp_sack_block {
    std::uint32_t left = 0;
    std::uint32_t right = 0;
    friend constexpr bool operator==(const tcp_sack_block&, const tcp_sack_block&) noexcept = default;
};

// The blocks of one SACK option: at most 4 fit in 40 bytes of options. Held
// inline, no allocation.
class tcp_sack_blocks {
public:
    static constexpr std::size_t capacity = 4;

    constexpr tcp_sack_blocks() noexcept = default;
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
    // Unchecked, like std::array: i < size().
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < size() <= capacity is the caller's precondition, as for std::array
    [[nodiscard]] constexpr const tcp_sack_block& operator[](std::size_t i) const noexcept { return blocks_[i]; }
    [[nodiscard]] constexpr const tcp_sack_block* begin() const noexcept { return blocks_.data(); }
    [[nodiscard]] constexpr const tcp_sack_block* end() const noexcept { return blocks_.data() + size_; }
    friend constexpr bool operator==(const tcp_sack_blocks& a, const tcp_sack_blocks& b) noexcept {
        if (a.size_ != b.size_) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < size_ <= capacity
            if (!(a.blocks_[i] == b.blocks_[i])) return false;
        return true;
    }

private:
    friend class tcp_options_summary;
    std::array<tcp_sack_block, capacity> blocks_{};
    std::size_t size_ = 0;
};

// RFC 7323 section 3: TSval and TSecr.
struct tcp_timestamps {
    std::uint32_t value = 0;
    std::uint32_t echo_reply = 0;
    friend constexpr bool operator==(const tcp_timestamps&, const tcp_timestamps&) noexcept = default;
};

// Every option of one kind, in walk order: the occurrences the summary's
// typed values pick the first well-formed one of.
class tcp_option_occurrences {
public:
    class iterator {
    public:
        using value_type = tcp_option;
        using reference = tcp_option;
        using pointer = void;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::input_iterator_tag;

        constexpr iterator() noexcept = default;
        [[nodiscard]] constexpr tcp_option operator*() const noexcept { return *it_; }
        constexpr iterator& operator++() noexcept {
            ++it_;
            skip();
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator before = *this;
            ++*this;
            return before;
        }
        // The option's offset in the option area (at the end, where the walk stopped).
        [[nodiscard]] constexpr std::size_t offset() const noexcept { return it_.offset(); }
        [[nodiscard]] constexpr errc error() const noexcept { return it_.error(); }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.it_ == b.it_; }
        friend constexpr bool operator==(const iterator& a, std::default_sentinel_t s) noexcept { return a.it_ == s; }

    private:
        friend class tcp_option_occurrences;
        constexpr iterator(tcp_option_iterator it, tcp_option_kind kind) noexcept : it_(it), kind_(kind) { skip(); }
        constexpr void skip() noexcept {
            while (it_ != std::default_sentinel && (*it_).kind() != kind_) ++it_;
        }
        tcp_option_iterator it_;
        tcp_option_kind kind_{};
    };

    constexpr tcp_option_occurrences() noexcept = default;
    constexpr tcp_option_occurrences(tcp_option_range options, tcp_option_kind kind) noexcept
        : options_(options), kind_(kind) {}
    [[nodiscard]] constexpr iterator begin() const noexcept { return {options_.begin(), kind_}; }
    [[nodiscard]] constexpr std::default_sentinel_t end() const noexcept { return {}; }

private:
    tcp_option_range options_;
    tcp_option_kind kind_{};
};

// What one walk of a segment's options found (the smoltcp Packet / Repr
// split: tcp_option_range is the raw list, this its decoded reading). Each
// typed value is the first option of its kind whose length suits it
// (tcp_option::has_valid_length); one of the wrong length is skipped and the
// search goes on. Options after an EOL or a malformed option are not seen.
// Values are as sent: a window scale above 14 is not clamped (RFC 7323
// section 2.3 has a receiver use 14). Every occurrence, repeats included, is
// in occurrences(kind) or options().
class tcp_options_summary {
public:
    // A summary of no options.
    constexpr tcp_options_summary() noexcept = default;
    // Walks `options` once.
    constexpr explicit tcp_options_summary(tcp_option_range options) noexcept : options_(options) {
        auto it = options.begin();
        for (; it != std::default_sentinel; ++it) {
            const tcp_option o = *it;
            ++count_;
            const std::uint8_t k = bit_of(o.kind());
            if (k == 0) continue;
            if ((seen_ & k) != 0) repeated_ = static_cast<std::uint8_t>(repeated_ | k);
            seen_ = static_cast<std::uint8_t>(seen_ | k);
            if (!o.has_valid_length()) {
                invalid_ = static_cast<std::uint8_t>(invalid_ | k);
                continue;
            }
            if ((found_ & k) != 0) continue; // the first well-formed one holds
            found_ = static_cast<std::uint8_t>(found_ | k);
            const bytes_view b = o.bytes();
            switch (o.kind()) {
            case tcp_option_kind::maximum_segment_size: mss_ = detail::load_be16(b, 2); break;
            case tcp_option_kind::window_scale: window_scale_ = b[2]; break;
            case tcp_option_kind::sack: sack_at_ = it.offset(); break;
            case tcp_option_kind::timestamps: timestamps_at_ = it.offset(); break;
            default: break;
            }
        }
        error_ = it.error();
        stop_ = it.offset();
    }

    // RFC 9293 section 3.7.1.
    [[nodiscard]] constexpr std::optional<std::uint16_t> mss() const noexcept {
        if (!has(bit::mss)) return std::nullopt;
        return mss_;
    }
    // RFC 7323 section 2.
    [[nodiscard]] constexpr std::optional<std::uint8_t> window_scale() const noexcept {
        if (!has(bit::window_scale)) return std::nullopt;
        return window_scale_;
    }
    // RFC 2018 section 2.
    [[nodiscard]] constexpr bool sack_permitted() const noexcept { return has(bit::sack_permitted); }
    // RFC 2018 section 3: the blocks of the first well-formed SACK option;
    // empty when there is none.
    [[nodiscard]] constexpr tcp_sack_blocks sack_blocks() const noexcept {
        tcp_sack_blocks blocks;
        if (!has(bit::sack)) return blocks;
        const bytes_view area = options_.bytes();
        const std::size_t end = sack_at_ + area[sack_at_ + 1];
        for (std::size_t at = sack_at_ + 2; at + 8 <= end; at += 8)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): a valid SACK length is 10 to 34: at most 4 blocks
            blocks.blocks_[blocks.size_++] = {detail::load_be32(area, at), detail::load_be32(area, at + 4)};
        return blocks;
    }
    // RFC 7323 section 3: TSval and TSecr.
    [[nodiscard]] constexpr std::optional<tcp_timestamps> timestamps() const noexcept {
        if (!has(bit::timestamps)) return std::nullopt;
        const bytes_view area = options_.bytes();
        return tcp_timestamps{detail::load_be32(area, timestamps_at_ + 2), detail::load_be32(area, timestamps_at_ + 6)};
    }

    // --- the walk ---
    // errc::bad_option_length when a malformed option ended the walk, else errc{}.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    // Where the walk stopped in the option area: the malformed option, else the area's size.
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return stop_; }
    // Options the walk yielded, EOL and NOPs included.
    [[nodiscard]] constexpr std::size_t count() const noexcept { return count_; }
    // A typed kind (MSS, window scale, SACK-permitted, SACK, timestamps) occurred
    // more than once; RFC 9293 and RFC 7323 give no meaning to a repeat.
    [[nodiscard]] constexpr bool has_repeated_option() const noexcept { return repeated_ != 0; }
    // A typed kind occurred with a length that does not suit it (skipped above).
    [[nodiscard]] constexpr bool has_invalid_length() const noexcept { return invalid_ != 0; }
    // The raw list, every option in order.
    [[nodiscard]] constexpr tcp_option_range options() const noexcept { return options_; }
    // Every option of `kind`, well-formed or not, in order.
    [[nodiscard]] constexpr tcp_option_occurrences occurrences(tcp_option_kind kind) const noexcept {
        return {options_, kind};
    }

private:
    struct bit {
        static constexpr std::uint8_t mss = 0x01, window_scale = 0x02, sack_permitted = 0x04, sack = 0x08,
                                      timestamps = 0x10;
    };
    static constexpr std::uint8_t bit_of(tcp_option_kind k) noexcept {
        switch (k) {
        case tcp_option_kind::maximum_segment_size: return bit::mss;
        case tcp_option_kind::window_scale: return bit::window_scale;
        case tcp_option_kind::sack_permitted: return bit::sack_permitted;
        case tcp_option_kind::sack: return bit::sack;
        case tcp_option_kind::timestamps: return bit::timestamps;
        default: return 0;
        }
    }
    [[nodiscard]] constexpr bool has(std::uint8_t b) const noexcept { return (found_ & b) != 0; }

    tcp_option_range options_;
    std::size_t sack_at_ = 0; // offsets in the option area of the options read
    std::size_t timestamps_at_ = 0;
    std::size_t stop_ = 0;
    std::size_t count_ = 0;
    std::uint16_t mss_ = 0;
    std::uint8_t window_scale_ = 0;
    std::uint8_t found_ = 0;    // bits of the kinds read
    std::uint8_t seen_ = 0;     // bits of the kinds met
    std::uint8_t repeated_ = 0; // bits of the kinds met twice or more
    std::uint8_t invalid_ = 0;  // bits of the kinds met with a wrong length
    errc error_{};
};

} // namespace ipwire
