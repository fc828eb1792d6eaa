// Tests for ipwire/port.hpp: strict port text, the RFC 6335 port classes, port
// ranges and their iteration, and the IANA service names.
#include <ipwire/port.hpp>
#include <ipwire/service_name.hpp>

#include <doctest/doctest.h>

#include "range_algorithms.hpp"

#include "text_table.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <ranges>
#include <type_traits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_set>

namespace {

using ipwire::errc;
using ipwire::ip_protocol;
using ipwire::port;
using ipwire::port_class;
using ipwire::port_range;

// ---------------------------------------------------------------------------
// Table machinery (good_row, bad_row, the *_hold and check_*_rows walkers):
// tests/text_table.hpp.
using namespace text_table;

constexpr auto ten_kb_nines = text_then<10240>("", '9');
constexpr auto ten_kb_zeros = text_then<10240>("", '0');

// ---------------------------------------------------------------------------
// port::parse

constexpr good_row<port> valid_ports[] = {
    {"0", port(0), "0"},
    {"1", port(1), "1"},
    {"9", port(9), "9"},
    {"10", port(10), "10"},
    {"80", port(80), "80"},
    {"443", port(443), "443"},
    {"1023", port(1023), "1023"},
    {"1024", port(1024), "1024"},
    {"6553", port(6553), "6553"},
    {"49151", port(49151), "49151"},
    {"49152", port(49152), "49152"},
    {"65534", port(65534), "65534"},
    {"65535", port(65535), "65535"},
};

constexpr bad_row invalid_ports[] = {
    {"", errc::empty},
    {"65536", errc::port_out_of_range},
    {"65540", errc::port_out_of_range},
    {"70000", errc::port_out_of_range},
    {"99999", errc::port_out_of_range},
    {"100000", errc::port_out_of_range},
    {"4294967296", errc::port_out_of_range}, // 2^32: no wrap-around
    {"080", errc::leading_zero},
    {"00", errc::leading_zero},
    {"0000", errc::leading_zero},
    {"065535", errc::leading_zero},
    {"+80", errc::unexpected_character},
    {"-1", errc::unexpected_character},
    {"-0", errc::unexpected_character},
    {" 80", errc::unexpected_character},
    {"\t80", errc::unexpected_character},
    {"80 ", errc::trailing_characters},
    {"80\n", errc::trailing_characters},
    {"8O", errc::trailing_characters},  // letter O
    {"O8", errc::unexpected_character}, // letter O
    {"0x50", errc::trailing_characters},
    {"1e3", errc::trailing_characters},
    {"80.0", errc::trailing_characters},
    {"80:", errc::trailing_characters},
    {std::string_view("80\0", 3), errc::trailing_characters},
    {std::string_view("\0"
                      "80",
                      3),
     errc::unexpected_character},
    {"\xd9\xa1\xd9\xa2", errc::unexpected_character},         // "١٢", Arabic-Indic digits
    {"\xef\xbc\x98\xef\xbc\x90", errc::unexpected_character}, // "８０", full-width digits
    {"8\xd9\xa1", errc::trailing_characters},
    {view(ten_kb_nines), errc::port_out_of_range},
    {view(ten_kb_zeros), errc::leading_zero},
};

static_assert(good_rows_hold(valid_ports));
static_assert(bad_rows_hold<port>(invalid_ports));

// ---------------------------------------------------------------------------
// port_class

struct class_row {
    std::uint16_t value;
    port_class expected;
};

constexpr class_row class_boundaries[] = {
    {0, port_class::well_known},    {1, port_class::well_known},    {1023, port_class::well_known},
    {1024, port_class::registered}, {1025, port_class::registered}, {49151, port_class::registered},
    {49152, port_class::dynamic},   {49153, port_class::dynamic},   {65535, port_class::dynamic},
};

constexpr bool class_rows_hold() {
    for (const auto& row : class_boundaries)
        if (port(row.value).classify() != row.expected) return false;
    return true;
}
static_assert(class_rows_hold());

static_assert(ipwire::to_string(port_class::well_known) == "well-known");
static_assert(ipwire::to_string(port_class::registered) == "registered");
static_assert(ipwire::to_string(port_class::dynamic) == "dynamic");

// ---------------------------------------------------------------------------
// port_range::parse

constexpr good_row<port_range> valid_ranges[] = {
    {"8000-8080", port_range(port(8000), port(8080)), "8000-8080"},
    {"443", port_range(port(443)), "443"},
    {"443-443", port_range(port(443)), "443"}, // one port prints as one number
    {"0", port_range(port(0)), "0"},
    {"0-0", port_range(port(0)), "0"},
    {"0-65535", port_range(port(0), port(65535)), "0-65535"},
    {"65535", port_range(port(65535)), "65535"},
    {"65534-65535", port_range(port(65534), port(65535)), "65534-65535"},
    {"1-2", port_range(port(1), port(2)), "1-2"},
    {"49152-65535", port_range(port(49152), port(65535)), "49152-65535"},
};

constexpr bad_row invalid_ranges[] = {
    {"", errc::empty},
    {"8080-8000", errc::reversed_port_range},
    {"1-0", errc::reversed_port_range},
    {"65535-0", errc::reversed_port_range},
    {"80-", errc::bad_port_range},
    {"-80", errc::bad_port_range},
    {"-", errc::bad_port_range},
    {"--", errc::bad_port_range},
    {"80--90", errc::bad_port_range}, // a '-' where the second port belongs, like "-80"
    {"80-90-100", errc::trailing_characters},
    {"80 - 90", errc::trailing_characters},
    {"80 -90", errc::trailing_characters},
    {"80- 90", errc::unexpected_character},
    {"80-+90", errc::unexpected_character},
    {"80-x", errc::unexpected_character},
    {"80-90 ", errc::trailing_characters},
    {"80:90", errc::trailing_characters},
    {"80,90", errc::trailing_characters},
    {"080-90", errc::leading_zero},
    {"80-090", errc::leading_zero},
    {"80-65536", errc::port_out_of_range},
    {"65536-65537", errc::port_out_of_range},
    {"+80", errc::unexpected_character},
    {"x", errc::unexpected_character},
    {view(ten_kb_nines), errc::port_out_of_range},
};

static_assert(good_rows_hold(valid_ranges));
static_assert(bad_rows_hold<port_range>(invalid_ranges));

// ---------------------------------------------------------------------------
// port_range members, in constant expressions

constexpr port_range web{port(8000), port(8080)};
static_assert(web.first() == port(8000) && web.last() == port(8080));
static_assert(web.size() == 81);
static_assert(port_range().first() == port(0) && port_range().size() == 1);
static_assert(port_range(port(0), port(65535)).size() == 65536);
static_assert(port_range(port(65535)).size() == 1);
// Reversed ends are never swapped: the constructor's precondition makes them a
// compile error in a constant expression (an abort at run time: the CTest
// port_range_precondition_aborts), and from() says reversed_port_range.
template <std::uint16_t First, std::uint16_t Last>
constexpr bool range_constant = requires {
    typename std::integral_constant<std::uint32_t, port_range{port{First}, port{Last}}.size()>;
};
static_assert(range_constant<8000, 8080> && range_constant<80, 80> && range_constant<0, 65535>);
static_assert(!range_constant<8080, 8000> && !range_constant<90, 80> && !range_constant<65535, 0>);
static_assert(port_range::from(port(8080), port(8000)) == errc::reversed_port_range);
static_assert(port_range::from(port(8000), port(8080)) == web);
static_assert(port_range::from(port(80), port(80)) == port_range(port(80)));

static_assert(web.contains(port(8000)) && web.contains(port(8080)) && web.contains(port(8040)));
static_assert(!web.contains(port(7999)) && !web.contains(port(8081)));
static_assert(web.contains(web));
static_assert(web.contains(port_range(port(8000))) && web.contains(port_range(port(8001), port(8079))));
static_assert(!web.contains(port_range(port(7999), port(8000))));
static_assert(!web.contains(port_range(port(8080), port(8081))));
static_assert(!port_range(port(8001), port(8079)).contains(web));

static_assert(web.overlaps(web));
static_assert(web.overlaps(port_range(port(8080), port(9000))) && port_range(port(8080), port(9000)).overlaps(web));
static_assert(web.overlaps(port_range(port(7000), port(8000))));
static_assert(web.overlaps(port_range(port(0), port(65535))));
static_assert(!web.overlaps(port_range(port(8081), port(9000))) && !port_range(port(8081), port(9000)).overlaps(web));
static_assert(!web.overlaps(port_range(port(7999))));

// Ordered by first, then last.
static_assert(port_range(port(1), port(5)) < port_range(port(2), port(3)));
static_assert(port_range(port(1), port(3)) < port_range(port(1), port(5)));
static_assert(port(1) < port(2) && port(65535) > port(0) && port(7) == port(7));

// The RFC 6335 section 6 constants partition the port space.
static_assert(ipwire::well_known_ports == port_range(port(0), port(1023)));
static_assert(ipwire::registered_ports == port_range(port(1024), port(49151)));
static_assert(ipwire::dynamic_ports == port_range(port(49152), port(65535)));
static_assert(ipwire::well_known_ports.size() + ipwire::registered_ports.size() + ipwire::dynamic_ports.size() ==
              65536);
static_assert(!ipwire::well_known_ports.overlaps(ipwire::registered_ports));
static_assert(!ipwire::registered_ports.overlaps(ipwire::dynamic_ports));

// Iteration.
static_assert(std::forward_iterator<port_range::iterator>);
static_assert(std::ranges::forward_range<port_range>);
static_assert(std::is_same_v<std::iter_value_t<port_range::iterator>, port>);

constexpr std::uint32_t sum_of(port_range r) {
    std::uint32_t sum = 0;
    for (port p : r) sum += p.value();
    return sum;
}
static_assert(sum_of(port_range(port(8000), port(8010))) == 11 * 8005);
static_assert(sum_of(port_range(port(7))) == 7);
static_assert(sum_of(port_range(port(65533), port(65535))) == 65533 + 65534 + 65535);

// A range ending at 65535 stops after 65535 instead of wrapping to 0.
constexpr bool top_range_stops() {
    std::uint32_t count = 0;
    std::uint32_t last_seen = 0;
    for (port p : port_range(port(65530), port(65535))) {
        if (count != 0 && p.value() != last_seen + 1) return false;
        last_seen = p.value();
        if (++count > 6) return false;
    }
    return count == 6 && last_seen == 65535;
}
static_assert(top_range_stops());

// to_chars round trip over a sample of the ports (the whole space runs below).
constexpr bool ports_round_trip(std::uint32_t from, std::uint32_t to, std::uint32_t step) {
    for (std::uint32_t v = from; v <= to; v += step) {
        const port p(static_cast<std::uint16_t>(v));
        char buffer[port::max_string_length] = {};
        const auto [ptr, ec] = p.to_chars(buffer, buffer + port::max_string_length);
        if (ec != std::errc{}) return false;
        if (port::parse(std::string_view(buffer, static_cast<std::size_t>(ptr - buffer))) != result_of(p)) return false;
    }
    return true;
}
static_assert(ports_round_trip(0, 1100, 1));
static_assert(ports_round_trip(1, 65535, 97));
static_assert(ports_round_trip(65000, 65535, 1));

static_assert(port::max_string_length == std::string_view("65535").size());
static_assert(port_range::max_string_length == std::string_view("65534-65535").size());

// ---------------------------------------------------------------------------
// Service names

constexpr std::uint8_t tcp_bit = ipwire::detail::service_tcp;
constexpr std::uint8_t udp_bit = ipwire::detail::service_udp;
constexpr std::size_t service_count = std::size(ipwire::detail::service_table);

constexpr ip_protocol protocol_of(std::uint8_t bit) { return bit == tcp_bit ? ip_protocol::tcp : ip_protocol::udp; }

// Whether entry `index` is the first of its port that carries `bit`: the
// canonical name for that port and protocol.
constexpr bool is_canonical(std::size_t index, std::uint8_t bit) {
    const auto& entry = ipwire::detail::service_table[index];
    if ((entry.protocols & bit) == 0) return false;
    for (std::size_t i = index; i > 0 && ipwire::detail::service_table[i - 1].port == entry.port; --i)
        if ((ipwire::detail::service_table[i - 1].protocols & bit) != 0) return false;
    return true;
}

// For entries [from, to): a canonical name maps port -> name and name -> port
// -> the same name; any listed name (alias too) finds a port at or below its
// own that lists it.
constexpr bool services_round_trip(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && i < service_count; ++i) {
        const auto& entry = ipwire::detail::service_table[i];
        for (const std::uint8_t bit : {tcp_bit, udp_bit}) {
            if ((entry.protocols & bit) == 0) continue;
            const ip_protocol protocol = protocol_of(bit);
            const auto found = ipwire::service_port(entry.name, protocol);
            if (!found || found->value() > entry.port) return false;
            if (is_canonical(i, bit)) {
                if (ipwire::service_name(port(entry.port), protocol) != entry.name) return false;
                if (ipwire::service_name(*found, protocol) != entry.name) return false;
            }
        }
    }
    return true;
}
static_assert(services_round_trip(0, 24)); // the whole table runs in doctest

