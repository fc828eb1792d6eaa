// Checks on the raw IANA service-name table (ipwire/detail/service_table.hpp).
#include <ipwire/detail/service_table.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace {

using ipwire::detail::service_entry;
using ipwire::detail::service_table;

constexpr std::uint8_t tcp = ipwire::detail::service_tcp;
constexpr std::uint8_t udp = ipwire::detail::service_udp;

// Canonical name: the first entry for `port` that carries `proto`; "" if none.
constexpr std::string_view canonical(std::uint16_t port, std::uint8_t proto) {
    for (service_entry const& e : service_table) {
        if (e.port == port && (e.protocols & proto) != 0) return e.name;
    }
    return {};
}

// True if `name` is listed (canonical or alias) for `port` with every bit of `proto`.
constexpr bool has_name(std::uint16_t port, std::uint8_t proto, std::string_view name) {
    for (service_entry const& e : service_table) {
        if (e.port == port && e.name == name && (e.protocols & proto) == proto) return true;
    }
    return false;
}

// Characters found in IANA service names once lower-cased: letters, digits and
// '-', plus '.', '_', '/', '*', '+' in a few legacy names (e.g. "z39.50",
// "sql*net", "whois++", "914c/g", "subntbcst_tftp").
constexpr bool valid_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '/' ||
           c == '*' || c == '+';
}

// Spot checks, evaluated at compile time.
static_assert(canonical(7, tcp) == "echo" && canonical(7, udp) == "echo");
static_assert(canonical(20, tcp) == "ftp-data");
static_assert(canonical(21, tcp) == "ftp");
static_assert(canonical(22, tcp) == "ssh");
static_assert(canonical(23, tcp) == "telnet");
static_assert(canonical(25, tcp) == "smtp");
static_assert(canonical(53, udp) == "domain" && canonical(53, tcp) == "domain");
static_assert(canonical(67, udp) == "bootps" && canonical(68, udp) == "bootpc");
static_assert(canonical(69, udp) == "tftp");
static_assert(canonical(80, tcp) == "http");
static_assert(has_name(80, tcp, "www") && has_name(80, tcp, "www-http"));
static_assert(canonical(110, tcp) == "pop3");
static_assert(canonical(123, udp) == "ntp");
static_assert(canonical(143, tcp) == "imap");
static_assert(canonical(161, udp) == "snmp" && canonical(162, udp) == "snmptrap");
static_assert(canonical(179, tcp) == "bgp");
static_assert(canonical(389, tcp) == "ldap");
static_assert(canonical(443, tcp) == "https");
static_assert(canonical(445, tcp) == "microsoft-ds");
static_assert(canonical(465, tcp) == "submissions" && has_name(465, tcp, "urd"));
static_assert(canonical(514, tcp) == "shell" && canonical(514, udp) == "syslog");
static_assert(canonical(587, tcp) == "submission");
static_assert(canonical(636, tcp) == "ldaps");
static_assert(canonical(853, tcp) == "domain-s");
static_assert(canonical(993, tcp) == "imaps" && canonical(995, tcp) == "pop3s");
static_assert(canonical(1080, tcp) == "socks");
static_assert(canonical(1194, udp) == "openvpn");
static_assert(canonical(1433, tcp) == "ms-sql-s");
static_assert(canonical(1521, tcp) == "ncube-lm");
static_assert(canonical(1723, tcp) == "pptp");
static_assert(canonical(1812, udp) == "radius" && canonical(1813, udp) == "radius-acct");
static_assert(canonical(1883, tcp) == "mqtt");
static_assert(canonical(2049, tcp) == "nfs" && canonical(2049, udp) == "nfs");
static_assert(canonical(2375, tcp) == "docker" && canonical(2376, tcp) == "docker-s");
static_assert(canonical(3306, tcp) == "mysql");
static_assert(canonical(3389, tcp) == "ms-wbt-server");
static_assert(canonical(3478, udp) == "stun" && has_name(3478, udp, "turn"));
static_assert(canonical(4369, tcp) == "epmd");
static_assert(canonical(5060, udp) == "sip" && canonical(5061, tcp) == "sips");
static_assert(canonical(5222, tcp) == "xmpp-client");
static_assert(canonical(5353, udp) == "mdns");
static_assert(canonical(5432, tcp) == "postgresql");
static_assert(canonical(5672, tcp) == "amqp");
static_assert(canonical(5900, tcp) == "rfb");
static_assert(canonical(6379, tcp) == "redis");
static_assert(canonical(6443, tcp) == "sun-sr-https");
static_assert(canonical(6514, tcp) == "syslog-tls");
static_assert(canonical(6697, tcp) == "ircs-u");
static_assert(canonical(8080, tcp) == "http-alt");
static_assert(canonical(8443, tcp) == "pcsync-https");
static_assert(canonical(8883, tcp) == "secure-mqtt");
static_assert(canonical(9092, tcp) == "xmlipcregsvc");
static_assert(canonical(9418, tcp) == "git");
static_assert(canonical(11211, tcp) == "memcache");
static_assert(canonical(27017, tcp) == "mongodb");
// IANA marks these reserved/unassigned: no name.
static_assert(canonical(0, tcp).empty() && canonical(0, udp).empty());
static_assert(canonical(1023, tcp).empty());
static_assert(canonical(993, udp).empty());
static_assert(canonical(6379, udp).empty() && canonical(27017, udp).empty());

} // namespace

TEST_CASE("service_table: sorted by port") {
    for (std::size_t i = 1; i < std::size(service_table); ++i) {
        INFO("index " << i << " port " << service_table[i].port);
        CHECK(service_table[i - 1].port <= service_table[i].port);
    }
}

