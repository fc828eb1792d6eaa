// The run-time text fast paths (issue 18) against the scalar, constexpr path:
// every input gives the same value (or the same errc) and the same end
// position on both. Inputs: every shared oracle case, every length 0-64, every
// byte value at every position of base strings, every octet form 0-999 with
// and without leading zeros at each of the four places. Each input sits in a
// heap block of exactly its size, so a read past it shows under ASan and
// valgrind. Every fast implementation compiled in is run (SWAR always, SSE2 on
// x86-64, SSE4.1 under -msse4.1), not only the one this build dispatches to.
#include <ipwire/endpoint.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif
#ifndef IPWIRE_SHARED_DIR
#define IPWIRE_SHARED_DIR ""
#endif

namespace {

namespace d = ipwire::detail;
using ipwire::errc;

// The input in a heap block of exactly its size.
class exact_text {
public:
    explicit exact_text(std::string_view t) : bytes_(new char[t.empty() ? 1 : t.size()]), size_(t.size()) {
        if (!t.empty()) std::memcpy(bytes_.get(), t.data(), t.size());
    }
    [[nodiscard]] const char* begin() const noexcept { return bytes_.get(); }
    [[nodiscard]] const char* end() const noexcept { return bytes_.get() + size_; }

private:
    std::unique_ptr<char[]> bytes_;
    std::size_t size_;
};

// What a parse gave: the value's bytes or the errc, and how far it read.
struct outcome {
    bool ok = false;
    std::array<std::uint8_t, 16> value{};
    errc error{};
    std::ptrdiff_t consumed = 0;
    friend bool operator==(const outcome&, const outcome&) = default;
};

std::string show(std::string_view t) {
    std::string out;
    for (const char c : t) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F && c != '\\') {
            out += c;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        }
    }
    return out;
}

outcome from_v4(const ipwire::result<std::uint32_t>& r, const char* it, const char* start) {
    outcome o;
    o.ok = r.has_value();
    if (r) {
        for (unsigned i = 0; i < 4; ++i) o.value[i] = static_cast<std::uint8_t>(*r >> (24U - 8U * i));
        o.consumed = it - start;
    } else {
        o.error = r.error();
    }
    return o;
}
outcome from_v6(const ipwire::result<d::ipv6_bytes>& r, const char* it, const char* start) {
    outcome o;
    o.ok = r.has_value();
    if (r) {
        o.value = *r;
        o.consumed = it - start;
    } else {
        o.error = r.error();
    }
    return o;
}

outcome scalar_v4(const exact_text& t) {
    const char* it = t.begin();
    const auto r = d::parse_ipv4_scalar(it, t.end());
    return from_v4(r, it, t.begin());
}
outcome scalar_v6(const exact_text& t) {
    const char* it = t.begin();
    const auto r = d::parse_ipv6_scalar(it, t.end());
    return from_v6(r, it, t.begin());
}

using v4_fast = bool (*)(const char*&, const char*, std::uint32_t&) noexcept;
using v6_fast = bool (*)(const char*&, const char*, d::ipv6_bytes&) noexcept;

struct named_v4 {
    const char* name;
    v4_fast parse;
};
struct named_v6 {
    const char* name;
    v6_fast parse;
};

const std::vector<named_v4>& v4_paths() {
    static const std::vector<named_v4> paths = {
        {"swar", &d::parse_ipv4_swar},
#if IPWIRE_TEXT_SSE2
        {"sse2", &d::parse_ipv4_sse2},
#endif
#if IPWIRE_TEXT_SSE41
        {"sse41", &d::parse_ipv4_sse41},
#endif
    };
#if IPWIRE_TEXT_SSE41_DISPATCH
    // Compiled for SSE4.1 alone: run only where the processor has it.
    static const std::vector<named_v4> with_sse41 = [] {
        auto all = paths;
        if (d::cpu_has_sse41()) all.push_back({"sse41 (run-time choice)", &d::parse_ipv4_sse41});
        return all;
    }();
    return with_sse41;
#else
    return paths;
#endif
}
const std::vector<named_v6>& v6_paths() {
    static const std::vector<named_v6> paths = {
        {"swar", &d::parse_ipv6_swar},
#if IPWIRE_TEXT_SSE2
        {"sse2", &d::parse_ipv6_sse2},
#endif
    };
    return paths;
}