static_assert(ipwire::service_name(port(80), ip_protocol::tcp) == "http");
static_assert(ipwire::service_port("https", ip_protocol::tcp) == port(443));
static_assert(!ipwire::service_port("no-such-service", ip_protocol::tcp).has_value());

struct service_row {
    std::uint16_t number;
    ip_protocol protocol;
    std::string_view name; // empty: none
};

constexpr service_row named_ports[] = {
    {80, ip_protocol::tcp, "http"},
    {80, ip_protocol::udp, "http"},
    {443, ip_protocol::tcp, "https"},
    {443, ip_protocol::udp, "https"},
    {53, ip_protocol::udp, "domain"},
    {53, ip_protocol::tcp, "domain"},
    {22, ip_protocol::tcp, "ssh"},
    {25, ip_protocol::tcp, "smtp"},
    {123, ip_protocol::udp, "ntp"},
    {514, ip_protocol::tcp, "shell"}, // one port, a name per protocol
    {514, ip_protocol::udp, "syslog"},
    {456, ip_protocol::tcp, "macon-tcp"},
    {456, ip_protocol::udp, "macon-udp"},
    {1, ip_protocol::tcp, "tcpmux"},      // the first entry
    {27017, ip_protocol::tcp, "mongodb"}, // the last entry
    // Nothing listed.
    {0, ip_protocol::tcp, ""},
    {0, ip_protocol::udp, ""},
    {4, ip_protocol::tcp, ""},
    {1023, ip_protocol::tcp, ""},
    {993, ip_protocol::udp, ""},   // imaps is TCP only
    {27017, ip_protocol::udp, ""}, // mongodb is TCP only
    {65535, ip_protocol::tcp, ""},
    // Only TCP and UDP have service names.
    {80, ip_protocol::sctp, ""},
    {80, ip_protocol::icmp, ""},
    {53, ip_protocol::udplite, ""},
};

