// Sets of IP addresses of both families as sorted disjoint ranges (issue 14):
// ip_set (immutable, made by ip_set_builder; std::vector storage, so it
// allocates) and static_ip_set<N> (fixed capacity, constexpr, never
// allocates) for compile-time allow-lists. contains is a binary search.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ipwire/address_range.hpp"
#include "ipwire/detail/address_number.hpp"
#include "ipwire/detail/interval_set.hpp"
#include "ipwire/detail/set_views.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire {

class ip_set_builder;

// An immutable set of addresses: IPv4 ranges and IPv6 ranges, each sorted,
// disjoint and never adjacent (adjacent ones are merged), so two sets with
// the same addresses compare equal. IPv4 is kept as 32-bit numbers, so
// contains(ipv4_address) compares no wider than it must.
class ip_set {
public:
    ip_set() = default;

    // O(log n); zones are ignored, families never mix (unmap() a mapped address first).
    [[nodiscard]] bool contains(const ipv4_address& a) const noexcept {
        return detail::find(v4_.data(), v4_.size(), a.to_uint32()) != nullptr;
    }
    [[nodiscard]] bool contains(const ipv6_address& a) const noexcept {
        return detail::find(v6_.data(), v6_.size(), detail::address_number<ipv6_address>::of(a)) != nullptr;
    }
    [[nodiscard]] bool contains(const ip_address& a) const noexcept {
        return a.is_v4() ? contains(a.v4()) : contains(a.v6());
    }
    // Whether every address of r (or of a prefix, as a range) is in the set.
    [[nodiscard]] bool contains(const ip_range& r) const noexcept {
        if (r.first().is_v4()) {
            const auto* in = detail::find(v4_.data(), v4_.size(), r.first().v4().to_uint32());
            return in != nullptr && r.last().v4().to_uint32() <= in->last;
        }
        const auto* in = detail::find(v6_.data(), v6_.size(), detail::address_number<ipv6_address>::of(r.first().v6()));
        return in != nullptr && detail::address_number<ipv6_address>::of(r.last().v6()) <= in->last;
    }

    [[nodiscard]] bool empty() const noexcept { return v4_.empty() && v6_.empty(); }
    // How many disjoint ranges: IPv4 ones first, then IPv6.
    [[nodiscard]] std::size_t range_count() const noexcept { return v4_.size() + v6_.size(); }

    // The ranges, ascending, IPv4 first, as ip_range; views into the set.
    [[nodiscard]] detail::set_range_view<std::uint32_t> ranges() const noexcept {
        return {v4_.data(), v4_.size(), v6_.data(), v6_.size()};
    }
    // The fewest prefixes whose union is the set, ascending, IPv4 first.
    [[nodiscard]] detail::set_prefix_view<std::uint32_t> prefixes() const noexcept {
        return detail::set_prefix_view<std::uint32_t>(ranges());
    }

    friend bool operator==(const ip_set&, const ip_set&) = default;

    // Union, intersection and difference, as new sets.
    friend ip_set operator|(const ip_set& a, const ip_set& b) { return combine(a, b, op::unite); }
    friend ip_set operator&(const ip_set& a, const ip_set& b) { return combine(a, b, op::intersect); }
    friend ip_set operator-(const ip_set& a, const ip_set& b) { return combine(a, b, op::subtract); }

private:
    friend class ip_set_builder;
    enum class op : std::uint8_t { unite, intersect, subtract };

    template <class N>
    static std::vector<detail::interval<N>> apply(const std::vector<detail::interval<N>>& a,
                                                  const std::vector<detail::interval<N>>& b, op o) {
        std::vector<detail::interval<N>> out(a.size() + b.size());
        auto* end = out.data();
        if (o == op::unite) end = detail::unite(a.data(), a.size(), b.data(), b.size(), out.data());
        if (o == op::intersect) end = detail::intersect(a.data(), a.size(), b.data(), b.size(), out.data());
        if (o == op::subtract) end = detail::subtract(a.data(), a.size(), b.data(), b.size(), out.data());
        out.resize(static_cast<std::size_t>(end - out.data()));
        return out;
    }
    static ip_set combine(const ip_set& a, const ip_set& b, op o) {
        ip_set s;
        s.v4_ = apply(a.v4_, b.v4_, o);
        s.v6_ = apply(a.v6_, b.v6_, o);
        return s;
    }

