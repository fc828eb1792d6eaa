// ipwire's address parsers and IPv6 text against the C library's inet_pton and
// inet_ntop (POSIX <arpa/inet.h>) over generated strings: random text, mutated
// addresses, edge cases and random addresses. Each family uses its own
// fixed-seed std::mt19937_64, so a failure reproduces; the input is captured.
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#include <doctest/doctest.h>

#if __has_include(<arpa/inet.h>)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using v4_bytes = ipwire::ipv4_address::bytes_type;
using v6_bytes = ipwire::ipv6_address::bytes_type;

constexpr std::uint64_t base_seed = 0x69707769'72650001ULL; // "ipwire" 1
constexpr std::size_t strings_per_family = 200'000;
constexpr std::size_t failures_shown = 20; // per family; all are counted

// ---------------------------------------------------------------------------
// The documented differences between ipwire and this C library. Each one is a
// rule here, checked both ways: where it applies the C library's text must be
// exactly what the rule says, and ipwire's exactly what ipwire promises.
//
// 1. Zones (RFC 4007 section 11, API.md Addresses). inet_pton has no notion of
//    "%zone" and rejects every string with '%'. ipwire accepts "address%zone"
//    when the address is one inet_pton accepts and the zone is 1-15 RFC 3986
//    unreserved characters, keeps the zone as written, and prints it after the
//    address. Strings with '%' are checked against that rule instead.
// 2. IPv4-compatible text (RFC 4291 section 2.5.5.1, deprecated). For an
//    address whose first six groups are zero and whose seventh is not (the
//    ::/96 addresses but those like :: and ::1, whose seventh group is zero
//    too), glibc's inet_ntop writes "::a.b.c.d"; ipwire writes hex, "::g6:g7",
//    as RFC 5952 section 4 and API.md ("every other address in hex
//    (IPv4-compatible ::a.b.c.d too)") ask.
//
// Found by experiment to be the same, so not exceptions: glibc 2.36's
// inet_ntop follows RFC 5952 section 4.2.2 (a single zero group is written
// "0", never "::"), takes the first of equal longest runs (section 4.2.3),
// writes lower case (section 4.3) and IPv4-mapped addresses as
// "::ffff:a.b.c.d" (section 5). Its inet_pton takes at most four hex digits a
// group, a strict dotted quad (no leading zeros, so "::1.2.3.04" is rejected
// by both) only as the last 32 bits, and rejects a "::" that stands for no
// group, exactly like ipwire.

// The IPv6 text rules were established against glibc (2.36). Another C
// library's inet_ntop may write IPv4-compatible or single-zero-group text its
// own way (the BIND-derived BSD code does), so elsewhere only verdicts and
// bytes are compared.
#if defined(__GLIBC__)
constexpr bool text_rules_known = true;
std::string c_library() { return std::string("glibc ") + gnu_get_libc_version(); }
#else
constexpr bool text_rules_known = false;
std::string c_library() { return "a C library other than glibc: IPv6 text not compared"; }
#endif

constexpr bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

// Rule 1: whether `zone` is one ipwire keeps.
constexpr bool valid_zone(std::string_view zone) {
    if (zone.empty() || zone.size() > 15) return false;
    for (char c : zone)
        if (!is_unreserved(c)) return false;
    return true;
}
static_assert(valid_zone("eth0") && valid_zone("25") && valid_zone("a-b.c_d~") && valid_zone("123456789012345"));
static_assert(!valid_zone("") && !valid_zone("1234567890123456") && !valid_zone("a%") && !valid_zone("a b") &&
              !valid_zone("a/24") && !valid_zone("\xc3\xa9"));

constexpr std::uint16_t group_of(const v6_bytes& b, std::size_t i) {
    return static_cast<std::uint16_t>(b[2 * i] << 8U | b[2 * i + 1]);
}

// Rule 2: whether glibc writes this address as "::a.b.c.d".
constexpr bool glibc_writes_compatible_dotted(const v6_bytes& b) {
    for (std::size_t i = 0; i < 6; ++i)
        if (group_of(b, i) != 0) return false;
    return group_of(b, 6) != 0;
}

std::string hex16(std::uint16_t v) {
    constexpr char digits[] = "0123456789abcdef";
    std::string out;
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const auto d = static_cast<unsigned>(v >> static_cast<unsigned>(shift)) & 0xFU;
        if (d != 0 || started || shift == 0) {
            out += digits[d];
            started = true;
        }
    }
    return out;
}

