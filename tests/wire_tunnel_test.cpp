// gre_view, vxlan_view, geneve_view and Geneve's options (wire/tunnel.hpp):
// each field, each parse error, every prefix of a valid header.
#include <ipwire/wire/tunnel.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::geneve_view;
using ipwire::gre_view;
using ipwire::vxlan_view;

// C, K and S set: checksum 0x1234, key 0xCAFEF00D, sequence 42, then 2 payload bytes.
constexpr std::array<std::uint8_t, 18> gre_all = {0xB0, 0x00, 0x08, 0x00, 0x12, 0x34, 0,  0,    0xCA,
                                                  0xFE, 0xF0, 0x0D, 0,    0,    0,    42, 0xAB, 0xCD};
constexpr std::array<std::uint8_t, 6> gre_plain = {0x00, 0x00, 0x86, 0xDD, 1, 2};
constexpr std::array<std::uint8_t, 8> vxlan_hdr = {0x08, 0, 0, 0, 0xAB, 0xCD, 0xEF, 0};
// Version 0, 3 words of options (a 4-byte and an 8-byte option), OAM, protocol 0x6558, VNI 1.
constexpr std::array<std::uint8_t, 22> geneve_hdr = {0x03, 0x80, 0x65, 0x58, 0,    0,    1,    0,    0x01, 0x02, 0x03,
                                                     0x00, 0xFF, 0xFF, 0x85, 0x01, 0xAA, 0xBB, 0xCC, 0xDD, 0x11, 0x22};

template <class View, std::size_t N>
constexpr bool every_prefix_is_truncated(const std::array<std::uint8_t, N>& b, std::size_t header) {
    for (std::size_t n = 0; n < header; ++n)
        if (View::parse(bytes_view(b).first(n)).error() != errc::truncated) return false;
    return View::parse(bytes_view(b).first(header)).has_value();
}
static_assert(every_prefix_is_truncated<gre_view>(gre_all, 16));
static_assert(every_prefix_is_truncated<gre_view>(gre_plain, 4));
static_assert(every_prefix_is_truncated<vxlan_view>(vxlan_hdr, 8));
static_assert(every_prefix_is_truncated<geneve_view>(geneve_hdr, 20));

static_assert(gre_view::parse(gre_all)->key() == 0xCAFEF00DU);
static_assert(gre_view::parse(gre_all)->sequence_number() == 42U);
static_assert(gre_view::parse(gre_plain)->header_length() == 4);
static_assert(vxlan_view::parse(vxlan_hdr)->vni() == 0xABCDEFU);
static_assert(geneve_view::parse(geneve_hdr)->header_length() == 20);

TEST_CASE("gre_view: fields by the flags, RFC 2784 and RFC 2890") {
    const auto g = gre_view::parse(gre_all);
    REQUIRE(g);
    CHECK(g->checksum_present());
    CHECK(g->key_present());
    CHECK(g->sequence_number_present());
    CHECK(g->version() == 0);
    CHECK(g->protocol_type() == ipwire::ether_type::ipv4);
    CHECK(g->checksum() == 0x1234U);
    CHECK(g->key() == 0xCAFEF00DU);
    CHECK(g->sequence_number() == 42U);
    CHECK(g->header_length() == 16);
    CHECK(g->payload().size() == 2);
    CHECK(g->payload()[0] == 0xAB);
    CHECK_FALSE(g->checksum_valid()); // 0x1234 is not the sum

    const auto p = gre_view::parse(gre_plain);
    REQUIRE(p);
    CHECK_FALSE(p->checksum());
    CHECK_FALSE(p->key());
    CHECK_FALSE(p->sequence_number());
    CHECK_FALSE(p->checksum_valid()); // no checksum to check
    CHECK(p->protocol_type() == ipwire::ether_type::ipv6);
    CHECK(p->payload().size() == 2);

    // A checksum that sums: C set, the rest zero but the protocol type and a payload word.
    std::array<std::uint8_t, 10> sum = {0x80, 0, 0x08, 0, 0, 0, 0, 0, 0x12, 0x34};
    const std::uint16_t c = ipwire::internet_checksum(sum);
    sum[4] = static_cast<std::uint8_t>(c >> 8U);
    sum[5] = static_cast<std::uint8_t>(c & 0xFFU);
    CHECK(gre_view::parse(sum)->checksum_valid());
    sum[9] ^= 1U;
    CHECK_FALSE(gre_view::parse(sum)->checksum_valid());
}

