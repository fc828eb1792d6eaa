// Tunnel headers that decode follows into the frame they carry: GRE (RFC 2784
// with the RFC 2890 key and sequence number), VXLAN (RFC 7348) and Geneve
// (RFC 8926, with its options iterable). Zero-copy views like the others:
// each holds the span it was given, parse checks the header, and accessors
// read fields in network order when asked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ether_type.hpp"

namespace ipwire {

// GRE: 4 bytes of flags, version and protocol type, then the optional
// checksum (with 16 reserved bits), key and sequence number fields, in that
// order, each 4 bytes (RFC 2784 section 2, RFC 2890 section 2).
class gre_view {
public:
    static constexpr std::size_t min_header_length = 4;
    static constexpr std::size_t max_header_length = 16;

    constexpr gre_view() noexcept = default;

    // errc::truncated: fewer than 4 bytes, or than the fields the flags
    // announce. errc::bad_tunnel_header: a version other than 0 (version 1
    // is PPTP's enhanced GRE, RFC 2637, another header), or the routing bit,
    // the strict source route bit or the top recursion bit set (RFC 2784
    // section 2.3: a receiver discards those; bits 6-12 are ignored).
    [[nodiscard]] static constexpr result<gre_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < min_header_length) return errc::truncated;
        if ((bytes[1] & version_mask) != 0 || (bytes[0] & forbidden_bits) != 0) return errc::bad_tunnel_header;
        if (bytes.size() < length_of(bytes[0])) return errc::truncated;
        return gre_view(bytes);
    }

    [[nodiscard]] constexpr bool checksum_present() const noexcept { return (bytes_[0] & checksum_bit) != 0; }
    [[nodiscard]] constexpr bool key_present() const noexcept { return (bytes_[0] & key_bit) != 0; }
    [[nodiscard]] constexpr bool sequence_number_present() const noexcept { return (bytes_[0] & sequence_bit) != 0; }
    // Always 0 in a parsed view.
    [[nodiscard]] constexpr std::uint8_t version() const noexcept {
        return static_cast<std::uint8_t>(bytes_[1] & version_mask);
    }
    // What the payload is, as an EtherType: ipv4, ipv6, or 0x6558 for
    // transparent Ethernet bridging (an Ethernet frame without its FCS).
    [[nodiscard]] constexpr ipwire::ether_type protocol_type() const noexcept {
        return static_cast<ipwire::ether_type>(detail::load_be16(bytes_, 2));
    }
    [[nodiscard]] constexpr std::optional<std::uint16_t> checksum() const noexcept {
        if (!checksum_present()) return std::nullopt;
        return detail::load_be16(bytes_, 4);
    }
    // RFC 2890 section 2.1: identifies a flow within the tunnel.
    [[nodiscard]] constexpr std::optional<std::uint32_t> key() const noexcept {
        if (!key_present()) return std::nullopt;
        return detail::load_be32(bytes_, checksum_present() ? 8 : 4);
    }
    // RFC 2890 section 2.2.
    [[nodiscard]] constexpr std::optional<std::uint32_t> sequence_number() const noexcept {
        if (!sequence_number_present()) return std::nullopt;
        return detail::load_be32(bytes_, length_of(bytes_[0]) - 4);
    }
    // RFC 2784 section 2.5: the one's-complement sum over the GRE header and
    // payload is all ones. False without a checksum field, or when the bytes
    // given are not the whole packet (a capture cut it).
    [[nodiscard]] constexpr bool checksum_valid() const noexcept {
        return checksum_present() && internet_checksum(bytes_) == 0;
    }

    // 4 to 16 bytes, as the flags say.
    [[nodiscard]] constexpr std::size_t header_length() const noexcept { return length_of(bytes_[0]); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length()); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length()); }

private:
    static constexpr std::uint8_t checksum_bit = 0x80, key_bit = 0x20, sequence_bit = 0x10;
    static constexpr std::uint8_t forbidden_bits = 0x4C; // routing, strict source route, recursion bit 5
    static constexpr std::uint8_t version_mask = 0x07;

    constexpr explicit gre_view(bytes_view b) noexcept : bytes_(b) {}

    [[nodiscard]] static constexpr std::size_t length_of(std::uint8_t flags) noexcept {
        return min_header_length + ((flags & checksum_bit) != 0 ? 4U : 0U) + ((flags & key_bit) != 0 ? 4U : 0U) +
               ((flags & sequence_bit) != 0 ? 4U : 0U);
    }

    bytes_view bytes_;
};

