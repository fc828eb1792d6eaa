// ip_reassembler's member functions (see <ipwire/reassembly/ip_fragments.hpp>).
#pragma once

#include "ipwire/reassembly/ip_fragments.hpp"

#if IPWIRE_HAS_REASSEMBLY

namespace ipwire {

namespace detail {
constexpr void put_be16(std::span<std::uint8_t> b, std::size_t at, std::uint16_t v) noexcept {
    b[at] = static_cast<std::uint8_t>(v >> 8U);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xFFU);
}

// RFC 8200 section 4.5 (and RFC 7112): the first fragment holds every
// extension header and the upper-layer header. Walks the headers after the
// Fragment header in `data`; false when the chain or the TCP/UDP/ICMPv6
// header runs past it.
[[nodiscard]] constexpr bool holds_header_chain(std::uint8_t next, bytes_view data) noexcept {
    std::size_t at = 0;
    for (int guard = 0; guard < 16; ++guard) {
        const auto p = static_cast<ip_protocol>(next);
        if (p == ip_protocol::ipv6_hop_by_hop || p == ip_protocol::ipv6_routing || p == ip_protocol::ipv6_destination ||
            p == ip_protocol::ah) {
            if (at + 2 > data.size()) return false;
            const std::size_t length =
                p == ip_protocol::ah ? (std::size_t{data[at + 1]} + 2) * 4 : (std::size_t{data[at + 1]} + 1) * 8;
            next = data[at];
            at += length;
            continue;
        }
        const std::size_t upper = p == ip_protocol::tcp      ? 20
                                  : p == ip_protocol::udp    ? 8
                                  : p == ip_protocol::icmpv6 ? 4
                                                             : 0;
        return at + upper <= data.size();
    }
    return false;
}
} // namespace detail

inline std::optional<ip_reassembler::fragment>
ip_reassembler::read(const ip_packet_view& packet, std::optional<ip_fragment_drop>& drop) const noexcept {
    fragment f;
    if (packet.is_v4()) {
        const ipv4_packet_view v4 = packet.v4();
        if (!v4.is_fragment()) return std::nullopt;
        if (v4.truncated()) {
            drop = ip_fragment_drop::truncated;
            return std::nullopt;
        }
        f.key = flow_key(v4.protocol(), endpoint(packet.source(), port(0)),
                         endpoint(packet.destination(), port(v4.identification())));
        f.more = v4.more_fragments();
        f.offset = v4.fragment_offset();
        f.unfragmentable = v4.header();
        f.next_header = static_cast<std::uint8_t>(v4.protocol());
        f.data = v4.payload();
    } else {
        const ipv6_packet_view v6 = packet.v6();
        const bytes_view b = v6.bytes().first(ipv6_packet_view::header_length + v6.payload().size());
        // The headers before the Fragment header: hop-by-hop, routing and
        // destination options (RFC 8200 section 4.5's unfragmentable part).
        std::size_t at = ipv6_packet_view::header_length;
        std::size_t next_at = 6;
        std::uint8_t next = b[6];
        for (int guard = 0; guard < 16; ++guard) {
            const auto p = static_cast<ip_protocol>(next);
            if (p != ip_protocol::ipv6_hop_by_hop && p != ip_protocol::ipv6_routing &&
                p != ip_protocol::ipv6_destination)
                break;
            if (at + 2 > b.size()) return std::nullopt; // a broken chain: decode's business
            next_at = at;
            next = b[at];
            at += (std::size_t{b[at + 1]} + 1) * 8;
        }
        if (static_cast<ip_protocol>(next) != ip_protocol::ipv6_fragment) return std::nullopt;
        if (at + 8 > b.size()) {
            drop = v6.truncated() ? ip_fragment_drop::truncated : ip_fragment_drop::bad_fragment;
            return std::nullopt;
        }
        const std::uint16_t offset_m = detail::load_be16(b, at + 2);
        const std::uint32_t id = detail::load_be32(b, at + 4);
        f.offset = offset_m & 0xFFF8U;
        f.more = (offset_m & 1U) != 0;
        if (f.offset == 0 && !f.more) return fragment{.v6 = true}; // atomic: RFC 6946 section 4
        if (v6.truncated()) {
            drop = ip_fragment_drop::truncated;
            return std::nullopt;
        }
        f.v6 = true;
        f.key =
            flow_key(ip_protocol::ipv6_fragment, endpoint(packet.source(), port(static_cast<std::uint16_t>(id >> 16U))),
                     endpoint(packet.destination(), port(static_cast<std::uint16_t>(id & 0xFFFFU))));
        f.unfragmentable = b.first(at);
        f.next_at = static_cast<std::uint32_t>(next_at);
        f.next_header = b[at];
        f.data = b.subspan(at + 8);
    }
    const std::size_t size = f.data.size();
    const std::size_t before_data =
        f.v6 ? f.unfragmentable.size() - ipv6_packet_view::header_length : f.unfragmentable.size();
    if (size == 0 || (f.more && size % 8 != 0)) {
        drop = ip_fragment_drop::bad_fragment;
    } else if (before_data + f.offset + size > 0xFFFF) {
        drop = ip_fragment_drop::too_long;
    } else if (!f.v6 && static_cast<ip_protocol>(f.next_header) == ip_protocol::tcp &&
               (f.offset == 8 || (f.offset == 0 && size < 20))) {
        drop = ip_fragment_drop::tiny_fragment; // RFC 1858 sections 3.1 and 3.2
    } else if (f.v6 && f.offset == 0 && !detail::holds_header_chain(f.next_header, f.data)) {
        drop = ip_fragment_drop::incomplete_chain;
    }
    if (drop) return std::nullopt;
    return f;
}

