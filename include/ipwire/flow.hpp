// flow_key: the transport-layer demultiplexing key, protocol plus source and
// destination address and port (the 5-tuple a host's TCP or UDP looks a
// segment up by, RFC 9293 3.3.2, RFC 768). Addresses carry no zone. Also the
// definition of decoded_packet::flow().
#pragma once

#include <array>
#include <bit>
#include <charconv>
#include <string_view>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "ipwire/decode.hpp"
#include "ipwire/detail/hash.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/text_value.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/icmp.hpp"

namespace ipwire {

// 38 bytes, alignment 2, no padding: two 16-byte addresses (IPv4 as its
// IPv4-mapped form, with a family bit), two ports, the protocol and the
// family bits. Trivially copyable; every byte is part of the value.
class flow_key {
    // The longest name to_string(ip_protocol) gives ("mobility-header") is
    // shorter than this; an unnamed protocol prints as its number.
    static constexpr std::size_t ip_protocol_max_text = 16;

public:
    using address_bytes = std::array<std::uint8_t, 16>;
    // "udp " "[" address "]:" port " -> " "[" address "]:" port, without zones.
    static constexpr std::size_t max_string_length =
        ip_protocol_max_text + 1 + 2 * (1 + 39 + 2 + port::max_string_length) + 4;

    // protocol 0 (HOPOPT), 0.0.0.0:0 -> 0.0.0.0:0.
    constexpr flow_key() noexcept = default;
    // Zones are dropped: a flow is what is on the wire, where no zone is.
    constexpr flow_key(ip_protocol protocol, const endpoint& source, const endpoint& destination) noexcept
        : protocol_(protocol), families_(static_cast<std::uint8_t>((source.address().is_v4() ? src_v4 : 0U) |
                                                                   (destination.address().is_v4() ? dst_v4 : 0U))),
          source_(source.address().v6().to_bytes()), destination_(destination.address().v6().to_bytes()),
          source_port_(source.port().value()), destination_port_(destination.port().value()) {}

    // TCP or UDP: the innermost IP packet's addresses and the ports.
    // An ICMP or ICMPv6 error (RFC 1122 3.2.2, RFC 4443 2.4): the flow of the
    // quoted packet, seen from the socket that sent it, written as a reply
    // to it would be (source = the quoted destination, destination = the
    // quoted source), so that socket_table::deliver() hands a "port
    // unreachable" or "packet too big" to that socket exactly as it would a
    // reply. Otherwise (no TCP or UDP, an ICMP error quoting too little to
    // show ports) nullopt.
    [[nodiscard]] static constexpr std::optional<flow_key> from(const decoded_packet& p) noexcept;

    [[nodiscard]] constexpr ip_protocol protocol() const noexcept { return protocol_; }
    [[nodiscard]] constexpr endpoint source() const noexcept {
        return {address(source_, (families_ & src_v4) != 0), port(source_port_)};
    }
    [[nodiscard]] constexpr endpoint destination() const noexcept {
        return {address(destination_, (families_ & dst_v4) != 0), port(destination_port_)};
    }
    [[nodiscard]] constexpr flow_key with_protocol(ip_protocol p) const noexcept {
        flow_key k = *this;
        k.protocol_ = p;
        return k;
    }

    // The same key with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) on
    // either side as IPv4, as endpoint::unmap() does (the stored bytes are
    // already the mapped form, so only the family bits change).
    [[nodiscard]] constexpr flow_key unmapped() const noexcept {
        flow_key k = *this;
        if (is_mapped(source_)) k.families_ |= src_v4;
        if (is_mapped(destination_)) k.families_ |= dst_v4;
        return k;
    }
    // A key of the destination alone: protocol and destination endpoint as
    // the source, 0.0.0.0:0 as the destination (socket_table's listener key).
    [[nodiscard]] constexpr flow_key destination_only() const noexcept {
        flow_key k;
        k.protocol_ = protocol_;
        k.families_ = static_cast<std::uint8_t>(((families_ & dst_v4) != 0 ? src_v4 : 0U) | dst_v4);
        k.source_ = destination_;
        k.source_port_ = destination_port_;
        return k;
    }
    // The same key with the source address replaced by the unspecified
    // address of its family (0.0.0.0 or ::).
    [[nodiscard]] constexpr flow_key with_unspecified_source(bool v4) const noexcept {
        flow_key k = *this;
        k.source_ = v4 ? ipv6_address::v4_mapped(ipv4_address{}).to_bytes() : address_bytes{};
        k.families_ = static_cast<std::uint8_t>((families_ & dst_v4) | (v4 ? src_v4 : 0U));
        return k;
    }

