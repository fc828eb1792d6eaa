// ipwire errors: one errc value per fault a user can fix, and result<T, E>,
// the expected-like return type of every parse. Nothing here allocates;
// value() throws bad_result_access when exceptions are on and aborts otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <version>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define IPWIRE_HAS_EXCEPTIONS 1
#include <exception>
#else
#define IPWIRE_HAS_EXCEPTIONS 0
#include <cstdio>
#include <cstdlib>
#endif

// Under C++23 (libstdc++ 12, libc++ 16) result converts to and from
// std::expected; C++20 builds never include <expected>.
#if defined(__cpp_lib_expected) && __cpp_lib_expected >= 202202L
#define IPWIRE_HAS_STD_EXPECTED 1
#include <expected>
#else
#define IPWIRE_HAS_STD_EXPECTED 0
#endif

namespace ipwire {

// Named for the input, not for the parser: a user reading one knows what to
// change. New values go at the end. ipwire is 0.x: until 1.0 a minor release
// may renumber (0.2 removed too_long, which nothing produced, and split
// bad_mac_address), so store names (to_string), not numbers; from 1.0 the
// values are stable within a major version. errc{} (0) is never an error.
enum class errc : std::uint8_t {
    empty = 1,            // nothing to parse
    unexpected_character, // a character that cannot appear here
    trailing_characters,  // a valid value followed by more text
    leading_zero,         // "01", "/08", ":080": ambiguous (octal?) so refused
    // IPv4 (RFC 791 dotted decimal, the strict inet_pton form)
    octet_out_of_range, // a decimal octet above 255
    empty_octet,        // "1..2.3", ".1.2.3", "1.2.3."
    too_few_octets,     // "1.2.3": no shorthand forms
    too_many_octets,    // "1.2.3.4.5"
    // IPv6 (RFC 4291 section 2.2)
    too_many_digits,    // a group of more than four hex digits
    empty_group,        // a single ':' at either end, or ":" where a group belongs
    bad_compression,    // a second "::"
    empty_compression,  // "::" standing for no group at all (eight groups given)
    too_few_groups,     // fewer than eight groups and no "::"
    too_many_groups,    // more than eight groups (an IPv4 tail counts as two)
    ipv4_tail_not_last, // a dotted quad anywhere but the last 32 bits
    // zones (RFC 4007 section 11)
    empty_zone,         // "fe80::1%"
    zone_too_long,      // more than 15 characters
    bad_zone_character, // outside RFC 3986 unreserved
    zone_not_allowed,   // on IPv4, or in a prefix
    // prefixes (RFC 4632)
    missing_prefix_length,      // no '/'
    bad_prefix_length,          // empty or not decimal
    prefix_length_out_of_range, // above 32 or 128
    // ports and endpoints
    port_out_of_range,   // above 65535
    missing_port,        // an endpoint without ":port"
    bad_port_range,      // "80-" or "-80"
    reversed_port_range, // first above last
    missing_bracket,     // "[::1:80": no closing ']'
    ipv6_needs_brackets, // "::1:80": an IPv6 endpoint must be written "[::1]:80"
    ipv4_in_brackets,    // "[1.2.3.4]:80": brackets are for IPv6 only (RFC 3986 section 3.2.2)
    // packets (wire views)
    truncated,         // fewer bytes than the header needs
    bad_header_length, // a header length field below its minimum or past the data
    bad_data_offset,   // TCP data offset below 5 words or past the segment
    // sockets
    unsupported_family, // a sockaddr that is neither AF_INET nor AF_INET6
    unknown_interface,  // a zone that names no interface on this host
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
    // MAC addresses (IEEE 802 text: six pairs of hex digits, one separator)
    bad_mac_group,              // a MAC group of one digit or of three or more ("0:0:5e", "0000.5e00.5301")
    bad_mac_separator,          // MAC groups joined by something else than ':' or '-', or by both
    too_few_mac_groups,         // MAC text that ends before the sixth group
    too_many_mac_groups,        // a seventh MAC group (EUI-64 text, or a separator after the sixth)
    too_many_interface_lookups, // a pcapng file whose packets switch among interfaces too far apart to find in bounded time
    file_error,                 // capture_file: the file could not be opened, mapped or read (its errno is kept)
    // Address toolkit (issue 14)
    address_overflow,        // advanced(n) past either end of the family, or a distance beyond std::int64_t
    bad_netmask,             // a netmask whose one bits are not contiguous from the top ("255.0.255.0")
    address_family_mismatch, // an IPv4 and an IPv6 operand where one family is needed (distance, from_netmask)
    bad_nat64_prefix_length, // a NAT64 prefix length other than 32, 40, 48, 56, 64, 96 (RFC 6052 section 2.2)
    not_in_prefix,           // nat64_extract of an address outside the given prefix
    // ICMP (issue 12)
    not_icmp_error, // quoted_packet() of an ICMP message that is not an error (an echo, say)
    // Tunnels (issue 12)
    bad_tunnel_header, // a GRE, VXLAN or Geneve header with a version, flag or length that its RFC forbids
    // Demultiplexing (issue 13)
    address_in_use,  // socket_table: a second bind or connect of the same key (EADDRINUSE)
    ports_exhausted, // ephemeral_port_allocator: every port of the range is taken
    // Building packets (issue 15)
    buffer_too_small, // a builder's or writer's buffer cannot hold what it must write; nothing was written
    mtu_too_small,    // fragment(): an MTU below the unfragmentable part plus 8 bytes of payload
    // Address ranges and sets (issue 14)
    missing_range_separator, // range text without the '-' between first and last
    reversed_address_range,  // a range whose first address is above its last
    set_capacity_exceeded,   // static_ip_set<N>: more than N disjoint ranges
    // Embedded IPv4 (issue 14)
    nonzero_u_octet, // nat64_extract: bits 64-71 of the address are not zero (RFC 6052 section 2.2)
};

// A short English message, for logs and the describe example.
[[nodiscard]] constexpr std::string_view to_string(errc e) noexcept {
    switch (e) {
    case errc::empty: return "empty input";
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
    case errc::bad_mac_group: return "MAC address group not exactly two hex digits";
    case errc::bad_mac_separator: return "MAC address groups not all joined by ':' or all by '-'";
    case errc::too_few_mac_groups: return "fewer than six MAC address groups";
    case errc::too_many_mac_groups: return "more than six MAC address groups";
    case errc::too_many_interface_lookups: return "pcapng interfaces too scattered to look up in bounded time";
    case errc::file_error: return "file could not be read";
    case errc::address_overflow: return "address arithmetic past the end of the family";
    case errc::bad_netmask: return "netmask one bits not contiguous";
    case errc::address_family_mismatch: return "IPv4 and IPv6 operands mixed";
    case errc::bad_nat64_prefix_length: return "NAT64 prefix length not 32, 40, 48, 56, 64 or 96";
    case errc::not_in_prefix: return "address outside the prefix";
    case errc::not_icmp_error: return "ICMP message is not an error and quotes no packet";
    case errc::bad_tunnel_header: return "malformed GRE, VXLAN or Geneve header";
    case errc::address_in_use: return "address already in use";
    case errc::ports_exhausted: return "no free port in the range";
    case errc::buffer_too_small: return "buffer too small";
    case errc::mtu_too_small: return "MTU too small to fragment into";
    case errc::missing_range_separator: return "address range without '-'";
    case errc::reversed_address_range: return "address range first above last";
    case errc::set_capacity_exceeded: return "more ranges than the static set holds";
    case errc::nonzero_u_octet: return "NAT64 address with bits 64-71 set";
    }
    return "unknown error";
}

namespace detail {
// The highest errc, found from to_string (whose switch -Wswitch keeps whole),
// so adding an enumerator at the end needs no other edit: tests walk
// 1..last_errc and the literal diagnostic's table has last_errc + 1 entries.
constexpr errc find_last_errc() noexcept {
    int last = 0;
    for (int i = 1; i <= 255; ++i)
        if (to_string(static_cast<errc>(i)) != to_string(errc{})) last = i;
    return static_cast<errc>(last);
}
inline constexpr errc last_errc = find_last_errc();
} // namespace detail

// Builds the error alternative of a result explicitly: `return {unexpect, e};`.
// Needed only where T and E convert into each other (result<long, int>), as
// std::unexpect; `return errc::x;` is the usual way.
struct unexpect_t {
    explicit unexpect_t() = default;
};
inline constexpr unexpect_t unexpect{};

#if IPWIRE_HAS_EXCEPTIONS
// Thrown by value() on an error. error() is the errc; after transform_error
// to another error type it is errc{} and the thrown object is a
// bad_result_access_of<E> carrying the E (one catch still takes both).
class bad_result_access : public std::exception {
public:
    explicit bad_result_access(errc e) noexcept : error_(e), what_(to_string(e).data()) {}
    [[nodiscard]] errc error() const noexcept { return error_; }
    [[nodiscard]] const char* what() const noexcept override { return what_; }

protected:
    explicit bad_result_access(const char* what) noexcept : what_(what) {}

private:
    errc error_{};
    const char* what_;
};

template <class E>
class bad_result_access_of : public bad_result_access {
public:
    explicit bad_result_access_of(const E& e) noexcept
        : bad_result_access("ipwire::result::value() on an error"), error_(e) {}
    [[nodiscard]] const E& error() const noexcept { return error_; }

private:
    E error_;
};
#endif

template <class T, class E = errc>
class result;

namespace detail {

template <class E>
[[noreturn]] void throw_bad_result_access(const E& e) {
#if IPWIRE_HAS_EXCEPTIONS
    if constexpr (std::is_same_v<E, errc>) {
        throw bad_result_access(e);
    } else {
        throw bad_result_access_of<E>(e);
    }
#else
    std::string_view message = "an error that is not an ipwire::errc";
    if constexpr (std::is_same_v<E, errc>) message = to_string(e);
    std::fprintf(stderr, "ipwire: result::value() on an error: %.*s\n", static_cast<int>(message.size()),
                 message.data());
    std::abort();
#endif
}

template <class R>
inline constexpr bool is_result = false;
template <class T, class E>
inline constexpr bool is_result<result<T, E>> = true;

// std::invoke for one argument without <functional> (kept out of every
// header for compile time): callables and pointers to members, so
// `r.transform(&port::value)` works as with std::expected.
template <class F, class A>
constexpr decltype(auto) invoke1(F&& f, A&& a) {
    if constexpr (std::is_member_function_pointer_v<std::remove_cvref_t<F>>) {
        return (std::forward<A>(a).*f)();
    } else if constexpr (std::is_member_object_pointer_v<std::remove_cvref_t<F>>) {
        return (std::forward<A>(a).*f);
    } else {
        return std::forward<F>(f)(std::forward<A>(a));
    }
}

} // namespace detail

// Either a T or the E (an errc unless transform_error made it something else)
// that explains why there is none. Holds trivially copyable types only (every
// ipwire value and view is), which keeps it trivially copyable itself and
// usable in constant expressions on g++ 12 and clang 14 (clang before 16
// lacks conditionally trivial special members, P0848).
//
// The members are std::expected's (C++23 [expected.object]) with the same
// semantics, so code reads the same; the differences: error() on a value is
// E{} rather than undefined, value_or and error_or reject a non-convertible
// argument as a constraint (std::expected: ill-formed when instantiated), and
// there is no result<void>, so transform's function must return a value.
// Under C++23 a result converts implicitly to and from std::expected<T, E>.
template <class T, class E>
class result {
    static_assert(std::is_trivially_copyable_v<T>, "ipwire::result holds trivially copyable values");
    static_assert(std::is_trivially_destructible_v<T>);
    static_assert(!std::is_same_v<std::remove_cv_t<T>, unexpect_t> &&
                  !std::is_same_v<std::remove_cv_t<T>, std::in_place_t>);
    static_assert(std::is_trivially_copyable_v<E> && std::is_default_constructible_v<E>,
                  "ipwire::result's error type is trivially copyable, and E{} means no error");

