// fragment() (issue 15): IPv4 and IPv6 packets built with packet_builder, split
// for an MTU; every fragment parses, fits the MTU, carries its offset in
// 8-byte units and MF / M right, decodes, and the data of the fragments in
// order is the original packet's payload. Under static_assert too; and
// ip_reassembler (issue 16) puts them back together.
#include <ipwire/build.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/literals.hpp>
#include <ipwire/reassembly/ip_fragments.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/ipv4.hpp>
#include <ipwire/wire/ipv6.hpp>
#include <ipwire/wire/udp.hpp>

#include <doctest/doctest.h>

#include "build_support.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

namespace {

using namespace build_test::literals; // not ipwire::literals: see build_support.hpp (clang 14, LLVM issue 54578)
using build_test::all_of;
using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_protocol;
using ipwire::packet_builder;

struct doctest_check {
    void operator()(bool c, const char* what) const {
        INFO(std::string_view(what));
        CHECK(c);
    }
};

template <class Run>
constexpr bool holds(Run run) {
    all_of c;
    run(c);
    return c.ok;
}

// 1000 bytes of data, each its index mod 251, so a misplaced piece shows.
constexpr std::array<std::uint8_t, 1000> data = [] {
    std::array<std::uint8_t, 1000> d{};
    for (std::size_t i = 0; i < d.size(); ++i) d[i] = static_cast<std::uint8_t>(i % 251);
    return d;
}();

// Record route (not copied into later fragments) and router alert (copied).
constexpr std::array<std::uint8_t, 11> record_route_and_alert = {7, 7, 4, 0, 0, 0, 0, 148, 4, 0, 0};

struct split {
    std::array<std::uint8_t, 1400> original{};
    std::size_t original_size = 0;
    std::array<std::uint8_t, 2400> buffer{};
    // Where each fragment lies in `buffer` (views would not survive the copy
    // out of a constexpr function).
    std::array<std::size_t, 8> at{};
    std::array<std::size_t, 8> size{};
    errc error{};
    std::size_t count = 0;
    [[nodiscard]] constexpr bytes_view view(std::size_t i) const {
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < count <= 8
        return bytes_view(buffer).subspan(at[i], size[i]);
    }
    constexpr void keep(ipwire::result<std::span<const bytes_view>> r) {
        error = r.error();
        if (!r) return;
        count = r->size();
        for (std::size_t i = 0; i < count; ++i) {
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < count <= 8
            at[i] = static_cast<std::size_t>((*r)[i].data() - buffer.data());
            size[i] = (*r)[i].size(); // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): as above
        }
    }
};

// Checks one family's fragments against the packet they were split from.
template <class C>
constexpr void check_fragments(C& check, const split& s, std::size_t mtu, bool v4) {
    BUILD_EXPECT(s.error == errc{});
    BUILD_EXPECT(s.count >= 2);
    const auto original = ipwire::ip_packet_view::parse(bytes_view(s.original).first(s.original_size));
    BUILD_EXPECT(original.has_value());
    if (!original) return;
    // The data after the unfragmentable part: the IPv4 payload, or the IPv6
    // payload past the hop-by-hop header (the only one before the UDP here).
    const bytes_view whole = v4 ? original->v4().payload() : original->v6().payload().subspan(8);
    std::size_t at = 0;
    bool in_order = true;
    for (std::size_t i = 0; i < s.count; ++i) {
        const bytes_view f = s.view(i);
        BUILD_EXPECT(f.size() <= mtu);
        const auto ip = ipwire::ip_packet_view::parse(f);
        BUILD_EXPECT(ip.has_value());
        if (!ip) return;
        const bool last = i + 1 == s.count;
        bytes_view piece;
        if (v4) {
            const auto p = ip->v4();
            BUILD_EXPECT(p.header_checksum_valid() && p.total_length() == f.size());
            BUILD_EXPECT(p.identification() == 0x4242 && p.fragment_offset() == at && p.more_fragments() == !last);
            // The router alert (copied) is in every fragment, record route only in the first.
            BUILD_EXPECT(p.header_length() == (i == 0 ? 32U : 24U));
            BUILD_EXPECT((*p.options().begin()).type() ==
                         (i == 0 ? ipwire::ipv4_option_type::record_route : ipwire::ipv4_option_type::router_alert));
            piece = p.payload();
        } else {
            const auto p = ip->v6();
            BUILD_EXPECT(p.payload_length() == f.size() - 40 && p.extension_headers().error() == errc{});
            const auto fh = p.fragment_header();
            BUILD_EXPECT(fh.has_value());
            if (!fh) return;
            BUILD_EXPECT(fh->identification() == 0x01020304 && fh->fragment_offset() == at);
            BUILD_EXPECT(fh->more_fragments() == !last && fh->next_header() == ip_protocol::udp);
            BUILD_EXPECT(p.next_header() == ip_protocol::ipv6_hop_by_hop);
            // hop-by-hop stays in front, unfragmentable (RFC 8200 section 4.5)
            BUILD_EXPECT((*p.extension_headers().begin()).next_header() == ip_protocol::ipv6_fragment);
            piece = p.payload().subspan(16);
        }
        BUILD_EXPECT(last || piece.size() % 8 == 0);
        for (std::size_t j = 0; j < piece.size(); ++j)
            in_order = in_order && at + j < whole.size() && piece[j] == whole[at + j];
        const auto d = ipwire::decode(f, ipwire::link_type::raw);
        if (i == 0) {
            BUILD_EXPECT(d.udp().has_value() && d.udp()->destination_port() == 9_port);
        } else {
            BUILD_EXPECT(d.stop() == ipwire::decode_stop::non_first_fragment && d.payload().size() == piece.size());
        }
        at += piece.size();
    }
    BUILD_EXPECT(in_order && at == whole.size());
}

constexpr split split_v4(std::size_t mtu) {
    split s;
    packet_builder b(s.original);
    b.ipv4({.source = "192.0.2.1"_ipv4,
            .destination = "192.0.2.2"_ipv4,
            .identification = 0x4242,
            .options = record_route_and_alert})
        .udp({.source = 7_port, .destination = 9_port})
        .payload(data);
    const auto packet = b.build();
    if (!packet) return s;
    s.original_size = packet->size();
    std::array<bytes_view, 8> views{};
    s.keep(ipwire::fragment(*packet, {.mtu = mtu}, s.buffer, views));
    return s;
}

constexpr std::array<std::uint8_t, 4> router_alert_v6 = {5, 2, 0, 0};

constexpr split split_v6(std::size_t mtu) {
    split s;
    packet_builder b(s.original);
    b.ipv6({.source = "2001:db8::1"_ipv6, .destination = "2001:db8::2"_ipv6})
        .hop_by_hop(router_alert_v6)
        .udp({.source = 7_port, .destination = 9_port})
        .payload(data);
    const auto packet = b.build();
    if (!packet) return s;
    s.original_size = packet->size();
    std::array<bytes_view, 8> views{};
    s.keep(ipwire::fragment(*packet, {.mtu = mtu, .identification = 0x01020304}, s.buffer, views));
    return s;
}

template <class C>
constexpr void check_v4(C& check) {
    check_fragments(check, split_v4(300), 300, true);
    check_fragments(check, split_v4(576), 576, true);
    // An MTU whose room is not a multiple of 8 still cuts at multiples of 8.
    check_fragments(check, split_v4(333), 333, true);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_v4(c); }));