TEST_CASE("gre_view: what RFC 2784 section 2.3 has a receiver discard") {
    for (const std::uint8_t flags :
         std::array<std::uint8_t, 3>{0x40, 0x08, 0x04}) { // routing, strict source route, recursion bit 5
        CAPTURE(flags);
        const std::array<std::uint8_t, 4> b = {flags, 0, 0x08, 0};
        CHECK(gre_view::parse(b).error() == errc::bad_tunnel_header);
    }
    for (const std::uint8_t version : std::array<std::uint8_t, 3>{1, 2, 7}) {
        CAPTURE(version);
        const std::array<std::uint8_t, 4> b = {0, version, 0x08, 0};
        CHECK(gre_view::parse(b).error() == errc::bad_tunnel_header);
    }
    // Bits 6-12 are reserved and ignored on receipt.
    const std::array<std::uint8_t, 4> reserved = {0x03, 0xF8, 0x08, 0};
    CHECK(gre_view::parse(reserved).has_value());
}

TEST_CASE("vxlan_view: the I flag and the VNI, RFC 7348 section 5") {
    const auto v = vxlan_view::parse(vxlan_hdr);
    REQUIRE(v);
    CHECK(v->vni() == 0xABCDEFU);
    CHECK(v->flags() == 0x08);
    CHECK(v->payload().empty());
    std::array<std::uint8_t, 8> no_i = vxlan_hdr;
    no_i[0] = 0xF7; // every bit but I
    CHECK(vxlan_view::parse(no_i).error() == errc::bad_tunnel_header);
}

TEST_CASE("geneve_view: header and options, RFC 8926 sections 3.4 and 3.5") {
    const auto g = geneve_view::parse(geneve_hdr);
    REQUIRE(g);
    CHECK(g->version() == 0);
    CHECK(g->oam());
    CHECK_FALSE(g->critical_options());
    CHECK(static_cast<std::uint16_t>(g->protocol_type()) == ipwire::transparent_ethernet_bridging);
    CHECK(g->vni() == 1U);
    CHECK(g->payload().size() == 2);

    std::size_t n = 0;
    for (const ipwire::geneve_option o : g->options()) {
        if (n == 0) {
            CHECK(o.option_class() == 0x0102);
            CHECK(o.type() == 0x03);
            CHECK_FALSE(o.critical());
            CHECK(o.length() == 4);
            CHECK(o.data().empty());
        } else {
            CHECK(o.option_class() == 0xFFFF);
            CHECK(o.type() == 0x85);
            CHECK(o.critical());
            CHECK(o.length() == 8);
            CHECK(o.data_length() == 4);
            CHECK(o.data()[0] == 0xAA);
        }
        ++n;
    }
    CHECK(n == 2);
    CHECK(g->options().error() == errc{});
    CHECK(g->options().offset() == 12);

    // The second option claims 2 words of data in an area that holds 1.
    std::array<std::uint8_t, 22> bad = geneve_hdr;
    bad[15] = 0x02;
    const auto b = geneve_view::parse(bad);
    REQUIRE(b);
    CHECK(b->options().error() == errc::bad_option_length);
    CHECK(b->options().offset() == 4);
    std::size_t seen = 0;
    for (const ipwire::geneve_option o : b->options()) seen += o.length();
    CHECK(seen == 4);

    std::array<std::uint8_t, 8> v1 = {0x40, 0, 0x65, 0x58, 0, 0, 0, 0};
    CHECK(geneve_view::parse(v1).error() == errc::bad_tunnel_header);
    v1[0] = 0;
    CHECK(geneve_view::parse(v1)->options().empty());
}

} // namespace
