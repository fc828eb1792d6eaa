// MAC addresses (IEEE 802 EUI-48, IEEE Std 802-2014 section 8): strict text in
// the IEEE 802 form, six hex pairs joined all by ':' or all by '-', lower-case
// ':' output, and the two flag bits of the first octet (I/G and U/L).
#pragma once

#include <array>
#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ipwire/detail/text.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"

namespace ipwire {

// Six bytes in transmission order (the first byte is the one whose low bit is
// the I/G bit). The default value is 00:00:00:00:00:00. Ordered as the 48-bit
// number, which is the byte-wise order.
class mac_address {
public:
    using bytes_type = std::array<std::uint8_t, 6>;
    static constexpr std::size_t max_string_length = 17; // "ff:ff:ff:ff:ff:ff"

    constexpr mac_address() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design: the six bytes are the address, nothing to misread
    constexpr mac_address(const bytes_type& bytes) noexcept : bytes_(bytes) {} // NOLINT(google-explicit-constructor)
    // From the low 48 bits of a number: mac_address(0x00005E005301) is
    // 00:00:5e:00:53:01. Higher bits are ignored.
    constexpr explicit mac_address(std::uint64_t value) noexcept
        : bytes_{static_cast<std::uint8_t>(value >> 40U), static_cast<std::uint8_t>(value >> 32U),
                 static_cast<std::uint8_t>(value >> 24U), static_cast<std::uint8_t>(value >> 16U),
                 static_cast<std::uint8_t>(value >> 8U),  static_cast<std::uint8_t>(value)} {}

    [[nodiscard]] constexpr const bytes_type& to_bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr std::uint64_t to_uint64() const noexcept {
        std::uint64_t value = 0;
        for (const std::uint8_t b : bytes_) value = value << 8U | b;
        return value;
    }

    [[nodiscard]] static constexpr mac_address broadcast() noexcept { return mac_address(0xFFFFFFFFFFFFULL); }

    // Exactly six pairs of hex digits (either case), separated all by ':' or
    // all by '-': "00:00:5e:00:53:01", "00-00-5E-00-53-01". Each refusal names
    // what to fix:
    //   empty               ""
    //   bad_mac_group       a group of one digit or of three or more: "0:0:5e:0:53:1",
    //                       "00::5e:00:53:01", Cisco "0000.5e00.5301", bare "00005e005301"
    //   bad_mac_separator   where a separator belongs, neither ':' nor '-'
    //                       ("00.00.5e.00.53.01"), or the other one ("00:00-5e...")
    //   too_few_mac_groups  the text ends before the sixth group ("00:00:5e:00:53")
    //   too_many_mac_groups the separator again after the sixth group (EUI-64)
    //   unexpected_character a non-hex character where a digit belongs ("00:00:5g:...")
    //   trailing_characters after a whole address
    [[nodiscard]] static constexpr result<mac_address> parse(std::string_view text) noexcept {
        return detail::parse_whole<mac_address>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<mac_address> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<mac_address>(text);
    }
    [[nodiscard]] static constexpr result<mac_address> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<mac_address>(text);
    }
    [[nodiscard]] static constexpr result<mac_address> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<mac_address>(text);
    }
    [[nodiscard]] static constexpr result<mac_address> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<mac_address>(text);
    }

    // The composable rule: reads an address at `it` and advances past it,
    // leaving what follows. A third hex digit after the last pair
    // (bad_mac_group), or the separator again (too_many_mac_groups), is an
    // error rather than a leftover: no valid text continues a MAC address that
    // way. Reads at most 18 characters.
    [[nodiscard]] static constexpr result<mac_address> parse_prefix(const char*& it, const char* end) noexcept {
        if (it == end) return errc::empty;
        bytes_type bytes{};
        char separator = 0;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i != 0) {
                if (it == end) return errc::too_few_mac_groups;
                if (detail::hex_value(*it) >= 0) return errc::bad_mac_group; // a third digit
                if (i == 1) {
                    if (*it != ':' && *it != '-') return errc::bad_mac_separator;
                    separator = *it;
                } else if (*it != separator) {
                    return errc::bad_mac_separator;
                }
                ++it;
            }
            const auto digit = [&it, end](bool first) -> errc {
                if (it == end) return first ? errc::too_few_mac_groups : errc::bad_mac_group;
                if (detail::hex_value(*it) >= 0) return errc{};
                // A separator where a digit belongs: the group is short ("0:", "::").
                if (*it == ':' || *it == '-') return errc::bad_mac_group;
                return errc::unexpected_character;
            };
            if (const errc e = digit(true); e != errc{}) return e;
            const int high = detail::hex_value(*it++);
            if (const errc e = digit(false); e != errc{}) return e;
            const int low = detail::hex_value(*it++);
            bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
        }
        if (it != end && detail::hex_value(*it) >= 0) return errc::bad_mac_group;
        if (it != end && *it == separator) return errc::too_many_mac_groups;
        return mac_address(bytes);
    }

    // Lower-case pairs joined by ':'; {last, errc::value_too_large} when it does
    // not fit.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[max_string_length] = {};
        char* out = buffer;
        for (std::size_t i = 0; i < bytes_.size(); ++i) {
            if (i != 0) *out++ = ':';
            *out++ = detail::hex_char(static_cast<unsigned>(bytes_[i] >> 4U), false);
            *out++ = detail::hex_char(static_cast<unsigned>(bytes_[i] & 0xFU), false);
        }
        return detail::copy_if_fits(first, last, buffer, out);
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    // IEEE Std 802-2014 section 8.2: the low bit of the first octet is I/G
    // (1 = group address), the next bit U/L (1 = locally administered).
    [[nodiscard]] constexpr bool is_broadcast() const noexcept { return to_uint64() == 0xFFFFFFFFFFFFULL; }
    // Group addresses, broadcast included.
    [[nodiscard]] constexpr bool is_multicast() const noexcept { return (bytes_[0] & 0x01U) != 0; }
    [[nodiscard]] constexpr bool is_unicast() const noexcept { return !is_multicast(); }
    // Assigned by a network administrator (or randomised), not from an OUI.
    [[nodiscard]] constexpr bool is_locally_administered() const noexcept { return (bytes_[0] & 0x02U) != 0; }
    [[nodiscard]] constexpr bool is_universal() const noexcept { return !is_locally_administered(); }

    friend constexpr bool operator==(const mac_address&, const mac_address&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const mac_address& a, const mac_address& b) noexcept {
        return a.to_uint64() <=> b.to_uint64();
    }

private:
    bytes_type bytes_{};
};

} // namespace ipwire

template <>
struct std::hash<ipwire::mac_address> {
    std::size_t operator()(const ipwire::mac_address& a) const noexcept {
        return std::hash<std::uint64_t>{}(a.to_uint64());
    }
};
