// tcp_segment_view: a zero-copy view of a TCP segment (RFC 9293 section 3.1),
// its flags as a small value type (with AE, RFC 9768), its options walked by
// an iterator and read typed (RFC 9293, RFC 7323, RFC 2018, RFC 2385, RFC 5925,
// RFC 8684, RFC 7413), and its checksum over the IPv4 or IPv6 pseudo-header.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

// The nine control bits of RFC 9293 section 3.1 plus AE, the bit RFC 3540 had
// named NS and RFC 9768 (AccECN) renamed: bit 0 is FIN, bit 8 is AE, exactly
// as they sit in the low nine bits of the header's 16-bit word at offset 12.
// A value type: compose with |, test with has().
class tcp_flags {
public:
    // "FIN|SYN|RST|PSH|ACK|URG|ECE|CWR|AE", every flag set.
    static constexpr std::size_t max_string_length = 34;

    static const tcp_flags fin, syn, rst, psh, ack, urg, ece, cwr, ae;

    constexpr tcp_flags() noexcept = default;
    // Bits above the ninth (the header's reserved bits and data offset) are dropped.
    constexpr explicit tcp_flags(std::uint16_t bits) noexcept : bits_(static_cast<std::uint16_t>(bits & 0x1FFU)) {}

    // The raw nine bits.
    [[nodiscard]] constexpr std::uint16_t value() const noexcept { return bits_; }
    // Whether every flag of `f` is set: has(syn | ack) is a SYN-ACK.
    [[nodiscard]] constexpr bool has(tcp_flags f) const noexcept { return (bits_ & f.bits_) == f.bits_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }

    friend constexpr tcp_flags operator|(tcp_flags a, tcp_flags b) noexcept {
        return tcp_flags(static_cast<std::uint16_t>(a.bits_ | b.bits_));
    }
    friend constexpr tcp_flags operator&(tcp_flags a, tcp_flags b) noexcept {
        return tcp_flags(static_cast<std::uint16_t>(a.bits_ & b.bits_));
    }
    friend constexpr bool operator==(tcp_flags, tcp_flags) noexcept = default;

    // The names of the set flags, upper case, joined by '|', from bit 0 up
    // (FIN first, AE last): "SYN|ACK", "FIN|PSH|ACK". No flag at all writes
    // nothing (an empty text). {last, value_too_large} when it does not fit.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        constexpr std::string_view names[9] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
        char buffer[max_string_length] = {};
        char* out = buffer;
        for (unsigned bit = 0; bit < 9; ++bit) {
            if ((bits_ >> bit & 1U) == 0) continue;
            if (out != buffer) *out++ = '|';
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): bit < 9, the loop bound
            out = detail::copy_chars(out, names[bit].data(), names[bit].size());
        }
        return detail::copy_if_fits(first, last, buffer, out);
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

private:
    std::uint16_t bits_ = 0;
};

inline constexpr tcp_flags tcp_flags::fin{0x001};
inline constexpr tcp_flags tcp_flags::syn{0x002};
inline constexpr tcp_flags tcp_flags::rst{0x004};
inline constexpr tcp_flags tcp_flags::psh{0x008};
inline constexpr tcp_flags tcp_flags::ack{0x010};
inline constexpr tcp_flags tcp_flags::urg{0x020};
inline constexpr tcp_flags tcp_flags::ece{0x040};
inline constexpr tcp_flags tcp_flags::cwr{0x080};
inline constexpr tcp_flags tcp_flags::ae{0x100};

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
// long; every other option is kind, length (counting both), data. Only an
// option iterator makes one; a default-constructed option is empty and its
// accessors other than bytes() must not be called.
class tcp_option {
public:
    constexpr tcp_option() noexcept = default;

    [[nodiscard]] constexpr tcp_option_kind kind() const noexcept { return static_cast<tcp_option_kind>(bytes_[0]); }
    // Bytes the option takes, kind and length bytes included: 1 for EOL and NOP.
    [[nodiscard]] constexpr std::size_t length() const noexcept { return bytes_.size(); }
    // What follows the kind and length bytes (empty for EOL and NOP).
    [[nodiscard]] constexpr bytes_view data() const noexcept {
        return bytes_.size() >= 2 ? bytes_.subspan(2) : bytes_view{};
    }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

