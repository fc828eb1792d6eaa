// IPv4 dotted-decimal text, both ways, on two paths (issue 18): the scalar one
// (constexpr: literals, static_assert tables, constant evaluation) and a
// run-time one. The run-time parse only ever answers "this is a valid address,
// here is its value and its length": on anything else, or on any doubt, it
// hands over to the scalar parse, which finds the error. So both paths give the
// same value, the same errc and the same end position for every input.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_scan.hpp"
#include "ipwire/error.hpp"

namespace ipwire::detail {

// The grammar (RFC 6943 section 3.1.1, the inet_pton form): exactly four
// decimal octets 0-255 joined by '.', no leading zeros. Reads a dotted quad at
// `it` and advances past it; returns the address in host order.
constexpr result<std::uint32_t> parse_ipv4_scalar(const char*& it, const char* end) noexcept {
    std::uint32_t address = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (i != 0) {
            if (it == end) return errc::too_few_octets;
            if (*it != '.') return ends_address(*it) ? errc::too_few_octets : errc::unexpected_character;
            ++it;
        }
        if (it == end || *it == '.') return errc::empty_octet;
        // Up to three digits; a fourth is out of range or a leading zero.
        if (!is_digit(*it)) return errc::unexpected_character;
        std::uint32_t value = static_cast<std::uint32_t>(*it++ - '0');
        if (it != end && is_digit(*it)) {
            if (value == 0) return errc::leading_zero;
            value = value * 10 + static_cast<std::uint32_t>(*it++ - '0');
            if (it != end && is_digit(*it)) {
                value = value * 10 + static_cast<std::uint32_t>(*it++ - '0');
                if (value > 255 || (it != end && is_digit(*it))) return errc::octet_out_of_range;
            }
        }
        address = address << 8U | value;
    }
    if (it != end && *it == '.') return errc::too_many_octets;
    return address;
}

// The 81 shapes of a valid dotted quad (octet lengths 1-3 each), found from
// the masks of its first 16 bytes in one table look-up. Valid text ends its
// fourth octet at byte 15 at the latest, so those bytes always hold it.
// 32 bytes, aligned: the shuffle never straddles a cache line.
struct alignas(32) ipv4_pattern {
    std::uint8_t shuffle[16] = {}; // SSE4.1: octet i's digits right-aligned in bytes 4i..4i+2; 0x80: zero
    std::uint32_t mask = 0;        // the three dots and the end: the key
    std::uint32_t leading = 0;     // first digits of octets longer than one digit
    std::uint8_t dot[3] = {};      // where the dots are
    std::uint8_t end = 0;          // the byte after the fourth octet
};

inline constexpr auto ipv4_patterns = [] {
    std::array<ipv4_pattern, 81> table{};
    for (std::size_t index = 0; index < 81; ++index) {
        const std::size_t lengths[4] = {index / 27 % 3 + 1, index / 9 % 3 + 1, index / 3 % 3 + 1, index % 3 + 1};
        ipv4_pattern& p = table[index]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): index < 81
        for (auto& b : p.shuffle) b = 0x80;
        std::size_t start = 0;
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < 4; 4i + 2 < 16; start + 3 < 16
        for (std::size_t i = 0; i < 4; ++i) {
            if (lengths[i] > 1) p.leading |= 1U << start;
            for (std::size_t k = 0; k < lengths[i]; ++k)
                p.shuffle[4 * i + 3 - lengths[i] + k] = static_cast<std::uint8_t>(start + k);
            start += lengths[i];
            if (i < 3) p.dot[i] = static_cast<std::uint8_t>(start);
            p.mask |= 1U << start;
            ++start;
        }
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        p.end = static_cast<std::uint8_t>(start - 1);
    }
    return table;
}();

// A perfect hash of the 81 keys into 256 slots (multiplier found by search;
// the table below proves there is no collision).
constexpr std::uint32_t ipv4_hash(std::uint32_t mask) noexcept { return ((mask * 27151U) >> 9U) & 0xFFU; }

inline constexpr auto ipv4_slots = [] {
    std::array<std::uint8_t, 256> slots{}; // pattern index + 1; 0: no pattern
    for (std::size_t i = 0; i < 81; ++i) {
        const std::uint32_t hash =
            ipv4_hash(ipv4_patterns[i].mask); // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 81
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): the hash is below 256
        auto& slot = slots[hash];
        if (slot != 0) slots[0] = 0xFF; // a collision: caught below
        slot = static_cast<std::uint8_t>(i + 1);
    }
    return slots;
}();
static_assert(ipv4_slots[0] != 0xFF, "ipv4_hash must be collision-free over the 81 patterns");

