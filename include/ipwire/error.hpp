// ipwire errors: one errc value per fault a user can fix, and result<T>, the
// expected-like return type of every parse. Nothing here allocates; value()
// throws bad_result_access when exceptions are on and aborts otherwise.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define IPWIRE_HAS_EXCEPTIONS 1
#include <exception>
#else
#define IPWIRE_HAS_EXCEPTIONS 0
#include <cstdio>
#include <cstdlib>
#endif

namespace ipwire {

// Named for the input, not for the parser: a user reading one knows what to
// change. Values are stable within a major version; new ones go at the end.
enum class errc : std::uint8_t {
    empty = 1,                  // nothing to parse
    too_long,                   // longer than any valid text of this kind
    unexpected_character,       // a character that cannot appear here
    trailing_characters,        // a valid value followed by more text
    leading_zero,               // "01", "/08", ":080": ambiguous (octal?) so refused
    // IPv4 (RFC 791 dotted decimal, the strict inet_pton form)
    octet_out_of_range,         // a decimal octet above 255
    empty_octet,                // "1..2.3", ".1.2.3", "1.2.3."
    too_few_octets,             // "1.2.3": no shorthand forms
    too_many_octets,            // "1.2.3.4.5"
    // IPv6 (RFC 4291 section 2.2)
    too_many_digits,            // a group of more than four hex digits
    empty_group,                // a single ':' at either end, or ":" where a group belongs
    bad_compression,            // a second "::"
    empty_compression,          // "::" standing for no group at all (eight groups given)
    too_few_groups,             // fewer than eight groups and no "::"
    too_many_groups,            // more than eight groups (an IPv4 tail counts as two)
    ipv4_tail_not_last,         // a dotted quad anywhere but the last 32 bits
    // zones (RFC 4007 section 11)
    empty_zone,                 // "fe80::1%"
    zone_too_long,              // more than 15 characters
    bad_zone_character,         // outside RFC 3986 unreserved
    zone_not_allowed,           // on IPv4, or in a prefix
    // prefixes (RFC 4632)
    missing_prefix_length,      // no '/'
    bad_prefix_length,          // empty or not decimal
    prefix_length_out_of_range, // above 32 or 128
    // ports and endpoints
    port_out_of_range,          // above 65535
    missing_port,               // an endpoint without ":port"
    bad_port_range,             // "80-" or "-80"
    reversed_port_range,        // first above last
    missing_bracket,            // "[::1:80": no closing ']'
    ipv6_needs_brackets,        // "::1:80": an IPv6 endpoint must be written "[::1]:80"
    ipv4_in_brackets,           // "[1.2.3.4]:80": brackets are for IPv6 only (RFC 3986 section 3.2.2)
    // packets (wire views)
    truncated,                  // fewer bytes than the header needs
    bad_header_length,          // a header length field below its minimum or past the data
    bad_data_offset,            // TCP data offset below 5 words or past the segment
    // sockets
    unsupported_family,         // a sockaddr that is neither AF_INET nor AF_INET6
    unknown_interface,          // a zone that names no interface on this host
    // more packets (wire views, decode, capture files)
    bad_version,                // an IP version nibble that is not the view's
    bad_total_length,           // IPv4 total length below the header length
    bad_payload_length,         // IPv6 payload length 0 without a jumbo payload option (RFC 2675)
    bad_option_length,          // an option whose length byte is 0 or 1, or runs past its header
    bad_length,                 // a length field (UDP, a VLAN-tagged or cooked header) below its minimum
    bad_extension_header,       // an IPv6 extension header that is malformed
    too_many_extension_headers, // an extension-header chain longer than the walk allows
    nesting_too_deep,           // tunnels (IP in IP) nested past the decoder's bound
    unsupported_link_type,      // a link type decode does not read
    bad_magic,                  // a capture file that is neither pcap nor pcapng
    bad_block_length,           // a pcapng block length below 12, not a multiple of 4, or past the file
    bad_record_length,          // a pcap record that claims more bytes than the file holds
    unknown_interface_id,       // a pcapng packet naming an interface not described before it
    bad_mac_address,            // MAC text that is not six hex pairs joined by ':' or '-'
};

// A short English message, for logs and the describe example.
[[nodiscard]] constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
    case errc::empty: return "empty input";
    case errc::too_long: return "input too long";
    case errc::unexpected_character: return "unexpected character";
    case errc::trailing_characters: return "unexpected characters after the value";
    case errc::leading_zero: return "leading zero";
    case errc::octet_out_of_range: return "IPv4 octet above 255";
    case errc::empty_octet: return "empty IPv4 octet";
    case errc::too_few_octets: return "fewer than four IPv4 octets";
    case errc::too_many_octets: return "more than four IPv4 octets";
    case errc::too_many_digits: return "IPv6 group of more than four hex digits";
    case errc::empty_group: return "empty IPv6 group";
    case errc::bad_compression: return "more than one '::'";
    case errc::empty_compression: return "'::' stands for no zero group";
    case errc::too_few_groups: return "fewer than eight IPv6 groups";
    case errc::too_many_groups: return "more than eight IPv6 groups";
    case errc::ipv4_tail_not_last: return "embedded IPv4 address not in the last 32 bits";
    case errc::empty_zone: return "empty zone after '%'";
    case errc::zone_too_long: return "zone longer than 15 characters";
    case errc::bad_zone_character: return "zone character outside letters, digits and -._~";
    case errc::zone_not_allowed: return "zone not allowed here";
    case errc::missing_prefix_length: return "missing '/' and prefix length";
    case errc::bad_prefix_length: return "prefix length is not a decimal number";
    case errc::prefix_length_out_of_range: return "prefix length too large";
    case errc::port_out_of_range: return "port above 65535";
    case errc::missing_port: return "missing ':' and port";
    case errc::bad_port_range: return "port range is not 'first-last'";
    case errc::reversed_port_range: return "port range first above last";
    case errc::missing_bracket: return "missing ']' after IPv6 address";
    case errc::ipv6_needs_brackets: return "IPv6 address with a port must be in brackets";
    case errc::ipv4_in_brackets: return "IPv4 address in brackets";
    case errc::truncated: return "truncated";
    case errc::bad_header_length: return "bad header length";
    case errc::bad_data_offset: return "bad TCP data offset";
    case errc::unsupported_family: return "unsupported address family";
    case errc::unknown_interface: return "unknown network interface";
    case errc::bad_version: return "wrong IP version";
    case errc::bad_total_length: return "IPv4 total length below header length";
    case errc::bad_payload_length: return "IPv6 payload length 0 without a jumbo payload option";
    case errc::bad_option_length: return "bad option length";
    case errc::bad_length: return "length field below its minimum";
    case errc::bad_extension_header: return "malformed IPv6 extension header";
    case errc::too_many_extension_headers: return "too many IPv6 extension headers";
    case errc::nesting_too_deep: return "tunnels nested too deep";
    case errc::unsupported_link_type: return "unsupported link type";
    case errc::bad_magic: return "not a pcap or pcapng file";
    case errc::bad_block_length: return "bad pcapng block length";
    case errc::bad_record_length: return "bad pcap record length";
    case errc::unknown_interface_id: return "pcapng packet names an undefined interface";
    case errc::bad_mac_address: return "not a MAC address";
    }
    return "unknown error";
}

