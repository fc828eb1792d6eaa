// ipv4_packet_view: a zero-copy view of an IPv4 packet (RFC 791) with the
// DSCP/ECN split of the old TOS byte (RFC 2474, RFC 3168), the fragment fields,
// the header checksum (RFC 1071), iterable options, a source route's final
// destination, and the TCP/UDP pseudo-header sum (RFC 9293 section 3.1, RFC 768).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/tlv.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"

namespace ipwire {

// IANA "IP Option Numbers" (the whole type byte: copied flag, class, number).
// type() returns any value; these are the ones with names here.
enum class ipv4_option_type : std::uint8_t {
    end_of_list = 0,           // EOOL, RFC 791: ends the list, one byte
    no_operation = 1,          // NOP, RFC 791: one byte, pads between options
    record_route = 7,          // RR, RFC 791
    quick_start = 25,          // QS, RFC 4782
    timestamp = 68,            // TS, RFC 791
    security = 130,            // SEC, RFC 1108
    loose_source_route = 131,  // LSR, RFC 791
    commercial_security = 134, // CIPSO (draft), still seen in captures
    stream_id = 136,           // SID, RFC 791 (obsolete)
    strict_source_route = 137, // SSR, RFC 791
    router_alert = 148,        // RTRALT, RFC 2113
};

// IANA's abbreviation ("RR", "RTRALT"), or an empty text (never a null data())
// for a type not listed above; format.hpp prints that as its number.
[[nodiscard]] constexpr std::string_view to_string(ipv4_option_type t) noexcept {
    switch (t) {
    case ipv4_option_type::end_of_list: return "EOOL";
    case ipv4_option_type::no_operation: return "NOP";
    case ipv4_option_type::record_route: return "RR";
    case ipv4_option_type::quick_start: return "QS";
    case ipv4_option_type::timestamp: return "TS";
    case ipv4_option_type::security: return "SEC";
    case ipv4_option_type::loose_source_route: return "LSR";
    case ipv4_option_type::commercial_security: return "CIPSO";
    case ipv4_option_type::stream_id: return "SID";
    case ipv4_option_type::strict_source_route: return "SSR";
    case ipv4_option_type::router_alert: return "RTRALT";
    }
    return "";
}

// One option (RFC 791 section 3.1, "Options"): a type byte, and for every type
// but EOL and NOP a length byte counting the whole option, then its data.
// length() is the whole option (1 for EOL and NOP), data_length() its data.
class ipv4_option : public detail::tlv_byte_option {
public:
    constexpr ipv4_option() noexcept = default;

    [[nodiscard]] constexpr ipv4_option_type type() const noexcept {
        return static_cast<ipv4_option_type>(type_byte());
    }
    // The copied flag (bit 0 of the type): a fragmenting router copies this
    // option into every fragment.
    [[nodiscard]] constexpr bool copied() const noexcept { return (type_byte() & 0x80U) != 0; }
    // Bits 1-2 of the type: 0 control, 2 debugging and measurement.
    [[nodiscard]] constexpr std::uint8_t option_class() const noexcept {
        return static_cast<std::uint8_t>((type_byte() >> 5U) & 0x03U);
    }
    // Bits 3-7 of the type.
    [[nodiscard]] constexpr std::uint8_t number() const noexcept {
        return static_cast<std::uint8_t>(type_byte() & 0x1FU);
    }

private:
    template <detail::tlv_format, class>
    friend class detail::tlv_iterator;
    constexpr explicit ipv4_option(bytes_view b) noexcept : tlv_byte_option(b) {}
};

// Steps through an options area (detail/tlv.hpp), checking each option as it
// lands on it. EOL is yielded and ends the walk (what follows it is padding).
// A type other than EOL and NOP whose length byte is missing, 0, 1, or runs
// past the header ends the walk too, and error() then says
// errc::bad_option_length; offset() is then that option's offset.
using ipv4_option_iterator = detail::tlv_iterator<detail::tlv_format::ipv4, ipv4_option>;

// The options area of a header (its bytes past the fixed 20), iterable to
// std::default_sentinel; error() and offset() walk it and say where and why
// the walk stops.
class ipv4_option_range : public detail::tlv_range<detail::tlv_format::ipv4, ipv4_option> {
public:
    using tlv_range::tlv_range;
};

class ip_packet_view;

namespace detail {
// Where an IPv4 packet's upper layer begins (ipv4_packet_view::upper_layer_*).
struct ipv4_upper_layer {
    ip_protocol protocol{};
    std::size_t offset = 0; // in payload()
    errc error{};
};
} // namespace detail

class ipv4_packet_view {
public:
    // The fixed header, without options (RFC 791 section 3.1).
    static constexpr std::size_t min_header_length = 20;
    // IHL is four bits of 32-bit words: 15 * 4.
    static constexpr std::size_t max_header_length = 60;

