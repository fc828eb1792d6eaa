// Tests for ipwire/error.hpp: every errc has its own message, and result<T>
// behaves like a small constexpr expected.
#include <ipwire/error.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace {

using ipwire::errc;
using ipwire::result;

// The last enumerator. A new errc goes at the end (error.hpp says so); the
// "nothing after the last" checks below fail until this line names it.
constexpr errc last_errc = ipwire::detail::last_errc;
static_assert(ipwire::to_string(static_cast<errc>(static_cast<int>(last_errc) + 1)) == "unknown error");
constexpr int last_value = static_cast<int>(last_errc);

constexpr errc errc_at(int i) { return static_cast<errc>(i); }

// Every enumerator 1..last has a message of its own, and no value outside that
// range has one ("unknown error").
constexpr bool messages_distinct() {
    constexpr std::string_view fallback = "unknown error";
    for (int i = 1; i <= last_value; ++i) {
        const std::string_view message = ipwire::to_string(errc_at(i));
        if (message.empty() || message == fallback) return false;
        for (int j = 1; j < i; ++j)
            if (ipwire::to_string(errc_at(j)) == message) return false;
    }
    return ipwire::to_string(errc{}) == fallback && ipwire::to_string(errc_at(last_value + 1)) == fallback &&
           ipwire::to_string(errc_at(255)) == fallback;
}
static_assert(messages_distinct());
static_assert(std::is_same_v<std::underlying_type_t<errc>, std::uint8_t>);
static_assert(static_cast<int>(errc::empty) == 1, "errc{} is never an error");

// A value type with a member, for operator->.
struct pair_value {
    int first = 0;
    int second = 0;
    friend constexpr bool operator==(const pair_value&, const pair_value&) = default;
};

static_assert(std::is_trivially_copyable_v<result<int>>);
static_assert(std::is_trivially_copyable_v<result<pair_value>>);
static_assert(std::is_trivially_destructible_v<result<pair_value>>);
static_assert(std::is_nothrow_copy_constructible_v<result<int>>);
static_assert(std::is_same_v<result<int>::value_type, int>);
// Neither converts to bool implicitly nor to the value.
static_assert(!std::is_convertible_v<result<int>, bool>);
static_assert(!std::is_convertible_v<result<int>, int>);
static_assert(std::is_convertible_v<errc, result<int>>);
static_assert(std::is_convertible_v<int, result<int>>);

// The whole surface in a constant expression.
constexpr result<int> forty_two = 42;
constexpr result<int> failed = errc::leading_zero;
static_assert(forty_two.has_value() && static_cast<bool>(forty_two));
static_assert(forty_two.value() == 42 && *forty_two == 42);
static_assert(forty_two.error() == errc{});
static_assert(forty_two.value_or(7) == 42);
static_assert(!failed.has_value() && !static_cast<bool>(failed));
static_assert(failed.error() == errc::leading_zero);
static_assert(failed.value_or(7) == 7);
static_assert(failed == errc::leading_zero && errc::leading_zero == failed);
static_assert(failed != errc::empty && forty_two != errc::leading_zero);
static_assert(forty_two == result<int>(42) && forty_two != result<int>(43));
static_assert(failed == result<int>(errc::leading_zero) && failed != result<int>(errc::empty));
static_assert(failed != forty_two && forty_two != failed);
static_assert(result<pair_value>(pair_value{1, 2})->second == 2);
static_assert([] {
    result<int> r = errc::empty; // copy assignment switches the alternative both ways
    r = forty_two;
    if (r != forty_two || r.error() != errc{}) return false;
    r = failed;
    return r == errc::leading_zero && r.value_or(-1) == -1;
}());

} // namespace

