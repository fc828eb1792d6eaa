// SipHash (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012):
// a keyed hash for hash tables whose keys come from the network. An unkeyed
// hash (FNV, a multiply-shift) lets whoever crafts the packets pick flow
// keys that all land in one bucket (hash flooding, CVE-2011-4885 and kin);
// with a secret 128-bit key they cannot predict where a key lands.
// SipHash-1-3 (one compression round, three finalization rounds) is what
// Rust's HashMap and CPython use for the same reason; SipHash-2-4 is the
// paper's reference and is here so the shared code is checked against its
// published test vectors.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace ipwire::detail {

struct sip_key {
    std::uint64_t k0 = 0;
    std::uint64_t k1 = 0;
    friend constexpr bool operator==(const sip_key&, const sip_key&) noexcept = default;
};

constexpr std::uint64_t rotl64(std::uint64_t x, unsigned r) noexcept { return (x << r) | (x >> (64U - r)); }

struct sip_state {
    std::uint64_t v0, v1, v2, v3;

    constexpr explicit sip_state(const sip_key& k) noexcept
        : v0(k.k0 ^ 0x736f6d6570736575ULL), v1(k.k1 ^ 0x646f72616e646f6dULL), v2(k.k0 ^ 0x6c7967656e657261ULL),
          v3(k.k1 ^ 0x7465646279746573ULL) {}

    constexpr void round() noexcept {
        v0 += v1;
        v1 = rotl64(v1, 13) ^ v0;
        v0 = rotl64(v0, 32);
        v2 += v3;
        v3 = rotl64(v3, 16) ^ v2;
        v0 += v3;
        v3 = rotl64(v3, 21) ^ v0;
        v2 += v1;
        v1 = rotl64(v1, 17) ^ v2;
        v2 = rotl64(v2, 32);
    }
};

// Little-endian load of up to 8 bytes (SipHash reads its input as
// little-endian words whatever the machine).
constexpr std::uint64_t load_le64(std::span<const std::uint8_t> b) noexcept {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < b.size() && i < 8; ++i) w |= std::uint64_t{b[i]} << (8U * i);
    return w;
}

template <int C, int D>
[[nodiscard]] constexpr std::uint64_t siphash(const sip_key& key, std::span<const std::uint8_t> in) noexcept {
    sip_state s(key);
    const std::size_t full = in.size() / 8 * 8;
    auto compress = [&s](std::uint64_t m) {
        s.v3 ^= m;
        for (int i = 0; i < C; ++i) s.round();
        s.v0 ^= m;
    };
    for (std::size_t at = 0; at < full; at += 8) compress(load_le64(in.subspan(at, 8)));
    // The last word: the remaining bytes and the length's low byte on top.
    compress(load_le64(in.subspan(full)) | (std::uint64_t{in.size() & 0xFFU} << 56U));
    s.v2 ^= 0xFF;
    for (int i = 0; i < D; ++i) s.round();
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

// The same function over a message of whole 64-bit words: SipHash of the
// 8 * words.size() bytes whose little-endian words these are. For callers
// that have words already (flow_key), so no byte is assembled one at a time.
template <int C, int D>
[[nodiscard]] constexpr std::uint64_t siphash_words(const sip_key& key, std::span<const std::uint64_t> words) noexcept {
    sip_state s(key);
    auto compress = [&s](std::uint64_t m) {
        s.v3 ^= m;
        for (int i = 0; i < C; ++i) s.round();
        s.v0 ^= m;
    };
    for (const std::uint64_t w : words) compress(w);
    compress(std::uint64_t{(words.size() * 8U) & 0xFFU} << 56U);
    s.v2 ^= 0xFF;
    for (int i = 0; i < D; ++i) s.round();
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

[[nodiscard]] constexpr std::uint64_t siphash13(const sip_key& key, std::span<const std::uint8_t> in) noexcept {
    return siphash<1, 3>(key, in);
}
[[nodiscard]] constexpr std::uint64_t siphash24(const sip_key& key, std::span<const std::uint8_t> in) noexcept {
    return siphash<2, 4>(key, in);
}

// splitmix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
// generators", 2014): turns a seed into well-spread words, for keys and for
// the ephemeral port allocator's random draws.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
}

[[nodiscard]] constexpr sip_key sip_key_from_seed(std::uint64_t seed) noexcept {
    const std::uint64_t k0 = splitmix64(seed);
    const std::uint64_t k1 = splitmix64(seed);
    return {k0, k1};
}

} // namespace ipwire::detail
