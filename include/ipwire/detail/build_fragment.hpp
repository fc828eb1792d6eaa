// fragment(): an IPv4 (RFC 791 section 3.2, "Fragmentation and Reassembly")
// or IPv6 (RFC 8200 section 4.5) packet split for an MTU. See <ipwire/build.hpp>.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>

#include "ipwire/detail/build_packet.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

struct fragment_spec {
    // The largest fragment, IP header included, in bytes.
    std::size_t mtu = 1500;
    // IPv6: the Fragment header's identification (RFC 8200 section 4.5 asks
    // for one unique per source, destination and time). IPv4 fragments keep
    // the packet's own identification field.
    std::uint32_t identification = 0;
};

namespace detail {

// Where the fragments go: back to back in one buffer, one view each.
class fragment_sink {
public:
    constexpr fragment_sink(std::span<std::uint8_t> buffer, std::span<bytes_view> views) noexcept
        : buffer_(buffer), views_(views) {}
    // Room for one more fragment of n bytes, zeroed; empty when there is none.
    constexpr std::span<std::uint8_t> next(std::size_t n) noexcept {
        if (count_ == views_.size() || buffer_.size() - used_ < n) return {};
        const auto f = buffer_.subspan(used_, n);
        for (std::uint8_t& b : f) b = 0;
        views_[count_++] = f;
        used_ += n;
        return f;
    }
    [[nodiscard]] constexpr std::span<const bytes_view> written() const noexcept { return views_.first(count_); }

private:
    std::span<std::uint8_t> buffer_;
    std::span<bytes_view> views_;
    std::size_t used_ = 0;
    std::size_t count_ = 0;
};

// The length of the part before the data, and each fragment's data: the
// largest multiple of 8 that fits (RFC 791, RFC 8200 section 4.5), except
// the last. mtu_too_small when not even 8 bytes fit.
[[nodiscard]] constexpr std::size_t fragment_unit(std::size_t mtu, std::size_t header) noexcept {
    return mtu < header + 8 ? 0 : (mtu - header) / 8 * 8;
}

[[nodiscard]] constexpr result<std::span<const bytes_view>> fragment_v4(const ipv4_packet_view& v4, std::size_t mtu,
                                                                        fragment_sink out) noexcept {
    const bytes_view header = v4.header();
    const bytes_view data = v4.payload();
    // Later fragments carry only the options whose copied flag is set (RFC
    // 791 section 3.1), padded with End of Option List to 4 bytes.
    std::array<std::uint8_t, 60> later{};
    std::size_t later_length = 20;
    store_bytes(later, 0, header.first(20));
    for (const ipv4_option o : v4.options()) {
        if (!o.copied()) continue;
        store_bytes(later, later_length, o.bytes());
        later_length += o.length();
    }
    later_length = (later_length + 3) / 4 * 4;
    store_u8(later, 0, static_cast<std::uint8_t>(0x40U | later_length / 4));
    const std::size_t first_unit = fragment_unit(mtu, header.size());
    const std::size_t later_unit = fragment_unit(mtu, later_length);
    if (first_unit == 0 || later_unit == 0) return errc::mtu_too_small;
    const std::size_t base = v4.fragment_offset();
    for (std::size_t at = 0; at < data.size() || at == 0;) {
        const bytes_view h = at == 0 ? header : bytes_view(later).first(later_length);
        const std::size_t unit = at == 0 ? first_unit : later_unit;
        const std::size_t n = data.size() - at < unit ? data.size() - at : unit;
        const bool last = at + n == data.size();
        const auto f = out.next(h.size() + n);
        if (f.empty()) return errc::buffer_too_small;
        store_bytes(f, 0, h);
        store_bytes(f, h.size(), data.subspan(at, n));
        store_be16(f, 2, static_cast<std::uint16_t>(f.size()));
        // DF stays clear (a DF packet is never here), MF set but on the last
        // piece of a packet that was itself the last (or only) fragment.
        const bool more = !last || v4.more_fragments();
        store_be16(f, 6, static_cast<std::uint16_t>((more ? 0x2000U : 0U) | (base + at) / 8));
        store_be16(f, 10, 0);
        store_be16(f, 10, internet_checksum(bytes_view(f).first(h.size())));
        at += n;
        if (n == 0) break;
    }
    return out.written();
}

[[nodiscard]] constexpr result<std::span<const bytes_view>>
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): detail, one caller
fragment_v6(const ipv6_packet_view& v6, std::size_t mtu, std::uint32_t identification, fragment_sink out) noexcept {
    if (v6.payload_length() == 0 && v6.jumbo_payload_length()) return errc::bad_payload_length;
    const auto chain = v6.extension_headers();
    if (chain.error() != errc{}) return chain.error();
    // RFC 8200 section 4.5: the unfragmentable part is the IPv6 header and
    // the extension headers up to a routing header (destination options
    // before it included) or a hop-by-hop header; next_at is the byte that
    // then names the Fragment header.
    std::size_t unfragmentable = 40;
    std::size_t next_at = 6;
    for (auto it = chain.begin(); it != std::default_sentinel; ++it) {
        const ipv6_extension_header h = *it;
        if (h.type() == ip_protocol::ipv6_fragment) return errc::bad_extension_header; // already a fragment
        if (h.type() == ip_protocol::ipv6_hop_by_hop || h.type() == ip_protocol::ipv6_routing) {
            next_at = 40 + it.offset();
            unfragmentable = next_at + h.length();
        }
    }
    const bytes_view packet = v6.bytes().first(40 + v6.payload().size());
    const bytes_view data = packet.subspan(unfragmentable);
    const std::uint8_t first_next = packet[next_at];
    const std::size_t unit = fragment_unit(mtu, unfragmentable + 8);
    if (unit == 0) return errc::mtu_too_small;
    for (std::size_t at = 0; at < data.size() || at == 0;) {
        const std::size_t n = data.size() - at < unit ? data.size() - at : unit;
        const bool last = at + n == data.size();
        const auto f = out.next(unfragmentable + 8 + n);
        if (f.empty()) return errc::buffer_too_small;
        store_bytes(f, 0, packet.first(unfragmentable));
        store_u8(f, next_at, static_cast<std::uint8_t>(ip_protocol::ipv6_fragment));
        store_be16(f, 4, static_cast<std::uint16_t>(f.size() - 40));
        store_u8(f, unfragmentable, first_next);
        store_be16(f, unfragmentable + 2, static_cast<std::uint16_t>(at | (last ? 0U : 1U)));
        store_be32(f, unfragmentable + 4, identification);
        store_bytes(f, unfragmentable + 8, data.subspan(at, n));
        at += n;
        if (n == 0) break;
    }
    return out.written();
}

} // namespace detail

