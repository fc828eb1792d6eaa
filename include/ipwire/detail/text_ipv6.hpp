// IPv6 address text (RFC 4291 section 2.2 in, RFC 5952 out), without the
// zone, on two paths (issue 18) as text_ipv4.hpp: the scalar one (constexpr)
// and a run-time one that accepts only text it has proven valid and hands
// every other input to the scalar parse, so value, errc and end position are
// the same on both.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_ipv4.hpp"
#include "ipwire/detail/text_scan.hpp"
#include "ipwire/error.hpp"

namespace ipwire::detail {

using ipv6_bytes = std::array<std::uint8_t, 16>;

constexpr ipv6_bytes bytes_of_groups(const std::array<std::uint16_t, 8>& groups) noexcept {
    ipv6_bytes bytes{};
    for (std::size_t i = 0; i < 8; ++i) {
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < 8, so 2 * i + 1 < 16
        bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8U);
        bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i]);
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
    }
    return bytes;
}

// Eight groups of 1-4 hex digits, at most one "::" standing for at least one
// zero group, an optional strict dotted-quad tail as the last 32 bits. Reads
// at `it` and advances; stops before the first character that cannot
// continue the address (a '%' zone is the caller's).
constexpr result<ipv6_bytes> parse_ipv6_scalar(const char*& it, const char* end) noexcept {
    // One pass: each turn reads a group (or the dotted tail) and the ':' or
    // "::" after it; groups land in place and the part after "::" moves
    // right at the end.
    std::array<std::uint16_t, 8> groups{};
    std::size_t count = 0;
    std::ptrdiff_t compressed_at = -1;
    if (it == end) return errc::empty;
    if (*it == ':') {
        if (end - it < 2 || it[1] != ':') return errc::empty_group;
        compressed_at = 0;
        it += 2;
    }
    // A "::" may end the address: then neither a hex digit nor a ':' follows.
    const bool ends_at_compression = compressed_at == 0 && (it == end || (hex_value(*it) < 0 && *it != ':'));
    while (!ends_at_compression) {
        const char* group_start = it;
        std::uint32_t value = 0;
        int digits = 0;
        for (int d = 0; it != end && (d = hex_value(*it)) >= 0; ++it) {
            if (++digits > 4) return errc::too_many_digits;
            value = value << 4U | static_cast<std::uint32_t>(d);
        }
        if (digits == 0) {
            // After a ':' the text ended or went on with no group: "1:", "1:%eth0", ":::".
            const bool after_colon = count != 0 || compressed_at == 0;
            return after_colon && (it == end || *it == ':' || ends_address(*it)) ? errc::empty_group
                                                                                 : errc::unexpected_character;
        }
        if (it != end && *it == '.') {
            // The dotted quad is the last 32 bits (RFC 4291 section 2.2, form 3).
            if (count > 6) return errc::too_many_groups;
            it = group_start;
            const auto v4 = parse_ipv4_scalar(it, end);
            if (!v4) return v4.error();
            if (it != end && (*it == ':' || *it == '.')) return errc::ipv4_tail_not_last;
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): count <= 6, checked above
            groups[count++] = static_cast<std::uint16_t>(*v4 >> 16U);
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): count <= 7 after the line above
            groups[count++] = static_cast<std::uint16_t>(*v4 & 0xFFFFU);
            break;
        }
        if (count == 8) return errc::too_many_groups;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): count < 8, checked on the line above
        groups[count++] = static_cast<std::uint16_t>(value);
        if (it == end || *it != ':') break;
        if (++it == end) return errc::empty_group;
        if (*it == ':') {
            if (compressed_at >= 0) return errc::bad_compression;
            compressed_at = static_cast<std::ptrdiff_t>(count);
            if (++it == end || (hex_value(*it) < 0 && *it != ':')) break;
        }
    }
    if (compressed_at < 0) {
        // "1:2:3 " or "0x1::" stopped at a character no address can hold.
        if (count != 8) return it == end || ends_address(*it) ? errc::too_few_groups : errc::unexpected_character;
    } else {
        if (count == 8) return errc::empty_compression;
        const auto head = static_cast<std::size_t>(compressed_at);
        const std::size_t tail = count - head;
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): head + tail = count <= 7 here, so every index is below 8
        for (std::size_t i = 0; i < tail; ++i) groups[7 - i] = groups[count - 1 - i];
        for (std::size_t i = head; i < 8 - tail; ++i) groups[i] = 0;
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
    }
    return bytes_of_groups(groups);
}

// A group of `length` (1-4) hex digits whose first digit is the low byte of x.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): text bytes and a count
inline std::uint32_t hex_group(std::uint32_t x, unsigned length) noexcept {
    // Each digit byte to its value: the low nibble, plus 9 for a letter (bit 6 set).
    const std::uint32_t nibbles = (x & 0x0F0F0F0FU) + ((x >> 6U) & 0x01010101U) * 9U;
    const std::uint32_t y = nibbles << (8U * (4U - length)); // right-aligned: the last digit in byte 3
    // Bytes 0 and 2 become digit pairs (16 * b + next; at most 255, no carry).
    const std::uint32_t pairs = (y << 4U) + (y >> 8U);
    return ((pairs & 0xFFU) << 8U) | ((pairs >> 16U) & 0xFFU);
}

