// Inclusive address ranges [first, last] of one family (issue 14):
// "10.0.0.1-10.0.0.9", their minimal covering prefixes (RFC 4632 section
// 3.1), and iteration over every address. Nothing here allocates.
#pragma once

#include <charconv>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ipwire/detail/address_number.hpp"
#include "ipwire/detail/expects.hpp"
#include "ipwire/detail/prefix_algebra.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_value.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire {

// One family's addresses from first to last; use the aliases ipv4_range,
// ipv6_range and ip_range (either family, both ends the same). Zones are
// dropped, as in prefixes. Ordered by first, then last. The default value is
// the one address 0.0.0.0 (IPv4, ip_range) or :: (IPv6).
template <class Address>
class address_range {
    using number = detail::address_number<Address>;

public:
    using address_type = Address;
    using prefix_type = typename number::prefix_type;
    // "first-last", both without zone.
    static constexpr std::size_t max_string_length = 2 * number::text_length + 1;

    constexpr address_range() noexcept = default;
    constexpr explicit address_range(const Address& single) noexcept : first_(without_zone(single)), last_(first_) {}
    // Precondition: first <= last, of one family. Otherwise it does not compile
    // in a constant expression and aborts at run time; nothing is swapped.
    // For ends that may be reversed, use from().
    constexpr address_range(const Address& first, const Address& last) noexcept
        : first_(without_zone(first)), last_(without_zone(last)) {
        detail::expects(number::width(first) == number::width(last), "address_range: ends of two families");
        detail::expects(number::of(first) <= number::of(last), "address_range: first above last");
    }
    // The range, errc::address_family_mismatch for ends of two families,
    // errc::reversed_address_range when first > last.
    [[nodiscard]] static constexpr result<address_range> from(const Address& first, const Address& last) noexcept {
        if (number::width(first) != number::width(last)) return errc::address_family_mismatch;
        if (number::of(last) < number::of(first)) return errc::reversed_address_range;
        return address_range(first, last);
    }
    // cppcheck-suppress noExplicitConstructor ; implicit by design: a prefix is a range, losslessly
    constexpr address_range(const prefix_type& p) noexcept // NOLINT(google-explicit-constructor)
        : first_(p.network()), last_(p.last_address()) {}
    // ip_range from either family's range, as ip_address from its families.
    template <class A>
    requires(std::same_as<Address, ip_address> && !std::same_as<A, ip_address>)
        // cppcheck-suppress noExplicitConstructor ; as above
        constexpr address_range(const address_range<A>& r) noexcept // NOLINT(google-explicit-constructor)
        : first_(r.first()), last_(r.last()) {}

    [[nodiscard]] constexpr Address first() const noexcept { return first_; }
    [[nodiscard]] constexpr Address last() const noexcept { return last_; }

    // Families never mix (an IPv4 range holds no ::ffff:a.b.c.d); zones are ignored.
    [[nodiscard]] constexpr bool contains(const Address& a) const noexcept {
        if (number::width(a) != width()) return false;
        const auto n = number::of(a);
        return number::of(first_) <= n && n <= number::of(last_);
    }
    [[nodiscard]] constexpr bool contains(const address_range& r) const noexcept {
        return r.width() == width() && number::of(first_) <= number::of(r.first_) &&
               number::of(r.last_) <= number::of(last_);
    }
    [[nodiscard]] constexpr bool overlaps(const address_range& r) const noexcept {
        return r.width() == width() && number::of(first_) <= number::of(r.last_) &&
               number::of(r.first_) <= number::of(last_);
    }

    // How many addresses; UINT64_MAX for 2^64 or more (IPv6). size_log2()
    // of a prefix is exact; a range's size need not be a power of two.
    [[nodiscard]] constexpr std::uint64_t size() const noexcept {
        const auto span = detail::subtract(number::of(last_), number::of(first_));
        return span == detail::uint128_max ? detail::saturate64(span) : detail::saturate64(detail::succ(span));
    }

    // Every address, first to last, lazily. (The range itself has no
    // begin()/end(): it is one value, and {fmt} would print it as a list.)
    [[nodiscard]] constexpr detail::address_view<Address> addresses() const noexcept { return {first_, last_}; }

    // The fewest prefixes whose union is exactly this range, ascending (RFC
    // 4632 section 3.1): at most 2 * (width - 1), computed as iterated.
    [[nodiscard]] constexpr detail::prefix_cover<prefix_type> prefixes() const noexcept {
        detail::prefix_cover<prefix_type> cover;
        cover.push(number::of(first_), number::of(last_), width());
        return cover;
    }

    // "first-last": two addresses as their own parse takes them, no zone, one
    // '-' and no spaces. A lone address is errc::missing_range_separator;
    // errc::reversed_address_range when first > last; for ip_range,
    // errc::address_family_mismatch for "10.0.0.1-::1".
    [[nodiscard]] static constexpr result<address_range> parse(std::string_view text) noexcept {
        return detail::parse_whole<address_range>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<address_range> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<address_range>(text);
    }
    [[nodiscard]] static constexpr result<address_range> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<address_range>(text);
    }
    [[nodiscard]] static constexpr result<address_range> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<address_range>(text);
    }
    [[nodiscard]] static constexpr result<address_range> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<address_range>(text);
    }
    // The composable rule: reads "first-last" at `it`.
    [[nodiscard]] static constexpr result<address_range> parse_prefix(const char*& it, const char* end) noexcept {
        auto first = read_end(it, end);
        if (!first) return first.error();
        if (it == end) return errc::missing_range_separator;
        if (*it != '-') return errc::trailing_characters;
        ++it;
        auto last = read_end(it, end);
        if (!last) return last.error();
        return from(*first, *last);
    }

    // Nothing is written unless the whole text fits.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[2 * Address::max_string_length + 1] = {};
        char* end = first_.to_chars(buffer, buffer + Address::max_string_length).ptr;
        *end++ = '-';
        end = last_.to_chars(end, end + Address::max_string_length).ptr;
        return detail::copy_if_fits(first, last, buffer, end);
    }
    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr bool operator==(const address_range&, const address_range&) noexcept = default;
    friend constexpr auto operator<=>(const address_range& a, const address_range& b) noexcept {
        if (const auto c = a.first_ <=> b.first_; c != 0) return c;
        return a.last_ <=> b.last_;
    }

private:
    [[nodiscard]] constexpr unsigned width() const noexcept { return number::width(first_); }
    static constexpr Address without_zone(const Address& a) noexcept {
        if constexpr (std::same_as<Address, ipv4_address>)
            return a;
        else if constexpr (std::same_as<Address, ipv6_address>)
            return a.without_zone();
        else
            return a.is_v4() ? a : ip_address(a.v6().without_zone());
    }
    static constexpr result<Address> read_end(const char*& it, const char* end) noexcept {
        auto a = Address::parse_prefix(it, end);
        if (!a) return a.error();
        if constexpr (!std::same_as<Address, ipv4_address>)
            if (!a->zone().empty()) return errc::zone_not_allowed;
        return a;
    }

    Address first_{};
    Address last_{};
};

using ipv4_range = address_range<ipv4_address>;
using ipv6_range = address_range<ipv6_address>;
using ip_range = address_range<ip_address>;

namespace detail {
template <class A>
inline constexpr bool is_text_value<address_range<A>> = true;
} // namespace detail

} // namespace ipwire

template <class Address>
struct std::hash<ipwire::address_range<Address>> {
    std::size_t operator()(const ipwire::address_range<Address>& r) const noexcept {
        return std::hash<Address>{}(r.first()) * 31U ^ std::hash<Address>{}(r.last());
    }
};