// Counts and reports disagreements, so one CHECK at the end says how many
// inputs agreed and the first few disagreements are named.
struct tally {
    std::size_t inputs = 0;
    std::size_t fast_accepted = 0;
    std::size_t mismatches = 0;
    void fail(const std::string& what, std::string_view input) {
        if (++mismatches <= 10) FAIL_CHECK(what << " differs on \"" << show(input) << "\"");
    }
};

// One input through every path of both families and the public parsers.
void compare(std::string_view input, tally& t) {
    ++t.inputs;
    const exact_text text(input);

    const outcome s4 = scalar_v4(text);
    for (const auto& p : v4_paths()) {
        const char* it = text.begin();
        std::uint32_t v = 0;
        if (p.parse(it, text.end(), v)) {
            ++t.fast_accepted;
            if (from_v4(v, it, text.begin()) != s4) t.fail(std::string("IPv4 ") + p.name, input);
        } else {
            if (it != text.begin()) t.fail(std::string("IPv4 ") + p.name + " moved on a refusal", input);
            // Every valid dotted quad is taken by the fast path: it never needs the scalar one.
            if (s4.ok) t.fail(std::string("IPv4 ") + p.name + " refused valid text", input);
        }
    }
    {
        const char* it = text.begin();
        const auto r = d::parse_ipv4(it, text.end());
        if (from_v4(r, it, text.begin()) != s4) t.fail("IPv4 dispatch", input);
    }

    const outcome s6 = scalar_v6(text);
    for (const auto& p : v6_paths()) {
        const char* it = text.begin();
        d::ipv6_bytes v{};
        if (p.parse(it, text.end(), v)) {
            ++t.fast_accepted;
            if (from_v6(v, it, text.begin()) != s6) t.fail(std::string("IPv6 ") + p.name, input);
        } else if (it != text.begin()) {
            t.fail(std::string("IPv6 ") + p.name + " moved on a refusal", input);
        }
    }
    {
        const char* it = text.begin();
        const auto r = d::parse_ipv6(it, text.end());
        if (from_v6(r, it, text.begin()) != s6) t.fail("IPv6 dispatch", input);
    }

    // The public parsers at run time against the same text evaluated by the
    // scalar rules they are made of.
    const auto v4 = ipwire::ipv4_address::parse(input);
    if (v4.has_value() != (s4.ok && s4.consumed == static_cast<std::ptrdiff_t>(input.size())) ||
        (!s4.ok && v4.error() != (input.empty() ? errc::empty : s4.error)))
        t.fail("ipv4_address::parse", input);
    const auto ip = ipwire::ip_address::parse(input);
    const auto ip_ref = [&] {
        // ip_address's rule: the family by the first ':' or '.', then that family's whole-text parse.
        if (input.empty()) return ipwire::result<ipwire::ip_address>(errc::empty);
        if (d::looks_like_v6(text.begin(), text.end())) {
            // The IPv6 rule itself is compared above (s6); here only the family choice.
            const auto v6 = ipwire::ipv6_address::parse(input);
            if (!v6) return ipwire::result<ipwire::ip_address>(v6.error());
            return ipwire::result<ipwire::ip_address>(*v6);
        }
        if (!s4.ok) return ipwire::result<ipwire::ip_address>(s4.error);
        if (s4.consumed != static_cast<std::ptrdiff_t>(input.size()))
            return ipwire::result<ipwire::ip_address>(input[static_cast<std::size_t>(s4.consumed)] == '%'
                                                          ? errc::zone_not_allowed
                                                          : errc::trailing_characters);
        return ipwire::result<ipwire::ip_address>(
            ipwire::ipv4_address(ipwire::ipv4_address::bytes_type{s4.value[0], s4.value[1], s4.value[2], s4.value[3]}));
    }();
    if (ip.has_value() != ip_ref.has_value() || ip.error() != ip_ref.error() || (ip && ip_ref && *ip != *ip_ref))
        t.fail("ip_address::parse", input);
}

void compare_all(const std::vector<std::string>& inputs, tally& t) {
    for (const auto& s : inputs) compare(s, t);
}

