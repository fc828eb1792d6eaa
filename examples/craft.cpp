// craft [OUT.pcapng]: builds packets with packet_builder, writes them to a
// pcapng file (default craft.pcapng) and reads the file back, one line per
// frame: a TCP handshake over IPv6, a DNS query over IPv4, the ICMP port
// unreachable that quotes it, and one UDP datagram fragmented for a 1500-byte
// MTU. Every failure is one line on standard error and exit code 1.
//
//   $ craft
//   1 TCP [2001:db8::1]:49152 -> [2001:db8::2]:443 SYN
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <span>
#include <string>
#include <string_view>

#include <ipwire/build.hpp>
#include <ipwire/capture.hpp>
#include <ipwire/capture_file.hpp>
#include <ipwire/capture_writer.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/literals.hpp>

namespace {

using namespace ipwire::literals;
using ipwire::bytes_view;

constexpr const char* usage = "usage: craft [OUT.pcapng]    build a handshake, a DNS query, an ICMP error and a "
                              "fragmented datagram, write them to OUT.pcapng (default craft.pcapng), read them back\n";

int fail(const char* what, std::string_view why) {
    std::fprintf(stderr, "craft: %s: %.*s\n", what, static_cast<int>(why.size()), why.data());
    return 1;
}

constexpr auto client_mac = "02:00:5e:00:53:01"_mac;
constexpr auto router_mac = "02:00:5e:00:53:02"_mac;
constexpr std::uint64_t start = 1'704'067'200'000'000'000; // 2024-01-01T00:00:00Z in nanoseconds

// A DNS query for example.com, type A, recursion desired (RFC 1035 section 4.1).
constexpr std::uint8_t dns_query[] = {0x12, 0x34, 0x01, 0x00, 0,   1, 0,   0,   0,   0, 0, 0, 7, 'e', 'x',
                                      'a',  'm',  'p',  'l',  'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};

// Frames go straight from a builder to the writer; `w` keeps the first error.
class crafter {
public:
    explicit crafter(ipwire::pcapng_writer<ipwire::file_sink>& w, std::uint32_t interface) : w_(w), if_(interface) {}
    void write(ipwire::result<bytes_view> frame) {
        if (!frame) {
            error_ = frame.error();
            return;
        }
        if (w_.write(if_, start + 1'000'000 * n_++, *frame) != ipwire::errc{}) error_ = w_.error();
    }
    [[nodiscard]] ipwire::errc error() const { return error_; }

private:
    ipwire::pcapng_writer<ipwire::file_sink>& w_;
    std::uint32_t if_;
    std::uint64_t n_ = 0;
    ipwire::errc error_{};
};

void handshake(crafter& out) {
    constexpr auto client = "2001:db8::1"_ipv6;
    constexpr auto server = "2001:db8::2"_ipv6;
    std::uint8_t buffer[128];
    const ipwire::ethernet_spec to_server{.destination = router_mac, .source = client_mac};
    const ipwire::ethernet_spec to_client{.destination = client_mac, .source = router_mac};
    out.write(ipwire::packet_builder(buffer)
                  .ethernet(to_server)
                  .ipv6({.source = client, .destination = server, .flow_label = 0x12345})
                  .tcp({.source = 49152_port,
                        .destination = 443_port,
                        .sequence = 1000,
                        .flags = ipwire::tcp_flags::syn,
                        .window = 64800,
                        .mss = 1440,
                        .window_scale = 7,
                        .sack_permitted = true,
                        .timestamps = ipwire::tcp_timestamps{100, 0}})
                  .build());
    out.write(ipwire::packet_builder(buffer)
                  .ethernet(to_client)
                  .ipv6({.source = server, .destination = client, .flow_label = 0x54321})
                  .tcp({.source = 443_port,
                        .destination = 49152_port,
                        .sequence = 5000,
                        .acknowledgment = 1001,
                        .flags = ipwire::tcp_flags::syn | ipwire::tcp_flags::ack,
                        .window = 64260,
                        .mss = 1440,
                        .window_scale = 9,
                        .sack_permitted = true,
                        .timestamps = ipwire::tcp_timestamps{900, 100}})
                  .build());
    out.write(ipwire::packet_builder(buffer)
                  .ethernet(to_server)
                  .ipv6({.source = client, .destination = server, .flow_label = 0x12345})
                  .tcp({.source = 49152_port,
                        .destination = 443_port,
                        .sequence = 1001,
                        .acknowledgment = 5001,
                        .flags = ipwire::tcp_flags::ack,
                        .window = 507,
                        .timestamps = ipwire::tcp_timestamps{101, 900}})
                  .build());
}

void dns_and_unreachable(crafter& out) {
    std::uint8_t query[128];
    ipwire::packet_builder q(query);
    q.ethernet({.destination = router_mac, .source = client_mac})
        .ipv4({.source = "192.0.2.10"_ipv4, .destination = "198.51.100.53"_ipv4, .identification = 0x0101})
        .udp({.source = 53000_port, .destination = 53_port})
        .payload(dns_query);
    const auto frame = q.build();
    out.write(frame);
    if (!frame) return;
    // RFC 792 / RFC 1812 section 4.3.2.3: the error quotes the invoking IP
    // packet (here all of it, well under 576 bytes).
    std::uint8_t buffer[160];
    out.write(ipwire::packet_builder(buffer)
                  .ethernet({.destination = client_mac, .source = router_mac})
                  .ipv4({.source = "198.51.100.53"_ipv4, .destination = "192.0.2.10"_ipv4})
                  .icmpv4({.type = ipwire::icmpv4_type::destination_unreachable, .code = 3})
                  .payload(frame->subspan(14))
                  .build());
}

void fragmented(crafter& out) {
    static std::uint8_t data[3000];
    for (std::size_t i = 0; i < sizeof data; ++i) data[i] = static_cast<std::uint8_t>(i);
    static std::uint8_t packet[3100];
    const auto datagram =
        ipwire::packet_builder(packet)
            .ipv4({.source = "192.0.2.10"_ipv4, .destination = "203.0.113.7"_ipv4, .identification = 0x4242})
            .udp({.source = 40000_port, .destination = 9_port})
            .payload(data)
            .build();
    if (!datagram) return out.write(datagram);
    static std::uint8_t pieces[3200];
    bytes_view views[4];
    const auto fragments = ipwire::fragment(*datagram, {.mtu = 1500}, pieces, views);
    if (!fragments) return out.write(fragments.error());
    for (const bytes_view f : *fragments) {
        std::uint8_t frame[1600];
        out.write(ipwire::packet_builder(frame)
                      .ethernet({.destination = router_mac, .source = client_mac, .type = ipwire::ether_type::ipv4})
                      .payload(f)
                      .build());
    }
}

// One line a frame: the number, what the innermost layer decode read is, and who talks to whom.
void print(std::size_t n, const ipwire::capture_record& r) {
    const ipwire::decoded_packet p = ipwire::decode(r);
    std::string line = std::to_string(n) + ' ';
    if (const auto tcp = p.tcp()) {
        line +=
            "TCP " + p.source()->to_string() + " -> " + p.destination()->to_string() + ' ' + tcp->flags().to_string();
    } else if (const auto udp = p.udp()) {
        line += "UDP " + p.source()->to_string() + " -> " + p.destination()->to_string() + " length " +
                std::to_string(udp->length());
        if (p.ip()->is_fragment()) line += " (first fragment)";
    } else if (const auto icmp = p.icmp(); icmp && icmp->is_v4()) {
        const auto ip = p.ip();
        line += "ICMP " + ip->source().to_string() + " -> " + ip->destination().to_string() + ' ' +
                std::string(to_string(icmp->v4().type())) + " code " + std::to_string(icmp->code());
        if (const auto q = p.icmp_quoted_ip(); q && p.icmp_quoted_ports())
            line += " quoting " + q->source().to_string() + ':' +
                    std::to_string(p.icmp_quoted_ports()->source.value()) + " -> " + q->destination().to_string() +
                    ':' + std::to_string(p.icmp_quoted_ports()->destination.value());
    } else if (const auto ip = p.ip()) {
        line += "IP " + ip->source().to_string() + " -> " + ip->destination().to_string();
        if (ip->is_fragment())
            line += " fragment at " + std::to_string(ip->v4().fragment_offset()) +
                    (ip->v4().more_fragments() ? " (more)" : " (last)");
    } else {
        line += "not IP";
    }
    if (p.error()) line += std::string(" [") + to_string(p.error()->code).data() + ']';
    std::puts(line.c_str());
}

int run(int argc, char** argv) {
    if (argc > 1 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::fputs(usage, stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (argc > 1 && argv[1][0] == '-' && std::string_view(argv[1]) != "-")
        return fail(argv[1], "unknown option (craft --help prints the usage)");
    if (argc > 2) return fail(argv[2], "one file at most (craft --help prints the usage)");
    const char* path = argc > 1 ? argv[1] : "craft.pcapng";

    std::FILE* file = std::fopen(path, "wb");
    if (file == nullptr) return fail(path, std::strerror(errno));
    ipwire::errc error{};
    {
        ipwire::pcapng_writer<ipwire::file_sink> writer{ipwire::file_sink(file)};
        const auto eth =
            writer.add_interface(ipwire::link_type::ethernet, ipwire::timestamp_resolution::nanoseconds, 0, "craft0");
        if (eth) {
            crafter out(writer, *eth);
            handshake(out);
            dns_and_unreachable(out);
            fragmented(out);
            error = out.error();
        } else {
            error = eth.error();
        }
    }
    if (std::fclose(file) != 0 && error == ipwire::errc{}) return fail(path, std::strerror(errno));
    if (error != ipwire::errc{}) return fail(path, to_string(error));

    const auto written = ipwire::capture_file::open(path);
    if (!written) return fail(path, std::strerror(written.error_number()));
    const auto capture = written->view();
    if (!capture) return fail(path, to_string(capture.error()));
    std::size_t n = 0;
    for (const ipwire::capture_record& r : *capture) print(++n, r);
    if (capture->error() != ipwire::errc{}) return fail(path, to_string(capture->error()));
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) return fail("standard output", std::strerror(errno));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
#if IPWIRE_HAS_EXCEPTIONS
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        return fail("error", e.what());
    }
#else
    return run(argc, argv);
#endif
}
