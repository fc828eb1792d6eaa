// Address and endpoint text, both ways: ipwire beside glibc's inet_pton and
// inet_ntop and Boost.Asio (when found), over the same inputs in the same run.
//
// Five input shapes of 4096 addresses each (fixed seeds): v4, v6 (eight
// groups, no "::"), v6_compressed (one "::"), v6_v4tail (a dotted-quad tail)
// and v6_zone ("fe80::...%eth0"), plus "mixed": 10 000 addresses drawn from
// the text of every address in the repository's captures, decoded by ipwire at
// start-up (a few dozen distinct texts, named in the label: branch predictors
// learn them, which helps every implementation). Every benchmark is named <comparison>/<implementation>;
// items are addresses (or endpoints), so the time per item is per address.
// The texts sit one after another in one buffer, '\0'-ended; each parsed
// value's bytes go into a kept sum; formatting writes into a local buffer.
//
// Fairness notes, also in the README:
// - inet_pton has no zone syntax: for v6_zone it gets the address part alone,
//   cut at '%' before the timing. Asio reads the zone itself and resolves it
//   with if_nametoindex (a system call); ipwire keeps the zone as text.
// - For mixed, inet_pton needs the family first: a strchr for ':' picks it,
//   inside the timing. Asio's make_address tries IPv6, then IPv4.
// - ipwire's to_chars and inet_ntop write into a buffer; Asio's to_string
//   returns a std::string (to_string_mixed compares ipwire's to_string).
// - Asio has no endpoint parser: "asio" there is what a user writes by hand
//   (split at the last ':', strip the brackets, make_address on a NUL-ended
//   copy, std::from_chars for the port, tcp::endpoint). Asio's endpoint text
//   is by hand too ('[' + to_string() + "]:" + std::to_string(port)); it has
//   only operator<< on an ostream.
// - Asio's string_view overloads copy into a std::string first: the const
//   char* ones are used.
#include <ipwire/endpoint.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#include "bench_support.hpp"

#include <arpa/inet.h>
#include <benchmark/benchmark.h>

#ifndef IPWIRE_BENCH_VARIANT
#define IPWIRE_BENCH_VARIANT "" // the build: "" for the preset's -O3, "O2:", "native:"
#endif

