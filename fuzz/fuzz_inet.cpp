// fuzz_inet: differential against the C library. ipv4_address::parse and
// ipv6_address::parse accept exactly what inet_pton accepts, with the same
// bytes, and accepted IPv6 prints as inet_ntop prints it. The documented
// differences (README "Deliberate differences"): zones, which inet_pton has no
// notion of, and IPv4-compatible addresses, which glibc prints dotted.
#include "fuzz_common.hpp"

#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#include <arpa/inet.h>

#include <cstring>
#include <string>
#include <string_view>

namespace {

// glibc prints "::a.b.c.d" when the first six groups are zero and the seventh is not.
bool glibc_prints_compatible(const ipwire::ipv6_address& a) {
    for (std::size_t i = 0; i < 6; ++i)
        if (a.group(i) != 0) return false;
    return a.group(6) != 0;
}

// What inet_pton says of `text` (NUL-terminated copy; it cannot see past a NUL).
bool pton(int family, const std::string& text, unsigned char* out) { return inet_pton(family, text.c_str(), out) == 1; }

void check_v4(std::string_view text) {
    unsigned char expected[4] = {};
    const bool c_accepts = text.find('\0') == std::string_view::npos && pton(AF_INET, std::string(text), expected);
    const auto parsed = ipwire::ipv4_address::parse(text);
    IPWIRE_FUZZ_CHECK(parsed.has_value() == c_accepts);
    if (c_accepts) IPWIRE_FUZZ_CHECK(std::memcmp(parsed->to_bytes().data(), expected, 4) == 0);
}

void check_v6(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return;
    const auto parsed = ipwire::ipv6_address::parse(text);
    const auto percent = text.find('%');
    if (percent != std::string_view::npos) {
        // A zone: the address part as inet_pton sees it, the zone as RFC 4007
        // section 11 text of 1-15 unreserved characters.
        unsigned char ignored[16];
        const std::string_view zone = text.substr(percent + 1);
        bool zone_ok = !zone.empty() && zone.size() <= 15;
        for (char c : zone)
            zone_ok = zone_ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                  c == '-' || c == '.' || c == '_' || c == '~');
        const bool expected = pton(AF_INET6, std::string(text.substr(0, percent)), ignored) && zone_ok;
        IPWIRE_FUZZ_CHECK(parsed.has_value() == expected);
        return;
    }
    unsigned char expected[16] = {};
    const bool c_accepts = pton(AF_INET6, std::string(text), expected);
    IPWIRE_FUZZ_CHECK(parsed.has_value() == c_accepts);
    if (!c_accepts) return;
    IPWIRE_FUZZ_CHECK(std::memcmp(parsed->to_bytes().data(), expected, 16) == 0);
    char c_text[INET6_ADDRSTRLEN];
    IPWIRE_FUZZ_CHECK(inet_ntop(AF_INET6, expected, c_text, sizeof c_text) != nullptr);
    if (!glibc_prints_compatible(*parsed)) IPWIRE_FUZZ_CHECK(parsed->to_string() == c_text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ipwire_fuzz::exact_copy input(data, size);
    check_v4(input.text());
    check_v6(input.text());
    return 0;
}