// The run-time parse: from the byte-class masks of the first 48 bytes, proves
// the text is hex groups joined by single ':' with at most one "::" (the
// dotted tail and every doubtful text go to the scalar parse), then reads
// the groups. Chunks is swar_chunks or sse2_chunks (the test runs both).
template <class Chunks>
inline bool parse_ipv6_with(const char*& it, const char* end, ipv6_bytes& out) noexcept {
    const auto size = static_cast<std::size_t>(end - it);
    const text_masks m = text_masks_of<Chunks, 48>(it, size);
    // e: the first byte that is neither a hex digit nor ':' (the end of the
    // text or of the 48 bytes reads as such).
    const auto e = static_cast<unsigned>(std::countr_zero(~(m.hex | m.colon)));
    // The longest address without a dotted tail is 39 characters; a '.' after
    // the groups is a dotted tail (or an error).
    if (e == 0 || e > 39 || ((m.dot >> e) & 1U) != 0) return false;
    const std::uint64_t inside = (std::uint64_t{1} << e) - 1;
    const std::uint64_t hex = m.hex & inside, colon = m.colon & inside;
    if ((hex & (hex >> 1U) & (hex >> 2U) & (hex >> 3U) & (hex >> 4U)) != 0) return false; // a fifth digit
    const std::uint64_t pairs = colon & (colon >> 1U);                                    // bit q: "::" at q
    if ((pairs & (pairs - 1)) != 0) return false;                                         // two "::", or ":::"
    if ((colon & 1U) != 0 && (pairs & 1U) == 0) return false;                             // one ':' first
    const std::uint64_t last = std::uint64_t{1} << (e - 1);
    if ((colon & last) != 0 && (pairs & (last >> 1U)) == 0) return false; // one ':' last
    const std::uint64_t starts = hex & ~(hex << 1U);
    const unsigned count = popcount64(starts);
    if (pairs == 0 ? count != 8 : count > 7) return false;
    const unsigned gap = 8 - count;                                // the zero groups "::" stands for
    const auto q = static_cast<unsigned>(std::countr_zero(pairs)); // 64 without "::"
    // Short text is read from registers; longer text in place, each group by
    // a four-byte load from its first digit, or ending at its last one near
    // the end of the text.
    const window16 small = size < 16 ? load_window16(it, end) : window16{};
    // The groups gather in two words (group 0 in the top bits of `high`), in
    // registers: no array written piecewise and read back whole.
    std::uint64_t high = 0, low = 0;
    std::uint64_t rest = starts;
    for (unsigned k = 0; rest != 0; ++k, rest &= rest - 1) {
        const auto s = static_cast<unsigned>(std::countr_zero(rest));
        const auto length = static_cast<unsigned>(std::countr_zero(~(hex >> s)));
        std::uint32_t x = 0;
        if (size < 16)
            x = window_bytes(small, s);
        else if (s + 4 <= size)
            x = load_le32(it + s);
        else
            x = load_le32(it + s + length - 4) >> (8U * (4U - length));
        const unsigned index = k + (s > q ? gap : 0);
        const std::uint64_t group = static_cast<std::uint64_t>(hex_group(x, length)) << (16U * (3U - (index & 3U)));
        if (index < 4)
            high |= group;
        else
            low |= group;
    }
    store_be128(out, high, low);
    it += e;
    return true;
}

inline bool parse_ipv6_swar(const char*& it, const char* end, ipv6_bytes& out) noexcept {
    return parse_ipv6_with<swar_chunks>(it, end, out);
}
#if IPWIRE_TEXT_SSE2
inline bool parse_ipv6_sse2(const char*& it, const char* end, ipv6_bytes& out) noexcept {
    return parse_ipv6_with<sse2_chunks>(it, end, out);
}
#endif
inline bool parse_ipv6_fast(const char*& it, const char* end, ipv6_bytes& out) noexcept {
    return parse_ipv6_with<fast_chunks>(it, end, out);
}

// The one IPv6 text rule every parser uses.
constexpr result<ipv6_bytes> parse_ipv6(const char*& it, const char* end) noexcept {
#if IPWIRE_TEXT_FAST
    if (!std::is_constant_evaluated()) {
        ipv6_bytes bytes;
        if (parse_ipv6_fast(it, end, bytes)) return bytes;
    }
#endif
    return parse_ipv6_scalar(it, end);
}

// --- formatting ----------------------------------------------------------------

constexpr std::uint16_t group_of(const ipv6_bytes& b, std::size_t i) noexcept {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): callers pass i < 8
    return static_cast<std::uint16_t>(b[2 * i] << 8U | b[2 * i + 1]);
}

constexpr bool is_v4_mapped_bytes(const ipv6_bytes& b) noexcept {
    for (std::size_t i = 0; i < 10; ++i)
        if (b[i] != 0) return false; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 10
    return b[10] == 0xFF && b[11] == 0xFF;
}