constexpr bool service_names_hold() {
    for (const auto& row : named_ports)
        if (ipwire::service_name(port(row.number), row.protocol) != row.name) return false;
    return true;
}
static_assert(service_names_hold());

struct lookup_row {
    std::string_view name;
    ip_protocol protocol;
    std::optional<port> expected;
};

constexpr lookup_row service_lookups[] = {
    {"http", ip_protocol::tcp, port(80)},
    {"www", ip_protocol::tcp, port(80)}, // an alias
    {"https", ip_protocol::tcp, port(443)},
    {"domain", ip_protocol::udp, port(53)},
    {"ssh", ip_protocol::tcp, port(22)},
    {"http-alt", ip_protocol::tcp, port(591)}, // listed at 591, 8008 and 8080: the lowest
    {"macon-udp", ip_protocol::udp, port(456)},
    {"macon-udp", ip_protocol::tcp, std::nullopt},
    {"mongodb", ip_protocol::udp, std::nullopt},
    {"http", ip_protocol::sctp, std::nullopt},
    {"no-such-service", ip_protocol::tcp, std::nullopt},
    {"", ip_protocol::tcp, std::nullopt},
    {"HTTP", ip_protocol::tcp, std::nullopt}, // matched exactly, as documented
    {"http ", ip_protocol::tcp, std::nullopt},
    {"htt", ip_protocol::tcp, std::nullopt},
};

