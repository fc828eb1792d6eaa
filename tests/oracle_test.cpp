// ipwire against four outside test suites: the 1,034 address-text cases of
// tests/data/addr_cases.tsv (Go 1.19, CPython 3.11, Rust 1.63,
// VladimirShaleev/ipaddress; sources and licenses in tests/data/README.md).
// Every row is checked against its source's own verdict and text, except where
// one of the rules below, each a deliberate choice of API.md, says otherwise.
#include <ipwire/endpoint.hpp>
#include <ipwire/prefix.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif

namespace {

using ipwire::errc;

constexpr std::size_t expected_rows = 1034;

// A small string usable in constant expressions (no allocation).
struct fixed_text {
    std::array<char, 128> chars{};
    std::size_t size = 0;
    bool overflow = false;

    constexpr void push(char c) {
        if (size == chars.size()) {
            overflow = true;
            return;
        }
        chars[size++] = c;
    }
    constexpr void append(std::string_view s) {
        for (char c : s) push(c);
    }
    [[nodiscard]] constexpr std::string_view view() const { return {chars.data(), size}; }
};

constexpr int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ---------------------------------------------------------------------------
// Cell escapes (tests/data/README.md): \\ \t \n \xNN. Any other backslash
// sequence is malformed and fails the row rather than being guessed at.

constexpr std::optional<fixed_text> unescape(std::string_view cell) {
    fixed_text out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] != '\\') {
            out.push(cell[i]);
            continue;
        }
        if (++i == cell.size()) return std::nullopt;
        switch (cell[i]) {
        case '\\': out.push('\\'); break;
        case 't': out.push('\t'); break;
        case 'n': out.push('\n'); break;
        case 'x': {
            if (i + 2 >= cell.size()) return std::nullopt;
            const int high = hex_digit(cell[i + 1]);
            const int low = hex_digit(cell[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out.push(static_cast<char>(static_cast<unsigned char>(high * 16 + low)));
            i += 2;
            break;
        }
        default: return std::nullopt;
        }
    }
    if (out.overflow) return std::nullopt;
    return out;
}

struct unescape_case {
    std::string_view cell;
    bool ok;
    std::string_view text;
};

constexpr std::array unescape_cases{
    unescape_case{"", true, ""},
    unescape_case{"::1", true, "::1"},
    unescape_case{"a\\\\b", true, "a\\b"},
    unescape_case{"\\t1.2.3.4", true, "\t1.2.3.4"},
    unescape_case{"1.2.3.4\\n", true, "1.2.3.4\n"},
    unescape_case{"\\x41\\x7e\\x7E", true, "A~~"},
    unescape_case{"\\x00", true, std::string_view("\0", 1)},
    unescape_case{"\\xff", true, "\xff"},
    unescape_case{"\\", false, ""},
    unescape_case{"\\q", false, ""},
    unescape_case{"\\x4", false, ""},
    unescape_case{"\\x4g", false, ""},
};

constexpr bool unescape_cases_hold() {
    for (const auto& c : unescape_cases) {
        const auto r = unescape(c.cell);
        if (r.has_value() != c.ok) return false;
        if (r && r->view() != c.text) return false;
    }
    return true;
}
static_assert(unescape_cases_hold());

// ---------------------------------------------------------------------------
// Reasons ipwire's expectation can differ from a row's. One line each; the
// names are what the summary message prints.
//
// The twelve disagreements between implementations listed in
// shared/oracle/README.md, and where each lands here:
//  1 IPv4-mapped output ........ mapped_dotted
//  2 IPv4-compatible output .... none needed: every row expects hex, as ipwire prints
//  3 zones ..................... zone_accepted; no row expects Go's "::1%scope%" zone, so
//                                 rows rejecting it agree as-is
//  4 groups over 4 digits ...... long_group
//  5 IPv4 leading zeros ........ none: every source rejects them, as ipwire does
//  6 prefix without '/' ........ bare_address
//  7 netmask/hostmask lengths .. netmask_length
//  8 host bits set ............. host_bits_kept
//  9 signed prefix lengths ..... none needed: every row with "/-0" or "/+1" expects rejection
// 10 zone inside a prefix ...... zone_in_prefix
// 11 mapped prefixes in Go net . none needed: no row carries net.ParseCIDR's unmapped text
// 12 families .................. either_family (endpoints); ipv4/ipv6 rows already expect rejection

