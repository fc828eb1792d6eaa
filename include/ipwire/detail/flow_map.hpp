// flow_map<V>: an open-addressing hash map from flow_key to V, the store
// under socket_table and flowdump. Linear probing over a power-of-two slot
// array kept at most half full, so an expected lookup touches one or two
// slots (Knuth, TAOCP vol. 3, 6.4); erase shifts the following run back
// instead of leaving tombstones, so lookups stay short after many erases.
// Keys are hashed with SipHash-1-3 under the map's own key (detail/hash.hpp).
// find() never allocates; insert allocates only when it grows the array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector> // std::allocator, std::allocator_traits: not <memory>, whose C++20 libstdc++
                  // version pulls in <ostream> (unique_ptr's operator<<), kept out of the umbrella

#include "ipwire/detail/hash.hpp"
#include "ipwire/flow.hpp"

namespace ipwire::detail {

template <class V, class Allocator = std::allocator<std::pair<flow_key, V>>>
class flow_map {
    using slot = std::optional<std::pair<flow_key, V>>;
    using slot_allocator = typename std::allocator_traits<Allocator>::template rebind_alloc<slot>;

public:
    explicit flow_map(const sip_key& key = {}, const Allocator& alloc = Allocator()) : key_(key), slots_(alloc) {}

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size(); }
    [[nodiscard]] const sip_key& hash_key() const noexcept { return key_; }

    // The hash find and try_emplace use: a caller that needs it anyway (to
    // shard by it) passes it back to the *_hashed overloads, so each key is
    // hashed once.
    [[nodiscard]] std::uint64_t hash(const flow_key& k) const noexcept { return k.hash(key_); }

    [[nodiscard]] V* find(const flow_key& k) noexcept { return find_hashed(k, hash(k)); }
    [[nodiscard]] const V* find(const flow_key& k) const noexcept { return find_hashed(k, hash(k)); }
    [[nodiscard]] V* find_hashed(const flow_key& k, std::uint64_t h) noexcept {
        const std::size_t i = index_of(k, h);
        return i == npos ? nullptr : &(*slots_[i]).second;
    }
    [[nodiscard]] const V* find_hashed(const flow_key& k, std::uint64_t h) const noexcept {
        const std::size_t i = index_of(k, h);
        return i == npos ? nullptr : &(*slots_[i]).second;
    }

    // Inserts (k, v) unless k is there; returns the value under k and
    // whether it was inserted.
    template <class... Args>
    std::pair<V*, bool> try_emplace(const flow_key& k, Args&&... args) {
        return try_emplace_hashed(k, hash(k), std::forward<Args>(args)...);
    }
    // `h` must be hash(k).
    template <class... Args>
    std::pair<V*, bool> try_emplace_hashed(const flow_key& k, std::uint64_t h, Args&&... args) {
        if (V* v = find_hashed(k, h)) return {v, false};
        if ((size_ + 1) * 2 > slots_.size()) grow();
        std::size_t i = static_cast<std::size_t>(h) & mask();
        while (slots_[i]) i = (i + 1) & mask();
        slots_[i].emplace(std::piecewise_construct, std::forward_as_tuple(k),
                          std::forward_as_tuple(std::forward<Args>(args)...));
        ++size_;
        return {&(*slots_[i]).second, true};
    }

    bool erase(const flow_key& k) noexcept {
        std::size_t hole = index_of(k, hash(k));
        if (hole == npos) return false;
        slots_[hole].reset();
        --size_;
        // Backward shift: pull each later entry of the run into the hole
        // when its home slot does not lie (cyclically) between hole and it.
        for (std::size_t j = (hole + 1) & mask(); slots_[j]; j = (j + 1) & mask()) {
            const std::size_t h = home(slots_[j]->first);
            const bool stays = hole < j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (stays) continue;
            slots_[hole] = std::move(slots_[j]);
            slots_[j].reset();
            hole = j;
        }
        return true;
    }

    void clear() noexcept {
        for (auto& s : slots_) s.reset();
        size_ = 0;
    }

    // Every entry, in slot order (unspecified but the same for the same
    // inserts under the same key).
    template <class F>
    void for_each(F&& f) const {
        for (const auto& s : slots_)
            if (s) f(s->first, s->second);
    }
    template <class F>
    void for_each(F&& f) {
        for (auto& s : slots_)
            if (s) f(s->first, s->second);
    }

private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    [[nodiscard]] std::size_t mask() const noexcept { return slots_.size() - 1; }
    [[nodiscard]] std::size_t home(const flow_key& k) const noexcept {
        return static_cast<std::size_t>(hash(k)) & mask();
    }
    [[nodiscard]] std::size_t index_of(const flow_key& k, std::uint64_t h) const noexcept {
        if (size_ == 0) return npos;
        for (std::size_t i = static_cast<std::size_t>(h) & mask();; i = (i + 1) & mask()) {
            if (!slots_[i]) return npos;
            if (slots_[i]->first == k) return i;
        }
    }
    void grow() {
        std::vector<slot, slot_allocator> old(slots_.size() < 8 ? 16 : slots_.size() * 2, slots_.get_allocator());
        old.swap(slots_);
        for (auto& s : old) {
            if (!s) continue;
            std::size_t i = home(s->first);
            while (slots_[i]) i = (i + 1) & mask();
            slots_[i] = std::move(s);
        }
    }

    sip_key key_;
    std::vector<slot, slot_allocator> slots_;
    std::size_t size_ = 0;
};

} // namespace ipwire::detail
