// IPv6 extension headers (RFC 8200 section 4) as small read-only views: the
// chain iterator, hop-by-hop / destination options (section 4.2), typed routing
// headers (type 0, type 2 of RFC 6275, Segment Routing of RFC 8754) and the
// fragment header (section 4.5). ipv6_packet_view (wire/ipv6.hpp) hands them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/tlv.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/wire/bytes.hpp"

namespace ipwire {

class ipv6_packet_view;
class ipv6_extension_header;
class ipv6_extension_header_iterator;
class ipv6_chain_summary;

namespace detail {
// The walk stops with too_many_extension_headers at the 17th header: RFC 8200
// section 4.1 lists 8 headers in a chain (destination options twice), and
// since only destination options may repeat (ipv6_extension_header_iterator),
// 16 leaves room for odd chains of them and bounds every walk.
inline constexpr std::size_t ipv6_max_extension_headers = 16;

// The next-header values walked as extension headers. Anything else ends the
// chain as the upper-layer protocol: guessing that an unknown value is an
// extension and skipping it is how firewalls get bypassed (RFC 7045).
[[nodiscard]] constexpr bool is_ipv6_extension_header(std::uint8_t type) noexcept {
    switch (static_cast<ip_protocol>(type)) {
    case ip_protocol::ipv6_hop_by_hop:
    case ip_protocol::ipv6_routing:
    case ip_protocol::ipv6_fragment:
    case ip_protocol::ipv6_destination:
    case ip_protocol::ah:
    case ip_protocol::mobility:
    case ip_protocol::hip:
    case ip_protocol::shim6: return true;
    default: return false;
    }
}

// One bit per extension header type that may occur once in a chain (RFC 8200
// section 4.1); 0 for destination options, which may repeat, and non-headers.
[[nodiscard]] constexpr std::uint8_t ipv6_extension_bit(std::uint8_t type) noexcept {
    switch (static_cast<ip_protocol>(type)) {
    case ip_protocol::ipv6_hop_by_hop: return 0x01;
    case ip_protocol::ipv6_routing: return 0x02;
    case ip_protocol::ipv6_fragment: return 0x04;
    case ip_protocol::ah: return 0x08;
    case ip_protocol::mobility: return 0x10;
    case ip_protocol::hip: return 0x20;
    case ip_protocol::shim6: return 0x40;
    default: return 0;
    }
}

[[nodiscard]] constexpr ipv6_address load_ipv6_address(bytes_view b, std::size_t at) noexcept {
    ipv6_address::bytes_type a{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = b[at + i];
    return ipv6_address(a);
}
} // namespace detail

// Option types of IANA "Destination Options and Hop-by-Hop Options"; any other
// byte value is a valid ipv6_option_type too (an enum with a fixed type).
enum class ipv6_option_type : std::uint8_t {
    pad1 = 0x00,                       // RFC 8200 section 4.2: one byte, no length
    padn = 0x01,                       // RFC 8200 section 4.2
    tunnel_encapsulation_limit = 0x04, // RFC 2473 section 5.1
    router_alert = 0x05,               // RFC 2711
    jumbo_payload = 0xC2,              // RFC 2675: 32-bit payload length
    home_address = 0xC9,               // RFC 6275 section 6.3: 16-byte address
};

// IANA's name ("Pad1", "Jumbo Payload"), or an empty text (never a null
// data()) for a type not listed above; format.hpp prints that as its number.
[[nodiscard]] constexpr std::string_view to_string(ipv6_option_type t) noexcept {
    switch (t) {
    case ipv6_option_type::pad1: return "Pad1";
    case ipv6_option_type::padn: return "PadN";
    case ipv6_option_type::tunnel_encapsulation_limit: return "Tunnel Encapsulation Limit";
    case ipv6_option_type::router_alert: return "Router Alert";
    case ipv6_option_type::jumbo_payload: return "Jumbo Payload";
    case ipv6_option_type::home_address: return "Home Address";
    }
    return "";
}

// One option of a hop-by-hop or destination options header (RFC 8200 section
// 4.2): type, then (except Pad1) a length byte and that many data bytes.
// length() is the whole option (1 for Pad1), data_length() its data (the Opt
// Data Len field).
class ipv6_option : public detail::tlv_byte_option {
public:
    constexpr ipv6_option() noexcept = default;

