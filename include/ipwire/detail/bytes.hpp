// Loads of big-endian (network order) and little-endian fields from a byte
// span, constexpr and alignment-free. They do not check bounds: each view's
// parse has checked, once, every offset its accessors read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <bit>
#include <cstring>
#include <span>
#include <type_traits>

namespace ipwire::detail {

constexpr std::uint8_t load_u8(std::span<const std::uint8_t> b, std::size_t at) noexcept { return b[at]; }
constexpr std::uint16_t load_be16(std::span<const std::uint8_t> b, std::size_t at) noexcept {
    return static_cast<std::uint16_t>(b[at] << 8U | b[at + 1]);
}
constexpr std::uint32_t load_be32(std::span<const std::uint8_t> b, std::size_t at) noexcept {
    return static_cast<std::uint32_t>(b[at]) << 24U | static_cast<std::uint32_t>(b[at + 1]) << 16U |
           static_cast<std::uint32_t>(b[at + 2]) << 8U | b[at + 3];
}
constexpr std::uint16_t load_le16(std::span<const std::uint8_t> b, std::size_t at) noexcept {
    return static_cast<std::uint16_t>(b[at + 1] << 8U | b[at]);
}
constexpr std::uint32_t load_le32(std::span<const std::uint8_t> b, std::size_t at) noexcept {
    return static_cast<std::uint32_t>(b[at + 3]) << 24U | static_cast<std::uint32_t>(b[at + 2]) << 16U |
           static_cast<std::uint32_t>(b[at + 1]) << 8U | b[at];
}
constexpr std::uint32_t byte_swap32(std::uint32_t v) noexcept {
    return (v >> 24U) | ((v >> 8U) & 0xFF00U) | ((v << 8U) & 0xFF0000U) | (v << 24U);
}

// Either order, for capture files whose magic number says which. At run time
// one 32-bit load and a swap chosen by the flag: selecting between two
// byte-wise loads made compilers emit four loads, shifts and ors per field.
constexpr std::uint16_t load16(std::span<const std::uint8_t> b, std::size_t at, bool big_endian) noexcept {
    return big_endian ? load_be16(b, at) : load_le16(b, at);
}
constexpr std::uint32_t load32(std::span<const std::uint8_t> b, std::size_t at, bool big_endian) noexcept {
    if (std::is_constant_evaluated()) return big_endian ? load_be32(b, at) : load_le32(b, at);
    std::uint32_t v;
    std::memcpy(&v, b.data() + at, 4);
    if constexpr (std::endian::native == std::endian::big) big_endian = !big_endian;
    return big_endian ? byte_swap32(v) : v;
}

} // namespace ipwire::detail
