// ip_reassembler (issue 16): IPv4 and IPv6 fragments built by hand, in order,
// reversed and duplicated; every overlap shape under every policy (the
// Novak/Paxson cases, as a table); RFC 5722 drops, RFC 6946 atomic fragments,
// RFC 1858 tiny fragments, bad lengths, ends that disagree, time-outs and a
// memory budget that a counting upstream resource checks from outside.
#include <ipwire/decode.hpp>
#include <ipwire/reassembly/ip_fragments.hpp>
#include <ipwire/wire/ip.hpp>

#include <doctest/doctest.h>

#if IPWIRE_HAS_REASSEMBLY // not on libc++ before 16: no <memory_resource>

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <vector>

using namespace ipwire;

namespace {

using bytes = std::vector<std::uint8_t>;

// An upstream resource that counts what the reassembler takes from it.
class counting_upstream final : public std::pmr::memory_resource {
public:
    std::size_t live = 0;
    std::size_t peak = 0;
    std::size_t allocations = 0;

private:
    void* do_allocate(std::size_t n, std::size_t a) override {
        ++allocations;
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

void put16(bytes& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8U);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xFFU);
}

bytes fill(std::size_t n, char c) { return bytes(n, static_cast<std::uint8_t>(c)); }

// An IPv4 fragment, 192.0.2.1 -> 192.0.2.2, with a correct header checksum.
bytes v4_fragment(std::uint16_t id, std::size_t offset, bool more, const bytes& data, std::uint8_t protocol = 17,
                  std::uint8_t last_octet = 1) {
    bytes b(20, 0);
    b[0] = 0x45;
    put16(b, 2, 20 + data.size());
    put16(b, 4, id);
    put16(b, 6, (more ? 0x2000U : 0U) | offset / 8);
    b[8] = 64;
    b[9] = protocol;
    b[12] = 192;
    b[14] = 2;
    b[15] = last_octet;
    b[16] = 192;
    b[18] = 2;
    b[19] = 2;
    put16(b, 10, internet_checksum(b));
    b.insert(b.end(), data.begin(), data.end());
    return b;
}

// An IPv6 fragment, 2001:db8::1 -> 2001:db8::2, behind an 8-byte hop-by-hop
// header (unfragmentable, RFC 8200 section 4.5) when `hop_by_hop`.
bytes v6_fragment(std::uint32_t id, std::size_t offset, bool more, const bytes& data, bool hop_by_hop = true,
                  std::uint8_t next = 17) {
    bytes b(40, 0);
    b[0] = 0x60;
    b[6] = hop_by_hop ? 0 : 44;
    b[7] = 64;
    b[8] = 0x20;
    b[9] = 0x01;
    b[10] = 0x0d;
    b[11] = 0xb8;
    b[23] = 1;
    for (std::size_t i = 0; i < 16; ++i) b[24 + i] = b[8 + i];
    b[39] = 2;
    if (hop_by_hop) b.insert(b.end(), {44, 0, 1, 4, 0, 0, 0, 0}); // PadN
    const bytes frag = {next,
                        0,
                        static_cast<std::uint8_t>(offset >> 8U),
                        static_cast<std::uint8_t>((offset & 0xF8U) | (more ? 1U : 0U)),
                        static_cast<std::uint8_t>(id >> 24U),
                        static_cast<std::uint8_t>(id >> 16U),
                        static_cast<std::uint8_t>(id >> 8U),
                        static_cast<std::uint8_t>(id)};
    b.insert(b.end(), frag.begin(), frag.end());
    b.insert(b.end(), data.begin(), data.end());
    put16(b, 4, b.size() - 40);
    return b;
}

ip_packet_view view(const bytes& b) { return ip_packet_view::parse(b).value(); }

// A UDP datagram of n bytes in all: ports 1234 -> 53, length, zero checksum
// (RFC 768: none), then bytes i % 251.
bytes udp_datagram(std::size_t n) {
    bytes u(n, 0);
    put16(u, 0, 1234);
    put16(u, 2, 53);
    put16(u, 4, n);
    for (std::size_t i = 8; i < n; ++i) u[i] = static_cast<std::uint8_t>(i % 251);
    return u;
}
bytes slice(const bytes& b, std::size_t from, std::size_t to) {
    return {b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(to)};
}

} // namespace