// The pattern of a valid dotted quad from the masks of its first 16 bytes
// (bit i: byte i is a digit, a '.', a '0'), or null. The address ends at
// the first byte that is neither a digit nor a '.'; the text before it is
// valid exactly when its dots and end are one of the 81 keys and no octet of
// two or three digits starts with '0'. Only "at most 255" is left to check.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): three masks of one window, named at every call
inline const ipv4_pattern* ipv4_shape(std::uint32_t digit, std::uint32_t dot, std::uint32_t zero) noexcept {
    const auto end = static_cast<std::uint32_t>(std::countr_zero((~(digit | dot) & 0xFFFFU) | 0x10000U));
    const std::uint32_t key = (dot & ((1U << end) - 1)) | (1U << end);
    const std::uint32_t slot =
        ipv4_slots[ipv4_hash(key)]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): the hash is below 256
    if (slot == 0) return nullptr;
    const ipv4_pattern& p =
        ipv4_patterns[slot - 1]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): slots hold 1-81
    if (p.mask != key || (zero & p.leading) != 0) return nullptr;
    return &p;
}

struct window_masks16 {
    std::uint32_t digit, dot, zero;
};
inline window_masks16 masks16_swar(const window16& w) noexcept {
    const auto of = [](std::uint64_t x) {
        return window_masks16{static_cast<std::uint32_t>(pack_high_bits(swar_between(x, '0', '9'))),
                              static_cast<std::uint32_t>(pack_high_bits(swar_equal(x, '.'))),
                              static_cast<std::uint32_t>(pack_high_bits(swar_equal(x, '0')))};
    };
    const window_masks16 lo = of(w.lo), hi = of(w.hi);
    return {lo.digit | hi.digit << 8U, lo.dot | hi.dot << 8U, lo.zero | hi.zero << 8U};
}
#if IPWIRE_TEXT_SSE2
inline window_masks16 masks16_sse2(__m128i v) noexcept {
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    const auto bits = [](__m128i x) { return static_cast<std::uint32_t>(_mm_movemask_epi8(x)); };
    return {bits(is_digit), bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))), bits(_mm_cmpeq_epi8(d, _mm_setzero_si128()))};
}
#endif

// Value of the octet of digits from byte `start` to the byte before `stop`
// (1-3 of them).
inline std::uint32_t octet_at(const window16& w, std::uint32_t start, std::uint32_t stop) noexcept {
    // Digits to 0-9 (xor: no borrow across bytes), then right-aligned in the low three bytes.
    const std::uint32_t y = (window_bytes(w, start) ^ 0x30303030U) << (8U * (3U - (stop - start)));
    return (y & 0xFFU) * 100U + ((y >> 8U) & 0xFFU) * 10U + ((y >> 16U) & 0xFFU);
}

// The octets of a window whose masks are known: true with the address when
// the text there is a valid dotted quad, advancing `it` past it.
inline bool ipv4_from_window(const window16& w, const window_masks16& m, const char*& it, std::uint32_t& out) noexcept {
    const ipv4_pattern* p = ipv4_shape(m.digit, m.dot, m.zero);
    if (p == nullptr) return false;
    const std::uint32_t a = octet_at(w, 0, p->dot[0]);
    const std::uint32_t b = octet_at(w, p->dot[0] + 1U, p->dot[1]);
    const std::uint32_t c = octet_at(w, p->dot[1] + 1U, p->dot[2]);
    const std::uint32_t d = octet_at(w, p->dot[2] + 1U, p->end);
    if ((a | b | c | d) > 255) return false;
    it += p->end;
    out = a << 24U | b << 16U | c << 8U | d;
    return true;
}

// The SWAR path (any 64-bit target): masks and octet values from two words.
inline bool parse_ipv4_swar(const char*& it, const char* end, std::uint32_t& out) noexcept {
    const window16 w = load_window16(it, end);
    return ipv4_from_window(w, masks16_swar(w), it, out);
}

#if IPWIRE_TEXT_SSE2
// The same with the masks from SSE2 (the x86-64 baseline): fewer instructions.
inline bool parse_ipv4_sse2(const char*& it, const char* end, std::uint32_t& out) noexcept {
    const window16 w = load_window16(it, end);
    return ipv4_from_window(w, masks16_sse2(to_m128(w)), it, out);
}
#endif

