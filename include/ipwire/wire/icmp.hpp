// icmpv4_message_view and icmpv6_message_view: zero-copy views of ICMP (RFC 792)
// and ICMPv6 (RFC 4443) messages: type, code, checksum, the rest-of-header
// fields by message, and for the error messages the invoking packet they quote.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

// ICMP types (IANA "ICMP Type Numbers"; RFC 792 unless noted).
enum class icmpv4_type : std::uint8_t {
    echo_reply = 0,
    destination_unreachable = 3,
    source_quench = 4, // deprecated by RFC 6633, still seen
    redirect = 5,
    echo_request = 8,
    router_advertisement = 9, // RFC 1256
    router_solicitation = 10, // RFC 1256
    time_exceeded = 11,
    parameter_problem = 12,
    timestamp_request = 13,
    timestamp_reply = 14,
    information_request = 15,
    information_reply = 16,
    address_mask_request = 17, // RFC 950
    address_mask_reply = 18,   // RFC 950
};

// ICMPv6 types (RFC 4443 section 2.1; 130 to 137 from RFC 2710 and RFC 4861,
// 143 from RFC 3810).
enum class icmpv6_type : std::uint8_t {
    destination_unreachable = 1,
    packet_too_big = 2,
    time_exceeded = 3,
    parameter_problem = 4,
    echo_request = 128,
    echo_reply = 129,
    multicast_listener_query = 130,     // RFC 2710
    multicast_listener_report = 131,    // RFC 2710
    multicast_listener_done = 132,      // RFC 2710
    router_solicitation = 133,          // RFC 4861
    router_advertisement = 134,         // RFC 4861
    neighbor_solicitation = 135,        // RFC 4861
    neighbor_advertisement = 136,       // RFC 4861
    redirect = 137,                     // RFC 4861
    multicast_listener_report_v2 = 143, // RFC 3810 section 5.2
};

// Lower-case names with '-' ("echo-request"), or an empty text for a number
// not listed: never a null data().
[[nodiscard]] constexpr std::string_view to_string(icmpv4_type t) noexcept {
    switch (t) {
    case icmpv4_type::echo_reply: return "echo-reply";
    case icmpv4_type::destination_unreachable: return "destination-unreachable";
    case icmpv4_type::source_quench: return "source-quench";
    case icmpv4_type::redirect: return "redirect";
    case icmpv4_type::echo_request: return "echo-request";
    case icmpv4_type::router_advertisement: return "router-advertisement";
    case icmpv4_type::router_solicitation: return "router-solicitation";
    case icmpv4_type::time_exceeded: return "time-exceeded";
    case icmpv4_type::parameter_problem: return "parameter-problem";
    case icmpv4_type::timestamp_request: return "timestamp-request";
    case icmpv4_type::timestamp_reply: return "timestamp-reply";
    case icmpv4_type::information_request: return "information-request";
    case icmpv4_type::information_reply: return "information-reply";
    case icmpv4_type::address_mask_request: return "address-mask-request";
    case icmpv4_type::address_mask_reply: return "address-mask-reply";
    }
    return "";
}

[[nodiscard]] constexpr std::string_view to_string(icmpv6_type t) noexcept {
    switch (t) {
    case icmpv6_type::destination_unreachable: return "destination-unreachable";
    case icmpv6_type::packet_too_big: return "packet-too-big";
    case icmpv6_type::time_exceeded: return "time-exceeded";
    case icmpv6_type::parameter_problem: return "parameter-problem";
    case icmpv6_type::echo_request: return "echo-request";
    case icmpv6_type::echo_reply: return "echo-reply";
    case icmpv6_type::multicast_listener_query: return "multicast-listener-query";
    case icmpv6_type::multicast_listener_report: return "multicast-listener-report";
    case icmpv6_type::multicast_listener_done: return "multicast-listener-done";
    case icmpv6_type::router_solicitation: return "router-solicitation";
    case icmpv6_type::router_advertisement: return "router-advertisement";
    case icmpv6_type::neighbor_solicitation: return "neighbor-solicitation";
    case icmpv6_type::neighbor_advertisement: return "neighbor-advertisement";
    case icmpv6_type::redirect: return "redirect";
    case icmpv6_type::multicast_listener_report_v2: return "multicast-listener-report-v2";
    }
    return "";
}