inline void ip_reassembler::give_up(iterator it, ip_fragment_drop d) {
    ++counters_.dropped.at(static_cast<std::size_t>(d));
    const ip_datagram_drop notice{d, it->key, it->fragments, it->held};
    index_.erase(it->key);
    datagrams_.erase(it);
    if (handler_ != nullptr) handler_(handler_context_, notice);
}

inline bool ip_reassembler::make_room(std::size_t need, iterator keep) {
    // What stays when every other datagram is gone: refuse before evicting
    // anything when even that leaves no room.
    std::size_t floor = index_.capacity() * sizeof(index_slot) + out_.capacity();
    if (keep != datagrams_.end())
        floor += detail::list_node_bound<datagram> + keep->arena.capacity() + keep->header.capacity() +
                 keep->pieces.capacity() * sizeof(detail::data_piece);
    if (floor + need > config_.memory_budget) return false;
    while (memory_.live() + need > config_.memory_budget) {
        iterator oldest = datagrams_.begin();
        if (oldest == keep) ++oldest;
        if (oldest == datagrams_.end()) return false;
        give_up(oldest, ip_fragment_drop::evicted);
    }
    return true;
}

inline void ip_reassembler::expire(std::uint64_t now) {
    const std::uint64_t soonest = config_.timeout_v4 < config_.timeout_v6 ? config_.timeout_v4 : config_.timeout_v6;
    // Oldest first: once one is younger than the shorter time-out, so are
    // the rest (for captures whose clock does not run backwards).
    for (auto it = datagrams_.begin(); it != datagrams_.end();) {
        if (now < it->first_seen || now - it->first_seen < soonest) break;
        const auto next = std::next(it);
        if (now - it->first_seen >= (it->v6 ? config_.timeout_v6 : config_.timeout_v4))
            give_up(it, ip_fragment_drop::timed_out);
        it = next;
    }
}

