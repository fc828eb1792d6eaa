// The small types decode's results are made of: where and why the walk
// stopped, the non-fatal faults it saw, the tunnels it followed, and the
// fixed-capacity list that decoded_packet hands them out in.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ipwire/detail/text_value.hpp"
#include "ipwire/error.hpp"

namespace ipwire {

// The header decode was reading when it stopped on an error or saw an anomaly.
enum class decode_layer : std::uint8_t {
    link = 1, // Ethernet, Linux cooked, BSD loopback header, or the link type itself
    ip,       // an IPv4 or IPv6 header, extension header or IPv4 AH, outer or tunnelled
    tcp,
    udp,
    icmp,   // an ICMP or ICMPv6 message
    tunnel, // a GRE, VXLAN or Geneve header
};

[[nodiscard]] constexpr std::string_view to_string(decode_layer l) noexcept {
    switch (l) {
    case decode_layer::link: return "link";
    case decode_layer::ip: return "ip";
    case decode_layer::tcp: return "tcp";
    case decode_layer::udp: return "udp";
    case decode_layer::icmp: return "icmp";
    case decode_layer::tunnel: return "tunnel";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// Where and why decode had to stop.
struct decode_error {
    decode_layer layer{};
    errc code{};
    // Bytes from the start of the frame to the header that failed (for an
    // IPv6 extension header, that extension header).
    std::size_t offset = 0;

    friend constexpr bool operator==(const decode_error&, const decode_error&) noexcept = default;
};

// A fault that did not stop the walk (decoded_packet::anomalies): the same
// three facts as a decode_error, for a header decode read past.
struct decode_anomaly {
    decode_layer layer{};
    errc code{};
    std::size_t offset = 0; // from the start of the frame to the field or header at fault

    friend constexpr bool operator==(const decode_anomaly&, const decode_anomaly&) noexcept = default;
};

// How the walk ended. Only `error` comes with a decode_error.
enum class decode_stop : std::uint8_t {
    transport,          // a TCP or UDP header was read; payload is its data
    not_ip,             // the link layer carries something else (ARP, LLDP, an 802.3 LLC frame,
                        // a fifth VLAN tag, an unknown loopback family): payload is the link payload
    other_protocol,     // the innermost IP packet carries neither TCP, UDP nor a tunnel (ICMP, GRE,
                        // ESP, No Next Header, ...): payload is its upper-layer payload
    non_first_fragment, // an IPv4 or IPv6 fragment at a non-zero offset has no transport header:
                        // payload is the fragment's data
    error,              // see decoded_packet::error
};

[[nodiscard]] constexpr std::string_view to_string(decode_stop s) noexcept {
    switch (s) {
    case decode_stop::transport: return "transport";
    case decode_stop::not_ip: return "not IP";
    case decode_stop::other_protocol: return "other protocol";
    case decode_stop::non_first_fragment: return "non-first fragment";
    case decode_stop::error: return "error";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// Why an IP packet decode read holds fewer bytes than its length field says
// (decoded_packet::truncation), from the least to the most telling: when
// several IP layers are cut, the last one in this order is kept.
enum class decode_truncation : std::uint8_t {
    none,         // every IP packet is whole
    snap_length,  // the capture cut the frame: the record's original length covers the IP length
    unknown,      // the IP packet runs to the end of the bytes given and no wire length was
                  // known (decode of a bare frame): a snap-length cut or a false length field
    length_field, // the IP length field claims more than the wire carried (beyond the record's
                  // original length, or beyond the packet carrying it): a lie in the header,
                  // also an anomaly (bad_total_length for IPv4, bad_payload_length for IPv6)
};

[[nodiscard]] constexpr std::string_view to_string(decode_truncation t) noexcept {
    switch (t) {
    case decode_truncation::none: return "none";
    case decode_truncation::snap_length: return "snap length";
    case decode_truncation::unknown: return "unknown";
    case decode_truncation::length_field: return "length field";
    }
    return "";
}

// What decode follows beyond what the headers themselves name. A UDP port is
// a convention, not a promise: these follow the IANA ports by default, as
// tshark does, and can be turned off or moved.
struct decode_options {
    bool follow_vxlan = true;         // UDP destination port vxlan_port: VXLAN (RFC 7348 section 5)
    bool follow_geneve = true;        // UDP destination port geneve_port: Geneve (RFC 8926 section 3.3)
    std::uint16_t vxlan_port = 4789;  // IANA
    std::uint16_t geneve_port = 6081; // IANA

    friend constexpr bool operator==(const decode_options&, const decode_options&) noexcept = default;
};

// An encapsulation decode walked into (decoded_packet::tunnels).
enum class tunnel_kind : std::uint8_t {
    ip_in_ip = 1, // IPv4 or IPv6 straight inside IPv4 or IPv6 (RFC 2003, RFC 2473, RFC 4213)
    gre,          // GRE, RFC 2784 with the RFC 2890 key and sequence number
    vxlan,        // VXLAN, RFC 7348 (UDP port 4789)
    geneve,       // Geneve, RFC 8926 (UDP port 6081)
};

[[nodiscard]] constexpr std::string_view to_string(tunnel_kind k) noexcept {
    switch (k) {
    case tunnel_kind::ip_in_ip: return "IP-in-IP";
    case tunnel_kind::gre: return "GRE";
    case tunnel_kind::vxlan: return "VXLAN";
    case tunnel_kind::geneve: return "Geneve";
    }
    return "";
}

namespace detail { // formattable by format.hpp, fmt.hpp and ostream.hpp
template <>
inline constexpr bool is_text_enum<tunnel_kind> = true;
template <>
inline constexpr bool is_text_enum<decode_truncation> = true;
} // namespace detail

struct tunnel_layer {
    tunnel_kind kind{};
    // From the start of the frame to the tunnel header (GRE, VXLAN, Geneve),
    // or for ip_in_ip, which has none, to the inner IP header.
    std::size_t offset = 0;

    friend constexpr bool operator==(const tunnel_layer&, const tunnel_layer&) noexcept = default;
};

namespace detail {

// Up to N values, handed out by value (a copy, so it may outlive the packet
// it came from): size(), empty(), operator[], front(), back(), begin()/end().
template <class T, std::size_t N>
class bounded_list {
public:
    using value_type = T;
    using const_iterator = const T*;

    constexpr bounded_list() noexcept = default;

    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] static constexpr std::size_t capacity() noexcept { return N; }
    // Only for i < size().
    [[nodiscard]] constexpr T operator[](std::size_t i) const noexcept {
        return items_[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < size() <= N, a precondition
    }
    [[nodiscard]] constexpr T front() const noexcept { return items_[0]; }
    [[nodiscard]] constexpr T back() const noexcept {
        return items_[size_ -
                      1]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): not empty, a precondition
    }
    [[nodiscard]] constexpr const T* begin() const noexcept { return items_.data(); }
    [[nodiscard]] constexpr const T* end() const noexcept { return items_.data() + size_; }

    // Appends when there is room; false (and nothing kept) when full.
    constexpr bool push_back(const T& v) noexcept {
        if (size_ == N) return false;
        items_[size_++] = v; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): size_ < N, checked above
        return true;
    }

private:
    std::array<T, N> items_{};
    std::size_t size_ = 0;
};

} // namespace detail
} // namespace ipwire