// The ports of the flow an ICMP error is about, read from the first 8 bytes
// of the quoted transport header (RFC 792, RFC 1122 section 3.2.2).
struct icmp_quoted_ports {
    port source;
    port destination;
    friend constexpr bool operator==(const icmp_quoted_ports&, const icmp_quoted_ports&) noexcept = default;
};

namespace detail {

// The common frame of both families: type, code, checksum, then four bytes
// whose meaning depends on the message (RFC 792, RFC 4443 section 2.1).
class icmp_message_base {
public:
    // Both families' messages are at least 8 bytes: the 4-byte header and the
    // 4 bytes of rest-of-header that every type defined here carries.
    static constexpr std::size_t header_length = 8;

    [[nodiscard]] constexpr std::uint8_t code() const noexcept { return bytes_[1]; }
    [[nodiscard]] constexpr std::uint16_t checksum() const noexcept { return detail::load_be16(bytes_, 2); }
    // Every byte given.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    // The four bytes after the checksum, whatever the type.
    [[nodiscard]] constexpr std::uint32_t rest_of_header() const noexcept { return detail::load_be32(bytes_, 4); }
    // After the 8-byte header: the echo data, the quoted packet of an error.
    [[nodiscard]] constexpr bytes_view body() const noexcept { return bytes_.subspan(header_length); }
    // Echo (and, for ICMP, timestamp, information and address mask) messages:
    // the identifier and sequence number (RFC 792, RFC 4443 section 4).
    [[nodiscard]] constexpr std::uint16_t identifier() const noexcept { return detail::load_be16(bytes_, 4); }
    [[nodiscard]] constexpr std::uint16_t sequence() const noexcept { return detail::load_be16(bytes_, 6); }

protected:
    constexpr icmp_message_base() noexcept = default;
    constexpr explicit icmp_message_base(bytes_view b) noexcept : bytes_(b) {}

    // The quote of an error: an IP packet over the body, usually cut short
    // (RFC 792 keeps its header and 8 bytes of data; RFC 4443 section 2.4 as
    // much as fits in 1280 bytes), so truncated() is normally true.
    [[nodiscard]] constexpr result<ip_packet_view> quote(bool is_error_message) const noexcept {
        if (!is_error_message) return errc::not_icmp_error;
        return ip_packet_view::parse(body());
    }

    bytes_view bytes_;
};

// The first (at most 8) transport bytes of a quoted packet: empty for a
// fragment other than the first, whose payload is no transport header.
[[nodiscard]] constexpr bytes_view quoted_transport(const ip_packet_view& q) noexcept {
    const std::uint16_t offset = q.is_v4() ? q.v4().fragment_offset() : q.v6().fragment_offset();
    if (offset != 0) return {};
    const bytes_view p = q.payload();
    return p.first(p.size() < 8 ? p.size() : std::size_t{8});
}

// Ports: TCP, UDP, UDP-Lite and SCTP all begin with source and destination
// port (RFC 9293, RFC 768, RFC 3828, RFC 9260 section 3.1).
[[nodiscard]] constexpr std::optional<icmp_quoted_ports> quoted_ports(const ip_packet_view& q) noexcept {
    const ip_protocol p = q.protocol();
    if (p != ip_protocol::tcp && p != ip_protocol::udp && p != ip_protocol::udplite && p != ip_protocol::sctp)
        return std::nullopt;
    const bytes_view t = quoted_transport(q);
    if (t.size() < 4) return std::nullopt;
    return icmp_quoted_ports{port(detail::load_be16(t, 0)), port(detail::load_be16(t, 2))};
}

} // namespace detail