    // The other direction: source and destination swapped.
    [[nodiscard]] constexpr flow_key reversed() const noexcept {
        flow_key k = *this;
        k.source_ = destination_;
        k.destination_ = source_;
        k.source_port_ = destination_port_;
        k.destination_port_ = source_port_;
        k.families_ = static_cast<std::uint8_t>(((families_ & src_v4) != 0 ? dst_v4 : 0U) |
                                                ((families_ & dst_v4) != 0 ? src_v4 : 0U));
        return k;
    }
    // True when the source endpoint orders before or equal to the destination
    // (endpoint's <=>: IPv4 before IPv6, then address, then port).
    [[nodiscard]] constexpr bool is_canonical() const noexcept {
        return compare_ends(source_end(), destination_end()) <= 0;
    }
    // The same key for both directions of a conversation: the smaller
    // endpoint first. is_canonical() says whether this key already was.
    [[nodiscard]] constexpr flow_key canonical() const noexcept { return is_canonical() ? *this : reversed(); }

    // The 40-byte message the hash reads: every field, fixed order (the
    // addresses' 32 bytes, then ports, protocol and family bits).
    [[nodiscard]] constexpr std::array<std::uint64_t, 5> hash_words() const noexcept {
        const auto s = std::bit_cast<std::array<std::uint64_t, 2>>(source_);
        const auto d = std::bit_cast<std::array<std::uint64_t, 2>>(destination_);
        const std::uint64_t rest = std::uint64_t{source_port_} | (std::uint64_t{destination_port_} << 16U) |
                                   (std::uint64_t{static_cast<std::uint8_t>(protocol_)} << 32U) |
                                   (std::uint64_t{families_} << 40U);
        return {s[0], s[1], d[0], d[1], rest};
    }
    // SipHash-1-3 of hash_words() under `key` (detail/hash.hpp says why
    // keyed). The words are the machine's: the value differs between little-
    // and big-endian hosts, as a hash table's may.
    [[nodiscard]] constexpr std::uint64_t hash(const detail::sip_key& key) const noexcept {
        const auto w = hash_words();
        return detail::siphash_words<1, 3>(key, w);
    }

    // "tcp 192.0.2.1:49152 -> [2001:db8::1]:443"; all or nothing, as every to_chars.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[max_string_length] = {};
        char* out = buffer;
        char* const end = buffer + max_string_length;
        const std::string_view name = ipwire::to_string(protocol_);
        if (name.empty()) {
            out = detail::write_decimal(out, static_cast<std::uint32_t>(protocol_));
        } else {
            for (char c : name) *out++ = c;
        }
        *out++ = ' ';
        out = source().to_chars(out, end).ptr;
        for (char c : std::string_view(" -> ")) *out++ = c;
        out = destination().to_chars(out, end).ptr;
        return detail::copy_if_fits(first, last, buffer, out);
    }
    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr bool operator==(const flow_key&, const flow_key&) noexcept = default;
    // By protocol, then source endpoint, then destination endpoint.
    friend constexpr std::strong_ordering operator<=>(const flow_key& a, const flow_key& b) noexcept {
        if (const auto c = a.protocol_ <=> b.protocol_; c != 0) return c;
        if (const int c = compare_ends(a.source_end(), b.source_end())) return c <=> 0;
        return compare_ends(a.destination_end(), b.destination_end()) <=> 0;
    }

private:
    static constexpr std::uint8_t src_v4 = 1;
    static constexpr std::uint8_t dst_v4 = 2;
    static constexpr bool is_mapped(const address_bytes& b) noexcept {
        for (std::size_t i = 0; i < 10; ++i)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < 10
            if (b[i] != 0) return false;
        return b[10] == 0xFF && b[11] == 0xFF;
    }
    // endpoint's order on the stored form: IPv4 first, then the 16 bytes
    // (for IPv4, the mapped form orders as the address), then the port.
    struct end_ref {
        bool v4;
        const address_bytes& address;
        std::uint16_t port;
    };
    [[nodiscard]] constexpr end_ref source_end() const noexcept {
        return {(families_ & src_v4) != 0, source_, source_port_};
    }
    [[nodiscard]] constexpr end_ref destination_end() const noexcept {
        return {(families_ & dst_v4) != 0, destination_, destination_port_};
    }
    static constexpr int compare_ends(const end_ref& a, const end_ref& b) noexcept {
        if (a.v4 != b.v4) return a.v4 ? -1 : 1;
        for (std::size_t i = 0; i < 16; ++i)
            // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): i < 16
            if (a.address[i] != b.address[i]) return a.address[i] < b.address[i] ? -1 : 1;
        return a.port == b.port ? 0 : (a.port < b.port ? -1 : 1);
    }
    static constexpr ip_address address(const address_bytes& b, bool v4) noexcept {
        const ipv6_address a(b);
        return v4 ? ip_address(ip_address(a).v4()) : ip_address(a);
    }

