// The byte ranges a datagram under reassembly holds (issue 16), and the
// overlap policies that decide, byte by byte, whether a new fragment's data
// replaces data already held. Disjoint pieces sorted by start; each piece
// remembers the extent of the fragment it came from, since the target-based
// policies compare fragments, not bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ipwire/detail/text_value.hpp"

namespace ipwire {

// How IPv4 overlaps resolve (IPv6 has none: RFC 5722 drops the datagram).
// Target-based reassembly (Novak, "Target-Based Fragmentation Reassembly",
// Sourcefire 2005; Shankar and Paxson, "Active Mapping", 2003) reassembles
// as the protected host would; Snort's frag3 and Suricata's defrag name the
// policies this way. Each is one rule over the new fragment [ns, ne) and the
// fragment [os, oe) that an overlapped byte came from, read off Suricata's
// defrag.c (DefragInsertFrag, with its offset-order copy): the new byte wins
//   first:        never (the original is kept: HP-UX 11, MacOS, old Solaris)
//   last:         always (Cisco IOS)
//   bsd:          ns < os (the fragment that starts lower; ties keep the original)
//   linux_kernel: ns < os, or ns == os and ne >= oe
//   windows:      ns < os and ne > oe (only a new fragment that spans the
//                 original on both sides)
//   solaris:      ns < os and ne >= oe
// "bsd-right" (HP JetDirect) is not offered: no source we could check
// defines it (Suricata lists it as to do).
enum class ip_overlap_policy : std::uint8_t { first, last, bsd, linux_kernel, windows, solaris };

[[nodiscard]] constexpr std::string_view to_string(ip_overlap_policy p) noexcept {
    switch (p) {
    case ip_overlap_policy::first: return "first";
    case ip_overlap_policy::last: return "last";
    case ip_overlap_policy::bsd: return "bsd";
    case ip_overlap_policy::linux_kernel: return "linux";
    case ip_overlap_policy::windows: return "windows";
    case ip_overlap_policy::solaris: return "solaris";
    }
    return "";
}

namespace detail { // formattable by format.hpp, fmt.hpp and ostream.hpp
template <>
inline constexpr bool is_text_enum<ip_overlap_policy> = true;
} // namespace detail

// Whether a byte of the new fragment [ns, ne) replaces one that came from [os, oe).
[[nodiscard]] constexpr bool new_fragment_wins(ip_overlap_policy p, std::uint32_t ns, std::uint32_t ne,
                                               std::uint32_t os, std::uint32_t oe) noexcept {
    switch (p) {
    case ip_overlap_policy::first: return false;
    case ip_overlap_policy::last: return true;
    case ip_overlap_policy::bsd: return ns < os;
    case ip_overlap_policy::linux_kernel: return ns < os || (ns == os && ne >= oe);
    case ip_overlap_policy::windows: return ns < os && ne > oe;
    case ip_overlap_policy::solaris: return ns < os && ne >= oe;
    }
    return false;
}

namespace detail {

// Bytes [start, end) of the datagram's data, found at arena[at]; they came
// from the fragment [from, to).
struct data_piece {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::uint32_t at = 0;
};

struct byte_range {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};

// What a new fragment [ns, ne) with bytes `data` does to `pieces`: the
// ranges where its bytes go (sorted, merged), whether it overlaps anything,
// how many overlapped bytes differ, and whether it only repeats bytes held.
template <std::size_t N>
struct overlap_plan {
    std::array<byte_range, N> won{};
    std::size_t won_count = 0;
    std::size_t overlapped_bytes = 0;
    std::size_t conflicting_bytes = 0;
    bool exact_duplicate = false; // a piece from the same extent, every byte equal

    constexpr void take(std::uint32_t a, std::uint32_t b) noexcept {
        if (a >= b) return;
        if (won_count != 0 && won.at(won_count - 1).end == a) {
            won.at(won_count - 1).end = b;
            return;
        }
        if (won_count < N) won.at(won_count++) = {a, b};
    }
};

// Pieces is a sorted range of data_piece; Arena indexes bytes.
template <std::size_t N, class Pieces, class Arena, class Data>
[[nodiscard]] constexpr overlap_plan<N> plan_overlap(const Pieces& pieces, const Arena& arena, std::uint32_t ns,
                                                     const Data& data, ip_overlap_policy policy) noexcept {
    overlap_plan<N> plan;
    const auto ne = static_cast<std::uint32_t>(ns + data.size());
    std::uint32_t cursor = ns;
    bool same_extent_equal = false;
    for (const data_piece& p : pieces) {
        if (p.end <= ns) continue;
        if (p.start >= ne) break;
        const std::uint32_t a = p.start > ns ? p.start : ns;
        const std::uint32_t b = p.end < ne ? p.end : ne;
        plan.take(cursor, a); // a gap before this piece: nobody's bytes
        std::size_t differ = 0;
        for (std::uint32_t i = a; i < b; ++i)
            if (arena[p.at + (i - p.start)] != data[i - ns]) ++differ;
        plan.overlapped_bytes += b - a;
        plan.conflicting_bytes += differ;
        if (p.from == ns && p.to == ne && differ == 0) same_extent_equal = true;
        if (new_fragment_wins(policy, ns, ne, p.from, p.to)) plan.take(a, b);
        cursor = b;
    }
    plan.take(cursor, ne);
    plan.exact_duplicate = same_extent_equal && plan.conflicting_bytes == 0 && plan.overlapped_bytes == data.size();
    return plan;
}

// Removes [r.start, r.end) from the sorted disjoint `in`, writing the rest
// and then nothing else to `out` (which must have room for in.size() + 1).
// Returns the count written.
template <class In, class Out>
constexpr std::size_t subtract_range(const In& in, std::size_t count, byte_range r, Out& out) noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const data_piece p = in.at(i);
        if (p.end <= r.start || p.start >= r.end) {
            out.at(n++) = p;
            continue;
        }
        if (p.start < r.start) {
            data_piece left = p;
            left.end = r.start;
            out.at(n++) = left;
        }
        if (p.end > r.end) {
            data_piece right = p;
            right.at = p.at + (r.end - p.start);
            right.start = r.end;
            out.at(n++) = right;
        }
    }
    return n;
}

} // namespace detail
} // namespace ipwire
