// The "Globally Reachable" column of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 section 2.2, and the RFCs that added rows since).
// Encoded 2026-11-24 from the registries as last updated 2025 (IPv6 rows up to
// RFC 9637, RFC 9602, RFC 9665 and RFC 9780). Rows whose column is "N/A"
// (192.88.99.0/24, 2001::/32 Teredo, 2001:10::/28, 2002::/16) are left out, so
// the enclosing row, or the default "reachable", answers for them.
#pragma once

#include <array>
#include <cstdint>

namespace ipwire::detail {

struct ipv4_special_row {
    std::uint32_t network;
    std::uint8_t length;
    bool globally_reachable;
};

struct ipv6_special_row {
    std::array<std::uint8_t, 16> network;
    std::uint8_t length;
    bool globally_reachable;
};

// clang-format off
inline constexpr ipv4_special_row ipv4_special_registry[] = {
    {0x00000000, 8, false},  // 0.0.0.0/8 "this network", RFC 791
    {0x00000000, 32, false}, // 0.0.0.0/32 "this host", RFC 1122 section 3.2.1.3
    {0x0A000000, 8, false},  // 10.0.0.0/8 private use, RFC 1918
    {0x64400000, 10, false}, // 100.64.0.0/10 shared address space, RFC 6598
    {0x7F000000, 8, false},  // 127.0.0.0/8 loopback, RFC 1122
    {0xA9FE0000, 16, false}, // 169.254.0.0/16 link local, RFC 3927
    {0xAC100000, 12, false}, // 172.16.0.0/12 private use, RFC 1918
    {0xC0000000, 24, false}, // 192.0.0.0/24 IETF protocol assignments, RFC 6890
    {0xC0000000, 29, false}, // 192.0.0.0/29 IPv4 service continuity prefix, RFC 7335
    {0xC0000008, 32, false}, // 192.0.0.8/32 IPv4 dummy address, RFC 7600
    {0xC0000009, 32, true},  // 192.0.0.9/32 Port Control Protocol anycast, RFC 7723
    {0xC000000A, 32, true},  // 192.0.0.10/32 TURN anycast, RFC 8155
    {0xC00000AA, 32, false}, // 192.0.0.170/32 NAT64/DNS64 discovery, RFC 8880
    {0xC00000AB, 32, false}, // 192.0.0.171/32 NAT64/DNS64 discovery, RFC 8880
    {0xC0000200, 24, false}, // 192.0.2.0/24 documentation (TEST-NET-1), RFC 5737
    {0xC01FC400, 24, true},  // 192.31.196.0/24 AS112-v4, RFC 7535
    {0xC034C100, 24, true},  // 192.52.193.0/24 AMT, RFC 7450
    {0xC0A80000, 16, false}, // 192.168.0.0/16 private use, RFC 1918
    {0xC0AF3000, 24, true},  // 192.175.48.0/24 direct delegation AS112, RFC 7534
    {0xC6120000, 15, false}, // 198.18.0.0/15 benchmarking, RFC 2544
    {0xC6336400, 24, false}, // 198.51.100.0/24 documentation (TEST-NET-2), RFC 5737
    {0xCB007100, 24, false}, // 203.0.113.0/24 documentation (TEST-NET-3), RFC 5737
    {0xF0000000, 4, false},  // 240.0.0.0/4 reserved, RFC 1112
    {0xFFFFFFFF, 32, false}, // 255.255.255.255/32 limited broadcast, RFC 919
};
// clang-format on

// clang-format off
inline constexpr ipv6_special_row ipv6_special_registry[] = {
    {{}, 128, false},                                                  // ::/128 unspecified, RFC 4291
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, false},    // ::1/128 loopback, RFC 4291
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, 96, false},           // ::ffff:0:0/96 IPv4-mapped, RFC 4291
    {{0, 0x64, 0xFF, 0x9B}, 96, true},                                 // 64:ff9b::/96 IPv4-IPv6 translation, RFC 6052
    {{0, 0x64, 0xFF, 0x9B, 0, 1}, 48, false},                          // 64:ff9b:1::/48 local-use translation, RFC 8215
    {{0x01, 0x00}, 64, false},                                         // 100::/64 discard-only, RFC 6666
    {{0x01, 0x00, 0, 0, 0, 0, 0, 1}, 64, false},                       // 100:0:0:1::/64 dummy prefix, RFC 9780
    {{0x20, 0x01}, 23, false},                                         // 2001::/23 IETF protocol assignments, RFC 2928
    {{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, true}, // 2001:1::1/128 PCP anycast, RFC 7723
    {{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 128, true}, // 2001:1::2/128 TURN anycast, RFC 8155
    {{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3}, 128, true}, // 2001:1::3/128 DNS-SD SRP anycast, RFC 9665
    {{0x20, 0x01, 0, 2}, 48, false},                                   // 2001:2::/48 benchmarking, RFC 5180
    {{0x20, 0x01, 0, 3}, 32, true},                                    // 2001:3::/32 AMT, RFC 7450
    {{0x20, 0x01, 0, 4, 0x01, 0x12}, 48, true},                        // 2001:4:112::/48 AS112-v6, RFC 7535
    {{0x20, 0x01, 0, 0x20}, 28, true},                                 // 2001:20::/28 ORCHIDv2, RFC 7343
    {{0x20, 0x01, 0, 0x30}, 28, true},                                 // 2001:30::/28 drone remote ID, RFC 9374
    {{0x20, 0x01, 0x0D, 0xB8}, 32, false},                             // 2001:db8::/32 documentation, RFC 3849
    {{0x26, 0x20, 0, 0x4F, 0x80, 0x00}, 48, true},                     // 2620:4f:8000::/48 AS112 delegation, RFC 7534
    {{0x3F, 0xFF}, 20, false},                                         // 3fff::/20 documentation, RFC 9637
    {{0x5F, 0x00}, 16, false},                                         // 5f00::/16 segment routing SIDs, RFC 9602
    {{0xFC, 0x00}, 7, false},                                          // fc00::/7 unique local, RFC 4193
    {{0xFE, 0x80}, 10, false},                                         // fe80::/10 link-local unicast, RFC 4291
};
// clang-format on

// True when the first `length` bits of a and b agree.
constexpr bool same_prefix(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                           unsigned length) noexcept {
    unsigned i = 0;
    for (; length >= 8; length -= 8, ++i)
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < 16 while length <= 128, as every registry row is
        if (a[i] != b[i]) return false;
    if (length == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xFFU << (8 - length));
    // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < 16: here length was below 128 and is now 1..7
    return (a[i] & mask) == (b[i] & mask);
}

constexpr bool same_prefix(std::uint32_t a, std::uint32_t b, unsigned length) noexcept {
    return length == 0 || ((a ^ b) >> (32 - length)) == 0;
}

// The most specific row decides, so exceptions inside a block (192.0.0.9/32
// inside 192.0.0.0/24) answer for themselves. No row: reachable.
template <class Row, std::size_t N, class Address>
constexpr bool globally_reachable(const Row (&rows)[N], const Address& address) noexcept {
    int best_length = -1;
    bool reachable = true;
    for (const Row& row : rows) {
        if (row.length > best_length && same_prefix(address, row.network, row.length)) {
            best_length = row.length;
            reachable = row.globally_reachable;
        }
    }
    return reachable;
}

} // namespace ipwire::detail
