// Hand-written frames for the decode tests (anomalies, ICMP, tunnels):
// constexpr builders for each header, joined with cat(). Addresses are from
// the documentation ranges (RFC 5737, RFC 3849); checksums are left 0 since
// decode does not check them.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace decode_frames {

template <std::size_t N>
using bytes = std::array<std::uint8_t, N>;

template <std::size_t... N>
constexpr bytes<(N + ... + 0)> cat(const bytes<N>&... parts) {
    bytes<(N + ... + 0)> out{};
    std::size_t at = 0;
    ((std::copy(parts.begin(), parts.end(), out.begin() + static_cast<std::ptrdiff_t>(at)), at += N), ...);
    return out;
}

constexpr std::uint8_t hi(unsigned v) { return static_cast<std::uint8_t>(v >> 8U); }
constexpr std::uint8_t lo(unsigned v) { return static_cast<std::uint8_t>(v & 0xFFU); }

constexpr bytes<14> ethernet(unsigned type) {
    return {0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, hi(type), lo(type)};
}
// 192.0.2.1 -> 198.51.100.7 (the last octets are `from` and `to` when given).
constexpr bytes<20> ipv4(std::uint8_t protocol, unsigned total, std::uint8_t from = 1, std::uint8_t to = 7) {
    return {0x45, 0, hi(total), lo(total), 0, 0, 0, 0, 64, protocol, 0, 0, 192, 0, 2, from, 198, 51, 100, to};
}
// An IPv4 header with one 4-byte option area.
constexpr bytes<24> ipv4_with_options(std::uint8_t protocol, unsigned total, bytes<4> options) {
    return {0x46, 0, hi(total), lo(total), 0,   0,  0,   0, 64,         protocol,   0,          0,
            192,  0, 2,         1,         198, 51, 100, 7, options[0], options[1], options[2], options[3]};
}
// 2001:db8::1 -> 2001:db8::2
constexpr bytes<40> ipv6(std::uint8_t next, unsigned payload) {
    return {0x60, 0, 0, 0, hi(payload), lo(payload), next, 64,   0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0,
            0,    0, 0, 1, 0x20,        0x01,        0x0D, 0xB8, 0,    0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 2};
}
constexpr bytes<8> udp(unsigned source, unsigned destination, unsigned length) {
    return {hi(source), lo(source), hi(destination), lo(destination), hi(length), lo(length), 0, 0};
}
// A 20-byte TCP header (data offset 5), ACK set.
constexpr bytes<20> tcp(unsigned source, unsigned destination) {
    return {
        hi(source), lo(source), hi(destination), lo(destination), 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0xFF, 0xFF, 0, 0,
        0,          0};
}
// A 24-byte TCP header carrying one 4-byte option area.
constexpr bytes<24> tcp_with_options(unsigned source, unsigned destination, bytes<4> options) {
    return {hi(source),
            lo(source),
            hi(destination),
            lo(destination),
            0,
            0,
            0,
            1,
            0,
            0,
            0,
            0,
            0x60,
            0x10,
            0xFF,
            0xFF,
            0,
            0,
            0,
            0,
            options[0],
            options[1],
            options[2],
            options[3]};
}
constexpr bytes<4> data4() { return {'a', 'b', 'c', 'd'}; }

} // namespace decode_frames