    [[nodiscard]] constexpr ipv6_option_type type() const noexcept {
        return static_cast<ipv6_option_type>(type_byte());
    }
    // The two high bits of the type: what a node that does not know the type
    // does (0 skip, 1 discard, 2 discard and send ICMP, 3 the same unless the
    // destination is multicast). RFC 8200 section 4.2.
    [[nodiscard]] constexpr std::uint8_t unrecognized_action() const noexcept {
        return static_cast<std::uint8_t>(type_byte() >> 6U);
    }
    // The third bit: the data may change on the way (so AH counts it as zeros).
    [[nodiscard]] constexpr bool may_change() const noexcept { return (type_byte() & 0x20U) != 0; }

private:
    template <detail::tlv_format, class>
    friend class detail::tlv_iterator;
    constexpr explicit ipv6_option(bytes_view b) noexcept : tlv_byte_option(b) {}
};

// Steps through an option area (detail/tlv.hpp); a length byte missing or
// running past the area ends the walk with bad_option_length (read it with
// error(), and where with offset()).
using ipv6_option_iterator = detail::tlv_iterator<detail::tlv_format::ipv6, ipv6_option>;

// The options of one hop-by-hop or destination options header (empty for any
// other header): the header after its next-header and length bytes.
class ipv6_option_range : public detail::tlv_range<detail::tlv_format::ipv6, ipv6_option> {
public:
    using tlv_range::tlv_range;

    // The first option of this type before any malformed one, if any.
    [[nodiscard]] constexpr std::optional<ipv6_option> find(ipv6_option_type type) const noexcept {
        for (ipv6_option o : *this)
            if (o.type() == type) return o;
        return std::nullopt;
    }
};

// Routing Type values (IANA "Routing Types").
enum class ipv6_routing_type : std::uint8_t {
    source_route = 0,     // RFC 2460 type 0, deprecated by RFC 5095 but still seen
    mobile_ipv6 = 2,      // RFC 6275 section 6.4: one home address
    rpl_source_route = 3, // RFC 6554 (compressed, not typed here)
    segment_routing = 4,  // RFC 8754
};

// A short form of IANA's name, or an empty text (never a null data()) for a
// type not listed above; format.hpp prints that as its number.
[[nodiscard]] constexpr std::string_view to_string(ipv6_routing_type t) noexcept {
    switch (t) {
    case ipv6_routing_type::source_route: return "Source Route";
    case ipv6_routing_type::mobile_ipv6: return "Type 2 Routing";
    case ipv6_routing_type::rpl_source_route: return "RPL Source Route";
    case ipv6_routing_type::segment_routing: return "Segment Routing";
    }
    return "";
}

// A routing header (RFC 8200 section 4.4) whose layout the chain walk has
// checked for types 0, 2 and 4: addresses are read without further checks.
class ipv6_routing_header {
public:
    constexpr ipv6_routing_header() noexcept = default;

    [[nodiscard]] constexpr ip_protocol next_header() const noexcept {
        return static_cast<ip_protocol>(detail::load_u8(bytes_, field::next_header));
    }
    // The whole header in bytes ((Hdr Ext Len + 1) * 8).
    [[nodiscard]] constexpr std::size_t length() const noexcept { return bytes_.size(); }
    [[nodiscard]] constexpr ipv6_routing_type routing_type() const noexcept {
        return static_cast<ipv6_routing_type>(detail::load_u8(bytes_, field::routing_type));
    }
    [[nodiscard]] constexpr std::uint8_t segments_left() const noexcept {
        return detail::load_u8(bytes_, field::segments_left);
    }
    // Segment Routing only (RFC 8754 section 2): index of the last Segment List entry, flags, tag.
    [[nodiscard]] constexpr std::uint8_t last_entry() const noexcept {
        return detail::load_u8(bytes_, field::last_entry);
    }
    [[nodiscard]] constexpr std::uint8_t flags() const noexcept { return detail::load_u8(bytes_, field::flags); }
    [[nodiscard]] constexpr std::uint16_t tag() const noexcept { return detail::load_be16(bytes_, field::tag); }