#if IPWIRE_BENCH_HAVE_ASIO
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#define IPWIRE_BENCH_ASIO(...) __VA_ARGS__
#else
#define IPWIRE_BENCH_ASIO(...)
#endif

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace {

// Enough that no branch predictor learns the set by heart (with 1024, glibc's
// inet_pton ran a third faster than on fresh input), small enough for L2.
constexpr std::size_t shape_count = 4096;
constexpr std::size_t mixed_count = 10'000;

enum class family { v4, v6, mixed };

// One comparison's inputs: the text, and for inet_pton the part it can read.
struct text_set {
    std::string name;
    family fam;
    std::vector<std::string> text;
    std::vector<std::string> pton_text; // text cut at '%' (inet_pton has no zone)
    std::string label;                  // for the report: where the inputs come from
};

std::string drawn_label(const std::vector<std::string>& drawn) {
    std::vector<std::string> distinct = drawn;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return std::to_string(drawn.size()) + " drawn from " + std::to_string(distinct.size()) +
           " distinct in tests/data captures";
}

// The strings one after another in one buffer, each ended by '\0', as text
// read from a file sits; built before the timing, not copyable (the views
// point into the buffer).
class packed_text {
public:
    explicit packed_text(const std::vector<std::string>& items) {
        std::vector<std::size_t> offsets;
        for (const auto& t : items) {
            offsets.push_back(buffer_.size());
            buffer_ += t;
            buffer_ += '\0';
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            views_.emplace_back(buffer_.data() + offsets[i], items[i].size());
            c_strs_.push_back(buffer_.data() + offsets[i]);
        }
    }
    packed_text(const packed_text&) = delete;
    packed_text& operator=(const packed_text&) = delete;

    [[nodiscard]] const std::vector<std::string_view>& views() const { return views_; }
    [[nodiscard]] const std::vector<const char*>& c_strs() const { return c_strs_; }
    [[nodiscard]] std::size_t size() const { return views_.size(); }

private:
    std::string buffer_;
    std::vector<std::string_view> views_;
    std::vector<const char*> c_strs_;
};

std::string v6_text(const ipwire::ipv6_address& a) { return a.to_string(); }

// Nonzero 16-bit groups of 1 to 4 hex digits, so no "::" appears.
std::uint16_t nonzero_group(std::mt19937& rng) {
    const unsigned digits = 1 + rng() % 4;
    const unsigned top = 1U << (4 * digits);
    return static_cast<std::uint16_t>(1 + rng() % (top - 1));
}

ipwire::ipv6_address from_groups(const std::array<std::uint16_t, 8>& g) {
    ipwire::ipv6_address::bytes_type b{};
    for (std::size_t i = 0; i < 8; ++i) {
        b[2 * i] = static_cast<std::uint8_t>(g[i] >> 8U);
        b[2 * i + 1] = static_cast<std::uint8_t>(g[i] & 0xFFU);
    }
    return ipwire::ipv6_address(b);
}

std::string dotted(std::uint32_t v) { return ipwire::ipv4_address(v).to_string(); }

// Issue 18's data sets. v4_random: Lemire's benchmark set (20,000 addresses
// from a default-seeded std::default_random_engine, uniform over 0 ... 2^32 - 1,
// dotted decimal); v4_fixed and v6_fixed: one address over and over (the way
// Go's netip benchmarks run); v6_random: 20,000 random addresses, one in four
// with a run of zero groups, written by inet_ntop.
constexpr std::size_t issue18_count = 20'000;

std::vector<text_set> issue18_sets() {
    std::vector<text_set> sets;
    {
        text_set s{"v4_random", family::v4, {}, {}, "Lemire's set: 20000 uniform 32-bit"};
        std::default_random_engine engine;
        std::uniform_int_distribution<std::uint32_t> any;
        for (std::size_t i = 0; i < issue18_count; ++i) s.text.push_back(dotted(any(engine)));
        sets.push_back(s);
    }
    sets.push_back(
        text_set{"v4_fixed", family::v4, std::vector<std::string>(shape_count, "203.0.113.195"), {}, "203.0.113.195"});
    {
        text_set s{"v6_random", family::v6, {}, {}, "20000 random, 1 in 4 with a zero run, by inet_ntop"};
        std::mt19937 rng(18);
        for (std::size_t i = 0; i < issue18_count; ++i) {
            in6_addr a{};
            for (auto& b : a.s6_addr) b = static_cast<std::uint8_t>(rng());
            if (i % 4 == 0) {
                const std::size_t run = 2 + rng() % 7;       // 2..8 zero groups
                const std::size_t start = rng() % (9 - run); // anywhere, both ends included
                for (std::size_t g = start; g < start + run; ++g) a.s6_addr[2 * g] = a.s6_addr[2 * g + 1] = 0;
            }
            char text[INET6_ADDRSTRLEN];
            s.text.emplace_back(inet_ntop(AF_INET6, &a, text, sizeof text));
        }
        sets.push_back(s);
    }
    sets.push_back(text_set{"v6_fixed",
                            family::v6,
                            std::vector<std::string>(shape_count, "2001:db8:85a3::8a2e:370:7334"),
                            {},
                            "2001:db8:85a3::8a2e:370:7334"});
    return sets;
}

std::vector<text_set> make_sets() {
    std::vector<text_set> sets;
    {
        text_set s{"v4", family::v4, {}, {}, {}};
        std::mt19937 rng(1);
        for (std::size_t i = 0; i < shape_count; ++i) s.text.push_back(dotted(static_cast<std::uint32_t>(rng())));
        sets.push_back(s);
    }
    {
        text_set s{"v6", family::v6, {}, {}, {}};
        std::mt19937 rng(2);
        for (std::size_t i = 0; i < shape_count; ++i) {
            std::array<std::uint16_t, 8> g{};
            for (auto& x : g) x = nonzero_group(rng);
            s.text.push_back(v6_text(from_groups(g)));
        }
        sets.push_back(s);
    }
    {
        text_set s{"v6_compressed", family::v6, {}, {}, {}};
        std::mt19937 rng(3);
        for (std::size_t i = 0; i < shape_count; ++i) {
            std::array<std::uint16_t, 8> g{};
            for (auto& x : g) x = nonzero_group(rng);
            const std::size_t run = 2 + rng() % 6;       // 2..7 zero groups
            const std::size_t start = rng() % (9 - run); // anywhere, both ends included
            for (std::size_t j = start; j < start + run; ++j) g[j] = 0;
            s.text.push_back(v6_text(from_groups(g)));
        }
        sets.push_back(s);
    }
    {
        // Half IPv4-mapped ("::ffff:a.b.c.d"), half six full groups and a quad.
        text_set s{"v6_v4tail", family::v6, {}, {}, {}};
        std::mt19937 rng(4);
        for (std::size_t i = 0; i < shape_count; ++i) {
            const std::string quad = dotted(static_cast<std::uint32_t>(rng()));
            if (i % 2 == 0) {
                s.text.push_back(std::string("::ffff:").append(quad));
            } else {
                std::string t;
                for (int j = 0; j < 6; ++j) {
                    char g[8];
                    std::snprintf(g, sizeof g, "%x:", nonzero_group(rng));
                    t += g;
                }
                s.text.push_back(t.append(quad));
            }
        }
        sets.push_back(s);
    }
    {
        text_set s{"v6_zone", family::v6, {}, {}, {}};
        std::mt19937 rng(5);
        for (std::size_t i = 0; i < shape_count; ++i) {
            std::array<std::uint16_t, 8> g{0xfe80, 0, 0, 0, 0, 0, 0, 0};
            for (std::size_t j = 4; j < 8; ++j) g[j] = nonzero_group(rng);
            s.text.push_back(v6_text(from_groups(g)).append("%eth0"));
        }
        sets.push_back(s);
    }
    {
        text_set s{"mixed", family::mixed, {}, {}, {}};
        s.text = bench::draw(bench::texts_from_captures().addresses, mixed_count, 6);
        s.label = drawn_label(s.text);
        if (s.text.empty())
            bench::note("no addresses found in the repository's captures: mixed left out");
        else
            sets.push_back(s);
    }
    for (auto& s : issue18_sets()) sets.push_back(s);
    for (auto& s : sets)
        for (const auto& t : s.text) s.pton_text.push_back(t.substr(0, t.find('%')));
    return sets;
}

// --- text -> address ----------------------------------------------------------
// One function per family and implementation (templates, no run-time switch
// inside the timed loop), as a caller who knows the family writes it.

void items(benchmark::State& state, std::size_t per_iteration, const std::string& label = {}) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(per_iteration));
    if (!label.empty()) state.SetLabel(label);
}

