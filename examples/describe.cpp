// describe [TEXT...] | describe -f FILE: what each argument (or each line of
// FILE) is to ipwire (an address, a prefix, an endpoint, a port or a port
// range), its canonical form and classification, or the precise reason it is
// not valid. With no argument, a built-in tour. Text that is not valid is
// described on standard output, then counted in one line on standard error,
// with exit code 1; so is every other failure (a file that cannot be read, a
// bad option).
//
//   describe 2001:DB8::1 10.1.2.3/8 '[fe80::1%eth0]:22' 443 8000-8080 01.2.3.4
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include <ipwire/capture_file.hpp>
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
    if (auto scope = a.is_v6() ? a.v6().multicast_scope() : std::nullopt) line("multicast scope", to_string(*scope));
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

constexpr const char* usage =
    "usage: describe [TEXT...] | describe -f FILE    what each text (each line of FILE) is: address, prefix, "
    "endpoint, port or port range (no TEXT: a tour)\n";

int fail(std::string_view what, std::string_view why) {
    std::fprintf(stderr, "describe: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(why.size()), why.data());
    return 1;
}

// Describes each text; the one line on standard error counts those not valid.
template <class Texts>
int describe_all(const Texts& texts) {
    int failures = 0;
    int count = 0;
    for (std::string_view text : texts) {
        failures += describe(text);
        ++count;
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) return fail("standard output", std::strerror(errno));
    if (failures == 0) return 0;
    std::fprintf(stderr, "describe: %d of %d not valid\n", failures, count);
    return 1;
}

// The lines of a file, without their line ends; blank lines and lines
// starting with '#' are skipped.
struct lines {
    std::string_view rest;
    struct iterator {
        std::string_view rest;
        std::string_view line;
        bool ended = false;
        iterator& operator++() {
            for (;;) {
                if (rest.empty()) {
                    ended = true;
                    return *this;
                }
                const std::size_t end = rest.find('\n');
                line = rest.substr(0, end);
                rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                if (!line.empty() && line.front() != '#') return *this;
            }
        }
        std::string_view operator*() const { return line; }
        bool operator!=(const iterator& other) const { return ended != other.ended; }
    };
    iterator begin() const { return ++iterator{rest, {}, false}; }
    iterator end() const { return {{}, {}, true}; }
};

int run(int argc, char** argv) {
    static constexpr std::string_view tour[] = {
        "192.0.2.1",
        "2001:DB8:0:0:1:0:0:1",
        "::ffff:10.1.2.3",
        "fe80::1%eth0",
        "100.64.1.1",
        "ff02::1",
        "10.1.2.3/8",
        "2001:db8::/32",
        "[2001:db8::1]:443",
        "192.0.2.1:8080",
        "443",
        "49152-65535",
        "1.2.3",
        "01.2.3.4",
        "1::2::3",
        "[1.2.3.4]:80",
        "65536",
    };
    if (argc < 2) {
        // The tour includes invalid text on purpose: it always exits 0.
        for (std::string_view text : tour) describe(text);
        return std::fflush(stdout) == 0 ? 0 : fail("standard output", std::strerror(errno));
    }
    const std::string_view first = argv[1];
    if (first == "--help" || first == "-h") {
        std::fputs(usage, stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (first == "-f" || first == "--file") {
        if (argc != 3) return fail(first, "takes one FILE (describe --help prints the usage)");
        const auto file = ipwire::capture_file::open(argv[2]); // any file: its bytes, mapped or read
        if (!file) return fail(argv[2], std::strerror(file.error_number()));
        const ipwire::bytes_view b = file->bytes();
        return describe_all(lines{std::string_view(reinterpret_cast<const char*>(b.data()), b.size())});
    }
    // Texts; "--" first lets one start with "-f" or "--help".
    const int from = first == "--" ? 2 : 1;
    struct arguments {
        char** first;
        char** last;
        char** begin() const { return first; }
        char** end() const { return last; }
    };
    return describe_all(arguments{argv + from, argv + argc});
}

} // namespace

int main(int argc, char** argv) {
#if IPWIRE_HAS_EXCEPTIONS
    try {
        return run(argc, argv);
    } catch (const std::exception& e) { // std::bad_alloc from to_string, say
        return fail("error", e.what());
    }
#else
    return run(argc, argv);
#endif
}