    // Whether the length suits the kind: MSS 4, window scale 3, SACK-permitted 2,
    // SACK 2 + 8n with n of 1 to 4, timestamps 10, MD5 18, TCP-AO at least 4
    // (key ids, then a MAC), MPTCP at least 3 (a subtype byte), Fast Open 2
    // (a cookie request) or 6 to 18 (a 4- to 16-byte cookie). Unknown kinds
    // have no rule and always pass. The walk does not apply this (a well-framed
    // option of the wrong size is still stepped over); the typed accessors of
    // tcp_segment_view skip options that fail it.
    [[nodiscard]] constexpr bool has_valid_length() const noexcept {
        const std::size_t n = bytes_.size();
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
        if (kind() != tcp_option_kind::multipath || bytes_.size() < 3) return std::nullopt;
        return static_cast<std::uint8_t>(bytes_[2] >> 4U);
    }

private:
    friend class tcp_option_iterator;
    constexpr explicit tcp_option(bytes_view b) noexcept : bytes_(b) {}
    bytes_view bytes_;
};

// Walks an option list, checking each option as it steps onto it. EOL is
// yielded and then ends the walk (what follows it is padding). A length byte
// of 0 or 1, or an option (or its length byte) running past the header, ends
// the walk with errc::bad_option_length, which error() then reports. Unknown
// kinds are framed by their length byte like any other and never end it.
class tcp_option_iterator {
public:
    using value_type = tcp_option;
    using reference = tcp_option;
    using pointer = void;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag; // yields by value

    constexpr tcp_option_iterator() noexcept = default;

    [[nodiscard]] constexpr tcp_option operator*() const noexcept { return current_; }
    constexpr tcp_option_iterator& operator++() noexcept {
        if (current_.kind() == tcp_option_kind::end_of_option_list) {
            rest_ = {};
            current_ = {};
        } else {
            step(rest_.subspan(current_.length()));
        }
        return *this;
    }
    constexpr tcp_option_iterator operator++(int) noexcept {
        tcp_option_iterator before = *this;
        ++*this;
        return before;
    }

    // errc::bad_option_length once a malformed option ended the walk, errc{} otherwise.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }

    // Iterators at the end are equal whatever stopped them.
    friend constexpr bool operator==(const tcp_option_iterator& a, const tcp_option_iterator& b) noexcept {
        if (a.at_end() || b.at_end()) return a.at_end() == b.at_end();
        return a.rest_.data() == b.rest_.data();
    }

private:
    friend class tcp_option_range;
    constexpr explicit tcp_option_iterator(bytes_view options) noexcept { step(options); }

    [[nodiscard]] constexpr bool at_end() const noexcept { return current_.bytes().empty(); }

    constexpr void step(bytes_view rest) noexcept {
        rest_ = rest;
        current_ = {};
        if (rest.empty()) return;
        const std::uint8_t kind = rest[0];
        if (kind == 0 || kind == 1) {
            current_ = tcp_option(rest.first(1));
            return;
        }
        if (rest.size() < 2 || rest[1] < 2 || rest[1] > rest.size()) {
            rest_ = {};
            error_ = errc::bad_option_length;
            return;
        }
        current_ = tcp_option(rest.first(rest[1]));
    }

    bytes_view rest_;    // from the current option to the end of the option list
    tcp_option current_; // empty at the end
    errc error_{};
};

// The options of one segment, for range-for. error() walks the list again
// (at most 40 bytes) and says whether, and why, a walk stops early.
class tcp_option_range {
public:
    constexpr tcp_option_range() noexcept = default;
    constexpr explicit tcp_option_range(bytes_view options) noexcept : options_(options) {}

