// Text round trips over generated values: parse(to_string(x)) == x for every
// text type, to_string(parse(s)) is a fixed point for any valid spelling s,
// to_chars fits max_string_length (and reports value_too_large one character
// short), and the expanded and upper-case IPv6 styles parse back to the same
// value. Random values come from a fixed-seed std::mt19937_64.
#include <ipwire/endpoint.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace {

using ipwire::endpoint;
using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ipv4_address;
using ipwire::ipv4_prefix;
using ipwire::ipv6_address;
using ipwire::ipv6_prefix;
using ipwire::ipv6_text_style;
using ipwire::port;
using ipwire::port_range;

constexpr std::uint64_t base_seed = 0x69707769'72650002ULL; // "ipwire" 2
constexpr std::size_t failures_shown = 20;

constexpr std::array<ipv6_text_style, 4> all_styles{ipv6_text_style{false, false}, ipv6_text_style{false, true},
                                                    ipv6_text_style{true, false}, ipv6_text_style{true, true}};

// ---------------------------------------------------------------------------
// Compile time: canonical text of an address with a zero run at every
// position and length parses back, and so do its other styles.

template <class T, class... Style>
constexpr bool parses_back(const T& value, Style... style) {
    std::array<char, T::max_string_length> buffer{};
    const auto r = value.to_chars(buffer.data(), buffer.data() + buffer.size(), style...);
    if (r.ec != std::errc{}) return false;
    const auto back = T::parse(std::string_view(buffer.data(), static_cast<std::size_t>(r.ptr - buffer.data())));
    return back && *back == value;
}

constexpr ipv6_address with_zero_run(std::size_t start, std::size_t length) {
    std::array<std::uint16_t, 8> groups{0x2001, 0xdb8, 0x1, 0xa0, 0xffff, 0x1234, 0xf, 0x100};
    for (std::size_t i = start; i < start + length; ++i) groups[i] = 0;
    return ipv6_address::from_groups(groups);
}

constexpr bool every_zero_run_parses_back(std::size_t first_start, std::size_t last_start) {
    for (std::size_t start = first_start; start <= last_start; ++start)
        for (std::size_t length = 0; start + length <= 8; ++length)
            for (const auto style : all_styles)
                if (!parses_back(with_zero_run(start, length), style)) return false;
    return true;
}
static_assert(every_zero_run_parses_back(0, 3));
static_assert(every_zero_run_parses_back(4, 8));

constexpr bool small_values_parse_back() {
    constexpr std::array<std::uint32_t, 6> v4{0, 1, 0x7F000001, 0xC0000201, 0xFFFFFFFF, 0x0A000100};
    for (auto v : v4) {
        if (!parses_back(ipv4_address(v))) return false;
        if (!parses_back(ip_address(ipv4_address(v)))) return false;
        if (!parses_back(ipv6_address::v4_mapped(ipv4_address(v)))) return false;
        if (!parses_back(endpoint(ipv4_address(v), port(static_cast<std::uint16_t>(v))))) return false;
    }
    for (std::uint8_t length = 0; length <= 32; length += 4)
        if (!parses_back(ipv4_prefix(ipv4_address(0xC0A80101), length))) return false;
    for (std::uint8_t length = 0; length <= 128; length += 16)
        if (!parses_back(ipv6_prefix(with_zero_run(2, 3), length))) return false;
    const auto zoned = ipv6_address::from_groups({0xfe80, 0, 0, 0, 0, 0, 0, 1}).with_zone("eth0");
    if (!zoned || !parses_back(*zoned) || !parses_back(endpoint(*zoned, port(22)))) return false;
    return parses_back(port_range(port(8000), port(8080))) && parses_back(port_range(port(443))) &&
           parses_back(port(0)) && parses_back(port(65535));
}
static_assert(small_values_parse_back());

// ---------------------------------------------------------------------------
// Run time.

using rng = std::mt19937_64;

std::size_t below(rng& g, std::size_t n) { return static_cast<std::size_t>(g() % n); }
bool one_in(rng& g, std::size_t n) { return below(g, n) == 0; }

// Counts every check and reports the first few failures with their input.
struct checker {
    std::string_view name;
    std::size_t values = 0;
    std::size_t checks = 0;
    std::size_t failures = 0;