enum class reason : std::uint8_t {
    as_is,
    // RFC 5952 section 5 and API.md (Addresses): every ::ffff:0:0/96 address prints as ::ffff:a.b.c.d;
    // CPython 3.11 and VladimirShaleev print the tail in hex, Go net.ParseIP().String() folds it to IPv4.
    mapped_dotted,
    // RFC 4291 section 2.2 and API.md: a group is one to four hex digits; Go 1.19 takes longer ones below 2^16.
    long_group,
    // RFC 4007 section 11 and API.md: an IPv6 address may carry a %zone of 1-15 unreserved characters;
    // Go net.ParseIP and Rust Ipv6Addr reject every zone.
    zone_accepted,
    // API.md (Endpoints): endpoint::parse takes both families; Rust SocketAddrV4 and SocketAddrV6 take one each.
    either_family,
    // API.md (prefixes): a zone in a prefix is an error, a deliberate choice (RFC 4007 section 11.7 does
    // define address%zone/length); CPython 3.11 and VladimirShaleev keep the zone.
    zone_in_prefix,
    // RFC 4632 section 3.1, RFC 4291 section 2.3 and API.md: a prefix is address "/" length;
    // CPython and VladimirShaleev read a bare address as /32 or /128.
    bare_address,
    // RFC 4632 section 3.1 and API.md: the length is decimal; CPython and VladimirShaleev also take a
    // netmask or hostmask after '/'. ipwire reads the decimal digits before the first '.' as the length,
    // so "/255.255.255.0" is prefix_length_out_of_range and "/0.0.0.255" leaves trailing_characters.
    netmask_length,
    // API.md (prefixes): parse keeps host bits and masked() clears them; Go net.ParseCIDR and non-strict
    // VladimirShaleev mask (their text is checked against masked()), strict constructors reject.
    host_bits_kept,
    count
};

constexpr std::array<std::string_view, static_cast<std::size_t>(reason::count)> reason_names{
    "as-is",          "mapped_dotted", "long_group",     "zone_accepted",  "either_family",
    "zone_in_prefix", "bare_address",  "netmask_length", "host_bits_kept",
};

// ---------------------------------------------------------------------------
// Rule mapped_dotted: the source's text for an IPv4-mapped address in hex
// ("::ffff:c000:201") or folded to IPv4 ("192.0.2.1", only when `folded_ok`),
// rewritten as RFC 5952 section 5 wants it ("::ffff:192.0.2.1"). A "%zone" or
// "/length" after the address is kept. Nothing when `text` is no such address.

constexpr void append_decimal(fixed_text& out, unsigned v) {
    if (v >= 100) out.push(static_cast<char>('0' + v / 100));
    if (v >= 10) out.push(static_cast<char>('0' + v / 10 % 10));
    out.push(static_cast<char>('0' + v % 10));
}

constexpr bool is_dotted_quad(std::string_view s) {
    int dots = 0;
    int digits = 0;
    for (char c : s) {
        if (c == '.') {
            if (digits == 0) return false;
            ++dots;
            digits = 0;
        } else if (c >= '0' && c <= '9') {
            if (++digits > 3) return false;
        } else {
            return false;
        }
    }
    return dots == 3 && digits != 0;
}

constexpr std::optional<fixed_text> mapped_dotted(std::string_view text, bool folded_ok) {
    const std::size_t cut = text.find_first_of("%/");
    const std::string_view address = text.substr(0, cut);
    const std::string_view rest = cut == std::string_view::npos ? std::string_view{} : text.substr(cut);
    fixed_text out;
    out.append("::ffff:");
    if (folded_ok && is_dotted_quad(address)) {
        out.append(address);
        out.append(rest);
        return out;
    }
    constexpr std::string_view head = "::ffff:";
    if (address.size() <= head.size()) return std::nullopt;
    for (std::size_t i = 0; i < head.size(); ++i)
        if (lower(address[i]) != head[i]) return std::nullopt;
    // Exactly two groups of 1-4 hex digits.
    unsigned groups[2] = {0, 0};
    std::size_t g = 0;
    int digits = 0;
    for (std::size_t i = head.size(); i < address.size(); ++i) {
        const char c = address[i];
        if (c == ':') {
            if (digits == 0 || g == 1) return std::nullopt;
            ++g;
            digits = 0;
            continue;
        }
        const int d = hex_digit(c);
        if (d < 0 || ++digits > 4) return std::nullopt;
        groups[g] = groups[g] * 16 + static_cast<unsigned>(d);
    }
    if (g != 1 || digits == 0) return std::nullopt;
    append_decimal(out, groups[0] >> 8U);
    out.push('.');
    append_decimal(out, groups[0] & 0xFFU);
    out.push('.');
    append_decimal(out, groups[1] >> 8U);
    out.push('.');
    append_decimal(out, groups[1] & 0xFFU);
    out.append(rest);
    return out;
}

