// The run-time text fast paths' common ground (issue 18): a window of the
// input held without reading past it, and bit masks of its byte classes (bit i
// describes byte i). Two mask implementations: SWAR on 64-bit words, which
// works on every target, and SSE2, the x86-64 baseline. IPWIRE_PORTABLE_TEXT
// turns every fast path off (ipwire/detail/text_ipv4.hpp and text_ipv6.hpp
// test it), so a report can be reproduced on the constexpr path.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define IPWIRE_TEXT_SSE2 1
#else
#define IPWIRE_TEXT_SSE2 0
#endif
#if defined(__SSE4_1__)
#include <smmintrin.h>
#define IPWIRE_TEXT_SSE41 1
#else
#define IPWIRE_TEXT_SSE41 0
#endif
// Without -msse4.1, GCC and Clang still compile the SSE4.1 IPv4 parse for
// that instruction set alone (a target attribute), and the parse takes it
// when the processor has it (one test of a flag the runtime set at start-up).
#if !IPWIRE_TEXT_SSE41 && IPWIRE_TEXT_SSE2 && (defined(__GNUC__) || defined(__clang__)) &&                             \
    (defined(__x86_64__) || defined(__i386__)) && !defined(IPWIRE_TEXT_NO_DISPATCH)
#include <smmintrin.h>
#define IPWIRE_TEXT_SSE41_DISPATCH 1
#define IPWIRE_TEXT_SSE41_TARGET __attribute__((target("sse4.1,popcnt,bmi,bmi2")))
#else
#define IPWIRE_TEXT_SSE41_DISPATCH 0
#define IPWIRE_TEXT_SSE41_TARGET
#endif
#if defined(IPWIRE_PORTABLE_TEXT)
#define IPWIRE_TEXT_FAST 0
#else
#define IPWIRE_TEXT_FAST 1
#endif

namespace ipwire::detail {

#if IPWIRE_TEXT_SSE41_DISPATCH
inline bool cpu_has_sse41() noexcept {
    return __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2");
}
#endif

// Little-endian loads whatever the target's byte order: byte i of the text is
// bits 8i..8i+7.
inline std::uint64_t load_le64(const char* p) noexcept {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) {
        std::uint64_t r = 0;
        for (int i = 0; i < 8; ++i, v >>= 8U) r = r << 8U | (v & 0xFFU);
        v = r;
    }
    return v;
}
inline std::uint32_t load_le32(const char* p) noexcept {
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    if constexpr (std::endian::native == std::endian::big) {
        v = (v >> 24U) | ((v >> 8U) & 0xFF00U) | ((v << 8U) & 0xFF0000U) | (v << 24U);
    }
    return v;
}
inline void store_le32(char* p, std::uint32_t v) noexcept {
    if constexpr (std::endian::native == std::endian::big) {
        v = (v >> 24U) | ((v >> 8U) & 0xFF00U) | ((v << 8U) & 0xFF0000U) | (v << 24U);
    }
    std::memcpy(p, &v, 4);
}

// Bits set in x. std::popcount compiles to a library call on x86-64 without
// -mpopcnt; this is a dozen instructions inline.
inline unsigned popcount64(std::uint64_t x) noexcept {
#if defined(__POPCNT__) || !(defined(__GNUC__) || defined(__clang__))
    return static_cast<unsigned>(std::popcount(x));
#else
    x = x - ((x >> 1U) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2U) & 0x3333333333333333ULL);
    x = (x + (x >> 4U)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<unsigned>((x * 0x0101010101010101ULL) >> 56U);
#endif
}

// Copies n < 16 bytes with fixed-size, possibly overlapping moves; touches
// only [0, n) of both. Kept apart from copy_short for IPv4 text (at most 15
// bytes): with the 16-byte moves inlined, g++ 12 -O2 flags a write into a
// caller's 15-byte buffer that cannot happen (-Warray-bounds, GCC meta-bug 56456).
inline void copy_under_16(char* dst, const char* src, std::size_t n) noexcept {
    if (n >= 8) {
        std::memcpy(dst, src, 8);
        std::memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        std::memcpy(dst, src, 4);
        std::memcpy(dst + n - 4, src + n - 4, 4);
    } else {
        for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
    }
}

