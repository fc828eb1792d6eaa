// capture_file: the bytes of a capture file on disk, for capture_view. It is
// what every user of capture_view would otherwise write: open the file, map
// it (POSIX mmap) or read it whole, keep it alive while records point into it,
// and release it once. Not constexpr, and unlike the views it allocates (the
// read fallback's buffer) and makes system calls.
//
//   auto file = ipwire::capture_file::open(path);
//   if (!file) std::fprintf(stderr, "%s: %s\n", path, std::strerror(file.error_number()));
//   auto capture = file->view();   // result<capture_view>: the file's bytes parsed
//
// Errors: errc::file_error, with the errno of the call that failed kept in
// result<capture_file>::error_number() (ENOENT, EACCES, EISDIR for a
// directory, EFBIG for a file larger than the address space, ENOMEM, EIO, ...).
// An empty file opens (bytes() is empty; view() then says errc::truncated).
#pragma once

#include <cerrno>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <utility>

#include "ipwire/capture.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"

#if defined(__unix__) || defined(__APPLE__)
#define IPWIRE_CAPTURE_FILE_POSIX 1
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#else
// Elsewhere (Windows) the file is read with <cstdio>; never mapped.
#define IPWIRE_CAPTURE_FILE_POSIX 0
#include <cstdio>
#endif

namespace ipwire {

class capture_file;
template <>
class result<capture_file>;

// Owns the bytes: move-only, and a moved-from capture_file is empty. Moving
// keeps the bytes where they are, so views and records taken from it stay
// valid until the capture_file that holds them is destroyed.
//
// A mapped file that another process shrinks while it is mapped makes a read
// of the lost pages raise SIGBUS, as with any mmap; open files that may
// change with how::read.
class capture_file {
public:
    // How open() gets the bytes. map: mmap where the platform has it, reading
    // the file whenever mapping fails (a file system that cannot map, a
    // pipe, a /proc file whose size reads as 0); read: always read.
    enum class how : std::uint8_t { map, read };

