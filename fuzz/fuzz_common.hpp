// Shared by the fuzz targets: a property check that aborts with a message
// (so libFuzzer and the replay runner both report it), and the exact-size
// heap copy of the input that lets ASan see a one-byte over-read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

#define IPWIRE_FUZZ_CHECK(condition)                                                                                   \
    do {                                                                                                               \
        if (!(condition)) ::ipwire_fuzz::fail(#condition, __FILE__, __LINE__);                                         \
    } while (false)

namespace ipwire_fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "ipwire fuzz property failed: %s at %s:%d\n", what, file, line);
    std::abort();
}

// The input in a heap block of exactly its size: reading one byte past it is
// a heap-buffer-overflow under ASan (a pointer into libFuzzer's own buffer
// could hide it).
class exact_copy {
public:
    exact_copy(const std::uint8_t* data, std::size_t size)
        : bytes_(new std::uint8_t[size == 0 ? 1 : size]), size_(size) {
        if (size != 0) std::memcpy(bytes_.get(), data, size);
    }
    [[nodiscard]] const std::uint8_t* data() const noexcept { return bytes_.get(); }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] std::string_view text() const noexcept {
        return {reinterpret_cast<const char*>(bytes_.get()), size_};
    }

private:
    std::unique_ptr<std::uint8_t[]> bytes_;
    std::size_t size_;
};

} // namespace ipwire_fuzz