// VXLAN: 8 bytes of flags, VNI and reserved bits in front of an Ethernet
// frame (RFC 7348 section 5).
class vxlan_view {
public:
    static constexpr std::size_t header_length = 8;

    constexpr vxlan_view() noexcept = default;

    // errc::truncated: fewer than 8 bytes. errc::bad_tunnel_header: the I flag
    // clear (RFC 7348 section 5: it MUST be set for a valid VNI). The other
    // flag and reserved bits are ignored, as the RFC says.
    [[nodiscard]] static constexpr result<vxlan_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < header_length) return errc::truncated;
        if ((bytes[0] & 0x08U) == 0) return errc::bad_tunnel_header;
        return vxlan_view(bytes);
    }

    [[nodiscard]] constexpr std::uint8_t flags() const noexcept { return bytes_[0]; }
    // The 24-bit VXLAN Network Identifier.
    [[nodiscard]] constexpr std::uint32_t vni() const noexcept { return detail::load_be32(bytes_, 4) >> 8U; }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length); }
    // The inner Ethernet frame.
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length); }

private:
    constexpr explicit vxlan_view(bytes_view b) noexcept : bytes_(b) {}
    bytes_view bytes_;
};

// One Geneve option (RFC 8926 section 3.5): class, type, three reserved bits
// and a 5-bit length counting 4-byte words of data after the 4-byte header.
class geneve_option {
public:
    constexpr geneve_option() noexcept = default;

    [[nodiscard]] constexpr std::uint16_t option_class() const noexcept { return detail::load_be16(bytes_, 0); }
    [[nodiscard]] constexpr std::uint8_t type() const noexcept { return bytes_[2]; }
    // The high bit of the type: a tunnel endpoint that does not know the
    // option must drop the packet (RFC 8926 section 3.5).
    [[nodiscard]] constexpr bool critical() const noexcept { return (bytes_[2] & 0x80U) != 0; }
    // The whole option, header included: 4 to 128 bytes.
    [[nodiscard]] constexpr std::size_t length() const noexcept { return bytes_.size(); }
    [[nodiscard]] constexpr std::size_t data_length() const noexcept { return bytes_.size() - 4; }
    [[nodiscard]] constexpr bytes_view data() const noexcept { return bytes_.subspan(4); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }

private:
    friend class geneve_option_iterator;
    constexpr explicit geneve_option(bytes_view b) noexcept : bytes_(b) {}
    bytes_view bytes_;
};

// Steps through the option area; an option header cut short or a length
// running past the area ends the walk with errc::bad_option_length. Ends at
// std::default_sentinel; offset() is where it is (at the end: the malformed
// option, or the area's size), as the other option walks.
class geneve_option_iterator {
public:
    using value_type = geneve_option;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;

    constexpr geneve_option_iterator() noexcept = default;
    constexpr explicit geneve_option_iterator(bytes_view area) noexcept : area_(area) { settle(); }

    [[nodiscard]] constexpr geneve_option operator*() const noexcept {
        return geneve_option(area_.subspan(offset_, length_));
    }
    constexpr geneve_option_iterator& operator++() noexcept {
        offset_ += length_;
        settle();
        return *this;
    }
    constexpr geneve_option_iterator operator++(int) noexcept {
        geneve_option_iterator before = *this;
        ++*this;
        return before;
    }
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return offset_; }
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }

    friend constexpr bool operator==(const geneve_option_iterator& a, const geneve_option_iterator& b) noexcept {
        return a.offset_ == b.offset_ && a.length_ == b.length_;
    }
    friend constexpr bool operator==(const geneve_option_iterator& it, std::default_sentinel_t) noexcept {
        return it.length_ == 0;
    }

