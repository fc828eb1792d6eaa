// describe TEXT...: what each argument is to ipwire (an address, a prefix, an
// endpoint, a port or a port range), its canonical form and classification, or
// the precise reason it is not valid. With no argument, a built-in tour.
//
//   describe 2001:DB8::1 10.1.2.3/8 '[fe80::1%eth0]:22' 443 8000-8080 01.2.3.4
#include <cstdio>
#include <string>
#include <string_view>

#include <ipwire/ipwire.hpp>

namespace {

void line(std::string_view label, std::string_view value) {
    std::printf("  %-15.*s %.*s\n", static_cast<int>(label.size()), label.data(), static_cast<int>(value.size()),
                value.data());
}

std::string classify(const ipwire::ip_address& a) {
    std::string out;
    auto add = [&](bool yes, std::string_view name) {
        if (!yes) return;
        if (!out.empty()) out += ", ";
        out += name;
    };
    add(a.is_unspecified(), "unspecified");
    add(a.is_loopback(), "loopback");
    add(a.is_multicast(), "multicast");
    add(a.is_link_local(), "link-local");
    add(a.is_private(), "private");
    add(a.is_documentation(), "documentation");
    add(a.is_benchmarking(), "benchmarking");
    add(a.is_v4() && a.v4().is_shared(), "shared (carrier-grade NAT)");
    add(a.is_v4() && a.v4().is_broadcast(), "broadcast");
    add(a.is_v6() && a.v6().is_v4_mapped(), "IPv4-mapped");
    add(a.is_global(), "globally reachable");
    if (!a.is_global()) add(true, "not globally reachable");
    return out;
}

void describe_address(const ipwire::ip_address& a, std::string_view label = "canonical") {
    line(label, a.to_string());
    line("family", a.is_v4() ? "IPv4" : "IPv6");
    if (a.is_v6()) line("expanded", a.to_string({.expanded = true}));
    if (!a.zone().empty()) line("zone", a.zone());
    if (auto scope = a.is_v6() ? a.v6().multicast_scope() : std::nullopt)
        line("multicast scope", to_string(*scope));
    line("classification", classify(a));
}

void describe_port(ipwire::port p) {
    line("port class", to_string(p.classify()));
    const auto tcp = ipwire::service_name(p, ipwire::ip_protocol::tcp);
    const auto udp = ipwire::service_name(p, ipwire::ip_protocol::udp);
    line("service (tcp)", tcp.empty() ? "-" : tcp);
    line("service (udp)", udp.empty() ? "-" : udp);
}

// Picks the parser the text's shape asks for, so the error reported is the
// one that kind of text would get.
int describe(std::string_view text) {
    std::printf("%.*s\n", static_cast<int>(text.size()), text.data());
    const bool has_slash = text.find('/') != std::string_view::npos;
    const bool bracketed = !text.empty() && text.front() == '[';
    const bool one_colon = text.find(':') != std::string_view::npos && text.find(':') == text.rfind(':');
    const bool numeric = !text.empty() && text.find_first_not_of("0123456789-") == std::string_view::npos;

    ipwire::errc error{};
    if (has_slash) {
        if (auto p = ipwire::ip_prefix::parse(text)) {
            line("kind", "prefix");
            line("canonical", p->to_string());
            line("masked", p->masked().to_string());
            line("first", p->first_address().to_string());
            line("last", p->last_address().to_string());
            line("netmask", p->netmask().to_string());
            line("host bits", p->is_masked() ? "clear" : "set (an interface address)");
            return 0;
        } else {
            error = p.error();
        }
    } else if (bracketed || (one_colon && text.find('.') != std::string_view::npos)) {
        if (auto e = ipwire::endpoint::parse(text)) {
            line("kind", "endpoint");
            line("canonical", e->to_string());
            describe_address(e->address(), "address");
            line("port", e->port().to_string());
            describe_port(e->port());
            return 0;
        } else {
            error = e.error();
        }
    } else if (numeric) {
        if (auto r = ipwire::port_range::parse(text)) {
            line("kind", r->size() == 1 ? "port" : "port range");
            line("canonical", r->to_string());
            if (r->size() == 1) {
                describe_port(r->first());
            } else {
                line("ports", std::to_string(r->size()));
                line("port class", ipwire::well_known_ports.contains(*r)   ? "well-known"
                                   : ipwire::registered_ports.contains(*r) ? "registered"
                                   : ipwire::dynamic_ports.contains(*r)    ? "dynamic"
                                                                           : "mixed");
            }
            return 0;
        } else if (r.error() != ipwire::errc::unexpected_character) {
            error = r.error();
        }
    }
    if (error == ipwire::errc{}) {
        if (auto a = ipwire::ip_address::parse(text)) {
            line("kind", "address");
            describe_address(*a);
            return 0;
        } else {
            error = a.error();
        }
    }
    line("error", ipwire::to_string(error));
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    static constexpr std::string_view tour[] = {
        "192.0.2.1",        "2001:DB8:0:0:1:0:0:1", "::ffff:10.1.2.3", "fe80::1%eth0", "100.64.1.1",
        "ff02::1",          "10.1.2.3/8",           "2001:db8::/32",   "[2001:db8::1]:443", "192.0.2.1:8080",
        "443",              "49152-65535",          "1.2.3",           "01.2.3.4",     "1::2::3",
        "[1.2.3.4]:80",     "65536",
    };
    int failures = 0;
    if (argc < 2) {
        // The tour includes invalid text on purpose: it always exits 0.
        for (std::string_view text : tour) describe(text);
        return 0;
    }
    for (int i = 1; i < argc; ++i) failures += describe(argv[i]);
    return failures == 0 ? 0 : 1;
}
