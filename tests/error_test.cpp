// Tests for ipwire/error.hpp: every errc has its own message, and result<T, E>
// behaves like a small constexpr std::expected, monadic members included.
#include <ipwire/error.hpp>
#include <ipwire/port.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace {

using ipwire::errc;
using ipwire::result;

// The last enumerator, derived from to_string: a new errc goes at the end
// (error.hpp says so) and moves it without an edit.
constexpr errc last_errc = ipwire::detail::last_errc;
static_assert(last_errc >= errc::too_many_mac_groups);
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
    const result<int> e = errc::empty_zone;
    r = e;
    CHECK(r == errc::empty_zone);
    r = result<int>(6);
    CHECK(r.value() == 6);
    const result<int> copy = r;
    CHECK(copy == r);
}

// ---------------------------------------------------------------------------
// value_or: only an implicit conversion to T will do (issue 11). Before the
// fix value_or static_cast its argument, so `port::parse(t).value_or(80)`
// compiled though port(std::uint16_t) is explicit.

namespace {

using ipwire::port;

// A requires-expression in a variable template (outside a template an
// invalid requirement would be a hard error, not false).
template <class R, class U>
constexpr bool value_or_accepts = requires(R r, U u) {
    std::forward<R>(r).value_or(std::forward<U>(u));
};
template <class R, class G>
constexpr bool error_or_accepts = requires(R r, G g) {
    std::forward<R>(r).error_or(std::forward<G>(g));
};

static_assert(!value_or_accepts<const result<port>&, int>, "port::parse(t).value_or(80) must not compile");
static_assert(!value_or_accepts<result<port>, int>, "nor on the temporary port::parse(t) returns");
static_assert(!value_or_accepts<result<port>&, std::uint16_t>);
static_assert(value_or_accepts<const result<port>&, port> && value_or_accepts<result<port>, port>);
static_assert(value_or_accepts<const result<int>&, long>, "an implicit conversion is fine");
static_assert(!value_or_accepts<const result<int>&, const char*>);
static_assert(port::parse("8080").value_or(port(80)) == port(8080));
static_assert(port::parse("http").value_or(port(80)) == port(80));
static_assert(result<int>(errc::empty).value_or({}) == 0, "U defaults to T");
static_assert(!error_or_accepts<const result<int>&, int>, "errc is an enum class: no int converts to it");
static_assert(error_or_accepts<result<int>, errc>);

// ---------------------------------------------------------------------------
// Monadic members, C++23 [expected.object.monadic]: the same calls as on a
// std::expected<T, errc>, with specific values.

constexpr auto message = [](errc e) { return ipwire::to_string(e); };
constexpr result<int> half(int v) {
    if (v % 2 != 0) return errc::unexpected_character;
    return v / 2;
}
constexpr result<int> recover(errc e) {
    if (e == errc::empty) return 0;
    return e;
}

// and_then
static_assert(result<int>(42).and_then(half) == 21);
static_assert(result<int>(42).and_then(half).and_then(half) == errc::unexpected_character);
static_assert(result<int>(errc::leading_zero).and_then(half) == errc::leading_zero);
static_assert(std::is_same_v<decltype(result<int>(1).and_then(half)), result<int>>);
static_assert(result<int>(7).and_then([](int v) -> result<long> { return v * 10L; }) == result<long>(70L));
// transform
static_assert(result<int>(20).transform([](int v) { return v * 2; }) == 40);
static_assert(result<int>(errc::empty).transform([](int v) { return v * 2; }) == errc::empty);
static_assert(std::is_same_v<decltype(result<int>(1).transform([](int v) { return v > 0; })), result<bool>>);
static_assert(port::parse("443").transform(&port::value) == result<std::uint16_t>(std::uint16_t{443}));
static_assert(port::parse("65536").transform(&port::value) == errc::port_out_of_range);
// or_else
static_assert(result<int>(errc::empty).or_else(recover) == 0);
static_assert(result<int>(errc::leading_zero).or_else(recover) == errc::leading_zero);
static_assert(result<int>(9).or_else(recover) == 9);
static_assert(result<int>(errc::empty)
                  .or_else([](errc e) { return result<int, int>(ipwire::unexpect, static_cast<int>(e)); })
                  .error() == 1);
// transform_error: another error type
static_assert(result<int>(errc::leading_zero).transform_error([](errc e) { return ipwire::to_string(e); }).error() ==
              "leading zero");
static_assert(std::is_same_v<decltype(result<int>(1).transform_error(message)), result<int, std::string_view>>);
static_assert(result<int>(5).transform_error(message) == 5);
static_assert(result<int>(errc::empty).transform_error([](errc e) { return static_cast<int>(e); }).error() == 1);
// error_or
static_assert(result<int>(3).error_or(errc::empty) == errc::empty);
static_assert(result<int>(errc::leading_zero).error_or(errc::empty) == errc::leading_zero);
static_assert(result<int>(3).error_or({}) == errc{});

// Each overload passes the value (or error) with the result's own constness
// and value category, as std::expected's four overloads do.
struct category {
    constexpr result<int> operator()(int&) const { return 1; }
    constexpr result<int> operator()(const int&) const { return 2; }
    constexpr result<int> operator()(int&&) const { return 3; }
    constexpr result<int> operator()(const int&&) const { return 4; }
    constexpr result<int> operator()(errc&) const { return 11; }
    constexpr result<int> operator()(const errc&) const { return 12; }
    constexpr result<int> operator()(errc&&) const { return 13; }
    constexpr result<int> operator()(const errc&&) const { return 14; }
};
// and_then on a value, or_else on an error: the function sees which overload ran.
template <class R>
constexpr std::array<int, 4> categories(R make) {
    R lvalue = make;
    const R const_lvalue = make;
    if (make.has_value())
        return {*lvalue.and_then(category{}), *const_lvalue.and_then(category{}),
                *std::move(lvalue).and_then(category{}), *std::move(const_lvalue).and_then(category{})};
    return {*lvalue.or_else(category{}), *const_lvalue.or_else(category{}), *std::move(lvalue).or_else(category{}),
            *std::move(const_lvalue).or_else(category{})};
}
static_assert(categories(result<int>(0)) == std::array<int, 4>{1, 2, 3, 4});
static_assert(categories(result<int>(errc::empty)) == std::array<int, 4>{11, 12, 13, 14});
struct transform_category {
    constexpr int operator()(int&) const { return 1; }
    constexpr int operator()(const int&) const { return 2; }
    constexpr int operator()(int&&) const { return 3; }
    constexpr int operator()(const int&&) const { return 4; }
};
static_assert([] {
    result<int> r = 0;
    const result<int> c = 0;
    return *r.transform(transform_category{}) == 1 && *c.transform(transform_category{}) == 2 &&
           *std::move(r).transform(transform_category{}) == 3 && *std::move(c).transform(transform_category{}) == 4;
}());

// The function runs only on its alternative.
static_assert([] {
    int calls = 0;
    const auto count = [&calls](int v) -> result<int> {
        ++calls;
        return v;
    };
    const auto count_error = [&calls](errc e) -> result<int> {
        ++calls;
        return e;
    };
    static_cast<void>(result<int>(errc::empty).and_then(count));
    static_cast<void>(result<int>(1).or_else(count_error));
    static_cast<void>(result<int>(errc::empty).transform([&calls](int v) { return calls += v; }));
    static_cast<void>(result<int>(1).transform_error([&calls](errc) { return ++calls; }));
    return calls == 0;
}());

// unexpect: the error alternative where T and E convert into each other.
static_assert(result<long, int>(5).has_value() && *result<long, int>(5) == 5, "an int is the value here");
static_assert(result<long, int>(ipwire::unexpect, 5).error() == 5);
static_assert(result<int, int>(ipwire::unexpect, 2) != result<int, int>(2));
static_assert(std::is_same_v<result<int>::error_type, errc> && std::is_same_v<result<int>::rebind<long>, result<long>>);
static_assert(std::is_trivially_copyable_v<result<int, std::string_view>>);

} // namespace