    std::vector<detail::interval<std::uint32_t>> v4_;
    std::vector<detail::interval<detail::uint128>> v6_;
};

// Collects additions and removals, applied in the order made; build() gives
// the set. A run of adds (or of removes) is sorted and merged once when the
// run ends, so n additions cost O(n log n), not O(n^2).
class ip_set_builder {
public:
    ip_set_builder& add(const ip_address& a) { return push(ip_range(a), false); }
    ip_set_builder& add(const ip_prefix& p) { return push(ip_range(p), false); }
    ip_set_builder& add(const ip_range& r) { return push(r, false); }
    ip_set_builder& remove(const ip_address& a) { return push(ip_range(a), true); }
    ip_set_builder& remove(const ip_prefix& p) { return push(ip_range(p), true); }
    ip_set_builder& remove(const ip_range& r) { return push(r, true); }
    // Union, difference and intersection with a whole set.
    ip_set_builder& add(const ip_set& s) {
        flush();
        set_ = set_ | s;
        return *this;
    }
    ip_set_builder& remove(const ip_set& s) {
        flush();
        set_ = set_ - s;
        return *this;
    }
    ip_set_builder& intersect(const ip_set& s) {
        flush();
        set_ = set_ & s;
        return *this;
    }

    // The set so far; the builder stays usable.
    [[nodiscard]] ip_set build() {
        flush();
        return set_;
    }

private:
    ip_set_builder& push(const ip_range& r, bool remove) {
        if (remove != removing_) flush();
        removing_ = remove;
        if (r.first().is_v4())
            pending_.v4_.push_back({r.first().v4().to_uint32(), r.last().v4().to_uint32()});
        else
            pending_.v6_.push_back({detail::address_number<ipv6_address>::of(r.first().v6()),
                                    detail::address_number<ipv6_address>::of(r.last().v6())});
        return *this;
    }
    void flush() {
        if (pending_.empty()) return;
        pending_.v4_.resize(detail::normalize(pending_.v4_.data(), pending_.v4_.size()));
        pending_.v6_.resize(detail::normalize(pending_.v6_.data(), pending_.v6_.size()));
        set_ = removing_ ? set_ - pending_ : set_ | pending_;
        pending_ = {};
    }

    ip_set set_;
    ip_set pending_; // a run of adds or removes, not yet normalized
    bool removing_ = false;
};

// A set of at most N disjoint ranges (both families together), built and
// queried in constant expressions without allocation:
//   constexpr auto allow = static_ip_set<4>::from({"10.0.0.0/8"_prefix, "2001:db8::/32"_prefix}).value();
//   static_assert(allow.contains("10.1.2.3"_ip));
// Building more than N ranges is errc::set_capacity_exceeded (and value()
// on it fails to compile in a constant expression).
template <std::size_t N>
class static_ip_set {
    using interval = detail::interval<detail::uint128>;

public:
    static constexpr std::size_t capacity = N;

    constexpr static_ip_set() noexcept = default;

