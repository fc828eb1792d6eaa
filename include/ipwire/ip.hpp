// ip_address: an IPv4 or an IPv6 address, for code that takes either (a socket
// peer, a log line, a configuration value). Every IPv4 address orders before
// every IPv6 address; an IPv4-mapped IPv6 address stays IPv6 until unmap().
#pragma once

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"

namespace ipwire {

namespace detail {
// IPv6 when a ':' comes before any '.': "::1", "1:2::", "::ffff:1.2.3.4".
// Valid text shows one within five characters; looking further lets a typo
// such as "12345::" get the IPv6 error (too_many_digits), not an IPv4 one.
// Never looks past the longest address text.
constexpr bool looks_like_v6(const char* it, const char* end) noexcept {
    for (int i = 0; i < 64 && it != end; ++i, ++it) {
        if (*it == ':') return true;
        if (*it == '.') return false;
    }
    return false;
}
} // namespace detail

class ip_address {
public:
    static constexpr std::size_t max_string_length = ipv6_address::max_string_length;

    // 0.0.0.0.
    constexpr ip_address() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design (API.md): lossless widening from either family, as asio::ip::address from address_v4
    constexpr ip_address(const ipv4_address& v4) noexcept // NOLINT(google-explicit-constructor)
        : storage_(ipv6_address::v4_mapped(v4)), is_v4_(true) {}
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr ip_address(const ipv6_address& v6) noexcept
        : storage_(v6), is_v4_(false) {} // NOLINT(google-explicit-constructor)

    [[nodiscard]] constexpr bool is_v4() const noexcept { return is_v4_; }
    [[nodiscard]] constexpr bool is_v6() const noexcept { return !is_v4_; }
    // The IPv4 address; for an IPv6 address, its last 32 bits. Check is_v4() first.
    [[nodiscard]] constexpr ipv4_address v4() const noexcept {
        const auto& b = storage_.to_bytes();
        return ipv4_address(ipv4_address::bytes_type{b[12], b[13], b[14], b[15]});
    }
    // The IPv6 address; for an IPv4 address, its IPv4-mapped form ::ffff:a.b.c.d.
    [[nodiscard]] constexpr ipv6_address v6() const noexcept { return storage_; }
    // An IPv4-mapped IPv6 address becomes the IPv4 address; others are unchanged.
    [[nodiscard]] constexpr ip_address unmap() const noexcept {
        if (!is_v4_ && storage_.is_v4_mapped()) return ip_address(v4());
        return *this;
    }
    [[nodiscard]] constexpr std::string_view zone() const noexcept { return storage_.zone(); }