constexpr bool service_lookups_hold() {
    for (const auto& row : service_lookups)
        if (ipwire::service_port(row.name, row.protocol) != row.expected) return false;
    return true;
}
static_assert(service_lookups_hold());

} // namespace

TEST_CASE("port: parse accepts strict decimal text") {
    check_good_rows(valid_ports);
    CHECK(port::parse("443").value().value() == 443);
}

TEST_CASE("port: parse rejects with the exact errc") { check_bad_rows<port>(invalid_ports); }

TEST_CASE("port: parse_prefix stops after the digits") {
    const std::string_view text = "8080/tcp";
    const char* it = text.data();
    const auto p = port::parse_prefix(it, text.data() + text.size());
    REQUIRE(p.has_value());
    CHECK(*p == port(8080));
    CHECK(std::string_view(it) == "/tcp");

    const std::string_view nines = view(ten_kb_nines);
    const char* at = nines.data();
    CHECK(port::parse_prefix(at, nines.data() + nines.size()) == errc::port_out_of_range);
    CHECK(at - nines.data() <= 6); // hostile input costs a few characters
}

TEST_CASE("port: classify at every boundary") {
    for (const auto& row : class_boundaries) {
        CAPTURE(row.value);
        CHECK(ipwire::to_string(port(row.value).classify()) == ipwire::to_string(row.expected));
    }
}