std::string dotted(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    return std::to_string(a) + '.' + std::to_string(b) + '.' + std::to_string(c) + '.' + std::to_string(d);
}

// ---------------------------------------------------------------------------
// The C library's view of a string.

struct pton_result {
    bool ok = false;
    std::array<std::uint8_t, 16> bytes{};
};

pton_result c_pton(int family, const std::string& text) {
    pton_result r;
    r.ok = inet_pton(family, text.c_str(), r.bytes.data()) == 1;
    return r;
}

std::string c_ntop(int family, const std::uint8_t* bytes) {
    char buffer[INET6_ADDRSTRLEN] = {};
    const char* s = inet_ntop(family, bytes, buffer, sizeof buffer);
    return s ? std::string(s) : std::string("<inet_ntop failed>");
}

// The input as printable ASCII for failure messages.
std::string printable(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (u >= 0x20 && u < 0x7F) {
            out += c;
        } else {
            constexpr char digits[] = "0123456789abcdef";
            out += "\\x";
            out += digits[u >> 4U];
            out += digits[u & 0xFU];
        }
    }
    return out + "\"";
}

struct family_stats {
    std::string_view name;
    std::size_t strings = 0;
    std::size_t v4_accepted = 0;
    std::size_t v6_accepted = 0; // without a zone
    std::size_t zoned_accepted = 0;
    std::size_t zoned_rejected = 0;
    std::size_t compatible_dotted = 0; // rule 2 applied
    std::size_t failures = 0;

    void fail(std::string_view input, std::string_view what, const std::string& ipwire_side,
              const std::string& c_side) {
        if (++failures > failures_shown) return;
        const std::string family(name);
        const std::string shown = printable(input);
        CAPTURE(family);
        CAPTURE(shown);
        CAPTURE(ipwire_side);
        CAPTURE(c_side);
        FAIL_CHECK(what);
    }

    void report() const {
        CHECK(failures == 0);
        const std::string summary = std::string(name) + " (" + c_library() + "): " + std::to_string(strings) +
                                    " strings, IPv4 accepted " + std::to_string(v4_accepted) + ", IPv6 accepted " +
                                    std::to_string(v6_accepted) + ", with '%': " + std::to_string(zoned_accepted) +
                                    " accepted / " + std::to_string(zoned_rejected) +
                                    " rejected, rule 2 (glibc ::a.b.c.d) applied " + std::to_string(compatible_dotted) +
                                    ", differences " + std::to_string(failures);
        MESSAGE(summary);
    }
};

template <class R>
std::string describe(const R& r) {
    if (r) return "accepted: " + r->to_string();
    return "rejected: " + std::string(ipwire::to_string(r.error()));
}

