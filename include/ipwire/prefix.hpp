// CIDR prefixes (RFC 4632 for IPv4, RFC 4291 section 2.3 for IPv6): an address
// and a length. parse keeps host bits ("10.1.2.3/8" is an interface address
// and its network); masked() clears them. The algebra (addresses, hosts,
// subnets, supernet, exclude, collapse) is in detail/prefix_algebra.hpp.
#pragma once

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "ipwire/detail/address_number.hpp"
#include "ipwire/detail/expects.hpp"
#include "ipwire/detail/prefix_algebra.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"

namespace ipwire {

// One family's prefix; use the aliases ipv4_prefix and ipv6_prefix. The address
// never carries a zone. Ordered by address, then length.
template <class Address>
class basic_prefix {
public:
    using address_type = Address;
    static constexpr std::uint8_t max_length = static_cast<std::uint8_t>(8 * sizeof(typename Address::bytes_type));
    // The longest address (no zone), '/' and length: "255.255.255.255/32", "ffff:...:ffff/128".
    static constexpr std::size_t max_string_length = max_length == 32 ? 15 + 3 : 39 + 4;

    constexpr basic_prefix() noexcept = default;
    // Precondition: length <= max_length. A longer one does not compile in a
    // constant expression and aborts at run time (see detail/expects.hpp); it
    // is never clamped. For a length that may be out of range, use from().
    // The address's zone is dropped: a prefix names addresses on every link.
    constexpr basic_prefix(const Address& address, std::uint8_t length) noexcept
        : address_(without_zone(address)), length_(length) {
        detail::expects(length <= max_length, "prefix length above the family's maximum");
    }
    // The prefix, or errc::prefix_length_out_of_range for a length above max_length.
    [[nodiscard]] static constexpr result<basic_prefix> from(const Address& address, std::uint8_t length) noexcept {
        if (length > max_length) return errc::prefix_length_out_of_range;
        return basic_prefix(address, length);
    }

    [[nodiscard]] constexpr Address address() const noexcept { return address_; }
    [[nodiscard]] constexpr std::uint8_t length() const noexcept { return length_; }

    // Host bits cleared: 10.1.2.3/8 -> 10.0.0.0/8.
    [[nodiscard]] constexpr basic_prefix masked() const noexcept { return {network(), length_}; }
    [[nodiscard]] constexpr bool is_masked() const noexcept { return address_ == network(); }
    // The first address (host bits clear) and the last (host bits set).
    [[nodiscard]] constexpr Address network() const noexcept { return combine(address_, 0x00); }
    [[nodiscard]] constexpr Address first_address() const noexcept { return network(); }
    [[nodiscard]] constexpr Address last_address() const noexcept { return combine(address_, 0xFF); }
    // The mask as an address: 255.255.255.0 for /24.
    [[nodiscard]] constexpr Address netmask() const noexcept {
        typename Address::bytes_type bytes{};
        for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = mask_byte(i);
        return Address(bytes);
    }

    // From an address and a netmask ("10.1.2.3", "255.255.255.0" -> 10.1.2.3/24),
    // host bits kept as parse keeps them; errc::bad_netmask unless the mask is
    // ones then zeros (RFC 4632 section 3.1). The mask's zone is ignored.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): address then mask, the order written in every configuration ("10.0.0.1 255.0.0.0")
    [[nodiscard]] static constexpr result<basic_prefix> from_netmask(const Address& address,
                                                                     const Address& mask) noexcept {
        std::uint8_t length = 0;
        bool zeros = false;
        for (const std::uint8_t b : mask.to_bytes()) {
            for (unsigned bit = 8; bit-- > 0;) {
                if (((b >> bit) & 1U) == 0) {
                    zeros = true;
                } else {
                    if (zeros) return errc::bad_netmask;
                    ++length;
                }
            }
        }
        return basic_prefix(address, length);
    }
    // The host bits as an address: 0.0.0.255 for /24 (Cisco's wildcard mask).
    [[nodiscard]] constexpr Address hostmask() const noexcept {
        typename Address::bytes_type bytes{};
        for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(~mask_byte(i));
        return Address(bytes);
    }
    // IPv4 only: the directed broadcast, host bits set (RFC 919, RFC 922); the
    // same value as last_address(). A /31 (RFC 3021) and a /32 have no
    // broadcast in use, but give their last address here, as Python does.
    [[nodiscard]] constexpr Address broadcast() const noexcept requires(max_length == 32) { return last_address(); }