// Every parse's value is used: its address bytes (and zone) are added to a
// sum that is kept, the same for every implementation. (Keeping each whole
// result object with DoNotOptimize instead forces it through the stack, which
// measures the compiler's spilling of that object more than the parse.)
std::uint64_t fold16(const void* bytes) noexcept {
    std::uint64_t a, b;
    std::memcpy(&a, bytes, 8);
    std::memcpy(&b, static_cast<const char*>(bytes) + 8, 8);
    return a + b;
}
std::uint64_t value_of(const ipwire::ipv4_address& a) noexcept { return a.to_uint32(); }
std::uint64_t value_of(const ipwire::ipv6_address& a) noexcept { return fold16(a.to_bytes().data()) + a.zone().size(); }
std::uint64_t value_of(const ipwire::ip_address& a) noexcept { return a.is_v4() ? value_of(a.v4()) : value_of(a.v6()); }
std::uint64_t value_of(const ipwire::endpoint& e) noexcept { return value_of(e.address()) + e.port().value(); }
template <class T>
std::uint64_t value_of(const ipwire::result<T>& r) noexcept {
    return r ? value_of(*r) : 1;
}

template <class Address>
void parse_ipwire(benchmark::State& state, const text_set& s) {
    for (const auto& t : s.text)
        if (!Address::parse(t)) return state.SkipWithError(std::string("ipwire rejects ").append(t).c_str());
    const packed_text in(s.text);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const auto t : in.views()) sum += value_of(Address::parse(t));
        benchmark::DoNotOptimize(sum);
    }
    items(state, in.size(), s.label);
}