    template <class U, class G>
    friend class result;

    // What each overload of a monadic member passes to its function: the
    // value or the error with this object's constness and value category.
    template <class Self>
    using value_ref = decltype((std::declval<Self>().value_));
    template <class Self>
    using error_ref = decltype((std::declval<Self>().error_));

public:
    using value_type = T;
    using error_type = E;
    template <class U>
    using rebind = result<U, E>;

    // cppcheck-suppress noExplicitConstructor ; implicit by design: a parser writes `return value;` or `return errc::x;`, as std::expected converts
    constexpr result(const T& value) noexcept
        : value_(value), has_value_(true) {} // NOLINT(google-explicit-constructor)
    // Off where T and E convert into each other, which would make `r = x`
    // ambiguous to read; use unexpect there.
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr result(const E& error) noexcept // NOLINT(google-explicit-constructor)
        requires(!std::is_convertible_v<const E&, T> && !std::is_convertible_v<const T&, E>)
        : error_(error), has_value_(false) {}
    constexpr explicit result(std::in_place_t, const T& value) noexcept : value_(value), has_value_(true) {}
    constexpr result(unexpect_t, const E& error) noexcept : error_(error), has_value_(false) {}

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
    // The error; E{} (errc{}: no enumerator) when there is a value.
    [[nodiscard]] constexpr E error() const noexcept { return has_value_ ? E{} : error_; }