// Splits `packet`, one whole IPv4 or IPv6 packet (no link header), into
// fragments of at most spec.mtu bytes, written back to back into `buffer`;
// fragments[i] views the i-th. Returns the views written, a prefix of
// `fragments`. A packet that fits the MTU is copied unchanged as the one
// fragment.
//
// IPv4: the first fragment keeps every option, later ones those with the
// copied flag; offsets are counted from the packet's own (so a fragment can
// be split again) and its MF is kept on the last piece. IPv6: a Fragment
// header after the unfragmentable part (RFC 8200 section 4.5), the previous
// header's next header set to 44, the Payload Length of each fragment.
//
// Errors: the parse error of `packet`; errc::mtu_too_small when not 8 bytes
// of data fit beside the headers, or for an IPv4 packet with DF set that does
// not fit (a router answers it with ICMP "fragmentation needed", RFC 1191);
// errc::bad_extension_header for an IPv6 packet that already has a Fragment
// header or a malformed chain; errc::bad_payload_length for a jumbogram;
// errc::buffer_too_small when `buffer` or `fragments` runs out. On an error
// nothing is reported written.
[[nodiscard]] constexpr result<std::span<const bytes_view>> fragment(bytes_view packet, const fragment_spec& spec,
                                                                     std::span<std::uint8_t> buffer,
                                                                     std::span<bytes_view> fragments) noexcept {
    const auto ip = ip_packet_view::parse(packet);
    if (!ip) return ip.error();
    detail::fragment_sink out(buffer, fragments);
    if (ip->is_v4()) {
        const ipv4_packet_view v4 = ip->v4();
        if (v4.truncated()) return errc::truncated;
        const std::size_t length = v4.total_length();
        if (length <= spec.mtu) {
            const auto f = out.next(length);
            if (f.empty()) return errc::buffer_too_small;
            detail::store_bytes(f, 0, packet.first(length));
            return out.written();
        }
        if (v4.dont_fragment()) return errc::mtu_too_small;
        return detail::fragment_v4(v4, spec.mtu, out);
    }
    const ipv6_packet_view v6 = ip->v6();
    if (v6.truncated()) return errc::truncated;
    const std::size_t length = 40 + v6.payload().size();
    if (length <= spec.mtu) {
        const auto f = out.next(length);
        if (f.empty()) return errc::buffer_too_small;
        detail::store_bytes(f, 0, packet.first(length));
        return out.written();
    }
    return detail::fragment_v6(v6, spec.mtu, spec.identification, out);
}

} // namespace ipwire
