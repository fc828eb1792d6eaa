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
#include "ipwire/wire/tcp_options.hpp"

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

    // The options read in one walk: MSS, window scale, SACK-permitted, SACK
    // blocks, timestamps, and the walk's error (see tcp_options_summary). Read
    // several values from one summary; each accessor below walks again.
    [[nodiscard]] constexpr tcp_options_summary options_summary() const noexcept {
        return tcp_options_summary(options());
    }
    // The typed accessors: options_summary()'s values. MSS and window scale
    // are read on any segment, not only on a SYN.
    [[nodiscard]] constexpr std::optional<std::uint16_t> mss() const noexcept { return options_summary().mss(); }
    [[nodiscard]] constexpr std::optional<std::uint8_t> window_scale() const noexcept {
        return options_summary().window_scale();
    }
    [[nodiscard]] constexpr bool sack_permitted() const noexcept { return options_summary().sack_permitted(); }
    // The blocks of the first well-formed SACK option; empty when there is none.
    [[nodiscard]] constexpr tcp_sack_blocks sack_blocks() const noexcept { return options_summary().sack_blocks(); }
    [[nodiscard]] constexpr std::optional<tcp_timestamps> timestamps() const noexcept {
        return options_summary().timestamps();
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
        const auto basis = ip.checksum_basis(static_cast<std::uint32_t>(bytes_.size())); // one chain walk
        return basis.whole_payload() && checksum_valid(basis.pseudo_header_sum);
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

    bytes_view bytes_;
};

} // namespace ipwire
