// tcp_reassembler: TCP segments in, each direction's byte stream out, in
// order and once, in a memory budget (issue 16).
//
//     struct sink : ipwire::tcp_stream_events {
//         void on_data(const ipwire::tcp_stream_info&, ipwire::tcp_direction, ipwire::bytes_view b) { ... }
//     } s;
//     ipwire::tcp_reassembler<sink> r(s);
//     r.add(ip, tcp, record.timestamp);   // ip_packet_view, tcp_segment_view
//     r.close_all();                      // at the end of the capture
//
// Both directions of a connection share one entry keyed by the flow_key's
// canonical form; direction a_to_b runs from the canonical key's source.
// A connection opens on a SYN or on the first segment with data (a capture
// that starts mid-stream) and closes on FIN from both sides, on RST, after
// an idle time-out, on eviction, or with close_all().
//
// Why callbacks rather than a pull API: data that arrives in order (nearly
// all of it) goes to the handler straight from the caller's packet, copied
// nowhere; a pull API would have to keep it until asked, and that memory
// would count against the budget for nothing. Only segments that arrive
// ahead of a gap are copied, and only until the gap fills or is skipped.
//
// Sequence numbers compare in serial arithmetic (RFC 1982, RFC 9293 section
// 3.4), so streams wrap past 2^32 freely. A gap the capture never fills (it
// dropped the packet) does not stall the stream: it is skipped, and
// on_hole() says how many bytes, when the peer acknowledges data beyond it,
// when the connection's out-of-order data reaches its budget, when the
// total budget is short, or when the connection closes.
//
// Overlaps: bytes already delivered are never delivered again (a
// retransmission is counted, not compared: delivered bytes are not kept).
// Among bytes still waiting, tcp_overlap_policy picks the first or the last
// copy, and on_conflict() reports every overlapped range whose bytes differ.
//
// Memory: every byte comes from the memory_resource given (default: the
// global one) through a counter, and live bytes never exceed memory_budget.
// Costs, measured on 64-bit libstdc++ 12: per connection 240 bytes (216 of
// state, list links) plus at least two 56-byte index slots (the index is
// at most half full and does not shrink); per waiting (out-of-order)
// segment its bytes plus a 40-byte record in a vector that grows by
// doubling; in-order data nothing (handed over from the caller's packet);
// a hole nothing (it is a distance between sequence numbers).
#pragma once

// IPWIRE_HAS_REASSEMBLY: 0 where the standard library lacks <memory_resource> (libc++ before 16)
#include "ipwire/detail/reassembly_memory.hpp"
#include "ipwire/detail/text_value.hpp"
#if IPWIRE_HAS_REASSEMBLY

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ipwire/detail/flow_map.hpp"
#include "ipwire/detail/reassembly_memory.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/flow.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/ip.hpp"
#include "ipwire/wire/tcp.hpp"

namespace ipwire {

// From the canonical key's source to its destination, or back.
enum class tcp_direction : std::uint8_t { a_to_b, b_to_a };

enum class tcp_overlap_policy : std::uint8_t {
    first, // bytes waiting stay; a later copy only fills gaps
    last,  // a later copy replaces bytes waiting
};

enum class tcp_close_reason : std::uint8_t {
    fin,      // both directions sent FIN and every byte before it was delivered
    rst,      // a reset
    timeout,  // idle longer than idle_timeout
    evicted,  // the least recently active connection, closed to make room
    reused,   // a SYN with another initial sequence number: a new connection on the same ports
    shutdown, // close_all()
};

[[nodiscard]] constexpr std::string_view to_string(tcp_direction d) noexcept {
    return d == tcp_direction::a_to_b ? "a-to-b" : "b-to-a";
}
[[nodiscard]] constexpr std::string_view to_string(tcp_overlap_policy p) noexcept {
    return p == tcp_overlap_policy::first ? "first" : "last";
}
[[nodiscard]] constexpr std::string_view to_string(tcp_close_reason r) noexcept {
    switch (r) {
    case tcp_close_reason::fin: return "fin";
    case tcp_close_reason::rst: return "rst";
    case tcp_close_reason::timeout: return "timeout";
    case tcp_close_reason::evicted: return "evicted";
    case tcp_close_reason::reused: return "reused";
    case tcp_close_reason::shutdown: return "shutdown";
    }
    return "";
}

namespace detail { // formattable by format.hpp, fmt.hpp and ostream.hpp
template <>
inline constexpr bool is_text_enum<tcp_close_reason> = true;
} // namespace detail

// Serial number arithmetic on 32-bit sequence numbers (RFC 1982 section 3.2).
[[nodiscard]] constexpr bool seq_lt(std::uint32_t a, std::uint32_t b) noexcept {
    return a != b && static_cast<std::uint32_t>(b - a) < 0x80000000U;
}
[[nodiscard]] constexpr bool seq_le(std::uint32_t a, std::uint32_t b) noexcept { return a == b || seq_lt(a, b); }

// What the handler sees of a connection.
struct tcp_stream_info {
    flow_key key{};                            // canonical: source is side a
    std::optional<tcp_direction> client{};     // the direction of the first SYN without ACK, if seen
    std::array<std::uint64_t, 2> delivered{};  // bytes handed to on_data, by direction
    std::array<std::uint64_t, 2> hole_bytes{}; // bytes skipped, by direction
    std::uint64_t first_seen = 0;
    std::uint64_t last_seen = 0;
};

// No-op handlers to inherit from; a handler defines what it needs.
struct tcp_stream_events {
    void on_data(const tcp_stream_info&, tcp_direction, bytes_view) {}
    void on_hole(const tcp_stream_info&, tcp_direction, std::uint32_t /*bytes*/) {}
    // Bytes [seq, seq + bytes) arrived twice, differently, before delivery.
    void on_conflict(const tcp_stream_info&, tcp_direction, std::uint32_t /*seq*/, std::uint32_t /*bytes*/) {}
    void on_close(const tcp_stream_info&, tcp_close_reason) {}
};

struct tcp_reassembly_config {
    tcp_overlap_policy policy = tcp_overlap_policy::first;
    std::size_t memory_budget = std::size_t{64} << 20U;
    // Out-of-order bytes one connection may keep (both directions); past it
    // the oldest gap is skipped.
    std::size_t connection_budget = std::size_t{1} << 20U;
    std::uint64_t idle_timeout = 300'000'000'000; // nanoseconds of capture time
};

struct tcp_reassembly_counters {
    std::uint64_t segments = 0;
    std::uint64_t ignored = 0;             // no connection to go to: a pure ACK, a FIN or RST of none
    std::uint64_t connections = 0;         // opened
    std::array<std::uint64_t, 6> closed{}; // by tcp_close_reason
    std::uint64_t delivered_bytes = 0;
    std::uint64_t holes = 0;
    std::uint64_t hole_bytes = 0;
    std::uint64_t retransmitted_bytes = 0; // arrived again after delivery
    std::uint64_t conflicting_bytes = 0;
    std::uint64_t after_fin_bytes = 0; // data past a FIN, dropped
    [[nodiscard]] constexpr std::uint64_t closes(tcp_close_reason r) const noexcept {
        return closed.at(static_cast<std::size_t>(r));
    }
};

template <class Handler>
class tcp_reassembler {
public:
    explicit tcp_reassembler(Handler& handler, const tcp_reassembly_config& config = {},
                             std::pmr::memory_resource* upstream = std::pmr::get_default_resource())
        : handler_(handler), config_(config), memory_(upstream), connections_(&memory_),
          index_(detail::sip_key{}, std::pmr::polymorphic_allocator<std::pair<flow_key, iterator>>(&memory_)) {}
    tcp_reassembler(const tcp_reassembler&) = delete;
    tcp_reassembler& operator=(const tcp_reassembler&) = delete;
    tcp_reassembler(tcp_reassembler&&) = delete;
    tcp_reassembler& operator=(tcp_reassembler&&) = delete;
    // Closes nothing: call close_all() to hear the end of every connection.
    ~tcp_reassembler() = default;

