// Parsing and to_chars never allocate: the global operator new of this test
// binary counts calls, and each case parses and formats every kind of value
// (valid and invalid text) between two readings of the counter.
#include "ipwire/ipwire.hpp"
#include "ipwire/format.hpp"

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <ipwire/fmt.hpp>
#endif

#include <doctest/doctest.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <string_view>

namespace {
std::atomic<std::size_t> allocations{0};
} // namespace

// Replacing the global allocation functions is allowed in exactly one
// translation unit of a program; this is it.
void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
#if IPWIRE_HAS_EXCEPTIONS
    throw std::bad_alloc();
#else
    std::abort();
#endif
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

template <class T>
std::size_t allocations_while_parsing(std::string_view text) {
    const std::size_t before = allocations.load();
    auto r = T::parse(text);
    char buffer[T::max_string_length];
    if (r) (void)r->to_chars(buffer, buffer + T::max_string_length);
    (void)r.has_value();
    return allocations.load() - before;
}

constexpr std::string_view inputs[] = {
    "192.0.2.1",    "01.2.3.4",       "2001:db8::1",
    "fe80::1%eth0", "::ffff:1.2.3.4", "1::2::3",
    "10.0.0.0/8",   "2001:db8::/32",  "[2001:db8::1]:443",
    "192.0.2.1:80", "[1.2.3.4]:80",   "443",
    "8000-8080",    "65536",          "",
};

} // namespace

TEST_CASE("the allocation counter counts") {
    const std::size_t before = allocations.load();
    // A direct call: unlike a new-expression, the optimiser may not elide it.
    ::operator delete(::operator new(4));
    CHECK(allocations.load() - before == 1);
}

TEST_CASE("parse and to_chars allocate nothing, on valid and invalid text") {
    for (std::string_view text : inputs) {
        CAPTURE(text);
        CHECK(allocations_while_parsing<ipwire::ipv4_address>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::ipv6_address>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::ip_address>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::ipv4_prefix>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::ipv6_prefix>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::ip_prefix>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::endpoint>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::port>(text) == 0);
        CHECK(allocations_while_parsing<ipwire::port_range>(text) == 0);
    }
}

TEST_CASE("to_string is the one call that allocates") {
    const auto a = ipwire::ipv6_address::parse("2001:db8:1234:5678:9abc:def0:1234:5678").value();
    const std::size_t before = allocations.load();
    const auto text = a.to_string(); // longer than the small-string buffer
    CHECK(allocations.load() - before == 1);
    CHECK(text == "2001:db8:1234:5678:9abc:def0:1234:5678");
}

#if defined(IPWIRE_TEST_HAVE_FMT)
// format.hpp's formatters write into a stack buffer and pad: with the output
// going to a fixed char array, formatting with specs allocates nothing.
TEST_CASE("formatting with fill, align and width allocates nothing") {
    const auto e = ipwire::endpoint::parse("[2001:db8::1%eth0]:443").value();
    const auto p = ipwire::ip_protocol{253};
    char out[256] = {};
    const std::size_t before = allocations.load();
    const auto r = fmt::format_to_n(out, sizeof out, "{:*^80eX}|{:>{}}|{:<6}|", e, e, 40, p);
    CHECK(allocations.load() - before == 0);
    CHECK(r.size == 80 + 1 + 40 + 1 + 6 + 1);
}
#endif
