// pcap_writer and pcapng_writer (issue 15): what they write, capture_view reads
// back record for record (link type, interface, timestamp at the file's
// resolution, lengths, bytes), under static_assert through span_sink and at
// run time through file_sink and ostream_sink. The test case "capture_writer:
// files for tshark" also leaves its files where IPWIRE_CAPTURE_WRITER_OUT
// names, for the CTest that runs tshark on them (tests/tshark_written.cmake).
#include <ipwire/build.hpp>
#include <ipwire/capture.hpp>
#include <ipwire/capture_writer.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/literals.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

using namespace ipwire::literals;
using ipwire::bytes_view;
using ipwire::errc;
using ipwire::link_type;
using ipwire::timestamp_resolution;

// Three packets: a TCP SYN over Ethernet, an ICMPv6 echo over raw IPv6, and
// a UDP datagram over Ethernet with an odd length (EPB padding).
struct packets {
    std::array<std::uint8_t, 128> syn{};
    std::size_t syn_size = 0;
    std::array<std::uint8_t, 128> echo{};
    std::size_t echo_size = 0;
    std::array<std::uint8_t, 128> dns{};
    std::size_t dns_size = 0;
    [[nodiscard]] constexpr bytes_view get(std::size_t i) const {
        if (i == 0) return bytes_view(syn).first(syn_size);
        if (i == 1) return bytes_view(echo).first(echo_size);
        return bytes_view(dns).first(dns_size);
    }
};

constexpr std::array<std::uint8_t, 7> payload = {1, 2, 3, 4, 5, 6, 7};

constexpr packets make_packets() {
    packets p;
    ipwire::packet_builder a(p.syn);
    a.ethernet({.destination = "02:00:00:00:00:02"_mac, .source = "02:00:00:00:00:01"_mac})
        .ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.2"_ipv4, .dont_fragment = true})
        .tcp({.source = 40000_port,
              .destination = 80_port,
              .sequence = 1,
              .flags = ipwire::tcp_flags::syn,
              .mss = 1460,
              .window_scale = 7,
              .sack_permitted = true,
              .timestamps = ipwire::tcp_timestamps{1, 0}});
    p.syn_size = a.build().value_or(bytes_view{}).size();
    ipwire::packet_builder b(p.echo);
    b.ipv6({.source = "2001:db8::1"_ipv6, .destination = "2001:db8::2"_ipv6})
        .icmpv6({.type = ipwire::icmpv6_type::echo_request, .rest_of_header = ipwire::icmp_echo(1, 1)})
        .payload(payload);
    p.echo_size = b.build().value_or(bytes_view{}).size();
    ipwire::packet_builder c(p.dns);
    c.ethernet({.destination = "02:00:00:00:00:02"_mac, .source = "02:00:00:00:00:01"_mac})
        .ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.2"_ipv4})
        .udp({.source = 40001_port, .destination = 7_port})
        .payload(payload);
    p.dns_size = c.build().value_or(bytes_view{}).size();
    return p;
}

// Times in nanoseconds; the last has sub-microsecond digits.
constexpr std::array<std::uint64_t, 3> times = {1'700'000'000'000'000'000, 1'700'000'000'500'000'000,
                                                1'700'000'001'123'456'789};

template <class Sink>
constexpr errc write_pcap(Sink& sink, const packets& p, link_type link, timestamp_resolution r, std::size_t first,
                          std::size_t count) {
    ipwire::pcap_writer<Sink&> w(sink, link, r);
    for (std::size_t i = first; i < first + count; ++i)
        w.write(times[i], p.get(i)); // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 3
    return w.error();
}

template <class Sink>
constexpr errc write_pcapng(Sink& sink, const packets& p, timestamp_resolution r) {
    ipwire::pcapng_writer<Sink&> w(sink);
    const auto eth = w.add_interface(link_type::ethernet, r, 0, "eth0");
    const auto raw = w.add_interface(link_type::raw, timestamp_resolution::microseconds, 65535);
    if (!eth || !raw) return eth ? raw.error() : eth.error();
    w.write(*eth, times[0], p.get(0));
    w.write(*raw, times[1], p.get(1));
    // Original length above the captured length: a snap-length cut on the wire.
    w.write(*eth, times[2], p.get(2), static_cast<std::uint32_t>(p.get(2).size() + 100));
    return w.error();
}