constexpr std::uint32_t v4_tail(const ipv6_bytes& b) noexcept {
    return static_cast<std::uint32_t>(b[12]) << 24U | static_cast<std::uint32_t>(b[13]) << 16U |
           static_cast<std::uint32_t>(b[14]) << 8U | b[15];
}

// RFC 5952 section 4.2.3: the longest run of two or more zero groups, the
// first on a tie, for each set of zero groups (bit i: group i is zero), as
// start * 16 + length; start 8 when there is none.
constexpr std::uint8_t longest_zero_run(unsigned zeros) noexcept {
    unsigned best_start = 8, best_length = 1;
    for (unsigned i = 0; i < 8;) {
        unsigned j = i;
        while (j < 8 && ((zeros >> j) & 1U) != 0) ++j;
        if (j - i > best_length) best_start = i, best_length = j - i;
        i = j == i ? i + 1 : j;
    }
    return static_cast<std::uint8_t>(best_start * 16 + (best_start == 8 ? 0 : best_length));
}
inline constexpr auto zero_runs = [] {
    std::array<std::uint8_t, 256> table{};
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): z < 256
    for (unsigned z = 0; z < 256; ++z) table[z] = longest_zero_run(z);
    return table;
}();

// The scalar text (constexpr), without the zone: expanded, the mapped form, or RFC 5952.
constexpr char* write_ipv6_scalar(char* out, const ipv6_bytes& b, bool expanded, bool upper) noexcept {
    if (expanded) {
        for (std::size_t i = 0; i < 8; ++i) {
            if (i != 0) *out++ = ':';
            out = write_hex16(out, group_of(b, i), true, upper);
        }
    } else if (is_v4_mapped_bytes(b)) {
        // RFC 5952 section 5: the mapped form keeps its dotted quad.
        out = copy_chars(out, upper ? "::FFFF:" : "::ffff:");
        out = write_ipv4_scalar(out, v4_tail(b));
    } else {
        unsigned zeros = 0;
        for (std::size_t i = 0; i < 8; ++i) zeros |= (group_of(b, i) == 0 ? 1U : 0U) << i;
        const unsigned run = longest_zero_run(zeros);
        const std::size_t best_start = run >> 4U, best_length = run & 0xFU;
        for (std::size_t i = 0; i < 8; ++i) {
            if (i == best_start) {
                *out++ = ':';
                *out++ = ':';
                i += best_length - 1;
                continue;
            }
            if (i != 0 && i != best_start + best_length) *out++ = ':';
            out = write_hex16(out, group_of(b, i), false, upper);
        }
    }
    return out;
}

// Four hex digits of v as little-endian text (the first digit lowest), SWAR.
inline std::uint32_t hex_text(std::uint32_t v, bool upper) noexcept {
    const std::uint32_t nibbles = (v >> 12U) | ((v >> 8U) & 0xFU) << 8U | ((v >> 4U) & 0xFU) << 16U | (v & 0xFU) << 24U;
    const std::uint32_t letters = ((nibbles + 0x06060606U) >> 4U) & 0x01010101U; // 1 in each byte above 9
    return nibbles + 0x30303030U + letters * (upper ? 7U : 39U);
}

// The run-time text, the same as write_ipv6_scalar's. `out` has room for 64
// bytes: stores are four bytes wide and may run past the text.
inline char* write_ipv6_fast(char* out, const ipv6_bytes& b, bool expanded, bool upper) noexcept {
    std::uint32_t groups[8];
    unsigned zeros = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        groups[i] = group_of(b, i);               // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 8
        zeros |= (groups[i] == 0 ? 1U : 0U) << i; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 8
    }
    if (expanded) {
        for (const std::uint32_t g : groups) {
            store_le32(out, hex_text(g, upper));
            out[4] = ':';
            out += 5;
        }
        return out - 1;
    }
    if ((zeros & 0x1FU) == 0x1FU && groups[5] == 0xFFFFU) {
        // NOLINTNEXTLINE(bugprone-not-null-terminated-result): text, not a C string
        std::memcpy(out, upper ? "::FFFF:" : "::ffff:", 7);
        return write_ipv4_fast(out + 7, v4_tail(b));
    }
    const unsigned run = zero_runs[zeros]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): zeros < 256
    const unsigned start = run >> 4U, length = run & 0xFU;
    for (unsigned i = 0; i < 8; ++i) {
        if (i == start) {
            if (i == 0) *out++ = ':';
            *out++ = ':';
            i += length - 1;
            continue;
        }
        const std::uint32_t g = groups[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 8
        const auto digits = (static_cast<unsigned>(std::bit_width(g | 1U)) + 3U) / 4U;
        store_le32(out, hex_text(g, upper) >> (8U * (4U - digits)));
        out[digits] = ':';
        out += digits + 1;
    }
    // Every group wrote its ':' after it; the last one's goes unless "::" ended the text.
    return start != 8 && start + length == 8 ? out : out - 1;
}

} // namespace ipwire::detail
