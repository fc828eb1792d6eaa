// The views ip_set and static_ip_set hand out (issue 14): their ranges as
// ip_range, and the fewest prefixes covering them as ip_prefix. Both walk
// the IPv4 intervals, then the IPv6 ones, and point into the set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "ipwire/address_range.hpp"
#include "ipwire/detail/address_number.hpp"
#include "ipwire/detail/interval_set.hpp"
#include "ipwire/prefix.hpp"

namespace ipwire::detail {

// V4: the IPv4 intervals' number type (std::uint32_t in ip_set, uint128 in
// static_ip_set, which keeps one array for both families).
// NOLINTBEGIN(cppcoreguidelines-pro-bounds-pointer-arithmetic): the pointers walk the set's own arrays
template <class V4>
class set_range_view {
public:
    class iterator {
    public:
        using value_type = ip_range;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;

        constexpr iterator() noexcept = default;
        constexpr ip_range operator*() const noexcept {
            const interval<uint128> r = numbers();
            const unsigned w = width();
            return {address_number<ip_address>::make(r.first, w), address_number<ip_address>::make(r.last, w)};
        }
        constexpr iterator& operator++() noexcept {
            if (v4_ != v4_end_)
                ++v4_;
            else
                ++v6_;
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.v4_ == b.v4_ && a.v6_ == b.v6_;
        }

        // The current interval as numbers, and its family's width.
        [[nodiscard]] constexpr interval<uint128> numbers() const noexcept {
            if (v4_ != v4_end_) return {widen(v4_->first), widen(v4_->last)};
            return *v6_;
        }
        [[nodiscard]] constexpr unsigned width() const noexcept { return v4_ != v4_end_ ? 32U : 128U; }

    private:
        friend class set_range_view;
        // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): private, made by begin() and end() only
        constexpr iterator(const interval<V4>* v4, const interval<V4>* v4_end, const interval<uint128>* v6) noexcept
            : v4_(v4), v4_end_(v4_end), v6_(v6) {}
        const interval<V4>* v4_ = nullptr;
        const interval<V4>* v4_end_ = nullptr;
        const interval<uint128>* v6_ = nullptr;
    };

    constexpr set_range_view(const interval<V4>* v4, std::size_t n4, const interval<uint128>* v6,
                             std::size_t n6) noexcept
        : v4_(v4), n4_(n4), v6_(v6), n6_(n6) {}

    [[nodiscard]] constexpr iterator begin() const noexcept { return {v4_, v4_ + n4_, v6_}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return {v4_ + n4_, v4_ + n4_, v6_ + n6_}; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return n4_ + n6_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return size() == 0; }

private:
    const interval<V4>* v4_;
    std::size_t n4_;
    const interval<uint128>* v6_;
    std::size_t n6_;
};

template <class V4>
class set_prefix_view {
    using range_iterator = typename set_range_view<V4>::iterator;

public:
    class iterator {
    public:
        using value_type = ip_prefix;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;

        constexpr iterator() noexcept = default;
        constexpr ip_prefix operator*() const noexcept {
            const unsigned w = range_.width();
            return make_prefix<ip_address>(next_, w, block_host_bits(next_, range_.numbers().last, w));
        }
        constexpr iterator& operator++() noexcept {
            const unsigned w = range_.width();
            const uint128 last = range_.numbers().last;
            const uint128 block_last = add(next_, low_ones(block_host_bits(next_, last, w)));
            if (block_last == last) {
                ++range_;
                start();
            } else {
                next_ = succ(block_last);
            }
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.range_ == b.range_ && a.next_ == b.next_;
        }

    private:
        friend class set_prefix_view;
        constexpr iterator(const range_iterator& range, const range_iterator& end) noexcept : range_(range), end_(end) {
            start();
        }
        constexpr void start() noexcept { next_ = range_ == end_ ? uint128{} : range_.numbers().first; }
        range_iterator range_{};
        range_iterator end_{};
        uint128 next_{};
    };

    constexpr explicit set_prefix_view(const set_range_view<V4>& ranges) noexcept : ranges_(ranges) {}
    [[nodiscard]] constexpr iterator begin() const noexcept { return {ranges_.begin(), ranges_.end()}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return {ranges_.end(), ranges_.end()}; }

private:
    set_range_view<V4> ranges_;
};
// NOLINTEND(cppcoreguidelines-pro-bounds-pointer-arithmetic)

} // namespace ipwire::detail