    capture_file() noexcept = default; // empty: no file, bytes() empty
    capture_file(const capture_file&) = delete;
    capture_file& operator=(const capture_file&) = delete;
    capture_file(capture_file&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
          mapped_(std::exchange(other.mapped_, false)) {}
    capture_file& operator=(capture_file&& other) noexcept {
        if (this != &other) {
            release();
            data_ = std::exchange(other.data_, nullptr);
            size_ = std::exchange(other.size_, 0);
            mapped_ = std::exchange(other.mapped_, false);
        }
        return *this;
    }
    ~capture_file() { release(); }

    // `path` names the file as the system's open() takes it.
    [[nodiscard]] static result<capture_file> open(const char* path, how method = how::map) noexcept;
    // Any string type with c_str(): std::string, std::filesystem::path on POSIX.
    template <class Path>
    requires requires(const Path& p) {
        { p.c_str() } -> std::convertible_to<const char*>;
    }
    [[nodiscard]] static result<capture_file> open(const Path& path, how method = how::map) noexcept;

    [[nodiscard]] bytes_view bytes() const noexcept { return {data_, size_}; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    // True when the bytes are a mapping of the file, false when they were read.
    [[nodiscard]] bool mapped() const noexcept { return mapped_; }
    // capture_view::parse(bytes()). The view points into this object's bytes.
    [[nodiscard]] result<capture_view> view() const noexcept { return capture_view::parse(bytes()); }

private:
    capture_file(std::uint8_t* data, std::size_t size, bool mapped) noexcept
        : data_(data), size_(size), mapped_(mapped) {}

    void release() noexcept {
#if IPWIRE_CAPTURE_FILE_POSIX
        if (mapped_) {
            ::munmap(data_, size_);
        } else {
            delete[] data_;
        }
#else
        delete[] data_;
#endif
        data_ = nullptr;
        size_ = 0;
        mapped_ = false;
    }

    // Reads to the end of the file (or `expected` bytes when known, 0: not
    // known) into a buffer grown as needed. Returns 0 or the errno.
    template <class ReadSome>
    static int read_all(ReadSome read_some, std::size_t expected, capture_file& out) noexcept;

    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    bool mapped_ = false;
};

// result<capture_file>: as result<T> (has_value(), operator bool, value(),
// error(), operator*, operator->), for a move-only value, and with the errno
// kept beside errc::file_error. The generic result holds trivially copyable
// values only, hence this specialization; value() on an error throws
// bad_result_access(errc::file_error) (aborts without exceptions).
template <>
class result<capture_file> {
public:
    using value_type = capture_file;
    using error_type = errc;

    // cppcheck-suppress noExplicitConstructor ; implicit as result<T>'s: `return file;`
    result(capture_file&& file) noexcept
        : file_(std::move(file)), has_value_(true) {} // NOLINT(google-explicit-constructor)
    // cppcheck-suppress noExplicitConstructor ; implicit as result<T>'s: `return errc::x;`
    result(errc error, int error_number = 0) noexcept // NOLINT(google-explicit-constructor)
        : error_(error), error_number_(error_number) {}

    [[nodiscard]] bool has_value() const noexcept { return has_value_; }
    [[nodiscard]] explicit operator bool() const noexcept { return has_value_; }

    [[nodiscard]] capture_file& value() & {
        if (!has_value_) detail::throw_bad_result_access(error_);
        return file_;
    }
    [[nodiscard]] const capture_file& value() const& {
        if (!has_value_) detail::throw_bad_result_access(error_);
        return file_;
    }
    [[nodiscard]] capture_file value() && {
        if (!has_value_) detail::throw_bad_result_access(error_);
        return std::move(file_);
    }
    // errc{} when there is a value, else errc::file_error.
    [[nodiscard]] errc error() const noexcept { return has_value_ ? errc{} : error_; }
    // The errno of the failed call (0 when there is a value): give it to
    // std::strerror or std::generic_category().message().
    [[nodiscard]] int error_number() const noexcept { return has_value_ ? 0 : error_number_; }

    // Unchecked, like std::optional: only after has_value().
    [[nodiscard]] capture_file& operator*() & noexcept { return file_; }
    [[nodiscard]] const capture_file& operator*() const& noexcept { return file_; }
    [[nodiscard]] capture_file operator*() && noexcept { return std::move(file_); }
    [[nodiscard]] capture_file* operator->() noexcept { return &file_; }
    [[nodiscard]] const capture_file* operator->() const noexcept { return &file_; }

private:
    capture_file file_;
    errc error_{};
    int error_number_ = 0;
    bool has_value_ = false;
};

template <class ReadSome>
int capture_file::read_all(ReadSome read_some, std::size_t expected, capture_file& out) noexcept {
    std::size_t capacity = expected != 0 ? expected : std::size_t{64} * 1024;
    std::size_t size = 0;
    std::uint8_t* buffer = new (std::nothrow) std::uint8_t[capacity];
    if (buffer == nullptr) return ENOMEM;
    for (;;) {
        if (size == capacity) {
            if (expected != 0) break; // read what the size said; a file that grew since is cut there
            if (capacity > std::numeric_limits<std::size_t>::max() / 2) {
                delete[] buffer;
                return EFBIG;
            }
            auto* bigger = new (std::nothrow) std::uint8_t[capacity * 2];
            if (bigger == nullptr) {
                delete[] buffer;
                return ENOMEM;
            }
            for (std::size_t i = 0; i < size; ++i) bigger[i] = buffer[i];
            delete[] buffer;
            buffer = bigger;
            capacity *= 2;
        }
        const long got = read_some(buffer + size, capacity - size); // bytes, 0 at the end, -1: errno
        if (got < 0) {
            const int e = errno;
            delete[] buffer;
            return e;
        }
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    out = capture_file(buffer, size, false);
    return 0;
}

inline result<capture_file> capture_file::open(const char* path, how method) noexcept {
    if (path == nullptr) return {errc::file_error, EINVAL};
    capture_file file;
#if IPWIRE_CAPTURE_FILE_POSIX
    int flags = O_RDONLY;
#ifdef O_CLOEXEC
    flags |= O_CLOEXEC;
#endif
    int fd = -1;
    do {
        fd = ::open(path, flags); // NOLINT(cppcoreguidelines-pro-type-vararg): open(2) is variadic for its mode
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return {errc::file_error, errno};
    // Closes the descriptor on every path; the mapping outlives it.
    struct closer {
        int fd;
        explicit closer(int descriptor) noexcept : fd(descriptor) {}
        closer(const closer&) = delete;
        closer& operator=(const closer&) = delete;
        ~closer() { ::close(fd); }
    } const guard{fd};

    struct stat status {};
    if (::fstat(fd, &status) != 0) return {errc::file_error, errno};
    if (S_ISDIR(status.st_mode)) return {errc::file_error, EISDIR};
    std::size_t expected = 0; // 0: unknown, read to the end
    if (S_ISREG(status.st_mode) && status.st_size > 0) {
        if (static_cast<std::uintmax_t>(status.st_size) > std::numeric_limits<std::size_t>::max())
            return {errc::file_error, EFBIG};
        expected = static_cast<std::size_t>(status.st_size);
        if (method == how::map) {
            void* p = ::mmap(nullptr, expected, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                static_cast<void>(::posix_madvise(p, expected, POSIX_MADV_SEQUENTIAL)); // a hint only
                return capture_file(static_cast<std::uint8_t*>(p), expected, true);
            }
            // Falls back to reading.
        }
    }
    const int e = read_all(
        [fd](std::uint8_t* into, std::size_t room) noexcept -> long {
            for (;;) {
                const ::ssize_t got = ::read(fd, into, room);
                if (got >= 0 || errno != EINTR) return static_cast<long>(got);
            }
        },
        expected, file);
    if (e != 0) return {errc::file_error, e};
#else
    static_cast<void>(method);
    std::FILE* f = std::fopen(path, "rb");
    if (f == nullptr) return {errc::file_error, errno != 0 ? errno : ENOENT};
    const int e = read_all(
        [f](std::uint8_t* into, std::size_t room) noexcept -> long {
            const std::size_t got = std::fread(into, 1, room, f);
            if (got == 0 && std::ferror(f) != 0) {
                errno = EIO;
                return -1;
            }
            return static_cast<long>(got);
        },
        0, file);
    std::fclose(f);
    if (e != 0) return {errc::file_error, e};
#endif
    return file;
}

template <class Path>
requires requires(const Path& p) {
    { p.c_str() } -> std::convertible_to<const char*>;
}
result<capture_file> capture_file::open(const Path& path, how method) noexcept {
    return open(static_cast<const char*>(path.c_str()), method);
}

} // namespace ipwire
