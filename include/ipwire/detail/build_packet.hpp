// packet_builder: the writer behind <ipwire/build.hpp>. See there for the order
// it writes in; this file holds the class.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>

#include "ipwire/detail/build_spec.hpp"
#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/expects.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

namespace detail {

constexpr void store_u8(std::span<std::uint8_t> b, std::size_t at, std::uint8_t v) noexcept { b[at] = v; }
constexpr void store_be16(std::span<std::uint8_t> b, std::size_t at, std::uint16_t v) noexcept {
    b[at] = static_cast<std::uint8_t>(v >> 8U);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xFFU);
}
constexpr void store_be32(std::span<std::uint8_t> b, std::size_t at, std::uint32_t v) noexcept {
    store_be16(b, at, static_cast<std::uint16_t>(v >> 16U));
    store_be16(b, at + 2, static_cast<std::uint16_t>(v & 0xFFFFU));
}
constexpr void store_bytes(std::span<std::uint8_t> b, std::size_t at, bytes_view v) noexcept {
    if (std::is_constant_evaluated()) {
        for (std::size_t i = 0; i < v.size(); ++i) b[at + i] = v[i];
    } else if (!v.empty()) {
        std::memcpy(b.data() + at, v.data(), v.size()); // the payload copy: one call, not a byte loop
    }
}

// What each layer of a packet_builder is, for build()'s second pass.
enum class built_kind : std::uint8_t {
    ethernet,
    vlan,
    ipv4,
    ipv6,
    ipv6_extension,
    tcp,
    udp,
    icmpv4,
    icmpv6,
    gre,
    vxlan,
    geneve
};

// No default member initializers: packet_builder leaves the slots it has not
// used unwritten (zeroing all 16 took a third of building a TCP frame).
struct built_layer {
    built_kind kind;
    bool checksum; // udp: write one (IPv6 always); gre: the C flag
    std::size_t offset;
};

// Where the protocol number of the next layer goes: an EtherType (Ethernet,
// VLAN tag, GRE, Geneve), an IP protocol byte (IPv4, IPv6, extension
// headers), or nowhere (the transports; VXLAN has no type field).
enum class next_field : std::uint8_t { none, ether_type, ip_protocol };

} // namespace detail

class packet_builder {
public:
    // Headers a packet may have: room for Ethernet, four VLAN tags, two IP
    // layers with extension headers, a tunnel and its inner frame.
    static constexpr std::size_t max_layers = 16;

    // Writes into `buffer`, from its first byte. The builder keeps the span,
    // not a copy: the buffer must outlive it and the view build() returns.
    constexpr explicit packet_builder(std::span<std::uint8_t> buffer) noexcept : out_(buffer) {}

    constexpr packet_builder& ethernet(const ethernet_spec& s) noexcept {
        // Inside a tunnel: GRE or Geneve protocol type 0x6558, Transparent
        // Ethernet Bridging (IANA EtherTypes); EtherIP (RFC 3378) under IP.
        const auto h = open(detail::built_kind::ethernet, 14, 0x6558, 97);
        if (h.empty()) return *this;
        detail::store_bytes(h, 0, bytes_view(s.destination.to_bytes()));
        detail::store_bytes(h, 6, bytes_view(s.source.to_bytes()));
        detail::store_be16(h, 12, static_cast<std::uint16_t>(s.type.value_or(ipwire::ether_type{})));
        next(detail::next_field::ether_type, offset_of(h) + 12, s.type.has_value());
        return *this;
    }

    // After ethernet() or another tag (IEEE 802.1Q section 9.6): the tag's
    // TPID goes into the type field before it, the type moves behind it.
    constexpr packet_builder& vlan(const vlan_spec& s) noexcept {
        detail::expects(s.priority < 8 && s.vlan_id < 4096, "vlan_spec: priority above 7 or VID above 4095");
        detail::expects(next_kind_ == detail::next_field::ether_type || error_ != errc{},
                        "vlan(): only after ethernet() or vlan()");
        const bool fixed = next_fixed_;
        const std::uint16_t type = fixed_type_;
        const std::size_t tpid_at = next_at_;
        const auto h = add(detail::built_kind::vlan, 4);
        if (h.empty()) return *this;
        detail::store_be16(out_, tpid_at, static_cast<std::uint16_t>(s.tag_protocol_id));
        const auto tci =
            static_cast<std::uint16_t>(std::uint32_t{s.priority} << 13U | (s.drop_eligible ? 0x1000U : 0U) | s.vlan_id);
        detail::store_be16(h, 0, tci);
        detail::store_be16(h, 2, type);
        next(detail::next_field::ether_type, offset_of(h) + 2, fixed);
        return *this;
    }

