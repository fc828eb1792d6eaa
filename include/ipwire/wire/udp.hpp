// udp_datagram_view: a zero-copy view of a UDP datagram (RFC 768), its length
// field checked against the bytes captured, and its checksum over the IPv4
// (RFC 768) or IPv6 (RFC 8200 section 8.1) pseudo-header. IPv6 jumbograms
// (RFC 2675 section 4) are read when their bytes are all there.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

// A UDP datagram. It holds the span it was given and nothing else. The length
// field is reported, not trusted:
// - below 8 (it counts the 8-byte header): parse fails with errc::bad_length;
// - above the bytes given: parse succeeds, truncated() is true and payload()
//   is what the bytes hold (a capture cut by its snap length);
// - below the bytes given: payload() stops at the length, the rest (Ethernet
//   padding, say) is ignored.
// A length of 0 is an IPv6 jumbogram (RFC 2675 section 4: the length comes
// from the Jumbo Payload option, and only datagrams over 65535 bytes use it)
// when more than 65535 bytes are given: then length() reads 0, is_jumbogram()
// is true and the datagram is every byte given. Otherwise a length of 0 is
// errc::bad_length, a jumbogram cut short by its capture included (its real
// length is in the IPv6 header, not here).
class udp_datagram_view {
public:
    static constexpr std::size_t header_length = 8;

    constexpr udp_datagram_view() noexcept = default;

    // errc::truncated: fewer than 8 bytes. errc::bad_length: a length field
    // below 8 (0 included, unless it is a whole jumbogram, above).
    [[nodiscard]] static constexpr result<udp_datagram_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < header_length) return errc::truncated;
        const std::uint16_t length = detail::load_be16(bytes, field::length);
        if (length < header_length && !(length == 0 && bytes.size() > 0xFFFF)) return errc::bad_length;
        return udp_datagram_view(bytes);
    }

    [[nodiscard]] constexpr port source_port() const noexcept {
        return port(detail::load_be16(bytes_, field::source_port));
    }
    [[nodiscard]] constexpr port destination_port() const noexcept {
        return port(detail::load_be16(bytes_, field::destination_port));
    }
    // The field as sent: bytes of header and data, 8 to 65535, or 0 for a jumbogram.
    [[nodiscard]] constexpr std::uint16_t length() const noexcept { return detail::load_be16(bytes_, field::length); }
    // The field as sent; 0 means the sender computed none (allowed over IPv4 only).
    [[nodiscard]] constexpr std::uint16_t checksum() const noexcept {
        return detail::load_be16(bytes_, field::checksum);
    }
    [[nodiscard]] constexpr bool has_checksum() const noexcept { return checksum() != 0; }

    [[nodiscard]] constexpr bool is_jumbogram() const noexcept { return length() == 0; }
    // Fewer bytes given than the length field counts.
    [[nodiscard]] constexpr bool truncated() const noexcept { return length() > bytes_.size(); }

    // Every byte given, including any past the length.
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    // The data: after the header, up to the length field or the end of the bytes given.
    [[nodiscard]] constexpr bytes_view payload() const noexcept {
        return bytes_.first(datagram_end()).subspan(header_length);
    }

    // Whether the checksum can be checked as far as the datagram's own length
    // tells: no byte it counts is missing.
    [[nodiscard]] constexpr bool checksum_verifiable() const noexcept { return !truncated(); }
    // The same knowing `ip`, the packet it came in: also no fragment (IPv4 MF
    // or offset, an IPv6 fragment header but an atomic one), whose datagram
    // lies partly in other packets, and for a jumbogram (whose length is the
    // bytes given) no cut IP payload.
    [[nodiscard]] constexpr bool checksum_verifiable(const ip_packet_view& ip) const noexcept {
        return !truncated() && !ip.is_fragment() && !(is_jumbogram() && ip.truncated());
    }

    // RFC 768: the one's-complement sum of the pseudo-header (`pseudo_header_sum`,
    // unfolded, built with the UDP length, for a jumbogram the number of bytes
    // given) and of the datagram up to its length, checksum field included,
    // folds to 0xFFFF. False when the datagram is truncated (it cannot be
    // checked) and when the checksum field is 0 (there is no checksum to
    // check; the overload taking the IP packet knows when that is allowed).
    [[nodiscard]] constexpr bool checksum_valid(std::uint64_t pseudo_header_sum) const noexcept {
        if (truncated() || !has_checksum()) return false;
        return checksum_fold(checksum_add(pseudo_header_sum, bytes_.first(datagram_end()))) == 0xFFFF;
    }

    // The same with the pseudo-header of `ip`, the packet this datagram came
    // in (RFC 768 for IPv4, RFC 8200 section 8.1 for IPv6), built with the
    // length field (a jumbogram: the bytes given); false unless
    // checksum_verifiable(ip). A zero checksum field is valid over IPv4, where
    // it means the sender computed none (RFC 768), even in a truncated
    // datagram or a fragment; over IPv6 it is not (RFC 8200 section 8.1).
    [[nodiscard]] constexpr bool checksum_valid(const ip_packet_view& ip) const noexcept {
        if (!has_checksum()) return ip.is_v4();
        const auto length = is_jumbogram() ? static_cast<std::uint32_t>(bytes_.size()) : std::uint32_t{this->length()};
        const auto basis = ip.checksum_basis(length); // one chain walk
        // checksum_verifiable(ip), with the fragment state from the same walk
        if (truncated() || basis.fragment || (is_jumbogram() && basis.truncated)) return false;
        return checksum_valid(basis.pseudo_header_sum);
    }

private:
    // RFC 768, "Format": byte offsets.
    struct field {
        static constexpr std::size_t source_port = 0;
        static constexpr std::size_t destination_port = 2;
        static constexpr std::size_t length = 4;
        static constexpr std::size_t checksum = 6;
    };

    constexpr explicit udp_datagram_view(bytes_view b) noexcept : bytes_(b) {}

    // Where the datagram ends in bytes_: at its length, the end of the bytes
    // when they are fewer, or (a jumbogram) the end of the bytes.
    [[nodiscard]] constexpr std::size_t datagram_end() const noexcept {
        const std::size_t length = this->length();
        return length == 0 || length > bytes_.size() ? bytes_.size() : length;
    }

    bytes_view bytes_;
};

} // namespace ipwire
