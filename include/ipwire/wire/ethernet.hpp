// ethernet_frame_view: an Ethernet II / IEEE 802.3 frame as captured (no
// preamble, no FCS): MAC addresses, stacked VLAN tags (IEEE 802.1Q C-tags,
// 802.1ad S-tags and the pre-standard 0x9100), the EtherType or 802.3 length,
// payload. IEEE Std 802.3-2018 section 3.2, IEEE Std 802.1Q-2018 section 9.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/error.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ether_type.hpp"

namespace ipwire {

// One VLAN tag (IEEE 802.1Q section 9.6): the tag protocol identifier that
// introduced it and the 16-bit tag control information, PCP(3) DEI(1) VID(12).
class vlan_tag {
public:
    constexpr vlan_tag() noexcept = default;
    constexpr vlan_tag(ipwire::ether_type tag_protocol_id, std::uint16_t tag_control) noexcept
        : tag_protocol_id_(tag_protocol_id), tag_control_(tag_control) {}

    // 0x8100 (C-tag), 0x88A8 (S-tag) or 0x9100.
    [[nodiscard]] constexpr ipwire::ether_type tag_protocol_id() const noexcept { return tag_protocol_id_; }
    // The whole TCI as sent.
    [[nodiscard]] constexpr std::uint16_t tag_control() const noexcept { return tag_control_; }
    // PCP, 0-7 (IEEE 802.1Q Table I-2: 1 is background, 0 best effort, 7 network control).
    [[nodiscard]] constexpr std::uint8_t priority() const noexcept {
        return static_cast<std::uint8_t>(tag_control_ >> 13U);
    }
    // DEI (the CFI bit before 802.1Q-2011).
    [[nodiscard]] constexpr bool drop_eligible() const noexcept { return (tag_control_ & 0x1000U) != 0; }
    // VID, 0-4095: 0 means a priority tag without a VLAN, 4095 is reserved.
    [[nodiscard]] constexpr std::uint16_t vlan_id() const noexcept {
        return static_cast<std::uint16_t>(tag_control_ & 0x0FFFU);
    }

    // The tag protocol identifiers read as VLAN tags.
    [[nodiscard]] static constexpr bool is_tag_protocol_id(ipwire::ether_type t) noexcept {
        return t == ipwire::ether_type::vlan || t == ipwire::ether_type::qinq || t == ipwire::ether_type::qinq_old;
    }

    friend constexpr bool operator==(const vlan_tag&, const vlan_tag&) noexcept = default;

private:
    ipwire::ether_type tag_protocol_id_{};
    std::uint16_t tag_control_ = 0;
};

// The tags of one frame, outermost first, as a forward range of vlan_tag
// values read from the frame on demand.
class vlan_tag_range {
public:
    class iterator {
    public:
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::input_iterator_tag; // yields values, not references
        using value_type = vlan_tag;
        using difference_type = std::ptrdiff_t;
        using reference = vlan_tag;
        using pointer = void;

        constexpr iterator() noexcept = default;
        [[nodiscard]] constexpr vlan_tag operator*() const noexcept {
            return {static_cast<ipwire::ether_type>(detail::load_be16(tags_, offset_)),
                    detail::load_be16(tags_, offset_ + 2)};
        }
        constexpr iterator& operator++() noexcept {
            offset_ += 4;
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator before = *this;
            offset_ += 4;
            return before;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.offset_ == b.offset_;
        }

    private:
        friend class vlan_tag_range;
        constexpr iterator(bytes_view tags, std::size_t offset) noexcept : tags_(tags), offset_(offset) {}
        bytes_view tags_;
        std::size_t offset_ = 0;
    };

    constexpr vlan_tag_range() noexcept = default;
    [[nodiscard]] constexpr iterator begin() const noexcept { return {tags_, 0}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return {tags_, tags_.size()}; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return tags_.size() / 4; }
    [[nodiscard]] constexpr bool empty() const noexcept { return tags_.empty(); }

private:
    friend class ethernet_frame_view;
    // 4 bytes per tag: TPID then TCI.
    constexpr explicit vlan_tag_range(bytes_view tags) noexcept : tags_(tags) {}
    bytes_view tags_;
};

// A frame from a LINKTYPE_ETHERNET capture. parse checks that the 14-byte
// header and each VLAN tag with the type field after it are present; nothing
// else is an error (a runt, a group source address, a bad length field are all
// readable). The frame carries no FCS as far as this view knows: captures
// almost never include it, and nothing in the frame says whether they do.
//
// VLAN tags: while the type field holds 0x8100, 0x88A8 or 0x9100 the view
// reads a tag, in any order and any mix, up to max_vlan_tags (4; real
// networks stack three, as in Zeek's QinQinQ test capture). Past that bound
// parsing stops, not fails: ether_type() is then the next tag's TPID and
// payload() starts at that tag, so a caller can tell and go on by hand.
// IEEE 802.1ah I-tags (0x88E7) are not tags here but an EtherType.
//
// The type field after the tags is an EtherType when >= 0x0600 (1536) and an
// IEEE 802.3 length when <= 1500 (an LLC frame: STP, CDP, ...): ether_type()
// returns the raw value either way, is_length_field() tells which, and
// payload() is cut to the length, dropping padding. Values 1501-1535 are
// neither; they are returned as an EtherType and nothing is cut.
//
// A default-constructed view is empty and only a placeholder: call no
// accessor on it.
class ethernet_frame_view {
public:
    static constexpr std::size_t min_header_length = 14;
    static constexpr std::size_t vlan_tag_length = 4;
    static constexpr std::size_t max_vlan_tags = 4;
    static constexpr std::size_t max_header_length = min_header_length + max_vlan_tags * vlan_tag_length;
    // IEEE 802.3 section 3.2.6: a type field up to this value is a length.
    static constexpr std::uint16_t max_length_field = 1500;

