// The Internet checksum (RFC 1071): the one's-complement sum used by the IPv4
// header, TCP, UDP and ICMP, and its incremental update (RFC 1624) for code
// that rewrites a header field without summing the packet again.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/wire/bytes.hpp"

namespace ipwire {

// Adds the 16-bit big-endian words of `data` to a running sum (RFC 1071
// section 4.1); an odd last byte counts as its high half. Sums of parts
// concatenate only when every part but the last has an even length.
[[nodiscard]] constexpr std::uint64_t checksum_add(std::uint64_t sum, bytes_view data) noexcept {
    std::size_t i = 0;
    for (; i + 1 < data.size(); i += 2) sum += static_cast<std::uint32_t>(data[i] << 8U | data[i + 1]);
    if (i < data.size()) sum += static_cast<std::uint32_t>(data[i] << 8U);
    return sum;
}
// A 16-bit value (a pseudo-header field) added to a running sum.
[[nodiscard]] constexpr std::uint64_t checksum_add(std::uint64_t sum, std::uint16_t word) noexcept {
    return sum + word;
}

// Folds the carries back in: the one's-complement sum, not yet complemented.
[[nodiscard]] constexpr std::uint16_t checksum_fold(std::uint64_t sum) noexcept {
    while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16U);
    return static_cast<std::uint16_t>(sum);
}

// The checksum field value for `data` (whose own checksum field is zero).
// Over data that includes a correct checksum field, the result is 0.
[[nodiscard]] constexpr std::uint16_t internet_checksum(bytes_view data) noexcept {
    return static_cast<std::uint16_t>(~checksum_fold(checksum_add(0, data)));
}

// RFC 1624 equation 3: the new checksum after one 16-bit field changes from
// old_field to new_field, HC' = ~(~HC + ~m + m').
[[nodiscard]] constexpr std::uint16_t checksum_update(std::uint16_t checksum, std::uint16_t old_field,
                                                      std::uint16_t new_field) noexcept {
    const std::uint64_t sum = static_cast<std::uint16_t>(~checksum) +
                              static_cast<std::uint64_t>(static_cast<std::uint16_t>(~old_field)) + new_field;
    return static_cast<std::uint16_t>(~checksum_fold(sum));
}

} // namespace ipwire
