// IPv4 addresses (RFC 791): strict dotted-decimal text (the inet_pton form, RFC
// 6943 section 3.1.1), formatting into a caller's buffer, and classification by
// the IANA IPv4 Special-Purpose Address Registry (RFC 6890).
#pragma once

#include <array>
#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ipwire/detail/address_math.hpp"
#include "ipwire/detail/special_purpose.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_ipv4.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"

namespace ipwire {

// Four bytes in network order. The default value is 0.0.0.0. Ordered as the
// 32-bit number it is.
class ipv4_address {
public:
    using bytes_type = std::array<std::uint8_t, 4>;
    static constexpr std::size_t max_string_length = 15; // "255.255.255.255"

    constexpr ipv4_address() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design (API.md): the four bytes are the address in network order; only the uint32_t constructor, whose byte order could be misread, is explicit
    constexpr ipv4_address(const bytes_type& bytes) noexcept : bytes_(bytes) {} // NOLINT(google-explicit-constructor)
    // From the number in host order: ipv4_address(0xC0000201) is 192.0.2.1.
    constexpr explicit ipv4_address(std::uint32_t value) noexcept
        : bytes_{static_cast<std::uint8_t>(value >> 24U), static_cast<std::uint8_t>(value >> 16U),
                 static_cast<std::uint8_t>(value >> 8U), static_cast<std::uint8_t>(value)} {}

    [[nodiscard]] constexpr std::uint32_t to_uint32() const noexcept {
        return static_cast<std::uint32_t>(bytes_[0]) << 24U | static_cast<std::uint32_t>(bytes_[1]) << 16U |
               static_cast<std::uint32_t>(bytes_[2]) << 8U | bytes_[3];
    }
    [[nodiscard]] constexpr const bytes_type& to_bytes() const noexcept { return bytes_; }

    [[nodiscard]] static constexpr ipv4_address any() noexcept { return {}; }
    [[nodiscard]] static constexpr ipv4_address loopback() noexcept { return ipv4_address(0x7F000001U); }
    [[nodiscard]] static constexpr ipv4_address broadcast() noexcept { return ipv4_address(0xFFFFFFFFU); }

    // Exactly four decimal octets 0-255 separated by '.', no leading zeros, no
    // shorthand ("127.1"), no hex or octal, no whitespace, no zone.
    [[nodiscard]] static constexpr result<ipv4_address> parse(std::string_view text) noexcept {
        const char* it = text.data();
        const char* end = it + text.size();
        if (it == end) return errc::empty;
        auto address = parse_prefix(it, end);
        if (!address) return address;
        if (it == end) return address;
        if (*it == '%') return errc::zone_not_allowed;
        return errc::trailing_characters;
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<ipv4_address> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<ipv4_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv4_address> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<ipv4_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv4_address> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<ipv4_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv4_address> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<ipv4_address>(text);
    }

    // The composable rule: reads a dotted quad at `it` and advances past it,
    // leaving whatever follows (a ':' and port, a '/' and length) to the caller.
    [[nodiscard]] static constexpr result<ipv4_address> parse_prefix(const char*& it, const char* end) noexcept {
        const auto value = detail::parse_ipv4(it, end);
        if (!value) return value.error();
        return ipv4_address(*value);
    }

    // Dotted decimal; {last, errc::value_too_large} when it does not fit.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        return detail::ipv4_to_chars(first, last, to_uint32());
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    // Arithmetic on the 32-bit number (issue 14). next() of 255.255.255.255 and
    // prev() of 0.0.0.0 are empty: addresses never wrap.
    [[nodiscard]] constexpr std::optional<ipv4_address> next() const noexcept {
        if (to_uint32() == 0xFFFFFFFFU) return std::nullopt;
        return ipv4_address(to_uint32() + 1U);
    }
    [[nodiscard]] constexpr std::optional<ipv4_address> prev() const noexcept {
        if (to_uint32() == 0) return std::nullopt;
        return ipv4_address(to_uint32() - 1U);
    }
    // The address n further on (n < 0: back), or errc::address_overflow past either end.
    [[nodiscard]] constexpr result<ipv4_address> advanced(std::int64_t n) const noexcept {
        const auto bytes = detail::add_signed(bytes_, n);
        if (!bytes) return errc::address_overflow;
        return ipv4_address(*bytes);
    }
    // b - a as a signed number; every IPv4 distance fits. Found by ADL: call distance(a, b).
    [[nodiscard]] friend constexpr std::int64_t distance(const ipv4_address& a, const ipv4_address& b) noexcept {
        return static_cast<std::int64_t>(b.to_uint32()) - static_cast<std::int64_t>(a.to_uint32());
    }

