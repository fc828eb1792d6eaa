// Every to_chars of every text type writes its whole text or nothing: for each
// buffer shorter than the text it returns {last, value_too_large} and leaves
// every byte of the caller's memory as it was (inside [first, last) and
// around it); for each buffer long enough it writes exactly the text. The same
// rows run under static_assert (constant evaluation rejects any write outside
// the array) and in doctest (which names the failing row and size).
#include <ipwire/endpoint.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace {

using namespace ipwire;

// What went wrong for one value, or nullptr when every buffer size behaved.
// The buffer has guard bytes before `first` and after the largest `last`.
template <class T, class... Style>
constexpr const char* whole_or_nothing(const T& value, std::string_view expected, Style... style) {
    constexpr std::size_t guard = 4;
    std::array<char, 2 * guard + 64> buffer{};
    if (expected.size() + 3 + 2 * guard > buffer.size()) return "test buffer too small";
    for (std::size_t room = 0; room <= expected.size() + 3; ++room) {
        for (char& c : buffer) c = '#';
        char* first = buffer.data() + guard;
        const auto r = value.to_chars(first, first + room, style...);
        const bool fits = room >= expected.size();
        if (!fits) {
            if (r.ec != std::errc::value_too_large) return "a short buffer did not give value_too_large";
            if (r.ptr != first + room) return "a short buffer did not return last";
            for (const char c : buffer)
                if (c != '#') return "a short buffer was written to";
            continue;
        }
        if (r.ec != std::errc{}) return "a buffer that fits gave an error";
        if (r.ptr != first + expected.size()) return "ptr is not past the text";
        if (std::string_view(first, expected.size()) != expected) return "wrong text";
        for (std::size_t i = 0; i < buffer.size(); ++i) {
            const bool in_text = i >= guard && i < guard + expected.size();
            if (!in_text && buffer[i] != '#') return "a byte outside the text was written";
        }
    }
    return nullptr;
}