// The whole check for one string.
void check(std::string_view text, family_stats& st) {
    ++st.strings;
    const std::string c_text(text); // inet_pton wants a NUL-terminated string
    if (c_text.find('\0') != std::string::npos) {
        st.fail(text, "generator bug: NUL in a string", "", "");
        return;
    }

    // IPv4: the same verdict, the same bytes, the same text back.
    {
        const auto mine = ipwire::ipv4_address::parse(text);
        const auto theirs = c_pton(AF_INET, c_text);
        if (mine.has_value() != theirs.ok) {
            st.fail(text, "ipv4_address::parse and inet_pton(AF_INET) disagree", describe(mine),
                    theirs.ok ? "accepted" : "rejected");
        } else if (mine) {
            ++st.v4_accepted;
            const auto& b = mine->to_bytes();
            const std::string back = c_ntop(AF_INET, theirs.bytes.data());
            if (!std::equal(b.begin(), b.end(), theirs.bytes.begin()))
                st.fail(text, "IPv4 bytes differ", mine->to_string(), back);
            else if (mine->to_string() != back)
                st.fail(text, "IPv4 text differs from inet_ntop", mine->to_string(), back);
        }
    }

    // IPv6: rule 1 for strings with '%', inet_pton's verdict for the others.
    const auto mine = ipwire::ipv6_address::parse(text);
    const std::size_t percent = text.find('%');
    const std::string address_part = c_text.substr(0, percent);
    const std::string_view zone = percent == std::string::npos ? std::string_view{} : text.substr(percent + 1);
    if (percent != std::string::npos && c_pton(AF_INET6, c_text).ok) {
        st.fail(text, "inet_pton(AF_INET6) accepted a '%': rule 1 is wrong", describe(mine), "accepted");
        return;
    }
    const auto theirs = c_pton(AF_INET6, address_part);
    const bool expected = theirs.ok && (percent == std::string::npos || valid_zone(zone));
    if (mine.has_value() != expected) {
        st.fail(text,
                percent == std::string::npos ? "ipv6_address::parse and inet_pton(AF_INET6) disagree"
                                             : "ipv6_address::parse breaks rule 1 (address%zone)",
                describe(mine), theirs.ok ? "address part accepted" : "address part rejected");
        return;
    }
    if (percent != std::string::npos) ++(mine ? st.zoned_accepted : st.zoned_rejected);
    if (!mine) return;
    if (percent == std::string::npos) ++st.v6_accepted;

    const auto& b = mine->to_bytes();
    if (!std::equal(b.begin(), b.end(), theirs.bytes.begin())) {
        st.fail(text, "IPv6 bytes differ", mine->to_string(), c_ntop(AF_INET6, theirs.bytes.data()));
        return;
    }
    if (mine->zone() != zone) st.fail(text, "zone not kept as written", std::string(mine->zone()), std::string(zone));

    if (!text_rules_known) return;
    std::string c_back = c_ntop(AF_INET6, theirs.bytes.data());
    if (glibc_writes_compatible_dotted(b)) {
        // Rule 2, both sides pinned down.
        ++st.compatible_dotted;
        const std::string glibc_form = "::" + dotted(b[12], b[13], b[14], b[15]);
        if (c_back != glibc_form) st.fail(text, "rule 2 does not describe inet_ntop", glibc_form, c_back);
        c_back = "::" + hex16(group_of(b, 6)) + ':' + hex16(group_of(b, 7));
    }
    if (percent != std::string::npos) c_back += std::string(text.substr(percent));
    if (mine->to_string() != c_back) st.fail(text, "IPv6 text differs from inet_ntop", mine->to_string(), c_back);
}

// ---------------------------------------------------------------------------
// Generators.

using rng = std::mt19937_64;

std::size_t below(rng& g, std::size_t n) { return static_cast<std::size_t>(g() % n); }
bool one_in(rng& g, std::size_t n) { return below(g, n) == 0; }

v4_bytes random_v4(rng& g) {
    v4_bytes b{};
    for (auto& x : b) {
        // Small, two-digit and three-digit octets all show up.
        switch (below(g, 4)) {
        case 0: x = static_cast<std::uint8_t>(below(g, 10)); break;
        case 1: x = static_cast<std::uint8_t>(below(g, 100)); break;
        default: x = static_cast<std::uint8_t>(g()); break;
        }
    }
    return b;
}

std::uint16_t random_group(rng& g) {
    switch (below(g, 6)) {
    case 0:
    case 1: return 0;
    case 2: return static_cast<std::uint16_t>(below(g, 0x10));
    case 3: return static_cast<std::uint16_t>(below(g, 0x100));
    case 4: return static_cast<std::uint16_t>(below(g, 0x1000));
    default: return static_cast<std::uint16_t>(g());
    }
}

// Random addresses that make every compression choice likely: zero-heavy
// groups, IPv4-mapped, IPv4-compatible, special short ones, fully random.
v6_bytes random_v6(rng& g) {
    v6_bytes b{};
    auto set_group = [&b](std::size_t i, std::uint16_t v) {
        b[2 * i] = static_cast<std::uint8_t>(v >> 8U);
        b[2 * i + 1] = static_cast<std::uint8_t>(v);
    };
    switch (below(g, 10)) {
    case 0:
        for (auto& x : b) x = static_cast<std::uint8_t>(g());
        break;
    case 1: // ::ffff:a.b.c.d
        b[10] = b[11] = 0xFF;
        for (std::size_t i = 12; i < 16; ++i) b[i] = static_cast<std::uint8_t>(one_in(g, 4) ? 0 : g());
        break;
    case 2: // ::a.b.c.d and ::x
        for (std::size_t i = 12; i < 16; ++i) b[i] = static_cast<std::uint8_t>(one_in(g, 3) ? 0 : g());
        break;
    case 3: { // one non-zero group
        const std::size_t at = below(g, 8);
        set_group(at, random_group(g));
        break;
    }
    default:
        for (std::size_t i = 0; i < 8; ++i) set_group(i, random_group(g));
        break;
    }
    return b;
}