#if IPWIRE_TEXT_SSE41 || IPWIRE_TEXT_SSE41_DISPATCH
// SSE4.1: the masks by compare and movemask, the four octets at once by one
// shuffle and two multiply-adds. Without -msse4.1 it is compiled for SSE4.1
// alone and chosen at run time when the processor has it.
IPWIRE_TEXT_SSE41_TARGET inline bool parse_ipv4_sse41(const char*& it, const char* end, std::uint32_t& out) noexcept {
    const __m128i v = to_m128(load_window16(it, end));
    const window_masks16 m = masks16_sse2(v);
    const ipv4_pattern* p = ipv4_shape(m.digit, m.dot, m.zero);
    if (p == nullptr) return false;
    const __m128i shuffle = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p->shuffle));
    const __m128i digits = _mm_shuffle_epi8(_mm_sub_epi8(v, _mm_set1_epi8('0')), shuffle);
    const __m128i pairs = _mm_maddubs_epi16(digits, _mm_set1_epi32(0x00010A64)); // 100, 10, 1, 0
    const __m128i octets = _mm_madd_epi16(pairs, _mm_set1_epi16(1));
    if (_mm_movemask_epi8(_mm_cmpgt_epi32(octets, _mm_set1_epi32(255))) != 0) return false;
    const __m128i bytes =
        _mm_shuffle_epi8(octets, _mm_set_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8, 12));
    out = static_cast<std::uint32_t>(_mm_cvtsi128_si32(bytes));
    it += p->end;
    return true;
}
#endif

// The run-time parse this build uses: SSE4.1 when the target or the
// processor has it, else the SWAR path (with SSE2 masks on x86-64). False:
// let the scalar parse answer.
inline bool parse_ipv4_fast(const char*& it, const char* end, std::uint32_t& out) noexcept {
#if IPWIRE_TEXT_SSE41
    return parse_ipv4_sse41(it, end, out);
#elif IPWIRE_TEXT_SSE41_DISPATCH
    if (cpu_has_sse41()) return parse_ipv4_sse41(it, end, out);
    return parse_ipv4_sse2(it, end, out);
#elif IPWIRE_TEXT_SSE2
    return parse_ipv4_sse2(it, end, out);
#else
    return parse_ipv4_swar(it, end, out);
#endif
}

// The one IPv4 text rule every parser uses (ipv4_address, the IPv6 dotted
// tail, ip_address, endpoint, prefixes).
constexpr result<std::uint32_t> parse_ipv4(const char*& it, const char* end) noexcept {
#if IPWIRE_TEXT_FAST
    if (!std::is_constant_evaluated()) {
        std::uint32_t value = 0;
        if (parse_ipv4_fast(it, end, value)) return value;
    }
#endif
    return parse_ipv4_scalar(it, end);
}

// --- formatting ----------------------------------------------------------------

// Octet text: the digits in the low bytes, first digit lowest, and the digit
// count in the top byte (the digit-pair table idea, one entry per octet).
inline constexpr auto octet_text = [] {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t v = 0; v < 256; ++v) {
        const std::uint32_t digits = v >= 100 ? 3 : v >= 10 ? 2 : 1;
        std::uint32_t text = digits << 24U, rest = v;
        for (std::uint32_t k = digits; k-- > 0; rest /= 10) text |= ('0' + rest % 10) << (8 * k);
        table[v] = text; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): v < 256
    }
    return table;
}();

// Writes a.b.c.d at `out` (room for 16 bytes: the last store may write one
// byte past the text) and returns the end of the text.
inline char* write_ipv4_fast(char* out, std::uint32_t address) noexcept {
    for (unsigned i = 0; i < 4; ++i) {
        const std::uint32_t octet = (address >> (24U - 8U * i)) & 0xFFU;
        const std::uint32_t entry =
            octet_text[octet]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): octet < 256
        const std::uint32_t digits = entry >> 24U;
        store_le32(out, (entry & 0xFFFFFFU) | static_cast<std::uint32_t>('.') << (8U * digits));
        out += digits + 1;
    }
    return out - 1;
}

// The scalar text (constexpr).
constexpr char* write_ipv4_scalar(char* out, std::uint32_t address) noexcept {
    for (unsigned i = 0; i < 4; ++i) {
        if (i != 0) *out++ = '.';
        out = write_decimal(out, (address >> (24U - 8U * i)) & 0xFFU);
    }
    return out;
}

// The to_chars of an IPv4 address on either path: all of the text in
// [first, last) or nothing.
constexpr std::to_chars_result ipv4_to_chars(char* first, char* last, std::uint32_t address) noexcept {
#if IPWIRE_TEXT_FAST
    if (!std::is_constant_evaluated()) {
        char buffer[16];
        const auto n = static_cast<std::size_t>(write_ipv4_fast(buffer, address) - buffer);
        if (static_cast<std::size_t>(last - first) < n) return {last, std::errc::value_too_large};
        copy_under_16(first, buffer, n); // n <= 15
        return {first + n, std::errc{}};
    }
#endif
    char buffer[15] = {};
    return copy_if_fits(first, last, buffer, write_ipv4_scalar(buffer, address));
}

} // namespace ipwire::detail
