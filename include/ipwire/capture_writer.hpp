// Captures out: pcap_writer (draft-ietf-opsawg-pcap, micro- or nanosecond
// magic) and pcapng_writer (draft-ietf-opsawg-pcapng: a Section Header Block,
// Interface Description Blocks with if_tsresol, Enhanced Packet Blocks), the
// mirror of capture_view. They write to a sink, any callable taking a
// bytes_view: file_sink (a FILE*), ostream_sink (a std::ostream) and
// span_sink (a caller's buffer, usable in constant expressions) are below.
//
// A sink may return void (it cannot fail), bool (false: it failed, reported
// as errc::file_error) or errc. Each block goes out in a few calls (header,
// packet bytes, padding, trailer): nothing is copied or allocated. Files are
// written little-endian, which every reader handles (the magic says so).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ipwire/capture.hpp"
#include "ipwire/error.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/link_type.hpp"

namespace ipwire {

enum class timestamp_resolution : std::uint8_t { microseconds, nanoseconds };

// Writes to a C stream; returns false when fwrite wrote less.
class file_sink {
public:
    explicit file_sink(std::FILE* file) noexcept : file_(file) {}
    bool operator()(bytes_view b) const noexcept { return std::fwrite(b.data(), 1, b.size(), file_) == b.size(); }

private:
    std::FILE* file_;
};

// Writes to a std::ostream (or any stream with write(const char*, n) and
// good()); a template so that this header needs no <ostream>.
template <class Stream>
class ostream_sink {
public:
    explicit ostream_sink(Stream& stream) noexcept : stream_(&stream) {}
    bool operator()(bytes_view b) const {
        // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): streams take char; the bytes are the same
        stream_->write(reinterpret_cast<const char*>(b.data()), static_cast<std::ptrdiff_t>(b.size()));
        return stream_->good();
    }

private:
    Stream* stream_;
};

// Appends to a caller's buffer: errc::buffer_too_small (and nothing of that
// call written) when it is full.
class span_sink {
public:
    constexpr explicit span_sink(std::span<std::uint8_t> buffer) noexcept : buffer_(buffer) {}
    constexpr errc operator()(bytes_view b) noexcept {
        if (buffer_.size() - size_ < b.size()) return errc::buffer_too_small;
        for (std::size_t i = 0; i < b.size(); ++i) buffer_[size_ + i] = b[i];
        size_ += b.size();
        return {};
    }
    // What was written so far.
    [[nodiscard]] constexpr bytes_view written() const noexcept { return bytes_view(buffer_).first(size_); }

private:
    std::span<std::uint8_t> buffer_;
    std::size_t size_ = 0;
};

namespace detail::capture_out {

template <class Sink>
constexpr errc emit(Sink& sink, bytes_view b) {
    using R = decltype(sink(b));
    if constexpr (std::is_void_v<R>) {
        sink(b);
        return {};
    } else if constexpr (std::is_same_v<R, bool>) {
        return sink(b) ? errc{} : errc::file_error;
    } else {
        return static_cast<errc>(sink(b));
    }
}

// A little-endian field buffer for block headers.
template <std::size_t N>
struct le_bytes {
    std::array<std::uint8_t, N> bytes{};
    std::size_t size = 0;
    constexpr void u8(std::uint8_t v) noexcept {
        if (size < N) bytes[size] = v; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): checked
        ++size;
    }
    constexpr void u16(std::uint16_t v) noexcept {
        u8(static_cast<std::uint8_t>(v & 0xFFU));
        u8(static_cast<std::uint8_t>(v >> 8U));
    }
    constexpr void u32(std::uint32_t v) noexcept {
        u16(static_cast<std::uint16_t>(v & 0xFFFFU));
        u16(static_cast<std::uint16_t>(v >> 16U));
    }
    [[nodiscard]] constexpr bytes_view view() const noexcept { return bytes_view(bytes).first(size < N ? size : N); }
};

inline constexpr std::array<std::uint8_t, 4> zeros{};

// Ticks of the file's resolution, from nanoseconds since the epoch.
[[nodiscard]] constexpr std::uint64_t ticks(std::uint64_t ns, timestamp_resolution r) noexcept {
    return r == timestamp_resolution::nanoseconds ? ns : ns / 1000;
}

// The bytes kept of a packet of n under a snap length (0: no limit).
[[nodiscard]] constexpr std::size_t cut(std::size_t n, std::uint32_t snap_length) noexcept {
    return snap_length != 0 && n > snap_length ? snap_length : n;
}

} // namespace detail::capture_out

// pcap: a 24-byte file header (written by the constructor), then one record
// per packet. `snap_length` cuts each packet's captured bytes; the original
// length is kept.
template <class Sink>
class pcap_writer {
public:
    static constexpr std::uint32_t default_snap_length = 262144; // tcpdump's