// Copies n <= 64 bytes with fixed-size, possibly overlapping moves (no call
// to memcpy for a length known only at run time); touches only [0, n) of both.
inline void copy_short(char* dst, const char* src, std::size_t n) noexcept {
    if (n >= 16) {
        for (std::size_t i = 0; i + 16 < n; i += 16) std::memcpy(dst + i, src + i, 16);
        std::memcpy(dst + n - 16, src + n - 16, 16);
    } else {
        copy_under_16(dst, src, n);
    }
}

// The first 16 bytes of the text as two little-endian words, zero past its
// end ('\0' is in no byte class, so the padding ends an address as the end
// of the text does), built with overlapping in-bounds loads: no copy through
// memory (which would stall the loads after it) and no over-read.
struct window16 {
    std::uint64_t lo = 0, hi = 0;
};
inline window16 load_window16(const char* it, const char* end) noexcept {
    const auto n = static_cast<std::size_t>(end - it);
    window16 w;
    if (n >= 16) {
        w.lo = load_le64(it), w.hi = load_le64(it + 8);
    } else if (n >= 8) {
        w.lo = load_le64(it);
        w.hi = n == 8 ? 0 : load_le64(it + n - 8) >> (8U * (16U - static_cast<unsigned>(n)));
    } else if (n >= 4) {
        const std::uint64_t a = load_le32(it);
        const std::uint64_t b = load_le32(it + n - 4);
        w.lo = a | (b << (8U * (static_cast<unsigned>(n) - 4U)));
    } else {
        for (std::size_t i = 0; i < n; ++i)
            w.lo |= static_cast<std::uint64_t>(static_cast<unsigned char>(it[i])) << (8U * i);
    }
    return w;
}

// Four bytes of the window from byte s (0-15; past byte 15 reads as zero).
inline std::uint32_t window_bytes(const window16& w, std::uint32_t s) noexcept {
    if (s >= 8) return static_cast<std::uint32_t>(w.hi >> (8U * (s - 8U)));
    const std::uint64_t high = s == 0 ? 0 : w.hi << (64U - 8U * s);
    return static_cast<std::uint32_t>((w.lo >> (8U * s)) | high);
}

// Sixteen bytes, `high` first, each word most significant byte first (network
// order), in one store where the target has SSE2: a caller reading the bytes
// back whole then gets them forwarded from that store.
template <class Bytes>
inline void store_be128(Bytes& out, std::uint64_t high, std::uint64_t low) noexcept {
    static_assert(sizeof(Bytes) == 16);
    const auto swap = [](std::uint64_t v) {
        if constexpr (std::endian::native == std::endian::big) return v;
#if defined(__GNUC__) || defined(__clang__)
        return static_cast<std::uint64_t>(__builtin_bswap64(v));
#else
        std::uint64_t r = 0;
        for (int i = 0; i < 8; ++i, v >>= 8U) r = r << 8U | (v & 0xFFU);
        return r;
#endif
    };
#if IPWIRE_TEXT_SSE2
    const __m128i v = _mm_set_epi64x(static_cast<long long>(swap(low)), static_cast<long long>(swap(high)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out.data()), v);
#else
    const std::uint64_t words[2] = {swap(high), swap(low)};
    std::memcpy(out.data(), words, 16);
#endif
}

// One high bit per byte (bit 8i+7) to one bit per byte (bit i): the eight
// shifted bits land on distinct positions of the top byte, with no carries.
constexpr std::uint64_t pack_high_bits(std::uint64_t m) noexcept { return ((m >> 7U) * 0x0102040810204080ULL) >> 56U; }

inline constexpr std::uint64_t ones8 = 0x0101010101010101ULL;
inline constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;