    // Every address from network() to last_address(), lazily.
    [[nodiscard]] constexpr detail::address_view<Address> addresses() const noexcept {
        return {network(), last_address()};
    }
    // The usable hosts, lazily. IPv4: without the network and broadcast
    // addresses, except /31 (both ends usable, RFC 3021) and /32 (the one
    // address), as Python's hosts(). IPv6: every address, since IPv6 has no
    // broadcast; Python's hosts() leaves out the Subnet-Router anycast
    // address (the network, RFC 4291 section 2.6.1), ipwire does not.
    [[nodiscard]] constexpr detail::address_view<Address> hosts() const noexcept {
        if constexpr (max_length == 32) {
            if (length_ < 31) return {*network().next(), *last_address().prev()};
        }
        return addresses();
    }
    // How many addresses: 2^(max_length - length), UINT64_MAX when it is 2^64
    // or more (an IPv6 /64 or shorter); size_log2() is exact.
    [[nodiscard]] constexpr std::uint64_t size() const noexcept {
        return size_log2() >= 64 ? std::numeric_limits<std::uint64_t>::max() : std::uint64_t{1} << size_log2();
    }
    [[nodiscard]] constexpr unsigned size_log2() const noexcept { return max_length - length_; }
    // The 2^(new_length - length) prefixes of new_length inside this one,
    // ascending and lazily. Precondition: length() <= new_length <=
    // max_length (else it does not compile in a constant expression and
    // aborts at run time).
    [[nodiscard]] constexpr detail::subnet_range<basic_prefix> subnets(std::uint8_t new_length) const noexcept {
        detail::expects(length_ <= new_length && new_length <= max_length,
                        "subnets: length outside [length(), max_length]");
        return {number::of(network()), number::of(last_address()), max_length,
                static_cast<unsigned>(max_length - new_length)};
    }
    // The prefix of new_length holding this one, masked: 10.1.2.0/24 -> 10.0.0.0/8;
    // errc::prefix_length_out_of_range when new_length > length().
    [[nodiscard]] constexpr result<basic_prefix> supernet(std::uint8_t new_length) const noexcept {
        if (new_length > length_) return errc::prefix_length_out_of_range;
        return basic_prefix(address_, new_length).masked();
    }

    // Whether the address lies in this prefix; the address's zone is ignored.
    [[nodiscard]] constexpr bool contains(const Address& a) const noexcept {
        const auto& x = a.to_bytes();
        const auto& n = address_.to_bytes();
        for (std::size_t i = 0; i < x.size(); ++i)
            if (((x[i] ^ n[i]) & mask_byte(i)) != 0) return false;
        return true;
    }
    // Whether every address of p lies in this prefix.
    [[nodiscard]] constexpr bool contains(const basic_prefix& p) const noexcept {
        return p.length_ >= length_ && contains(p.address_);
    }
    // Whether the two share any address (for prefixes: one contains the other).
    [[nodiscard]] constexpr bool overlaps(const basic_prefix& p) const noexcept {
        return contains(p) || p.contains(*this);
    }

    // "address/length": the address strict as its own parse, no zone, the
    // length decimal without sign or leading zero.
    [[nodiscard]] static constexpr result<basic_prefix> parse(std::string_view text) noexcept {
        return detail::parse_whole<basic_prefix>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<basic_prefix> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<basic_prefix>(text);
    }
    [[nodiscard]] static constexpr result<basic_prefix> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<basic_prefix>(text);
    }
    [[nodiscard]] static constexpr result<basic_prefix> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<basic_prefix>(text);
    }
    [[nodiscard]] static constexpr result<basic_prefix> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<basic_prefix>(text);
    }

    // The composable rule: reads "address/length" at `it`.
    [[nodiscard]] static constexpr result<basic_prefix> parse_prefix(const char*& it, const char* end) noexcept {
        auto address = Address::parse_prefix(it, end);
        if (!address) return address.error();
        if (zone_of(*address) || (it != end && *it == '%')) return errc::zone_not_allowed;
        if (it == end) return errc::missing_prefix_length;
        if (*it != '/') return errc::trailing_characters;
        ++it;
        // "/255.0.0.0" is a netmask, not a length: say so rather than "too large".
        for (const char* p = it; p != end && p - it < 4; ++p)
            if (*p == '.') return errc::bad_prefix_length;
        auto length = detail::parse_decimal(it, end, max_length, errc::prefix_length_out_of_range);
        if (!length) {
            const errc e = length.error();
            return e == errc::empty || e == errc::unexpected_character ? errc::bad_prefix_length : e;
        }
        return basic_prefix(*address, static_cast<std::uint8_t>(*length));
    }

    // Nothing is written unless the whole text fits: it is built on the stack first.
    // The stack buffer has room for the address type's longest text (a zone
    // included, though a prefix has none) and "/128": g++ 12 at -O2 otherwise
    // warns that '/' may land past it (-Wstringop-overflow, a false positive
    // of the kind GCC's meta-bug 88443 collects).
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[Address::max_string_length + 4] = {};
        char* end = address_.to_chars(buffer, buffer + Address::max_string_length).ptr;
        *end++ = '/';
        end = detail::write_decimal(end, length_);
        return detail::copy_if_fits(first, last, buffer, end);
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr bool operator==(const basic_prefix&, const basic_prefix&) noexcept = default;
    friend constexpr auto operator<=>(const basic_prefix&, const basic_prefix&) noexcept = default;

