// ip_reassembler: IPv4 (RFC 791 section 3.2) and IPv6 (RFC 8200 section 4.5)
// fragments in, whole datagrams out, in a memory budget.
//
//     ipwire::ip_reassembler r({.memory_budget = 1 << 20});
//     auto out = r.add(ip_packet, record.timestamp);       // an ip_packet_view
//     if (out.status == ipwire::ip_fragment_status::reassembled)
//         use(ipwire::decode(out.datagram, ipwire::link_type::raw));
//
// A datagram is keyed by source, destination, protocol and identification
// (RFC 791; RFC 8200 section 4.5 keys IPv6 by source, destination and
// identification only, so there the key's protocol is always 44). The key
// is a flow_key whose ports carry the identification, so the index is the
// flow map the rest of ipwire uses (SipHash, no allocation per lookup).
//
// Out of order and duplicated fragments are fine. IPv4 overlaps resolve by
// ip_overlap_policy (detail/reassembly_pieces.hpp); an IPv6 overlap drops
// the datagram and every fragment held (RFC 5722, RFC 8200 section 4.5), but
// an exact duplicate only drops itself (RFC 8200 allows it). An IPv6 atomic
// fragment (offset 0, M clear) is a whole packet, passed on (RFC 6946).
//
// Nothing is dropped silently: add() says what became of its fragment, the
// counters count every outcome, and a datagram given up later (time-out,
// eviction) reaches the drop handler. The datagram add() hands out lives in
// the reassembler until the next call.
//
// Memory: every byte comes from the memory_resource given (default: the
// global one) through a counter, and live bytes never exceed memory_budget;
// to make room the oldest datagram is evicted first. Costs, measured on
// 64-bit libstdc++ 12: per datagram 192 bytes (168 of state, list links)
// plus at least two 56-byte index slots (the index is at most half full
// and does not shrink); per fragment its data bytes, in a per-datagram
// arena that grows by doubling (so up to twice the data), and a 20-byte
// piece record; the unfragmentable header once; the datagram handed out,
// until the next call.
#pragma once

// IPWIRE_HAS_REASSEMBLY: 0 where the standard library lacks <memory_resource> (libc++ before 16)
#include "ipwire/detail/text_value.hpp"
#include "ipwire/detail/reassembly_memory.hpp"
#if IPWIRE_HAS_REASSEMBLY

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "ipwire/detail/bytes.hpp"
#include "ipwire/detail/flow_map.hpp"
#include "ipwire/detail/reassembly_memory.hpp"
#include "ipwire/detail/reassembly_pieces.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/flow.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/port.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ip.hpp"