    void expect(bool ok, std::string_view what, const std::string& input, const std::string& got = {}) {
        ++checks;
        if (ok || ++failures > failures_shown) return;
        const std::string family(name);
        CAPTURE(family);
        CAPTURE(input);
        CAPTURE(got);
        FAIL_CHECK(what);
    }

    void report() const {
        CHECK(failures == 0);
        const std::string summary = std::string(name) + ": " + std::to_string(values) + " values, " +
                                    std::to_string(checks) + " checks, " + std::to_string(failures) + " failures";
        MESSAGE(summary);
    }
};

template <class T, class... Style>
std::string text_of(const T& value, Style... style) {
    std::array<char, T::max_string_length> buffer{};
    const auto r = value.to_chars(buffer.data(), buffer.data() + buffer.size(), style...);
    if (r.ec != std::errc{}) return "<to_chars failed>";
    return {buffer.data(), r.ptr};
}

// The properties every text type has, for one value and one style.
template <class T, class... Style>
void round_trip(checker& c, const T& value, Style... style) {
    ++c.values;
    const std::string text = text_of(value, style...);
    c.expect(text.size() <= T::max_string_length && text != "<to_chars failed>",
             "to_chars does not fit max_string_length", text);
    // One character short: value_too_large, and `last` returned.
    std::vector<char> tight(text.size() - (text.empty() ? 0 : 1));
    const auto r = value.to_chars(tight.data(), tight.data() + tight.size(), style...);
    c.expect(!text.empty() && r.ec == std::errc::value_too_large && r.ptr == tight.data() + tight.size(),
             "to_chars into a buffer one short is not value_too_large", text);
    if constexpr (sizeof...(Style) == 0) c.expect(value.to_string() == text, "to_string differs from to_chars", text);

    const auto back = T::parse(text);
    c.expect(back.has_value(), "parse(to_string(x)) fails", text,
             back ? std::string() : std::string(ipwire::to_string(back.error())));
    if (!back) return;
    c.expect(*back == value, "parse(to_string(x)) != x", text, text_of(*back));
    // A fixed point: the canonical text of the parsed value is the text again.
    if constexpr (sizeof...(Style) == 0)
        c.expect(back->to_string() == text, "to_string(parse(s)) moved", text, back->to_string());
}

// Any valid spelling of `value` parses to it, and the canonical text of what it
// parses to is the canonical text of `value`, a fixed point of to_string(parse()).
template <class T>
void spelled_round_trip(checker& c, const T& value, const std::string& spelled) {
    const auto parsed = T::parse(spelled);
    c.expect(parsed && *parsed == value, "a valid spelling does not parse to its value", spelled,
             parsed ? parsed->to_string() : std::string(ipwire::to_string(parsed.error())));
    if (!parsed) return;
    const std::string canonical = parsed->to_string();
    c.expect(canonical == value.to_string(), "two spellings give two canonical texts", spelled, canonical);
    const auto again = T::parse(canonical);
    c.expect(again && again->to_string() == canonical, "to_string(parse(s)) is not idempotent", spelled, canonical);
}

// ---------------------------------------------------------------------------
// Generators.

void set_group(ipv6_address::bytes_type& b, std::size_t i, std::uint16_t v) {
    b[2 * i] = static_cast<std::uint8_t>(v >> 8U);
    b[2 * i + 1] = static_cast<std::uint8_t>(v);
}

std::uint16_t group_of(const ipv6_address::bytes_type& b, std::size_t i) {
    return static_cast<std::uint16_t>(b[2 * i] << 8U | b[2 * i + 1]);
}

std::uint16_t nonzero_group(rng& g) {
    switch (below(g, 4)) {
    case 0: return static_cast<std::uint16_t>(1 + below(g, 0xF));
    case 1: return static_cast<std::uint16_t>(1 + below(g, 0xFF));
    case 2: return static_cast<std::uint16_t>(1 + below(g, 0xFFF));
    default: return static_cast<std::uint16_t>(1 + below(g, 0xFFFF));
    }
}

ipv4_address random_v4(rng& g) { return ipv4_address(static_cast<std::uint32_t>(g())); }

ipv6_address::bytes_type random_bytes(rng& g) {
    ipv6_address::bytes_type b{};
    for (auto& x : b) x = static_cast<std::uint8_t>(g());
    return b;
}