    // Unchecked, like std::optional: only after has_value().
    [[nodiscard]] constexpr const T& operator*() const& noexcept { return value_; }
    [[nodiscard]] constexpr T operator*() && noexcept { return value_; }
    [[nodiscard]] constexpr const T* operator->() const noexcept { return &value_; }

    // The value, or the fallback converted to T. Only an implicit conversion
    // will do (C++23 [expected.object.obs]): port::parse(t).value_or(80) does
    // not compile, since port(std::uint16_t) is explicit; write
    // value_or(port(80)). The default U allows value_or({}).
    template <class U = T>
    requires(std::is_copy_constructible_v<T>&& std::is_convertible_v<U, T>) [[nodiscard]] constexpr T
        value_or(U&& fallback) const& {
        return has_value_ ? value_ : static_cast<T>(std::forward<U>(fallback));
    }
    template <class U = T>
    requires(std::is_move_constructible_v<T>&& std::is_convertible_v<U, T>) [[nodiscard]] constexpr T
        value_or(U&& fallback) && {
        return has_value_ ? std::move(value_) : static_cast<T>(std::forward<U>(fallback));
    }
    // The error, or the argument when there is a value.
    template <class G = E>
    requires(std::is_copy_constructible_v<E>&& std::is_convertible_v<G, E>) [[nodiscard]] constexpr E
        error_or(G&& fallback) const& {
        return has_value_ ? static_cast<E>(std::forward<G>(fallback)) : error_;
    }
    template <class G = E>
    requires(std::is_move_constructible_v<E>&& std::is_convertible_v<G, E>) [[nodiscard]] constexpr E
        error_or(G&& fallback) && {
        return has_value_ ? static_cast<E>(std::forward<G>(fallback)) : std::move(error_);
    }

