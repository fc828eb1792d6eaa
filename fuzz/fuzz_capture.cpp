// fuzz_capture: the input is a whole pcap or pcapng file for capture_view.
// Properties: parse and the record walk never crash; every record's data lies
// inside the file, after the previous record's, and is as long as its
// captured_length; the walk ends cleanly exactly at the end of the file or
// with a capture errc, says the same every time it is asked, and a second
// walk (or a copy of an iterator) sees the same records; each record decodes
// with its link type into views that stay inside the record; a pcapng
// record's interface and link type are those of the Interface Description
// Block its id names, as a plain walk that keeps every interface finds them.
//
// libstdc++ and libc++ bounds assertions are on (see fuzz_decode.cpp).
#ifndef _GLIBCXX_ASSERTIONS
#define _GLIBCXX_ASSERTIONS 1
#endif
#ifndef _LIBCPP_ENABLE_ASSERTIONS
#define _LIBCPP_ENABLE_ASSERTIONS 1
#endif

#include "fuzz_common.hpp"

#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/error.hpp>
#include <ipwire/wire/link_type.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;

// Records walked per input at most (a file of empty records is 16 bytes each).
constexpr std::size_t max_records = 10000;
// Records compared between the first walk and a second one.
constexpr std::size_t compared_records = 16;

std::uintptr_t address_of(const std::uint8_t* p) { return reinterpret_cast<std::uintptr_t>(p); }

bool within(bytes_view part, bytes_view whole) {
    const std::uintptr_t begin = address_of(whole.data());
    const std::uintptr_t end = begin + whole.size();
    const std::uintptr_t p = address_of(part.data());
    if (part.empty()) return part.data() == nullptr || (p >= begin && p <= end);
    return p >= begin && p <= end && part.size() <= end - p;
}
bool same_span(bytes_view a, bytes_view b) { return a.data() == b.data() && a.size() == b.size(); }

bool same_record(const ipwire::capture_record& a, const ipwire::capture_record& b) {
    return a.link_type == b.link_type && a.timestamp == b.timestamp && a.captured_length == b.captured_length &&
           a.original_length == b.original_length && a.interface_id == b.interface_id && same_span(a.data, b.data);
}

// decode over one record: the spans it hands out stay inside the record, and
// a second decode says the same.
void check_decode(const ipwire::capture_record& r) {
    const bytes_view frame = r.data;
    const ipwire::decoded_packet p = ipwire::decode(frame, r.link_type);
    IPWIRE_FUZZ_CHECK(p.link_type() == r.link_type);
    IPWIRE_FUZZ_CHECK(within(p.payload(), frame));
    IPWIRE_FUZZ_CHECK(p.error().has_value() == (p.stop() == ipwire::decode_stop::error));
    if (p.error()) {
        IPWIRE_FUZZ_CHECK(p.error()->offset <= frame.size());
        IPWIRE_FUZZ_CHECK(address_of(p.payload().data()) == address_of(frame.data()) + p.error()->offset);
    }
    if (p.ethernet())
        IPWIRE_FUZZ_CHECK(within(p.ethernet()->payload(), frame) && within(p.ethernet()->header(), frame));
    if (p.linux_sll())
        IPWIRE_FUZZ_CHECK(within(p.linux_sll()->payload(), frame) && within(p.linux_sll()->address(), frame));
    if (p.linux_sll2())
        IPWIRE_FUZZ_CHECK(within(p.linux_sll2()->payload(), frame) && within(p.linux_sll2()->address(), frame));
    if (p.null_loopback()) IPWIRE_FUZZ_CHECK(within(p.null_loopback()->payload(), frame));
    IPWIRE_FUZZ_CHECK(p.ip_layers().size() <= ipwire::decoded_packet::max_ip_layers);
    for (const ipwire::ip_packet_view& ip : p.ip_layers()) {
        IPWIRE_FUZZ_CHECK(within(ip.bytes(), frame));
        IPWIRE_FUZZ_CHECK(within(ip.payload(), ip.bytes()));
        static_cast<void>(ip.source());
        static_cast<void>(ip.final_destination());
        static_cast<void>(ip.truncated());
    }
    IPWIRE_FUZZ_CHECK(!(p.tcp() && p.udp()));
    if (p.tcp()) {
        IPWIRE_FUZZ_CHECK(p.ip() && within(p.tcp()->bytes(), p.ip()->bytes()));
        IPWIRE_FUZZ_CHECK(within(p.tcp()->header(), p.tcp()->bytes()) && same_span(p.payload(), p.tcp()->payload()));
        for (const ipwire::tcp_option o : p.tcp()->options()) IPWIRE_FUZZ_CHECK(within(o.bytes(), p.tcp()->header()));
        static_cast<void>(p.tcp()->checksum_valid(*p.ip()));
    }
    if (p.udp()) {
        IPWIRE_FUZZ_CHECK(p.ip() && within(p.udp()->bytes(), p.ip()->bytes()));
        IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.udp()->payload()) && within(p.payload(), p.udp()->bytes()));
        static_cast<void>(p.udp()->checksum_valid(*p.ip()));
    }
    const ipwire::decoded_packet again = ipwire::decode(frame, r.link_type);
    IPWIRE_FUZZ_CHECK(again.stop() == p.stop() && again.error() == p.error() &&
                      same_span(again.payload(), p.payload()));
    IPWIRE_FUZZ_CHECK(again.ip_layers().size() == p.ip_layers().size());
}

