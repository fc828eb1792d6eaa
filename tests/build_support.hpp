// Shared by the builder tests: a built frame by value (its bytes and size,
// so it can leave a constexpr function), and one set of expectations run two
// ways: under static_assert (all_of) and under doctest (doctest_check, one
// CHECK per expectation with its text).
#pragma once

#include <ipwire/error.hpp>
#include <ipwire/wire/bytes.hpp>
#include <ipwire/wire/checksum.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace build_test {

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