    // The addresses the header carries: type 0 its list, type 2 the home
    // address, type 4 Segment List[0..last_entry]; 0 for other types.
    [[nodiscard]] constexpr std::size_t address_count() const noexcept { return address_count_of(bytes_); }
    // Address i (Segment List[i] for type 4, which lists the path backwards);
    // the unspecified address when i >= address_count().
    [[nodiscard]] constexpr ipv6_address address(std::size_t i) const noexcept {
        if (i >= address_count()) return ipv6_address{};
        return detail::load_ipv6_address(bytes_, field::addresses + 16 * i);
    }
    // Type 2 only: the mobile node's home address (RFC 6275 section 6.4).
    [[nodiscard]] constexpr std::optional<ipv6_address> home_address() const noexcept {
        if (routing_type() != ipv6_routing_type::mobile_ipv6) return std::nullopt;
        return address(0);
    }
    // Where the packet is finally going (RFC 8200 section 8.1): the last address
    // of type 0, the home address of type 2, Segment List[0] of type 4, but
    // only while segments are left: at segments left 0 the final destination
    // is already the IPv6 Destination Address. Empty for other types.
    [[nodiscard]] constexpr std::optional<ipv6_address> final_destination() const noexcept {
        const std::size_t n = address_count();
        if (segments_left() == 0 || n == 0) return std::nullopt;
        return routing_type() == ipv6_routing_type::source_route ? address(n - 1) : address(0);
    }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

private:
    friend class ipv6_extension_header;
    friend class ipv6_extension_header_iterator;
    friend class ipv6_chain_summary;
    // RFC 8200 section 4.4; RFC 2460 section 4.4 (type 0); RFC 6275 section 6.4; RFC 8754 section 2.
    struct field {
        static constexpr std::size_t next_header = 0, length = 1, routing_type = 2, segments_left = 3;
        static constexpr std::size_t last_entry = 4, flags = 5, tag = 6; // type 4
        static constexpr std::size_t addresses = 8;                      // types 0, 2 and 4
    };
    constexpr explicit ipv6_routing_header(bytes_view b) noexcept : bytes_(b) {}

    static constexpr std::size_t address_count_of(bytes_view b) noexcept {
        switch (static_cast<ipv6_routing_type>(b[field::routing_type])) {
        case ipv6_routing_type::source_route: return (b.size() - field::addresses) / 16;
        case ipv6_routing_type::mobile_ipv6: return 1;
        case ipv6_routing_type::segment_routing: return std::size_t{b[field::last_entry]} + 1;
        default: return 0;
        }
    }
    // The layout checks the typed accessors rely on; b is a whole routing
    // header of at least 8 bytes.
    static constexpr bool well_formed(bytes_view b) noexcept {
        const std::size_t units = b[field::length]; // 8-byte units after the first 8
        const std::size_t left = b[field::segments_left];
        switch (static_cast<ipv6_routing_type>(b[field::routing_type])) {
        case ipv6_routing_type::source_route: // RFC 2460 section 4.4: an even length, segments within the list
            return units % 2 == 0 && left <= units / 2;
        case ipv6_routing_type::mobile_ipv6: // RFC 6275 section 6.4: exactly one address, one segment
            return units == 2 && left <= 1;
        case ipv6_routing_type::segment_routing: // RFC 8754 sections 2 and 4.3.1.1
            return units * 8 >= 16 * (std::size_t{b[field::last_entry]} + 1) &&
                   left <= std::size_t{b[field::last_entry]} + 1;
        default: return true;
        }
    }

    bytes_view bytes_;
};

// The fragment header (RFC 8200 section 4.5): 8 bytes.
class ipv6_fragment_header {
public:
    constexpr ipv6_fragment_header() noexcept = default;

    [[nodiscard]] constexpr ip_protocol next_header() const noexcept {
        return static_cast<ip_protocol>(detail::load_u8(bytes_, field::next_header));
    }
    // Offset of this fragment's data in the original packet, in bytes (the
    // 13-bit field counts 8-byte units).
    [[nodiscard]] constexpr std::uint16_t fragment_offset() const noexcept {
        return static_cast<std::uint16_t>(detail::load_be16(bytes_, field::offset_flags) & 0xFFF8U);
    }
    [[nodiscard]] constexpr bool more_fragments() const noexcept {
        return (detail::load_be16(bytes_, field::offset_flags) & 0x0001U) != 0;
    }
    [[nodiscard]] constexpr std::uint32_t identification() const noexcept {
        return detail::load_be32(bytes_, field::identification);
    }
    // Offset 0 and M clear: the whole packet in one "fragment" (RFC 6946).
    [[nodiscard]] constexpr bool is_atomic() const noexcept { return fragment_offset() == 0 && !more_fragments(); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

private:
    friend class ipv6_extension_header;
    friend class ipv6_extension_header_iterator;
    friend class ipv6_chain_summary;
    struct field { // RFC 8200 section 4.5
        static constexpr std::size_t next_header = 0, reserved = 1, offset_flags = 2, identification = 4, end = 8;
    };
    constexpr explicit ipv6_fragment_header(bytes_view b) noexcept : bytes_(b) {}
    bytes_view bytes_;
};

// One extension header of the chain: its type (the previous header's next
// header), its bytes (whole, length checked) and typed views.
class ipv6_extension_header {
public:
    constexpr ipv6_extension_header() noexcept = default;