    // An empty view, for std::optional and result; only parse makes a usable one.
    constexpr ipv4_packet_view() noexcept = default;

    // Checks, in this order: at least the version/IHL byte (else truncated),
    // version 4 (bad_version), IHL >= 5 (bad_header_length), the whole header
    // present (truncated), total length >= header length (bad_total_length).
    // A total length beyond the buffer is a snap-length cut: the view is
    // usable and truncated() says so. One exception, Linux BIG TCP (kernel
    // iph_totlen): total length 0 in a buffer longer than 65535 bytes means
    // "as long as the buffer", since no 16-bit field can say it.
    [[nodiscard]] static constexpr result<ipv4_packet_view> parse(bytes_view bytes) noexcept {
        if (bytes.empty()) return errc::truncated;
        if ((bytes[field::version_ihl] >> 4U) != 4) return errc::bad_version;
        const std::size_t header_length = (bytes[field::version_ihl] & 0x0FU) * std::size_t{4};
        if (header_length < min_header_length) return errc::bad_header_length;
        if (bytes.size() < min_header_length || bytes.size() < header_length) return errc::truncated;
        const std::size_t total = detail::load_be16(bytes, field::total_length);
        if (total < header_length && !(total == 0 && bytes.size() > 0xFFFF)) return errc::bad_total_length;
        return ipv4_packet_view(bytes);
    }