    ip_protocol protocol_{};
    std::uint8_t families_ = src_v4 | dst_v4;
    address_bytes source_ = ipv6_address::v4_mapped(ipv4_address{}).to_bytes();
    address_bytes destination_ = ipv6_address::v4_mapped(ipv4_address{}).to_bytes();
    std::uint16_t source_port_ = 0;
    std::uint16_t destination_port_ = 0;
};

namespace detail {
// The addresses the transport layer sees, the ones its pseudo-header sums:
// an IPv6 home address option's address as the source (RFC 6275 9.3.1), a
// routing header's or IPv4 source route's last address as the destination
// (RFC 8200 8.1, RFC 791). tshark's conversations use the same pair.
// Without options or extension headers (nearly every packet) they are the
// header's, read without walking anything.
constexpr bool plain_header(const ip_packet_view& ip) noexcept {
    if (ip.is_v4()) return ip.v4().header_length() == ipv4_packet_view::min_header_length;
    const ip_protocol next = ip.v6().next_header();
    return next == ip_protocol::tcp || next == ip_protocol::udp;
}
constexpr ip_address flow_source(const ip_packet_view& ip) noexcept {
    if (ip.is_v6() && !plain_header(ip))
        if (const auto home = ip.v6().home_address()) return *home;
    return ip.source();
}
constexpr ip_address flow_destination(const ip_packet_view& ip) noexcept {
    return plain_header(ip) ? ip.destination() : ip.final_destination();
}
} // namespace detail

constexpr std::optional<flow_key> flow_key::from(const decoded_packet& p) noexcept {
    const auto ip = p.ip();
    if (!ip) return std::nullopt;
    const ip_address src = detail::flow_source(*ip);
    const ip_address dst = detail::flow_destination(*ip);
    if (const auto t = p.tcp())
        return flow_key(ip_protocol::tcp, {src, t->source_port()}, {dst, t->destination_port()});
    if (const auto u = p.udp())
        return flow_key(ip_protocol::udp, {src, u->source_port()}, {dst, u->destination_port()});
    std::optional<ip_packet_view> quoted = p.icmp_quoted_ip();
    if (!quoted && p.stop() == decode_stop::other_protocol) {
        // The ICMP message as the IP payload, for a decode that stopped
        // before reading it.
        const ip_protocol proto = ip->protocol();
        result<ip_packet_view> q = errc::not_icmp_error;
        if (proto == ip_protocol::icmp && ip->is_v4()) {
            if (const auto m = icmpv4_message_view::parse(p.payload())) q = m->quoted_packet();
        } else if (proto == ip_protocol::icmpv6 && ip->is_v6()) {
            if (const auto m = icmpv6_message_view::parse(p.payload())) q = m->quoted_packet();
        }
        if (q) quoted = *q;
    }
    if (!quoted) return std::nullopt;
    const auto ports = detail::quoted_ports(*quoted);
    if (!ports) return std::nullopt;
    const ip_protocol proto = quoted->protocol();
    if (proto != ip_protocol::tcp && proto != ip_protocol::udp && proto != ip_protocol::udplite &&
        proto != ip_protocol::sctp)
        return std::nullopt;
    return flow_key(proto, {detail::flow_destination(*quoted), ports->destination},
                    {detail::flow_source(*quoted), ports->source});
}

// Declared in decode.hpp, defined here where flow_key is complete.
constexpr std::optional<flow_key> decoded_packet::flow() const noexcept { return flow_key::from(*this); }

namespace detail {
template <>
inline constexpr bool is_text_value<flow_key> = true;

// The key std::hash<flow_key> uses: drawn once per process from
// std::random_device, so that no one outside can aim keys at one bucket.
inline const sip_key& process_sip_key() {
    static const sip_key key = [] {
        std::random_device rd;
        const auto word = [&rd] { return (std::uint64_t{rd()} << 32U) | rd(); };
        const std::uint64_t k0 = word();
        const std::uint64_t k1 = word();
        return sip_key{k0, k1};
    }();
    return key;
}
} // namespace detail

} // namespace ipwire

// SipHash-1-3 under a per-process random key (ipwire/detail/hash.hpp).
template <>
struct std::hash<ipwire::flow_key> {
    std::size_t operator()(const ipwire::flow_key& k) const noexcept {
        return static_cast<std::size_t>(k.hash(ipwire::detail::process_sip_key()));
    }
};