int pton_family(const char* text) { return std::strchr(text, ':') != nullptr ? AF_INET6 : AF_INET; }

// AF_INET, AF_INET6, or 0: the family found by a strchr for ':' (mixed).
template <int Family>
void parse_inet_pton(benchmark::State& state, const text_set& s) {
    in6_addr out{};
    for (const auto& t : s.pton_text)
        if (inet_pton(pton_family(t.c_str()), t.c_str(), &out) != 1)
            return state.SkipWithError(std::string("inet_pton rejects ").append(t).c_str());
    const packed_text in(s.pton_text);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const char* t : in.c_strs()) {
            const int af = Family != 0 ? Family : pton_family(t);
            sum += static_cast<std::uint64_t>(inet_pton(af, t, &out));
            sum += af == AF_INET ? std::uint64_t{reinterpret_cast<const in_addr&>(out).s_addr} : fold16(&out);
        }
        benchmark::DoNotOptimize(sum);
    }
    items(state, in.size(), s.label);
}

#if IPWIRE_BENCH_HAVE_ASIO
namespace asio_ip = boost::asio::ip;

std::uint64_t value_of(const asio_ip::address_v4& a) noexcept { return a.to_uint(); }
std::uint64_t value_of(const asio_ip::address_v6& a) noexcept { return fold16(a.to_bytes().data()) + a.scope_id(); }
std::uint64_t value_of(const asio_ip::address& a) noexcept {
    return a.is_v4() ? value_of(a.to_v4()) : value_of(a.to_v6());
}

struct asio_v4 {
    static auto make(const char* t, boost::system::error_code& ec) { return asio_ip::make_address_v4(t, ec); }
    static auto pick(const asio_ip::address& a) { return a.to_v4(); }
};
struct asio_v6 {
    static auto make(const char* t, boost::system::error_code& ec) { return asio_ip::make_address_v6(t, ec); }
    static auto pick(const asio_ip::address& a) { return a.to_v6(); }
};
struct asio_any {
    static auto make(const char* t, boost::system::error_code& ec) { return asio_ip::make_address(t, ec); }
    static auto pick(const asio_ip::address& a) { return a; }
};

template <class Asio>
void parse_asio(benchmark::State& state, const text_set& s) {
    boost::system::error_code ec;
    for (const auto& t : s.text) {
        (void)Asio::make(t.c_str(), ec);
        if (ec) return state.SkipWithError(std::string("Asio rejects ").append(t).c_str());
    }
    const packed_text in(s.text);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const char* t : in.c_strs()) {
            sum += value_of(Asio::make(t, ec));
            sum += static_cast<std::uint64_t>(ec.value());
        }
        benchmark::DoNotOptimize(sum);
    }
    items(state, in.size(), s.label);
}
#endif

// --- address -> text ----------------------------------------------------------

template <class Address>
Address pick(const ipwire::ip_address& a) {
    if constexpr (std::is_same_v<Address, ipwire::ipv4_address>)
        return a.v4();
    else if constexpr (std::is_same_v<Address, ipwire::ipv6_address>)
        return a.v6();
    else
        return a;
}

template <class Address>
void format_ipwire(benchmark::State& state, const text_set& s) {
    std::vector<Address> in;
    for (const auto& t : s.text) in.push_back(pick<Address>(ipwire::ip_address::parse(t).value()));
    char buffer[Address::max_string_length];
    for (auto _ : state)
        for (const auto& a : in) {
            benchmark::DoNotOptimize(a.to_chars(buffer, buffer + sizeof buffer));
            benchmark::ClobberMemory();
        }
    items(state, in.size(), s.label);
}

// Both as std::string, for the allocation-for-allocation comparison with Asio.
template <class Address>
void to_string_ipwire(benchmark::State& state, const text_set& s) {
    std::vector<Address> in;
    for (const auto& t : s.text) in.push_back(pick<Address>(ipwire::ip_address::parse(t).value()));
    for (auto _ : state)
        for (const auto& a : in) benchmark::DoNotOptimize(a.to_string());
    items(state, in.size(), s.label);
}