    // The family is chosen by the first ':' or '.' in the text; each family's
    // parse is then as strict as its own.
    [[nodiscard]] static constexpr result<ip_address> parse(std::string_view text) noexcept {
        const char* it = text.data();
        const char* end = it + text.size();
        if (it == end) return errc::empty;
#if IPWIRE_TEXT_FAST
        // At run time a dotted quad is tried first: text the fast IPv4 parse
        // takes starts with digits and a '.', which is IPv4 by the rule below
        // too, so the answer is the same; anything else costs one refusal.
        if (!std::is_constant_evaluated()) {
            const char* p = it;
            std::uint32_t v4 = 0;
            if (detail::parse_ipv4_fast(p, end, v4) && p == end) return ip_address(ipv4_address(v4));
            // The same for IPv6 without a zone: text the fast IPv6 parse takes
            // whole has a ':' and no '.', so it is IPv6 by the rule below.
            p = it;
            detail::ipv6_bytes v6{};
            if (detail::parse_ipv6_fast(p, end, v6) && p == end) return ip_address(ipv6_address(v6));
        }
#endif
        // Each family's whole-text parse, converted once at the end: no
        // ip_address-sized temporaries copied between the steps.
        if (detail::looks_like_v6(it, end)) {
            const auto v6 = ipv6_address::parse(text);
            if (!v6) return v6.error();
            return ip_address(*v6);
        }
        const auto v4 = ipv4_address::parse(text);
        if (!v4) return v4.error();
        return ip_address(*v4);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<ip_address> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<ip_address>(text);
    }
    [[nodiscard]] static constexpr result<ip_address> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<ip_address>(text);
    }
    [[nodiscard]] static constexpr result<ip_address> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<ip_address>(text);
    }
    [[nodiscard]] static constexpr result<ip_address> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<ip_address>(text);
    }

    // The composable rule: reads an address of either family at `it`.
    [[nodiscard]] static constexpr result<ip_address> parse_prefix(const char*& it, const char* end) noexcept {
#if IPWIRE_TEXT_FAST
        if (!std::is_constant_evaluated()) { // as in parse
            std::uint32_t v4 = 0;
            if (detail::parse_ipv4_fast(it, end, v4)) return ip_address(ipv4_address(v4));
        }
#endif
        if (detail::looks_like_v6(it, end)) {
            auto v6 = ipv6_address::parse_prefix(it, end);
            if (!v6) return v6.error();
            return ip_address(*v6);
        }
        auto v4 = ipv4_address::parse_prefix(it, end);
        if (!v4) return v4.error();
        return ip_address(*v4);
    }

    constexpr std::to_chars_result to_chars(char* first, char* last, ipv6_text_style style = {}) const noexcept {
        return is_v4_ ? v4().to_chars(first, last) : storage_.to_chars(first, last, style);
    }
    [[nodiscard]] std::string to_string(ipv6_text_style style = {}) const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length, style).ptr};
    }

    // Arithmetic within the family (issue 14): families never mix, so next()
    // of 255.255.255.255 is empty (not ::), as is prev() of 0.0.0.0 and of ::.
    [[nodiscard]] constexpr std::optional<ip_address> next() const noexcept {
        const auto a = advanced(1);
        return a ? std::optional<ip_address>(*a) : std::nullopt;
    }
    [[nodiscard]] constexpr std::optional<ip_address> prev() const noexcept {
        const auto a = advanced(-1);
        return a ? std::optional<ip_address>(*a) : std::nullopt;
    }
    [[nodiscard]] constexpr result<ip_address> advanced(std::int64_t n) const noexcept {
        if (is_v4_) {
            const auto a = v4().advanced(n);
            return a ? result<ip_address>(*a) : result<ip_address>(a.error());
        }
        const auto a = storage_.advanced(n);
        return a ? result<ip_address>(*a) : result<ip_address>(a.error());
    }
    // b - a within one family; errc::address_family_mismatch across families,
    // errc::address_overflow for an IPv6 distance beyond std::int64_t.
    [[nodiscard]] friend constexpr result<std::int64_t> distance(const ip_address& a, const ip_address& b) noexcept {
        if (a.is_v4_ != b.is_v4_) return errc::address_family_mismatch;
        if (a.is_v4_) return distance(a.v4(), b.v4());
        return distance(a.storage_, b.storage_);
    }

    // The PTR name of the address's own family: in-addr.arpa for IPv4, ip6.arpa for IPv6.
    static constexpr std::size_t reverse_pointer_max_length = ipv6_address::reverse_pointer_max_length;
    constexpr std::to_chars_result reverse_pointer_to_chars(char* first, char* last) const noexcept {
        return is_v4_ ? v4().reverse_pointer_to_chars(first, last) : storage_.reverse_pointer_to_chars(first, last);
    }
    [[nodiscard]] std::string reverse_pointer() const {
        char buffer[reverse_pointer_max_length];
        return {buffer, reverse_pointer_to_chars(buffer, buffer + reverse_pointer_max_length).ptr};
    }

    // Classification, as the family's own.
    [[nodiscard]] constexpr bool is_unspecified() const noexcept {
        return ask(&ipv4_address::is_unspecified, &ipv6_address::is_unspecified);
    }
    [[nodiscard]] constexpr bool is_loopback() const noexcept {
        return ask(&ipv4_address::is_loopback, &ipv6_address::is_loopback);
    }
    [[nodiscard]] constexpr bool is_multicast() const noexcept {
        return ask(&ipv4_address::is_multicast, &ipv6_address::is_multicast);
    }
    [[nodiscard]] constexpr bool is_link_local() const noexcept {
        return ask(&ipv4_address::is_link_local, &ipv6_address::is_link_local);
    }
    [[nodiscard]] constexpr bool is_link_local_multicast() const noexcept {
        return ask(&ipv4_address::is_link_local_multicast, &ipv6_address::is_link_local_multicast);
    }
    [[nodiscard]] constexpr bool is_private() const noexcept {
        return ask(&ipv4_address::is_private, &ipv6_address::is_private);
    }
    [[nodiscard]] constexpr bool is_global() const noexcept {
        return ask(&ipv4_address::is_global, &ipv6_address::is_global);
    }
    [[nodiscard]] constexpr bool is_documentation() const noexcept {
        return ask(&ipv4_address::is_documentation, &ipv6_address::is_documentation);
    }
    [[nodiscard]] constexpr bool is_benchmarking() const noexcept {
        return ask(&ipv4_address::is_benchmarking, &ipv6_address::is_benchmarking);
    }

    friend constexpr bool operator==(const ip_address&, const ip_address&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const ip_address& a, const ip_address& b) noexcept {
        if (a.is_v4_ != b.is_v4_) return a.is_v4_ ? std::strong_ordering::less : std::strong_ordering::greater;
        return a.storage_ <=> b.storage_;
    }

private:
    using v4_test = bool (ipv4_address::*)() const noexcept;
    using v6_test = bool (ipv6_address::*)() const noexcept;
    [[nodiscard]] constexpr bool ask(v4_test t4, v6_test t6) const noexcept {
        return is_v4_ ? (v4().*t4)() : (storage_.*t6)();
    }

    // An IPv4 address is kept in its mapped form, so one comparison serves both.
    ipv6_address storage_ = ipv6_address::v4_mapped({});
    bool is_v4_ = true;
};

} // namespace ipwire

template <>
struct std::hash<ipwire::ip_address> {
    std::size_t operator()(const ipwire::ip_address& a) const noexcept {
        return std::hash<ipwire::ipv6_address>{}(a.v6()) ^ static_cast<std::size_t>(a.is_v4());
    }
};
