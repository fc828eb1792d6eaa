// The lazy ranges behind the prefix algebra (issue 14): every address of an
// interval, the minimal prefixes covering one or two intervals (RFC 4632
// section 3.1), and the subnets of a prefix. Each iterator holds its numbers
// by value, so it stays valid after the range that made it is gone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <type_traits>

#include "ipwire/detail/address_number.hpp"
#include "ipwire/detail/interval_set.hpp"

namespace ipwire::detail {

// Every address of [first, last] in ascending order.
template <class Address>
class address_iterator {
public:
    using value_type = Address;
    using difference_type = std::ptrdiff_t;
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::forward_iterator_tag;

    constexpr address_iterator() noexcept = default;
    constexpr address_iterator(const uint128& next, const uint128& last, unsigned width) noexcept
        : next_(next), last_(last), width_(static_cast<std::uint8_t>(width)), done_(false) {}

    constexpr Address operator*() const noexcept { return address_number<Address>::make(next_, width_); }
    constexpr address_iterator& operator++() noexcept {
        // The last address may be the family's highest: stop rather than wrap.
        if (next_ == last_)
            done_ = true;
        else
            next_ = succ(next_);
        return *this;
    }
    constexpr address_iterator operator++(int) noexcept {
        address_iterator old = *this;
        ++*this;
        return old;
    }
    friend constexpr bool operator==(const address_iterator& a, const address_iterator& b) noexcept {
        return a.done_ == b.done_ && (a.done_ || a.next_ == b.next_);
    }

private:
    uint128 next_{};
    uint128 last_{};
    std::uint8_t width_ = 0;
    bool done_ = true;
};

// Every address of [first, last], lazily: what a prefix's addresses() and
// hosts() and a range's addresses() give. Not itself an address_range, so
// that an address_range stays a value (printed as "a-b" by {fmt}, which
// would print anything with begin() and end() as a list).
template <class Address>
class address_view {
    using number = address_number<Address>;

public:
    using iterator = address_iterator<Address>;

    constexpr address_view(const Address& first, const Address& last) noexcept
        : first_(number::of(first)), last_(number::of(last)), width_(static_cast<std::uint8_t>(number::width(first))) {}

    [[nodiscard]] constexpr iterator begin() const noexcept { return {first_, last_, width_}; }
    [[nodiscard]] constexpr iterator end() const noexcept { return {}; }
    [[nodiscard]] constexpr Address first() const noexcept { return number::make(first_, width_); }
    [[nodiscard]] constexpr Address last() const noexcept { return number::make(last_, width_); }
    // How many addresses; UINT64_MAX for 2^64 or more.
    [[nodiscard]] constexpr std::uint64_t size() const noexcept {
        const uint128 span = subtract(last_, first_);
        return span == uint128_max ? saturate64(span) : saturate64(succ(span));
    }

private:
    uint128 first_;
    uint128 last_;
    std::uint8_t width_;
};

// The minimal ascending prefixes covering up to two intervals of one family:
// a range's prefixes() (one) and exclude(p, q) (the parts of p either side of q).
template <class Prefix>
class prefix_cover {
    using address = typename Prefix::address_type;

public:
    class iterator {
    public:
        using value_type = Prefix;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;

        constexpr iterator() noexcept = default;
        constexpr Prefix operator*() const noexcept {
            return make_prefix<address>(cover_.first_[0], cover_.width_,
                                        block_host_bits(cover_.first_[0], cover_.last_[0], cover_.width_));
        }
        constexpr iterator& operator++() noexcept {
            const unsigned h = block_host_bits(cover_.first_[0], cover_.last_[0], cover_.width_);
            const uint128 block_last = add(cover_.first_[0], low_ones(h));
            if (block_last == cover_.last_[0]) {
                cover_.first_[0] = cover_.first_[1];
                cover_.last_[0] = cover_.last_[1];
                --cover_.count_;
            } else {
                cover_.first_[0] = succ(block_last);
            }
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept { return a.equals(b); }

    private:
        friend class prefix_cover;
        [[nodiscard]] constexpr bool equals(const iterator& b) const noexcept {
            return cover_.count_ == b.cover_.count_ && (cover_.count_ == 0 || cover_.first_[0] == b.cover_.first_[0]);
        }
        constexpr explicit iterator(const prefix_cover& c) noexcept : cover_(c) {}
        prefix_cover cover_;
    };

