// Must compile under -std=c++23 where the standard library has std::expected
// (libstdc++ 12): result<T, E> converts both ways, and, where std::expected
// has them, the monadic members give what std::expected's give.
#include <ipwire/port.hpp>

#include <expected>
#include <type_traits>

#if !IPWIRE_HAS_STD_EXPECTED
#error "expected_interop.cpp needs a C++23 standard library with std::expected"
#endif

using ipwire::errc;
using ipwire::port;
using ipwire::result;

static_assert(std::is_convertible_v<result<port>, std::expected<port, errc>>);
static_assert(std::is_convertible_v<std::expected<port, errc>, result<port>>);

// C++23 code returns a parse as its std::expected.
constexpr std::expected<port, errc> parse_port(std::string_view text) { return port::parse(text); }
static_assert(parse_port("443") == port(443));
static_assert(!parse_port("08") && parse_port("08").error() == errc::leading_zero);
static_assert(result<port>(parse_port("65536")) == errc::port_out_of_range);
static_assert(result<port>(std::expected<port, errc>(port(22))) == port(22));

// The same chain on both types gives the same answer. std::expected's
// monadic members came later (P2505, __cpp_lib_expected 202211L: libstdc++ 13,
// libc++ 17); with libstdc++ 12 only the conversions above are checked.
#if __cpp_lib_expected >= 202211L
constexpr auto doubled = [](port p) { return p.value() * 2; };
constexpr auto bounded = [](int v) -> result<int> {
    if (v > 1000) return errc::port_out_of_range;
    return v;
};
constexpr auto bounded_std = [](int v) -> std::expected<int, errc> {
    if (v > 1000) return std::unexpected(errc::port_out_of_range);
    return v;
};
constexpr auto message = [](errc e) { return ipwire::to_string(e); };

template <class Text>
constexpr bool same_chain(Text text) {
    const result<int> mine = port::parse(text).transform(doubled).and_then(bounded);
    const std::expected<int, errc> theirs = parse_port(text).transform(doubled).and_then(bounded_std);
    if (mine.has_value() != theirs.has_value()) return false;
    if (mine.has_value()) return *mine == *theirs;
    return mine.error() == theirs.error() &&
           mine.transform_error(message).error() == theirs.transform_error(message).error() &&
           mine.error_or(errc::empty) == theirs.error_or(errc::empty);
}
static_assert(same_chain("80") && same_chain("600") && same_chain("08") && same_chain(""));
#endif

int main() {}