TEST_CASE("ip_reassembler: IPv4 in order, reversed, duplicated; the datagram decodes") {
    const bytes udp = udp_datagram(1000);
    const bytes f0 = v4_fragment(7, 0, true, slice(udp, 0, 400));
    const bytes f1 = v4_fragment(7, 400, true, slice(udp, 400, 800));
    const bytes f2 = v4_fragment(7, 800, false, slice(udp, 800, 1000));
    for (int order = 0; order < 3; ++order) {
        CAPTURE(order);
        ip_reassembler r;
        std::vector<const bytes*> seq;
        if (order == 0) seq = {&f0, &f1, &f2};
        if (order == 1) seq = {&f2, &f1, &f0};
        if (order == 2) seq = {&f1, &f1, &f2, &f2, &f0}; // duplicates held once
        ip_fragment_result last;
        for (std::size_t i = 0; i < seq.size(); ++i) {
            last = r.add(view(*seq[i]), 1000);
            if (i + 1 < seq.size())
                CHECK((last.status == ip_fragment_status::held || last.reason == ip_fragment_drop::duplicate));
        }
        REQUIRE(last.status == ip_fragment_status::reassembled);
        REQUIRE(last.datagram.size() == 1020);
        const auto ip = ipv4_packet_view::parse(last.datagram).value();
        CHECK(ip.total_length() == 1020);
        CHECK(!ip.more_fragments());
        CHECK(ip.fragment_offset() == 0);
        CHECK(ip.header_checksum_valid());
        CHECK(ip.identification() == 7);
        CHECK(bytes(ip.payload().begin(), ip.payload().end()) == udp);
        const auto d = decode(last.datagram, link_type::raw);
        REQUIRE(d.udp().has_value());
        CHECK(d.udp()->destination_port() == port(53));
        CHECK(d.payload().size() == 992);
        CHECK(r.datagrams() == 0);
        CHECK(r.counters().reassembled == 1);
        CHECK(r.counters().drops(ip_fragment_drop::duplicate) == (order == 2 ? 2U : 0U));
        CHECK(r.counters().fragments == seq.size());
    }
}

TEST_CASE("ip_reassembler: a whole packet and an atomic fragment pass through") {
    ip_reassembler r;
    const bytes whole = v4_fragment(1, 0, false, udp_datagram(40));
    auto out = r.add(view(whole), 0);
    CHECK(out.status == ip_fragment_status::not_fragment);
    CHECK(out.datagram.data() == whole.data());
    const bytes atomic = v6_fragment(9, 0, false, udp_datagram(40)); // RFC 6946
    out = r.add(view(atomic), 0);
    CHECK(out.status == ip_fragment_status::not_fragment);
    CHECK(out.datagram.size() == atomic.size());
    CHECK(r.counters().atomic_fragments == 1);
    CHECK(r.counters().fragments == 0);
    CHECK(r.datagrams() == 0);
}