    constexpr prefix_cover() noexcept = default;
    // Appends [first, last] (first <= last, of `width` bits); at most two.
    constexpr void push(const uint128& first, const uint128& last, unsigned width) noexcept {
        // NOLINTBEGIN(cppcoreguidelines-pro-bounds-constant-array-index): callers push at most two
        first_[count_] = first;
        last_[count_] = last;
        // NOLINTEND(cppcoreguidelines-pro-bounds-constant-array-index)
        ++count_;
        width_ = static_cast<std::uint8_t>(width);
    }

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(*this); }
    [[nodiscard]] constexpr iterator end() const noexcept { return iterator(prefix_cover()); }
    [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }
    // How many prefixes: at most 2 * (width - 1) for one interval, so counting is cheap.
    [[nodiscard]] constexpr std::size_t size() const noexcept {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }

private:
    uint128 first_[2] = {};
    uint128 last_[2] = {};
    std::uint8_t count_ = 0;
    std::uint8_t width_ = 0;
};

// The subnets of a prefix at a longer length, ascending: 2^(new - old) of them.
template <class Prefix>
class subnet_range {
    using address = typename Prefix::address_type;

public:
    class iterator {
    public:
        using value_type = Prefix;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::forward_iterator_tag;

        constexpr iterator() noexcept = default;
        constexpr Prefix operator*() const noexcept { return make_prefix<address>(next_, width_, host_bits_); }
        constexpr iterator& operator++() noexcept {
            if (next_ == last_)
                done_ = true;
            else
                next_ = add(next_, power_of_two(host_bits_));
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.done_ == b.done_ && (a.done_ || a.next_ == b.next_);
        }

    private:
        friend class subnet_range;
        uint128 next_{};
        uint128 last_{};
        std::uint8_t width_ = 0;
        std::uint8_t host_bits_ = 0;
        bool done_ = true;
    };

    // first: the network's number; last: its last address; host_bits of each subnet.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): internal, called by the two prefix types only
    constexpr subnet_range(const uint128& first, const uint128& last, unsigned width, unsigned host_bits) noexcept {
        first_.next_ = first;
        first_.last_ = bit_and(last, bit_not(low_ones(host_bits)));
        first_.width_ = static_cast<std::uint8_t>(width);
        first_.host_bits_ = static_cast<std::uint8_t>(host_bits);
        first_.done_ = false;
    }

    [[nodiscard]] constexpr iterator begin() const noexcept { return first_; }
    [[nodiscard]] constexpr iterator end() const noexcept { return {}; }
    // The count, UINT64_MAX when it is 2^64 or more.
    [[nodiscard]] constexpr std::uint64_t size() const noexcept {
        // (last network - first) / 2^host_bits + 1.
        const uint128 span = shift_right(subtract(first_.last_, first_.next_), first_.host_bits_);
        return span == uint128_max ? saturate64(span) : saturate64(succ(span));
    }

private:
    iterator first_;
};

} // namespace ipwire::detail