namespace detail {
// The highest errc: tests walk 1..last_errc. Move it when adding a value (a
// test checks that the value after it has no message).
inline constexpr errc last_errc = errc::bad_mac_address;
} // namespace detail

#if IPWIRE_HAS_EXCEPTIONS
// Thrown by result<T>::value() on an error.
class bad_result_access : public std::exception {
public:
    explicit bad_result_access(errc e) noexcept : error_(e) {}
    [[nodiscard]] errc error() const noexcept { return error_; }
    [[nodiscard]] const char* what() const noexcept override { return to_string(error_).data(); }

private:
    errc error_;
};
#endif

namespace detail {
[[noreturn]] inline void throw_bad_result_access(errc e) {
#if IPWIRE_HAS_EXCEPTIONS
    throw bad_result_access(e);
#else
    const std::string_view message = to_string(e);
    std::fprintf(stderr, "ipwire: result::value() on an error: %.*s\n", static_cast<int>(message.size()),
                 message.data());
    std::abort();
#endif
}
} // namespace detail

// Either a T or the errc that explains why there is none. Holds trivially
// copyable values only (every ipwire value and view is), which keeps it
// trivially copyable itself and usable in constant expressions on g++ 12 and
// clang 14 (clang before 16 lacks conditionally trivial special members, P0848).
template <class T>
class result {
    static_assert(std::is_trivially_copyable_v<T>, "ipwire::result holds trivially copyable values");
    static_assert(std::is_trivially_destructible_v<T>);

public:
    using value_type = T;

    // cppcheck-suppress noExplicitConstructor ; implicit by design: a parser writes `return value;` or `return errc::x;`, as std::expected converts
    constexpr result(const T& value) noexcept : value_(value), has_value_(true) {} // NOLINT(google-explicit-constructor)
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr result(errc error) noexcept : error_(error), has_value_(false) {}    // NOLINT(google-explicit-constructor)

    [[nodiscard]] constexpr bool has_value() const noexcept { return has_value_; }
    [[nodiscard]] constexpr explicit operator bool() const noexcept { return has_value_; }

    [[nodiscard]] constexpr const T& value() const& {
        if (!has_value_) detail::throw_bad_result_access(error_);
        return value_;
    }
    // By value from a temporary, so `for (port p : port_range::parse(t).value())`
    // does not iterate a destroyed result.
    [[nodiscard]] constexpr T value() && {
        if (!has_value_) detail::throw_bad_result_access(error_);
        return value_;
    }
    // The error; errc{} (no enumerator) when there is a value.
    [[nodiscard]] constexpr errc error() const noexcept { return has_value_ ? errc{} : error_; }

    // Unchecked, like std::optional: only after has_value().
    [[nodiscard]] constexpr const T& operator*() const& noexcept { return value_; }
    [[nodiscard]] constexpr T operator*() && noexcept { return value_; }
    [[nodiscard]] constexpr const T* operator->() const noexcept { return &value_; }

    template <class U>
    [[nodiscard]] constexpr T value_or(U&& fallback) const {
        return has_value_ ? value_ : static_cast<T>(std::forward<U>(fallback));
    }

    friend constexpr bool operator==(const result& a, const result& b) noexcept {
        if (a.has_value_ != b.has_value_) return false;
        return a.has_value_ ? a.value_ == b.value_ : a.error_ == b.error_;
    }
    friend constexpr bool operator==(const result& a, errc e) noexcept { return !a.has_value_ && a.error_ == e; }

private:
    union {
        T value_;
        errc error_;
    };
    bool has_value_;
};

} // namespace ipwire