// --- inputs ------------------------------------------------------------------------

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The oracle files' cell escapes (\\ \t \n \xNN), per shared/oracle/README.md.
std::string unescape(std::string_view cell) {
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] != '\\' || i + 1 == cell.size()) {
            out += cell[i];
            continue;
        }
        const char n = cell[++i];
        if (n == 't')
            out += '\t';
        else if (n == 'n')
            out += '\n';
        else if (n == 'x' && i + 2 < cell.size()) {
            out += static_cast<char>(hex_digit(cell[i + 1]) * 16 + hex_digit(cell[i + 2]));
            i += 2;
        } else {
            out += n;
        }
    }
    return out;
}

// The first column of every row of an oracle table (the header left out).
std::vector<std::string> oracle_inputs(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        out.push_back(unescape(std::string_view(line).substr(0, line.find('\t'))));
    }
    return out;
}

unsigned draw(std::mt19937& rng) { return static_cast<unsigned>(rng()); }

const std::vector<std::string> base_strings = {
    "1.2.3.4",
    "0.0.0.0",
    "192.168.100.200",
    "255.255.255.255",
    "10.0.0.1:8080",
    "1.2.3.4/24",
    "::",
    "::1",
    "1::",
    "2001:db8:85a3::8a2e:370:7334",
    "1:2:3:4:5:6:7:8",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "fe80::1%eth0",
    "::ffff:192.0.2.1",
    "1:2:3:4:5:6:1.2.3.4",
    "a:b::c:d/64",
    "[2001:db8::1]:443",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
};

} // namespace

TEST_CASE("text fast paths: the SWAR and SSE2 byte masks agree with a per-byte test") {
    // Every byte value at every position of a 48-byte window, the rest random.
    std::mt19937 rng(18);
    std::size_t wrong = 0, windows = 0;
    for (std::size_t pos = 0; pos < 48; ++pos) {
        for (unsigned value = 0; value < 256; ++value) {
            char w[48];
            for (auto& c : w)
                c = static_cast<char>(draw(rng) % 3 == 0 ? "0123456789abcdefABCDEF:.g/%"[draw(rng) % 27U]
                                                         : static_cast<int>(draw(rng) % 256U));
            w[pos] = static_cast<char>(value);
            d::text_masks expect{};
            for (unsigned i = 0; i < 48; ++i) {
                const char c = w[i];
                const std::uint64_t bit = std::uint64_t{1} << i;
                if (c >= '0' && c <= '9') expect.digit |= bit;
                if (hex_digit(c) >= 0) expect.hex |= bit;
                if (c == ':') expect.colon |= bit;
                if (c == '.') expect.dot |= bit;
            }
            const auto check = [&](const d::text_masks& m, std::size_t size) {
                const std::uint64_t keep = size >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << size) - 1;
                if (m.digit != (expect.digit & keep) || m.hex != (expect.hex & keep) ||
                    m.colon != (expect.colon & keep) || m.dot != (expect.dot & keep))
                    ++wrong;
            };
            // Every size the parsers pass: in place from 16 bytes on, in registers below.
            const std::size_t size = (pos * 256 + value) % 49;
            check(d::text_masks_of<d::swar_chunks, 48>(w, size), size);
#if IPWIRE_TEXT_SSE2
            check(d::text_masks_of<d::sse2_chunks, 48>(w, size), size);
#endif
            ++windows;
        }
    }
    CHECK(windows == 48 * 256);
    CHECK(wrong == 0);
}

TEST_CASE("text fast paths: every shared oracle case gives the scalar answer") {
    tally t;
    std::size_t rows = 0;
    for (const std::string& dir : {std::string(IPWIRE_SHARED_DIR) + "/oracle", std::string(IPWIRE_TEST_DATA_DIR)}) {
        for (const char* file : {"/addr_cases.tsv", "/addr_crosscheck.tsv"}) {
            const auto inputs = oracle_inputs(dir + file);
            rows += inputs.size();
            compare_all(inputs, t);
        }
    }
    // tests/data holds addr_cases.tsv (1,034 rows) whether or not ../shared is there.
    CHECK(rows >= 1034);
    CHECK(t.fast_accepted > 500);
    CHECK(t.mismatches == 0);
}