TEST_CASE("errc: every enumerator has its own non-empty message") {
    CHECK(messages_distinct());
    for (int i = 1; i <= last_value; ++i) {
        const errc e = errc_at(i);
        const std::string_view message = ipwire::to_string(e);
        CAPTURE(i);
        CAPTURE(message);
        CHECK(!message.empty());
        CHECK(message != "unknown error");
        for (int j = 1; j < i; ++j) {
            CAPTURE(j);
            CHECK(ipwire::to_string(errc_at(j)) != message);
        }
    }
    CHECK(ipwire::to_string(errc{}) == "unknown error");
    CHECK(ipwire::to_string(errc_at(last_value + 1)) == "unknown error");
}

TEST_CASE("errc: a few messages say what was wrong") {
    CHECK(ipwire::to_string(errc::empty) == "empty input");
    CHECK(ipwire::to_string(errc::leading_zero) == "leading zero");
    CHECK(ipwire::to_string(errc::port_out_of_range) == "port above 65535");
    CHECK(ipwire::to_string(errc::reversed_port_range) == "port range first above last");
    CHECK(ipwire::to_string(errc::ipv6_needs_brackets) == "IPv6 address with a port must be in brackets");
}

TEST_CASE("result: holding a value") {
    const result<int> r = 42;
    CHECK(r.has_value());
    CHECK(static_cast<bool>(r));
    CHECK(r.value() == 42);
    CHECK(*r == 42);
    CHECK(r.error() == errc{});
    CHECK(r.value_or(7) == 42);
    CHECK(r == result<int>(42));
    CHECK(r != result<int>(41));
    CHECK(r != errc::empty);
    CHECK(r != result<int>(errc::empty));

    const result<pair_value> p = pair_value{3, 4};
    CHECK(p->first == 3);
    CHECK(p->second == 4);
    CHECK(p.value() == pair_value{3, 4});
    CHECK(p.value_or(pair_value{0, 0}) == pair_value{3, 4});
}

TEST_CASE("result: holding an error") {
    const result<int> r = errc::octet_out_of_range;
    CHECK(!r.has_value());
    CHECK(!static_cast<bool>(r));
    CHECK(r.error() == errc::octet_out_of_range);
    CHECK(r.value_or(7) == 7);
    CHECK(r.value_or(7L) == 7); // any type convertible to T
    CHECK(r == errc::octet_out_of_range);
    CHECK(errc::octet_out_of_range == r);
    CHECK(r != errc::leading_zero);
    CHECK(r == result<int>(errc::octet_out_of_range));
    CHECK(r != result<int>(errc::leading_zero));
    CHECK(r != result<int>(0));

    const result<pair_value> p = errc::missing_port;
    CHECK(p.value_or(pair_value{5, 6}) == pair_value{5, 6});
}

#if IPWIRE_HAS_EXCEPTIONS
TEST_CASE("result: value() on an error throws bad_result_access carrying the errc") {
    const result<int> r = errc::missing_bracket;
    REQUIRE_THROWS_AS(static_cast<void>(r.value()), ipwire::bad_result_access);
    try {
        static_cast<void>(r.value());
        FAIL("value() on an error returned");
    } catch (const ipwire::bad_result_access& e) {
        CHECK(e.error() == errc::missing_bracket);
        CHECK(std::string_view(e.what()) == ipwire::to_string(errc::missing_bracket));
    }
    // It is a std::exception, so generic handlers see it too.
    CHECK_THROWS_AS(static_cast<void>(r.value()), std::exception);
    CHECK_THROWS_WITH(static_cast<void>(r.value()), "missing ']' after IPv6 address");
    CHECK_NOTHROW(static_cast<void>(result<int>(1).value()));
}
#else
// Without exceptions value() aborts with a message: the CTest
// result_value_aborts_without_exceptions runs tests/no_exceptions_abort.cpp.
#endif

TEST_CASE("result: copies keep the alternative") {
    result<int> r = 5;
    const result<int> e = errc::too_long;
    r = e;
    CHECK(r == errc::too_long);
    r = result<int>(6);
    CHECK(r.value() == 6);
    const result<int> copy = r;
    CHECK(copy == r);
}
