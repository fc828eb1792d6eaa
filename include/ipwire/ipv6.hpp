// IPv6 addresses (RFC 4291) with an optional zone (RFC 4007 section 11): strict
// text per RFC 4291 section 2.2, canonical RFC 5952 output, and classification
// by the IANA IPv6 Special-Purpose Address Registry (RFC 6890).
#pragma once

#include <array>
#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "ipwire/detail/address_math.hpp"
#include "ipwire/detail/special_purpose.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_ipv6.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ipv4.hpp"

namespace ipwire {

// The scope field of a multicast address (RFC 4291 section 2.7, RFC 7346).
// Values 6, 7 and 9-13 are unassigned and arrive as themselves.
enum class multicast_scope : std::uint8_t {
    reserved = 0,
    interface_local = 1,
    link_local = 2,
    realm_local = 3,
    admin_local = 4,
    site_local = 5,
    organization_local = 8,
    global = 14,
    reserved_15 = 15,
};

// "link-local", "global", ...; "unassigned" for the unnamed values.
[[nodiscard]] constexpr std::string_view to_string(multicast_scope s) noexcept {
    switch (s) {
    case multicast_scope::reserved: return "reserved";
    case multicast_scope::interface_local: return "interface-local";
    case multicast_scope::link_local: return "link-local";
    case multicast_scope::realm_local: return "realm-local";
    case multicast_scope::admin_local: return "admin-local";
    case multicast_scope::site_local: return "site-local";
    case multicast_scope::organization_local: return "organization-local";
    case multicast_scope::global: return "global";
    case multicast_scope::reserved_15: return "reserved";
    }
    return "unassigned";
}

// How to_chars writes an address: RFC 5952 canonical by default; `expanded`
// writes all eight groups with four digits and no "::" or dotted tail.
struct ipv6_text_style {
    bool expanded = false;
    bool upper_case = false;
};

// What a Teredo address carries (RFC 4380 section 4): the server's IPv4
// address, the flags, and the client's mapped port and public IPv4 address
// (stored inverted on the wire, given here as they are).
struct teredo_parts {
    ipv4_address server;
    ipv4_address client;
    std::uint16_t port = 0;
    std::uint16_t flags = 0;
    friend constexpr bool operator==(const teredo_parts&, const teredo_parts&) noexcept = default;
};

// Sixteen bytes in network order and a zone of at most 15 characters kept
// inline, so the type stays trivially copyable and 32 bytes. The default value
// is "::". Ordered by the 128-bit number, then by zone text (no zone first).
class ipv6_address {
public:
    using bytes_type = std::array<std::uint8_t, 16>;
    static constexpr std::size_t max_zone_length = 15; // IFNAMSIZ - 1 on Linux
    // "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%" + zone; the expanded form is as long.
    static constexpr std::size_t max_string_length = 39 + 1 + max_zone_length;

    constexpr ipv6_address() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design (API.md): the sixteen bytes are the address, nothing to misread
    constexpr ipv6_address(const bytes_type& bytes) noexcept : bytes_(bytes) {} // NOLINT(google-explicit-constructor)