namespace ipwire {
namespace detail {
template <class P>
inline constexpr bool is_prefix = false;
template <class A>
inline constexpr bool is_prefix<basic_prefix<A>> = true;
template <>
inline constexpr bool is_prefix<ip_prefix> = true;

// A prefix's first and last address as numbers, straight from its address
// and length (network() would build an address first: collapse sorts on this).
template <class P>
constexpr uint128 first_number(const P& p) noexcept {
    using number = address_number<typename P::address_type>;
    const auto a = p.address();
    return bit_and(number::of(a), bit_not(low_ones(number::width(a) - p.length())));
}
template <class P>
constexpr uint128 last_number(const P& p) noexcept {
    using number = address_number<typename P::address_type>;
    const auto a = p.address();
    return bit_or(number::of(a), low_ones(number::width(a) - p.length()));
}
template <class P>
constexpr unsigned width_of(const P& p) noexcept {
    return address_number<typename P::address_type>::width(p.address());
}
} // namespace detail

// p without q's addresses, as the fewest prefixes, ascending: nothing when q
// contains p, p itself (masked) when they are disjoint (or of two families),
// else at most 2 * (q.length() - p.length()) prefixes either side of q.
// Python's address_exclude raises unless q lies in p, and yields its
// prefixes largest first, not in address order.
template <class Prefix>
requires detail::is_prefix<Prefix>
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): p minus q, the order of Python's p.address_exclude(q)
[[nodiscard]] constexpr detail::prefix_cover<Prefix> exclude(const Prefix& p, const Prefix& q) noexcept {
    detail::prefix_cover<Prefix> out;
    const unsigned width = detail::width_of(p);
    const detail::uint128 pf = detail::first_number(p), pl = detail::last_number(p);
    const detail::uint128 qf = detail::first_number(q), ql = detail::last_number(q);
    if (detail::width_of(q) != width || ql < pf || pl < qf) {
        out.push(pf, pl, width);
        return out;
    }
    // Prefixes nest: q overlapping p means q contains p or lies inside it.
    if (pf < qf) out.push(pf, detail::pred(qf), width);
    if (ql < pl) out.push(detail::succ(ql), pl, width);
    return out;
}

// Collapses the prefixes in place into the fewest prefixes covering the same
// addresses (overlapping and adjacent ones merged, RFC 4632 section 3.1),
// ascending and masked, like Python's collapse_addresses; IPv4 before IPv6
// for ip_prefix. The result is never longer than the input, so it is written
// over the input's front: the returned span. Allocates nothing; the input's
// order is not kept. `prefixes` is any contiguous range (std::vector,
// std::array, a C array, a std::span) of one prefix type.
template <class Range>
constexpr auto collapse(Range& prefixes) noexcept {
    using prefix = std::remove_cv_t<std::remove_reference_t<decltype(*std::data(prefixes))>>;
    static_assert(detail::is_prefix<prefix>,
                  "collapse takes a contiguous range of ipv4_prefix, ipv6_prefix or ip_prefix");
    prefix* data = std::data(prefixes);
    const std::size_t n = std::size(prefixes);
    detail::heap_sort(data, n, [](const prefix& a, const prefix& b) {
        const unsigned wa = detail::width_of(a), wb = detail::width_of(b);
        if (wa != wb) return wa < wb;
        return detail::first_number(a) < detail::first_number(b);
    });
    std::size_t out = 0;
    std::size_t i = 0;
    // NOLINTBEGIN(cppcoreguidelines-pro-bounds-pointer-arithmetic): i, j < n and out <= i index the caller's range
    while (i < n) {
        const unsigned width = detail::width_of(data[i]);
        detail::interval<detail::uint128> merged{detail::first_number(data[i]), detail::last_number(data[i])};
        std::size_t j = i + 1;
        for (; j < n && detail::width_of(data[j]) == width; ++j) {
            const detail::interval<detail::uint128> next{detail::first_number(data[j]), detail::last_number(data[j])};
            if (!detail::joins(merged, next)) break;
            if (merged.last < next.last) merged.last = next.last;
        }
        // The minimal cover of data[i..j) has at most j - i prefixes, so
        // writing it from `out` (<= i) never reaches data[j].
        detail::prefix_cover<prefix> cover;
        cover.push(merged.first, merged.last, width);
        for (const prefix& p : cover) data[out++] = p;
        i = j;
    }
    // NOLINTEND(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    return std::span<prefix>(data, out);
}
// The same for a span, which may be a temporary (it only refers to the prefixes).
template <class Prefix>
constexpr std::span<Prefix> collapse(std::span<Prefix> prefixes) noexcept {
    return collapse<std::span<Prefix>>(prefixes);
}

} // namespace ipwire
