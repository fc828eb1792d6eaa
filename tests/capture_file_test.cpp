// capture_file (ipwire/capture_file.hpp): a real capture opened mapped and
// read, byte for byte what std::ifstream reads; a missing file, a directory
// and an empty file; the errno kept; move-only ownership.
#include <ipwire/capture_file.hpp>

#include <doctest/doctest.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif

namespace {

using ipwire::capture_file;
using ipwire::errc;
using how = ipwire::capture_file::how;

static_assert(!std::is_copy_constructible_v<capture_file> && !std::is_copy_assignable_v<capture_file>);
static_assert(std::is_nothrow_move_constructible_v<capture_file> && std::is_nothrow_move_assignable_v<capture_file>);
static_assert(!std::is_copy_constructible_v<ipwire::result<capture_file>>);
static_assert(std::is_nothrow_move_constructible_v<ipwire::result<capture_file>>);

const std::filesystem::path captures = std::filesystem::path(IPWIRE_TEST_DATA_DIR) / "captures";

std::vector<std::uint8_t> slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t count_records(const ipwire::capture_view& v) {
    std::size_t n = 0;
    for (auto it = v.begin(); it != v.end(); ++it) ++n;
    return n;
}

// A file of the given bytes under the temporary directory, removed at the end.
struct temporary_file {
    std::filesystem::path path;
    explicit temporary_file(const std::string& name, const std::vector<std::uint8_t>& bytes)
        : path(std::filesystem::temp_directory_path() /
               (name + "-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        REQUIRE(out);
    }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    ~temporary_file() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

} // namespace

TEST_CASE("capture_file::open: a real capture, mapped and read, holds the file's bytes") {
    const std::filesystem::path path = captures / "zeek-pcapng-multi-interface.pcapng";
    const std::vector<std::uint8_t> expected = slurp(path);
    REQUIRE(expected.size() == 1348);
    for (const how method : {how::map, how::read}) {
        CAPTURE(static_cast<int>(method));
        const auto file = capture_file::open(path.string(), method);
        REQUIRE(file);
        CHECK(file.error() == errc{});
        CHECK(file.error_number() == 0);
        CHECK(file->mapped() == (method == how::map && IPWIRE_CAPTURE_FILE_POSIX));
        CHECK(file->size() == expected.size());
        CHECK(std::vector<std::uint8_t>(file->bytes().begin(), file->bytes().end()) == expected);
        const auto view = file->view();
        REQUIRE(view);
        CHECK(view->bytes().data() == file->bytes().data());
        CHECK(count_records(*view) == 6);
        CHECK(view->error() == errc{});
    }
    // The std::filesystem::path overload and the const char* one agree.
    const auto by_path = capture_file::open(path);
    REQUIRE(by_path);
    CHECK(by_path->size() == expected.size());
}

TEST_CASE("capture_file::open: a missing file keeps ENOENT") {
    const std::string missing = (captures / "no-such-file.pcap").string();
    for (const how method : {how::map, how::read}) {
        const auto file = capture_file::open(missing.c_str(), method);
        CHECK(!file);
        CHECK(!file.has_value());
        CHECK(file.error() == errc::file_error);
        CHECK(file.error_number() == ENOENT);
#if IPWIRE_HAS_EXCEPTIONS
        CHECK_THROWS_AS(static_cast<void>(file.value()), ipwire::bad_result_access);
#endif
    }
    CHECK(capture_file::open(static_cast<const char*>(nullptr)).error_number() == EINVAL);
    CHECK(ipwire::to_string(errc::file_error) == "file could not be read");
}

TEST_CASE("capture_file::open: a directory is EISDIR") {
    for (const how method : {how::map, how::read}) {
        const auto file = capture_file::open(captures.string(), method);
        CHECK(file.error() == errc::file_error);
        CHECK(file.error_number() == EISDIR);
    }
}

TEST_CASE("capture_file::open: an empty file opens empty, and its view is truncated") {
    const temporary_file empty("ipwire-capture-file-empty", {});
    for (const how method : {how::map, how::read}) {
        const auto file = capture_file::open(empty.path.string(), method);
        REQUIRE(file);
        CHECK(file->empty());
        CHECK(file->size() == 0);
        CHECK(file->bytes().empty());
        CHECK(!file->mapped()); // nothing to map
        CHECK(file->view().error() == errc::truncated);
    }
    // And a file too short for a header: its bytes, then truncated.
    const temporary_file three("ipwire-capture-file-three", {0xD4, 0xC3, 0xB2});
    const auto file = capture_file::open(three.path.string());
    REQUIRE(file);
    CHECK(file->size() == 3);
    CHECK(file->view().error() == errc::truncated);
}

#ifdef __linux__
TEST_CASE("capture_file::open: a file whose size reads as 0 is read to its end") {
    // /proc files report st_size 0 but have content: nothing to map, so read.
    const auto file = capture_file::open("/proc/self/status");
    REQUIRE(file);
    CHECK(!file->mapped());
    CHECK(file->size() > 100);
    CHECK(file->view().error() == errc::bad_magic);
}
#endif

TEST_CASE("capture_file: move-only; a move keeps the bytes where they are") {
    auto opened = capture_file::open((captures / "tcpdump-tcp-handshake-nano.pcap").string());
    REQUIRE(opened);
    capture_file a = std::move(*opened);
    CHECK(opened->empty()); // moved from
    const std::uint8_t* where = a.bytes().data();
    const auto view = a.view().value();
    capture_file b = std::move(a);
    CHECK(a.empty()); // NOLINT(bugprone-use-after-move): a moved-from capture_file is empty, by contract
    CHECK(a.bytes().data() == nullptr);
    CHECK(b.bytes().data() == where);
    CHECK(count_records(view) == count_records(b.view().value())); // the view taken before the move still reads
    // Move assignment releases what the target held.
    capture_file c = capture_file::open((captures / "tcpdump-empty.pcapng").string(), how::read).value();
    CHECK(!c.empty());
    c = std::move(b);
    CHECK(c.bytes().data() == where);
    c = capture_file{};
    CHECK(c.empty());
    const capture_file nothing;
    CHECK(nothing.bytes().empty());
    CHECK(nothing.view().error() == errc::truncated);
}