    [[nodiscard]] constexpr tcp_option_iterator begin() const noexcept { return tcp_option_iterator(options_); }
    [[nodiscard]] constexpr tcp_option_iterator end() const noexcept { return {}; }
    [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
    // The option area as given: data offset × 4 − 20 bytes.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return options_; }

    // errc::bad_option_length when the list is malformed before its end (or its
    // EOL), errc{} when it walks cleanly.
    [[nodiscard]] constexpr errc error() const noexcept {
        tcp_option_iterator it = begin();
        while (it != end()) ++it;
        return it.error();
    }

private:
    bytes_view options_;
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
    friend class tcp_segment_view;
    std::array<tcp_sack_block, capacity> blocks_{};
    std::size_t size_ = 0;
};

// RFC 7323 section 3: TSval and TSecr.
struct tcp_timestamps {
    std::uint32_t value = 0;
    std::uint32_t echo_reply = 0;
    friend constexpr bool operator==(const tcp_timestamps&, const tcp_timestamps&) noexcept = default;
};

// A TCP segment: header, options, data. It holds the span it was given and
// nothing else; parse checks that the fixed header and the whole data-offset
// header are inside it, after which no accessor can fail. The span should be
// the segment as its IP packet delimits it (the IP payload, cut to the IP
// length): TCP carries no length of its own, so payload() is everything after
// the header and the checksum covers every byte given.
class tcp_segment_view {
public:
    static constexpr std::size_t min_header_length = 20;
    static constexpr std::size_t max_header_length = 60;

    constexpr tcp_segment_view() noexcept = default;