// Original fragment [16, 40) of 'A'; a new one of 'B' in each shape; then the
// rest of [0, 56) to complete it. want[p] says whether B wins under policy p
// (order: first, last, bsd, linux, windows, solaris), per the rules in
// detail/reassembly_pieces.hpp.
TEST_CASE("ip_reassembler: IPv4 overlap shapes under each policy") {
    struct shape {
        const char* name;
        std::size_t start, end;
        bool want[6];
    };
    const shape shapes[] = {
        {"starts before, ends inside", 8, 24, {false, true, true, true, false, false}},
        {"starts inside, ends after", 32, 48, {false, true, false, false, false, false}},
        {"spans both sides", 8, 48, {false, true, true, true, true, true}},
        {"same extent", 16, 40, {false, true, false, true, false, false}},
        {"same start, longer", 16, 48, {false, true, false, true, false, false}},
        {"same start, shorter", 16, 24, {false, true, false, false, false, false}},
        {"starts before, same end", 8, 40, {false, true, true, true, false, true}},
        {"inside", 24, 32, {false, true, false, false, false, false}},
        {"starts inside, same end", 24, 40, {false, true, false, false, false, false}},
    };
    const ip_overlap_policy policies[] = {ip_overlap_policy::first,   ip_overlap_policy::last,
                                          ip_overlap_policy::bsd,     ip_overlap_policy::linux_kernel,
                                          ip_overlap_policy::windows, ip_overlap_policy::solaris};
    for (const shape& s : shapes) {
        for (std::size_t p = 0; p < 6; ++p) {
            CAPTURE(s.name);
            CAPTURE(to_string(policies[p]));
            ip_reassembler r({.policy = policies[p]});
            CHECK(r.add(view(v4_fragment(3, 16, true, fill(24, 'A'))), 0).status == ip_fragment_status::held);
            CHECK(r.add(view(v4_fragment(3, s.start, true, fill(s.end - s.start, 'B'))), 0).status ==
                  ip_fragment_status::held);
            const std::size_t lo = s.start < 16 ? s.start : 16;
            const std::size_t hi = s.end > 40 ? s.end : 40;
            if (lo > 0)
                CHECK(r.add(view(v4_fragment(3, 0, true, fill(lo, 'F'))), 0).status == ip_fragment_status::held);
            const auto out = r.add(view(v4_fragment(3, hi, false, fill(56 - hi, 'F'))), 0);
            REQUIRE(out.status == ip_fragment_status::reassembled);
            const auto data = ipv4_packet_view::parse(out.datagram).value().payload();
            REQUIRE(data.size() == 56);
            std::string got(data.begin(), data.end());
            std::string want(56, 'F');
            for (std::size_t i = 16; i < 40; ++i) want[i] = 'A';
            for (std::size_t i = s.start; i < s.end; ++i) {
                const bool overlapped = i >= 16 && i < 40;
                if (!overlapped || s.want[p]) want[i] = 'B';
            }
            CHECK(got == want);
            const std::size_t overlap = (s.end < 40 ? s.end : 40) - (s.start > 16 ? s.start : 16);
            CHECK(r.counters().overlaps == 1);
            CHECK(r.counters().conflicting_bytes == overlap);
        }
    }
}

TEST_CASE("ip_reassembler: a third fragment over two pieces, and overlaps that agree") {
    // first policy: the new fragment only fills the gap between two held ones
    ip_reassembler r({.policy = ip_overlap_policy::first});
    CHECK(r.add(view(v4_fragment(5, 0, true, fill(8, 'A'))), 0).status == ip_fragment_status::held);
    CHECK(r.add(view(v4_fragment(5, 16, false, fill(8, 'C'))), 0).status == ip_fragment_status::held);
    const auto out = r.add(view(v4_fragment(5, 0, true, fill(24, 'B'))), 0);
    REQUIRE(out.status == ip_fragment_status::reassembled);
    const auto data = ipv4_packet_view::parse(out.datagram).value().payload();
    CHECK(std::string(data.begin(), data.end()) == "AAAAAAAABBBBBBBBCCCCCCCC");
    CHECK(r.counters().conflicting_bytes == 16);
    // an overlap carrying the same bytes conflicts with nothing
    ip_reassembler same;
    CHECK(same.add(view(v4_fragment(6, 0, true, fill(16, 'A'))), 0).status == ip_fragment_status::held);
    CHECK(same.add(view(v4_fragment(6, 8, false, fill(16, 'A'))), 0).status == ip_fragment_status::reassembled);
    CHECK(same.counters().overlaps == 1);
    CHECK(same.counters().conflicting_bytes == 0);
}