private:
    using number = detail::address_number<Address>;
    static constexpr Address without_zone(const Address& a) noexcept {
        if constexpr (requires { a.without_zone(); })
            return a.without_zone();
        else
            return a;
    }
    static constexpr bool zone_of(const Address& a) noexcept {
        if constexpr (requires { a.has_zone(); })
            return a.has_zone();
        else
            return false;
    }
    // The netmask's byte i.
    [[nodiscard]] constexpr std::uint8_t mask_byte(std::size_t i) const noexcept {
        const std::size_t bits = i * 8;
        if (length_ >= bits + 8) return 0xFF;
        if (length_ <= bits) return 0x00;
        return static_cast<std::uint8_t>(0xFFU << (8 - (length_ - bits)));
    }
    // The network bits of `a`, and `host` for the host bits.
    [[nodiscard]] constexpr Address combine(const Address& a, std::uint8_t host) const noexcept {
        auto bytes = a.to_bytes();
        for (std::size_t i = 0; i < bytes.size(); ++i)
            bytes[i] = static_cast<std::uint8_t>((bytes[i] & mask_byte(i)) | (host & ~mask_byte(i)));
        return Address(bytes);
    }

    Address address_{};
    std::uint8_t length_ = 0;
};

using ipv4_prefix = basic_prefix<ipv4_address>;
using ipv6_prefix = basic_prefix<ipv6_address>;

// A prefix of either family. The default value is 0.0.0.0/0.
class ip_prefix {
    // Calls f with the prefix as its own family's type.
    template <class F>
    constexpr auto visit(F f) const noexcept {
        return is_v4() ? f(v4()) : f(v6());
    }

public:
    using address_type = ip_address;
    static constexpr std::size_t max_string_length = ipv6_prefix::max_string_length;

    constexpr ip_prefix() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design: lossless widening from either family, as ip_address
    constexpr ip_prefix(const ipv4_prefix& p) noexcept
        : address_(p.address()), length_(p.length()) {} // NOLINT(google-explicit-constructor)
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr ip_prefix(const ipv6_prefix& p) noexcept
        : address_(p.address()), length_(p.length()) {} // NOLINT(google-explicit-constructor)
    // Precondition: length <= 32 for IPv4, <= 128 for IPv6 (as basic_prefix).
    constexpr ip_prefix(const ip_address& a, std::uint8_t length) noexcept
        : ip_prefix(a.is_v4() ? ip_prefix(ipv4_prefix(a.v4(), length)) : ip_prefix(ipv6_prefix(a.v6(), length))) {}
    // The prefix, or errc::prefix_length_out_of_range for a length above the family's maximum.
    [[nodiscard]] static constexpr result<ip_prefix> from(const ip_address& a, std::uint8_t length) noexcept {
        if (length > (a.is_v4() ? ipv4_prefix::max_length : ipv6_prefix::max_length))
            return errc::prefix_length_out_of_range;
        return ip_prefix(a, length);
    }

    [[nodiscard]] constexpr bool is_v4() const noexcept { return address_.is_v4(); }
    [[nodiscard]] constexpr bool is_v6() const noexcept { return address_.is_v6(); }
    [[nodiscard]] constexpr ipv4_prefix v4() const noexcept { return {address_.v4(), length_}; }
    [[nodiscard]] constexpr ipv6_prefix v6() const noexcept { return {address_.v6(), length_}; }
    [[nodiscard]] constexpr ip_address address() const noexcept { return address_; }
    [[nodiscard]] constexpr std::uint8_t length() const noexcept { return length_; }

    [[nodiscard]] constexpr ip_prefix masked() const noexcept {
        return visit([](auto p) { return ip_prefix(p.masked()); });
    }
    [[nodiscard]] constexpr bool is_masked() const noexcept {
        return visit([](auto p) { return p.is_masked(); });
    }
    [[nodiscard]] constexpr ip_address network() const noexcept {
        return visit([](auto p) { return ip_address(p.network()); });
    }
    [[nodiscard]] constexpr ip_address first_address() const noexcept { return network(); }
    [[nodiscard]] constexpr ip_address last_address() const noexcept {
        return visit([](auto p) { return ip_address(p.last_address()); });
    }
    [[nodiscard]] constexpr ip_address netmask() const noexcept {
        return visit([](auto p) { return ip_address(p.netmask()); });
    }