namespace ipwire {

// Why a fragment or a datagram was dropped.
enum class ip_fragment_drop : std::uint8_t {
    truncated,          // the capture cut the fragment (snap length): its data is not all here
    bad_fragment,       // M set but data not a multiple of 8 (RFC 8200 section 4.5), or no data
    too_long,           // data past 65535 bytes of datagram (the "ping of death")
    tiny_fragment,      // RFC 1858: a TCP first fragment under 20 bytes, or a TCP fragment at offset 8
    incomplete_chain,   // an IPv6 first fragment without the whole header chain (RFC 8200 4.5, RFC 7112)
    duplicate,          // repeats bytes held, changing none
    overlap,            // IPv6: overlapping fragments (RFC 5722); the whole datagram goes
    conflicting_end,    // a second last fragment with another end, or data past the end
    too_many_fragments, // more pieces than max_fragments allows
    timed_out,          // not complete within the time-out of its first fragment
    evicted,            // the oldest datagram, dropped to make room for newer ones
    over_budget,        // does not fit in the budget even alone
};
inline constexpr std::size_t ip_fragment_drop_count = 12;

[[nodiscard]] constexpr std::string_view to_string(ip_fragment_drop d) noexcept {
    switch (d) {
    case ip_fragment_drop::truncated: return "truncated";
    case ip_fragment_drop::bad_fragment: return "bad-fragment";
    case ip_fragment_drop::too_long: return "too-long";
    case ip_fragment_drop::tiny_fragment: return "tiny-fragment";
    case ip_fragment_drop::incomplete_chain: return "incomplete-chain";
    case ip_fragment_drop::duplicate: return "duplicate";
    case ip_fragment_drop::overlap: return "overlap";
    case ip_fragment_drop::conflicting_end: return "conflicting-end";
    case ip_fragment_drop::too_many_fragments: return "too-many-fragments";
    case ip_fragment_drop::timed_out: return "timed-out";
    case ip_fragment_drop::evicted: return "evicted";
    case ip_fragment_drop::over_budget: return "over-budget";
    }
    return "";
}

namespace detail { // formattable by format.hpp, fmt.hpp and ostream.hpp
template <>
inline constexpr bool is_text_enum<ip_fragment_drop> = true;
} // namespace detail

enum class ip_fragment_status : std::uint8_t {
    not_fragment, // a whole packet (or an IPv6 atomic fragment): datagram is the packet itself
    held,         // kept, the datagram is not complete yet
    reassembled,  // this fragment completed the datagram: datagram holds it
    dropped,      // see reason
};

struct ip_fragment_result {
    ip_fragment_status status = ip_fragment_status::not_fragment;
    ip_fragment_drop reason{}; // when dropped
    bytes_view datagram{};     // when not_fragment or reassembled
};

// A datagram given up after its fragments were held: what the handler sees.
struct ip_datagram_drop {
    ip_fragment_drop reason{};
    flow_key key{};              // source, destination, protocol; identification in the ports
    std::uint32_t fragments = 0; // fragments it had accepted
    std::uint32_t bytes = 0;     // data bytes it held
};

struct ip_reassembly_config {
    ip_overlap_policy policy = ip_overlap_policy::bsd; // frag3's default
    // Nanoseconds from a datagram's first fragment (RFC 791 leaves the value
    // open, Linux's ipfrag_time is 30 s; RFC 8200 section 4.5 says 60 s).
    std::uint64_t timeout_v4 = 30'000'000'000;
    std::uint64_t timeout_v6 = 60'000'000'000;
    std::size_t memory_budget = std::size_t{4} << 20U; // frag3's memcap
    // Pieces of data a datagram may hold (overlaps can split pieces), at most max_fragments_limit.
    std::size_t max_fragments = 64;
};

struct ip_reassembly_counters {
    std::uint64_t fragments = 0;                                 // fragments given to add()
    std::uint64_t reassembled = 0;                               // datagrams completed
    std::uint64_t atomic_fragments = 0;                          // RFC 6946, passed on whole
    std::uint64_t overlaps = 0;                                  // IPv4 fragments that overlapped held data
    std::uint64_t conflicting_bytes = 0;                         // overlapped bytes that differed (either family)
    std::array<std::uint64_t, ip_fragment_drop_count> dropped{}; // by reason: fragments, or datagrams for
                                                                 // timed_out, evicted, overlap
    [[nodiscard]] constexpr std::uint64_t drops(ip_fragment_drop d) const noexcept {
        return dropped.at(static_cast<std::size_t>(d));
    }
};

class ip_reassembler {
public:
    static constexpr std::size_t max_fragments_limit = 256;

    explicit ip_reassembler(const ip_reassembly_config& config = {},
                            std::pmr::memory_resource* upstream = std::pmr::get_default_resource())
        : config_(config), memory_(upstream), datagrams_(&memory_),
          index_(detail::sip_key{}, std::pmr::polymorphic_allocator<std::pair<flow_key, iterator>>(&memory_)),
          out_(&memory_) {
        if (config_.max_fragments > max_fragments_limit) config_.max_fragments = max_fragments_limit;
        if (config_.max_fragments < 1) config_.max_fragments = 1;
    }
    ip_reassembler(const ip_reassembler&) = delete;
    ip_reassembler& operator=(const ip_reassembler&) = delete;
    ip_reassembler(ip_reassembler&&) = delete;
    ip_reassembler& operator=(ip_reassembler&&) = delete;
    ~ip_reassembler() = default;