    // errc::truncated: fewer than 20 bytes. errc::bad_data_offset: a data
    // offset below 5 words, or a header longer than the bytes given.
    [[nodiscard]] static constexpr result<tcp_segment_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < min_header_length) return errc::truncated;
        const std::size_t length = static_cast<std::size_t>(bytes[field::data_offset] >> 4U) * 4U;
        if (length < min_header_length || length > bytes.size()) return errc::bad_data_offset;
        return tcp_segment_view(bytes);
    }

    [[nodiscard]] constexpr port source_port() const noexcept {
        return port(detail::load_be16(bytes_, field::source_port));
    }
    [[nodiscard]] constexpr port destination_port() const noexcept {
        return port(detail::load_be16(bytes_, field::destination_port));
    }
    [[nodiscard]] constexpr std::uint32_t sequence_number() const noexcept {
        return detail::load_be32(bytes_, field::sequence_number);
    }
    // Meaningful only with the ACK flag.
    [[nodiscard]] constexpr std::uint32_t acknowledgment_number() const noexcept {
        return detail::load_be32(bytes_, field::acknowledgment_number);
    }
    // In bytes: the data offset field (in 32-bit words) × 4, 20 to 60.
    [[nodiscard]] constexpr std::size_t header_length() const noexcept {
        return static_cast<std::size_t>(bytes_[field::data_offset] >> 4U) * 4U;
    }
    // The three reserved bits between the data offset and AE (0 to 7; 0 when
    // sent per RFC 9293, which also says to ignore them on receipt).
    [[nodiscard]] constexpr std::uint8_t reserved() const noexcept {
        return static_cast<std::uint8_t>(bytes_[field::data_offset] >> 1U & 0x7U);
    }
    [[nodiscard]] constexpr tcp_flags flags() const noexcept {
        return tcp_flags(detail::load_be16(bytes_, field::data_offset));
    }
    // The raw field, in bytes, before any window scaling (RFC 7323).
    [[nodiscard]] constexpr std::uint16_t window() const noexcept { return detail::load_be16(bytes_, field::window); }
    [[nodiscard]] constexpr std::uint16_t checksum() const noexcept {
        return detail::load_be16(bytes_, field::checksum);
    }
    // An offset from the sequence number; meaningful only with the URG flag.
    [[nodiscard]] constexpr std::uint16_t urgent_pointer() const noexcept {
        return detail::load_be16(bytes_, field::urgent_pointer);
    }

    [[nodiscard]] constexpr tcp_option_range options() const noexcept {
        return tcp_option_range(bytes_.subspan(field::options, header_length() - field::options));
    }

    // The typed accessors read the first option of their kind whose length
    // suits it (tcp_option::has_valid_length); one of the wrong length, say an
    // MSS of 3 bytes, is skipped as malformed and the search goes on. They see
    // the options the walk reaches: none after an EOL or a malformed option.
    // Values are as sent: a window scale above 14 is not clamped (RFC 7323 says
    // a receiver uses 14), and MSS and window scale are read on any segment,
    // not only on a SYN.
    [[nodiscard]] constexpr std::optional<std::uint16_t> mss() const noexcept {
        const auto o = find(tcp_option_kind::maximum_segment_size);
        if (!o) return std::nullopt;
        return detail::load_be16(o->bytes(), 2);
    }
    [[nodiscard]] constexpr std::optional<std::uint8_t> window_scale() const noexcept {
        const auto o = find(tcp_option_kind::window_scale);
        if (!o) return std::nullopt;
        return o->bytes()[2];
    }
    [[nodiscard]] constexpr bool sack_permitted() const noexcept {
        return find(tcp_option_kind::sack_permitted).has_value();
    }
    // The blocks of the first well-formed SACK option; empty when there is none.
    [[nodiscard]] constexpr tcp_sack_blocks sack_blocks() const noexcept {
        tcp_sack_blocks blocks;
        const auto o = find(tcp_option_kind::sack);
        if (!o) return blocks;
        const bytes_view b = o->bytes();
        for (std::size_t at = 2; at + 8 <= b.size(); at += 8)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): an option lies in the 40-byte option area: at most (40 - 2) / 8 = 4 blocks
            blocks.blocks_[blocks.size_++] = {detail::load_be32(b, at), detail::load_be32(b, at + 4)};
        return blocks;
    }
    [[nodiscard]] constexpr std::optional<tcp_timestamps> timestamps() const noexcept {
        const auto o = find(tcp_option_kind::timestamps);
        if (!o) return std::nullopt;
        return tcp_timestamps{detail::load_be32(o->bytes(), 2), detail::load_be32(o->bytes(), 6)};
    }

    // Every byte given, header and data.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length()); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length()); }

    // RFC 9293 section 3.1: the one's-complement sum of the pseudo-header
    // (`pseudo_header_sum`, unfolded, built with a TCP length of bytes().size())
    // and of every byte of the segment, checksum field included, folds to
    // 0xFFFF. The segment must be whole: over a capture cut short this is
    // false (see checksum_verifiable).
    [[nodiscard]] constexpr bool checksum_valid(std::uint64_t pseudo_header_sum) const noexcept {
        return checksum_fold(checksum_add(pseudo_header_sum, bytes_)) == 0xFFFF;
    }
    // The same with the pseudo-header of `ip` (RFC 9293 section 3.1 for IPv4,
    // RFC 8200 section 8.1 for IPv6), the packet this segment came in. False
    // when the segment is not all there (checksum_verifiable).
    [[nodiscard]] constexpr bool checksum_valid(const ip_packet_view& ip) const noexcept {
        if (!checksum_verifiable(ip)) return false;
        return checksum_valid(ip.pseudo_header_sum(static_cast<std::uint32_t>(bytes_.size())));
    }
    // Whether `ip` (the packet this segment came in) holds the whole segment:
    // it is no fragment (IPv4: MF clear and offset 0; IPv6: no fragment header
    // or an atomic one, RFC 6946), since a first fragment holds only the start
    // of the segment the checksum covers, and the capture did not cut it.
    [[nodiscard]] constexpr bool checksum_verifiable(const ip_packet_view& ip) const noexcept {
        return ip.holds_whole_payload();
    }

private:
    // RFC 9293 section 3.1, figure 1: byte offsets.
    struct field {
        static constexpr std::size_t source_port = 0;
        static constexpr std::size_t destination_port = 2;
        static constexpr std::size_t sequence_number = 4;
        static constexpr std::size_t acknowledgment_number = 8;
        static constexpr std::size_t data_offset = 12; // high nibble; then reserved, AE, and the flags byte
        static constexpr std::size_t window = 14;
        static constexpr std::size_t checksum = 16;
        static constexpr std::size_t urgent_pointer = 18;
        static constexpr std::size_t options = 20;
    };

    constexpr explicit tcp_segment_view(bytes_view b) noexcept : bytes_(b) {}

    [[nodiscard]] constexpr std::optional<tcp_option> find(tcp_option_kind kind) const noexcept {
        for (const tcp_option o : options())
            if (o.kind() == kind && o.has_valid_length()) return o;
        return std::nullopt;
    }

    bytes_view bytes_;
};

} // namespace ipwire