template <int Family>
void format_inet_ntop(benchmark::State& state, const text_set& s) {
    struct native {
        int af;
        in6_addr bytes; // an in_addr in the first four bytes for AF_INET
    };
    std::vector<native> in;
    for (const auto& t : s.pton_text) {
        native n{pton_family(t.c_str()), {}};
        (void)inet_pton(n.af, t.c_str(), &n.bytes);
        in.push_back(n);
    }
    char buffer[INET6_ADDRSTRLEN];
    for (auto _ : state)
        for (const auto& a : in) {
            benchmark::DoNotOptimize(inet_ntop(Family != 0 ? Family : a.af, &a.bytes, buffer, sizeof buffer));
            benchmark::ClobberMemory();
        }
    items(state, in.size(), s.label);
}

// The comparison baseline of issue 18: a digit-pair table writer of the
// kind ada-url uses for IPv4 (two digits a table load), written here.
constexpr char digit_pairs[201] = "00010203040506070809"
                                  "10111213141516171819"
                                  "20212223242526272829"
                                  "30313233343536373839"
                                  "40414243444546474849"
                                  "50515253545556575859"
                                  "60616263646566676869"
                                  "70717273747576777879"
                                  "80818283848586878889"
                                  "90919293949596979899";

char* pair_table_octet(char* out, unsigned v) noexcept {
    if (v >= 100) {
        *out++ = static_cast<char>('0' + v / 100);
        v %= 100;
        std::memcpy(out, digit_pairs + 2 * v, 2);
        return out + 2;
    }
    if (v >= 10) {
        std::memcpy(out, digit_pairs + 2 * v, 2);
        return out + 2;
    }
    *out++ = static_cast<char>('0' + v);
    return out;
}

// Network-order bytes to dotted text; returns the end (no '\0').
char* pair_table_ipv4(char* out, const std::uint8_t (&b)[4]) noexcept {
    out = pair_table_octet(out, b[0]);
    for (int i = 1; i < 4; ++i) {
        *out++ = '.';
        out = pair_table_octet(out, b[i]);
    }
    return out;
}

void format_pair_table(benchmark::State& state, const text_set& s) {
    struct bytes4 {
        std::uint8_t b[4];
    };
    std::vector<bytes4> in;
    for (const auto& t : s.text) {
        const auto a = ipwire::ipv4_address::parse(t).value().to_bytes();
        in.push_back(bytes4{{a[0], a[1], a[2], a[3]}});
    }
    char buffer[16];
    for (auto _ : state)
        for (const auto& a : in) {
            benchmark::DoNotOptimize(pair_table_ipv4(buffer, a.b));
            benchmark::ClobberMemory();
        }
    items(state, in.size(), s.label);
}

#if IPWIRE_BENCH_HAVE_ASIO
template <class Asio>
void format_asio(benchmark::State& state, const text_set& s) {
    std::vector<decltype(Asio::pick(asio_ip::address{}))> in;
    for (const auto& t : s.text) in.push_back(Asio::pick(asio_ip::make_address(t.c_str())));
    for (auto _ : state)
        for (const auto& a : in) benchmark::DoNotOptimize(a.to_string());
    items(state, in.size(), s.label);
}
#endif

// --- endpoints ------------------------------------------------------------------

struct endpoint_set {
    std::string name;
    std::vector<std::string> text;
    std::string label;
};

std::vector<endpoint_set> make_endpoint_sets() {
    std::vector<endpoint_set> sets;
    std::mt19937 rng(11);
    endpoint_set v4{"v4", {}, {}}, v6{"v6", {}, {}};
    for (std::size_t i = 0; i < shape_count; ++i) {
        const auto port = std::to_string(rng() % 65536);
        // Appended piece by piece: g++ 12 at -O3 warns falsely (-Wrestrict,
        // GCC PR 105329) on chains of std::string operator+.
        std::string t4 = dotted(static_cast<std::uint32_t>(rng()));
        t4.append(":").append(port);
        v4.text.push_back(t4);
        ipwire::ipv6_address::bytes_type b{};
        for (auto& x : b) x = rng() % 3 == 0 ? 0 : static_cast<std::uint8_t>(rng());
        std::string t6 = "[";
        t6.append(ipwire::ipv6_address(b).to_string()).append("]:").append(port);
        v6.text.push_back(t6);
    }
    sets.push_back(v4);
    sets.push_back(v6);
    endpoint_set mixed{"mixed", bench::draw(bench::texts_from_captures().endpoints, mixed_count, 12), {}};
    mixed.label = drawn_label(mixed.text);
    if (mixed.text.empty())
        bench::note("no endpoints found in the repository's captures: endpoint mixed left out");
    else
        sets.push_back(mixed);
    return sets;
}