    // Called for each datagram given up after add() returned (time-out,
    // eviction, an IPv6 overlap); F is invocable with const ip_datagram_drop&.
    // The reassembler keeps a pointer: `handler` must outlive it (or be reset).
    template <class F>
    void on_drop(F& handler) noexcept {
        handler_context_ = &handler;
        handler_ = [](void* c, const ip_datagram_drop& d) { (*static_cast<F*>(c))(d); };
    }

    // One IP packet, with the capture time in nanoseconds (any epoch, the
    // same for every call). Time-outs are checked first, against `now`.
    ip_fragment_result add(const ip_packet_view& packet, std::uint64_t now);

    // Drops every datagram older than its time-out at `now` (add() does this too).
    void expire(std::uint64_t now);

    [[nodiscard]] const ip_reassembly_counters& counters() const noexcept { return counters_; }
    [[nodiscard]] std::size_t datagrams() const noexcept { return datagrams_.size(); }
    // Bytes allocated now, and the most ever: never above the budget.
    [[nodiscard]] std::size_t memory_used() const noexcept { return memory_.live(); }
    [[nodiscard]] std::size_t memory_peak() const noexcept { return memory_.peak(); }
    [[nodiscard]] const ip_reassembly_config& config() const noexcept { return config_; }

private:
    struct datagram {
        explicit datagram(std::pmr::memory_resource* m) : header(m), arena(m), pieces(m) {}
        flow_key key{};
        bool v6 = false;
        bool have_first = false;
        std::uint8_t first_next = 0; // IPv6: the first fragment's Fragment header next header
        std::uint32_t next_at = 0;   // IPv6: the byte of `header` that named the Fragment header
        std::uint32_t end = 0;       // data length, once the last fragment came
        bool have_end = false;
        std::uint32_t fragments = 0;
        std::uint32_t held = 0; // data bytes held
        std::uint64_t first_seen = 0;
        std::pmr::vector<std::uint8_t> header; // the first fragment's unfragmentable part
        std::pmr::vector<std::uint8_t> arena;  // every accepted fragment's data, appended
        std::pmr::vector<detail::data_piece> pieces;
    };
    using list = std::pmr::list<datagram>;
    using iterator = list::iterator;
    using index_slot = std::optional<std::pair<flow_key, iterator>>;

    // The fields of one fragment, from either family.
    struct fragment {
        flow_key key{};
        bool v6 = false;
        bool more = false;
        std::uint32_t offset = 0;
        bytes_view unfragmentable{}; // IPv4 header, or IPv6 header and the headers before Fragment
        std::uint32_t next_at = 0;
        std::uint8_t next_header = 0; // IPv4 protocol, or the Fragment header's next header
        bytes_view data{};
    };

    // nullopt with `drop` set, or not a fragment at all (drop unset).
    std::optional<fragment> read(const ip_packet_view& packet, std::optional<ip_fragment_drop>& drop) const noexcept;
    ip_fragment_result drop_fragment(ip_fragment_drop d) noexcept {
        ++counters_.dropped.at(static_cast<std::size_t>(d));
        return {ip_fragment_status::dropped, d, {}};
    }
    void give_up(iterator it, ip_fragment_drop d);
    // Evicts oldest datagrams other than `keep` until `need` more bytes fit.
    bool make_room(std::size_t need, iterator keep);
    ip_fragment_result insert(iterator it, const fragment& f);
    ip_fragment_result complete(iterator it);

    ip_reassembly_config config_;
    detail::counting_resource memory_;
    list datagrams_; // oldest first
    detail::flow_map<iterator, std::pmr::polymorphic_allocator<std::pair<flow_key, iterator>>> index_;
    std::pmr::vector<std::uint8_t> out_;
    ip_reassembly_counters counters_;
    void* handler_context_ = nullptr;
    void (*handler_)(void*, const ip_datagram_drop&) = nullptr;
};

} // namespace ipwire

#include "ipwire/detail/reassembly_ip_impl.hpp"
#endif // IPWIRE_HAS_REASSEMBLY