// An ICMP message (RFC 792): the IPv4 payload. It holds the span it was given
// and nothing else; every accessor reads inside the first 8 bytes or the body.
class icmpv4_message_view : public detail::icmp_message_base {
public:
    constexpr icmpv4_message_view() noexcept = default;

    // errc::truncated: fewer than 8 bytes.
    [[nodiscard]] static constexpr result<icmpv4_message_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < header_length) return errc::truncated;
        return icmpv4_message_view(bytes);
    }

    [[nodiscard]] constexpr icmpv4_type type() const noexcept { return static_cast<icmpv4_type>(bytes_[0]); }
    // The messages that quote an invoking packet (RFC 792; RFC 1122 section 3.2.2).
    [[nodiscard]] constexpr bool is_error() const noexcept {
        const icmpv4_type t = type();
        return t == icmpv4_type::destination_unreachable || t == icmpv4_type::source_quench ||
               t == icmpv4_type::redirect || t == icmpv4_type::time_exceeded || t == icmpv4_type::parameter_problem;
    }

    // Destination unreachable, code 4 (fragmentation needed): the next-hop
    // MTU in the low 16 bits (RFC 1191 section 4); 0 from older routers.
    [[nodiscard]] constexpr std::uint16_t next_hop_mtu() const noexcept { return detail::load_be16(bytes_, 6); }
    // Parameter problem: the octet of the quoted header at fault (RFC 792).
    [[nodiscard]] constexpr std::uint8_t pointer() const noexcept { return bytes_[4]; }
    // Redirect: the gateway to use (RFC 792).
    [[nodiscard]] constexpr ipv4_address gateway() const noexcept { return ipv4_address(detail::load_be32(bytes_, 4)); }

    // RFC 792: the Internet checksum of the whole message, checksum field
    // included, is 0 (the sum folds to 0xFFFF), as for the IPv4 header. ICMP has no length field: the message is
    // every byte given, so a message cut by its capture checks false.
    [[nodiscard]] constexpr bool checksum_valid() const noexcept { return internet_checksum(bytes_) == 0; }
    // The same knowing `ip`, the packet it came in: false when its payload was
    // cut or is a fragment (the message is not all here).
    [[nodiscard]] constexpr bool checksum_valid(const ip_packet_view& ip) const noexcept {
        return ip.holds_whole_payload() && checksum_valid();
    }

    // errc::not_icmp_error for a message that is not an error; otherwise
    // ip_packet_view::parse of the body (errc::truncated when it holds less
    // than an IP header).
    [[nodiscard]] constexpr result<ip_packet_view> quoted_packet() const noexcept { return quote(is_error()); }

private:
    friend class icmp_message_view;
    constexpr explicit icmpv4_message_view(bytes_view b) noexcept : icmp_message_base(b) {}
};

// An ICMPv6 message (RFC 4443): the upper-layer payload after the IPv6 chain.
class icmpv6_message_view : public detail::icmp_message_base {
public:
    constexpr icmpv6_message_view() noexcept = default;