    // One segment and the IP packet around it, with the capture time in
    // nanoseconds. Idle connections time out first.
    void add(const ip_packet_view& ip, const tcp_segment_view& tcp, std::uint64_t now);
    void expire(std::uint64_t now);
    // Delivers what waits (over holes) and closes every connection: at the end of a capture.
    void close_all();

    [[nodiscard]] const tcp_reassembly_counters& counters() const noexcept { return counters_; }
    [[nodiscard]] std::size_t connections() const noexcept { return connections_.size(); }
    [[nodiscard]] std::size_t memory_used() const noexcept { return memory_.live(); }
    [[nodiscard]] std::size_t memory_peak() const noexcept { return memory_.peak(); }

private:
    struct waiting {
        explicit waiting(std::pmr::memory_resource* m) : data(m) {}
        std::uint32_t seq = 0;
        std::pmr::vector<std::uint8_t> data;
    };
    struct side {
        explicit side(std::pmr::memory_resource* m) : queue(m) {}
        bool started = false; // next is known
        bool syn = false;
        std::uint32_t isn = 0;
        std::uint32_t next = 0; // the next byte to deliver
        bool fin = false;
        std::uint32_t fin_seq = 0;       // the FIN's sequence number
        std::size_t queued = 0;          // bytes waiting
        std::pmr::vector<waiting> queue; // sorted, disjoint, all after next
        [[nodiscard]] bool done() const noexcept { return fin && next == fin_seq; }
    };
    struct connection {
        explicit connection(std::pmr::memory_resource* m) : sides{side(m), side(m)} {}
        tcp_stream_info info;
        std::array<side, 2> sides;
    };
    using list = std::pmr::list<connection>;
    using iterator = typename list::iterator;
    using index_slot = std::optional<std::pair<flow_key, iterator>>;

    static constexpr std::size_t waiting_floor = 4;

    void deliver(connection& c, tcp_direction d, bytes_view data);
    void drain(connection& c, tcp_direction d);
    void skip_hole(connection& c, tcp_direction d);
    void flush(connection& c, tcp_direction d); // every waiting byte out, over holes
    void close(iterator it, tcp_close_reason r);
    bool make_room(std::size_t need, iterator keep);
    void hold(iterator it, tcp_direction d, std::uint32_t seq, bytes_view data);
    void take(iterator it, tcp_direction d, std::uint32_t seq, bytes_view payload);

    Handler& handler_;
    tcp_reassembly_config config_;
    detail::counting_resource memory_;
    list connections_; // least recently active first
    detail::flow_map<iterator, std::pmr::polymorphic_allocator<std::pair<flow_key, iterator>>> index_;
    tcp_reassembly_counters counters_;
};

} // namespace ipwire

#include "ipwire/detail/reassembly_tcp_impl.hpp"
#endif // IPWIRE_HAS_REASSEMBLY