    // The union of the ranges (prefixes and single addresses convert to ip_range).
    template <std::size_t M>
    [[nodiscard]] static constexpr result<static_ip_set> from(const ip_range (&ranges)[M]) noexcept {
        interval v4[M] = {}, v6[M] = {};
        std::size_t n4 = 0, n6 = 0;
        for (const ip_range& r : ranges) {
            // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): n4 + n6 <= M, one per range
            if (r.first().is_v4())
                v4[n4++] = to_interval(r);
            else
                v6[n6++] = to_interval(r);
            // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        }
        n4 = detail::normalize(v4, n4);
        n6 = detail::normalize(v6, n6);
        return assemble(v4, n4, v6, n6);
    }

    // This set with r added, or removed; errc::set_capacity_exceeded when the
    // result needs more than N ranges.
    [[nodiscard]] constexpr result<static_ip_set> with(const ip_range& r) const noexcept { return apply(r, false); }
    [[nodiscard]] constexpr result<static_ip_set> without(const ip_range& r) const noexcept { return apply(r, true); }

    [[nodiscard]] constexpr bool contains(const ip_address& a) const noexcept {
        const auto n = detail::address_number<ip_address>::of(a);
        return a.is_v4() ? detail::find(ranges_.data(), v4_count_, n) != nullptr
                         : detail::find(v6_data(), count_ - v4_count_, n) != nullptr;
    }
    [[nodiscard]] constexpr bool contains(const ip_range& r) const noexcept {
        const auto want = to_interval(r);
        const interval* in = r.first().is_v4() ? detail::find(ranges_.data(), v4_count_, want.first)
                                               : detail::find(v6_data(), count_ - v4_count_, want.first);
        return in != nullptr && want.last <= in->last;
    }

    [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }
    [[nodiscard]] constexpr std::size_t range_count() const noexcept { return count_; }
    [[nodiscard]] constexpr detail::set_range_view<detail::uint128> ranges() const noexcept {
        return {ranges_.data(), v4_count_, v6_data(), count_ - v4_count_};
    }
    [[nodiscard]] constexpr detail::set_prefix_view<detail::uint128> prefixes() const noexcept {
        return detail::set_prefix_view<detail::uint128>(ranges());
    }

    friend constexpr bool operator==(const static_ip_set&, const static_ip_set&) noexcept = default;

private:
    static constexpr interval to_interval(const ip_range& r) noexcept {
        return {detail::address_number<ip_address>::of(r.first()), detail::address_number<ip_address>::of(r.last())};
    }
    [[nodiscard]] constexpr const interval* v6_data() const noexcept {
        return ranges_.data() + v4_count_; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic): v4_count_ <= N
    }
    static constexpr result<static_ip_set> assemble(const interval* v4, std::size_t n4, const interval* v6,
                                                    std::size_t n6) noexcept {
        if (n4 + n6 > N) return errc::set_capacity_exceeded;
        static_ip_set s;
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-pointer-arithmetic,cppcoreguidelines-pro-bounds-constant-array-index): n4 + n6 <= N
        for (std::size_t i = 0; i < n4; ++i) s.ranges_[i] = v4[i];
        for (std::size_t i = 0; i < n6; ++i) s.ranges_[n4 + i] = v6[i];
        // NOLINTEND(cppcoreguidelines-pro-bounds-pointer-arithmetic,cppcoreguidelines-pro-bounds-constant-array-index)
        s.v4_count_ = n4;
        s.count_ = n4 + n6;
        return s;
    }
    [[nodiscard]] constexpr result<static_ip_set> apply(const ip_range& r, bool remove) const noexcept {
        // One range changes the count by at most one.
        interval out[N + 1] = {};
        const interval one[1] = {to_interval(r)};
        const bool v4 = r.first().is_v4();
        const interval* mine = v4 ? ranges_.data() : v6_data();
        const std::size_t n = v4 ? v4_count_ : count_ - v4_count_;
        interval* end = remove ? detail::subtract(mine, n, one, 1, out) : detail::unite(mine, n, one, 1, out);
        const auto m = static_cast<std::size_t>(end - out);
        if (v4) return assemble(out, m, v6_data(), count_ - v4_count_);
        return assemble(ranges_.data(), v4_count_, out, m);
    }

    std::array<interval, N> ranges_{}; // IPv4 ones, then IPv6 ones
    std::size_t v4_count_ = 0;
    std::size_t count_ = 0;
};

} // namespace ipwire
