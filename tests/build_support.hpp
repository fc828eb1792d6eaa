// Shared by the builder tests: a built frame by value (its bytes and size,
// so it can leave a constexpr function), and one set of expectations run two
// ways: under static_assert (all_of) and under doctest (doctest_check, one
// CHECK per expectation with its text).
#pragma once

#include <ipwire/endpoint.hpp>
#include <ipwire/error.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/port.hpp>
#include <ipwire/wire/bytes.hpp>
#include <ipwire/wire/checksum.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace build_test {

// The builder tests use address literals inside function templates that run
// both under static_assert and at run time. clang 14 then emits a call to the
// consteval literal instead of its value and the link fails (LLVM issue
// 54578, fixed in clang 15), so these tests use constexpr twins of
// ipwire::literals: the same text, checked by the same parsers; a bad one
// fails to compile where it is constant-evaluated and aborts elsewhere.
namespace literals {
constexpr ipwire::ipv4_address operator""_ipv4(const char* text, std::size_t size) {
    return ipwire::ipv4_address::parse(std::string_view(text, size)).value();
}
constexpr ipwire::ipv6_address operator""_ipv6(const char* text, std::size_t size) {
    return ipwire::ipv6_address::parse(std::string_view(text, size)).value();
}
constexpr ipwire::endpoint operator""_endpoint(const char* text, std::size_t size) {
    return ipwire::endpoint::parse(std::string_view(text, size)).value();
}
constexpr ipwire::mac_address operator""_mac(const char* text, std::size_t size) {
    return ipwire::mac_address::parse(std::string_view(text, size)).value();
}
constexpr ipwire::port operator""_port(unsigned long long value) {
    if (value > 0xFFFFU) std::abort(); // not a constant expression: a compile error where constant-evaluated
    return ipwire::port(static_cast<std::uint16_t>(value));
}
} // namespace literals

template <std::size_t N = 256>
struct frame {
    std::array<std::uint8_t, N> bytes{};
    std::size_t size = 0;
    ipwire::errc error{};
    [[nodiscard]] constexpr ipwire::bytes_view view() const noexcept { return ipwire::bytes_view(bytes).first(size); }
};

template <std::size_t N, class Builder>
constexpr frame<N> keep(std::array<std::uint8_t, N>& buffer, Builder& b) {
    frame<N> f;
    const auto r = b.build();
    if (!r) {
        f.error = r.error();
        return f;
    }
    f.size = r->size();
    f.bytes = buffer;
    return f;
}

// Collects expectations in a constant expression.
struct all_of {
    bool ok = true;
    constexpr void operator()(bool c, const char* /*what*/) noexcept { ok = ok && c; }
};

// A pseudo-header written out by hand (RFC 9293 section 3.1, RFC 8200
// section 8.1): the builder takes its own from the views, so the tests that
// use this check the address it must cover independently.
template <std::size_t A>
constexpr std::uint64_t pseudo_sum(const std::array<std::uint8_t, A>& source,
                                   const std::array<std::uint8_t, A>& destination, std::uint8_t protocol,
                                   std::uint32_t length) {
    std::uint64_t sum = ipwire::checksum_add(0, ipwire::bytes_view(source));
    sum = ipwire::checksum_add(sum, ipwire::bytes_view(destination));
    sum = ipwire::checksum_add(sum, std::uint16_t{protocol});
    sum = ipwire::checksum_add(sum, static_cast<std::uint16_t>(length >> 16U));
    return ipwire::checksum_add(sum, static_cast<std::uint16_t>(length & 0xFFFFU));
}
constexpr bool sums_to_ones(std::uint64_t pseudo, ipwire::bytes_view message) {
    return ipwire::checksum_fold(ipwire::checksum_add(pseudo, message)) == 0xFFFF;
}

} // namespace build_test

// One expectation: its text goes with it to doctest.
#define BUILD_EXPECT(...) check((__VA_ARGS__), #__VA_ARGS__)
// BUILD_TEST_RUNTIME_ONLY leaves the static_asserts out, to see a failing
// expectation's text under doctest while working on the builder.
#ifdef BUILD_TEST_RUNTIME_ONLY
#define BUILD_STATIC_ASSERT(...) static_assert(true)
#else
#define BUILD_STATIC_ASSERT(...) static_assert(__VA_ARGS__)
#endif
