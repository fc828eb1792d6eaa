// tcp_reassembler's member functions (see <ipwire/reassembly/tcp_stream.hpp>).
#pragma once

#include "ipwire/reassembly/tcp_stream.hpp"

#if IPWIRE_HAS_REASSEMBLY

namespace ipwire {

template <class Handler>
void tcp_reassembler<Handler>::deliver(connection& c, tcp_direction d, bytes_view data) {
    if (data.empty()) return;
    const auto i = static_cast<std::size_t>(d);
    side& s = c.sides.at(i);
    s.next += static_cast<std::uint32_t>(data.size());
    c.info.delivered.at(i) += data.size();
    counters_.delivered_bytes += data.size();
    handler_.on_data(c.info, d, data);
}

// Delivers the waiting segments that the stream has reached.
template <class Handler>
void tcp_reassembler<Handler>::drain(connection& c, tcp_direction d) {
    side& s = c.sides.at(static_cast<std::size_t>(d));
    while (!s.queue.empty() && seq_le(s.queue.front().seq, s.next)) {
        waiting& w = s.queue.front();
        const auto size = static_cast<std::uint32_t>(w.data.size());
        const std::uint32_t behind = s.next - w.seq;
        if (behind < size) deliver(c, d, bytes_view(w.data).subspan(behind));
        s.queued -= size;
        s.queue.erase(s.queue.begin());
    }
}

// The gap before the first waiting segment (or before the FIN) is given up.
template <class Handler>
void tcp_reassembler<Handler>::skip_hole(connection& c, tcp_direction d) {
    const auto i = static_cast<std::size_t>(d);
    side& s = c.sides.at(i);
    std::uint32_t to = s.next;
    if (!s.queue.empty())
        to = s.queue.front().seq;
    else if (s.fin)
        to = s.fin_seq;
    if (!seq_lt(s.next, to)) return drain(c, d);
    const std::uint32_t size = to - s.next;
    s.next = to;
    ++counters_.holes;
    counters_.hole_bytes += size;
    c.info.hole_bytes.at(i) += size;
    handler_.on_hole(c.info, d, size);
    drain(c, d);
}

template <class Handler>
void tcp_reassembler<Handler>::flush(connection& c, tcp_direction d) {
    side& s = c.sides.at(static_cast<std::size_t>(d));
    while (!s.queue.empty()) skip_hole(c, d);
    if (s.fin && seq_lt(s.next, s.fin_seq)) skip_hole(c, d);
}

template <class Handler>
void tcp_reassembler<Handler>::close(iterator it, tcp_close_reason r) {
    flush(*it, tcp_direction::a_to_b);
    flush(*it, tcp_direction::b_to_a);
    ++counters_.closed.at(static_cast<std::size_t>(r));
    const tcp_stream_info info = it->info;
    index_.erase(info.key);
    connections_.erase(it);
    handler_.on_close(info, r);
}

template <class Handler>
bool tcp_reassembler<Handler>::make_room(std::size_t need, iterator keep) {
    std::size_t floor = index_.capacity() * sizeof(index_slot);
    if (keep != connections_.end()) {
        floor += detail::list_node_bound<connection>;
        for (const side& s : keep->sides) {
            floor += s.queue.capacity() * sizeof(waiting);
            for (const waiting& w : s.queue) floor += w.data.capacity();
        }
    }
    if (floor + need > config_.memory_budget) return false;
    while (memory_.live() + need > config_.memory_budget) {
        iterator oldest = connections_.begin();
        if (oldest == keep) ++oldest;
        if (oldest == connections_.end()) return false;
        close(oldest, tcp_close_reason::evicted);
    }
    return true;
}

// A segment that starts after the next byte: kept until the gap fills.
template <class Handler>
void tcp_reassembler<Handler>::hold(iterator it, tcp_direction d, std::uint32_t seq, bytes_view data) {
    connection& c = *it;
    side& s = c.sides.at(static_cast<std::size_t>(d));
    const auto end = static_cast<std::uint32_t>(seq + data.size());
    const bool last = config_.policy == tcp_overlap_policy::last;
    // The bytes and entries this segment adds, and what the budget allows.
    std::size_t bytes = 0; // allocated
    std::size_t entries = 0;
    std::size_t overlapped = 0;
    std::uint32_t pos = seq;
    for (const waiting& w : s.queue) {
        const auto w_end = static_cast<std::uint32_t>(w.seq + w.data.size());
        if (seq_le(w_end, seq)) continue;
        if (seq_le(end, w.seq)) break;
        // overlapped: [max(seq, w.seq), min(end, w_end))
        const std::uint32_t a = seq_lt(w.seq, seq) ? seq : w.seq;
        const std::uint32_t b = seq_lt(end, w_end) ? end : w_end;
        overlapped += b - a;
        std::uint32_t differ = 0;
        for (std::uint32_t x = a; x != b; ++x)
            if (w.data[x - w.seq] != data[x - seq]) ++differ;
        if (differ != 0) {
            counters_.conflicting_bytes += differ;
            handler_.on_conflict(c.info, d, a, b - a);
        }
        if (last) {
            if (seq_lt(w.seq, seq) && seq_lt(end, w_end)) { // split: the tail is copied
                bytes += w_end - end;
                ++entries;
            }
        } else {
            if (seq_lt(pos, w.seq)) {
                bytes += w.seq - pos;
                ++entries;
            }
            if (seq_lt(pos, w_end)) pos = w_end;
        }
    }
    if (last) {
        bytes += data.size();
        ++entries;
    } else if (seq_lt(pos, end)) {
        bytes += end - pos;
        ++entries;
    }
    if (entries == 0) return; // every byte already waits (first policy)
    const std::size_t cap = detail::grown_capacity(s.queue.capacity(), s.queue.size() + entries, waiting_floor);
    const std::size_t need = bytes + (cap != s.queue.capacity() ? cap * sizeof(waiting) : 0);
    // What waits grows by the new bytes (under 'last' the overlapped ones are replaced, not added).
    const std::size_t growth = last ? data.size() - overlapped : bytes;
    const bool within_connection = c.sides[0].queued + c.sides[1].queued + growth <= config_.connection_budget;
    if (!within_connection || !make_room(need, it)) {
        // No room to wait: give up the oldest gap and try again; with
        // nothing left waiting, jump to this segment.
        if (!s.queue.empty()) {
            skip_hole(c, d);
            return take(it, d, seq, data);
        }
        const std::uint32_t hole = seq - s.next;
        s.next = seq;
        ++counters_.holes;
        counters_.hole_bytes += hole;
        c.info.hole_bytes.at(static_cast<std::size_t>(d)) += hole;
        handler_.on_hole(c.info, d, hole);
        return take(it, d, seq, data);
    }
    s.queue.reserve(cap);
    const auto make = [&](std::uint32_t from, std::uint32_t to) {
        waiting w(&memory_);
        w.seq = from;
        const auto first = data.begin() + static_cast<std::ptrdiff_t>(from - seq);
        w.data.assign(first, first + static_cast<std::ptrdiff_t>(to - from));
        s.queued += w.data.size();
        return w;
    };
    // The first entry that ends after x (the queue is sorted and disjoint).
    const auto after = [&](std::uint32_t x) {
        std::size_t i = 0;
        while (i < s.queue.size() && seq_le(static_cast<std::uint32_t>(s.queue[i].seq + s.queue[i].data.size()), x))
            ++i;
        return i;
    };
    if (!last) {
        pos = seq;
        while (seq_lt(pos, end)) {
            const std::size_t i = after(pos);
            if (i == s.queue.size() || seq_le(end, s.queue[i].seq)) {
                s.queue.insert(s.queue.begin() + static_cast<std::ptrdiff_t>(i), make(pos, end));
                break;
            }
            const waiting& w = s.queue[i];
            const auto w_end = static_cast<std::uint32_t>(w.seq + w.data.size());
            if (seq_lt(pos, w.seq)) {
                const std::uint32_t gap_end = w.seq;
                s.queue.insert(s.queue.begin() + static_cast<std::ptrdiff_t>(i), make(pos, gap_end));
            }
            pos = w_end;
        }
        return;
    }
    // last: cut the new range out of what waits, then put the segment in.
    std::size_t i = after(seq);
    while (i < s.queue.size() && seq_lt(s.queue[i].seq, end)) {
        waiting& w = s.queue[i];
        const auto w_end = static_cast<std::uint32_t>(w.seq + w.data.size());
        const std::size_t before = w.data.size();
        if (seq_lt(w.seq, seq)) {
            if (seq_lt(end, w_end)) { // split
                waiting tail(&memory_);
                tail.seq = end;
                tail.data.assign(w.data.begin() + static_cast<std::ptrdiff_t>(end - w.seq), w.data.end());
                w.data.resize(seq - w.seq);
                s.queued = s.queued - before + w.data.size() + tail.data.size();
                s.queue.insert(s.queue.begin() + static_cast<std::ptrdiff_t>(i + 1), std::move(tail));
                i += 1;
                break;
            }
            w.data.resize(seq - w.seq);
            s.queued -= before - w.data.size();
            ++i;
        } else if (seq_le(w_end, end)) {
            s.queued -= before;
            s.queue.erase(s.queue.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            w.data.erase(w.data.begin(), w.data.begin() + static_cast<std::ptrdiff_t>(end - w.seq));
            w.seq = end;
            s.queued -= before - w.data.size();
            break;
        }
    }
    s.queue.insert(s.queue.begin() + static_cast<std::ptrdiff_t>(after(seq)), make(seq, end));
}

template <class Handler>
void tcp_reassembler<Handler>::take(iterator it, tcp_direction d, std::uint32_t seq, bytes_view payload) {
    connection& c = *it;
    side& s = c.sides.at(static_cast<std::size_t>(d));
    if (!s.started) { // mid-stream: the stream starts here
        s.started = true;
        s.next = seq;
    }
    auto end = static_cast<std::uint32_t>(seq + payload.size());
    if (s.fin && seq_lt(s.fin_seq, end)) { // nothing follows a FIN (RFC 9293 3.10.7.4)
        const std::uint32_t cut = seq_lt(seq, s.fin_seq) ? end - s.fin_seq : static_cast<std::uint32_t>(payload.size());
        counters_.after_fin_bytes += cut;
        payload = payload.first(payload.size() - cut);
        end = static_cast<std::uint32_t>(seq + payload.size());
        if (payload.empty()) return;
    }
    if (seq_le(end, s.next)) {
        counters_.retransmitted_bytes += payload.size();
        return;
    }
    if (seq_lt(seq, s.next)) {
        const std::uint32_t old = s.next - seq;
        counters_.retransmitted_bytes += old;
        payload = payload.subspan(old);
        seq = s.next;
    }
    if (seq != s.next) return hold(it, d, seq, payload);
    // In order: report conflicts with what waits, then deliver by the policy.
    for (const waiting& w : s.queue) {
        if (seq_le(end, w.seq)) break;
        const auto w_end = static_cast<std::uint32_t>(w.seq + w.data.size());
        const std::uint32_t b = seq_lt(end, w_end) ? end : w_end;
        std::uint32_t differ = 0;
        for (std::uint32_t x = w.seq; x != b; ++x)
            if (w.data[x - w.seq] != payload[x - seq]) ++differ;
        if (differ != 0) {
            counters_.conflicting_bytes += differ;
            handler_.on_conflict(c.info, d, w.seq, b - w.seq);
        }
    }
    if (config_.policy == tcp_overlap_policy::last) {
        deliver(c, d, payload);
        return drain(c, d);
    }
    while (seq_lt(s.next, end)) {
        if (!s.queue.empty() && seq_le(s.queue.front().seq, s.next)) {
            drain(c, d);
            continue;
        }
        const std::uint32_t limit = !s.queue.empty() && seq_lt(s.queue.front().seq, end) ? s.queue.front().seq : end;
        deliver(c, d, payload.subspan(s.next - seq, limit - s.next));
    }
    drain(c, d);
}

template <class Handler>
void tcp_reassembler<Handler>::add(const ip_packet_view& ip, const tcp_segment_view& tcp, std::uint64_t now) {
    expire(now);
    ++counters_.segments;
    const flow_key k(ip_protocol::tcp, endpoint(ip.source(), tcp.source_port()),
                     endpoint(ip.destination(), tcp.destination_port()));
    const flow_key key = k.canonical();
    const tcp_direction d = k.is_canonical() ? tcp_direction::a_to_b : tcp_direction::b_to_a;
    const auto i = static_cast<std::size_t>(d);
    const tcp_flags f = tcp.flags();
    const bool syn = f.has(tcp_flags::syn);
    std::uint32_t seq = tcp.sequence_number();
    const bytes_view payload = tcp.payload();
    iterator* found = index_.find(key);
    if (found != nullptr && syn) {
        const side& s = (*found)->sides.at(i);
        if (s.syn && s.isn != seq) {
            close(*found, tcp_close_reason::reused);
            found = nullptr;
        }
    }
    iterator it;
    if (found == nullptr) {
        if (!syn && payload.empty()) {
            ++counters_.ignored;
            return;
        }
        const std::size_t need =
            detail::list_node_bound<connection> + detail::flow_map_growth<index_slot>(index_.size(), index_.capacity());
        if (!make_room(need, connections_.end())) {
            ++counters_.ignored;
            return;
        }
        it = connections_.emplace(connections_.end(), &memory_);
        it->info.key = key;
        it->info.first_seen = now;
        index_.try_emplace(key, it);
        ++counters_.connections;
    } else {
        it = *found;
        connections_.splice(connections_.end(), connections_, it); // most recently active last
    }
    connection& c = *it;
    c.info.last_seen = now;
    side& s = c.sides.at(i);
    if (syn) {
        if (!s.syn) {
            s.syn = true;
            s.isn = seq;
            if (!s.started) {
                s.started = true;
                s.next = seq + 1;
            }
            if (!f.has(tcp_flags::ack) && !c.info.client) c.info.client = d;
        }
        seq += 1; // the SYN takes one sequence number; data follows it
    }
    if (!payload.empty()) take(it, d, seq, payload);
    if (f.has(tcp_flags::fin) && !s.fin) {
        s.fin = true;
        s.fin_seq = static_cast<std::uint32_t>(seq + payload.size());
        if (!s.started) {
            s.started = true;
            s.next = s.fin_seq;
        }
    }
    if (f.has(tcp_flags::rst)) return close(it, tcp_close_reason::rst);
    // The peer acknowledged bytes this capture never showed: the gap before
    // what waits (or before the FIN) will not fill, so skip it now.
    side& o = c.sides.at(1 - i);
    if (f.has(tcp_flags::ack) && o.started) {
        const std::uint32_t ack = tcp.acknowledgment_number();
        while (!o.queue.empty() || (o.fin && seq_lt(o.next, o.fin_seq))) {
            const std::uint32_t to = o.queue.empty() ? o.fin_seq : o.queue.front().seq;
            if (!seq_lt(o.next, to) || !seq_le(to, ack)) break;
            skip_hole(c, 1 - i == 0 ? tcp_direction::a_to_b : tcp_direction::b_to_a);
        }
    }
    if (c.sides[0].done() && c.sides[1].done()) close(it, tcp_close_reason::fin);
}

template <class Handler>
void tcp_reassembler<Handler>::expire(std::uint64_t now) {
    while (!connections_.empty()) {
        const connection& c = connections_.front();
        if (now < c.info.last_seen || now - c.info.last_seen < config_.idle_timeout) break;
        close(connections_.begin(), tcp_close_reason::timeout);
    }
}

template <class Handler>
void tcp_reassembler<Handler>::close_all() {
    while (!connections_.empty()) close(connections_.begin(), tcp_close_reason::shutdown);
}

} // namespace ipwire
#endif // IPWIRE_HAS_REASSEMBLY