TEST_CASE("ip_reassembler: IPv6 keeps the unfragmentable part, drops overlaps (RFC 5722)") {
    const bytes udp = udp_datagram(300);
    ip_reassembler r;
    std::vector<ip_datagram_drop> drops;
    auto handler = [&](const ip_datagram_drop& d) { drops.push_back(d); };
    r.on_drop(handler);
    const bytes f1 = v6_fragment(0xA1B2C3D4, 160, false, slice(udp, 160, 300));
    CHECK(r.add(view(f1), 0).status == ip_fragment_status::held);
    CHECK(r.add(view(f1), 0).reason == ip_fragment_drop::duplicate); // an exact duplicate alone goes
    const auto out = r.add(view(v6_fragment(0xA1B2C3D4, 0, true, slice(udp, 0, 160))), 0);
    REQUIRE(out.status == ip_fragment_status::reassembled);
    REQUIRE(out.datagram.size() == 40 + 8 + 300);
    const auto ip = ipv6_packet_view::parse(out.datagram).value();
    CHECK(ip.payload_length() == 308);
    CHECK(ip.next_header() == ip_protocol::ipv6_hop_by_hop);
    CHECK(!ip.fragment_header().has_value());
    CHECK(out.datagram[40] == 17); // hop-by-hop now names UDP
    const auto d = decode(out.datagram, link_type::raw);
    REQUIRE(d.udp().has_value());
    CHECK(d.udp()->source_port() == port(1234));
    CHECK(d.payload().size() == 292);

    // an overlap: the datagram and its fragments go, and the handler hears it
    CHECK(r.add(view(v6_fragment(77, 0, true, slice(udp, 0, 160), false)), 5).status == ip_fragment_status::held);
    const auto o = r.add(view(v6_fragment(77, 152, false, slice(udp, 152, 300), false)), 5);
    CHECK(o.status == ip_fragment_status::dropped);
    CHECK(o.reason == ip_fragment_drop::overlap);
    CHECK(r.datagrams() == 0);
    REQUIRE(drops.size() == 1);
    CHECK(drops[0].reason == ip_fragment_drop::overlap);
    CHECK(drops[0].fragments == 1);
    CHECK(drops[0].bytes == 160);
    CHECK(drops[0].key.destination().port() == port(77));
    CHECK(r.counters().drops(ip_fragment_drop::overlap) == 1);
}

TEST_CASE("ip_reassembler: fragments refused, each with its reason") {
    ip_reassembler r;
    auto reason = [&](const bytes& b) {
        const auto out = r.add(view(b), 0);
        CHECK(out.status == ip_fragment_status::dropped);
        return out.reason;
    };
    // RFC 1858: a TCP first fragment too short for the flags, a TCP fragment at offset 8
    CHECK(reason(v4_fragment(1, 0, true, fill(16, 'x'), 6)) == ip_fragment_drop::tiny_fragment);
    CHECK(reason(v4_fragment(1, 8, false, fill(40, 'x'), 6)) == ip_fragment_drop::tiny_fragment);
    // M set and a length not a multiple of 8; no data
    CHECK(reason(v4_fragment(2, 0, true, fill(12, 'x'))) == ip_fragment_drop::bad_fragment);
    CHECK(reason(v4_fragment(2, 8, false, {})) == ip_fragment_drop::bad_fragment);
    CHECK(reason(v6_fragment(2, 0, true, fill(12, 'x'))) == ip_fragment_drop::bad_fragment);
    // past 65535 bytes (the ping of death)
    CHECK(reason(v4_fragment(3, 65520, false, fill(16, 'x'))) == ip_fragment_drop::too_long);
    CHECK(reason(v6_fragment(3, 65520, false, fill(16, 'x'))) == ip_fragment_drop::too_long);
    // an IPv6 first fragment cut inside its UDP header (RFC 7112)
    CHECK(reason(v6_fragment(4, 0, true, {0, 0, 0, 0, 0, 0, 0, 0}, true, 60)) == ip_fragment_drop::incomplete_chain);
    // cut by the capture
    bytes cut = v4_fragment(5, 0, true, fill(64, 'x'));
    cut.resize(60);
    CHECK(reason(cut) == ip_fragment_drop::truncated);
    // two last fragments that disagree on the end, data past the end
    CHECK(r.add(view(v4_fragment(6, 16, false, fill(8, 'x'))), 0).status == ip_fragment_status::held);
    CHECK(reason(v4_fragment(6, 16, false, fill(16, 'x'))) == ip_fragment_drop::conflicting_end);
    CHECK(reason(v4_fragment(6, 24, true, fill(8, 'x'))) == ip_fragment_drop::conflicting_end);
    CHECK(r.counters().drops(ip_fragment_drop::tiny_fragment) == 2);
    CHECK(r.counters().drops(ip_fragment_drop::bad_fragment) == 3);
    CHECK(r.counters().drops(ip_fragment_drop::conflicting_end) == 2);
    CHECK(r.datagrams() == 1); // only datagram 6, its one good fragment
}