TEST_CASE("fragment: IPv4 with a copied and an uncopied option, at MTUs 300, 333 and 576") {
    doctest_check c;
    check_v4(c);
    // 1008 bytes of UDP: 264 beside the 32-byte first header, then 272 beside 24.
    CHECK(split_v4(300).count == 4);
    CHECK(split_v4(300).view(3).size() == 24 + 200);
}

template <class C>
constexpr void check_v6(C& check) {
    check_fragments(check, split_v6(400), 400, false);
    check_fragments(check, split_v6(600), 600, false);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_v6(c); }));

TEST_CASE("fragment: IPv6 with hop-by-hop kept unfragmentable, at MTUs 400 and 600") {
    doctest_check c;
    check_v6(c);
}

#if IPWIRE_HAS_REASSEMBLY // libc++ 14 has no <memory_resource>, so no reassembler
// ip_reassembler (issue 16) puts the fragments back together, in order and
// reversed: the datagram's payload is the original's (IPv6: every byte).
void check_reassembly(const split& s, bool v4, bool reversed) {
    ipwire::ip_reassembler r;
    ipwire::ip_fragment_result last{};
    for (std::size_t k = 0; k < s.count; ++k) {
        const auto f = ipwire::ip_packet_view::parse(s.view(reversed ? s.count - 1 - k : k));
        REQUIRE(f.has_value());
        last = r.add(*f, 0);
        CHECK(last.status ==
              (k + 1 == s.count ? ipwire::ip_fragment_status::reassembled : ipwire::ip_fragment_status::held));
    }
    REQUIRE(last.status == ipwire::ip_fragment_status::reassembled);
    const auto whole = ipwire::ip_packet_view::parse(last.datagram);
    const auto original = ipwire::ip_packet_view::parse(bytes_view(s.original).first(s.original_size));
    REQUIRE(whole.has_value());
    REQUIRE(original.has_value());
    const bytes_view a = v4 ? whole->v4().payload() : last.datagram;
    const bytes_view b = v4 ? original->v4().payload() : bytes_view(s.original).first(s.original_size);
    REQUIRE(a.size() == b.size());
    bool same = true;
    for (std::size_t i = 0; i < a.size(); ++i) same = same && a[i] == b[i];
    CHECK(same);
    CHECK(whole->protocol() == ip_protocol::udp);
}