    [[nodiscard]] constexpr ip_protocol type() const noexcept { return type_; }
    [[nodiscard]] constexpr ip_protocol next_header() const noexcept {
        return static_cast<ip_protocol>(detail::load_u8(bytes_, 0));
    }
    // The whole header in bytes: (Hdr Ext Len + 1) * 8, 8 for a fragment header,
    // (Payload Len + 2) * 4 for AH (RFC 4302 section 2.2).
    [[nodiscard]] constexpr std::size_t length() const noexcept { return bytes_.size(); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    // The header after its next-header and length (or reserved) bytes.
    [[nodiscard]] constexpr bytes_view data() const noexcept { return bytes_.subspan(2); }

    // Hop-by-hop and destination options headers: their options; else empty.
    [[nodiscard]] constexpr ipv6_option_range options() const noexcept {
        if (type_ != ip_protocol::ipv6_hop_by_hop && type_ != ip_protocol::ipv6_destination) return {};
        return ipv6_option_range(data());
    }
    [[nodiscard]] constexpr std::optional<ipv6_routing_header> routing() const noexcept {
        if (type_ != ip_protocol::ipv6_routing) return std::nullopt;
        return ipv6_routing_header(bytes_);
    }
    [[nodiscard]] constexpr std::optional<ipv6_fragment_header> fragment() const noexcept {
        if (type_ != ip_protocol::ipv6_fragment) return std::nullopt;
        return ipv6_fragment_header(bytes_);
    }

private:
    friend class ipv6_extension_header_iterator;
    constexpr ipv6_extension_header(bytes_view b, ip_protocol type) noexcept : bytes_(b), type_(type) {}
    bytes_view bytes_;
    ip_protocol type_{};
};

// Walks the chain from the first next header. Each step checks one header:
// hop-by-hop anywhere but first (RFC 8200 section 4.3), a header running past
// the payload length, a malformed type 0/2/4 routing header or a repeated
// header (below) stops with bad_extension_header; one running past the
// captured bytes stops with truncated; the 17th header stops with
// too_many_extension_headers. ESP, No Next Header and any type not listed in
// detail::is_ipv6_extension_header end the chain without error, and so does
// the fragment header of a non-first fragment (what follows is fragment data).
//
// Repeats, one rule: the second header of any type but destination options
// stops the walk with bad_extension_header. RFC 8200 section 4.1 has each
// header occur once, destination options twice (before a routing header and
// before the upper layer). A repeat of the headers that steer how the rest is
// read has no single reading: two routing headers name two final destinations
// (the checksum's pseudo-header needs one), two fragment headers two fragment
// positions, so decode and the view's accessors could disagree. Destination
// options steer nothing but the Home Address (the first is used), so they may
// repeat up to the 16-header bound.
class ipv6_extension_header_iterator {
public:
    using value_type = ipv6_extension_header;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag; // operator* returns a value

    constexpr ipv6_extension_header_iterator() noexcept = default;

    [[nodiscard]] constexpr ipv6_extension_header operator*() const noexcept {
        return ipv6_extension_header(payload_.subspan(offset_, length_), static_cast<ip_protocol>(type_));
    }
    constexpr ipv6_extension_header_iterator& operator++() noexcept {
        const ipv6_extension_header current = **this;
        offset_ += length_;
        ++count_;
        type_ = static_cast<std::uint8_t>(current.next_header());
        length_ = 0;
        if (const auto f = current.fragment(); f && f->fragment_offset() != 0) return *this;
        settle();
        return *this;
    }
    constexpr ipv6_extension_header_iterator operator++(int) noexcept {
        auto old = *this;
        ++*this;
        return old;
    }
    // errc{} unless the walk stopped at a malformed, cut or one-too-many header.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    // Byte offset of the current header in the payload (after the 40-byte
    // header); at the end, where the upper layer (or the bad header) begins.
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_; }
    // At the end: the upper-layer protocol, or the type of the header the walk
    // stopped at. Before the end, the current header's type.
    [[nodiscard]] constexpr ip_protocol protocol() const noexcept { return static_cast<ip_protocol>(type_); }

    friend constexpr bool operator==(const ipv6_extension_header_iterator& a,
                                     const ipv6_extension_header_iterator& b) noexcept {
        return a.payload_.data() == b.payload_.data() && a.offset_ == b.offset_ && a.length_ == b.length_;
    }
    friend constexpr bool operator==(const ipv6_extension_header_iterator& a, std::default_sentinel_t) noexcept {
        return a.length_ == 0;
    }

private:
    friend class ipv6_extension_header_range;
    constexpr ipv6_extension_header_iterator(bytes_view payload, std::uint64_t declared, std::uint8_t first) noexcept
        : payload_(payload), declared_(declared), type_(first) {
        settle();
    }