    // Always 4 in a parsed view.
    [[nodiscard]] constexpr std::uint8_t version() const noexcept {
        return static_cast<std::uint8_t>(bytes_[field::version_ihl] >> 4U);
    }
    // The header with its options, in bytes (IHL is in 32-bit words): 20 to 60.
    [[nodiscard]] constexpr std::size_t header_length() const noexcept {
        return (bytes_[field::version_ihl] & 0x0FU) * std::size_t{4};
    }
    // Differentiated Services codepoint: the high six bits of the old TOS byte (RFC 2474).
    [[nodiscard]] constexpr std::uint8_t dscp() const noexcept {
        return static_cast<std::uint8_t>(bytes_[field::dscp_ecn] >> 2U);
    }
    // Explicit Congestion Notification: the low two bits (RFC 3168 section 5):
    // 0 not ECN-capable, 1 ECT(1), 2 ECT(0), 3 CE.
    [[nodiscard]] constexpr std::uint8_t ecn() const noexcept {
        return static_cast<std::uint8_t>(bytes_[field::dscp_ecn] & 0x03U);
    }
    // Header and data in bytes, as the field says (the buffer may hold more or less).
    [[nodiscard]] constexpr std::uint16_t total_length() const noexcept {
        return detail::load_be16(bytes_, field::total_length);
    }
    [[nodiscard]] constexpr std::uint16_t identification() const noexcept {
        return detail::load_be16(bytes_, field::identification);
    }
    // The reserved flag (bit 0), which RFC 791 says must be zero.
    [[nodiscard]] constexpr bool reserved_flag() const noexcept { return (bytes_[field::flags_offset] & 0x80U) != 0; }
    [[nodiscard]] constexpr bool dont_fragment() const noexcept { return (bytes_[field::flags_offset] & 0x40U) != 0; }
    [[nodiscard]] constexpr bool more_fragments() const noexcept { return (bytes_[field::flags_offset] & 0x20U) != 0; }
    // Where this fragment's data starts in the original datagram, in bytes
    // (the field counts 8-byte units): at most 65528.
    [[nodiscard]] constexpr std::uint16_t fragment_offset() const noexcept {
        return static_cast<std::uint16_t>((detail::load_be16(bytes_, field::flags_offset) & 0x1FFFU) * 8U);
    }
    // A piece of a larger datagram: more fragments follow, or some came before.
    [[nodiscard]] constexpr bool is_fragment() const noexcept { return more_fragments() || fragment_offset() != 0; }
    // The fragment that starts the datagram (offset 0, more to come): the one
    // that carries the transport header. False for an unfragmented packet.
    [[nodiscard]] constexpr bool is_first_fragment() const noexcept {
        return more_fragments() && fragment_offset() == 0;
    }
    [[nodiscard]] constexpr std::uint8_t time_to_live() const noexcept { return bytes_[field::time_to_live]; }
    // Any value, named or not.
    [[nodiscard]] constexpr ip_protocol protocol() const noexcept {
        return static_cast<ip_protocol>(bytes_[field::protocol]);
    }
    [[nodiscard]] constexpr std::uint16_t header_checksum() const noexcept {
        return detail::load_be16(bytes_, field::header_checksum);
    }
    // The one's-complement sum over the header, options included, is all ones.
    [[nodiscard]] constexpr bool header_checksum_valid() const noexcept { return internet_checksum(header()) == 0; }
    [[nodiscard]] constexpr ipv4_address source() const noexcept { return address_at(field::source); }
    [[nodiscard]] constexpr ipv4_address destination() const noexcept { return address_at(field::destination); }
    // Where the packet finally goes: while a loose or strict source route
    // option (RFC 791 section 3.1) still has an address at its pointer, the
    // route's last address; otherwise destination(), which a finished route
    // has already made the final one. The sender's TCP or UDP checksum covers
    // this address (Linux, BSD and Wireshark agree).
    [[nodiscard]] constexpr ipv4_address final_destination() const noexcept {
        for (const ipv4_option o : options()) {
            if (o.type() != ipv4_option_type::loose_source_route && o.type() != ipv4_option_type::strict_source_route)
                continue;
            // type, length, pointer (1-based, at least 4), then 4-byte addresses
            const bytes_view route = o.bytes();
            if (route.size() < 7) break;
            const std::size_t pointer = route[2];
            if (pointer < 4 || pointer + 3 > route.size()) break;
            const std::size_t last = 3 + ((route.size() - 3) / 4 - 1) * 4;
            return ipv4_address(
                ipv4_address::bytes_type{route[last], route[last + 1], route[last + 2], route[last + 3]});
        }
        return destination();
    }

    // The options area (the header past 20 bytes), iterable; see ipv4_option_iterator.
    [[nodiscard]] constexpr ipv4_option_range options() const noexcept {
        return ipv4_option_range(bytes_.subspan(min_header_length, header_length() - min_header_length));
    }