    constexpr ethernet_frame_view() noexcept = default;

    // errc::truncated when the frame is shorter than 14 bytes, or a tag's TPID
    // is not followed by its TCI and the next type field.
    [[nodiscard]] static constexpr result<ethernet_frame_view> parse(bytes_view frame) noexcept {
        if (frame.size() < min_header_length) return errc::truncated;
        std::size_t type_at = field::ether_type;
        for (std::size_t n = 0; n < max_vlan_tags && is_tag_at(frame, type_at); ++n) {
            type_at += vlan_tag_length;
            if (frame.size() < type_at + 2) return errc::truncated;
        }
        return ethernet_frame_view(frame);
    }

    [[nodiscard]] constexpr mac_address destination() const noexcept { return load_mac(field::destination); }
    [[nodiscard]] constexpr mac_address source() const noexcept { return load_mac(field::source); }

    // 0 to max_vlan_tags.
    [[nodiscard]] constexpr std::size_t vlan_count() const noexcept {
        std::size_t n = 0;
        while (n < max_vlan_tags && is_tag_at(bytes_, field::ether_type + n * vlan_tag_length)) ++n;
        return n;
    }
    // Tag i, 0 the outermost; nullopt when i >= vlan_count().
    [[nodiscard]] constexpr std::optional<vlan_tag> vlan(std::size_t i) const noexcept {
        if (i >= vlan_count()) return std::nullopt;
        const std::size_t at = field::ether_type + i * vlan_tag_length;
        return vlan_tag(static_cast<ipwire::ether_type>(detail::load_be16(bytes_, at)),
                        detail::load_be16(bytes_, at + 2));
    }
    // Every tag, outermost first.
    [[nodiscard]] constexpr vlan_tag_range vlans() const noexcept {
        return vlan_tag_range(bytes_.subspan(field::ether_type, vlan_count() * vlan_tag_length));
    }

    // The type field after the tags: an EtherType, or an 802.3 length when
    // is_length_field() (compare static_cast<std::uint16_t>(ether_type())).
    [[nodiscard]] constexpr ipwire::ether_type ether_type() const noexcept {
        return static_cast<ipwire::ether_type>(type_field());
    }
    [[nodiscard]] constexpr bool is_length_field() const noexcept { return type_field() <= max_length_field; }

    // 14 plus 4 per VLAN tag, in bytes.
    [[nodiscard]] constexpr std::size_t header_length() const noexcept {
        return min_header_length + vlan_count() * vlan_tag_length;
    }

    [[nodiscard]] constexpr bytes_view bytes() const noexcept { return bytes_; }
    [[nodiscard]] constexpr bytes_view header() const noexcept { return bytes_.first(header_length()); }
    // What follows the header; for an 802.3 frame, cut to its length field.
    [[nodiscard]] constexpr bytes_view payload() const noexcept {
        const bytes_view rest = bytes_.subspan(header_length());
        if (!is_length_field() || type_field() >= rest.size()) return rest;
        return rest.first(type_field());
    }
    // An 802.3 frame whose length field claims more bytes than were captured
    // (a snap length cut); payload() then holds what there is.
    [[nodiscard]] constexpr bool truncated() const noexcept {
        return is_length_field() && type_field() > bytes_.size() - header_length();
    }

private:
    // IEEE 802.3 section 3.2 (MAC frame format), 802.1Q section 9.5 (tag format).
    struct field {
        static constexpr std::size_t destination = 0; // 6 bytes
        static constexpr std::size_t source = 6;      // 6 bytes
        static constexpr std::size_t ether_type = 12; // 2 bytes; with a tag: its TPID, then TCI (2), then the next type
    };

    constexpr explicit ethernet_frame_view(bytes_view frame) noexcept : bytes_(frame) {}

    [[nodiscard]] static constexpr bool is_tag_at(bytes_view frame, std::size_t at) noexcept {
        return vlan_tag::is_tag_protocol_id(static_cast<ipwire::ether_type>(detail::load_be16(frame, at)));
    }
    [[nodiscard]] constexpr std::uint16_t type_field() const noexcept {
        return detail::load_be16(bytes_, field::ether_type + vlan_count() * vlan_tag_length);
    }
    [[nodiscard]] constexpr mac_address load_mac(std::size_t at) const noexcept {
        mac_address::bytes_type mac{};
        for (std::size_t i = 0; i < mac.size(); ++i) mac[i] = bytes_[at + i];
        return mac;
    }

    bytes_view bytes_;
};

} // namespace ipwire