private:
    constexpr void settle() noexcept {
        length_ = 0;
        const std::size_t left = area_.size() - offset_;
        if (left == 0) return;
        const std::size_t length = left < 4 ? left + 1 : 4 + (area_[offset_ + 3] & 0x1FU) * std::size_t{4};
        if (length > left) {
            error_ = errc::bad_option_length;
            return;
        }
        length_ = length;
    }

    bytes_view area_;
    std::size_t offset_ = 0;
    std::size_t length_ = 0; // 0 at the end
    errc error_{};
};

class geneve_option_range {
public:
    constexpr geneve_option_range() noexcept = default;
    constexpr explicit geneve_option_range(bytes_view area) noexcept : area_(area) {}

    [[nodiscard]] constexpr geneve_option_iterator begin() const noexcept { return geneve_option_iterator(area_); }
    [[nodiscard]] constexpr std::default_sentinel_t end() const noexcept { return {}; }
    [[nodiscard]] constexpr bool empty() const noexcept { return begin() == end(); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return area_; }
    // The walk's end: errc::bad_option_length if a malformed option ended it.
    [[nodiscard]] constexpr errc error() const noexcept { return walk().error(); }
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return walk().offset(); }

private:
    [[nodiscard]] constexpr geneve_option_iterator walk() const noexcept {
        geneve_option_iterator it = begin();
        while (it != end()) ++it;
        return it;
    }
    bytes_view area_;
};

// Geneve: version, option length, O and C flags, protocol type and VNI in 8
// bytes, then the options, then the payload (RFC 8926 section 3.4).
class geneve_view {
public:
    static constexpr std::size_t min_header_length = 8;
    static constexpr std::size_t max_header_length = 8 + 63 * 4;

    constexpr geneve_view() noexcept = default;

    // errc::truncated: fewer than 8 bytes, or than the options the length
    // counts. errc::bad_tunnel_header: a version other than 0 (RFC 8926
    // section 3.4: a packet of an unknown version is dropped).
    [[nodiscard]] static constexpr result<geneve_view> parse(bytes_view bytes) noexcept {
        if (bytes.size() < min_header_length) return errc::truncated;
        if ((bytes[0] >> 6U) != 0) return errc::bad_tunnel_header;
        if (bytes.size() < length_of(bytes[0])) return errc::truncated;
        return geneve_view(bytes);
    }

    [[nodiscard]] constexpr std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(bytes_[0] >> 6U); }
    // O: a control packet for the tunnel endpoint, not to be forwarded.
    [[nodiscard]] constexpr bool oam() const noexcept { return (bytes_[1] & 0x80U) != 0; }
    // C: at least one critical option is present.
    [[nodiscard]] constexpr bool critical_options() const noexcept { return (bytes_[1] & 0x40U) != 0; }
    // The payload's EtherType; 0x6558 (transparent Ethernet bridging) for an Ethernet frame.
    [[nodiscard]] constexpr ipwire::ether_type protocol_type() const noexcept {
        return static_cast<ipwire::ether_type>(detail::load_be16(bytes_, 2));
    }
    // The 24-bit Virtual Network Identifier.
    [[nodiscard]] constexpr std::uint32_t vni() const noexcept { return detail::load_be32(bytes_, 4) >> 8U; }
    [[nodiscard]] constexpr geneve_option_range options() const noexcept {
        return geneve_option_range(bytes_.subspan(min_header_length, header_length() - min_header_length));
    }

    // 8 bytes and the options.
    [[nodiscard]] constexpr std::size_t header_length() const noexcept { return length_of(bytes_[0]); }
    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length()); }
    [[nodiscard]] constexpr bytes_view payload() const noexcept { return bytes_.subspan(header_length()); }

private:
    constexpr explicit geneve_view(bytes_view b) noexcept : bytes_(b) {}
    [[nodiscard]] static constexpr std::size_t length_of(std::uint8_t first) noexcept {
        return min_header_length + (first & 0x3FU) * std::size_t{4};
    }
    bytes_view bytes_;
};

// The EtherType that GRE and Geneve give an Ethernet payload (RFC 1701).
inline constexpr std::uint16_t transparent_ethernet_bridging = 0x6558;

} // namespace ipwire