    // As basic_prefix::from_netmask; errc::address_family_mismatch when the
    // address and the mask are of different families.
    [[nodiscard]] static constexpr result<ip_prefix> from_netmask(const ip_address& a,
                                                                  const ip_address& mask) noexcept {
        if (a.is_v4() != mask.is_v4()) return errc::address_family_mismatch;
        if (a.is_v4()) {
            const auto p = ipv4_prefix::from_netmask(a.v4(), mask.v4());
            return p ? result<ip_prefix>(*p) : result<ip_prefix>(p.error());
        }
        const auto p = ipv6_prefix::from_netmask(a.v6(), mask.v6());
        return p ? result<ip_prefix>(*p) : result<ip_prefix>(p.error());
    }
    [[nodiscard]] constexpr ip_address hostmask() const noexcept {
        return visit([](auto p) { return ip_address(p.hostmask()); });
    }

    // As basic_prefix's, for the prefix's family.
    [[nodiscard]] constexpr detail::address_view<ip_address> addresses() const noexcept {
        return {network(), last_address()};
    }
    [[nodiscard]] constexpr detail::address_view<ip_address> hosts() const noexcept {
        return visit([](auto p) {
            const auto h = p.hosts();
            return detail::address_view<ip_address>(h.first(), h.last());
        });
    }
    [[nodiscard]] constexpr std::uint64_t size() const noexcept {
        return visit([](auto p) { return p.size(); });
    }
    [[nodiscard]] constexpr unsigned size_log2() const noexcept {
        return visit([](auto p) { return p.size_log2(); });
    }
    [[nodiscard]] constexpr detail::subnet_range<ip_prefix> subnets(std::uint8_t new_length) const noexcept {
        const unsigned width = is_v4() ? 32U : 128U;
        detail::expects(length_ <= new_length && new_length <= width, "subnets: length outside [length(), max_length]");
        using number = detail::address_number<ip_address>;
        return {number::of(network()), number::of(last_address()), width, width - new_length};
    }
    [[nodiscard]] constexpr result<ip_prefix> supernet(std::uint8_t new_length) const noexcept {
        if (new_length > length_) return errc::prefix_length_out_of_range;
        return ip_prefix(address_, new_length).masked();
    }

    // Families never mix: an IPv4 prefix does not contain ::ffff:a.b.c.d (unmap() it first).
    [[nodiscard]] constexpr bool contains(const ip_address& a) const noexcept {
        if (a.is_v4() != is_v4()) return false;
        return is_v4() ? v4().contains(a.v4()) : v6().contains(a.v6());
    }
    [[nodiscard]] constexpr bool contains(const ip_prefix& p) const noexcept {
        if (p.is_v4() != is_v4()) return false;
        return is_v4() ? v4().contains(p.v4()) : v6().contains(p.v6());
    }
    [[nodiscard]] constexpr bool overlaps(const ip_prefix& p) const noexcept {
        return contains(p) || p.contains(*this);
    }

    [[nodiscard]] static constexpr result<ip_prefix> parse(std::string_view text) noexcept {
        return detail::parse_whole<ip_prefix>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<ip_prefix> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<ip_prefix>(text);
    }
    [[nodiscard]] static constexpr result<ip_prefix> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<ip_prefix>(text);
    }
    [[nodiscard]] static constexpr result<ip_prefix> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<ip_prefix>(text);
    }
    [[nodiscard]] static constexpr result<ip_prefix> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<ip_prefix>(text);
    }

    [[nodiscard]] static constexpr result<ip_prefix> parse_prefix(const char*& it, const char* end) noexcept {
        if (!detail::looks_like_v6(it, end)) {
            auto p = ipv4_prefix::parse_prefix(it, end);
            return p ? result<ip_prefix>(*p) : result<ip_prefix>(p.error());
        }
        auto p = ipv6_prefix::parse_prefix(it, end);
        return p ? result<ip_prefix>(*p) : result<ip_prefix>(p.error());
    }

    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        return visit([&](auto p) { return p.to_chars(first, last); });
    }
    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr bool operator==(const ip_prefix&, const ip_prefix&) noexcept = default;
    friend constexpr auto operator<=>(const ip_prefix&, const ip_prefix&) noexcept = default;

private:
    ip_address address_{};
    std::uint8_t length_ = 0;
};

} // namespace ipwire

template <class Address>
struct std::hash<ipwire::basic_prefix<Address>> {
    std::size_t operator()(const ipwire::basic_prefix<Address>& p) const noexcept {
        return std::hash<Address>{}(p.address()) * 31U + p.length();
    }
};

template <>
struct std::hash<ipwire::ip_prefix> {
    std::size_t operator()(const ipwire::ip_prefix& p) const noexcept {
        return std::hash<ipwire::ip_address>{}(p.address()) * 31U + p.length();
    }
};