TEST_CASE("text fast paths: every length from 0 to 64") {
    tally t;
    std::vector<std::string> inputs;
    const std::string long_v6 = "1111:2222:3333:4444:5555:6666:7777:8888%abcdefghijklmnopqrstuvwxyz";
    const std::string long_v4 = "111.222.133.144.155.166.177.188.199.200.211.222.233.244.255.1";
    const std::string alphabet = "0123456789abcdefABCDEF:.%/[]-gx \xff";
    std::mt19937 rng(64);
    for (std::size_t n = 0; n <= 64; ++n) {
        for (const char c : std::string("0129af:.%x")) inputs.emplace_back(n, c);
        inputs.push_back(long_v6.substr(0, n));
        inputs.push_back(long_v4.substr(0, n));
        inputs.push_back(std::string("::") + std::string(n, '1'));
        for (int k = 0; k < 300; ++k) {
            std::string s;
            for (std::size_t i = 0; i < n; ++i) s += alphabet[draw(rng) % alphabet.size()];
            inputs.push_back(s);
        }
        // Random valid-looking shapes: groups of 1-4 digits joined by ':' with maybe one "::", maybe a tail.
        for (int k = 0; k < 100; ++k) {
            std::string s;
            const unsigned groups = 1 + draw(rng) % 9;
            const unsigned gap = draw(rng) % (groups + 2);
            for (unsigned g = 0; g < groups && s.size() < n; ++g) {
                if (g != 0) s += ':';
                if (g == gap) s += ':';
                for (unsigned i = 0, len = 1 + draw(rng) % 4; i < len; ++i) s += "0123456789abcdef"[draw(rng) % 16];
            }
            inputs.push_back(s.substr(0, n));
            std::string q;
            for (unsigned o = 0; o < 4 && q.size() < n; ++o) {
                if (o != 0) q += '.';
                q += std::to_string(draw(rng) % (draw(rng) % 2 == 0 ? 256 : 1000));
            }
            inputs.push_back(q.substr(0, n));
        }
    }
    compare_all(inputs, t);
    CHECK(t.inputs == inputs.size());
    CHECK(t.fast_accepted > 1000);
    CHECK(t.mismatches == 0);
}

TEST_CASE("text fast paths: every byte value at every position of the base strings") {
    tally t;
    for (const auto& base : base_strings) {
        std::vector<std::string> inputs;
        for (std::size_t pos = 0; pos < base.size(); ++pos) {
            for (unsigned value = 0; value < 256; ++value) {
                std::string s = base;
                s[pos] = static_cast<char>(value);
                inputs.push_back(s);
                // Inserted too, and each prefix and suffix of the base.
                std::string ins = base;
                ins.insert(pos, 1, static_cast<char>(value));
                inputs.push_back(ins);
            }
            inputs.push_back(base.substr(0, pos));
            inputs.push_back(base.substr(pos));
        }
        compare_all(inputs, t);
    }
    CHECK(t.fast_accepted > 10000);
    CHECK(t.mismatches == 0);
}

TEST_CASE("text fast paths: every octet 0-999, with and without leading zeros, at each place") {
    tally t;
    std::vector<std::string> inputs;
    for (unsigned v = 0; v < 1000; ++v) {
        for (const char* form : {"%u", "%02u", "%03u", "%04u", "0%u"}) {
            char octet[8];
            std::snprintf(octet, sizeof octet, form, v);
            for (unsigned place = 0; place < 4; ++place) {
                std::string s;
                for (unsigned i = 0; i < 4; ++i) {
                    if (i != 0) s += '.';
                    s += i == place ? std::string(octet) : std::to_string(i * 61 + 7);
                }
                inputs.push_back(s);
                inputs.push_back("::ffff:" + s);
            }
        }
    }
    compare_all(inputs, t);
    CHECK(t.inputs == 1000 * 5 * 4 * 2);
    CHECK(t.fast_accepted > 2000);
    CHECK(t.mismatches == 0);
}