    // The whole span the view was given (Ethernet padding and all).
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length()); }
    // The data after the header, up to the total length (dropping link-layer
    // padding) or to the end of the buffer if that comes first.
    [[nodiscard]] constexpr bytes_view payload() const noexcept {
        return bytes_.subspan(header_length(), packet_length() - header_length());
    }
    // The buffer holds fewer bytes than the total length: a snap-length cut.
    [[nodiscard]] constexpr bool truncated() const noexcept { return bytes_.size() < total_length(); }

    // --- the upper layer, after an Authentication Header ---
    // IPv4 carries AH (RFC 4302) as protocol 51 in front of the protocol it
    // protects. It is framed by its Payload Len, (Payload Len + 2) * 4 bytes
    // (section 2.2), and the walk reads on, as tshark does and as the IPv6
    // chain does. The rule of the IPv6 chain (RFC 8200 section 4.1) holds: a
    // second AH stops with bad_extension_header, and so does an AH running
    // past the total length; one cut by the capture stops with truncated. A
    // non-first fragment holds fragment data, not an AH (AH protects whole
    // datagrams, RFC 4302 section 3.3.4). Without an AH these are protocol(),
    // payload() and errc{}.
    [[nodiscard]] constexpr ip_protocol upper_layer_protocol() const noexcept { return upper_layer().protocol; }
    // From where upper_layer_protocol() begins (on an error, the AH it stopped at).
    [[nodiscard]] constexpr bytes_view upper_layer_payload() const noexcept {
        return payload().subspan(upper_layer().offset);
    }
    [[nodiscard]] constexpr errc upper_layer_error() const noexcept { return upper_layer().error; }
    // The three at once (one walk), for decode.
    [[nodiscard]] constexpr detail::ipv4_upper_layer upper_layer() const noexcept {
        const ip_protocol first = protocol();
        if (first != ip_protocol::ah || fragment_offset() != 0) return {first, 0, {}};
        const bytes_view p = payload();
        const std::size_t declared = total_length() == 0 ? p.size() : total_length() - header_length();
        const auto fits = [&](std::size_t n) {
            if (n > declared) return errc::bad_extension_header;
            return n > p.size() ? errc::truncated : errc{};
        };
        if (const errc e = fits(2); e != errc{}) return {first, 0, e};
        const std::size_t length = (std::size_t{p[1]} + 2) * 4; // RFC 4302 section 2.2
        if (const errc e = fits(length); e != errc{}) return {first, 0, e};
        const auto next = static_cast<ip_protocol>(p[0]);
        return {next, length, next == ip_protocol::ah ? errc::bad_extension_header : errc{}};
    }

    // The pseudo-header that TCP and UDP checksums cover (RFC 9293 section 3.1,
    // RFC 768): source, final_destination() (the header's destination unless
    // a source route is still under way), zero and upper_layer_protocol(), and the
    // upper-layer length, summed with checksum_add but not folded. Add the
    // segment to it and fold to check or compute the checksum.
    [[nodiscard]] constexpr std::uint64_t pseudo_header_sum(std::uint32_t upper_layer_length) const noexcept {
        std::uint64_t sum = checksum_add(0, bytes_.subspan(field::source, 4));
        sum = checksum_add(sum, bytes_view(final_destination().to_bytes()));
        sum = checksum_add(sum, static_cast<std::uint16_t>(upper_layer_protocol()));
        sum = checksum_add(sum, static_cast<std::uint16_t>(upper_layer_length >> 16U));
        return checksum_add(sum, static_cast<std::uint16_t>(upper_layer_length & 0xFFFFU));
    }

private:
    friend class ip_packet_view;
    constexpr explicit ipv4_packet_view(bytes_view b) noexcept : bytes_(b) {}

    // Offsets in the fixed header, RFC 791 section 3.1.
    struct field {
        static constexpr std::size_t version_ihl = 0;
        static constexpr std::size_t dscp_ecn = 1; // the old type of service
        static constexpr std::size_t total_length = 2;
        static constexpr std::size_t identification = 4;
        static constexpr std::size_t flags_offset = 6; // 3 flag bits, 13 offset bits
        static constexpr std::size_t time_to_live = 8;
        static constexpr std::size_t protocol = 9;
        static constexpr std::size_t header_checksum = 10;
        static constexpr std::size_t source = 12;
        static constexpr std::size_t destination = 16;
    };

    [[nodiscard]] constexpr ipv4_address address_at(std::size_t at) const noexcept {
        return ipv4_address(ipv4_address::bytes_type{bytes_[at], bytes_[at + 1], bytes_[at + 2], bytes_[at + 3]});
    }
    // The bytes of this packet that the buffer holds: the total length, or the
    // buffer if shorter (or for a BIG TCP packet, whose total length is 0).
    [[nodiscard]] constexpr std::size_t packet_length() const noexcept {
        const std::size_t total = total_length();
        return total == 0 || bytes_.size() < total ? bytes_.size() : total;
    }

    bytes_view bytes_;
};

} // namespace ipwire
