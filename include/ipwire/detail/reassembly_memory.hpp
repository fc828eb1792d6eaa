// The memory side of the reassemblers (issue 16): a memory_resource that
// counts the bytes live through it, so a reassembler can hold a budget by
// measuring what it holds instead of estimating it. A reassembler predicts
// an upper bound of what the next step allocates (every container reserves
// exactly what it was asked: no hidden growth), evicts until measured live
// bytes plus that bound fit, and only then allocates: the budget is never
// crossed, not even for the moment a reallocation holds old and new buffers.
#pragma once

#include <cstddef>

// std::pmr came to libc++ in version 16 (libstdc++ has had it since 9):
// without <memory_resource> the reassemblers are not defined and this says so.
#if __has_include(<memory_resource>)
#include <memory_resource>
#define IPWIRE_HAS_REASSEMBLY 1
#else
#define IPWIRE_HAS_REASSEMBLY 0
#endif

#if IPWIRE_HAS_REASSEMBLY
namespace ipwire::detail {

class counting_resource final : public std::pmr::memory_resource {
public:
    explicit counting_resource(std::pmr::memory_resource* upstream) noexcept : upstream_(upstream) {}
    counting_resource(const counting_resource&) = delete;
    counting_resource& operator=(const counting_resource&) = delete;
    counting_resource(counting_resource&&) = delete;
    counting_resource& operator=(counting_resource&&) = delete;
    ~counting_resource() override = default;

    [[nodiscard]] std::size_t live() const noexcept { return live_; }
    [[nodiscard]] std::size_t peak() const noexcept { return peak_; }
    [[nodiscard]] std::pmr::memory_resource* upstream() const noexcept { return upstream_; }

private:
    void* do_allocate(std::size_t bytes, std::size_t alignment) override {
        void* p = upstream_->allocate(bytes, alignment);
        live_ += bytes;
        if (live_ > peak_) peak_ = live_;
        return p;
    }
    void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
        upstream_->deallocate(p, bytes, alignment);
        live_ -= bytes;
    }
    [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
        return this == &other;
    }

    std::pmr::memory_resource* upstream_;
    std::size_t live_ = 0;
    std::size_t peak_ = 0;
};

// What a std::vector reserve to `wanted` elements allocates when the
// capacity is `capacity`: nothing if it fits, else `wanted` elements (the
// reassemblers grow capacities themselves, doubling, through reserve).
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the order reads as a sentence
[[nodiscard]] constexpr std::size_t grown_capacity(std::size_t capacity, std::size_t wanted,
                                                   std::size_t floor) noexcept {
    if (wanted <= capacity) return capacity;
    std::size_t c = capacity * 2 < floor ? floor : capacity * 2;
    return c < wanted ? wanted : c;
}

// Bytes a node of a std::pmr::list<T> takes: T and two links, rounded up
// generously for alignment (an upper bound, checked by the budget tests).
template <class T>
inline constexpr std::size_t list_node_bound = sizeof(T) + 2 * sizeof(void*) + alignof(T);

// Bytes a growth of a detail::flow_map<V> from `capacity` slots allocates
// when it holds `size` entries and one more comes (its grow(): 16 slots
// first, then doubling, at most half full).
template <class Slot>
[[nodiscard]] constexpr std::size_t flow_map_growth(std::size_t size, std::size_t capacity) noexcept {
    if ((size + 1) * 2 <= capacity) return 0;
    return (capacity < 8 ? 16 : capacity * 2) * sizeof(Slot);
}

} // namespace ipwire::detail
#endif // IPWIRE_HAS_REASSEMBLY