bool is_capture_error(errc e) {
    return e == errc::truncated || e == errc::bad_magic || e == errc::bad_block_length ||
           e == errc::bad_record_length || e == errc::unknown_interface_id || e == errc::bad_option_length ||
           e == errc::too_many_interface_lookups;
}

// The pcapng packets as a plain walk sees them, keeping every interface's link
// type in a vector: the iterator's records must be a prefix of these (it checks
// more, so it may stop sooner). Blocks are followed by their length alone.
struct reference_packet {
    const std::uint8_t* data; // where the record's data starts
    std::uint32_t interface_id;
    std::optional<std::uint16_t> link; // empty: the id names no interface before it
};
std::vector<reference_packet> reference_walk(bytes_view file) {
    std::vector<reference_packet> out;
    std::vector<std::uint16_t> links;
    bool big = false;
    auto load32 = [&](std::size_t at) {
        const std::uint32_t b0 = file[at], b1 = file[at + 1], b2 = file[at + 2], b3 = file[at + 3];
        return big ? b0 << 24U | b1 << 16U | b2 << 8U | b3 : b3 << 24U | b2 << 16U | b1 << 8U | b0;
    };
    for (std::size_t at = 0; file.size() - at >= 12;) {
        if (file[at] == 0x0A && file[at + 1] == 0x0D && file[at + 2] == 0x0D && file[at + 3] == 0x0A) {
            big = file[at + 8] == 0x1A;
            links.clear();
        }
        const std::uint32_t type = load32(at);
        const std::uint32_t length = load32(at + 4);
        if (length < 12 || length % 4 != 0 || length > file.size() - at) break;
        if (type == 1 && length >= 20) links.push_back(static_cast<std::uint16_t>(load32(at + 8) >> (big ? 16U : 0U)));
        if ((type == 6 || type == 2) && length >= 32) {
            const std::uint32_t id = type == 6 ? load32(at + 8) : load32(at + 8) >> (big ? 16U : 0U) & 0xFFFFU;
            std::optional<std::uint16_t> link;
            if (id < links.size()) link = links[id];
            out.push_back({file.data() + at + 28, id, link});
        }
        if (type == 3 && length >= 16) {
            std::optional<std::uint16_t> link;
            if (!links.empty()) link = links[0];
            out.push_back({file.data() + at + 12, 0, link});
        }
        at += length;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A default-constructed view walks nothing and reports no error.
    constexpr ipwire::capture_view empty_view;
    IPWIRE_FUZZ_CHECK(empty_view.begin() == empty_view.end() && empty_view.error() == errc{});

    const ipwire_fuzz::exact_copy input(data, size);
    const bytes_view file(input.data(), input.size());

    const auto parsed = ipwire::capture_view::parse(file);
    if (!parsed) {
        const errc e = parsed.error();
        IPWIRE_FUZZ_CHECK(e == errc::truncated || e == errc::bad_magic || e == errc::bad_block_length);
        return 0;
    }
    const ipwire::capture_view view = *parsed;
    IPWIRE_FUZZ_CHECK(same_span(view.bytes(), file));
    const bool pcap = view.format() == ipwire::capture_format::pcap;
    static_cast<void>(view.is_big_endian());
    static_cast<void>(view.version_major());
    static_cast<void>(view.version_minor());
    IPWIRE_FUZZ_CHECK(view.link_type().has_value() == pcap);
    const std::uint32_t snap_length = view.snap_length();
    if (!pcap) IPWIRE_FUZZ_CHECK(snap_length == 0 && !view.has_nanosecond_timestamps());
    const std::vector<reference_packet> reference = pcap ? std::vector<reference_packet>{} : reference_walk(file);

    // The first walk.
    std::array<ipwire::capture_record, compared_records> first_records{};
    std::size_t count = 0;
    std::uintptr_t previous_end = address_of(file.data());
    auto it = view.begin();
    std::optional<ipwire::capture_iterator> second; // a copy taken at the second record
    while (it != view.end() && count < max_records) {
        const ipwire::capture_record r = *it;
        IPWIRE_FUZZ_CHECK(it.error() == errc{});
        IPWIRE_FUZZ_CHECK(within(r.data, file));
        IPWIRE_FUZZ_CHECK(r.captured_length == r.data.size());
        // Records come in file order, none overlapping the one before.
        IPWIRE_FUZZ_CHECK(address_of(r.data.data()) >= previous_end);
        previous_end = address_of(r.data.data()) + r.data.size();
        // The next block (or record) starts after this record's data.
        IPWIRE_FUZZ_CHECK(address_of(file.data()) + it.offset() >= previous_end);
        IPWIRE_FUZZ_CHECK(it.offset() <= file.size());
        // operator-> hands out the same record as operator* (by value, through a proxy)
        IPWIRE_FUZZ_CHECK(it->data.data() == r.data.data() && it->timestamp == r.timestamp &&
                          it->interface_id == r.interface_id && it->original_length == r.original_length);
        if (pcap) {
            IPWIRE_FUZZ_CHECK(r.interface_id == 0 && r.link_type == *view.link_type());
        } else {
            // However many interfaces: the one the id names, with its link type.
            IPWIRE_FUZZ_CHECK(count < reference.size());
            const reference_packet& e = reference[count];
            IPWIRE_FUZZ_CHECK(r.data.data() == e.data && r.interface_id == e.interface_id);
            IPWIRE_FUZZ_CHECK(e.link.has_value() && static_cast<std::uint16_t>(r.link_type) == *e.link);
        }
        if (count < compared_records) first_records[count] = r;
        if (count == 1) second = it;
        check_decode(r);
        ++count;
        const auto before = it++; // the postfix form: it steps, the copy stays
        IPWIRE_FUZZ_CHECK(same_record(*before, r));
    }

    const errc error = view.error();
    IPWIRE_FUZZ_CHECK(view.error() == error);
    IPWIRE_FUZZ_CHECK(error == errc{} || is_capture_error(error));
    if (it == view.end()) {
        // The walk ended by itself: it says why, and stays ended.
        IPWIRE_FUZZ_CHECK(it.error() == error);
        IPWIRE_FUZZ_CHECK(it->data.empty() && it->captured_length == 0);
        if (error == errc{})
            IPWIRE_FUZZ_CHECK(it.offset() == file.size());
        else
            IPWIRE_FUZZ_CHECK(it.offset() < file.size());
        auto after = it;
        ++after;
        IPWIRE_FUZZ_CHECK(after == view.end() && after.error() == error && after.offset() == it.offset());
        IPWIRE_FUZZ_CHECK(after == it);
    }

    // A second walk, and the copy of the iterator, see the same records.
    std::size_t again = 0;
    for (auto it2 = view.begin(); it2 != view.end() && again < compared_records && again < count; ++it2, ++again) {
        IPWIRE_FUZZ_CHECK(same_record(*it2, first_records[again]));
        if (again == 1) {
            IPWIRE_FUZZ_CHECK(second.has_value() && *second == it2);
            IPWIRE_FUZZ_CHECK(same_record(**second, *it2));
        }
    }
    IPWIRE_FUZZ_CHECK(again == (count < compared_records ? count : compared_records));
    if (second) {
        std::size_t index = 1;
        for (; *second != view.end() && index < compared_records && index < count; ++*second, ++index)
            IPWIRE_FUZZ_CHECK(same_record(**second, first_records[index]));
    }
    return 0;
}
