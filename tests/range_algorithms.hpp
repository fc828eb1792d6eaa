// Stand-ins for std::ranges::distance and std::ranges::equal. The suite also
// runs on clang 14 with libc++ 14 (preset libcxx), which has the range
// concepts but not these algorithms (libc++ 15 added them); the tests only
// need the plain loops.
#pragma once

#include <cstddef>

namespace test_ranges {

template <class Range>
constexpr std::ptrdiff_t distance(const Range& range) {
    std::ptrdiff_t n = 0;
    for (auto it = range.begin(); it != range.end(); ++it) ++n;
    return n;
}

template <class A, class B>
constexpr bool equal(const A& a, const B& b) {
    auto i = a.begin();
    auto j = b.begin();
    for (; i != a.end() && j != b.end(); ++i, ++j)
        if (!(*i == *j)) return false;
    return i == a.end() && j == b.end();
}

} // namespace test_ranges