constexpr ipv4_address v4_max(0xFFFFFFFF);
constexpr ipv6_address v6_max(ipv6_address::bytes_type{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                                       0xff, 0xff, 0xff, 0xff, 0xff});
constexpr ipv6_address v6_doc(ipv6_address::bytes_type{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
constexpr ipv6_address v6_mapped = ipv6_address::v4_mapped(ipv4_address(0xC0000201));
constexpr ipv6_address v6_zoned =
    *ipv6_address(ipv6_address::bytes_type{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
         .with_zone("eth0.100-abcdef");
constexpr ipv6_text_style expanded{true, false};
constexpr ipv6_text_style upper{false, true};

// ports and port ranges: "1000-" in 7 bytes was the reported fault.
static_assert(whole_or_nothing(port(0), "0") == nullptr);
static_assert(whole_or_nothing(port(65535), "65535") == nullptr);
static_assert(whole_or_nothing(port_range(port(1000), port(2000)), "1000-2000") == nullptr);
static_assert(whole_or_nothing(port_range(port(65534), port(65535)), "65534-65535") == nullptr);
static_assert(whole_or_nothing(port_range(port(443)), "443") == nullptr);
static_assert(whole_or_nothing(port_range(port(0), port(9)), "0-9") == nullptr);

// addresses
static_assert(whole_or_nothing(ipv4_address(0), "0.0.0.0") == nullptr);
static_assert(whole_or_nothing(v4_max, "255.255.255.255") == nullptr);
static_assert(whole_or_nothing(ipv6_address(), "::") == nullptr);
static_assert(whole_or_nothing(v6_max, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") == nullptr);
static_assert(whole_or_nothing(v6_doc, "2001:0db8:0000:0000:0000:0000:0000:0001", expanded) == nullptr);
static_assert(whole_or_nothing(v6_doc, "2001:DB8::1", upper) == nullptr);
static_assert(whole_or_nothing(v6_mapped, "::ffff:192.0.2.1") == nullptr);
static_assert(whole_or_nothing(v6_zoned, "fe80::1%eth0.100-abcdef") == nullptr);
static_assert(whole_or_nothing(ip_address(v4_max), "255.255.255.255") == nullptr);
static_assert(whole_or_nothing(ip_address(v6_zoned), "fe80::1%eth0.100-abcdef") == nullptr);
static_assert(whole_or_nothing(ip_address(v6_doc), "2001:0db8:0000:0000:0000:0000:0000:0001", expanded) == nullptr);

// prefixes: "255.255.255.255/" in 17 bytes was the reported fault.
static_assert(whole_or_nothing(ipv4_prefix(v4_max, 32), "255.255.255.255/32") == nullptr);
static_assert(whole_or_nothing(ipv4_prefix(ipv4_address(0), 0), "0.0.0.0/0") == nullptr);
static_assert(whole_or_nothing(ipv6_prefix(v6_max, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128") == nullptr);
static_assert(whole_or_nothing(ipv6_prefix(v6_doc, 64), "2001:db8::1/64") == nullptr);
static_assert(whole_or_nothing(ip_prefix(ipv4_prefix(v4_max, 8)), "255.255.255.255/8") == nullptr);
static_assert(whole_or_nothing(ip_prefix(ipv6_prefix(v6_mapped, 96)), "::ffff:192.0.2.1/96") == nullptr);

// endpoints
static_assert(whole_or_nothing(endpoint(v4_max, port(65535)), "255.255.255.255:65535") == nullptr);
static_assert(whole_or_nothing(endpoint(v6_zoned, port(22)), "[fe80::1%eth0.100-abcdef]:22") == nullptr);
static_assert(whole_or_nothing(endpoint(v6_doc, port(443)), "[2001:0db8:0000:0000:0000:0000:0000:0001]:443",
                               expanded) == nullptr);

// MAC addresses
static_assert(whole_or_nothing(mac_address(mac_address::bytes_type{0, 0x1b, 0x21, 0xff, 0xa0, 0x0f}),
                               "00:1b:21:ff:a0:0f") == nullptr);

// doctest: the same shapes at run time, and every prefix length and port
// range end that changes the text's length.
template <class T, class... Style>
void check_whole_or_nothing(const T& value, std::string_view expected, Style... style) {
    CAPTURE(expected);
    const char* fault = whole_or_nothing(value, expected, style...);
    CHECK_MESSAGE(fault == nullptr, (fault == nullptr ? "" : fault));
}

TEST_CASE("to_chars: every type writes its whole text or nothing, whatever the buffer size") {
    check_whole_or_nothing(port(65535), "65535");
    check_whole_or_nothing(port_range(port(1000), port(2000)), "1000-2000");
    check_whole_or_nothing(v4_max, "255.255.255.255");
    check_whole_or_nothing(v6_max, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    check_whole_or_nothing(v6_zoned, "fe80::1%eth0.100-abcdef");
    check_whole_or_nothing(ip_address(v6_doc), "2001:db8::1");
    check_whole_or_nothing(ipv4_prefix(v4_max, 32), "255.255.255.255/32");
    check_whole_or_nothing(ipv6_prefix(v6_max, 128), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
    check_whole_or_nothing(ip_prefix(ipv6_prefix(v6_doc, 7)), "2001:db8::1/7");
    check_whole_or_nothing(endpoint(v6_zoned, port(65535)), "[fe80::1%eth0.100-abcdef]:65535");
    check_whole_or_nothing(mac_address(mac_address::bytes_type{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}),
                           "ff:ff:ff:ff:ff:ff");
}

TEST_CASE("to_chars: prefixes of every length and ranges of every digit count") {
    for (std::uint8_t length = 0; length <= 32; ++length) {
        const std::string text = "255.255.255.255/" + std::to_string(length);
        check_whole_or_nothing(ipv4_prefix(v4_max, length), text);
    }
    for (std::uint8_t length = 0; length <= 128; ++length) {
        const std::string text = "2001:db8::1/" + std::to_string(length);
        check_whole_or_nothing(ipv6_prefix(v6_doc, length), text);
    }
    constexpr std::array<std::uint16_t, 6> ends{0, 9, 10, 999, 1000, 65535};
    for (const auto a : ends)
        for (const auto b : ends) {
            if (a > b) continue;
            const std::string text = a == b ? std::to_string(a) : std::to_string(a) + "-" + std::to_string(b);
            check_whole_or_nothing(port_range(port(a), port(b)), text);
        }
}

} // namespace