TEST_CASE("ip_reassembler: more pieces than max_fragments") {
    ip_reassembler r({.max_fragments = 4});
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(r.add(view(v4_fragment(1, 16 * i, true, fill(8, 'x'))), 0).status == ip_fragment_status::held);
    CHECK(r.add(view(v4_fragment(1, 200, true, fill(8, 'x'))), 0).reason == ip_fragment_drop::too_many_fragments);
}

TEST_CASE("ip_reassembler: time-outs from the first fragment, 30 s IPv4 and 60 s IPv6 by default") {
    ip_reassembler r;
    std::vector<ip_datagram_drop> drops;
    auto handler = [&](const ip_datagram_drop& d) { drops.push_back(d); };
    r.on_drop(handler);
    constexpr std::uint64_t s = 1'000'000'000;
    CHECK(r.add(view(v4_fragment(1, 0, true, fill(8, 'x'))), 100 * s).status == ip_fragment_status::held);
    CHECK(r.add(view(v6_fragment(1, 0, true, fill(8, 'x'))), 100 * s).status == ip_fragment_status::held);
    r.expire(130 * s - 1);
    CHECK(r.datagrams() == 2);
    r.expire(130 * s);
    CHECK(r.datagrams() == 1);
    REQUIRE(drops.size() == 1);
    CHECK(drops[0].reason == ip_fragment_drop::timed_out);
    CHECK(drops[0].key.source().address().is_v4());
    // a later fragment of the expired datagram starts a new one, which cannot complete from it
    CHECK(r.add(view(v4_fragment(1, 8, false, fill(8, 'x'))), 159 * s).status == ip_fragment_status::held);
    CHECK(r.datagrams() == 2);
    r.expire(160 * s);
    CHECK(r.datagrams() == 1); // IPv6 gone at 60 s, the new IPv4 one stays
    CHECK(drops.size() == 2);
    CHECK(r.counters().drops(ip_fragment_drop::timed_out) == 2);
}

TEST_CASE("ip_reassembler: the memory budget holds, the oldest goes first") {
    counting_upstream upstream;
    {
        constexpr std::size_t budget = 8192;
        ip_reassembler r({.memory_budget = budget}, &upstream);
        std::vector<ip_datagram_drop> drops;
        auto handler = [&](const ip_datagram_drop& d) { drops.push_back(d); };
        r.on_drop(handler);
        for (std::uint16_t id = 0; id < 64; ++id) {
            const auto out = r.add(view(v4_fragment(id, 0, true, fill(1000, 'x'))), id);
            CHECK(out.status == ip_fragment_status::held);
            CHECK(r.memory_used() <= budget);
            CHECK(upstream.live == r.memory_used());
        }
        CHECK(upstream.peak <= budget);
        CHECK(r.memory_peak() <= budget);
        REQUIRE(!drops.empty());
        CHECK(drops.size() + r.datagrams() == 64);
        for (std::size_t i = 0; i < drops.size(); ++i) { // oldest first
            CHECK(drops[i].reason == ip_fragment_drop::evicted);
            CHECK(drops[i].key.destination().port() == port(static_cast<std::uint16_t>(i)));
        }
        // a datagram larger than the budget alone is refused, reported
        const auto big = r.add(view(v4_fragment(999, 0, true, fill(9000, 'x'))), 100);
        CHECK(big.status == ip_fragment_status::dropped);
        CHECK(big.reason == ip_fragment_drop::over_budget);
        CHECK(upstream.peak <= budget);
        // still works after all that: a small datagram completes
        CHECK(r.add(view(v4_fragment(500, 0, true, fill(8, 'a'))), 100).status == ip_fragment_status::held);
        CHECK(r.add(view(v4_fragment(500, 8, false, fill(8, 'b'))), 100).status == ip_fragment_status::reassembled);
        CHECK(upstream.peak <= budget);
    }
    CHECK(upstream.live == 0); // nothing leaks
}
#endif // IPWIRE_HAS_REASSEMBLY
