// Addresses as unsigned numbers for the prefix algebra, ranges and sets
// (issue 14): a 128-bit number wide enough for either family, and per address
// type the conversions to and from it. An IPv4 address is the number's low 32
// bits; `width` (32 or 128) says which family a number belongs to.
#pragma once

#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"

namespace ipwire {

template <class Address>
class basic_prefix;
class ip_prefix;

namespace detail {

// Two 64-bit halves rather than unsigned __int128, which -Wpedantic refuses
// and MSVC lacks. Defaulted <=> compares hi first: numeric order.
struct uint128 {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    friend constexpr bool operator==(const uint128&, const uint128&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const uint128&, const uint128&) noexcept = default;
};

inline constexpr uint128 uint128_max{std::numeric_limits<std::uint64_t>::max(),
                                     std::numeric_limits<std::uint64_t>::max()};

// Wrapping arithmetic; every caller checks the ends first.
constexpr uint128 add(const uint128& a, const uint128& b) noexcept {
    const std::uint64_t lo = a.lo + b.lo;
    return {a.hi + b.hi + (lo < a.lo ? 1U : 0U), lo};
}
constexpr uint128 subtract(const uint128& a, const uint128& b) noexcept {
    return {a.hi - b.hi - (a.lo < b.lo ? 1U : 0U), a.lo - b.lo};
}
constexpr uint128 succ(const uint128& a) noexcept { return add(a, {0, 1}); }
constexpr uint128 pred(const uint128& a) noexcept { return subtract(a, {0, 1}); }
constexpr std::uint32_t succ(std::uint32_t a) noexcept { return a + 1U; }
constexpr std::uint32_t pred(std::uint32_t a) noexcept { return a - 1U; }

// 2^k for k < 128.
constexpr uint128 power_of_two(unsigned k) noexcept {
    return k < 64 ? uint128{0, std::uint64_t{1} << k} : uint128{std::uint64_t{1} << (k - 64), 0};
}
// The low k bits set, k <= 128.
constexpr uint128 low_ones(unsigned k) noexcept {
    if (k >= 128) return uint128_max;
    return pred(power_of_two(k));
}
constexpr uint128 bit_and(const uint128& a, const uint128& b) noexcept { return {a.hi & b.hi, a.lo & b.lo}; }
constexpr uint128 bit_or(const uint128& a, const uint128& b) noexcept { return {a.hi | b.hi, a.lo | b.lo}; }
constexpr uint128 bit_not(const uint128& a) noexcept { return {~a.hi, ~a.lo}; }
constexpr uint128 shift_right(const uint128& a, unsigned k) noexcept {
    if (k == 0) return a;
    if (k >= 128) return {};
    if (k >= 64) return {0, a.hi >> (k - 64)};
    return {a.hi >> k, a.lo >> k | a.hi << (64 - k)};
}

// Trailing zero bits, 128 for zero.
constexpr unsigned trailing_zeros(const uint128& a) noexcept {
    if (a.lo != 0) return static_cast<unsigned>(std::countr_zero(a.lo));
    return 64U + static_cast<unsigned>(std::countr_zero(a.hi));
}
// floor(log2(a)) for a != 0.
constexpr unsigned floor_log2(const uint128& a) noexcept {
    if (a.hi != 0) return 127U - static_cast<unsigned>(std::countl_zero(a.hi));
    return 63U - static_cast<unsigned>(std::countl_zero(a.lo));
}
// The number, or UINT64_MAX when it does not fit (sizes of IPv6 blocks).
constexpr std::uint64_t saturate64(const uint128& a) noexcept {
    return a.hi != 0 ? std::numeric_limits<std::uint64_t>::max() : a.lo;
}

constexpr uint128 widen(std::uint32_t a) noexcept { return {0, a}; }
constexpr uint128 widen(const uint128& a) noexcept { return a; }

// The conversions for each address type. The zone is not part of the number.
template <class Address>
struct address_number;

template <>
struct address_number<ipv4_address> {
    using prefix_type = basic_prefix<ipv4_address>;
    static constexpr std::size_t text_length = ipv4_address::max_string_length;
    static constexpr uint128 of(const ipv4_address& a) noexcept { return {0, a.to_uint32()}; }
    static constexpr unsigned width(const ipv4_address&) noexcept { return 32; }
    static constexpr ipv4_address make(const uint128& n, unsigned) noexcept {
        return ipv4_address(static_cast<std::uint32_t>(n.lo));
    }
};

template <>
struct address_number<ipv6_address> {
    using prefix_type = basic_prefix<ipv6_address>;
    static constexpr std::size_t text_length = 39; // no zone in ranges and sets
    static constexpr uint128 of(const ipv6_address& a) noexcept {
        uint128 n;
        const auto& b = a.to_bytes();
        for (std::size_t i = 0; i < 8; ++i) {
            // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < 8, so i + 8 < 16
            n.hi = n.hi << 8U | b[i];
            n.lo = n.lo << 8U | b[i + 8];
            // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        }
        return n;
    }
    static constexpr unsigned width(const ipv6_address&) noexcept { return 128; }
    static constexpr ipv6_address make(const uint128& n, unsigned) noexcept {
        ipv6_address::bytes_type b{};
        for (std::size_t i = 0; i < 8; ++i) {
            // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): as above
            b[i] = static_cast<std::uint8_t>(n.hi >> (56U - 8U * i));
            b[i + 8] = static_cast<std::uint8_t>(n.lo >> (56U - 8U * i));
            // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        }
        return ipv6_address(b);
    }
};

template <>
struct address_number<ip_address> {
    using prefix_type = ip_prefix;
    static constexpr std::size_t text_length = address_number<ipv6_address>::text_length;
    static constexpr uint128 of(const ip_address& a) noexcept {
        return a.is_v4() ? address_number<ipv4_address>::of(a.v4()) : address_number<ipv6_address>::of(a.v6());
    }
    static constexpr unsigned width(const ip_address& a) noexcept { return a.is_v4() ? 32 : 128; }
    static constexpr ip_address make(const uint128& n, unsigned width) noexcept {
        if (width == 32) return address_number<ipv4_address>::make(n, 32);
        return address_number<ipv6_address>::make(n, 128);
    }
};

// The prefix of `host_bits` host bits at the (aligned) number n.
template <class Address>
constexpr typename address_number<Address>::prefix_type make_prefix(const uint128& n, unsigned width,
                                                                    unsigned host_bits) noexcept {
    return {address_number<Address>::make(n, width), static_cast<std::uint8_t>(width - host_bits)};
}

// The host bits of the largest aligned block that starts at `first` and ends
// at or before `last` (first <= last, both of `width` bits): one step of the
// minimal covering of a range by prefixes (RFC 4632 section 3.1's aggregation).
constexpr unsigned block_host_bits(const uint128& first, const uint128& last, unsigned width) noexcept {
    const uint128 span = subtract(last, first);
    const unsigned fit = span == uint128_max ? 128U : floor_log2(succ(span));
    const unsigned align = trailing_zeros(first);
    unsigned h = fit < align ? fit : align;
    return h < width ? h : width;
}

} // namespace detail
} // namespace ipwire