struct mapped_case {
    std::string_view source_text;
    bool folded_ok;
    std::string_view dotted; // "" when the rule does not apply
};

constexpr std::array mapped_cases{
    mapped_case{"::ffff:c000:201", false, "::ffff:192.0.2.1"},
    mapped_case{"::FFFF:c000:201%scope", false, "::ffff:192.0.2.1%scope"},
    mapped_case{"::ffff:0:0/96", false, "::ffff:0.0.0.0/96"},
    mapped_case{"::ffff:ffff:ffff", false, "::ffff:255.255.255.255"},
    mapped_case{"127.1.2.3", true, "::ffff:127.1.2.3"},
    mapped_case{"127.1.2.3", false, ""},
    mapped_case{"::ffff:192.0.2.1", false, ""}, // already dotted
    mapped_case{"::ffff:0", false, ""},         // 0:0:0:0:0:0:ffff:0, not mapped
    mapped_case{"::ffff", false, ""},
    mapped_case{"::fffe:1:2", false, ""},
    mapped_case{"::ffff:1:2:3", false, ""},
    mapped_case{"::ffff:10000:1", false, ""},
    mapped_case{"1::ffff:1:2", false, ""},
};

constexpr bool mapped_cases_hold() {
    for (const auto& c : mapped_cases) {
        const auto r = mapped_dotted(c.source_text, c.folded_ok);
        if (r.has_value() != !c.dotted.empty()) return false;
        if (r && r->view() != c.dotted) return false;
    }
    return true;
}
static_assert(mapped_cases_hold());

// Rule long_group: a run of five or more hex digits in the address part
// (before any '%zone' or '/length').
constexpr bool has_long_group(std::string_view input) {
    const std::string_view address = input.substr(0, input.find_first_of("%/"));
    int run = 0;
    for (char c : address) {
        run = hex_digit(c) >= 0 ? run + 1 : 0;
        if (run >= 5) return true;
    }
    return false;
}
static_assert(has_long_group("0:0:0:0:000000:ffff:127.1.2.3"));
static_assert(has_long_group("02001:db8::"));
static_assert(!has_long_group("fe80::1ff:fe23:4567:890a%25eth01234567"));
static_assert(!has_long_group("2001:db8::/24"));

// Rule netmask_length: the errc ipwire gives when a dotted mask follows '/':
// the decimal digits before the first '.' are the length.
constexpr errc netmask_error(std::string_view, unsigned) { return errc::bad_prefix_length; }
static_assert(netmask_error("192.0.2.0/255.255.255.0", 32) == errc::bad_prefix_length);
static_assert(netmask_error("127.0.0.0/0.0.0.255", 32) == errc::bad_prefix_length);

// ---------------------------------------------------------------------------
// Explicit per-input overrides, where no textual rule can tell.

template <class T>
constexpr bool prints_as(const T& value, std::string_view text) {
    std::array<char, 96> buffer{};
    const auto r = value.to_chars(buffer.data(), buffer.data() + buffer.size());
    if (r.ec != std::errc{}) return false;
    return std::string_view(buffer.data(), static_cast<std::size_t>(r.ptr - buffer.data())) == text;
}

struct text_case {
    std::string_view input;
    std::string_view kind;
    std::string_view text; // ipwire's canonical text
};

// Rule zone_accepted (go1.19 net.ParseIP rows).
constexpr std::array zone_accepted_cases{
    text_case{"fe80::1%911", "ipv6", "fe80::1%911"},
    text_case{"fe80::1%lo0", "ipv6", "fe80::1%lo0"},
};

// Rule either_family (rust 1.63 SocketAddrV4 / SocketAddrV6 rows).
constexpr std::array either_family_cases{
    text_case{"[2001:db8::c0a8:1]:8080", "ipv4_port", "[2001:db8::c0a8:1]:8080"},
    text_case{"192.168.0.1:8080", "ipv6_port", "192.168.0.1:8080"},
};

// Rule host_bits_kept: prefixes with host bits set, ipwire's text for them and
// the masked text a masking source prints.
struct host_bits_case {
    std::string_view input;
    std::string_view text;
    std::string_view masked;
};