    constexpr explicit pcap_writer(Sink sink, ipwire::link_type link = link_type::ethernet,
                                   timestamp_resolution resolution = timestamp_resolution::microseconds,
                                   std::uint32_t snap_length = default_snap_length)
        : sink_(std::forward<Sink>(sink)), resolution_(resolution), snap_length_(snap_length) {
        detail::capture_out::le_bytes<24> h;
        h.u32(resolution == timestamp_resolution::nanoseconds ? 0xA1B23C4DU : 0xA1B2C3D4U);
        h.u16(2); // version 2.4
        h.u16(4);
        h.u32(0); // reserved (once thiszone, sigfigs)
        h.u32(0);
        h.u32(snap_length);
        h.u32(static_cast<std::uint16_t>(link)); // FCS bits 0
        error_ = detail::capture_out::emit(sink_, h.view());
    }

    // One record: `timestamp` in nanoseconds since 1970 (cut to microseconds
    // in a microsecond file), `original_length` the length on the wire (0:
    // data.size()). The first error stays and later writes do nothing.
    constexpr errc write(std::uint64_t timestamp, bytes_view data, std::uint32_t original_length = 0) {
        if (error_ != errc{}) return error_;
        const std::size_t captured = detail::capture_out::cut(data.size(), snap_length_);
        const auto seconds = timestamp / 1'000'000'000U;
        const std::uint64_t fraction = detail::capture_out::ticks(timestamp % 1'000'000'000U, resolution_);
        detail::capture_out::le_bytes<16> h;
        h.u32(static_cast<std::uint32_t>(seconds));
        h.u32(static_cast<std::uint32_t>(fraction));
        h.u32(static_cast<std::uint32_t>(captured));
        h.u32(original_length != 0 ? original_length : static_cast<std::uint32_t>(data.size()));
        error_ = detail::capture_out::emit(sink_, h.view());
        if (error_ == errc{}) error_ = detail::capture_out::emit(sink_, data.first(captured));
        return error_;
    }
    // A record as capture_view reads it (its timestamp, data and original length).
    constexpr errc write(const capture_record& r) { return write(r.timestamp, r.data, r.original_length); }

    // errc{} while every write succeeded, else the first error.
    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    [[nodiscard]] constexpr Sink& sink() noexcept { return sink_; }

private:
    Sink sink_;
    timestamp_resolution resolution_;
    std::uint32_t snap_length_;
    errc error_{};
};

// pcapng: the constructor writes a Section Header Block (section length
// unspecified, -1); add_interface an Interface Description Block with
// if_tsresol 6 or 9 (and if_name when given); write an Enhanced Packet Block.
template <class Sink>
class pcapng_writer {
public:
    static constexpr std::uint32_t default_snap_length = 262144;
    // Interfaces one writer describes (their resolution and snap length are
    // kept to write packets; no allocation).
    static constexpr std::size_t max_interfaces = 32;

    constexpr explicit pcapng_writer(Sink sink) : sink_(std::forward<Sink>(sink)) {
        constexpr std::string_view application = "ipwire";
        detail::capture_out::le_bytes<44> h;
        h.u32(0x0A0D0D0AU); // block type
        h.u32(28 + 4 + 8 + 4);
        h.u32(0x1A2B3C4DU); // byte-order magic
        h.u16(1);           // version 1.0
        h.u16(0);
        h.u32(0xFFFFFFFFU); // section length: not given
        h.u32(0xFFFFFFFFU);
        h.u16(4); // shb_userappl
        h.u16(static_cast<std::uint16_t>(application.size()));
        for (const char c : application) h.u8(static_cast<std::uint8_t>(c));
        h.u8(0); // padding to 8
        h.u8(0);
        h.u32(0); // opt_endofopt
        h.u32(28 + 4 + 8 + 4);
        error_ = detail::capture_out::emit(sink_, h.view());
    }