void endpoint_parse_ipwire(benchmark::State& state, const endpoint_set& s) {
    for (const auto& t : s.text)
        if (!ipwire::endpoint::parse(t)) return state.SkipWithError(("ipwire rejects " + t).c_str());
    const packed_text in(s.text);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const auto t : in.views()) sum += value_of(ipwire::endpoint::parse(t));
        benchmark::DoNotOptimize(sum);
    }
    items(state, in.size(), s.label);
}

void endpoint_format_ipwire(benchmark::State& state, const endpoint_set& s) {
    std::vector<ipwire::endpoint> in;
    for (const auto& t : s.text) in.push_back(ipwire::endpoint::parse(t).value());
    char buffer[ipwire::endpoint::max_string_length];
    for (auto _ : state)
        for (const auto& e : in) {
            benchmark::DoNotOptimize(e.to_chars(buffer, buffer + sizeof buffer));
            benchmark::ClobberMemory();
        }
    items(state, in.size(), s.label);
}

#if IPWIRE_BENCH_HAVE_ASIO
// What an Asio user writes by hand: Asio has no endpoint parser.
bool asio_endpoint_parse(std::string_view text, asio_ip::tcp::endpoint& out) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return false;
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (!host.empty() && host.front() == '[') {
        if (host.size() < 2 || host.back() != ']') return false;
        host = host.substr(1, host.size() - 2);
    }
    char buffer[64];
    if (host.size() >= sizeof buffer) return false;
    std::memcpy(buffer, host.data(), host.size());
    buffer[host.size()] = '\0';
    boost::system::error_code ec;
    const auto address = asio_ip::make_address(buffer, ec);
    if (ec) return false;
    std::uint16_t port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc{} || end != port_text.data() + port_text.size()) return false;
    out = asio_ip::tcp::endpoint(address, port);
    return true;
}

std::string asio_endpoint_text(const asio_ip::tcp::endpoint& e) {
    const auto a = e.address();
    std::string out;
    if (a.is_v6()) {
        out += '[';
        out += a.to_string();
        out += ']';
    } else {
        out = a.to_string();
    }
    out += ':';
    out += std::to_string(e.port());
    return out;
}

void endpoint_parse_asio(benchmark::State& state, const endpoint_set& s) {
    asio_ip::tcp::endpoint e;
    for (const auto& t : s.text)
        if (!asio_endpoint_parse(t, e)) return state.SkipWithError(("Asio by hand rejects " + t).c_str());
    const packed_text in(s.text);
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const auto t : in.views()) {
            sum += asio_endpoint_parse(t, e);
            sum += value_of(e.address()) + e.port();
        }
        benchmark::DoNotOptimize(sum);
    }
    items(state, in.size(), s.label);
}

void endpoint_format_asio(benchmark::State& state, const endpoint_set& s) {
    std::vector<asio_ip::tcp::endpoint> in(s.text.size());
    for (std::size_t i = 0; i < s.text.size(); ++i) (void)asio_endpoint_parse(s.text[i], in[i]);
    // The same endpoint back (glibc's text may differ from RFC 5952's in form).
    for (std::size_t i = 0; i < s.text.size(); ++i)
        if (ipwire::endpoint::parse(asio_endpoint_text(in[i])) != ipwire::endpoint::parse(s.text[i]))
            return state.SkipWithError(std::string("Asio by hand writes ").append(asio_endpoint_text(in[i])).c_str());
    for (auto _ : state)
        for (const auto& e : in) benchmark::DoNotOptimize(asio_endpoint_text(e));
    items(state, in.size(), s.label);
}
#endif

