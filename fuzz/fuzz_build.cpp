// fuzz_build (issue 15): the input chooses a packet (link layer, VLAN tags,
// IPv4 or IPv6 with options and extension headers, TCP, UDP, ICMP or ICMPv6,
// every field, the payload), packet_builder writes it, decode() and the wire
// views read it back. Properties: build fails only with buffer_too_small or
// (TCP options past 40 bytes) bad_header_length; otherwise decode stops
// without error where the builder stopped, every field set reads back, every
// checksum validates (ICMP through decode's icmp() and the views), and the
// payload is the input's. Then fragment() splits the IP packet at a chosen
// MTU: the fragments parse, fit, and their data concatenates to the original's.
#include "fuzz_common.hpp"

#include <ipwire/build.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/wire/icmp.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

using ipwire::bytes_view;
using ipwire::errc;

// Reads the input front to back; past its end every read is 0.
class reader {
public:
    explicit reader(bytes_view b) : b_(b) {}
    std::uint8_t u8() { return at_ < b_.size() ? b_[at_++] : 0; }
    std::uint16_t u16() { return static_cast<std::uint16_t>(u8() << 8U | u8()); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(u16()) << 16U | u16(); }
    bool bit() { return (u8() & 1U) != 0; }
    bytes_view bytes(std::size_t n) {
        const std::size_t k = n < b_.size() - at_ ? n : b_.size() - at_;
        const bytes_view r = b_.subspan(at_, k);
        at_ += k;
        return r;
    }
    bytes_view rest() { return bytes(b_.size() - at_); }

private:
    bytes_view b_;
    std::size_t at_ = 0;
};

template <std::size_t N>
bool same(bytes_view a, const std::array<std::uint8_t, N>& b, std::size_t n) {
    if (a.size() < n) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}