TEST_CASE("port: classify agrees with the port-class constants for every port") {
    for (std::uint32_t v = 0; v <= 65535; ++v) {
        const port p(static_cast<std::uint16_t>(v));
        const port_class expected = ipwire::well_known_ports.contains(p)   ? port_class::well_known
                                    : ipwire::registered_ports.contains(p) ? port_class::registered
                                                                           : port_class::dynamic;
        if (p.classify() != expected || ipwire::dynamic_ports.contains(p) != (expected == port_class::dynamic)) {
            CAPTURE(v);
            FAIL_CHECK("classify disagrees with the constants");
        }
    }
    CHECK(port().classify() == port_class::well_known);
}

TEST_CASE("port: to_chars and to_string round trip for every port") {
    for (std::uint32_t v = 0; v <= 65535; ++v) {
        const port p(static_cast<std::uint16_t>(v));
        const std::string text = p.to_string();
        if (text != std::to_string(v) || port::parse(text) != result_of(p)) {
            CAPTURE(v);
            CAPTURE(text);
            FAIL_CHECK("round trip");
        }
    }
}

TEST_CASE("port: to_chars into a buffer too small") {
    // Two guard characters after `last` show nothing is written past it.
    std::array<char, 8> buffer{};
    for (std::size_t room = 0; room < 5; ++room) {
        CAPTURE(room);
        buffer.fill('#');
        const auto r = port(65535).to_chars(buffer.data(), buffer.data() + room);
        CHECK(r.ec == std::errc::value_too_large);
        CHECK(r.ptr == buffer.data() + room);
        CHECK(std::string_view(buffer.data(), buffer.size()).find_first_not_of('#') ==
              std::string_view::npos); // the whole buffer untouched
    }
    buffer.fill('#');
    auto r = port(65535).to_chars(buffer.data(), buffer.data() + 5);
    CHECK(r.ec == std::errc{});
    CHECK(std::string_view(buffer.data(), 5) == "65535");
    CHECK(r.ptr == buffer.data() + 5);
    CHECK(buffer[5] == '#');

    r = port(0).to_chars(buffer.data(), buffer.data());
    CHECK(r.ec == std::errc::value_too_large);
    r = port(0).to_chars(buffer.data(), buffer.data() + 1);
    CHECK(r.ec == std::errc{});
    CHECK(buffer[0] == '0');
}