    // --- monadic operations, C++23 [expected.object.monadic] ---
    // and_then(f): f(value) when there is one, f returning a result<U, E>;
    // the error passes through unchanged otherwise.
    template <class F>
    constexpr auto and_then(F&& f) & {
        return and_then_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto and_then(F&& f) const& {
        return and_then_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto and_then(F&& f) && {
        return and_then_impl(std::move(*this), std::forward<F>(f));
    }
    template <class F>
    constexpr auto and_then(F&& f) const&& {
        return and_then_impl(std::move(*this), std::forward<F>(f));
    }

    // transform(f): result<U, E> holding f(value), or the error.
    template <class F>
    constexpr auto transform(F&& f) & {
        return transform_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform(F&& f) const& {
        return transform_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform(F&& f) && {
        return transform_impl(std::move(*this), std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform(F&& f) const&& {
        return transform_impl(std::move(*this), std::forward<F>(f));
    }

    // or_else(f): f(error) when there is one, f returning a result<T, G>; the
    // value passes through otherwise.
    template <class F>
    constexpr auto or_else(F&& f) & {
        return or_else_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto or_else(F&& f) const& {
        return or_else_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto or_else(F&& f) && {
        return or_else_impl(std::move(*this), std::forward<F>(f));
    }
    template <class F>
    constexpr auto or_else(F&& f) const&& {
        return or_else_impl(std::move(*this), std::forward<F>(f));
    }

    // transform_error(f): result<T, G> holding the value, or f(error).
    template <class F>
    constexpr auto transform_error(F&& f) & {
        return transform_error_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform_error(F&& f) const& {
        return transform_error_impl(*this, std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform_error(F&& f) && {
        return transform_error_impl(std::move(*this), std::forward<F>(f));
    }
    template <class F>
    constexpr auto transform_error(F&& f) const&& {
        return transform_error_impl(std::move(*this), std::forward<F>(f));
    }

#if IPWIRE_HAS_STD_EXPECTED
    // To and from std::expected<T, E>, so C++23 code can return a parse
    // directly (`std::expected<port, errc> f() { return port::parse(t); }`).
    // cppcheck-suppress noExplicitConstructor ; implicit by design: the same alternatives
    constexpr result(const std::expected<T, E>& other) noexcept // NOLINT(google-explicit-constructor)
        : result(other ? result(std::in_place, *other) : result(unexpect, other.error())) {}
    // NOLINTNEXTLINE(google-explicit-constructor): implicit by design, as above
    constexpr operator std::expected<T, E>() const noexcept {
        if (has_value_) return std::expected<T, E>(std::in_place, value_);
        return std::expected<T, E>(std::unexpect, error_);
    }
#endif

    friend constexpr bool operator==(const result& a, const result& b) noexcept {
        if (a.has_value_ != b.has_value_) return false;
        return a.has_value_ ? a.value_ == b.value_ : a.error_ == b.error_;
    }
    friend constexpr bool operator==(const result& a, const E& e) noexcept { return !a.has_value_ && a.error_ == e; }

private:
    template <class Self, class F>
    static constexpr auto and_then_impl(Self&& self, F&& f) {
        using U = std::remove_cvref_t<std::invoke_result_t<F, value_ref<Self>>>;
        static_assert(detail::is_result<U>, "and_then: the function must return an ipwire::result");
        static_assert(std::is_same_v<typename U::error_type, E>,
                      "and_then: the function's result has another error type");
        if (self.has_value_) return U(detail::invoke1(std::forward<F>(f), std::forward<Self>(self).value_));
        return U(unexpect, std::forward<Self>(self).error_);
    }
    template <class Self, class F>
    static constexpr auto transform_impl(Self&& self, F&& f) {
        using U = std::remove_cv_t<std::invoke_result_t<F, value_ref<Self>>>;
        static_assert(!std::is_void_v<U>, "transform: ipwire has no result<void>; the function must return a value");
        static_assert(std::is_object_v<U> && !std::is_array_v<U>, "transform: the function must return a value type");
        if (self.has_value_)
            return result<U, E>(std::in_place, detail::invoke1(std::forward<F>(f), std::forward<Self>(self).value_));
        return result<U, E>(unexpect, std::forward<Self>(self).error_);
    }
    template <class Self, class F>
    static constexpr auto or_else_impl(Self&& self, F&& f) {
        using G = std::remove_cvref_t<std::invoke_result_t<F, error_ref<Self>>>;
        static_assert(detail::is_result<G>, "or_else: the function must return an ipwire::result");
        static_assert(std::is_same_v<typename G::value_type, T>,
                      "or_else: the function's result has another value type");
        if (self.has_value_) return G(std::in_place, std::forward<Self>(self).value_);
        return G(detail::invoke1(std::forward<F>(f), std::forward<Self>(self).error_));
    }
    template <class Self, class F>
    static constexpr auto transform_error_impl(Self&& self, F&& f) {
        using G = std::remove_cv_t<std::invoke_result_t<F, error_ref<Self>>>;
        static_assert(std::is_object_v<G> && !std::is_array_v<G>,
                      "transform_error: the function must return a value type");
        if (self.has_value_) return result<T, G>(std::in_place, std::forward<Self>(self).value_);
        return result<T, G>(unexpect, detail::invoke1(std::forward<F>(f), std::forward<Self>(self).error_));
    }

    union {
        T value_;
        E error_;
    };
    bool has_value_;
};

} // namespace ipwire