constexpr char hex_lower[] = "0123456789abcdef";
constexpr char hex_upper[] = "0123456789ABCDEF";

// Any valid RFC 4291 text of `b`: a random zero run (or none) as "::", random
// leading zeros, random case, sometimes the last 32 bits as a dotted quad.
std::string free_form(const v6_bytes& b, rng& g) {
    const bool tail = one_in(g, 4);
    const std::size_t n = tail ? 6 : 8;
    // Pick a random sub-run of a random zero run of the hex groups.
    std::size_t from = n, to = n; // [from, to) compressed, from == n: none
    if (!one_in(g, 4)) {
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j < n && group_of(b, j) == 0) ++j;
            if (j > i) {
                runs.emplace_back(i, j);
                i = j;
            } else {
                ++i;
            }
        }
        if (!runs.empty()) {
            const auto [start, stop] = runs[below(g, runs.size())];
            from = start + below(g, stop - start);
            to = from + 1 + below(g, stop - from);
        }
    }
    // With every group present and no "::", a dotted tail still needs the ':'.
    std::string out;
    auto write_group = [&](std::size_t i) {
        const std::uint16_t v = group_of(b, i);
        std::size_t digits = v >= 0x1000 ? 4 : v >= 0x100 ? 3 : v >= 0x10 ? 2 : 1;
        digits += below(g, 5 - digits);
        for (std::size_t k = digits; k-- > 0;) {
            const auto d = static_cast<unsigned>(v >> (4 * k)) & 0xFU;
            out += one_in(g, 2) ? hex_upper[d] : hex_lower[d];
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (i == from) {
            out += "::";
            i = to - 1;
            continue;
        }
        if (i != 0 && i != to) out += ':';
        write_group(i);
    }
    if (tail) {
        if (to != n || from == n) out += ':';
        out += dotted(b[12], b[13], b[14], b[15]);
    }
    return out;
}

std::string random_zone(rng& g) {
    constexpr std::string_view chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";
    std::string zone;
    const std::size_t length = 1 + below(g, 15);
    for (std::size_t i = 0; i < length; ++i) zone += chars[below(g, chars.size())];
    return zone;
}

std::string ipwire_text(const v6_bytes& b) { return ipwire::ipv6_address(b).to_string(); }

// A valid text of a random kind: the base of the mutation family.
std::string valid_text(rng& g) {
    switch (below(g, 8)) {
    case 0: return ipwire::ipv4_address(random_v4(g)).to_string();
    case 1: {
        const auto b = random_v4(g);
        return c_ntop(AF_INET, b.data());
    }
    case 2: return ipwire_text(random_v6(g));
    case 3: {
        const auto b = random_v6(g);
        return c_ntop(AF_INET6, b.data());
    }
    case 4: {
        const std::string address = free_form(random_v6(g), g);
        return address + '%' + random_zone(g);
    }
    default: return free_form(random_v6(g), g);
    }
}

// Delete, insert, replace or duplicate a character.
void mutate(std::string& s, rng& g) {
    // The random alphabet plus what often sits next to an address and a few
    // bytes outside ASCII (never NUL: inet_pton would stop there).
    constexpr std::string_view extra = "0123456789abcdefABCDEF:.%x gG/[]-+_~\t\n\r\v\f\x7f\x80\xc2\xd9\xff";
    const std::size_t kind = s.empty() ? 1 : below(g, 4);
    const std::size_t at = s.empty() ? 0 : below(g, s.size());
    switch (kind) {
    case 0: s.erase(at, 1); break;
    case 1: {
        const std::size_t where = below(g, s.size() + 1);
        s.insert(where, 1, extra[below(g, extra.size())]);
        break;
    }
    case 2: s[at] = extra[below(g, extra.size())]; break;
    default: s.insert(at, 1, s[at]); break;
    }
}

} // namespace

