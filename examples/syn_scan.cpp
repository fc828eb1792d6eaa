// syn_scan [FILE]: every TCP connection attempt (a SYN without ACK) in a pcap
// or pcapng capture, with its time and who called whom. With no argument it
// reads a built-in capture of one three-way handshake. Every failure (a file
// that cannot be read, one that is no capture, a capture that ends early, a
// bad argument) is one line on standard error and exit code 1.
//
//   $ syn_scan
//   1704067200.000100000 192.0.2.10:49152 -> 198.51.100.80:80
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include <ipwire/capture.hpp>
#include <ipwire/capture_file.hpp>
#include <ipwire/decode.hpp>

namespace {

// A pcap file of three Ethernet frames: SYN, SYN-ACK, ACK between
// 192.0.2.10:49152 and 198.51.100.80:80 (RFC 5737 addresses), checksums valid.
// clang-format off
constexpr std::uint8_t handshake[] = {
    // pcap header: magic (little-endian, microseconds), version 2.4, zone 0,
    // sigfigs 0, snap length 65535, LINKTYPE_ETHERNET
    0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    // record: 2024-01-01T00:00:00.000100Z, 58 bytes captured, 58 on the wire
    0x80, 0x00, 0x92, 0x65, 0x64, 0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00,
    // Ethernet: 00:00:5e:00:53:02 -> 00:00:5e:00:53:01, IPv4
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, 0x08, 0x00,
    // IPv4: length 44, DF, TTL 64, TCP, 192.0.2.10 -> 198.51.100.80
    0x45, 0x00, 0x00, 0x2C, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x3C, 0x0A,
    0xC0, 0x00, 0x02, 0x0A, 0xC6, 0x33, 0x64, 0x50,
    // TCP: 49152 -> 80, seq 1000, SYN, window 64240, MSS 1460
    0xC0, 0x00, 0x00, 0x50, 0x00, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x00, 0x00,
    0x60, 0x02, 0xFA, 0xF0, 0xEC, 0x6E, 0x00, 0x00, 0x02, 0x04, 0x05, 0xB4,
    // record: 2024-01-01T00:00:00.000350Z, 58 bytes
    0x80, 0x00, 0x92, 0x65, 0x5E, 0x01, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00, 0x3A, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, 0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, 0x08, 0x00,
    // IPv4: 198.51.100.80 -> 192.0.2.10
    0x45, 0x00, 0x00, 0x2C, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x3C, 0x0A,
    0xC6, 0x33, 0x64, 0x50, 0xC0, 0x00, 0x02, 0x0A,
    // TCP: 80 -> 49152, seq 5000, ack 1001, SYN+ACK, MSS 1460
    0x00, 0x50, 0xC0, 0x00, 0x00, 0x00, 0x13, 0x88, 0x00, 0x00, 0x03, 0xE9,
    0x60, 0x12, 0xFA, 0xF0, 0xD8, 0xD5, 0x00, 0x00, 0x02, 0x04, 0x05, 0xB4,
    // record: 2024-01-01T00:00:00.000600Z, 54 bytes
    0x80, 0x00, 0x92, 0x65, 0x58, 0x02, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x5E, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5E, 0x00, 0x53, 0x02, 0x08, 0x00,
    // IPv4: length 40, 192.0.2.10 -> 198.51.100.80
    0x45, 0x00, 0x00, 0x28, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x3C, 0x0E,
    0xC0, 0x00, 0x02, 0x0A, 0xC6, 0x33, 0x64, 0x50,
    // TCP: 49152 -> 80, seq 1001, ack 5001, ACK
    0xC0, 0x00, 0x00, 0x50, 0x00, 0x00, 0x03, 0xE9, 0x00, 0x00, 0x13, 0x89,
    0x50, 0x10, 0xFA, 0xF0, 0xF0, 0x92, 0x00, 0x00,
};
// clang-format on

constexpr const char* usage = "usage: syn_scan [FILE]    print each TCP SYN without ACK in a pcap or pcapng FILE (no "
                              "FILE: a built-in handshake)\n";

// One line on standard error; the exit code of every failure.
int fail(const char* what, std::string_view why) {
    std::fprintf(stderr, "syn_scan: %s: %.*s\n", what, static_cast<int>(why.size()), why.data());
    return 1;
}

int scan(const ipwire::capture_view& capture, const char* name) {
    auto it = capture.begin();
    for (; it != capture.end(); ++it) {
        const ipwire::capture_record& record = *it;
        const ipwire::decoded_packet p = ipwire::decode(record.data, record.link_type);
        if (!p.tcp() || !p.tcp()->flags().has(ipwire::tcp_flags::syn) || p.tcp()->flags().has(ipwire::tcp_flags::ack))
            continue;
        std::printf("%llu.%09llu %s -> %s\n", static_cast<unsigned long long>(record.timestamp / 1'000'000'000),
                    static_cast<unsigned long long>(record.timestamp % 1'000'000'000), p.source()->to_string().c_str(),
                    p.destination()->to_string().c_str());
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) return fail("standard output", std::strerror(errno));
    // A malformed record ends the walk: say so, after what could be read.
    if (it.error() != ipwire::errc{}) {
        std::fprintf(stderr, "syn_scan: %s: capture ends early at byte %zu: %s\n", name, it.offset(),
                     to_string(it.error()).data());
        return 1;
    }
    return 0;
}

int run(int argc, char** argv) {
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "--") {
        first = 2; // what follows is a file name, even one starting with '-'
    } else if (argc > 1 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::fputs(usage, stdout);
        return std::fflush(stdout) == 0 ? 0 : 1;
    } else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
        return fail(argv[1], "unknown option (syn_scan --help prints the usage)");
    }
    if (argc - first > 1) return fail(argv[first + 1], "one file at most (syn_scan --help prints the usage)");
    if (argc - first == 0) return scan(ipwire::capture_view::parse(handshake).value(), "built-in capture");

    const char* path = argv[first];
    const auto file = ipwire::capture_file::open(path);
    if (!file) return fail(path, std::strerror(file.error_number()));
    const auto capture = file->view();
    if (!capture) return fail(path, to_string(capture.error()));
    return scan(*capture, path);
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
