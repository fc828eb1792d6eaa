// fuzz_sets: the address toolkit's set algebra (issue 14) against a bitset
// model. The input is a list of 3-byte steps over a small universe
// (10.0.0.0/24 and 2001:db8::/120, 512 addresses): a selector byte (family,
// which set, add or remove) and the range's two ends. Properties: ip_set and
// static_ip_set hold exactly the model's addresses; A u B contains A,
// (A \ B) n B is empty, A n B and A \ B as the model says; ranges() sorted,
// disjoint, never adjacent; prefixes() and collapse() cover exactly the same
// addresses, and collapse is idempotent; exclude(p, q) u q = p when q lies in
// p. The whole input is also parsed as range text: what parses prints back
// to itself, and its prefixes cover exactly the range.
#include "fuzz_common.hpp"

#include <ipwire/address_range.hpp>
#include <ipwire/ip_set.hpp>
#include <ipwire/prefix.hpp>

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace {

using ipwire::ip_address;
using ipwire::ip_prefix;
using ipwire::ip_range;
using ipwire::ip_set;
using ipwire::ip_set_builder;

constexpr unsigned universe_size = 512;
using model = std::bitset<universe_size>;

ip_address universe(unsigned i) {
    if (i < 256) return ipwire::ipv4_address(0x0A000000U + i);
    ipwire::ipv6_address::bytes_type b{0x20, 0x01, 0x0d, 0xb8};
    b[15] = static_cast<std::uint8_t>(i - 256);
    return ipwire::ipv6_address(b);
}

model model_of(const ip_set& s) {
    model m;
    for (unsigned i = 0; i < universe_size; ++i) m.set(i, s.contains(universe(i)));
    return m;
}
template <std::size_t N>
model model_of(const ipwire::static_ip_set<N>& s) {
    model m;
    for (unsigned i = 0; i < universe_size; ++i) m.set(i, s.contains(universe(i)));
    return m;
}
// The universe index of an address in it (every prefix here lies inside it).
unsigned index_of(const ip_address& a) {
    const unsigned low = a.is_v4() ? a.v4().to_bytes()[3] : a.v6().to_bytes()[15];
    return a.is_v4() ? low : 256U + low;
}
// Walks each prefix's own addresses: the prefixes of a set are disjoint, so
// this costs the set's size, not universe times prefixes.
model model_of_prefixes(const std::vector<ip_prefix>& prefixes) {
    model m;
    for (const auto& p : prefixes) {
        IPWIRE_FUZZ_CHECK(p.size() <= 256);
        for (const auto a : p.addresses()) m.set(index_of(a));
    }
    return m;
}

void check_well_formed(const ip_set& s) {
    std::optional<ip_range> previous;
    for (const auto r : s.ranges()) {
        IPWIRE_FUZZ_CHECK(!(r.last() < r.first()));
        if (previous && previous->first().is_v4() == r.first().is_v4()) {
            IPWIRE_FUZZ_CHECK(previous->last() < r.first());
            const auto after = previous->last().next();
            IPWIRE_FUZZ_CHECK(!after || *after != r.first()); // adjacent ranges are merged
        }
        previous = r;
    }
    // prefixes(): ascending within a family and exactly the set.
    std::vector<ip_prefix> prefixes;
    for (const auto p : s.prefixes()) {
        IPWIRE_FUZZ_CHECK(p.is_masked());
        if (!prefixes.empty() && prefixes.back().is_v4() == p.is_v4())
            IPWIRE_FUZZ_CHECK(prefixes.back().last_address() < p.network());
        prefixes.push_back(p);
    }
    IPWIRE_FUZZ_CHECK(model_of_prefixes(prefixes) == model_of(s));
    // The set's prefixes are already minimal: collapse leaves them as they are.
    std::vector<ip_prefix> copy = prefixes;
    const auto collapsed = ipwire::collapse(copy);
    IPWIRE_FUZZ_CHECK(std::vector<ip_prefix>(collapsed.begin(), collapsed.end()) == prefixes);
}

void check_range_text(std::string_view text) {
    const auto r = ip_range::parse(text);
    if (!r) return;
    const auto again = ip_range::parse(r->to_string());
    IPWIRE_FUZZ_CHECK(again && *again == *r);
    // The prefixes cover exactly [first, last], end to end, in order.
    std::optional<ip_address> expect = r->first();
    std::size_t count = 0;
    for (const auto p : r->prefixes()) {
        IPWIRE_FUZZ_CHECK(expect && p.network() == *expect && p.is_masked());
        expect = p.last_address().next();
        IPWIRE_FUZZ_CHECK(++count <= 254);
        if (p.last_address() == r->last()) expect.reset();
    }
    IPWIRE_FUZZ_CHECK(!expect);
}

void check_steps(const std::uint8_t* data, std::size_t size) {
    ip_set_builder builder[2];
    model expected[2];
    ipwire::static_ip_set<16> fixed;
    bool fixed_full = false;
    model fixed_expected;
    std::vector<ip_prefix> added; // every prefix added to set 0, for collapse
    for (std::size_t i = 0; i + 3 <= size && i < 3 * 64; i += 3) {
        const std::uint8_t selector = data[i];
        const unsigned base = (selector & 1U) != 0 ? 256U : 0U;
        const unsigned which = (selector >> 1U) & 1U;
        const bool remove = (selector & 4U) != 0;
        unsigned a = data[i + 1], b = data[i + 2];
        if (b < a) {
            const unsigned t = a;
            a = b;
            b = t;
        }
        const ip_range range(universe(base + a), universe(base + b));
        // Half the steps use a prefix of the range's first address instead.
        if ((selector & 8U) != 0) {
            const auto length = static_cast<std::uint8_t>((base == 0 ? 24U : 120U) + (selector >> 5U));
            const auto p = ip_prefix(universe(base + a), length).masked();
            remove ? builder[which].remove(p) : builder[which].add(p);
            for (unsigned k = 0; k < 256; ++k)
                if (p.contains(universe(base + k))) expected[which].set(base + k, !remove);
            if (which == 0 && !remove) added.push_back(p);
        } else {
            remove ? builder[which].remove(range) : builder[which].add(range);
            for (unsigned k = a; k <= b; ++k) expected[which].set(base + k, !remove);
            if (which == 0 && !fixed_full) {
                const auto next = remove ? fixed.without(range) : fixed.with(range);
                if (next) {
                    fixed = *next;
                    for (unsigned k = a; k <= b; ++k) fixed_expected.set(base + k, !remove);
                } else {
                    IPWIRE_FUZZ_CHECK(next.error() == ipwire::errc::set_capacity_exceeded);
                    fixed_full = true;
                }
            }
        }
    }
    const ip_set a = builder[0].build();
    const ip_set b = builder[1].build();
    IPWIRE_FUZZ_CHECK(model_of(a) == expected[0]);
    IPWIRE_FUZZ_CHECK(model_of(b) == expected[1]);
    IPWIRE_FUZZ_CHECK(model_of(fixed) == fixed_expected);
    IPWIRE_FUZZ_CHECK(fixed.range_count() <= 16);

    const ip_set u = a | b, n = a & b, d = a - b;
    IPWIRE_FUZZ_CHECK(model_of(u) == (expected[0] | expected[1]));
    IPWIRE_FUZZ_CHECK(model_of(n) == (expected[0] & expected[1]));
    IPWIRE_FUZZ_CHECK(model_of(d) == (expected[0] & ~expected[1]));
    IPWIRE_FUZZ_CHECK((u & a) == a);    // A u B contains A
    IPWIRE_FUZZ_CHECK((d & b).empty()); // (A \ B) n B is empty
    IPWIRE_FUZZ_CHECK((d | n) == a);    // A is (A \ B) u (A n B)
    for (const ip_set* s : {&a, &b, &u, &n, &d}) check_well_formed(*s);

    // collapse of the added prefixes: exactly their union, and idempotent.
    if (!added.empty()) {
        model want;
        for (const auto& p : added)
            for (unsigned k = 0; k < universe_size; ++k)
                if (p.contains(universe(k))) want.set(k);
        std::vector<ip_prefix> work = added;
        const auto once = ipwire::collapse(work);
        const std::vector<ip_prefix> first(once.begin(), once.end());
        IPWIRE_FUZZ_CHECK(model_of_prefixes(first) == want);
        std::vector<ip_prefix> again = first;
        const auto twice = ipwire::collapse(again);
        IPWIRE_FUZZ_CHECK(std::vector<ip_prefix>(twice.begin(), twice.end()) == first);
        // exclude(p, q) u q = p for q inside p; the parts miss q.
        const ip_prefix p = added.front();
        const ip_prefix& last = added.back();
        const auto length = last.length() < p.length() ? p.length() : last.length();
        const ip_prefix q = last.is_v4() == p.is_v4() ? ip_prefix(last.address(), length).masked() : p;
        if (p.contains(q)) {
            std::vector<ip_prefix> parts;
            for (const auto x : ipwire::exclude(p, q)) {
                IPWIRE_FUZZ_CHECK(!x.overlaps(q));
                parts.push_back(x);
            }
            parts.push_back(q);
            const auto whole = ipwire::collapse(parts);
            IPWIRE_FUZZ_CHECK(whole.size() == 1 && whole[0] == p.masked());
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ipwire_fuzz::exact_copy input(data, size);
    check_range_text(input.text());
    check_steps(input.data(), input.size());
    return 0;
}