TEST_CASE("text fast paths: IPv4 text, fast and scalar writers agree on every octet at every place") {
    std::mt19937 rng(4);
    std::size_t wrong = 0, count = 0;
    const auto check = [&](std::uint32_t a) {
        char fast[16], scalar[16];
        const std::string_view f(fast, static_cast<std::size_t>(d::write_ipv4_fast(fast, a) - fast));
        const std::string_view s(scalar, static_cast<std::size_t>(d::write_ipv4_scalar(scalar, a) - scalar));
        if (f != s) ++wrong;
        // The public to_chars: exact fit works, one byte short writes nothing.
        char out[15];
        std::memset(out, '#', sizeof out);
        const auto r = ipwire::ipv4_address(a).to_chars(out, out + s.size());
        if (r.ec != std::errc{} || std::string_view(out, s.size()) != s) ++wrong;
        std::memset(out, '#', sizeof out);
        const auto short_r = ipwire::ipv4_address(a).to_chars(out, out + s.size() - 1);
        if (short_r.ec != std::errc::value_too_large || std::string_view(out, 15) != "###############") ++wrong;
        ++count;
    };
    for (std::uint32_t v = 0; v < 256; ++v)
        for (unsigned place = 0; place < 4; ++place) check((draw(rng) & ~(0xFFU << (8 * place))) | v << (8 * place));
    for (int i = 0; i < 100000; ++i) check(static_cast<std::uint32_t>(draw(rng)));
    CHECK(count == 1024 + 100000);
    CHECK(wrong == 0);
}

TEST_CASE("text fast paths: IPv6 text, fast and scalar writers agree for every set of zero groups") {
    std::mt19937 rng(6);
    std::size_t wrong = 0, count = 0;
    const auto check = [&](const d::ipv6_bytes& b) {
        for (const bool expanded : {false, true}) {
            for (const bool upper : {false, true}) {
                char fast[64], scalar[64];
                const std::string_view f(fast,
                                         static_cast<std::size_t>(d::write_ipv6_fast(fast, b, expanded, upper) - fast));
                const std::string_view s(
                    scalar, static_cast<std::size_t>(d::write_ipv6_scalar(scalar, b, expanded, upper) - scalar));
                if (f != s) {
                    if (++wrong <= 5) FAIL_CHECK(std::string(f) << " != " << std::string(s));
                }
                ++count;
            }
        }
    };
    for (unsigned zeros = 0; zeros < 256; ++zeros) {
        for (int k = 0; k < 20; ++k) {
            d::ipv6_bytes b{};
            for (unsigned g = 0; g < 8; ++g) {
                // A nonzero group of 1-4 digits, or zero.
                const unsigned digits = 1 + draw(rng) % 4;
                const auto v = static_cast<std::uint16_t>(
                    ((zeros >> g) & 1U) != 0 ? 0 : 1 + draw(rng) % ((1U << (4 * digits)) - 1));
                b[2 * g] = static_cast<std::uint8_t>(v >> 8U);
                b[2 * g + 1] = static_cast<std::uint8_t>(v);
            }
            check(b);
            // The mapped and compatible forms of the same tail.
            d::ipv6_bytes m{};
            m[10] = m[11] = 0xFF;
            for (unsigned i = 12; i < 16; ++i) m[i] = b[i];
            check(m);
            m[10] = m[11] = 0;
            check(m);
        }
    }
    CHECK(count == 256 * 20 * 3 * 4);
    CHECK(wrong == 0);

    // With a zone, through the public to_chars: exact fit, and one short writes nothing.
    const auto a = ipwire::ipv6_address::parse("fe80::1:2%abcdefghijklmno").value();
    const std::string s = a.to_string();
    CHECK(s == "fe80::1:2%abcdefghijklmno");
    std::vector<char> out(s.size(), '#');
    CHECK(a.to_chars(out.data(), out.data() + out.size()).ec == std::errc{});
    CHECK(std::string_view(out.data(), out.size()) == s);
    std::fill(out.begin(), out.end(), '#');
    CHECK(a.to_chars(out.data(), out.data() + out.size() - 1).ec == std::errc::value_too_large);
    CHECK(std::string_view(out.data(), out.size()) == std::string(s.size(), '#'));
}

// The scalar path is what constant evaluation uses: the same texts as above,
// evaluated by the compiler.
static_assert(ipwire::ipv4_address::parse("192.168.100.200").value().to_uint32() == 0xC0A864C8U);
static_assert(ipwire::ipv4_address::parse("1.2.3.04").error() == errc::leading_zero);
static_assert(ipwire::ipv6_address::parse("2001:db8:85a3::8a2e:370:7334").value().group(7) == 0x7334);
static_assert(ipwire::ipv6_address::parse("1:2:3:4:5:6:7:8:9").error() == errc::too_many_groups);
