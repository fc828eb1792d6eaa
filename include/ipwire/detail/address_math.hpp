// Arithmetic on big-endian byte arrays (the addresses' own representation) and
// the reverse-DNS text, shared by ipv4_address and ipv6_address (issue 14).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "ipwire/detail/text.hpp"

namespace ipwire::detail {

// Every subscript below is a loop counter under N, the array's size (4 or 16),
// or a nibble (0-15) into the 16 hex digits.
// NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index)

// bytes + n (n >= 0) or bytes - n (n < 0) as an N-byte unsigned number; empty
// when the result leaves [0, 2^(8N) - 1]. Never wraps.
template <std::size_t N>
constexpr std::optional<std::array<std::uint8_t, N>> add_signed(std::array<std::uint8_t, N> bytes,
                                                                std::int64_t n) noexcept {
    const bool subtract = n < 0;
    // |n| without overflow for INT64_MIN: 0 - (unsigned) n.
    std::uint64_t magnitude = subtract ? 0U - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    unsigned carry = 0; // the carry, or the borrow when subtracting
    for (std::size_t i = N; i-- > 0;) {
        const unsigned digit = static_cast<unsigned>(magnitude & 0xFFU);
        magnitude >>= 8U;
        if (subtract) {
            const unsigned take = digit + carry;
            carry = bytes[i] < take ? 1U : 0U;
            bytes[i] = static_cast<std::uint8_t>(bytes[i] + 256U * carry - take);
        } else {
            const unsigned sum = bytes[i] + digit + carry;
            carry = sum >> 8U;
            bytes[i] = static_cast<std::uint8_t>(sum);
        }
    }
    if (carry != 0 || magnitude != 0) return std::nullopt;
    return bytes;
}

// b - a when it fits std::int64_t, else empty (IPv6 distances reach 2^128 - 1).
template <std::size_t N>
constexpr std::optional<std::int64_t> difference(const std::array<std::uint8_t, N>& a,
                                                 const std::array<std::uint8_t, N>& b) noexcept {
    bool negative = false;
    for (std::size_t i = 0; i < N; ++i) {
        if (a[i] != b[i]) {
            negative = b[i] < a[i];
            break;
        }
    }
    const auto& hi = negative ? a : b;
    const auto& lo = negative ? b : a;
    // |b - a| byte by byte; every byte above the low eight must come out zero.
    std::array<std::uint8_t, N> d{};
    unsigned borrow = 0;
    for (std::size_t i = N; i-- > 0;) {
        const unsigned take = lo[i] + borrow;
        borrow = hi[i] < take ? 1U : 0U;
        d[i] = static_cast<std::uint8_t>(hi[i] + 256U * borrow - take);
    }
    std::uint64_t magnitude = 0;
    for (std::size_t i = 0; i < N; ++i) {
        if (N > 8 && i < N - 8 && d[i] != 0) return std::nullopt;
        magnitude = magnitude << 8U | d[i];
    }
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (magnitude > max + (negative ? 1U : 0U)) return std::nullopt;
    if (!negative) return static_cast<std::int64_t>(magnitude);
    return magnitude == max + 1U ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(magnitude);
}

// "4.3.2.1.in-addr.arpa" (RFC 1035 section 3.5): the octets last first.
inline constexpr std::size_t reverse_v4_length = 15 + 13; // "255.255.255.255" ".in-addr.arpa"
constexpr char* write_reverse_v4(char* out, const std::array<std::uint8_t, 4>& b) noexcept {
    for (std::size_t i = 4; i-- > 0;) {
        out = write_decimal(out, b[i]);
        *out++ = '.';
    }
    return copy_chars(out, "in-addr.arpa");
}

// "b.a.9.8. ... .ip6.arpa" (RFC 3596 section 2.5): 32 nibbles, the low-order
// nibble first, lower-case hex as in the RFC's example.
inline constexpr std::size_t reverse_v6_length = 32 * 2 + 8;
constexpr char* write_reverse_v6(char* out, const std::array<std::uint8_t, 16>& b) noexcept {
    constexpr const char* hex = "0123456789abcdef";
    for (std::size_t i = 16; i-- > 0;) {
        *out++ = hex[b[i] & 0x0FU];
        *out++ = '.';
        *out++ = hex[b[i] >> 4U];
        *out++ = '.';
    }
    return copy_chars(out, "ip6.arpa");
}

// NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)

} // namespace ipwire::detail