TEST_CASE("service_table: protocols are tcp, udp or both") {
    for (service_entry const& e : service_table) {
        INFO("port " << e.port << " name " << e.name);
        CHECK(e.protocols != 0);
        CHECK((e.protocols & ~(tcp | udp)) == 0);
    }
}

TEST_CASE("service_table: no duplicate (port, protocol, name)") {
    for (std::size_t i = 0; i < std::size(service_table); ++i) {
        // Table is sorted, so equal ports are adjacent.
        for (std::size_t j = i + 1; j < std::size(service_table) && service_table[j].port == service_table[i].port;
             ++j) {
            if (service_table[i].name == service_table[j].name) {
                INFO("port " << service_table[i].port << " name " << service_table[i].name);
                CHECK((service_table[i].protocols & service_table[j].protocols) == 0);
            }
        }
    }
}

TEST_CASE("service_table: names are non-empty IANA-style lower-case") {
    for (service_entry const& e : service_table) {
        INFO("port " << e.port << " name '" << e.name << "'");
        CHECK(!e.name.empty());
        CHECK(e.name.size() <= 15); // RFC 6335 limit; no legacy name exceeds it
        bool ok = true;
        for (char c : e.name) ok = ok && valid_name_char(c);
        CHECK(ok);
    }
}

TEST_CASE("service_table: well-known range is covered") {
    std::size_t well_known_ports = 0;
    std::uint16_t prev = 0;
    bool first = true;
    for (service_entry const& e : service_table) {
        if (e.port < 1024 && (first || e.port != prev)) ++well_known_ports;
        prev = e.port;
        first = false;
    }
    // IANA names ~690 of the 1024 well-known ports (686 in the 2026-02 registry).
    CHECK(well_known_ports >= 650);
    CHECK(well_known_ports <= 1024);
}

TEST_CASE("service_table: spot checks") {
    CHECK(canonical(7, tcp) == "echo");
    CHECK(canonical(7, udp) == "echo");
    CHECK(canonical(21, tcp) == "ftp");
    CHECK(canonical(22, tcp) == "ssh");
    CHECK(canonical(25, tcp) == "smtp");
    CHECK(canonical(53, udp) == "domain");
    CHECK(canonical(53, tcp) == "domain");
    CHECK(canonical(67, udp) == "bootps");
    CHECK(canonical(69, udp) == "tftp");
    CHECK(canonical(80, tcp) == "http");
    CHECK(has_name(80, tcp, "www"));
    CHECK(has_name(80, tcp, "www-http"));
    CHECK(canonical(123, udp) == "ntp");
    CHECK(canonical(143, tcp) == "imap");
    CHECK(canonical(161, udp) == "snmp");
    CHECK(canonical(179, tcp) == "bgp");
    CHECK(canonical(389, tcp) == "ldap");
    CHECK(canonical(443, tcp) == "https");
    CHECK(canonical(445, tcp) == "microsoft-ds");
    CHECK(canonical(465, tcp) == "submissions");
    CHECK(canonical(514, tcp) == "shell");
    CHECK(canonical(514, udp) == "syslog");
    CHECK(canonical(587, tcp) == "submission");
    CHECK(canonical(636, tcp) == "ldaps");
    CHECK(canonical(853, tcp) == "domain-s");
    CHECK(canonical(993, tcp) == "imaps");
    CHECK(canonical(995, tcp) == "pop3s");
    CHECK(canonical(1080, tcp) == "socks");
    CHECK(canonical(1194, udp) == "openvpn");
    CHECK(canonical(1433, tcp) == "ms-sql-s");
    CHECK(canonical(1521, tcp) == "ncube-lm");
    CHECK(canonical(1723, tcp) == "pptp");
    CHECK(canonical(1812, udp) == "radius");
    CHECK(canonical(1813, udp) == "radius-acct");
    CHECK(canonical(1883, tcp) == "mqtt");
    CHECK(canonical(2049, tcp) == "nfs");
    CHECK(canonical(2375, tcp) == "docker");
    CHECK(canonical(2376, tcp) == "docker-s");
    CHECK(canonical(3306, tcp) == "mysql");
    CHECK(canonical(3389, tcp) == "ms-wbt-server");
    CHECK(canonical(3478, udp) == "stun");
    CHECK(canonical(4369, tcp) == "epmd");
    CHECK(canonical(5060, udp) == "sip");
    CHECK(canonical(5061, tcp) == "sips");
    CHECK(canonical(5222, tcp) == "xmpp-client");
    CHECK(canonical(5353, udp) == "mdns");
    CHECK(canonical(5432, tcp) == "postgresql");
    CHECK(canonical(5672, tcp) == "amqp");
    CHECK(canonical(5900, tcp) == "rfb");
    CHECK(canonical(6379, tcp) == "redis");
    CHECK(canonical(6443, tcp) == "sun-sr-https");
    CHECK(canonical(6514, tcp) == "syslog-tls");
    CHECK(canonical(6697, tcp) == "ircs-u");
    CHECK(canonical(8080, tcp) == "http-alt");
    CHECK(canonical(8443, tcp) == "pcsync-https");
    CHECK(canonical(8883, tcp) == "secure-mqtt");
    CHECK(canonical(9092, tcp) == "xmlipcregsvc");
    CHECK(canonical(9418, tcp) == "git");
    CHECK(canonical(11211, tcp) == "memcache");
    CHECK(canonical(27017, tcp) == "mongodb");

    CHECK(canonical(0, tcp).empty());
    CHECK(canonical(1023, udp).empty());
    CHECK(canonical(993, udp).empty());
    CHECK(canonical(6379, udp).empty());
}