std::string random_zone(rng& g) {
    constexpr std::string_view chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    std::string zone;
    const std::size_t length = 1 + below(g, ipv6_address::max_zone_length);
    for (std::size_t i = 0; i < length; ++i) zone += chars[below(g, chars.size())];
    return zone;
}

ipv6_address zoned(const ipv6_address& a, rng& g) {
    const auto z = a.with_zone(random_zone(g));
    REQUIRE(z.has_value());
    return *z;
}

// Addresses covering every formatting path: random bytes; each of the 256
// zero/non-zero group patterns (so every run at every position and length,
// ties and all); IPv4-mapped and IPv4-compatible.
std::vector<ipv6_address> v6_values(rng& g) {
    std::vector<ipv6_address> out;
    for (int i = 0; i < 4000; ++i) out.emplace_back(random_bytes(g));
    for (unsigned pattern = 0; pattern < 256; ++pattern) {
        for (int fill = 0; fill < 16; ++fill) {
            ipv6_address::bytes_type b{};
            for (std::size_t i = 0; i < 8; ++i)
                if ((pattern >> i & 1U) != 0) set_group(b, i, nonzero_group(g));
            out.emplace_back(b);
        }
    }
    for (int i = 0; i < 2000; ++i) {
        out.push_back(ipv6_address::v4_mapped(random_v4(g)));
        ipv6_address::bytes_type b{};
        for (std::size_t k = 12; k < 16; ++k) b[k] = static_cast<std::uint8_t>(one_in(g, 3) ? 0 : g());
        out.emplace_back(b); // ::a.b.c.d, written in hex
    }
    out.push_back(ipv6_address::any());
    out.push_back(ipv6_address::loopback());
    out.push_back(ipv6_address::v4_mapped(ipv4_address::any()));
    out.push_back(ipv6_address::from_groups({0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff}));
    return out;
}

constexpr char hex_lower[] = "0123456789abcdef";
constexpr char hex_upper[] = "0123456789ABCDEF";

std::string dotted(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    return std::to_string(a) + '.' + std::to_string(b) + '.' + std::to_string(c) + '.' + std::to_string(d);
}

// Any valid RFC 4291 spelling of `a`: a random zero run (or none) as "::",
// random leading zeros, random case, sometimes a dotted tail; the zone as is.
std::string free_form(const ipv6_address& a, rng& g) {
    const auto& b = a.to_bytes();
    const bool tail = one_in(g, 4);
    const std::size_t n = tail ? 6 : 8;
    std::size_t from = n, to = n; // [from, to) written as "::"; from == n: none
    if (!one_in(g, 4)) {
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j < n && group_of(b, j) == 0) ++j;
            if (j > i) runs.emplace_back(i, j);
            i = j > i ? j : i + 1;
        }
        if (!runs.empty()) {
            const auto [start, stop] = runs[below(g, runs.size())];
            from = start + below(g, stop - start);
            to = from + 1 + below(g, stop - from);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i == from) {
            out += "::";
            i = to - 1;
            continue;
        }
        if (i != 0 && i != to) out += ':';
        const std::uint16_t v = group_of(b, i);
        std::size_t digits = v >= 0x1000 ? 4 : v >= 0x100 ? 3 : v >= 0x10 ? 2 : 1;
        digits += below(g, 5 - digits);
        for (std::size_t k = digits; k-- > 0;) {
            const auto d = static_cast<unsigned>(v >> (4 * k)) & 0xFU;
            out += one_in(g, 2) ? hex_upper[d] : hex_lower[d];
        }
    }
    if (tail) {
        if (to != n || from == n) out += ':';
        out += dotted(b[12], b[13], b[14], b[15]);
    }
    if (a.has_zone()) {
        out += '%';
        out += a.zone();
    }
    return out;
}

} // namespace

TEST_CASE("round trip: ipv4_address and ip_address holding IPv4") {
    rng g(base_seed + 1);
    checker c{"ipv4"};
    std::vector<ipv4_address> values{ipv4_address::any(), ipv4_address::loopback(), ipv4_address::broadcast()};
    for (int i = 0; i < 20000; ++i) values.push_back(random_v4(g));
    for (unsigned octet = 0; octet < 256; ++octet) // every octet width in every position
        for (unsigned shift = 0; shift < 32; shift += 8)
            values.emplace_back(static_cast<std::uint32_t>(octet << shift));
    for (const auto& a : values) {
        round_trip(c, a);
        round_trip(c, ip_address(a));
        const auto parsed = ip_address::parse(a.to_string());
        c.expect(parsed && parsed->is_v4(), "ip_address::parse(IPv4 text) is not IPv4", a.to_string());
    }
    c.report();
}