    // The PTR name, "1.2.0.192.in-addr.arpa" for 192.0.2.1 (RFC 1035 section
    // 3.5); nothing is written unless it fits, as to_chars.
    static constexpr std::size_t reverse_pointer_max_length = detail::reverse_v4_length;
    constexpr std::to_chars_result reverse_pointer_to_chars(char* first, char* last) const noexcept {
        char buffer[reverse_pointer_max_length] = {};
        return detail::copy_if_fits(first, last, buffer, detail::write_reverse_v4(buffer, bytes_));
    }
    [[nodiscard]] std::string reverse_pointer() const {
        char buffer[reverse_pointer_max_length];
        return {buffer, reverse_pointer_to_chars(buffer, buffer + reverse_pointer_max_length).ptr};
    }

    // Classification. Ranges from the IANA registry unless noted.
    [[nodiscard]] constexpr bool is_unspecified() const noexcept { return to_uint32() == 0; }
    [[nodiscard]] constexpr bool is_loopback() const noexcept { return in(0x7F000000, 8); }    // 127/8, RFC 1122
    [[nodiscard]] constexpr bool is_multicast() const noexcept { return in(0xE0000000, 4); }   // 224/4, RFC 5771
    [[nodiscard]] constexpr bool is_link_local() const noexcept { return in(0xA9FE0000, 16); } // 169.254/16, RFC 3927
    // 224.0.0.0/24, the Local Network Control Block (RFC 5771 section 4).
    [[nodiscard]] constexpr bool is_link_local_multicast() const noexcept { return in(0xE0000000, 24); }
    // RFC 1918 private-use blocks only; 100.64.0.0/10 is shared, not private.
    [[nodiscard]] constexpr bool is_private() const noexcept {
        return in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16);
    }
    [[nodiscard]] constexpr bool is_shared() const noexcept { return in(0x64400000, 10); } // RFC 6598 CGN space
    [[nodiscard]] constexpr bool is_documentation() const noexcept {                       // RFC 5737
        return in(0xC0000200, 24) || in(0xC6336400, 24) || in(0xCB007100, 24);
    }
    [[nodiscard]] constexpr bool is_benchmarking() const noexcept { return in(0xC6120000, 15); } // RFC 2544
    [[nodiscard]] constexpr bool is_reserved() const noexcept { return in(0xF0000000, 4); }      // 240/4, RFC 1112
    [[nodiscard]] constexpr bool is_broadcast() const noexcept { return to_uint32() == 0xFFFFFFFFU; }
    // The registry's "Globally Reachable" column. Multicast is outside that
    // registry: the local control block 224.0.0.0/24 (RFC 5771) and the
    // administratively scoped 239.0.0.0/8 (RFC 2365) are not global, the rest is.
    [[nodiscard]] constexpr bool is_global() const noexcept {
        if (is_multicast()) return !is_link_local_multicast() && !in(0xEF000000, 8);
        return detail::globally_reachable(detail::ipv4_special_registry, to_uint32());
    }

    friend constexpr bool operator==(const ipv4_address&, const ipv4_address&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const ipv4_address& a, const ipv4_address& b) noexcept {
        return a.to_uint32() <=> b.to_uint32();
    }

private:
    [[nodiscard]] constexpr bool in(std::uint32_t network, unsigned length) const noexcept {
        return detail::same_prefix(to_uint32(), network, length);
    }

    bytes_type bytes_{};
};

} // namespace ipwire

template <>
struct std::hash<ipwire::ipv4_address> {
    std::size_t operator()(const ipwire::ipv4_address& a) const noexcept {
        return std::hash<std::uint32_t>{}(a.to_uint32());
    }
};