TEST_CASE("fragment: ip_reassembler rebuilds the datagram from the fragments, in order and reversed") {
    for (const bool reversed : {false, true}) {
        check_reassembly(split_v4(300), true, reversed);
        check_reassembly(split_v6(400), false, reversed);
    }
}
#endif // IPWIRE_HAS_REASSEMBLY

// Errors and the packet that fits.
template <class C>
constexpr void check_edges(C& check) {
    BUILD_EXPECT(split_v4(39).error == errc::mtu_too_small);
    BUILD_EXPECT(split_v6(40 + 8 + 8 + 7).error == errc::mtu_too_small);
    const split fits = split_v4(1500);
    BUILD_EXPECT(fits.error == errc{} && fits.count == 1);
    BUILD_EXPECT(fits.view(0).size() == fits.original_size);
    bool same = true;
    for (std::size_t i = 0; i < fits.original_size; ++i) same = same && fits.view(0)[i] == fits.original[i];
    BUILD_EXPECT(same);

    std::array<std::uint8_t, 64> small{};
    std::array<std::uint8_t, 1200> packet{};
    packet_builder b(packet);
    b.ipv4({.dont_fragment = true}).udp({}).payload(data);
    std::array<bytes_view, 8> views{};
    std::array<std::uint8_t, 2400> out{};
    const auto built = b.build();
    BUILD_EXPECT(built.has_value());
    if (!built) return;
    BUILD_EXPECT(ipwire::fragment(*built, {.mtu = 500}, out, views).error() == errc::mtu_too_small);
    packet_builder c(packet);
    c.ipv4({}).udp({}).payload(data);
    const auto plain = c.build();
    BUILD_EXPECT(ipwire::fragment(*plain, {.mtu = 500}, small, views).error() == errc::buffer_too_small);
    std::array<bytes_view, 2> two{};
    BUILD_EXPECT(ipwire::fragment(*plain, {.mtu = 500}, out, two).error() == errc::buffer_too_small);
    BUILD_EXPECT(ipwire::fragment(bytes_view(packet).first(10), {}, out, views).error() == errc::truncated);
    // Already an IPv6 fragment: not split again.
    std::array<std::uint8_t, 1200> v6{};
    packet_builder d(v6);
    d.ipv6({}).ipv6_fragment({.more_fragments = true}).payload(data);
    const auto frag = d.build();
    BUILD_EXPECT(ipwire::fragment(*frag, {.mtu = 500}, out, views).error() == errc::bad_extension_header);
}
BUILD_STATIC_ASSERT(holds([](all_of& c) { check_edges(c); }));

TEST_CASE("fragment: MTU too small, DF, short buffers, a packet that fits, an IPv6 fragment") {
    doctest_check c;
    check_edges(c);
}

} // namespace