// The records of `file` match the packets: link types, interfaces, times
// (cut to microseconds where the resolution says), lengths and bytes.
constexpr bool reads_back(bytes_view file, const packets& p, bool pcapng, timestamp_resolution r, link_type link,
                          std::size_t first, std::size_t count) {
    const auto v = ipwire::capture_view::parse(file);
    if (!v || v->error() != errc{}) return false;
    if (v->format() != (pcapng ? ipwire::capture_format::pcapng : ipwire::capture_format::pcap)) return false;
    std::size_t i = first;
    for (const ipwire::capture_record& rec : *v) {
        if (i >= first + count) return false;
        const bytes_view want = p.get(i);
        const bool raw_one = pcapng && i == 1;
        const timestamp_resolution res = raw_one ? timestamp_resolution::microseconds : r;
        const std::uint64_t t = times[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 3
        const std::uint64_t expect = res == timestamp_resolution::nanoseconds ? t : t / 1000 * 1000;
        if (rec.timestamp != expect) return false;
        if (rec.link_type != (pcapng ? (raw_one ? link_type::raw : link_type::ethernet) : link)) return false;
        if (rec.interface_id != (raw_one ? 1U : 0U)) return false;
        if (rec.captured_length != want.size() || rec.data.size() != want.size()) return false;
        const std::size_t original = pcapng && i == 2 ? want.size() + 100 : want.size();
        if (rec.original_length != original) return false;
        for (std::size_t k = 0; k < want.size(); ++k)
            if (rec.data[k] != want[k]) return false;
        // The frame decodes to its transport.
        if (ipwire::decode(rec.data, rec.link_type).stop() == ipwire::decode_stop::error) return false;
        ++i;
    }
    return i == first + count;
}

constexpr bool round_trip(bool pcapng, timestamp_resolution r) {
    const packets p = make_packets();
    std::array<std::uint8_t, 1024> file{};
    ipwire::span_sink sink(file);
    const errc e = pcapng ? write_pcapng(sink, p, r) : write_pcap(sink, p, link_type::ethernet, r, 0, 1);
    return e == errc{} && reads_back(sink.written(), p, pcapng, r, link_type::ethernet, 0, pcapng ? 3 : 1);
}

static_assert(round_trip(false, timestamp_resolution::microseconds));
static_assert(round_trip(false, timestamp_resolution::nanoseconds));
static_assert(round_trip(true, timestamp_resolution::microseconds));
static_assert(round_trip(true, timestamp_resolution::nanoseconds));

// A full buffer: buffer_too_small, and the error stays.
constexpr errc short_buffer(std::size_t n) {
    const packets p = make_packets();
    std::array<std::uint8_t, 1024> file{};
    ipwire::span_sink sink(std::span<std::uint8_t>(file).first(n));
    return write_pcapng(sink, p, timestamp_resolution::microseconds);
}
static_assert(short_buffer(0) == errc::buffer_too_small);
static_assert(short_buffer(100) == errc::buffer_too_small);
static_assert(short_buffer(1024) == errc{});

TEST_CASE("capture_writer: pcap micro and nano, pcapng, read back by capture_view") {
    CHECK(round_trip(false, timestamp_resolution::microseconds));
    CHECK(round_trip(false, timestamp_resolution::nanoseconds));
    CHECK(round_trip(true, timestamp_resolution::microseconds));
    CHECK(round_trip(true, timestamp_resolution::nanoseconds));
    CHECK(short_buffer(44) == errc::buffer_too_small); // the section header alone
}

TEST_CASE("capture_writer: the file header and block fields as the drafts lay them out") {
    const packets p = make_packets();
    std::array<std::uint8_t, 1024> file{};
    ipwire::span_sink sink(file);
    REQUIRE(write_pcap(sink, p, link_type::raw, timestamp_resolution::nanoseconds, 1, 1) == errc{});
    const bytes_view f = sink.written();
    REQUIRE(f.size() == 24 + 16 + p.get(1).size());
    CHECK(f[0] == 0x4D); // 0xA1B23C4D little-endian: nanoseconds
    CHECK(f[3] == 0xA1);
    CHECK(f[20] == 101); // LINKTYPE_RAW
    const auto v = ipwire::capture_view::parse(f);
    REQUIRE(v.has_value());
    CHECK(v->has_nanosecond_timestamps());
    CHECK(v->snap_length() == 262144);
    CHECK(v->link_type() == link_type::raw);

    std::array<std::uint8_t, 1024> ng{};
    ipwire::span_sink ng_sink(ng);
    REQUIRE(write_pcapng(ng_sink, p, timestamp_resolution::nanoseconds) == errc{});
    const bytes_view g = ng_sink.written();
    CHECK(g.size() % 4 == 0);
    // SHB (44) + IDB with "eth0" (40) + IDB (32), then the first EPB.
    CHECK(g[44] == 1);
    CHECK(g[48] == 40);
    CHECK(g[84] == 1);
    CHECK(g[88] == 32);
    CHECK(g[116] == 6);
    // Writing to an unknown interface is refused.
    ipwire::pcapng_writer<ipwire::span_sink&> w(ng_sink);
    CHECK(w.write(0, 0, p.get(0)) == errc::unknown_interface_id);
}

// Writes the three packets to pcap (micro), pcap (nano) and pcapng files in
// `dir`, through file_sink and ostream_sink, and reads each back.
TEST_CASE("capture_writer: files for tshark") {
    const char* out = std::getenv("IPWIRE_CAPTURE_WRITER_OUT");
    const std::filesystem::path dir =
        out != nullptr ? std::filesystem::path(out) : std::filesystem::temp_directory_path() / "ipwire_capture_writer";
    std::filesystem::create_directories(dir);
    const packets p = make_packets();

    const auto micro = dir / "written-micro.pcap";
    std::FILE* file = std::fopen(micro.string().c_str(), "wb");
    REQUIRE(file != nullptr);
    ipwire::file_sink fs(file);
    // The SYN and the UDP datagram are Ethernet frames; the echo is raw IPv6.
    ipwire::pcap_writer<ipwire::file_sink> w(fs, link_type::ethernet);
    CHECK(w.write(times[0], p.get(0)) == errc{});
    CHECK(w.write(times[2], p.get(2)) == errc{});
    CHECK(std::fclose(file) == 0);

    const auto nano = dir / "written-nano.pcap";
    {
        std::ofstream s(nano, std::ios::binary);
        ipwire::ostream_sink sink(s);
        CHECK(write_pcap(sink, p, link_type::raw, timestamp_resolution::nanoseconds, 1, 1) == errc{});
    }
    const auto ng = dir / "written.pcapng";
    {
        std::ofstream s(ng, std::ios::binary);
        ipwire::ostream_sink sink(s);
        CHECK(write_pcapng(sink, p, timestamp_resolution::nanoseconds) == errc{});
    }

    // Shapes whose checksums need the right pseudo-header, for tshark to
    // check on its own: a loose source route, a Segment Routing header, type
    // 0 and type 2 routing, options headers. Raw IP frames.
    const auto shapes = dir / "written-shapes.pcap";
    {
        std::ofstream s(shapes, std::ios::binary);
        ipwire::ostream_sink sink(s);
        ipwire::pcap_writer<ipwire::ostream_sink<std::ofstream>&> sw(sink, link_type::raw);
        std::array<std::uint8_t, 256> buffer{};
        constexpr std::array<std::uint8_t, 11> lsrr = {131, 11, 4, 198, 51, 100, 1, 203, 0, 113, 9};
        constexpr std::array<ipwire::ipv6_address, 2> srh = {"2001:db8::f"_ipv6, "2001:db8::e"_ipv6};
        constexpr std::array<ipwire::ipv6_address, 2> type0 = {"2001:db8::a"_ipv6, "2001:db8::b"_ipv6};
        constexpr std::array<ipwire::ipv6_address, 1> home = {"2001:db8:1::99"_ipv6};
        constexpr std::array<std::uint8_t, 4> alert = {5, 2, 0, 0};      // RFC 2711, hop-by-hop only
        constexpr std::array<std::uint8_t, 3> unknown = {0x1E, 1, 0xAA}; // skipped by who does not know it
        const auto v6 = ipwire::ipv6_spec{.source = "2001:db8::1"_ipv6, .destination = "2001:db8::e"_ipv6};
        std::uint64_t t = times[0];
        const auto put = [&](ipwire::result<bytes_view> f) {
            REQUIRE(f.has_value());
            CHECK(sw.write(t, *f) == errc{});
            t += 1000;
        };
        put(ipwire::packet_builder(buffer)
                .ipv4({.source = "192.0.2.1"_ipv4, .destination = "198.51.100.1"_ipv4, .options = lsrr})
                .udp({.source = 5353_port, .destination = 7_port})
                .payload(payload)
                .build());
        put(ipwire::packet_builder(buffer)
                .ipv6(v6)
                .routing({.segments_left = 1, .addresses = srh})
                .udp({.source = 1000_port, .destination = 7_port})
                .payload(payload)
                .build());
        put(ipwire::packet_builder(buffer)
                .ipv6(v6)
                .routing({.type = ipwire::ipv6_routing_type::source_route, .segments_left = 2, .addresses = type0})
                .tcp({.source = 1_port, .destination = 2_port, .flags = ipwire::tcp_flags::syn, .mss = 1220})
                .build());
        put(ipwire::packet_builder(buffer)
                .ipv6(v6)
                .routing({.type = ipwire::ipv6_routing_type::mobile_ipv6, .segments_left = 1, .addresses = home})
                .icmpv6({.type = ipwire::icmpv6_type::echo_request, .rest_of_header = ipwire::icmp_echo(7, 1)})
                .payload(payload)
                .build());
        put(ipwire::packet_builder(buffer)
                .ipv6(v6)
                .hop_by_hop(alert)
                .destination_options(unknown)
                .udp({.source = 1001_port, .destination = 7_port})
                .payload(payload)
                .build());
        // Tunnels: GRE with checksum and key, VXLAN and Geneve with an inner Ethernet frame.
        put(ipwire::packet_builder(buffer)
                .ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.2"_ipv4})
                .gre({.checksum = true, .key = 7, .sequence = 1})
                .ipv6(v6)
                .udp({.source = 1002_port, .destination = 7_port})
                .payload(payload)
                .build());
        const auto inner = [&](ipwire::packet_builder& b) {
            b.ethernet({.destination = "02:00:00:00:00:02"_mac, .source = "02:00:00:00:00:01"_mac})
                .ipv4({.source = "10.0.0.1"_ipv4, .destination = "10.0.0.2"_ipv4})
                .udp({.source = 1003_port, .destination = 7_port})
                .payload(payload);
        };
        ipwire::packet_builder vx(buffer);
        vx.ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.3"_ipv4})
            .udp({.source = 49000_port})
            .vxlan({.vni = 77});
        inner(vx);
        put(vx.build());
        constexpr std::array<std::uint8_t, 8> option = {0x01, 0x02, 0x03, 0x01, 1, 2, 3, 4};
        ipwire::packet_builder gn(buffer);
        gn.ipv4({.source = "192.0.2.1"_ipv4, .destination = "192.0.2.4"_ipv4})
            .udp({.source = 49001_port})
            .geneve({.vni = 78, .options = option});
        inner(gn);
        put(gn.build());
        CHECK(sw.error() == errc{});
    }

    const auto read = [](const std::filesystem::path& path) {
        std::ifstream s(path, std::ios::binary);
        return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(s), {});
    };
    const auto m = read(micro);
    const auto v = ipwire::capture_view::parse(m);
    REQUIRE(v.has_value());
    std::size_t n = 0;
    for (const auto& r : *v) {
        CHECK(r.timestamp == times[n == 0 ? 0 : 2] / 1000 * 1000);
        ++n;
    }
    CHECK(n == 2);
    CHECK(reads_back(read(nano), p, false, timestamp_resolution::nanoseconds, link_type::raw, 1, 1));
    CHECK(reads_back(read(ng), p, true, timestamp_resolution::nanoseconds, link_type::ethernet, 0, 3));

    // A stream that fails: its error comes back and stays.
    std::ofstream closed;
    ipwire::ostream_sink bad(closed);
    ipwire::pcap_writer<ipwire::ostream_sink<std::ofstream>> failing(bad);
    CHECK(failing.error() == errc::file_error);
    CHECK(failing.write(0, p.get(0)) == errc::file_error);
}

} // namespace