    constexpr packet_builder& ipv4(const ipv4_spec& s) noexcept {
        detail::expects(s.dscp < 64 && s.ecn < 4, "ipv4_spec: DSCP above 63 or ECN above 3");
        detail::expects(s.fragment_offset % 8 == 0, "ipv4_spec: fragment offset not a multiple of 8");
        if (s.options.size() > 40) return fail(errc::bad_header_length);
        const std::size_t length = 20 + (s.options.size() + 3) / 4 * 4;
        const auto h = open(detail::built_kind::ipv4, length, 0x0800, 4);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, static_cast<std::uint8_t>(0x40U | length / 4));
        detail::store_u8(h, 1, static_cast<std::uint8_t>(s.dscp << 2U | s.ecn));
        detail::store_be16(h, 4, s.identification);
        const auto flags = static_cast<std::uint16_t>((s.dont_fragment ? 0x4000U : 0U) |
                                                      (s.more_fragments ? 0x2000U : 0U) | s.fragment_offset / 8U);
        detail::store_be16(h, 6, flags);
        detail::store_u8(h, 8, s.time_to_live);
        detail::store_u8(h, 9, static_cast<std::uint8_t>(s.protocol.value_or(ip_protocol::ipv6_no_next)));
        detail::store_bytes(h, 12, bytes_view(s.source.to_bytes()));
        detail::store_bytes(h, 16, bytes_view(s.destination.to_bytes()));
        detail::store_bytes(h, 20, s.options); // the rest stays 0: End of Option List and padding
        next(detail::next_field::ip_protocol, offset_of(h) + 9, s.protocol.has_value());
        return *this;
    }

    constexpr packet_builder& ipv6(const ipv6_spec& s) noexcept {
        detail::expects(s.dscp < 64 && s.ecn < 4 && s.flow_label < 0x100000U,
                        "ipv6_spec: DSCP above 63, ECN above 3 or flow label above 20 bits");
        const auto h = open(detail::built_kind::ipv6, 40, 0x86DD, 41);
        if (h.empty()) return *this;
        const std::uint32_t traffic_class = static_cast<std::uint32_t>(s.dscp) << 2U | s.ecn;
        detail::store_be32(h, 0, 6U << 28U | traffic_class << 20U | s.flow_label);
        detail::store_u8(h, 6, static_cast<std::uint8_t>(s.next_header.value_or(ip_protocol::ipv6_no_next)));
        detail::store_u8(h, 7, s.hop_limit);
        detail::store_bytes(h, 8, bytes_view(s.source.to_bytes()));
        detail::store_bytes(h, 24, bytes_view(s.destination.to_bytes()));
        next(detail::next_field::ip_protocol, offset_of(h) + 6, s.next_header.has_value());
        return *this;
    }

    // RFC 8200 section 4.3 (only right after ipv6()) and 4.6: raw options
    // (type, length, data), padded with Pad1 or PadN to a multiple of 8.
    constexpr packet_builder& hop_by_hop(bytes_view options) noexcept {
        return option_header(ip_protocol::ipv6_hop_by_hop, options);
    }
    constexpr packet_builder& destination_options(bytes_view options) noexcept {
        return option_header(ip_protocol::ipv6_destination, options);
    }

    // RFC 8200 section 4.4 with the layouts of ipv6_routing_spec.
    constexpr packet_builder& routing(const ipv6_routing_spec& s) noexcept {
        const std::size_t n = s.addresses.size();
        const bool two = s.type == ipv6_routing_type::mobile_ipv6;
        detail::expects(n >= 1 && n <= 127 && (!two || n == 1) && s.segments_left <= n,
                        "ipv6_routing_spec: 1 to 127 addresses (type 2: one), segments left at most their number");
        const auto h = open(detail::built_kind::ipv6_extension, 8 + 16 * n, 0, 43);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, static_cast<std::uint8_t>(ip_protocol::ipv6_no_next));
        detail::store_u8(h, 1, static_cast<std::uint8_t>(2 * n));
        detail::store_u8(h, 2, static_cast<std::uint8_t>(s.type));
        detail::store_u8(h, 3, s.segments_left);
        if (s.type == ipv6_routing_type::segment_routing) { // RFC 8754 section 2
            detail::store_u8(h, 4, static_cast<std::uint8_t>(n - 1));
            detail::store_u8(h, 5, s.flags);
            detail::store_be16(h, 6, s.tag);
        }
        for (std::size_t i = 0; i < n; ++i) detail::store_bytes(h, 8 + 16 * i, bytes_view(s.addresses[i].to_bytes()));
        next(detail::next_field::ip_protocol, offset_of(h), false);
        return *this;
    }

    // RFC 8200 section 4.5. fragment() (<ipwire/build.hpp>) inserts these
    // itself; this is for writing one fragment by hand.
    constexpr packet_builder& ipv6_fragment(const ipv6_fragment_spec& s) noexcept {
        detail::expects(s.offset % 8 == 0, "ipv6_fragment_spec: offset not a multiple of 8");
        const auto h = open(detail::built_kind::ipv6_extension, 8, 0, 44);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, static_cast<std::uint8_t>(ip_protocol::ipv6_no_next));
        detail::store_be16(h, 2, static_cast<std::uint16_t>(s.offset | (s.more_fragments ? 1U : 0U)));
        detail::store_be32(h, 4, s.identification);
        next(detail::next_field::ip_protocol, offset_of(h), false);
        return *this;
    }

    constexpr packet_builder& tcp(const tcp_spec& s) noexcept {
        detail::expects(s.reserved < 8, "tcp_spec: reserved above 3 bits");
        std::array<std::uint8_t, 40> options{};
        std::size_t n = 0;
        const auto put = [&](std::initializer_list<std::uint8_t> bytes) {
            for (const std::uint8_t b : bytes) {
                // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): n < options.size(), checked
                if (n < options.size()) options[n] = b;
                ++n;
            }
        };
        const auto put32 = [&](std::uint32_t v) {
            put({static_cast<std::uint8_t>(v >> 24U), static_cast<std::uint8_t>(v >> 16U & 0xFFU),
                 static_cast<std::uint8_t>(v >> 8U & 0xFFU), static_cast<std::uint8_t>(v & 0xFFU)});
        };
        if (s.mss) put({2, 4, static_cast<std::uint8_t>(*s.mss >> 8U), static_cast<std::uint8_t>(*s.mss & 0xFFU)});
        if (s.sack_permitted && s.timestamps)
            put({4, 2});
        else if (s.sack_permitted)
            put({1, 1, 4, 2});
        if (s.timestamps) {
            if (!s.sack_permitted) put({1, 1});
            put({8, 10});
            put32(s.timestamps->value);
            put32(s.timestamps->echo_reply);
        }
        if (s.window_scale) put({1, 3, 3, *s.window_scale});
        if (!s.sack_blocks.empty()) {
            if (s.sack_blocks.size() > 4) return fail(errc::bad_header_length);
            put({1, 1, 5, static_cast<std::uint8_t>(2 + 8 * s.sack_blocks.size())});
            for (const tcp_sack_block& b : s.sack_blocks) {
                put32(b.left);
                put32(b.right);
            }
        }
        for (const std::uint8_t b : s.extra_options) put({b});
        if (n > options.size()) return fail(errc::bad_header_length);
        const std::size_t length = 20 + (n + 3) / 4 * 4;
        const auto h = open(detail::built_kind::tcp, length, 0, 6);
        if (h.empty()) return *this;
        detail::store_be16(h, 0, s.source.value());
        detail::store_be16(h, 2, s.destination.value());
        detail::store_be32(h, 4, s.sequence);
        detail::store_be32(h, 8, s.acknowledgment);
        detail::store_be16(
            h, 12, static_cast<std::uint16_t>(length / 4 << 12U | std::uint32_t{s.reserved} << 9U | s.flags.value()));
        detail::store_be16(h, 14, s.window);
        detail::store_be16(h, 18, s.urgent_pointer);
        detail::store_bytes(h, 20, bytes_view(options).first(n));
        next(detail::next_field::none, 0, false);
        return *this;
    }

    constexpr packet_builder& udp(const udp_spec& s) noexcept {
        const auto h = open(detail::built_kind::udp, 8, 0, 17);
        if (h.empty()) return *this;
        detail::store_be16(h, 0, s.source.value());
        detail::store_be16(h, 2, s.destination.value());
        layer(count_ - 1).checksum = s.checksum;
        next(detail::next_field::none, 0, false);
        return *this;
    }

    constexpr packet_builder& icmpv4(const icmpv4_spec& s) noexcept {
        return icmp(detail::built_kind::icmpv4, 1, static_cast<std::uint8_t>(s.type), s.code, s.rest_of_header);
    }
    constexpr packet_builder& icmpv6(const icmpv6_spec& s) noexcept {
        return icmp(detail::built_kind::icmpv6, 58, static_cast<std::uint8_t>(s.type), s.code, s.rest_of_header);
    }

    // --- tunnels: their inner headers follow with the calls above ---

    // After an IP layer (protocol 47).
    constexpr packet_builder& gre(const gre_spec& s) noexcept {
        const std::size_t length = 4 + (s.checksum ? 4U : 0U) + (s.key ? 4U : 0U) + (s.sequence ? 4U : 0U);
        const auto h = open(detail::built_kind::gre, length, 0, 47);
        if (h.empty()) return *this;
        // RFC 2784 section 2 and RFC 2890 section 2: C, K and S bits, version 0.
        detail::store_u8(
            h, 0,
            static_cast<std::uint8_t>((s.checksum ? 0x80U : 0U) | (s.key ? 0x20U : 0U) | (s.sequence ? 0x10U : 0U)));
        detail::store_be16(h, 2, static_cast<std::uint16_t>(s.protocol_type.value_or(ipwire::ether_type{})));
        std::size_t at = s.checksum ? 8 : 4;
        if (s.key) {
            detail::store_be32(h, at, *s.key);
            at += 4;
        }
        if (s.sequence) detail::store_be32(h, at, *s.sequence);
        layer(count_ - 1).checksum = s.checksum;
        next(detail::next_field::ether_type, offset_of(h) + 2, s.protocol_type.has_value());
        return *this;
    }

    // After udp(); an Ethernet frame follows.
    constexpr packet_builder& vxlan(const vxlan_spec& s) noexcept {
        detail::expects(s.vni < 0x1000000U, "vxlan_spec: VNI above 24 bits");
        const auto h = over_udp(detail::built_kind::vxlan, 8, 4789);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, 0x08); // I: the VNI is valid
        detail::store_be32(h, 4, s.vni << 8U);
        next(detail::next_field::none, 0, false);
        return *this;
    }

    // After udp().
    constexpr packet_builder& geneve(const geneve_spec& s) noexcept {
        detail::expects(s.vni < 0x1000000U, "geneve_spec: VNI above 24 bits");
        if (s.options.size() % 4 != 0 || s.options.size() > std::size_t{63} * 4) return fail(errc::bad_header_length);
        const auto h = over_udp(detail::built_kind::geneve, 8 + s.options.size(), 6081);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, static_cast<std::uint8_t>(s.options.size() / 4)); // version 0
        detail::store_u8(h, 1, static_cast<std::uint8_t>((s.oam ? 0x80U : 0U) | (s.critical ? 0x40U : 0U)));
        detail::store_be16(h, 2, static_cast<std::uint16_t>(s.protocol_type.value_or(ipwire::ether_type{})));
        detail::store_be32(h, 4, s.vni << 8U);
        detail::store_bytes(h, 8, s.options);
        next(detail::next_field::ether_type, offset_of(h) + 2, s.protocol_type.has_value());
        return *this;
    }

    // Bytes after the last header, appended (call it again to append more).
    constexpr packet_builder& payload(bytes_view data) noexcept {
        const auto h = grow(data.size(), false);
        if (data.size() != 0 && h.empty()) return *this;
        detail::store_bytes(h, 0, data);
        return *this;
    }

    // Fills the lengths, then the checksums innermost first, and returns the
    // bytes written: the buffer's first size() bytes. The first error of any
    // call before (buffer_too_small, bad_header_length), or a length its field
    // cannot hold (bad_total_length, bad_payload_length, bad_length), instead:
    // then no view of the buffer is handed out. Calling it again fills the
    // same fields again.
    [[nodiscard]] constexpr result<bytes_view> build() noexcept {
        if (error_ != errc{}) return error_;
        for (std::size_t i = 0; i < count_; ++i) {
            const detail::built_layer& l = layer(i);
            const std::size_t rest = size_ - l.offset;
            switch (l.kind) {
            case detail::built_kind::ipv4:
                if (rest > 0xFFFF) return errc::bad_total_length;
                detail::store_be16(out_, l.offset + 2, static_cast<std::uint16_t>(rest));
                break;
            case detail::built_kind::ipv6:
                if (rest - 40 > 0xFFFF) return errc::bad_payload_length;
                detail::store_be16(out_, l.offset + 4, static_cast<std::uint16_t>(rest - 40));
                break;
            case detail::built_kind::udp:
                if (rest > 0xFFFF) return errc::bad_length;
                detail::store_be16(out_, l.offset + 4, static_cast<std::uint16_t>(rest));
                break;
            default: break;
            }
        }
        const bytes_view written = out_.first(size_);
        for (std::size_t i = count_; i-- > 0;) {
            const detail::built_layer& l = layer(i);
            const bytes_view self = written.subspan(l.offset);
            switch (l.kind) {
            case detail::built_kind::ipv4: {
                const std::size_t length = (out_[l.offset] & 0x0FU) * std::size_t{4};
                detail::store_be16(out_, l.offset + 10, 0);
                detail::store_be16(out_, l.offset + 10, internet_checksum(self.first(length)));
                break;
            }
            case detail::built_kind::icmpv4:
                detail::store_be16(out_, l.offset + 2, 0);
                detail::store_be16(out_, l.offset + 2, internet_checksum(self));
                break;
            case detail::built_kind::gre:
                if (!l.checksum) break;
                detail::store_be16(out_, l.offset + 4, 0); // RFC 2784 section 2.5: header and payload
                detail::store_be16(out_, l.offset + 4, internet_checksum(self));
                break;
            case detail::built_kind::tcp: transport_checksum(i, 16, false); break;
            case detail::built_kind::udp: transport_checksum(i, 6, !l.checksum); break;
            case detail::built_kind::icmpv6: transport_checksum(i, 2, false); break;
            default: break;
            }
        }
        return written;
    }

    // Bytes written so far.
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    // The first error a call met, or errc{}.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }

private:
    // Layer i, for i < count_ <= max_layers at every call (unchecked, as std::array).
    constexpr detail::built_layer& layer(std::size_t i) noexcept {
        return layers_[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < count_, see above
    }
    [[nodiscard]] constexpr const detail::built_layer& layer(std::size_t i) const noexcept {
        return layers_[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): as above
    }
    [[nodiscard]] constexpr std::size_t offset_of(std::span<std::uint8_t> h) const noexcept {
        return static_cast<std::size_t>(h.data() - out_.data());
    }
    constexpr packet_builder& fail(errc e) noexcept {
        if (error_ == errc{}) error_ = e;
        return *this;
    }
    // The next n bytes, zeroed unless the caller overwrites them all; empty
    // (and buffer_too_small) when they do not fit or an earlier call failed.
    constexpr std::span<std::uint8_t> grow(std::size_t n, bool zero = true) noexcept {
        if (error_ != errc{}) return {};
        if (out_.size() - size_ < n) {
            fail(errc::buffer_too_small);
            return {};
        }
        const auto h = out_.subspan(size_, n);
        if (zero)
            for (std::uint8_t& b : h) b = 0;
        size_ += n;
        return h;
    }
    // A new layer of n bytes, recorded for build().
    constexpr std::span<std::uint8_t> add(detail::built_kind kind, std::size_t n) noexcept {
        if (error_ == errc{} && count_ == max_layers) fail(errc::nesting_too_deep);
        const auto h = grow(n);
        if (h.empty()) return h;

        layer(count_++) = {kind, false, offset_of(h)};
        return h;
    }
    // A new header that the previous one announces: its number goes into the
    // previous layer's type field (an EtherType or an IP protocol, whichever
    // that field is) unless the caller named one there.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): private, each call names its fields
    constexpr std::span<std::uint8_t> open(detail::built_kind kind, std::size_t n, std::uint16_t as_ether_type,
                                           std::uint8_t as_protocol) noexcept {
        const auto h = add(kind, n);
        if (h.empty() || next_fixed_) return h;
        if (next_kind_ == detail::next_field::ether_type && as_ether_type != 0)
            detail::store_be16(out_, next_at_, as_ether_type);
        else if (next_kind_ == detail::next_field::ip_protocol)
            detail::store_u8(out_, next_at_, as_protocol);
        return h;
    }
    constexpr void next(detail::next_field kind, std::size_t at, bool fixed) noexcept {
        if (kind == detail::next_field::ether_type && !fixed) fixed_type_ = 0;
        if (kind == detail::next_field::ether_type && fixed) fixed_type_ = detail::load_be16(out_, at);
        next_kind_ = kind;
        next_at_ = at;
        next_fixed_ = fixed;
    }

    // A UDP tunnel header; the UDP header before it gets `port` as its
    // destination port when the caller left that 0.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): private, each call names its fields
    constexpr std::span<std::uint8_t> over_udp(detail::built_kind kind, std::size_t n, std::uint16_t port) noexcept {
        const bool after_udp = count_ != 0 && layer(count_ - 1).kind == detail::built_kind::udp;
        const auto h = add(kind, n);
        if (h.empty() || !after_udp) return h;
        const std::size_t udp = layer(count_ - 2).offset;
        if (detail::load_be16(out_, udp + 2) == 0) detail::store_be16(out_, udp + 2, port);
        return h;
    }

    constexpr packet_builder& option_header(ip_protocol type, bytes_view options) noexcept {
        const std::size_t length = (2 + options.size() + 7) / 8 * 8;
        if (length > 2048) return fail(errc::bad_header_length); // Hdr Ext Len is 8 bits of 8-byte units
        const auto h = open(detail::built_kind::ipv6_extension, length, 0, static_cast<std::uint8_t>(type));
        if (h.empty()) return *this;
        detail::store_u8(h, 0, static_cast<std::uint8_t>(ip_protocol::ipv6_no_next));
        detail::store_u8(h, 1, static_cast<std::uint8_t>(length / 8 - 1));
        detail::store_bytes(h, 2, options);
        // RFC 8200 section 4.2: Pad1 for one byte, else PadN (its data zeros).
        const std::size_t pad = length - 2 - options.size();
        if (pad >= 2) {
            detail::store_u8(h, 2 + options.size(), 1);
            detail::store_u8(h, 3 + options.size(), static_cast<std::uint8_t>(pad - 2));
        }
        next(detail::next_field::ip_protocol, offset_of(h), false);
        return *this;
    }

    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): private, each call names its fields
    constexpr packet_builder& icmp(detail::built_kind kind, std::uint8_t protocol, std::uint8_t type, std::uint8_t code,
                                   std::uint32_t rest) noexcept {
        const auto h = open(kind, 8, 0, protocol);
        if (h.empty()) return *this;
        detail::store_u8(h, 0, type);
        detail::store_u8(h, 1, code);
        detail::store_be32(h, 4, rest);
        next(detail::next_field::none, 0, false);
        return *this;
    }

    // TCP, UDP and ICMPv6: the checksum over the pseudo-header of the IP
    // packet around layer i, as ip_packet_view reads it (RFC 9293 section 3.1,
    // RFC 768, RFC 8200 section 8.1: a source route's or routing header's
    // final destination, an RFC 6275 home address), and the whole message.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): private, each call names its fields
    constexpr void transport_checksum(std::size_t i, std::size_t field, bool none) noexcept {
        const detail::built_layer& l = layer(i);
        detail::store_be16(out_, l.offset + field, 0);
        const std::size_t ip = enclosing_ip(i);
        if (ip == max_layers) return; // no IP layer: nothing to sum over
        const detail::built_layer& p = layer(ip);
        if (none && p.kind == detail::built_kind::ipv4) return; // IPv4 UDP without a checksum
        const bytes_view written = bytes_view(out_).first(size_);
        const auto packet = ip_packet_view::parse(written.subspan(p.offset));
        if (!packet) return;
        const bytes_view message = written.subspan(l.offset);
        const std::uint64_t sum = packet->pseudo_header_sum(static_cast<std::uint32_t>(message.size()));
        auto checksum = static_cast<std::uint16_t>(~checksum_fold(checksum_add(sum, message)));
        // RFC 768: a computed 0 is sent as all ones (0 means none).
        // cppcheck-suppress knownConditionTrueFalse ; false positive: ~0xFFFF is 0, a sum of all ones
        if (checksum == 0 && l.kind == detail::built_kind::udp) checksum = 0xFFFF;
        detail::store_be16(out_, l.offset + field, checksum);
    }
    // The IP layer nearest outside layer i, or max_layers.
    [[nodiscard]] constexpr std::size_t enclosing_ip(std::size_t i) const noexcept {
        for (std::size_t j = i; j-- > 0;) {
            const detail::built_kind k = layer(j).kind;
            if (k == detail::built_kind::ipv4 || k == detail::built_kind::ipv6) return j;
        }
        return max_layers;
    }

    std::span<std::uint8_t> out_;
    std::size_t size_ = 0;
    errc error_{};
    std::array<detail::built_layer, max_layers> layers_; // the first count_ are set
    std::size_t count_ = 0;
    detail::next_field next_kind_ = detail::next_field::none;
    std::size_t next_at_ = 0;
    bool next_fixed_ = false;
    std::uint16_t fixed_type_ = 0; // the EtherType the caller named, carried past VLAN tags
};

} // namespace ipwire