// High bit of each byte equal to c. Exact per byte: no carry crosses a byte.
constexpr std::uint64_t swar_equal(std::uint64_t x, char c) noexcept {
    const std::uint64_t y = x ^ (ones8 * static_cast<unsigned char>(c));
    return ~(((y & low7) + low7) | y | low7);
}
// High bit of each byte in [lo, hi] (both below 0x80). Exact per byte.
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the bounds are in their usual order
constexpr std::uint64_t swar_between(std::uint64_t x, unsigned lo, unsigned hi) noexcept {
    const std::uint64_t h = x & low7;
    const std::uint64_t at_least_lo = h + ones8 * (0x80U - lo);
    const std::uint64_t above_hi = h + ones8 * (0x7FU - hi);
    return at_least_lo & ~above_hi & ~x & ~low7;
}

// The byte classes of a window: bit i of each mask describes byte i.
struct text_masks {
    std::uint64_t digit = 0; // '0'-'9'
    std::uint64_t hex = 0;   // '0'-'9', 'a'-'f', 'A'-'F'
    std::uint64_t colon = 0; // ':'
    std::uint64_t dot = 0;   // '.'

    constexpr void add(const text_masks& m, std::size_t at) noexcept {
        digit |= m.digit << at, hex |= m.hex << at, colon |= m.colon << at, dot |= m.dot << at;
    }
};

// SWAR: the classes of one little-endian word (eight bytes).
inline text_masks word_masks(std::uint64_t x) noexcept {
    const std::uint64_t digit = swar_between(x, '0', '9');
    const std::uint64_t letter = swar_between(x | (ones8 * 0x20U), 'a', 'f');
    return {pack_high_bits(digit), pack_high_bits(digit | letter), pack_high_bits(swar_equal(x, ':')),
            pack_high_bits(swar_equal(x, '.'))};
}
struct swar_chunks {
    static constexpr std::size_t width = 8;
    static text_masks at(const char* p) noexcept { return word_masks(load_le64(p)); }
    static text_masks of(const window16& w) noexcept {
        text_masks m = word_masks(w.lo);
        m.add(word_masks(w.hi), 8);
        return m;
    }
};

#if IPWIRE_TEXT_SSE2
// SSE2: the classes of sixteen bytes by compare and movemask.
inline text_masks vector_masks(__m128i v) noexcept {
    // Unsigned "at most" by min: x - '0' in 0..9, (x | 0x20) - 'a' in 0..5.
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    const __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    const __m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(5)), l);
    const auto bits = [](__m128i x) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(x)));
    };
    return {bits(is_digit), bits(_mm_or_si128(is_digit, is_letter)), bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(':'))),
            bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')))};
}
inline __m128i to_m128(const window16& w) noexcept {
    return _mm_set_epi64x(static_cast<long long>(w.hi), static_cast<long long>(w.lo));
}
struct sse2_chunks {
    static constexpr std::size_t width = 16;
    static text_masks at(const char* p) noexcept {
        return vector_masks(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    }
    static text_masks of(const window16& w) noexcept { return vector_masks(to_m128(w)); }
};
using fast_chunks = sse2_chunks;
#else
using fast_chunks = swar_chunks;
#endif

// The masks of the first min(size, Limit) bytes of a text (Limit a multiple
// of 16, at most 64), read in place: whole chunks, then one chunk ending at
// the last byte, overlapping the one before (in bounds: no over-read). Below
// 16 bytes the text is taken into registers first. Bits past the text, or
// past Limit, are clear, as for a '\0'.
template <class Chunks, std::size_t Limit>
inline text_masks text_masks_of(const char* p, std::size_t size) noexcept {
    static_assert(Limit % 16 == 0 && Limit <= 64);
    if (size < 16) return Chunks::of(load_window16(p, p + size));
    const std::size_t n = size < Limit ? size : Limit;
    text_masks m;
    std::size_t at = 0;
    for (; at + Chunks::width <= n; at += Chunks::width) m.add(Chunks::at(p + at), at);
    if (at < n) m.add(Chunks::at(p + n - Chunks::width), n - Chunks::width);
    return m;
}

} // namespace ipwire::detail