    // From eight 16-bit groups, as written: from_groups({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}).
    [[nodiscard]] static constexpr ipv6_address from_groups(const std::array<std::uint16_t, 8>& groups) noexcept {
        bytes_type bytes{};
        for (std::size_t i = 0; i < 8; ++i) {
            // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): i < 8, so 2 * i + 1 < 16
            bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8U);
            bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i]);
            // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        }
        return ipv6_address(bytes);
    }
    // ::ffff:a.b.c.d (RFC 4291 section 2.5.5.2).
    [[nodiscard]] static constexpr ipv6_address v4_mapped(const ipv4_address& v4) noexcept {
#if IPWIRE_TEXT_FAST
        if (!std::is_constant_evaluated()) {
            // One 16-byte store: ip_address keeps every IPv4 address this way.
            bytes_type bytes;
            detail::store_be128(bytes, 0, 0xFFFF00000000ULL | v4.to_uint32());
            return ipv6_address(bytes);
        }
#endif
        bytes_type bytes{};
        bytes[10] = bytes[11] = 0xFF;
        for (std::size_t i = 0; i < 4; ++i) bytes[12 + i] = v4.to_bytes()[i];
        return ipv6_address(bytes);
    }
    [[nodiscard]] static constexpr ipv6_address any() noexcept { return {}; }
    [[nodiscard]] static constexpr ipv6_address loopback() noexcept {
        bytes_type bytes{};
        bytes[15] = 1;
        return ipv6_address(bytes);
    }

    [[nodiscard]] constexpr const bytes_type& to_bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr std::uint16_t group(std::size_t i) const noexcept {
        return static_cast<std::uint16_t>(bytes_[2 * i] << 8U | bytes_[2 * i + 1]);
    }

    // The zone as written ("eth0", "25"), empty when there is none.
    [[nodiscard]] constexpr std::string_view zone() const noexcept { return {zone_.data(), zone_size()}; }
    [[nodiscard]] constexpr bool has_zone() const noexcept { return zone_size() != 0; }
    // The same address in another zone: 1-15 unreserved characters (RFC 3986
    // section 2.3), or empty for none.
    [[nodiscard]] constexpr result<ipv6_address> with_zone(std::string_view zone) const noexcept {
        ipv6_address copy(bytes_);
        if (zone.size() > max_zone_length) return errc::zone_too_long;
        for (char c : zone)
            if (!detail::is_unreserved(c)) return errc::bad_zone_character;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < zone.size() <= max_zone_length, checked above
        for (std::size_t i = 0; i < zone.size(); ++i) copy.zone_[i] = zone[i];
        copy.zone_[max_zone_length] = static_cast<char>(zone.size());
        return copy;
    }
    [[nodiscard]] constexpr ipv6_address without_zone() const noexcept { return ipv6_address(bytes_); }

    // RFC 4291 section 2.2: eight groups of 1-4 hex digits, at most one "::"
    // standing for at least one zero group, an optional strict dotted-quad tail
    // as the last 32 bits, an optional "%zone". ASCII only; "%25" is URI
    // syntax (RFC 6874) and is kept as zone text, not decoded.
    [[nodiscard]] static constexpr result<ipv6_address> parse(std::string_view text) noexcept {
        const char* it = text.data();
        const char* end = it + text.size();
        if (it == end) return errc::empty;
        auto address = parse_prefix(it, end);
        if (!address || it == end) return address;
        return address->has_zone() ? errc::bad_zone_character : errc::trailing_characters;
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<ipv6_address> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<ipv6_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv6_address> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<ipv6_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv6_address> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<ipv6_address>(text);
    }
    [[nodiscard]] static constexpr result<ipv6_address> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<ipv6_address>(text);
    }

    // The composable rule: reads an address (and zone) at `it`, advancing past
    // it; stops before the first character that cannot continue it.
    [[nodiscard]] static constexpr result<ipv6_address> parse_prefix(const char*& it, const char* end) noexcept {
        const auto bytes = detail::parse_ipv6(it, end);
        if (!bytes) return bytes.error();
        ipv6_address address(*bytes);
        if (it != end && *it == '%') {
            ++it;
            const char* zone_start = it;
            while (it != end && detail::is_unreserved(*it)) {
                if (it - zone_start == static_cast<std::ptrdiff_t>(max_zone_length)) return errc::zone_too_long;
                ++it;
            }
            if (it == zone_start) return it == end || *it == ']' ? errc::empty_zone : errc::bad_zone_character;
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): the zone loop above stops at max_zone_length characters
            for (std::size_t i = 0; zone_start + i != it; ++i) address.zone_[i] = zone_start[i];
            address.zone_[max_zone_length] = static_cast<char>(it - zone_start);
        }
        return address;
    }

    // RFC 5952 text (or `style`'s); {last, errc::value_too_large} when it does not fit.
    constexpr std::to_chars_result to_chars(char* first, char* last, ipv6_text_style style = {}) const noexcept {
#if IPWIRE_TEXT_FAST
        if (!std::is_constant_evaluated()) {
            char buffer[64];
            char* out = detail::write_ipv6_fast(buffer, bytes_, style.expanded, style.upper_case);
            if (has_zone()) {
                *out++ = '%';
                detail::copy_short(out, zone_.data(), zone_size());
                out += zone_size();
            }
            const auto n = static_cast<std::size_t>(out - buffer);
            if (static_cast<std::size_t>(last - first) < n) return {last, std::errc::value_too_large};
            detail::copy_short(first, buffer, n);
            return {first + n, std::errc{}};
        }
#endif
        char buffer[max_string_length] = {};
        char* out = detail::write_ipv6_scalar(buffer, bytes_, style.expanded, style.upper_case);
        if (has_zone()) {
            *out++ = '%';
            out = detail::copy_chars(out, zone_.data(), zone_size());
        }
        return detail::copy_if_fits(first, last, buffer, out);
    }

    [[nodiscard]] std::string to_string(ipv6_text_style style = {}) const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length, style).ptr};
    }

    // ::ffff:0:0/96 (RFC 4291 section 2.5.5.2).
    [[nodiscard]] constexpr bool is_v4_mapped() const noexcept {
        for (std::size_t i = 0; i < 10; ++i)
            if (bytes_[i] != 0) return false;
        return bytes_[10] == 0xFF && bytes_[11] == 0xFF;
    }
    // The IPv4 address of an IPv4-mapped address, or nothing.
    [[nodiscard]] constexpr std::optional<ipv4_address> to_v4() const noexcept {
        if (!is_v4_mapped()) return std::nullopt;
        return ipv4_address(ipv4_address::bytes_type{bytes_[12], bytes_[13], bytes_[14], bytes_[15]});
    }

    // Arithmetic on the 128-bit number (issue 14); the zone is kept (the
    // neighbour is on the same link), and never wraps: next() of
    // ffff:...:ffff and prev() of :: are empty.
    [[nodiscard]] constexpr std::optional<ipv6_address> next() const noexcept {
        const auto a = advanced(1);
        return a ? std::optional<ipv6_address>(*a) : std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<ipv6_address> prev() const noexcept {
        const auto a = advanced(-1);
        return a ? std::optional<ipv6_address>(*a) : std::nullopt;
    }
    [[nodiscard]] constexpr result<ipv6_address> advanced(std::int64_t n) const noexcept {
        const auto bytes = detail::add_signed(bytes_, n);
        if (!bytes) return errc::address_overflow;
        ipv6_address copy = *this;
        copy.bytes_ = *bytes;
        return copy;
    }
    // b - a, or errc::address_overflow when it is beyond std::int64_t (IPv6
    // distances reach 2^128 - 1: an error, never a silent wrap). Zones are
    // ignored. Found by ADL: call distance(a, b).
    [[nodiscard]] friend constexpr result<std::int64_t> distance(const ipv6_address& a,
                                                                 const ipv6_address& b) noexcept {
        const auto d = detail::difference(a.bytes_, b.bytes_);
        if (!d) return errc::address_overflow;
        return *d;
    }

    // Teredo, 2001::/32 (RFC 4380 section 4), or nothing.
    [[nodiscard]] constexpr std::optional<teredo_parts> teredo() const noexcept {
        if (!in({0x20, 0x01, 0, 0}, 32)) return std::nullopt;
        const auto& b = bytes_;
        return teredo_parts{ipv4_address(ipv4_address::bytes_type{b[4], b[5], b[6], b[7]}),
                            ipv4_address(ipv4_address::bytes_type{
                                static_cast<std::uint8_t>(~b[12]), static_cast<std::uint8_t>(~b[13]),
                                static_cast<std::uint8_t>(~b[14]), static_cast<std::uint8_t>(~b[15])}),
                            static_cast<std::uint16_t>(~group(5)), group(4)};
    }
    // The IPv4 address of a 6to4 address, 2002:V4ADDR::/48 (RFC 3056 section 2), or nothing.
    [[nodiscard]] constexpr std::optional<ipv4_address> sixtofour() const noexcept {
        if (!in({0x20, 0x02}, 16)) return std::nullopt;
        return ipv4_address(ipv4_address::bytes_type{bytes_[2], bytes_[3], bytes_[4], bytes_[5]});
    }

    // The PTR name: 32 nibbles, low-order first, then "ip6.arpa" (RFC 3596
    // section 2.5); the zone is not part of it. All or nothing, as to_chars.
    static constexpr std::size_t reverse_pointer_max_length = detail::reverse_v6_length;
    constexpr std::to_chars_result reverse_pointer_to_chars(char* first, char* last) const noexcept {
        char buffer[reverse_pointer_max_length] = {};
        return detail::copy_if_fits(first, last, buffer, detail::write_reverse_v6(buffer, bytes_));
    }
    [[nodiscard]] std::string reverse_pointer() const {
        char buffer[reverse_pointer_max_length];
        return {buffer, reverse_pointer_to_chars(buffer, buffer + reverse_pointer_max_length).ptr};
    }

    // Classification. An IPv4-mapped address answers as its IPv4 address.
    [[nodiscard]] constexpr bool is_unspecified() const noexcept {
        return mapped(&ipv4_address::is_unspecified, in({}, 128));
    }
    [[nodiscard]] constexpr bool is_loopback() const noexcept {
        return mapped(&ipv4_address::is_loopback, in(loopback().bytes_, 128));
    }
    [[nodiscard]] constexpr bool is_multicast() const noexcept {
        return mapped(&ipv4_address::is_multicast, bytes_[0] == 0xFF); // ff00::/8
    }
    // fe80::/10 link-local unicast (RFC 4291 section 2.5.6).
    [[nodiscard]] constexpr bool is_link_local() const noexcept {
        return mapped(&ipv4_address::is_link_local, in({0xFE, 0x80}, 10));
    }
    [[nodiscard]] constexpr bool is_link_local_multicast() const noexcept {
        return mapped(&ipv4_address::is_link_local_multicast, multicast_scope() == ipwire::multicast_scope::link_local);
    }
    // fc00::/7 unique local (RFC 4193).
    [[nodiscard]] constexpr bool is_private() const noexcept {
        return mapped(&ipv4_address::is_private, in({0xFC}, 7));
    }
    [[nodiscard]] constexpr bool is_unique_local() const noexcept { return !is_v4_mapped() && in({0xFC}, 7); }
    // 2001:db8::/32 (RFC 3849) and 3fff::/20 (RFC 9637).
    [[nodiscard]] constexpr bool is_documentation() const noexcept {
        return mapped(&ipv4_address::is_documentation, in({0x20, 0x01, 0x0D, 0xB8}, 32) || in({0x3F, 0xFF}, 20));
    }
    [[nodiscard]] constexpr bool is_benchmarking() const noexcept { // 2001:2::/48 (RFC 5180)
        return mapped(&ipv4_address::is_benchmarking, in({0x20, 0x01, 0, 2}, 48));
    }
    // The registry's "Globally Reachable" column; multicast is outside that
    // registry and is global when its scope is (RFC 4291 section 2.7).
    [[nodiscard]] constexpr bool is_global() const noexcept {
        if (is_v4_mapped()) return to_v4()->is_global();
        if (bytes_[0] == 0xFF) return multicast_scope() == ipwire::multicast_scope::global;
        return detail::globally_reachable(detail::ipv6_special_registry, bytes_);
    }
    // The scope of a multicast address (ff00::/8), or nothing.
    [[nodiscard]] constexpr std::optional<ipwire::multicast_scope> multicast_scope() const noexcept {
        if (bytes_[0] != 0xFF) return std::nullopt;
        return static_cast<ipwire::multicast_scope>(bytes_[1] & 0x0FU);
    }

    friend constexpr bool operator==(const ipv6_address&, const ipv6_address&) noexcept = default;
    // Written out, not defaulted: libc++ before 17 lacks std::array's <=> (the
    // P1614 part for containers), so a defaulted one is deleted there. Same
    // order as the defaulted one would give: bytes, zone characters, zone size.
    friend constexpr std::strong_ordering operator<=>(const ipv6_address& a, const ipv6_address& b) noexcept {
        const auto compare = [](const auto& x, const auto& y) noexcept -> std::strong_ordering {
            for (std::size_t i = 0; i < x.size(); ++i)
                // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < size, and x, y are one type
                if (x[i] != y[i]) return x[i] <=> y[i];
            return std::strong_ordering::equal;
        };
        if (const auto c = compare(a.bytes_, b.bytes_); c != 0) return c;
        // The zone characters, then (the last element) its length.
        return compare(a.zone_, b.zone_);
    }

private:
    [[nodiscard]] constexpr bool in(const bytes_type& network, unsigned length) const noexcept {
        return detail::same_prefix(bytes_, network, length);
    }
    [[nodiscard]] constexpr bool mapped(bool (ipv4_address::*v4_test)() const noexcept, bool v6_answer) const noexcept {
        return is_v4_mapped() ? ((*to_v4()).*v4_test)() : v6_answer;
    }

    bytes_type bytes_{};
    [[nodiscard]] constexpr std::size_t zone_size() const noexcept {
        return static_cast<unsigned char>(zone_[max_zone_length]);
    }

    // The zone's characters and, in the last element, its length: sixteen
    // bytes zeroed by one store, so an address built at run time is two whole
    // 16-byte halves (no piecewise writes for a copy to stall on). Unused
    // characters stay '\0', so defaulted == and the <=> above hold.
    std::array<char, max_zone_length + 1> zone_{};
};

} // namespace ipwire

template <>
struct std::hash<ipwire::ipv6_address> {
    std::size_t operator()(const ipwire::ipv6_address& a) const noexcept {
        std::size_t h = 0;
        for (auto b : a.to_bytes()) h = h * 1099511628211ULL ^ b;
        return h ^ std::hash<std::string_view>{}(a.zone());
    }
};