    // errc::truncated: fewer than 8 bytes.
    [[nodiscard]] static constexpr result<icmpv6_message_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < header_length) return errc::truncated;
        return icmpv6_message_view(bytes);
    }

    [[nodiscard]] constexpr icmpv6_type type() const noexcept { return static_cast<icmpv6_type>(bytes_[0]); }
    // RFC 4443 section 2.1: types 0 to 127 are errors, 128 to 255 informational.
    [[nodiscard]] constexpr bool is_error() const noexcept { return bytes_[0] < 128; }

    // Packet too big: the MTU of the next-hop link (RFC 4443 section 3.2).
    [[nodiscard]] constexpr std::uint32_t mtu() const noexcept { return detail::load_be32(bytes_, 4); }
    // Parameter problem: the offset of the octet at fault (RFC 4443 section 3.4).
    [[nodiscard]] constexpr std::uint32_t pointer() const noexcept { return detail::load_be32(bytes_, 4); }

    // RFC 4443 section 2.3: the sum over the RFC 8200 section 8.1
    // pseudo-header of `ip` (upper-layer length: the bytes given) and the
    // message folds to 0xFFFF. False when the IP payload is cut or a fragment.
    [[nodiscard]] constexpr bool checksum_valid(const ip_packet_view& ip) const noexcept {
        // One chain walk gives both the fragment test and the pseudo-header.
        const auto basis = ip.checksum_basis(static_cast<std::uint32_t>(bytes_.size()));
        return basis.whole_payload() && checksum_fold(checksum_add(basis.pseudo_header_sum, bytes_)) == 0xFFFF;
    }

    // errc::not_icmp_error for an informational message (ICMPv6 redirect
    // included: its quote is an NDP option, RFC 4861 section 4.6.3); otherwise
    // ip_packet_view::parse of the body.
    [[nodiscard]] constexpr result<ip_packet_view> quoted_packet() const noexcept { return quote(is_error()); }

private:
    friend class icmp_message_view;
    constexpr explicit icmpv6_message_view(bytes_view b) noexcept : icmp_message_base(b) {}
};

// The first (at most 8) bytes of the quoted packet's transport header, empty
// when it has none here (a later fragment, or the quote cut inside the IP
// header chain).
[[nodiscard]] constexpr bytes_view quoted_transport(const ip_packet_view& quoted) noexcept {
    return detail::quoted_transport(quoted);
}
// The ports of the quoted TCP, UDP, UDP-Lite or SCTP header, when its first 4
// bytes are quoted.
[[nodiscard]] constexpr std::optional<icmp_quoted_ports> quoted_ports(const ip_packet_view& quoted) noexcept {
    return detail::quoted_ports(quoted);
}

// A message of either family, as decode will hand it out.
class icmp_message_view {
public:
    // An empty view, for std::optional and result; only a family view makes a usable one.
    constexpr icmp_message_view() noexcept = default;
    // cppcheck-suppress noExplicitConstructor ; implicit by design: a lossless widening
    constexpr icmp_message_view(const icmpv4_message_view& m) noexcept
        : bytes_(m.bytes()) {} // NOLINT(google-explicit-constructor)
    // cppcheck-suppress noExplicitConstructor ; as above
    constexpr icmp_message_view(const icmpv6_message_view& m) noexcept // NOLINT(google-explicit-constructor)
        : bytes_(m.bytes()), v6_(true) {}

    [[nodiscard]] constexpr bool is_v4() const noexcept { return !v6_; }
    [[nodiscard]] constexpr bool is_v6() const noexcept { return v6_; }
    // The family view over the same bytes (already checked). Only when is_v4() / is_v6().
    [[nodiscard]] constexpr icmpv4_message_view v4() const noexcept { return icmpv4_message_view(bytes_); }
    [[nodiscard]] constexpr icmpv6_message_view v6() const noexcept { return icmpv6_message_view(bytes_); }

    [[nodiscard]] constexpr std::uint8_t type_value() const noexcept { return bytes_[0]; }
    [[nodiscard]] constexpr std::uint8_t code() const noexcept { return bytes_[1]; }
    [[nodiscard]] constexpr std::uint16_t checksum() const noexcept { return detail::load_be16(bytes_, 2); }
    [[nodiscard]] constexpr bool is_error() const noexcept { return v6_ ? v6().is_error() : v4().is_error(); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view body() const noexcept { return bytes_.subspan(8); }
    [[nodiscard]] constexpr result<ip_packet_view> quoted_packet() const noexcept {
        return v6_ ? v6().quoted_packet() : v4().quoted_packet();
    }
    [[nodiscard]] constexpr bool checksum_valid(const ip_packet_view& ip) const noexcept {
        return v6_ ? v6().checksum_valid(ip) : v4().checksum_valid(ip);
    }

private:
    bytes_view bytes_;
    bool v6_ = false;
};

} // namespace ipwire