template <class Set>
void add(const std::string& name, void (*fn)(benchmark::State&, const Set&), const Set& set) {
    benchmark::RegisterBenchmark(name.c_str(), [fn, &set](benchmark::State& state) { fn(state, set); });
}

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    static const std::vector<text_set> sets = make_sets();
    static const std::vector<endpoint_set> endpoints = make_endpoint_sets();
#if !IPWIRE_BENCH_HAVE_ASIO
    bench::note("Boost.Asio not found at configure time: the asio comparisons are left out");
#endif
    // The -O2 and -O3 -march=native builds (bench/CMakeLists.txt) run only
    // issue 18's rows, named with the build as a prefix ("O2:parse_v4_random").
    const std::string variant = IPWIRE_BENCH_VARIANT;
    const auto registered = [&variant](const std::string& set) {
        return variant.empty() || set == "v4_random" || set == "v4_fixed" || set == "v6_random" || set == "v6_fixed";
    };
    for (const auto& s : sets) {
        if (!registered(s.name)) continue;
        const std::string p = variant + "parse_" + s.name;
        switch (s.fam) {
        case family::v4:
            add(p + "/ipwire", parse_ipwire<ipwire::ipv4_address>, s);
            add(p + "/inet_pton", parse_inet_pton<AF_INET>, s);
            IPWIRE_BENCH_ASIO(add(p + "/asio", parse_asio<asio_v4>, s));
            break;
        case family::v6:
            add(p + "/ipwire", parse_ipwire<ipwire::ipv6_address>, s);
            add(p + "/inet_pton", parse_inet_pton<AF_INET6>, s);
            IPWIRE_BENCH_ASIO(add(p + "/asio", parse_asio<asio_v6>, s));
            break;
        case family::mixed:
            add(p + "/ipwire", parse_ipwire<ipwire::ip_address>, s);
            add(p + "/inet_pton", parse_inet_pton<0>, s);
            IPWIRE_BENCH_ASIO(add(p + "/asio", parse_asio<asio_any>, s));
            break;
        }
    }
    for (const auto& s : sets) {
        if (!registered(s.name)) continue;
        const std::string f = variant + "format_" + s.name;
        switch (s.fam) {
        case family::v4:
            add(f + "/ipwire", format_ipwire<ipwire::ipv4_address>, s);
            add(f + "/inet_ntop", format_inet_ntop<AF_INET>, s);
            add(f + "/pair_table", format_pair_table, s);
            IPWIRE_BENCH_ASIO(add(f + "/asio", format_asio<asio_v4>, s));
            break;
        case family::v6:
            add(f + "/ipwire", format_ipwire<ipwire::ipv6_address>, s);
            add(f + "/inet_ntop", format_inet_ntop<AF_INET6>, s);
            IPWIRE_BENCH_ASIO(add(f + "/asio", format_asio<asio_v6>, s));
            break;
        case family::mixed:
            add(f + "/ipwire", format_ipwire<ipwire::ip_address>, s);
            add(f + "/inet_ntop", format_inet_ntop<0>, s);
            IPWIRE_BENCH_ASIO(add(f + "/asio", format_asio<asio_any>, s));
            add("to_string_" + s.name + "/ipwire", to_string_ipwire<ipwire::ip_address>, s);
            IPWIRE_BENCH_ASIO(add("to_string_" + s.name + "/asio", format_asio<asio_any>, s));
            break;
        }
    }
    for (const auto& s : endpoints) {
        if (!variant.empty()) break;
        add("endpoint_parse_" + s.name + "/ipwire", endpoint_parse_ipwire, s);
#if IPWIRE_BENCH_HAVE_ASIO
        add("endpoint_parse_" + s.name + "/asio", endpoint_parse_asio, s);
#endif
    }
    for (const auto& s : endpoints) {
        if (!variant.empty()) break;
        add("endpoint_format_" + s.name + "/ipwire", endpoint_format_ipwire, s);
#if IPWIRE_BENCH_HAVE_ASIO
        add("endpoint_format_" + s.name + "/asio", endpoint_format_asio, s);
#endif
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
