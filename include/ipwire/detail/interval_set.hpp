// Sorted disjoint intervals of address numbers, the core of ip_set,
// static_ip_set and collapse (issue 14). Every algorithm here is constexpr,
// works on caller storage and allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ipwire/detail/address_number.hpp"

namespace ipwire::detail {

// [first, last], first <= last.
template <class N>
struct interval {
    N first{};
    N last{};
    friend constexpr bool operator==(const interval&, const interval&) noexcept = default;
};

// A heap sort: constexpr on every standard library (libc++ 14's std::sort is
// not), O(n log n) in the worst case, and no <algorithm>.
template <class T, class Less>
constexpr void heap_sort(T* data, std::size_t n, Less less) noexcept {
    auto sift_down = [&](std::size_t root, std::size_t size) {
        for (;;) {
            std::size_t child = 2 * root + 1;
            if (child >= size) return;
            if (child + 1 < size && less(data[child], data[child + 1])) ++child;
            if (!less(data[root], data[child])) return;
            const T t = data[root];
            data[root] = data[child];
            data[child] = t;
            root = child;
        }
    };
    for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
    for (std::size_t end = n; end > 1; --end) {
        const T t = data[0];
        data[0] = data[end - 1];
        data[end - 1] = t;
        sift_down(0, end - 1);
    }
}

// Whether b, starting at or after a's start, overlaps or touches a (so that
// the two make one interval). b.first > a.last implies b.first > 0: no wrap.
template <class N>
constexpr bool joins(const interval<N>& a, const interval<N>& b) noexcept {
    return b.first <= a.last || pred(b.first) == a.last;
}

// Sorts and merges n intervals in place; returns how many are left.
template <class N>
constexpr std::size_t normalize(interval<N>* data, std::size_t n) noexcept {
    if (n == 0) return 0;
    heap_sort(data, n, [](const interval<N>& a, const interval<N>& b) { return a.first < b.first; });
    std::size_t out = 0;
    for (std::size_t i = 1; i < n; ++i) {
        if (joins(data[out], data[i])) {
            if (data[out].last < data[i].last) data[out].last = data[i].last;
        } else {
            data[++out] = data[i];
        }
    }
    return out + 1;
}

// The outputs below need room for na + nb intervals; each returns the end.
// a | b.
template <class N, class Out>
constexpr Out unite(const interval<N>* a, std::size_t na, const interval<N>* b, std::size_t nb, Out out) noexcept {
    std::size_t i = 0, j = 0;
    bool have = false;
    interval<N> current{};
    while (i < na || j < nb) {
        const interval<N>& next = (j == nb || (i < na && a[i].first < b[j].first)) ? a[i++] : b[j++];
        if (have && joins(current, next)) {
            if (current.last < next.last) current.last = next.last;
        } else {
            if (have) *out++ = current;
            current = next;
            have = true;
        }
    }
    if (have) *out++ = current;
    return out;
}

// a \ b.
template <class N, class Out>
constexpr Out subtract(const interval<N>* a, std::size_t na, const interval<N>* b, std::size_t nb, Out out) noexcept {
    std::size_t j = 0;
    for (std::size_t i = 0; i < na; ++i) {
        interval<N> rest = a[i];
        bool left = true; // whether rest is still non-empty
        while (j < nb && b[j].last < rest.first) ++j;
        for (std::size_t k = j; k < nb && b[k].first <= rest.last; ++k) {
            if (rest.first < b[k].first) *out++ = interval<N>{rest.first, pred(b[k].first)};
            if (b[k].last >= rest.last) {
                left = false;
                break;
            }
            rest.first = succ(b[k].last);
        }
        if (left) *out++ = rest;
    }
    return out;
}

// a & b.
template <class N, class Out>
constexpr Out intersect(const interval<N>* a, std::size_t na, const interval<N>* b, std::size_t nb, Out out) noexcept {
    std::size_t i = 0, j = 0;
    while (i < na && j < nb) {
        const N first = a[i].first < b[j].first ? b[j].first : a[i].first;
        const N last = a[i].last < b[j].last ? a[i].last : b[j].last;
        if (first <= last) *out++ = interval<N>{first, last};
        if (a[i].last < b[j].last)
            ++i;
        else
            ++j;
    }
    return out;
}

// The interval holding x, or null: a binary search, O(log n).
template <class N>
constexpr const interval<N>* find(const interval<N>* a, std::size_t n, const N& x) noexcept {
    // The first interval starting above x; the one before it may hold x.
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (x < a[mid].first)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo == 0 || a[lo - 1].last < x) return nullptr;
    return a + (lo - 1);
}

} // namespace ipwire::detail