TEST_CASE("port: hashing") {
    std::unordered_set<port> all;
    for (std::uint32_t v = 0; v <= 65535; ++v) all.insert(port(static_cast<std::uint16_t>(v)));
    CHECK(all.size() == 65536);
    all.insert(port(80));
    CHECK(all.size() == 65536);
    CHECK(all.count(port(443)) == 1);
    CHECK(std::hash<port>{}(port(80)) == std::hash<port>{}(*port::parse("80")));
}

TEST_CASE("port_range: parse accepts both forms") { check_good_rows(valid_ranges); }

TEST_CASE("port_range: parse rejects with the exact errc") { check_bad_rows<port_range>(invalid_ranges); }

TEST_CASE("port_range: first, last, size, contains, overlaps") {
    const port_range r = *port_range::parse("8000-8080");
    CHECK(r.first() == port(8000));
    CHECK(r.last() == port(8080));
    CHECK(r.size() == 81);
    CHECK(port_range::parse("0-65535")->size() == 65536);
    CHECK(port_range::parse("443")->size() == 1);
    CHECK(r.contains(port(8000)));
    CHECK(r.contains(port(8080)));
    CHECK(!r.contains(port(7999)));
    CHECK(!r.contains(port(8081)));
    CHECK(r.contains(*port_range::parse("8010-8020")));
    CHECK(!r.contains(*port_range::parse("8010-8081")));
    CHECK(r.overlaps(*port_range::parse("8080-9000")));
    CHECK(!r.overlaps(*port_range::parse("8081-9000")));
    // Reversed ends are not swapped: from() refuses them as parse does.
    CHECK(port_range::from(port(90), port(80)) == errc::reversed_port_range);
    CHECK(port_range::from(port(80), port(90)) == *port_range::parse("80-90"));
}

TEST_CASE("port_range: iteration") {
    std::uint32_t sum = 0;
    std::uint32_t count = 0;
    // Held in a variable: *parse(...) in the range-for would refer into a
    // temporary result that is gone before the loop runs.
    const port_range small = *port_range::parse("8000-8010");
    for (port p : small) {
        sum += p.value();
        ++count;
    }
    CHECK(count == 11);
    CHECK(sum == 88055);

    // Ending at 65535: exactly to 65535, then stop.
    std::uint32_t visited = 0;
    port last_seen;
    for (port p : port_range(port(65530), port(65535))) {
        CHECK(p.value() == 65530 + visited);
        last_seen = p;
        if (++visited > 6) break;
    }
    CHECK(visited == 6);
    CHECK(last_seen == port(65535));

    // The whole space: 65536 ports, each once, in order.
    std::uint32_t expected = 0;
    bool in_order = true;
    for (port p : port_range(port(0), port(65535))) in_order = in_order && p.value() == expected++;
    CHECK(in_order);
    CHECK(expected == 65536);
    CHECK(test_ranges::distance(ipwire::dynamic_ports) == 16384);
    CHECK(test_ranges::distance(ipwire::well_known_ports) == 1024);

    // Post-increment returns the old position.
    auto it = port_range(port(5), port(6)).begin();
    CHECK(*it++ == port(5));
    CHECK(*it == port(6));
    CHECK(++it == port_range(port(5), port(6)).end());
}

TEST_CASE("port_range: the RFC 6335 constants") {
    CHECK(ipwire::well_known_ports.to_string() == "0-1023");
    CHECK(ipwire::registered_ports.to_string() == "1024-49151");
    CHECK(ipwire::dynamic_ports.to_string() == "49152-65535");
    CHECK(ipwire::well_known_ports.size() == 1024);
    CHECK(ipwire::registered_ports.size() == 48128);
    CHECK(ipwire::dynamic_ports.size() == 16384);
}