bool same(bytes_view a, bytes_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

ipwire::ipv6_address address6(reader& r) {
    ipwire::ipv6_address::bytes_type a{};
    for (auto& b : a) b = r.u8();
    return ipwire::ipv6_address(a);
}

// Option bytes for an IPv6 options header, without a Jumbo Payload option
// (which would make a jumbogram of a short packet).
template <std::size_t N>
bytes_view v6_options(reader& r, std::array<std::uint8_t, N>& out) {
    const bytes_view in = r.bytes(r.u8() % N);
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = in[i] == 0xC2 ? 0xC3 : in[i];
    return bytes_view(out).first(in.size());
}

void check_fragments(bytes_view packet, std::size_t mtu) {
    static std::array<std::uint8_t, 1 << 16> buffer;
    std::array<bytes_view, 64> views{};
    const auto r = ipwire::fragment(packet, {.mtu = mtu, .identification = 1}, buffer, views);
    if (!r) {
        const errc e = r.error();
        IPWIRE_FUZZ_CHECK(e == errc::mtu_too_small || e == errc::buffer_too_small || e == errc::bad_extension_header);
        return;
    }
    const auto original = ipwire::ip_packet_view::parse(packet);
    IPWIRE_FUZZ_CHECK(original.has_value());
    if (r->size() == 1) {
        IPWIRE_FUZZ_CHECK(same((*r)[0], packet));
        return;
    }
    std::size_t total = 0;
    for (const bytes_view f : *r) {
        IPWIRE_FUZZ_CHECK(f.size() <= mtu);
        const auto ip = ipwire::ip_packet_view::parse(f);
        IPWIRE_FUZZ_CHECK(ip.has_value() && ip->is_fragment());
        if (ip->is_v4()) {
            IPWIRE_FUZZ_CHECK(ip->v4().header_checksum_valid() && ip->v4().fragment_offset() == total);
            total += ip->v4().payload().size();
        } else {
            const auto h = ip->v6().fragment_header();
            IPWIRE_FUZZ_CHECK(h.has_value() && h->fragment_offset() == total);
            // The data: after the Fragment header, to the end of the fragment.
            total += static_cast<std::size_t>(f.data() + f.size() - (h->bytes().data() + 8));
        }
    }
    if (original->is_v4()) IPWIRE_FUZZ_CHECK(total == original->v4().payload().size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ipwire_fuzz::exact_copy input(data, size);
    reader r(bytes_view(input.data(), input.size()));
    static std::array<std::uint8_t, 2048> buffer;
    ipwire::packet_builder b(buffer);

    const std::uint8_t shape = r.u8();
    const bool ethernet = (shape & 1U) != 0;
    const bool v6 = (shape & 2U) != 0;
    const unsigned transport = (shape >> 2U) % 3; // tcp, udp, icmp
    const std::size_t vlans = ethernet ? (shape >> 4U) % 3 : 0;
    std::array<ipwire::vlan_spec, 2> tags{};
    ipwire::ethernet_spec eth{};
    if (ethernet) {
        ipwire::mac_address::bytes_type d{}, s{};
        for (auto& x : d) x = r.u8();
        for (auto& x : s) x = r.u8();
        eth = {.destination = d, .source = s};
        b.ethernet(eth);
        for (std::size_t i = 0; i < vlans; ++i) {
            const std::uint16_t tci = r.u16();
            tags[i] = {.tag_protocol_id = i == 0 ? ipwire::ether_type::qinq : ipwire::ether_type::vlan,
                       .priority = static_cast<std::uint8_t>(tci >> 13U),
                       .drop_eligible = (tci & 0x1000U) != 0,
                       .vlan_id = static_cast<std::uint16_t>(tci & 0xFFFU)};
            b.vlan(tags[i]);
        }
    }

    ipwire::ipv4_spec s4{};
    ipwire::ipv6_spec s6{};
    std::array<std::uint8_t, 40> v4_options{};
    std::array<std::uint8_t, 64> hop{}, dst{};
    std::array<ipwire::ipv6_address, 3> route{};
    ipwire::ipv6_routing_spec routing{};
    const std::uint8_t chain = r.u8();
    if (!v6) {
        const std::uint8_t tos = r.u8();
        const bytes_view o = r.bytes(r.u8() % 41);
        for (std::size_t i = 0; i < o.size(); ++i) v4_options[i] = o[i];
        s4 = {.source = ipwire::ipv4_address(r.u32()),
              .destination = ipwire::ipv4_address(r.u32()),
              .dscp = static_cast<std::uint8_t>(tos >> 2U),
              .ecn = static_cast<std::uint8_t>(tos & 3U),
              .identification = r.u16(),
              .dont_fragment = (chain & 1U) != 0,
              .time_to_live = r.u8(),
              .options = bytes_view(v4_options).first(o.size())};
        b.ipv4(s4);
    } else {
        const std::uint8_t tc = r.u8();
        s6 = {.source = address6(r),
              .destination = address6(r),
              .dscp = static_cast<std::uint8_t>(tc >> 2U),
              .ecn = static_cast<std::uint8_t>(tc & 3U),
              .flow_label = r.u32() & 0xFFFFFU,
              .hop_limit = r.u8()};
        b.ipv6(s6);
        if ((chain & 1U) != 0) b.hop_by_hop(v6_options(r, hop));
        if ((chain & 2U) != 0) b.destination_options(v6_options(r, dst));
        if ((chain & 4U) != 0) {
            const auto type = static_cast<ipwire::ipv6_routing_type>(std::array<std::uint8_t, 3>{0, 2, 4}[r.u8() % 3]);
            const std::size_t n = type == ipwire::ipv6_routing_type::mobile_ipv6 ? 1 : 1 + std::size_t{r.u8()} % 3;
            for (std::size_t i = 0; i < n; ++i) route[i] = address6(r);
            routing = {.type = type,
                       .segments_left = static_cast<std::uint8_t>(r.u8() % (n + 1)),
                       .addresses = std::span<const ipwire::ipv6_address>(route).first(n),
                       .flags = r.u8(),
                       .tag = r.u16()};
            b.routing(routing);
        }
        if ((chain & 8U) != 0) b.ipv6_fragment({.identification = r.u32()}); // atomic: offset 0, M clear
    }

    ipwire::tcp_spec tcp{};
    ipwire::udp_spec udp{};
    ipwire::icmpv4_spec icmp4{};
    ipwire::icmpv6_spec icmp6{};
    std::array<ipwire::tcp_sack_block, 4> blocks{};
    if (transport == 0) {
        const std::uint8_t which = r.u8();
        tcp = {.source = ipwire::port(r.u16()),
               .destination = ipwire::port(r.u16()),
               .sequence = r.u32(),
               .acknowledgment = r.u32(),
               .flags = ipwire::tcp_flags(r.u16()),
               .window = r.u16(),
               .urgent_pointer = r.u16()};
        if ((which & 1U) != 0) tcp.mss = r.u16();
        if ((which & 2U) != 0) tcp.window_scale = r.u8();
        tcp.sack_permitted = (which & 4U) != 0;
        if ((which & 8U) != 0) tcp.timestamps = ipwire::tcp_timestamps{r.u32(), r.u32()};
        const std::size_t n = (which >> 4U) % 5;
        for (std::size_t i = 0; i < n; ++i) blocks[i] = {r.u32(), r.u32()};
        tcp.sack_blocks = std::span<const ipwire::tcp_sack_block>(blocks).first(n);
        b.tcp(tcp);
    } else if (transport == 1) {
        udp = {.source = ipwire::port(r.u16()), .destination = ipwire::port(r.u16()), .checksum = r.bit()};
        b.udp(udp);
    } else if (!v6) {
        icmp4 = {.type = static_cast<ipwire::icmpv4_type>(r.u8()), .code = r.u8(), .rest_of_header = r.u32()};
        b.icmpv4(icmp4);
    } else {
        icmp6 = {.type = static_cast<ipwire::icmpv6_type>(r.u8()), .code = r.u8(), .rest_of_header = r.u32()};
        b.icmpv6(icmp6);
    }
    const std::size_t mtu = 64 + r.u16() % 2000;
    const bytes_view payload = r.rest();
    b.payload(payload);

    const auto built = b.build();
    if (!built) {
        IPWIRE_FUZZ_CHECK(built.error() == errc::buffer_too_small || built.error() == errc::bad_header_length);
        IPWIRE_FUZZ_CHECK(built.error() != errc::bad_header_length || transport == 0);
        return 0;
    }
    IPWIRE_FUZZ_CHECK(built->data() == buffer.data() && built->size() == b.size());

    const auto d = ipwire::decode(*built, ethernet ? ipwire::link_type::ethernet : ipwire::link_type::raw);
    IPWIRE_FUZZ_CHECK(!d.error().has_value());
    if (ethernet) {
        const auto e = d.ethernet();
        IPWIRE_FUZZ_CHECK(e && e->destination() == eth.destination && e->source() == eth.source);
        IPWIRE_FUZZ_CHECK(e->vlan_count() == vlans);
        for (std::size_t i = 0; i < vlans; ++i) {
            const auto t = e->vlan(i);
            IPWIRE_FUZZ_CHECK(t->tag_protocol_id() == tags[i].tag_protocol_id && t->priority() == tags[i].priority);
            IPWIRE_FUZZ_CHECK(t->drop_eligible() == tags[i].drop_eligible && t->vlan_id() == tags[i].vlan_id);
        }
        IPWIRE_FUZZ_CHECK(d.ether_type() == (v6 ? ipwire::ether_type::ipv6 : ipwire::ether_type::ipv4));
    }
    const auto ip = d.ip();
    IPWIRE_FUZZ_CHECK(ip.has_value() && ip->is_v6() == v6 && !d.is_tunnelled());
    if (!v6) {
        const auto p = ip->v4();
        IPWIRE_FUZZ_CHECK(p.source() == s4.source && p.destination() == s4.destination);
        IPWIRE_FUZZ_CHECK(p.dscp() == s4.dscp && p.ecn() == s4.ecn && p.identification() == s4.identification);
        IPWIRE_FUZZ_CHECK(p.dont_fragment() == s4.dont_fragment && !p.more_fragments() && p.fragment_offset() == 0);
        IPWIRE_FUZZ_CHECK(p.time_to_live() == s4.time_to_live && p.header_checksum_valid());
        IPWIRE_FUZZ_CHECK(p.total_length() == p.bytes().size());
        IPWIRE_FUZZ_CHECK(same(p.options().bytes(), v4_options, s4.options.size()));
    } else {
        const auto p = ip->v6();
        IPWIRE_FUZZ_CHECK(p.source() == s6.source && p.destination() == s6.destination);
        IPWIRE_FUZZ_CHECK(p.dscp() == s6.dscp && p.ecn() == s6.ecn && p.flow_label() == s6.flow_label);
        IPWIRE_FUZZ_CHECK(p.hop_limit() == s6.hop_limit && p.extension_headers().error() == errc{});
        if ((chain & 4U) != 0) {
            const auto h = p.routing_header();
            IPWIRE_FUZZ_CHECK(h && h->routing_type() == routing.type && h->segments_left() == routing.segments_left);
            for (std::size_t i = 0; i < routing.addresses.size(); ++i)
                IPWIRE_FUZZ_CHECK(h->address(i) == routing.addresses[i]);
        }
        IPWIRE_FUZZ_CHECK(p.is_atomic_fragment() == ((chain & 8U) != 0));
    }
    if (transport == 0) {
        const auto t = d.tcp();
        IPWIRE_FUZZ_CHECK(t && t->source_port() == tcp.source && t->destination_port() == tcp.destination);
        IPWIRE_FUZZ_CHECK(t->sequence_number() == tcp.sequence && t->acknowledgment_number() == tcp.acknowledgment);
        IPWIRE_FUZZ_CHECK(t->flags() == tcp.flags && t->window() == tcp.window);
        IPWIRE_FUZZ_CHECK(t->urgent_pointer() == tcp.urgent_pointer && t->options().error() == errc{});
        IPWIRE_FUZZ_CHECK(t->mss() == tcp.mss && t->window_scale() == tcp.window_scale);
        IPWIRE_FUZZ_CHECK(t->sack_permitted() == tcp.sack_permitted && t->timestamps() == tcp.timestamps);
        const auto got = t->sack_blocks();
        IPWIRE_FUZZ_CHECK(got.size() == tcp.sack_blocks.size());
        for (std::size_t i = 0; i < got.size(); ++i) IPWIRE_FUZZ_CHECK(got[i] == tcp.sack_blocks[i]);
        IPWIRE_FUZZ_CHECK(t->checksum_valid(*ip));
        IPWIRE_FUZZ_CHECK(same(d.payload(), payload));
    } else if (transport == 1) {
        const auto u = d.udp();
        IPWIRE_FUZZ_CHECK(u && u->source_port() == udp.source && u->destination_port() == udp.destination);
        IPWIRE_FUZZ_CHECK(u->length() == 8 + payload.size() && u->checksum_valid(*ip));
        IPWIRE_FUZZ_CHECK(u->has_checksum() == (udp.checksum || v6));
        IPWIRE_FUZZ_CHECK(same(d.payload(), payload));
    } else {
        IPWIRE_FUZZ_CHECK(ip->protocol() == (v6 ? ipwire::ip_protocol::icmpv6 : ipwire::ip_protocol::icmp));
        const auto m = d.icmp();
        IPWIRE_FUZZ_CHECK(m && m->is_v6() == v6 && m->checksum_valid(*ip));
        IPWIRE_FUZZ_CHECK(m->type_value() ==
                          (v6 ? static_cast<std::uint8_t>(icmp6.type) : static_cast<std::uint8_t>(icmp4.type)));
        if (!v6) {
            const auto m4 = ipwire::icmpv4_message_view::parse(ip->payload());
            IPWIRE_FUZZ_CHECK(m4 && m4->type() == icmp4.type && m4->code() == icmp4.code);
            IPWIRE_FUZZ_CHECK(m4->rest_of_header() == icmp4.rest_of_header && m4->checksum_valid(*ip));
            IPWIRE_FUZZ_CHECK(same(m4->body(), payload));
        } else {
            const auto m6 = ipwire::icmpv6_message_view::parse(ip->payload());
            IPWIRE_FUZZ_CHECK(m6 && m6->type() == icmp6.type && m6->code() == icmp6.code);
            IPWIRE_FUZZ_CHECK(m6->rest_of_header() == icmp6.rest_of_header && m6->checksum_valid(*ip));
            IPWIRE_FUZZ_CHECK(same(m6->body(), payload));
        }
    }
    check_fragments(ip->bytes(), mtu);
    return 0;
}
