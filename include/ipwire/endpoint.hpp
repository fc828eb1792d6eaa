// endpoint: an IP address and a port, the socket address of the transport
// layer. Text is "192.0.2.1:80" or "[2001:db8::1]:443" (RFC 3986 section 3.2.2
// brackets, RFC 5952 section 6), with "[fe80::1%eth0]:22" for a zone.
#pragma once

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/port.hpp"

namespace ipwire {

// The member function port() hides the type inside this class, so the type is
// always written ipwire::port here.
class endpoint {
public:
    // "[" address "%" zone "]:" port
    static constexpr std::size_t max_string_length =
        1 + ipv6_address::max_string_length + 2 + ipwire::port::max_string_length;

    // 0.0.0.0:0.
    constexpr endpoint() noexcept = default;
    constexpr endpoint(const ip_address& address, ipwire::port port) noexcept : address_(address), port_(port) {}

    [[nodiscard]] constexpr ip_address address() const noexcept { return address_; }
    [[nodiscard]] constexpr ipwire::port port() const noexcept { return port_; }
    [[nodiscard]] constexpr endpoint with_address(const ip_address& address) const noexcept { return {address, port_}; }
    [[nodiscard]] constexpr endpoint with_port(ipwire::port port) const noexcept { return {address_, port}; }
    // The same endpoint with an IPv4-mapped address as IPv4.
    [[nodiscard]] constexpr endpoint unmap() const noexcept { return {address_.unmap(), port_}; }

    // IPv6 in brackets and IPv4 without; the port is required. An IPv4-mapped
    // address stays IPv6: parsing never unmaps.
    [[nodiscard]] static constexpr result<endpoint> parse(std::string_view text) noexcept {
        return detail::parse_whole<endpoint>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<endpoint> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<endpoint>(text);
    }
    [[nodiscard]] static constexpr result<endpoint> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<endpoint>(text);
    }
    [[nodiscard]] static constexpr result<endpoint> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<endpoint>(text);
    }
    [[nodiscard]] static constexpr result<endpoint> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<endpoint>(text);
    }

private:
    // ":" port after the address; the endpoint is made once, at the end.
    // (Plain overloads defined before their use: clang will not constant-
    // evaluate a member template defined later in the class.)
    static constexpr result<endpoint> with_port(const ip_address& address, const char*& it, const char* end) noexcept {
        if (it == end) return errc::missing_port;
        if (*it != ':') return errc::unexpected_character;
        ++it;
        const auto p = ipwire::port::parse_prefix(it, end);
        if (!p) return p.error() == errc::empty ? errc::missing_port : p.error();
        return endpoint(address, *p);
    }

public:
    // The composable rule: reads an endpoint at `it`.
    [[nodiscard]] static constexpr result<endpoint> parse_prefix(const char*& it, const char* end) noexcept {
        if (it == end) return errc::empty;
        if (*it == '[') {
            ++it;
            // No IPv6 text begins with a whole dotted quad, so one here is IPv4
            // in brackets whatever follows it ("[1.2.3.4]", "[1.2.3.4", "[1.2.3.4%eth0]").
            const char* probe = it;
            if (ipv4_address::parse_prefix(probe, end)) return errc::ipv4_in_brackets;
            const auto v6 = ipv6_address::parse_prefix(it, end);
            if (!v6) return v6.error();
            if (it == end) return errc::missing_bracket;
            if (*it != ']') return v6->has_zone() ? errc::bad_zone_character : errc::unexpected_character;
            ++it;
            return with_port(ip_address(*v6), it, end);
        }
        const char* start = it;
        const auto v4 = ipv4_address::parse_prefix(it, end);
        if (!v4) return has_two_colons(start, end) ? errc::ipv6_needs_brackets : v4.error();
        if (it != end && *it == '%') return errc::zone_not_allowed;
        return with_port(ip_address(*v4), it, end);
    }

    constexpr std::to_chars_result to_chars(char* first, char* last, ipv6_text_style style = {}) const noexcept {
        char buffer[max_string_length] = {};
        char* out = buffer;
        if (address_.is_v6()) *out++ = '[';
        out = address_.to_chars(out, buffer + max_string_length, style).ptr;
        if (address_.is_v6()) *out++ = ']';
        *out++ = ':';
        out = port_.to_chars(out, buffer + max_string_length).ptr;
        return detail::copy_if_fits(first, last, buffer, out);
    }

    [[nodiscard]] std::string to_string(ipv6_text_style style = {}) const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length, style).ptr};
    }

    friend constexpr bool operator==(const endpoint&, const endpoint&) noexcept = default;
    friend constexpr auto operator<=>(const endpoint&, const endpoint&) noexcept = default;

private:
    // "::1:80" or "2001:db8::1:443": IPv6 text given a port without brackets.
    // Looks at most at the longest address text and port.
    static constexpr bool has_two_colons(const char* it, const char* end) noexcept {
        int colons = 0;
        for (std::size_t i = 0; it != end && i < max_string_length; ++i, ++it)
            if (*it == ':' && ++colons == 2) return true;
        return false;
    }

    ip_address address_{};
    ipwire::port port_{};
};

} // namespace ipwire

template <>
struct std::hash<ipwire::endpoint> {
    std::size_t operator()(const ipwire::endpoint& e) const noexcept {
        return std::hash<ipwire::ip_address>{}(e.address()) * 65599U + e.port().value();
    }
};