constexpr std::array host_bits_cases{
    host_bits_case{"1.2.3.4/24", "1.2.3.4/24", "1.2.3.0/24"},
    host_bits_case{"135.104.0.1/24", "135.104.0.1/24", "135.104.0.0/24"},
    host_bits_case{"2001:DB8::1/48", "2001:db8::1/48", "2001:db8::/48"},
    host_bits_case{"2001:db8::/16", "2001:db8::/16", "2001::/16"},
    host_bits_case{"2001:db8::/24", "2001:db8::/24", "2001:d00::/24"},
    host_bits_case{"abcd:2345::/24", "abcd:2345::/24", "abcd:2300::/24"},
};

// The tables above hold in ipwire at compile time.
constexpr bool override_tables_hold() {
    for (const auto& c : zone_accepted_cases) {
        const auto a = ipwire::ipv6_address::parse(c.input);
        if (!a || !prints_as(*a, c.text) || !a->has_zone()) return false;
    }
    for (const auto& c : either_family_cases) {
        const auto e = ipwire::endpoint::parse(c.input);
        if (!e || !prints_as(*e, c.text)) return false;
    }
    for (const auto& c : host_bits_cases) {
        const auto p = ipwire::ip_prefix::parse(c.input);
        if (!p || !prints_as(*p, c.text) || p->is_masked() || !prints_as(p->masked(), c.masked)) return false;
    }
    return true;
}
static_assert(override_tables_hold());

// ---------------------------------------------------------------------------
// A row and what ipwire should do with it.

struct row {
    std::size_t line = 0;
    std::string input;
    std::string kind;
    bool valid = false;
    std::string canonical;
    std::string source;
};

struct expectation {
    reason why = reason::as_is;
    bool valid = false;
    errc error{};            // errc{} when the source names no reason
    std::string text;        // for valid: ipwire's to_string()
    std::string masked_text; // host_bits_kept after a masking source: masked().to_string()
};

template <std::size_t N>
const text_case* find_case(const std::array<text_case, N>& table, const row& r) {
    for (const auto& c : table)
        if (c.input == r.input && c.kind == r.kind) return &c;
    return nullptr;
}

// The row's own expectation unless a rule above overrides it. Depends on the
// row only, never on what ipwire did.
expectation expect(const row& r) {
    const expectation as_is{reason::as_is, r.valid, errc{}, r.valid ? r.canonical : std::string{}, {}};
    const bool is_prefix = r.kind == "prefix";
    const bool v6_text = r.input.find(':') != std::string::npos;

    if (const auto* c = find_case(zone_accepted_cases, r); c && !(r.valid && r.canonical == c->text))
        return {reason::zone_accepted, true, errc{}, std::string(c->text), {}};
    if (const auto* c = find_case(either_family_cases, r); c && !(r.valid && r.canonical == c->text))
        return {reason::either_family, true, errc{}, std::string(c->text), {}};
    if (is_prefix) {
        for (const auto& c : host_bits_cases) {
            if (c.input != r.input || (r.valid && r.canonical == c.text)) continue;
            return {reason::host_bits_kept, true, errc{}, std::string(c.text),
                    r.valid ? r.canonical : std::string(c.masked)};
        }
    }
    if (!r.valid) return as_is; // every rule below concerns inputs a source accepts
    if (is_prefix && r.input.find('%') != std::string::npos)
        return {reason::zone_in_prefix, false, errc::zone_not_allowed, {}, {}};
    if (is_prefix && r.input.find('/') == std::string::npos)
        return {reason::bare_address, false, errc::missing_prefix_length, {}, {}};
    if (is_prefix && r.input.find('.', r.input.find('/')) != std::string::npos)
        return {reason::netmask_length, false, netmask_error(r.input, v6_text ? 128 : 32), {}, {}};
    if (has_long_group(r.input)) return {reason::long_group, false, errc::too_many_digits, {}, {}};
    if (r.kind == "ipv6" || r.kind == "prefix" || r.kind == "ipv6_port") {
        // An ipv6_port text starts with '['; the rule reads the address inside.
        const bool bracketed = !r.canonical.empty() && r.canonical.front() == '[';
        const std::string_view address = std::string_view(r.canonical).substr(bracketed ? 1 : 0);
        const auto dotted = mapped_dotted(address.substr(0, address.find(']')), r.kind == "ipv6");
        if (dotted) {
            std::string text = bracketed ? "[" : "";
            text += dotted->view();
            if (bracketed) text += address.substr(address.find(']'));
            return {reason::mapped_dotted, true, errc{}, text, {}};
        }
    }
    return as_is;
}