TEST_CASE("inet: random strings over the alphabet 0-9 a-f A-F colon dot percent x space, lengths 0-46") {
    rng g(base_seed + 1);
    constexpr std::string_view alphabet = "0123456789abcdefABCDEF:.%x ";
    family_stats st{"random"};
    std::string s;
    for (std::size_t n = 0; n < strings_per_family; ++n) {
        s.clear();
        const std::size_t length = below(g, 47);
        for (std::size_t i = 0; i < length; ++i) s += alphabet[below(g, alphabet.size())];
        check(s, st);
    }
    st.report();
}

TEST_CASE("inet: mutations of valid addresses (delete, insert, replace, duplicate)") {
    rng g(base_seed + 2);
    family_stats st{"mutations"};
    for (std::size_t n = 0; n < strings_per_family; ++n) {
        std::string s = valid_text(g);
        const std::size_t edits = 1 + below(g, 3);
        for (std::size_t i = 0; i < edits; ++i) mutate(s, g);
        check(s, st);
    }
    st.report();
}

TEST_CASE("inet: random valid addresses formatted by ipwire, by inet_ntop and in free form") {
    rng g(base_seed + 3);
    family_stats st{"valid"};
    for (std::size_t n = 0; n < strings_per_family / 8; ++n) {
        const auto v4 = random_v4(g);
        check(ipwire::ipv4_address(v4).to_string(), st);
        check(c_ntop(AF_INET, v4.data()), st);

        const auto v6 = random_v6(g);
        const std::string mine = ipwire_text(v6);
        check(mine, st);
        check(c_ntop(AF_INET6, v6.data()), st);
        check(free_form(v6, g), st);
        check(free_form(v6, g), st);
        check(mine + '%' + random_zone(g), st);
        check(ipwire::ipv6_address(v6).to_string({.expanded = true, .upper_case = one_in(g, 2)}), st);
    }
    st.report();
}

