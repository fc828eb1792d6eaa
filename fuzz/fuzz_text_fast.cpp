// fuzz_text_fast (issue 18): the run-time fast text paths against the scalar,
// constexpr one. For every input: each compiled-in fast IPv4 and IPv6 parse
// either refuses without moving (the scalar parse then answers) or gives the
// scalar parse's value and end position; the dispatching rules and
// ip_address::parse give the scalar answer; the fast writers write the scalar
// text of whatever value the input's bytes make. The input sits in an
// exact-size heap block, so ASan sees any read past it.
#include "fuzz_common.hpp"

#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace {

namespace d = ipwire::detail;

using v4_fast = bool (*)(const char*&, const char*, std::uint32_t&) noexcept;
using v6_fast = bool (*)(const char*&, const char*, d::ipv6_bytes&) noexcept;

void check_v4(const char* begin, const char* end, v4_fast fast) {
    const char* s_it = begin;
    const auto scalar = d::parse_ipv4_scalar(s_it, end);
    const char* f_it = begin;
    std::uint32_t value = 0;
    if (fast(f_it, end, value)) {
        IPWIRE_FUZZ_CHECK(scalar.has_value());
        IPWIRE_FUZZ_CHECK(*scalar == value);
        IPWIRE_FUZZ_CHECK(f_it == s_it);
    } else {
        IPWIRE_FUZZ_CHECK(f_it == begin);
        IPWIRE_FUZZ_CHECK(!scalar.has_value()); // every valid dotted quad is the fast path's
    }
}

void check_v6(const char* begin, const char* end, v6_fast fast) {
    const char* s_it = begin;
    const auto scalar = d::parse_ipv6_scalar(s_it, end);
    const char* f_it = begin;
    d::ipv6_bytes value{};
    if (fast(f_it, end, value)) {
        IPWIRE_FUZZ_CHECK(scalar.has_value());
        IPWIRE_FUZZ_CHECK(*scalar == value);
        IPWIRE_FUZZ_CHECK(f_it == s_it);
    } else {
        IPWIRE_FUZZ_CHECK(f_it == begin);
    }
}

// ip_address by its rule, from the scalar parts: the family by the first ':'
// or '.', then that family's whole-text parse.
ipwire::result<ipwire::ip_address> ip_by_rule(const char* begin, const char* end) {
    using r = ipwire::result<ipwire::ip_address>;
    if (begin == end) return r(ipwire::errc::empty);
    const char* it = begin;
    if (d::looks_like_v6(begin, end)) {
        const auto b = d::parse_ipv6_scalar(it, end);
        if (!b) return r(b.error());
        // The zone and trailing rules are ipv6_address's own, shared by both paths.
        const auto v6 = ipwire::ipv6_address::parse(std::string_view(begin, static_cast<std::size_t>(end - begin)));
        if (!v6) return r(v6.error());
        IPWIRE_FUZZ_CHECK(v6->to_bytes() == *b);
        return r(*v6);
    }
    const auto v4 = d::parse_ipv4_scalar(it, end);
    if (!v4) return r(v4.error());
    if (it != end) return r(*it == '%' ? ipwire::errc::zone_not_allowed : ipwire::errc::trailing_characters);
    return r(ipwire::ipv4_address(*v4));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ipwire_fuzz::exact_copy input(data, size);
    const std::string_view text = input.text();
    const char* begin = text.data();
    const char* end = begin + text.size();

    check_v4(begin, end, &d::parse_ipv4_swar);
#if IPWIRE_TEXT_SSE2
    check_v4(begin, end, &d::parse_ipv4_sse2);
#endif
#if IPWIRE_TEXT_SSE41
    check_v4(begin, end, &d::parse_ipv4_sse41);
#elif IPWIRE_TEXT_SSE41_DISPATCH
    if (d::cpu_has_sse41()) check_v4(begin, end, &d::parse_ipv4_sse41);
#endif
    check_v6(begin, end, &d::parse_ipv6_swar);
#if IPWIRE_TEXT_SSE2
    check_v6(begin, end, &d::parse_ipv6_sse2);
#endif

    {
        const char* a = begin;
        const char* b = begin;
        const auto fast = d::parse_ipv4(a, end);
        const auto scalar = d::parse_ipv4_scalar(b, end);
        IPWIRE_FUZZ_CHECK(fast.has_value() == scalar.has_value() && fast.error() == scalar.error());
        IPWIRE_FUZZ_CHECK(!fast || (*fast == *scalar && a == b));
    }
    {
        const char* a = begin;
        const char* b = begin;
        const auto fast = d::parse_ipv6(a, end);
        const auto scalar = d::parse_ipv6_scalar(b, end);
        IPWIRE_FUZZ_CHECK(fast.has_value() == scalar.has_value() && fast.error() == scalar.error());
        IPWIRE_FUZZ_CHECK(!fast || (*fast == *scalar && a == b));
    }
    {
        const auto fast = ipwire::ip_address::parse(text);
        const auto rule = ip_by_rule(begin, end);
        IPWIRE_FUZZ_CHECK(fast.has_value() == rule.has_value() && fast.error() == rule.error());
        IPWIRE_FUZZ_CHECK(!fast || *fast == *rule);
    }

    // The writers, on the value the first bytes make.
    if (size >= 16) {
        d::ipv6_bytes b{};
        std::memcpy(b.data(), data, 16);
        for (const bool expanded : {false, true}) {
            for (const bool upper : {false, true}) {
                char fast[64], scalar[64];
                const auto nf = d::write_ipv6_fast(fast, b, expanded, upper) - fast;
                const auto ns = d::write_ipv6_scalar(scalar, b, expanded, upper) - scalar;
                IPWIRE_FUZZ_CHECK(nf == ns && std::memcmp(fast, scalar, static_cast<std::size_t>(ns)) == 0);
            }
        }
    }
    if (size >= 4) {
        std::uint32_t v = 0;
        std::memcpy(&v, data, 4);
        char fast[16], scalar[16];
        const auto nf = d::write_ipv4_fast(fast, v) - fast;
        const auto ns = d::write_ipv4_scalar(scalar, v) - scalar;
        IPWIRE_FUZZ_CHECK(nf == ns && std::memcmp(fast, scalar, static_cast<std::size_t>(ns)) == 0);
    }
    return 0;
}
