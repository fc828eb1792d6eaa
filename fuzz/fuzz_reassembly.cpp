// fuzz_reassembly (issue 16): the input drives a cut of a known payload into
// IP fragments (byte 0 bit 0 clear) or TCP segments (set): where to cut, the
// order, duplicates, overlapping copies with changed bytes, lost pieces, the
// policy, the family and the budgets. Then the input's tail is fed as raw IP
// packets too.
//
// Properties: memory never exceeds the budget (the reassembler's own count
// and a counting upstream agree); nothing stays allocated after destruction;
// every byte handed out equals the original wherever no changed copy covers
// it; without lost pieces or changed copies, and with room, the datagram or
// stream comes out whole, once, with no hole.
#include "fuzz_common.hpp"

#include <ipwire/reassembly/ip_fragments.hpp>
#include <ipwire/reassembly/tcp_stream.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/tcp.hpp>

#include <cstddef>
#include <cstdint>

#if IPWIRE_HAS_REASSEMBLY // not on libc++ before 16: no <memory_resource>
#include <memory_resource>
#include <utility>
#include <vector>

namespace {

using bytes = std::vector<std::uint8_t>;

class counting_upstream final : public std::pmr::memory_resource {
public:
    std::size_t live = 0;
    std::size_t peak = 0;

private:
    void* do_allocate(std::size_t n, std::size_t a) override {
        live += n;
        if (live > peak) peak = live;
        return std::pmr::new_delete_resource()->allocate(n, a);
    }
    void do_deallocate(void* p, std::size_t n, std::size_t a) override {
        live -= n;
        std::pmr::new_delete_resource()->deallocate(p, n, a);
    }
    [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& o) const noexcept override { return this == &o; }
};

// Reads the input a byte at a time; zeros when it runs out.
class reader {
public:
    reader(const std::uint8_t* d, std::size_t n) : data_(d), size_(n) {}
    std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
    std::uint16_t u16() { return static_cast<std::uint16_t>(byte() << 8U | byte()); }
    [[nodiscard]] bool done() const { return at_ >= size_; }
    [[nodiscard]] ipwire::bytes_view rest() const { return {data_ + at_, size_ - at_}; }
    void skip(std::size_t n) { at_ = at_ + n < size_ ? at_ + n : size_; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

void put16(bytes& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8U);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xFFU);
}

// The original payload: a pattern, so a misplaced byte shows.
bytes original(std::size_t n, std::uint8_t salt) {
    bytes p(n);
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::uint8_t>((i * 7 + salt) % 251);
    return p;
}

struct piece {
    std::size_t start, end;
    bool changed;
};

// Cuts [0, n) into pieces of `unit`-multiples, then adds copies: the input
// decides lengths, duplicates, overlapping copies, changed bytes, losses and order.
std::vector<piece> cut(reader& in, std::size_t n, std::size_t unit, bool& lost, bool& changed, bool& reshaped) {
    std::vector<piece> out;
    for (std::size_t at = 0; at < n;) {
        std::size_t len = (in.byte() % 8 + 1) * unit;
        if (at + len > n) len = n - at;
        out.push_back({at, at + len, false});
        at += len;
    }
    const std::size_t extra = in.byte() % 8;
    for (std::size_t i = 0; i < extra && !out.empty(); ++i) {
        const std::uint8_t how = in.byte();
        piece p = out[in.byte() % out.size()];
        if ((how & 1U) != 0 && p.end + unit <= n) { // overlapping, longer
            p.end += unit;
            reshaped = true;
        }
        if ((how & 2U) != 0 && p.start >= unit) {
            p.start -= unit;
            reshaped = true;
        }
        p.changed = (how & 4U) != 0;
        changed = changed || p.changed;
        out.push_back(p);
    }
    if (!out.empty() && (in.byte() & 0x0FU) == 0) { // lose one
        out.erase(out.begin() + static_cast<std::ptrdiff_t>(in.byte() % out.size()));
        lost = true;
    }
    for (std::size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[in.byte() % i]);
    return out;
}

// Which bytes some changed copy covers.
std::vector<bool> changed_mask(const std::vector<piece>& pieces, std::size_t n) {
    std::vector<bool> m(n, false);
    for (const piece& p : pieces)
        if (p.changed)
            for (std::size_t i = p.start; i < p.end; ++i) m[i] = true;
    return m;
}

void fuzz_ip(reader& in, std::uint8_t mode, counting_upstream& upstream) {
    const bool v6 = (mode & 2U) != 0;
    const auto policy = static_cast<ipwire::ip_overlap_policy>((mode >> 2U) % 6);
    const std::size_t budget = 2048 + std::size_t{in.u16()} * 4;
    ipwire::ip_reassembler r(
        {.policy = policy, .memory_budget = budget, .max_fragments = std::size_t{16} + in.byte() % 64U}, &upstream);
    const std::size_t n = 8 + in.u16() % 3000;
    const bytes payload = original(n, mode);
    bool lost = false;
    bool changed = false;
    bool reshaped = false;
    const auto pieces = cut(in, n, 8, lost, changed, reshaped);
    const auto mask = changed_mask(pieces, n);
    bool whole = false;
    bool any_fragment = false;
    std::uint64_t now = 0;
    for (const piece& p : pieces) {
        bytes f(v6 ? 48 : 20, 0);
        const bool more = p.end != n;
        any_fragment = any_fragment || more || p.start != 0; // [0, n) alone is a whole packet
        if (v6) {
            f[0] = 0x60;
            f[6] = 44;
            f[23] = 1;
            f[39] = 2;
            f[40] = 59; // No Next Header: nothing for RFC 7112 to require
            put16(f, 42, p.start | (more ? 1U : 0U));
            f[47] = 9;
        } else {
            f[0] = 0x45;
            f[9] = 17;
            put16(f, 4, 9);
            put16(f, 6, (more ? 0x2000U : 0U) | p.start / 8);
            f[15] = 1;
            f[19] = 2;
        }
        for (std::size_t i = p.start; i < p.end; ++i)
            f.push_back(static_cast<std::uint8_t>(p.changed ? payload[i] ^ 0x5AU : payload[i]));
        put16(f, v6 ? 4 : 2, v6 ? f.size() - 40 : f.size());
        const auto ip = ipwire::ip_packet_view::parse(f);
        IPWIRE_FUZZ_CHECK(ip.has_value());
        const auto out = r.add(*ip, now += in.byte() % 4 * 1'000'000'000ULL);
        IPWIRE_FUZZ_CHECK(r.memory_used() <= budget && upstream.peak <= budget && upstream.live == r.memory_used());
        if (!more && p.start == 0)
            IPWIRE_FUZZ_CHECK(out.status == ipwire::ip_fragment_status::not_fragment &&
                              out.datagram.size() == f.size());
        if (out.status != ipwire::ip_fragment_status::reassembled) continue;
        // (copies after completion may start and complete the datagram again: each must hold)
        whole = true;
        const auto d = ipwire::ip_packet_view::parse(out.datagram);
        IPWIRE_FUZZ_CHECK(d.has_value() && !d->is_fragment());
        const std::size_t header = v6 ? 40 : 20;
        IPWIRE_FUZZ_CHECK(out.datagram.size() == header + n);
        for (std::size_t i = 0; i < n; ++i) IPWIRE_FUZZ_CHECK(mask[i] || out.datagram[header + i] == payload[i]);
    }
    // Enough room for the whole datagram twice over and nothing lost or
    // changed (for IPv6 no overlap either, RFC 5722): it completes.
    if (any_fragment && !lost && !changed && !(v6 && reshaped) && budget > 4 * n + 8192 && now < 30'000'000'000ULL &&
        pieces.size() <= 8)
        IPWIRE_FUZZ_CHECK(whole);
    // Then the rest as raw packets: no crash, the budget holds.
    while (!in.done()) {
        const std::size_t len = in.byte();
        const ipwire::bytes_view raw = in.rest().first(len < in.rest().size() ? len : in.rest().size());
        in.skip(raw.size());
        if (const auto ip = ipwire::ip_packet_view::parse(raw)) r.add(*ip, now);
        IPWIRE_FUZZ_CHECK(r.memory_used() <= budget && upstream.peak <= budget);
    }
}

struct stream_check : ipwire::tcp_stream_events {
    const bytes* payload = nullptr;
    const std::vector<bool>* mask = nullptr;
    std::size_t position = 0; // delivered plus skipped, side a
    std::uint64_t holes = 0;
    void on_data(const ipwire::tcp_stream_info&, ipwire::tcp_direction d, ipwire::bytes_view b) {
        IPWIRE_FUZZ_CHECK(d == ipwire::tcp_direction::a_to_b);
        IPWIRE_FUZZ_CHECK(position + b.size() <= payload->size());
        for (std::size_t i = 0; i < b.size(); ++i)
            IPWIRE_FUZZ_CHECK((*mask)[position + i] || b[i] == (*payload)[position + i]);
        position += b.size();
    }
    void on_hole(const ipwire::tcp_stream_info&, ipwire::tcp_direction, std::uint32_t n) {
        position += n;
        holes += n;
    }
};

void fuzz_tcp(reader& in, std::uint8_t mode, counting_upstream& upstream) {
    const auto policy = (mode & 2U) != 0 ? ipwire::tcp_overlap_policy::last : ipwire::tcp_overlap_policy::first;
    const std::size_t budget = 4096 + std::size_t{in.u16()} * 8;
    const std::size_t per_connection = 64 + std::size_t{in.u16()};
    const std::uint32_t isn = static_cast<std::uint32_t>(in.u16()) << 16U | 0xFF00U; // near a wrap often
    const std::size_t n = 1 + in.u16() % 4000;
    const bytes payload = original(n, mode);
    bool lost = false;
    bool changed = false;
    bool reshaped = false;
    const auto pieces = cut(in, n, std::size_t{8} + in.byte() % 64U, lost, changed, reshaped);
    const auto mask = changed_mask(pieces, n);
    stream_check check;
    check.payload = &payload;
    check.mask = &mask;
    {
        ipwire::tcp_reassembler<stream_check> r(
            check, {.policy = policy, .memory_budget = budget, .connection_budget = per_connection}, &upstream);
        const auto send = [&](std::uint32_t seq, ipwire::tcp_flags flags, const bytes& data) {
            bytes s(40, 0);
            s[0] = 0x45;
            s[9] = 6;
            s[15] = 1;
            s[19] = 2;
            put16(s, 20, 1000);
            put16(s, 22, 80);
            put16(s, 24, seq >> 16U);
            put16(s, 26, seq & 0xFFFFU);
            s[32] = 0x50;
            s[33] = static_cast<std::uint8_t>(flags.value());
            s.insert(s.end(), data.begin(), data.end());
            put16(s, 2, s.size());
            const auto ip = ipwire::ip_packet_view::parse(s);
            IPWIRE_FUZZ_CHECK(ip.has_value());
            const auto t = ipwire::tcp_segment_view::parse(ip->payload());
            IPWIRE_FUZZ_CHECK(t.has_value());
            r.add(*ip, *t, 0);
            IPWIRE_FUZZ_CHECK(r.memory_used() <= budget && upstream.peak <= budget && upstream.live == r.memory_used());
        };
        send(isn, ipwire::tcp_flags::syn, {});
        for (const piece& p : pieces) {
            bytes data;
            for (std::size_t i = p.start; i < p.end; ++i)
                data.push_back(static_cast<std::uint8_t>(p.changed ? payload[i] ^ 0x5AU : payload[i]));
            send(static_cast<std::uint32_t>(isn + 1 + p.start), ipwire::tcp_flags::ack, data);
        }
        send(static_cast<std::uint32_t>(isn + 1 + n), ipwire::tcp_flags::fin | ipwire::tcp_flags::ack, {});
        r.close_all();
        IPWIRE_FUZZ_CHECK(r.connections() == 0);
    }
    // Every byte is accounted for: delivered, or skipped over a hole.
    IPWIRE_FUZZ_CHECK(check.position == n || (lost && check.position <= n));
    if (!lost && !changed && budget >= 2 * n + 8192 && per_connection >= n) IPWIRE_FUZZ_CHECK(check.holes == 0);
}

} // namespace
#endif // IPWIRE_HAS_REASSEMBLY

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
#if !IPWIRE_HAS_REASSEMBLY
    (void)data;
    (void)size;
    return 0;
#else
    const ipwire_fuzz::exact_copy copy(data, size);
    reader in(copy.data(), copy.size());
    const std::uint8_t mode = in.byte();
    counting_upstream upstream;
    if ((mode & 1U) == 0)
        fuzz_ip(in, mode, upstream);
    else
        fuzz_tcp(in, mode, upstream);
    IPWIRE_FUZZ_CHECK(upstream.live == 0);
    return 0;
#endif
}