inline ip_fragment_result ip_reassembler::add(const ip_packet_view& packet, std::uint64_t now) {
    std::pmr::vector<std::uint8_t>(&memory_).swap(out_); // the last datagram handed out goes
    expire(now);
    std::optional<ip_fragment_drop> drop;
    const auto f = read(packet, drop);
    if (!f) {
        if (!drop) return {ip_fragment_status::not_fragment, {}, packet.bytes()};
        ++counters_.fragments;
        return drop_fragment(*drop);
    }
    if (f->data.empty()) { // atomic
        ++counters_.atomic_fragments;
        return {ip_fragment_status::not_fragment, {}, packet.bytes()};
    }
    ++counters_.fragments;
    iterator it;
    if (iterator* found = index_.find(f->key)) {
        it = *found;
    } else {
        const std::size_t need =
            detail::list_node_bound<datagram> + detail::flow_map_growth<index_slot>(index_.size(), index_.capacity());
        if (!make_room(need, datagrams_.end())) return drop_fragment(ip_fragment_drop::over_budget);
        it = datagrams_.emplace(datagrams_.end(), &memory_);
        it->key = f->key;
        it->v6 = f->v6;
        it->first_seen = now;
        index_.try_emplace(f->key, it);
    }
    return insert(it, *f);
}

inline ip_fragment_result ip_reassembler::insert(iterator it, const fragment& f) {
    datagram& d = *it;
    const std::uint32_t ns = f.offset;
    const auto ne = static_cast<std::uint32_t>(f.offset + f.data.size());
    const auto forget_if_empty = [&] {
        if (d.fragments != 0) return;
        index_.erase(d.key);
        datagrams_.erase(it);
    };
    const bool past_end = d.have_end && ne > d.end;
    const bool end_moves = !f.more && ((d.have_end && d.end != ne) || (!d.pieces.empty() && d.pieces.back().end > ne));
    if (past_end || end_moves) {
        forget_if_empty();
        return drop_fragment(ip_fragment_drop::conflicting_end);
    }
    const auto plan = detail::plan_overlap<max_fragments_limit + 1>(d.pieces, d.arena, ns, f.data, config_.policy);
    if (plan.exact_duplicate) return drop_fragment(ip_fragment_drop::duplicate);
    if (plan.overlapped_bytes != 0) {
        counters_.conflicting_bytes += plan.conflicting_bytes;
        if (d.v6) { // RFC 5722 section 4: the datagram and every fragment of it go
            give_up(it, ip_fragment_drop::overlap);
            return {ip_fragment_status::dropped, ip_fragment_drop::overlap, {}};
        }
        ++counters_.overlaps;
    }
    // The pieces after this fragment: every won range cut out of those held,
    // then the won ranges themselves (their arena offsets are set below).
    std::array<detail::data_piece, 2 * max_fragments_limit + 2> a{};
    std::array<detail::data_piece, 2 * max_fragments_limit + 2> b{};
    std::size_t n = d.pieces.size();
    for (std::size_t i = 0; i < n; ++i) a.at(i) = d.pieces[i];
    for (std::size_t w = 0; w < plan.won_count; ++w) {
        n = detail::subtract_range(a, n, plan.won.at(w), b);
        a = b;
    }
    if (n + plan.won_count > config_.max_fragments) {
        forget_if_empty();
        return drop_fragment(ip_fragment_drop::too_many_fragments);
    }
    std::size_t won_bytes = 0;
    for (std::size_t i = 0; i < plan.won_count; ++i) won_bytes += plan.won.at(i).end - plan.won.at(i).start;
    const bool takes_first = plan.won_count != 0 && plan.won[0].start == 0;
    // What this fragment may allocate: arena, piece list, header (reserve exact).
    const std::size_t arena_cap = detail::grown_capacity(d.arena.capacity(), d.arena.size() + won_bytes, 64);
    const std::size_t pieces_cap = detail::grown_capacity(d.pieces.capacity(), n + plan.won_count, 4);
    const std::size_t header_need =
        takes_first && f.unfragmentable.size() > d.header.capacity() ? f.unfragmentable.size() : 0;
    const std::size_t need = (arena_cap != d.arena.capacity() ? arena_cap : 0) +
                             (pieces_cap != d.pieces.capacity() ? pieces_cap * sizeof(detail::data_piece) : 0) +
                             header_need;
    if (!make_room(need, it)) {
        if (d.fragments == 0) {
            forget_if_empty();
            return drop_fragment(ip_fragment_drop::over_budget);
        }
        give_up(it, ip_fragment_drop::over_budget);
        return {ip_fragment_status::dropped, ip_fragment_drop::over_budget, {}};
    }
    d.arena.reserve(arena_cap);
    d.pieces.reserve(pieces_cap);
    if (takes_first) {
        d.header.reserve(f.unfragmentable.size());
        d.header.assign(f.unfragmentable.begin(), f.unfragmentable.end());
        d.have_first = true;
        d.next_at = f.next_at;
        d.first_next = f.next_header;
    }
    for (std::size_t w = 0; w < plan.won_count; ++w) {
        const detail::byte_range r = plan.won.at(w);
        const auto at = static_cast<std::uint32_t>(d.arena.size());
        d.arena.insert(d.arena.end(), f.data.begin() + (r.start - ns), f.data.begin() + (r.end - ns));
        a.at(n++) = {r.start, r.end, ns, ne, at};
    }
    for (std::size_t i = 1; i < n; ++i) // insertion sort: n is small and nearly sorted
        for (std::size_t j = i; j > 0 && a.at(j - 1).start > a.at(j).start; --j) std::swap(a.at(j - 1), a.at(j));
    d.pieces.assign(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n));
    if (!f.more) {
        d.have_end = true;
        d.end = ne;
    }
    ++d.fragments;
    d.held = 0;
    bool contiguous = !d.pieces.empty() && d.pieces.front().start == 0;
    for (std::size_t i = 0; i < d.pieces.size(); ++i) {
        d.held += d.pieces[i].end - d.pieces[i].start;
        if (i != 0 && d.pieces[i].start != d.pieces[i - 1].end) contiguous = false;
    }
    if (d.have_first && d.have_end && contiguous && d.pieces.back().end == d.end) return complete(it);
    return {ip_fragment_status::held, {}, {}};
}