TEST_CASE("port_range: to_chars into a buffer too small") {
    std::array<char, 16> buffer{};
    const port_range r = *port_range::parse("8000-8080");
    for (std::size_t room = 0; room < 9; ++room) {
        CAPTURE(room);
        buffer.fill('#');
        const auto result = r.to_chars(buffer.data(), buffer.data() + room);
        CHECK(result.ec == std::errc::value_too_large);
        CHECK(result.ptr == buffer.data() + room);
        CHECK(std::string_view(buffer.data(), buffer.size()).find_first_not_of('#') ==
              std::string_view::npos); // the whole buffer untouched
    }
    buffer.fill('#');
    auto result = r.to_chars(buffer.data(), buffer.data() + 9);
    CHECK(result.ec == std::errc{});
    CHECK(std::string_view(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())) == "8000-8080");
    CHECK(buffer[9] == '#');

    const port_range longest(port(65534), port(65535));
    result = longest.to_chars(buffer.data(), buffer.data() + port_range::max_string_length);
    CHECK(result.ec == std::errc{});
    CHECK(result.ptr == buffer.data() + port_range::max_string_length);
    result = longest.to_chars(buffer.data(), buffer.data() + port_range::max_string_length - 1);
    CHECK(result.ec == std::errc::value_too_large);

    // A single port needs only its own digits.
    result = port_range(port(443)).to_chars(buffer.data(), buffer.data() + 3);
    CHECK(result.ec == std::errc{});
    CHECK(std::string_view(buffer.data(), 3) == "443");
}

TEST_CASE("port_range: hashing") {
    std::unordered_set<port_range> set;
    set.insert(*port_range::parse("80-90"));
    set.insert(*port_range::parse("80-91"));
    set.insert(*port_range::parse("81-90"));
    set.insert(*port_range::parse("80"));
    set.insert(port_range(port(80), port(90))); // equal to the first
    CHECK(set.size() == 4);
    CHECK(std::hash<port_range>{}(*port_range::parse("80-90")) ==
          std::hash<port_range>{}(port_range(port(80), port(90))));
    CHECK(std::hash<port_range>{}(*port_range::parse("80-90")) != std::hash<port_range>{}(*port_range::parse("80-91")));
}

TEST_CASE("service names: spot checks") {
    for (const auto& row : named_ports) {
        CAPTURE(row.number);
        CAPTURE(ipwire::to_string(row.protocol));
        CHECK(ipwire::service_name(port(row.number), row.protocol) == row.name);
    }
    for (const auto& row : service_lookups) {
        CAPTURE(row.name);
        CAPTURE(ipwire::to_string(row.protocol));
        const auto found = ipwire::service_port(row.name, row.protocol);
        CHECK(found.has_value() == row.expected.has_value());
        if (found && row.expected) CHECK(found->value() == row.expected->value());
    }
}

TEST_CASE("service names: every canonical table entry round trips") {
    CHECK(services_round_trip(0, service_count));
    std::size_t canonical_pairs = 0;
    for (std::size_t i = 0; i < service_count; ++i) {
        const auto& entry = ipwire::detail::service_table[i];
        for (const std::uint8_t bit : {tcp_bit, udp_bit}) {
            if (!is_canonical(i, bit)) continue;
            ++canonical_pairs;
            const ip_protocol protocol = protocol_of(bit);
            CAPTURE(entry.port);
            CAPTURE(entry.name);
            CAPTURE(ipwire::to_string(protocol));
            CHECK(ipwire::service_name(port(entry.port), protocol) == entry.name);
            const auto found = ipwire::service_port(entry.name, protocol);
            REQUIRE(found.has_value());
            CHECK(found->value() <= entry.port);
            CHECK(ipwire::service_name(*found, protocol) == entry.name);
        }
    }
    CHECK(canonical_pairs > 1000); // ~690 well-known ports, most on both protocols
}