TEST_CASE("round trip: ipv6_address in every style, with and without zones") {
    rng g(base_seed + 2);
    checker c{"ipv6"};
    for (const auto& plain : v6_values(g)) {
        const ipv6_address a = one_in(g, 4) ? zoned(plain, g) : plain;
        round_trip(c, a);
        round_trip(c, ip_address(a));
        for (const auto style : all_styles) {
            round_trip(c, a, style);
            round_trip(c, ip_address(a), style);
            const std::string text = a.to_string(style);
            const std::string_view address = std::string_view(text).substr(0, text.find('%'));
            if (style.expanded)
                c.expect(address.size() == 39 && address.find("::") == std::string_view::npos,
                         "expanded text is not eight groups of four digits", text);
            const auto wrong_case = [&](char ch) {
                return style.upper_case ? (ch >= 'a' && ch <= 'f') : (ch >= 'A' && ch <= 'F');
            };
            c.expect(std::none_of(address.begin(), address.end(), wrong_case), "hex digits in the wrong case", text);
            c.expect(a.zone() == std::string_view(text).substr(address.size() + (a.has_zone() ? 1 : 0)),
                     "zone not printed as written", text);
        }
        for (int k = 0; k < 2; ++k) spelled_round_trip(c, a, free_form(a, g));
    }
    c.report();
}

TEST_CASE("round trip: prefixes of every length") {
    rng g(base_seed + 3);
    checker c{"prefix"};
    for (int i = 0; i < 100; ++i) {
        const ipv4_address a4 = random_v4(g);
        for (std::uint8_t length = 0; length <= 32; ++length) {
            const ipv4_prefix p(a4, length);
            round_trip(c, p);
            round_trip(c, p.masked());
            round_trip(c, ip_prefix(p));
        }
        const auto b6 = random_bytes(g);
        ipv6_address::bytes_type mapped{};
        mapped[10] = mapped[11] = 0xFF;
        for (std::size_t k = 12; k < 16; ++k) mapped[k] = b6[k];
        for (const ipv6_address a6 : {ipv6_address(b6), ipv6_address(mapped)}) {
            for (std::uint8_t length = 0; length <= 128; ++length) {
                const ipv6_prefix p(a6, length);
                round_trip(c, p);
                round_trip(c, p.masked());
                round_trip(c, ip_prefix(p));
                spelled_round_trip(c, p, free_form(a6, g) + '/' + std::to_string(length));
            }
        }
    }
    c.report();
}

TEST_CASE("round trip: endpoints with zones, ports, port ranges") {
    rng g(base_seed + 4);
    checker c{"endpoint"};
    const auto v6 = v6_values(g);
    for (std::size_t i = 0; i < 6000; ++i) {
        const port p(static_cast<std::uint16_t>(one_in(g, 8) ? below(g, 1024) : g()));
        round_trip(c, endpoint(random_v4(g), p));
        const ipv6_address plain = v6[below(g, v6.size())];
        const ipv6_address a = one_in(g, 2) ? zoned(plain, g) : plain;
        const endpoint e(a, p);
        round_trip(c, e);
        for (const auto style : all_styles) round_trip(c, e, style);
        spelled_round_trip(c, e, '[' + free_form(a, g) + "]:" + std::to_string(p.value()));
    }
    round_trip(c, endpoint());
    round_trip(c, endpoint(ipv6_address::any(), port(65535)));

    for (std::uint32_t v = 0; v <= 65535; ++v) round_trip(c, port(static_cast<std::uint16_t>(v)));
    for (int i = 0; i < 20000; ++i) {
        const auto x = static_cast<std::uint16_t>(g());
        const auto y = static_cast<std::uint16_t>(one_in(g, 4) ? x : g());
        const port_range r = x <= y ? port_range{port(x), port(y)} : port_range{port(y), port(x)};
        round_trip(c, r);
    }
    round_trip(c, port_range(port(0), port(65535)));
    round_trip(c, ipwire::well_known_ports);
    round_trip(c, ipwire::registered_ports);
    round_trip(c, ipwire::dynamic_ports);
    c.report();
}