inline ip_fragment_result ip_reassembler::complete(iterator it) {
    datagram& d = *it;
    const std::size_t header = d.header.size();
    const std::size_t total = header + d.end;
    if ((d.v6 ? total - ipv6_packet_view::header_length : total) > 0xFFFF) {
        give_up(it, ip_fragment_drop::too_long);
        return {ip_fragment_status::dropped, ip_fragment_drop::too_long, {}};
    }
    if (!make_room(total, it)) {
        give_up(it, ip_fragment_drop::over_budget);
        return {ip_fragment_status::dropped, ip_fragment_drop::over_budget, {}};
    }
    out_.reserve(total);
    out_.assign(d.header.begin(), d.header.end());
    for (const detail::data_piece& p : d.pieces) {
        const auto from = d.arena.begin() + static_cast<std::ptrdiff_t>(p.at);
        out_.insert(out_.end(), from, from + static_cast<std::ptrdiff_t>(p.end - p.start));
    }
    const std::span<std::uint8_t> o(out_);
    if (d.v6) {
        o[d.next_at] = d.first_next; // the Fragment header is gone
        detail::put_be16(o, 4, static_cast<std::uint16_t>(total - ipv6_packet_view::header_length));
    } else {
        detail::put_be16(o, 2, static_cast<std::uint16_t>(total));
        o[6] = static_cast<std::uint8_t>(o[6] & 0xC0U); // reserved and DF stay; MF and offset clear
        o[7] = 0;
        detail::put_be16(o, 10, 0);
        detail::put_be16(o, 10, internet_checksum(bytes_view(o).first(header)));
    }
    ++counters_.reassembled;
    index_.erase(d.key);
    datagrams_.erase(it);
    return {ip_fragment_status::reassembled, {}, bytes_view(out_)};
}

} // namespace ipwire
#endif // IPWIRE_HAS_REASSEMBLY