TEST_CASE("inet: edge cases") {
    family_stats st{"edges"};

    // Hand-picked: leading zeros, 256, "::" in every odd place, tails, 5-digit
    // groups, whitespace, signs, hex and octal IPv4, zones.
    constexpr std::string_view picked[] = {
        "",
        " ",
        ".",
        ":",
        "::",
        ":::",
        "::::",
        "%",
        "::%",
        "::%eth0",
        "::1%",
        "::1%%",
        "::1%eth0%",
        "::1%eth0 ",
        "0.0.0.0",
        "255.255.255.255",
        "256.0.0.0",
        "0.0.0.256",
        "1.2.3.4",
        "01.2.3.4",
        "1.02.3.4",
        "1.2.3.04",
        "1.2.3.004",
        "1.2.3.0",
        "00.0.0.0",
        "000.0.0.0",
        "1.2.3",
        "1.2.3.4.5",
        "1..3.4",
        ".1.2.3.4",
        "1.2.3.4.",
        "1.2.3.4 ",
        " 1.2.3.4",
        "1.2.3.4\n",
        "\t1.2.3.4",
        "1.2.3. 4",
        "0x1.2.3.4",
        "1.2.3.0x4",
        "1.2.3.4a",
        "+1.2.3.4",
        "1.2.3.-4",
        "4294967295",
        "127.1",
        "127.0.1",
        "1.2.3.4%eth0",
        "1.2.3.4:80",
        "1.2.3.4/24",
        "::1",
        "::0",
        "0::",
        "0::0",
        "1::",
        "::1:",
        ":1::",
        "1:::2",
        "1::2::3",
        "::1::",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1::3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7",
        ":1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:",
        "0:0:0:0:0:0:0:0",
        "00000::",
        "::00000",
        "::10000",
        "::fffff",
        "1:2:3:4:5:6:7:00008",
        "0000::",
        "::0000",
        "ffff::FFFF",
        "::1.2.3.4",
        "::ffff:1.2.3.4",
        "::FFFF:1.2.3.4",
        "::1.2.3.04",
        "::01.2.3.4",
        "::256.2.3.4",
        "::1.2.3",
        "::1.2.3.4.5",
        "::1.2.3.4:5",
        "::1.2.3.4::",
        "1.2.3.4::",
        "1.2.3.4::1",
        "::1.2.3.4:ffff",
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:1.2.3.4",
        "1:2:3:4:5::1.2.3.4",
        "1:2:3:4:5:6::1.2.3.4",
        "::2:3:4:5:6:1.2.3.4",
        "::1:2:3:4:5:6:1.2.3.4",
        "::ffff:1.2.3.4%eth0",
        "::1.2.3.4%1",
        "1::1.2.3.4",
        "::a.b.c.d",
        "::1.2.3.x",
        "1:2:3:4:5:6:7:8%eth0",
        "fe80::1%eth0",
        "fe80::1%en0.1",
        "fe80::1%a~b_c-d.e",
        "fe80::1%123456789012345",
        "fe80::1%1234567890123456",
        "fe80::1%eth 0",
        "fe80::1%25eth0",
        "[::1]",
        "::1 ",
        " ::1",
        "::1\n",
        "::1\t",
        "::\v",
        "\f::",
        "::1/128",
        "::g",
        "g::",
        "::-1",
        "::+1",
        "-::",
        "::x",
        "0x::",
        "\xef\xbc\x91::", // FULLWIDTH DIGIT ONE
        "::\xd9\xa1",     // ARABIC-INDIC DIGIT ONE
        "1.2.3.\xd9\xa4", // ARABIC-INDIC DIGIT FOUR
    };
    for (std::string_view s : picked) check(s, st);

    // Every octet spelling at every position of a dotted quad, alone and as
    // an IPv6 tail.
    constexpr std::string_view octets[] = {"0",   "00",  "000", "0000", "01",   "001",  "010",  "1",   "9",
                                           "10",  "99",  "100", "199",  "200",  "249",  "250",  "255", "256",
                                           "260", "299", "300", "999",  "1000", "0255", "2555", "",    " 1",
                                           "1 ",  "+1",  "-0",  "0x1",  "1e2",  "a",    "1a"};
    for (std::size_t position = 0; position < 4; ++position) {
        for (std::string_view o : octets) {
            std::string quad;
            for (std::size_t i = 0; i < 4; ++i) {
                if (i != 0) quad += '.';
                quad += i == position ? std::string(o) : std::to_string(i + 1);
            }
            for (std::string_view head : {"", "::", "::ffff:", "1:2:3:4:5:6:", "1::", "1:2:3:4:5:6:7:"})
                check(std::string(head) + quad, st);
        }
    }

    // Every group spelling at every position, written out and compressed.
    constexpr std::string_view groups[] = {"0",    "00",    "000",  "0000", "00000", "1",     "01",    "001",
                                           "0001", "00001", "ffff", "FFFF", "fFfF",  "10000", "fffff", "g",
                                           "-1",   "+1",    " 1",   "1 ",   "",      "0x1",   "12345"};
    for (std::size_t position = 0; position < 8; ++position) {
        for (std::string_view x : groups) {
            std::string full;
            for (std::size_t i = 0; i < 8; ++i) {
                if (i != 0) full += ':';
                full += i == position ? std::string(x) : std::to_string(i + 1);
            }
            check(full, st);
        }
    }
    for (std::string_view x : groups) {
        const std::string g(x);
        for (const std::string& s : {g + "::", "::" + g, "1::" + g, g + "::1", "1:" + g + "::", "::" + g + ":1"})
            check(s, st);
    }

    // Whitespace around and inside valid texts.
    for (std::string_view valid : {"1.2.3.4", "::", "::1", "fe80::1", "::ffff:1.2.3.4", "fe80::1%eth0"}) {
        for (char w : {' ', '\t', '\n', '\r', '\v', '\f'}) {
            const std::string v(valid);
            check(w + v, st);
            check(v + w, st);
            for (std::size_t at = 1; at < v.size(); ++at) check(v.substr(0, at) + w + v.substr(at), st);
        }
    }

    // Every string over {'1', ':', '.'} of up to 10 characters: every
    // compression, empty group, tail and octet count in a short address.
    std::string s;
    for (std::size_t length = 0; length <= 10; ++length) {
        std::size_t combinations = 1;
        for (std::size_t i = 0; i < length; ++i) combinations *= 3;
        for (std::size_t c = 0; c < combinations; ++c) {
            s.clear();
            for (std::size_t i = 0, k = c; i < length; ++i, k /= 3) s += "1:."[k % 3];
            check(s, st);
        }
    }
    st.report();
}

#else
TEST_CASE("inet: no <arpa/inet.h> on this platform" * doctest::skip()) {}
#endif