TEST_CASE("result: value_or takes only what converts implicitly") {
    CHECK(port::parse("8080").value_or(port(80)) == port(8080));
    CHECK(port::parse("").value_or(port(80)) == port(80));
    const result<port> bad = errc::leading_zero;
    CHECK(bad.value_or(port(1)) == port(1));
    CHECK(result<int>(errc::empty).value_or({}) == 0);
    CHECK(!value_or_accepts<const result<port>&, int>);
}

TEST_CASE("result: and_then, transform, or_else, transform_error, error_or") {
    // Parse a port, keep it only if it is well known, print the failure.
    const auto well_known = [](port p) -> result<port> {
        if (p.classify() != ipwire::port_class::well_known) return errc::port_out_of_range;
        return p;
    };
    CHECK(port::parse("443").and_then(well_known).transform(&port::value) == result<std::uint16_t>(std::uint16_t{443}));
    CHECK(port::parse("8080").and_then(well_known) == errc::port_out_of_range);
    CHECK(port::parse("08").and_then(well_known) == errc::leading_zero);
    CHECK(port::parse("x").transform_error(message).error() == "unexpected character");
    CHECK(port::parse("").or_else([](errc) -> result<port> { return port(80); }) == port(80));
    CHECK(port::parse("22").or_else([](errc) -> result<port> { return port(80); }) == port(22));
    CHECK(port::parse("22").error_or(errc::empty) == errc::empty);
    CHECK(port::parse("-1").error_or(errc::empty) == errc::unexpected_character);
    CHECK(categories(result<int>(0)) == std::array<int, 4>{1, 2, 3, 4});
    CHECK(categories(result<int>(errc::empty)) == std::array<int, 4>{11, 12, 13, 14});
}

#if IPWIRE_HAS_EXCEPTIONS
TEST_CASE("result: value() on another error type throws bad_result_access_of<E>") {
    const result<int, int> r(ipwire::unexpect, 7);
    try {
        static_cast<void>(r.value());
        FAIL("value() on an error returned");
    } catch (const ipwire::bad_result_access_of<int>& e) {
        CHECK(e.error() == 7);
        const ipwire::bad_result_access& base = e;
        CHECK(base.error() == errc{});
        CHECK(std::string_view(e.what()) == "ipwire::result::value() on an error");
    }
    CHECK_THROWS_AS(static_cast<void>(result<int, int>(ipwire::unexpect, 1).value()), ipwire::bad_result_access);
}
#endif