    // Checks the header of type_ at offset_; sets length_ or ends the walk.
    constexpr void settle() noexcept {
        length_ = 0;
        if (!detail::is_ipv6_extension_header(type_)) return;
        if (count_ == detail::ipv6_max_extension_headers) return stop(errc::too_many_extension_headers);
        // RFC 8200 section 4.3: hop-by-hop options only right after the IPv6 header.
        if (type_ == static_cast<std::uint8_t>(ip_protocol::ipv6_hop_by_hop) && count_ != 0)
            return stop(errc::bad_extension_header);
        // RFC 8200 section 4.1: no header twice but destination options (the rule above the class).
        const std::uint8_t bit = detail::ipv6_extension_bit(type_);
        if ((seen_ & bit) != 0) return stop(errc::bad_extension_header);
        const bool fragment = type_ == static_cast<std::uint8_t>(ip_protocol::ipv6_fragment);
        if (const errc e = fits(fragment ? 8 : 2); e != errc{}) return stop(e);
        std::size_t length = 8;
        if (type_ == static_cast<std::uint8_t>(ip_protocol::ah)) {
            // RFC 4302 section 2.2: 32-bit words minus 2. Payload Len 0 (8
            // bytes, no room for the sequence number) is framed and walked
            // past like any other, as tshark and Zeek do: the framing is
            // unambiguous, and the AH's contents are not read here.
            length = (std::size_t{payload_[offset_ + 1]} + 2) * 4;
        } else if (!fragment) {
            length = (std::size_t{payload_[offset_ + 1]} + 1) * 8;
        }
        if (const errc e = fits(length); e != errc{}) return stop(e);
        if (type_ == static_cast<std::uint8_t>(ip_protocol::ipv6_routing) &&
            !ipv6_routing_header::well_formed(payload_.subspan(offset_, length)))
            return stop(errc::bad_extension_header);
        length_ = length;
        seen_ = static_cast<std::uint8_t>(seen_ | bit);
    }
    // Whether n bytes from offset_ lie inside the payload length and the capture.
    [[nodiscard]] constexpr errc fits(std::size_t n) const noexcept {
        if (static_cast<std::uint64_t>(offset_) + n > declared_) return errc::bad_extension_header;
        if (offset_ + n > payload_.size()) return errc::truncated;
        return {};
    }
    constexpr void stop(errc e) noexcept { error_ = e; }

    bytes_view payload_;         // after the fixed header, cut to the payload length and the capture
    std::uint64_t declared_ = 0; // the payload length (jumbo included): may exceed payload_.size()
    std::size_t offset_ = 0;
    std::size_t length_ = 0; // the current header's length; 0 at the end
    std::uint8_t type_ = 0;
    std::uint8_t count_ = 0;
    std::uint8_t seen_ = 0; // detail::ipv6_extension_bit of every header walked
    errc error_{};
};

// The extension-header chain of one packet, for range-for.
class ipv6_extension_header_range {
public:
    constexpr ipv6_extension_header_range() noexcept = default;

    [[nodiscard]] constexpr ipv6_extension_header_iterator begin() const noexcept {
        return ipv6_extension_header_iterator(payload_, declared_, first_);
    }
    [[nodiscard]] constexpr std::default_sentinel_t end() const noexcept { return {}; }
    // The iterator after the last header: its error(), offset() and protocol().
    [[nodiscard]] constexpr ipv6_extension_header_iterator walk() const noexcept {
        auto it = begin();
        while (it != end()) ++it;
        return it;
    }
    // errc{} when the chain is sound, else why the walk stopped.
    [[nodiscard]] constexpr errc error() const noexcept { return walk().error(); }
    // The first header of this type, if the walk reaches one.
    [[nodiscard]] constexpr std::optional<ipv6_extension_header> find(ip_protocol type) const noexcept {
        for (ipv6_extension_header h : *this)
            if (h.type() == type) return h;
        return std::nullopt;
    }

private:
    friend class ipv6_packet_view;
    constexpr ipv6_extension_header_range(bytes_view payload, std::uint64_t declared, std::uint8_t first) noexcept
        : payload_(payload), declared_(declared), first_(first) {}
    bytes_view payload_;
    std::uint64_t declared_ = 0;
    std::uint8_t first_ = 0;
};

} // namespace ipwire