// What ipwire did with a row.
struct outcome {
    bool valid = false;
    errc error{};
    std::string text;
    std::string masked_text;
};

template <class T>
outcome outcome_of(const ipwire::result<T>& r) {
    if (!r) return {false, r.error(), {}, {}};
    return {true, errc{}, r->to_string(), {}};
}

outcome run(const row& r) {
    if (r.kind == "ipv4") return outcome_of(ipwire::ipv4_address::parse(r.input));
    if (r.kind == "ipv6") return outcome_of(ipwire::ipv6_address::parse(r.input));
    if (r.kind == "ipv4_port" || r.kind == "ipv6_port") return outcome_of(ipwire::endpoint::parse(r.input));
    const auto p = ipwire::ip_prefix::parse(r.input);
    auto o = outcome_of(p);
    if (p) o.masked_text = p->masked().to_string();
    return o;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return cells;
        start = tab + 1;
    }
}

// Reads every row; a malformed line fails the test with its line number.
std::vector<row> read_rows(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::vector<row> rows;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1) {
            CHECK(line == "input\tkind\tvalid\tcanonical_output\tsource");
            continue;
        }
        CAPTURE(number);
        const auto cells = split_tabs(line);
        REQUIRE(cells.size() == 5);
        const auto input = unescape(cells[0]);
        const auto canonical = unescape(cells[3]);
        REQUIRE(input.has_value());
        REQUIRE(canonical.has_value());
        REQUIRE((cells[2] == "0" || cells[2] == "1"));
        const std::string& kind = cells[1];
        REQUIRE((kind == "ipv4" || kind == "ipv6" || kind == "ipv4_port" || kind == "ipv6_port" || kind == "prefix"));
        rows.push_back(
            {number, std::string(input->view()), kind, cells[2] == "1", std::string(canonical->view()), cells[4]});
    }
    return rows;
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

} // namespace

TEST_CASE("oracle: every addr_cases.tsv row as its source expects, or as a stated ipwire rule") {
    const auto rows = read_rows(std::string(IPWIRE_TEST_DATA_DIR) + "/addr_cases.tsv");
    REQUIRE(rows.size() == expected_rows);

    std::array<std::size_t, static_cast<std::size_t>(reason::count)> counts{};
    std::size_t kind_valid[5][2] = {};
    for (const row& r : rows) {
        const expectation want = expect(r);
        const outcome got = run(r);
        ++counts[static_cast<std::size_t>(want.why)];

        const std::string input = printable(r.input);
        const std::string_view why = reason_names[static_cast<std::size_t>(want.why)];
        CAPTURE(r.line);
        CAPTURE(input);
        CAPTURE(r.kind);
        CAPTURE(r.source);
        CAPTURE(why);
        CHECK(got.valid == want.valid);
        if (want.valid) {
            CHECK(got.text == want.text);
        } else if (want.error != errc{}) {
            CHECK(got.error == want.error);
        }
        if (!want.masked_text.empty()) CHECK(got.masked_text == want.masked_text);
        // Sanity on the data itself: the README's per-kind totals.
        const std::size_t k = r.kind == "ipv4"        ? 0
                              : r.kind == "ipv6"      ? 1
                              : r.kind == "ipv4_port" ? 2
                              : r.kind == "ipv6_port" ? 3
                                                      : 4;
        ++kind_valid[k][r.valid ? 1 : 0];
    }

    // tests/data/README.md: ipv4 211 (83 valid), ipv6 366 (146), ipv4_port 18 (6), ipv6_port 21 (10), prefix 418 (298).
    CHECK(kind_valid[0][0] + kind_valid[0][1] == 211);
    CHECK(kind_valid[0][1] == 83);
    CHECK(kind_valid[1][0] + kind_valid[1][1] == 366);
    CHECK(kind_valid[1][1] == 146);
    CHECK(kind_valid[2][0] + kind_valid[2][1] == 18);
    CHECK(kind_valid[2][1] == 6);
    CHECK(kind_valid[3][0] + kind_valid[3][1] == 21);
    CHECK(kind_valid[3][1] == 10);
    CHECK(kind_valid[4][0] + kind_valid[4][1] == 418);
    CHECK(kind_valid[4][1] == 298);

    std::size_t total = 0;
    std::string summary = "addr_cases.tsv rows:";
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i];
        summary += ' ';
        summary += reason_names[i];
        summary += '=';
        summary += std::to_string(counts[i]);
    }
    CHECK(total == expected_rows);
    MESSAGE(summary);
}