    // The new interface's id (0, 1, ... in this section), or the error:
    // buffer_too_small past max_interfaces, or the sink's.
    constexpr result<std::uint32_t> add_interface(ipwire::link_type link,
                                                  timestamp_resolution resolution = timestamp_resolution::microseconds,
                                                  std::uint32_t snap_length = default_snap_length,
                                                  std::string_view name = {}) {
        if (error_ != errc{}) return error_;
        if (count_ == max_interfaces || name.size() > 0xFF00) return errc::buffer_too_small;
        const std::size_t name_option = name.empty() ? 0 : 4 + (name.size() + 3) / 4 * 4;
        const auto total = static_cast<std::uint32_t>(16 + name_option + 8 + 4 + 4);
        detail::capture_out::le_bytes<16> h;
        h.u32(1); // block type
        h.u32(total);
        h.u16(static_cast<std::uint16_t>(link));
        h.u16(0);
        h.u32(snap_length);
        if (const errc e = detail::capture_out::emit(sink_, h.view()); e != errc{}) return error_ = e;
        if (!name.empty()) {
            detail::capture_out::le_bytes<4> o;
            o.u16(2); // if_name
            o.u16(static_cast<std::uint16_t>(name.size()));
            if (const errc e = emit_all(o.view(), name); e != errc{}) return error_ = e;
        }
        detail::capture_out::le_bytes<16> t;
        t.u16(9); // if_tsresol: 10^-6 or 10^-9
        t.u16(1);
        t.u8(resolution == timestamp_resolution::nanoseconds ? 9 : 6);
        t.u8(0);
        t.u16(0);
        t.u32(0); // opt_endofopt
        t.u32(total);
        if (const errc e = detail::capture_out::emit(sink_, t.view()); e != errc{}) return error_ = e;
        // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): count_ < max_interfaces, checked above
        interfaces_[count_] = {resolution, snap_length};
        return static_cast<std::uint32_t>(count_++);
    }

    // One Enhanced Packet Block on `interface` (an id add_interface gave,
    // else unknown_interface_id): timestamp and lengths as pcap_writer::write.
    // NOLINTNEXTLINE(bugprone-easily-swappable-parameters): the order of the block's fields, as capture_record has them
    constexpr errc write(std::uint32_t interface, std::uint64_t timestamp, bytes_view data,
                         std::uint32_t original_length = 0) {
        if (error_ != errc{}) return error_;
        if (interface >= count_) return errc::unknown_interface_id;
        const auto& i = interfaces_[interface]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): checked
        const std::size_t captured = detail::capture_out::cut(data.size(), i.snap_length);
        const std::size_t padded = (captured + 3) / 4 * 4;
        const auto total = static_cast<std::uint32_t>(28 + padded + 4);
        const std::uint64_t ticks = detail::capture_out::ticks(timestamp, i.resolution);
        detail::capture_out::le_bytes<28> h;
        h.u32(6); // block type
        h.u32(total);
        h.u32(interface);
        h.u32(static_cast<std::uint32_t>(ticks >> 32U));
        h.u32(static_cast<std::uint32_t>(ticks & 0xFFFFFFFFU));
        h.u32(static_cast<std::uint32_t>(captured));
        h.u32(original_length != 0 ? original_length : static_cast<std::uint32_t>(data.size()));
        detail::capture_out::le_bytes<4> t;
        t.u32(total);
        error_ = detail::capture_out::emit(sink_, h.view());
        if (error_ == errc{}) error_ = detail::capture_out::emit(sink_, data.first(captured));
        if (error_ == errc{} && padded != captured)
            error_ = detail::capture_out::emit(sink_, bytes_view(detail::capture_out::zeros).first(padded - captured));
        if (error_ == errc{}) error_ = detail::capture_out::emit(sink_, t.view());
        return error_;
    }
    constexpr errc write(const capture_record& r) {
        return write(r.interface_id, r.timestamp, r.data, r.original_length);
    }

    [[nodiscard]] constexpr errc error() const noexcept { return error_; }
    [[nodiscard]] constexpr Sink& sink() noexcept { return sink_; }

private:
    struct interface_info {
        timestamp_resolution resolution = timestamp_resolution::microseconds;
        std::uint32_t snap_length = 0;
    };

    // An option's header, its text and the padding to 4.
    constexpr errc emit_all(bytes_view header, std::string_view text) {
        if (const errc e = detail::capture_out::emit(sink_, header); e != errc{}) return e;
        std::array<std::uint8_t, 64> chunk{};
        for (std::size_t at = 0; at < text.size(); at += chunk.size()) {
            const std::size_t n = text.size() - at < chunk.size() ? text.size() - at : chunk.size();
            // cppcheck-suppress knownConditionTrueFalse ; false positive: n is 1 to 64 for a text not yet written
            for (std::size_t k = 0; k < n; ++k)
                // NOLINTNEXTLINE(cppcoreguidelines-pro-bounds-constant-array-index): k < n <= 64
                chunk[k] = static_cast<std::uint8_t>(text[at + k]);
            if (const errc e = detail::capture_out::emit(sink_, bytes_view(chunk).first(n)); e != errc{}) return e;
        }
        const std::size_t pad = (4 - text.size() % 4) % 4;
        return pad == 0 ? errc{} : detail::capture_out::emit(sink_, bytes_view(detail::capture_out::zeros).first(pad));
    }

    Sink sink_;
    std::array<interface_info, max_interfaces> interfaces_{};
    std::size_t count_ = 0;
    errc error_{};
};

} // namespace ipwire
