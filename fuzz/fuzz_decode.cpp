// fuzz_decode: the first byte picks a link type, the rest is one captured
// frame for decode(). The selector modulo 8 picks one of the seven link types
// decode names or an unsupported one; with the unsupported one the frame also
// goes straight to every view's own parse. Selectors 0xF8 to 0xFF append
// 65,536 zero bytes to the frame, so that what no 16-bit length field can
// describe (IPv4 BIG TCP total length 0, IPv6 jumbograms, UDP length 0) is
// reachable without libFuzzer generating 64 KiB inputs (each checksum then sums
// 64 KiB, hence only 1/32 of the selectors).
//
// Properties: decode never crashes and is deterministic; the link types that
// are aliases of one another decode alike; every view it returns is walked
// through every accessor, option and extension header, every checksum is
// computed; every span any view hands out lies inside the frame (and inside
// the span of the layer that carries it); reported lengths agree with span
// sizes; the walk's result (stop, error, payload) agrees with the views it kept.
//
// libstdc++ and libc++ bounds assertions are switched on before any include:
// ASan only sees a read past the whole frame, these also catch a view reading
// past its own span (into the padding or the next layer) through std::span.
#ifndef _GLIBCXX_ASSERTIONS
#define _GLIBCXX_ASSERTIONS 1
#endif
#ifndef _LIBCPP_ENABLE_ASSERTIONS
#define _LIBCPP_ENABLE_ASSERTIONS 1
#endif

#include "fuzz_common.hpp"

#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/wire/tunnel.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ip_protocol.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/wire/ethernet.hpp>
#include <ipwire/wire/ip.hpp>
#include <ipwire/wire/ipv4.hpp>
#include <ipwire/wire/ipv6.hpp>
#include <ipwire/wire/ipv6_extension.hpp>
#include <ipwire/wire/link.hpp>
#include <ipwire/wire/link_type.hpp>
#include <ipwire/wire/tcp.hpp>
#include <ipwire/wire/udp.hpp>

#include <ipwire/wire/checksum.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

using ipwire::bytes_view;
using ipwire::errc;
using ipwire::ip_protocol;

// The selector byte modulo this table's size picks the link type: the seven
// link types decode names and one it does not read (LINKTYPE_IEEE802_11).
constexpr std::array<ipwire::link_type, 8> link_types = {
    ipwire::link_type::ethernet,  ipwire::link_type::raw,
    ipwire::link_type::ipv4,      ipwire::link_type::ipv6,
    ipwire::link_type::linux_sll, ipwire::link_type::linux_sll2,
    ipwire::link_type::null,      static_cast<ipwire::link_type>(105),
};

// The LINKTYPE values decode reads beside the named ones (see detail::decoding).
constexpr auto dlt_raw = static_cast<ipwire::link_type>(12);
constexpr auto dlt_raw_openbsd = static_cast<ipwire::link_type>(14);
constexpr auto linktype_loop = static_cast<ipwire::link_type>(108);

std::uintptr_t address_of(const std::uint8_t* p) { return reinterpret_cast<std::uintptr_t>(p); }

// Whether `part` lies inside `whole`. An empty part may sit anywhere from the
// start to one past the end, or be a null span.
bool within(bytes_view part, bytes_view whole) {
    const std::uintptr_t begin = address_of(whole.data());
    const std::uintptr_t end = begin + whole.size();
    const std::uintptr_t p = address_of(part.data());
    if (part.empty()) return part.data() == nullptr || (p >= begin && p <= end);
    return p >= begin && p <= end && part.size() <= end - p;
}
// The same bytes, not only the same contents.
bool same_span(bytes_view a, bytes_view b) { return a.data() == b.data() && a.size() == b.size(); }
// `part` starts `offset` bytes into `whole`.
bool starts_at(bytes_view part, bytes_view whole, std::size_t offset) {
    return address_of(part.data()) == address_of(whole.data()) + offset;
}

// Formats a value into a buffer of its max_string_length: it must fit.
template <class T>
void check_text(const T& value) {
    char buffer[T::max_string_length];
    const auto r = value.to_chars(buffer, buffer + T::max_string_length);
    IPWIRE_FUZZ_CHECK(r.ec == std::errc{});
    IPWIRE_FUZZ_CHECK(r.ptr >= buffer && r.ptr <= buffer + T::max_string_length);
}

bool is_packet_error(errc e) {
    switch (e) {
    case errc::truncated:
    case errc::bad_header_length:
    case errc::bad_data_offset:
    case errc::bad_version:
    case errc::bad_total_length:
    case errc::bad_payload_length:
    case errc::bad_option_length:
    case errc::bad_length:
    case errc::bad_extension_header:
    case errc::too_many_extension_headers:
    case errc::nesting_too_deep:
    case errc::bad_tunnel_header:
    case errc::unsupported_link_type: return true;
    default: return false;
    }
}

// --- link layer ------------------------------------------------------------

void check_ethernet(const ipwire::ethernet_frame_view& e, bytes_view frame) {
    IPWIRE_FUZZ_CHECK(same_span(e.bytes(), frame));
    const std::size_t count = e.vlan_count();
    IPWIRE_FUZZ_CHECK(count <= ipwire::ethernet_frame_view::max_vlan_tags);
    const std::size_t header_length = e.header_length();
    IPWIRE_FUZZ_CHECK(header_length == ipwire::ethernet_frame_view::min_header_length + 4 * count);
    IPWIRE_FUZZ_CHECK(header_length <= frame.size());
    IPWIRE_FUZZ_CHECK(same_span(e.header(), frame.first(header_length)));

    check_text(e.destination());
    check_text(e.source());
    IPWIRE_FUZZ_CHECK(e.destination().to_bytes()[0] == frame[0]);
    IPWIRE_FUZZ_CHECK(e.source().to_bytes()[5] == frame[11]);

    const auto tags = e.vlans();
    IPWIRE_FUZZ_CHECK(tags.size() == count);
    IPWIRE_FUZZ_CHECK(tags.empty() == (count == 0));
    std::size_t i = 0;
    for (auto tag_it = tags.begin(); tag_it != tags.end();) {
        const auto before = tag_it++; // the postfix form, once per tag
        const ipwire::vlan_tag tag = *before;
        IPWIRE_FUZZ_CHECK(i < count);
        const auto indexed = e.vlan(i);
        IPWIRE_FUZZ_CHECK(indexed.has_value() && *indexed == tag);
        IPWIRE_FUZZ_CHECK(ipwire::vlan_tag::is_tag_protocol_id(tag.tag_protocol_id()));
        IPWIRE_FUZZ_CHECK(tag.priority() <= 7);
        IPWIRE_FUZZ_CHECK(tag.vlan_id() <= 4095);
        IPWIRE_FUZZ_CHECK(tag.tag_control() ==
                          ((unsigned{tag.priority()} << 13U) | (tag.drop_eligible() ? 0x1000U : 0U) | tag.vlan_id()));
        ++i;
    }
    IPWIRE_FUZZ_CHECK(i == count);
    std::size_t prefix_steps = 0;
    for (auto tag_it = tags.begin(); tag_it != tags.end(); ++tag_it) ++prefix_steps;
    IPWIRE_FUZZ_CHECK(prefix_steps == count);
    IPWIRE_FUZZ_CHECK(!e.vlan(count).has_value());

    const auto type = static_cast<std::uint16_t>(e.ether_type());
    static_cast<void>(ipwire::to_string(e.ether_type()));
    IPWIRE_FUZZ_CHECK(e.is_length_field() == (type <= ipwire::ethernet_frame_view::max_length_field));
    const std::size_t rest = frame.size() - header_length;
    const bytes_view payload = e.payload();
    IPWIRE_FUZZ_CHECK(within(payload, frame));
    IPWIRE_FUZZ_CHECK(starts_at(payload, frame, header_length));
    IPWIRE_FUZZ_CHECK(payload.size() == (e.is_length_field() && type < rest ? type : rest));
    IPWIRE_FUZZ_CHECK(e.truncated() == (e.is_length_field() && type > rest));
}

template <class Sll>
void check_sll_address(const Sll& s, bytes_view frame, std::size_t address_at) {
    const bytes_view address = s.address();
    IPWIRE_FUZZ_CHECK(within(address, s.header()));
    IPWIRE_FUZZ_CHECK(starts_at(address, frame, address_at));
    const std::size_t stated = s.address_length();
    IPWIRE_FUZZ_CHECK(address.size() == (stated < Sll::max_address_length ? stated : Sll::max_address_length));
    IPWIRE_FUZZ_CHECK(s.protocol_type() == static_cast<std::uint16_t>(s.ether_type()));
    static_cast<void>(ipwire::to_string(s.packet_type()));
    static_cast<void>(s.hardware_type());
    IPWIRE_FUZZ_CHECK(same_span(s.bytes(), frame));
    IPWIRE_FUZZ_CHECK(same_span(s.header(), frame.first(Sll::header_length)));
    IPWIRE_FUZZ_CHECK(same_span(s.payload(), frame.subspan(Sll::header_length)));
}

void check_sll(const ipwire::linux_sll_view& s, bytes_view frame) { check_sll_address(s, frame, 6); }

void check_sll2(const ipwire::linux_sll2_view& s, bytes_view frame) {
    check_sll_address(s, frame, 12);
    static_cast<void>(s.reserved());
    static_cast<void>(s.interface_index());
}

void check_null(const ipwire::null_loopback_view& n, bytes_view frame) {
    IPWIRE_FUZZ_CHECK(same_span(n.bytes(), frame));
    IPWIRE_FUZZ_CHECK(same_span(n.header(), frame.first(4)));
    IPWIRE_FUZZ_CHECK(same_span(n.payload(), frame.subspan(4)));
    const auto family = n.address_family();
    const auto type = n.ether_type();
    if (family == ipwire::bsd_address_family::inet) IPWIRE_FUZZ_CHECK(type == ipwire::ether_type::ipv4);
    if (family == ipwire::bsd_address_family::inet6_bsd || family == ipwire::bsd_address_family::inet6_freebsd ||
        family == ipwire::bsd_address_family::inet6_darwin)
        IPWIRE_FUZZ_CHECK(type == ipwire::ether_type::ipv6);
    const auto raw_type = static_cast<std::uint16_t>(type);
    IPWIRE_FUZZ_CHECK(raw_type == 0 || raw_type == 0x0800 || raw_type == 0x86DD || raw_type >= 0x0600);
}

// --- IPv4 ------------------------------------------------------------------

void check_ipv4_options(const ipwire::ipv4_option_range& options, bytes_view header) {
    const bytes_view area = options.bytes();
    IPWIRE_FUZZ_CHECK(within(area, header));
    IPWIRE_FUZZ_CHECK(starts_at(area, header, ipwire::ipv4_packet_view::min_header_length));
    IPWIRE_FUZZ_CHECK(area.size() == header.size() - ipwire::ipv4_packet_view::min_header_length);
    IPWIRE_FUZZ_CHECK(options.empty() == (options.begin() == options.end()));
    IPWIRE_FUZZ_CHECK(!options.empty() || area.empty() || options.error() == errc::bad_option_length);

    std::size_t expected_offset = 0;
    std::size_t steps = 0;
    bool saw_end_of_list = false;
    auto it = options.begin();
    while (it != options.end()) {
        IPWIRE_FUZZ_CHECK(++steps <= 40);
        IPWIRE_FUZZ_CHECK(!saw_end_of_list); // EOL ends the walk
        IPWIRE_FUZZ_CHECK(it.offset() == expected_offset);
        const auto at = it++;
        IPWIRE_FUZZ_CHECK(at.offset() == expected_offset && !(at == it));
        const ipwire::ipv4_option o = *at;
        const bytes_view bytes = o.bytes();
        IPWIRE_FUZZ_CHECK(within(bytes, area));
        IPWIRE_FUZZ_CHECK(starts_at(bytes, area, at.offset()));
        IPWIRE_FUZZ_CHECK(o.length() == bytes.size());
        IPWIRE_FUZZ_CHECK(o.length() >= 1);
        const auto type = static_cast<std::uint8_t>(o.type());
        IPWIRE_FUZZ_CHECK(type == bytes[0]);
        IPWIRE_FUZZ_CHECK(type == ((o.copied() ? 0x80U : 0U) | unsigned{o.option_class()} << 5U | o.number()));
        const bytes_view data = o.data();
        if (type == 0 || type == 1) {
            IPWIRE_FUZZ_CHECK(o.length() == 1 && data.empty());
        } else {
            IPWIRE_FUZZ_CHECK(o.length() >= 2 && o.length() == bytes[1]);
            IPWIRE_FUZZ_CHECK(same_span(data, bytes.subspan(2)));
        }
        saw_end_of_list = o.type() == ipwire::ipv4_option_type::end_of_list;
        expected_offset += o.length();
    }
    // Where the walk stopped: the malformed option, else the area's end (detail/tlv.hpp).
    IPWIRE_FUZZ_CHECK(it.offset() == (it.error() == errc{} ? area.size() : expected_offset));
    IPWIRE_FUZZ_CHECK(it.error() == errc{} || it.error() == errc::bad_option_length);
    IPWIRE_FUZZ_CHECK(options.error() == it.error());
    if (it.error() == errc{} && !saw_end_of_list) IPWIRE_FUZZ_CHECK(expected_offset == area.size());
}

void check_ipv4(const ipwire::ipv4_packet_view& v4) {
    const bytes_view bytes = v4.bytes();
    IPWIRE_FUZZ_CHECK(v4.version() == 4);
    const std::size_t header_length = v4.header_length();
    IPWIRE_FUZZ_CHECK(header_length >= 20 && header_length <= 60 && header_length % 4 == 0);
    IPWIRE_FUZZ_CHECK(header_length <= bytes.size());
    IPWIRE_FUZZ_CHECK(same_span(v4.header(), bytes.first(header_length)));
    IPWIRE_FUZZ_CHECK(v4.dscp() <= 63 && v4.ecn() <= 3);
    IPWIRE_FUZZ_CHECK(v4.dscp() == bytes[1] >> 2U);

    const std::size_t total = v4.total_length();
    IPWIRE_FUZZ_CHECK(total >= header_length || (total == 0 && bytes.size() > 0xFFFF));
    static_cast<void>(v4.identification());
    static_cast<void>(v4.reserved_flag());
    static_cast<void>(v4.dont_fragment());
    const std::uint16_t offset = v4.fragment_offset();
    IPWIRE_FUZZ_CHECK(offset % 8 == 0);
    IPWIRE_FUZZ_CHECK(v4.is_fragment() == (v4.more_fragments() || offset != 0));
    IPWIRE_FUZZ_CHECK(v4.is_first_fragment() == (v4.more_fragments() && offset == 0));
    static_cast<void>(v4.time_to_live());
    IPWIRE_FUZZ_CHECK(static_cast<std::uint8_t>(v4.protocol()) == bytes[9]);
    const bool checksum_valid = v4.header_checksum_valid();
    IPWIRE_FUZZ_CHECK(checksum_valid == (ipwire::internet_checksum(v4.header()) == 0));
    if (checksum_valid) {
        // RFC 1624: rewriting the TTL/protocol word and updating the checksum
        // incrementally leaves a header whose checksum is still valid.
        std::array<std::uint8_t, 60> copy{};
        for (std::size_t i = 0; i < header_length; ++i) copy[i] = bytes[i];
        const auto old_word = static_cast<std::uint16_t>(copy[8] << 8U | copy[9]);
        const auto new_word = static_cast<std::uint16_t>(old_word ^ 0xA5C3U);
        const std::uint16_t updated = ipwire::checksum_update(v4.header_checksum(), old_word, new_word);
        copy[8] = static_cast<std::uint8_t>(new_word >> 8U);
        copy[9] = static_cast<std::uint8_t>(new_word & 0xFFU);
        copy[10] = static_cast<std::uint8_t>(updated >> 8U);
        copy[11] = static_cast<std::uint8_t>(updated & 0xFFU);
        IPWIRE_FUZZ_CHECK(ipwire::internet_checksum(bytes_view(copy).first(header_length)) == 0);
    }
    check_text(v4.source());
    check_text(v4.destination());
    check_text(v4.final_destination());

    check_ipv4_options(v4.options(), v4.header());

    const bytes_view payload = v4.payload();
    const std::size_t held = total == 0 || bytes.size() < total ? bytes.size() : total;
    IPWIRE_FUZZ_CHECK(within(payload, bytes));
    IPWIRE_FUZZ_CHECK(starts_at(payload, bytes, header_length));
    IPWIRE_FUZZ_CHECK(payload.size() == held - header_length);
    IPWIRE_FUZZ_CHECK(v4.truncated() == (bytes.size() < total));

    static_cast<void>(v4.pseudo_header_sum(0));
    static_cast<void>(v4.pseudo_header_sum(static_cast<std::uint32_t>(payload.size())));

    // The upper layer: after one AH (RFC 4302) framed by its Payload Len, in a first or whole packet.
    const auto upper = v4.upper_layer();
    IPWIRE_FUZZ_CHECK(upper.protocol == v4.upper_layer_protocol() && upper.error == v4.upper_layer_error());
    IPWIRE_FUZZ_CHECK(same_span(v4.upper_layer_payload(), payload.subspan(upper.offset)));
    const bool walks_ah = v4.protocol() == ip_protocol::ah && offset == 0;
    if (!walks_ah) IPWIRE_FUZZ_CHECK(upper.protocol == v4.protocol() && upper.offset == 0 && upper.error == errc{});
    if (walks_ah && upper.offset == 0) // stopped at the AH itself
        IPWIRE_FUZZ_CHECK(upper.protocol == ip_protocol::ah &&
                          (upper.error == errc::truncated || upper.error == errc::bad_extension_header));
    if (walks_ah && upper.offset != 0) {
        IPWIRE_FUZZ_CHECK(upper.offset == (std::size_t{payload[1]} + 2) * 4 && upper.offset <= payload.size());
        IPWIRE_FUZZ_CHECK(static_cast<std::uint8_t>(upper.protocol) == payload[0]);
        IPWIRE_FUZZ_CHECK((upper.error == errc::bad_extension_header) == (upper.protocol == ip_protocol::ah));
    }
}

// --- IPv6 ------------------------------------------------------------------

void check_ipv6_options(const ipwire::ipv6_option_range& options, bytes_view area) {
    IPWIRE_FUZZ_CHECK(same_span(options.bytes(), area));
    std::size_t expected_offset = 0;
    auto it = options.begin();
    while (it != options.end()) {
        IPWIRE_FUZZ_CHECK(expected_offset < area.size());
        const auto at = it++;
        IPWIRE_FUZZ_CHECK(at == at && !(at == it));
        const ipwire::ipv6_option o = *at;
        const bytes_view bytes = o.bytes();
        IPWIRE_FUZZ_CHECK(within(bytes, area));
        IPWIRE_FUZZ_CHECK(starts_at(bytes, area, expected_offset));
        const auto type = static_cast<std::uint8_t>(o.type());
        IPWIRE_FUZZ_CHECK(type == bytes[0]);
        IPWIRE_FUZZ_CHECK(o.unrecognized_action() == type >> 6U);
        IPWIRE_FUZZ_CHECK(o.may_change() == ((type & 0x20U) != 0));
        const bytes_view data = o.data();
        IPWIRE_FUZZ_CHECK(o.data_length() == data.size() && o.length() == bytes.size());
        if (type == 0) {
            IPWIRE_FUZZ_CHECK(bytes.size() == 1 && data.empty());
        } else {
            IPWIRE_FUZZ_CHECK(bytes.size() >= 2 && data.size() == bytes[1]);
            IPWIRE_FUZZ_CHECK(same_span(data, bytes.subspan(2)));
        }
        expected_offset += bytes.size();
    }
    IPWIRE_FUZZ_CHECK(it.error() == errc{} || it.error() == errc::bad_option_length);
    IPWIRE_FUZZ_CHECK(options.error() == it.error());
    if (it.error() == errc{}) IPWIRE_FUZZ_CHECK(expected_offset == area.size());
    static_cast<void>(options.find(ipwire::ipv6_option_type::home_address));
}

void check_routing(const ipwire::ipv6_routing_header& r, const ipwire::ipv6_extension_header& h) {
    IPWIRE_FUZZ_CHECK(same_span(r.bytes(), h.bytes()));
    IPWIRE_FUZZ_CHECK(r.length() == h.length());
    IPWIRE_FUZZ_CHECK(r.next_header() == h.next_header());
    const auto type = r.routing_type();
    static_cast<void>(r.last_entry());
    static_cast<void>(r.flags());
    static_cast<void>(r.tag());
    const std::size_t count = r.address_count();
    if (type != ipwire::ipv6_routing_type::source_route && type != ipwire::ipv6_routing_type::mobile_ipv6 &&
        type != ipwire::ipv6_routing_type::segment_routing)
        IPWIRE_FUZZ_CHECK(count == 0);
    // Each address lies inside the header (the chain walk checked the layout).
    IPWIRE_FUZZ_CHECK(count == 0 || 8 + 16 * count <= r.length());
    for (std::size_t i = 0; i < count; ++i) check_text(r.address(i));
    IPWIRE_FUZZ_CHECK(r.address(count) == ipwire::ipv6_address{});
    IPWIRE_FUZZ_CHECK(r.home_address().has_value() == (type == ipwire::ipv6_routing_type::mobile_ipv6));
    const auto final_destination = r.final_destination();
    if (r.segments_left() == 0 || count == 0)
        IPWIRE_FUZZ_CHECK(!final_destination.has_value());
    else
        IPWIRE_FUZZ_CHECK(final_destination.has_value());
}

void check_fragment(const ipwire::ipv6_fragment_header& f, const ipwire::ipv6_extension_header& h) {
    IPWIRE_FUZZ_CHECK(same_span(f.bytes(), h.bytes()));
    IPWIRE_FUZZ_CHECK(f.bytes().size() == 8);
    IPWIRE_FUZZ_CHECK(f.next_header() == h.next_header());
    IPWIRE_FUZZ_CHECK(f.fragment_offset() % 8 == 0);
    static_cast<void>(f.identification());
    IPWIRE_FUZZ_CHECK(f.is_atomic() == (f.fragment_offset() == 0 && !f.more_fragments()));
}

void check_ipv6(const ipwire::ipv6_packet_view& v6) {
    const bytes_view bytes = v6.bytes();
    IPWIRE_FUZZ_CHECK(v6.version() == 6);
    IPWIRE_FUZZ_CHECK(bytes.size() >= 40);
    IPWIRE_FUZZ_CHECK(same_span(v6.header(), bytes.first(40)));
    IPWIRE_FUZZ_CHECK(v6.dscp() == v6.traffic_class() >> 2U && v6.ecn() == (v6.traffic_class() & 3U));
    IPWIRE_FUZZ_CHECK(v6.flow_label() <= 0xFFFFF);
    static_cast<void>(v6.hop_limit());
    IPWIRE_FUZZ_CHECK(static_cast<std::uint8_t>(v6.next_header()) == bytes[6]);
    check_text(v6.source());
    check_text(v6.destination());

    const std::uint16_t length = v6.payload_length();
    const auto jumbo = v6.jumbo_payload_length();
    if (length != 0) IPWIRE_FUZZ_CHECK(!jumbo.has_value());
    if (jumbo) IPWIRE_FUZZ_CHECK(*jumbo > 0xFFFF);
    const std::uint32_t in_effect = v6.payload_length_in_effect();
    IPWIRE_FUZZ_CHECK(in_effect == (length != 0 ? length : jumbo.value_or(0)));

    const bytes_view payload = v6.payload();
    const std::size_t rest = bytes.size() - 40;
    IPWIRE_FUZZ_CHECK(within(payload, bytes));
    IPWIRE_FUZZ_CHECK(starts_at(payload, bytes, 40));
    IPWIRE_FUZZ_CHECK(payload.size() == (rest > in_effect ? in_effect : rest));
    IPWIRE_FUZZ_CHECK(v6.truncated() == (rest < in_effect));

    // The chain, walked by hand: headers back to back from the payload's start.
    const auto chain = v6.extension_headers();
    std::size_t expected_offset = 0;
    std::size_t count = 0;
    std::optional<ipwire::ipv6_extension_header> first_routing;
    std::optional<ipwire::ipv6_extension_header> first_fragment;
    bool ended_by_later_fragment = false;
    std::uint8_t seen = 0; // ipv6_extension_bit of the headers yielded
    auto it = chain.begin();
    while (it != chain.end()) {
        IPWIRE_FUZZ_CHECK(++count <= ipwire::detail::ipv6_max_extension_headers);
        IPWIRE_FUZZ_CHECK(!ended_by_later_fragment); // a later fragment's data is no header
        IPWIRE_FUZZ_CHECK(it.offset() == expected_offset);
        const auto copy = it;
        IPWIRE_FUZZ_CHECK(copy == it);
        const ipwire::ipv6_extension_header h = *it;
        const auto type = h.type();
        IPWIRE_FUZZ_CHECK(type == it.protocol());
        IPWIRE_FUZZ_CHECK(ipwire::detail::is_ipv6_extension_header(static_cast<std::uint8_t>(type)));
        if (count > 1) IPWIRE_FUZZ_CHECK(type != ip_protocol::ipv6_hop_by_hop);
        // RFC 8200 section 4.1: no type twice but destination options.
        const std::uint8_t bit = ipwire::detail::ipv6_extension_bit(static_cast<std::uint8_t>(type));
        IPWIRE_FUZZ_CHECK((seen & bit) == 0);
        IPWIRE_FUZZ_CHECK((bit == 0) == (type == ip_protocol::ipv6_destination));
        seen = static_cast<std::uint8_t>(seen | bit);
        const bytes_view hb = h.bytes();
        IPWIRE_FUZZ_CHECK(within(hb, payload));
        IPWIRE_FUZZ_CHECK(starts_at(hb, payload, expected_offset));
        IPWIRE_FUZZ_CHECK(h.length() == hb.size());
        IPWIRE_FUZZ_CHECK(expected_offset + h.length() <= in_effect);
        if (type == ip_protocol::ipv6_fragment)
            IPWIRE_FUZZ_CHECK(h.length() == 8);
        else if (type == ip_protocol::ah)
            IPWIRE_FUZZ_CHECK(h.length() >= 8 && h.length() % 4 == 0);
        else
            IPWIRE_FUZZ_CHECK(h.length() >= 8 && h.length() % 8 == 0);
        IPWIRE_FUZZ_CHECK(static_cast<std::uint8_t>(h.next_header()) == hb[0]);
        IPWIRE_FUZZ_CHECK(same_span(h.data(), hb.subspan(2)));

        const auto options = h.options();
        if (type == ip_protocol::ipv6_hop_by_hop || type == ip_protocol::ipv6_destination)
            check_ipv6_options(options, h.data());
        else
            IPWIRE_FUZZ_CHECK(options.bytes().empty() && options.begin() == options.end());

        const auto routing = h.routing();
        IPWIRE_FUZZ_CHECK(routing.has_value() == (type == ip_protocol::ipv6_routing));
        if (routing) {
            check_routing(*routing, h);
            if (!first_routing) first_routing = h;
        }
        const auto fragment = h.fragment();
        IPWIRE_FUZZ_CHECK(fragment.has_value() == (type == ip_protocol::ipv6_fragment));
        if (fragment) {
            check_fragment(*fragment, h);
            if (!first_fragment) first_fragment = h;
            ended_by_later_fragment = fragment->fragment_offset() != 0;
        }
        expected_offset += h.length();
        const auto before = it++;
        IPWIRE_FUZZ_CHECK(before == copy && !(before == it));
    }
    const errc error = it.error();
    IPWIRE_FUZZ_CHECK(error == errc{} || error == errc::truncated || error == errc::bad_extension_header ||
                      error == errc::too_many_extension_headers);
    if (error == errc::too_many_extension_headers)
        IPWIRE_FUZZ_CHECK(count == ipwire::detail::ipv6_max_extension_headers);
    IPWIRE_FUZZ_CHECK(it.offset() == expected_offset);
    IPWIRE_FUZZ_CHECK(it.offset() <= payload.size());
    // A clean end is at an upper layer, unless a later fragment's data follows.
    if (error == errc{} && !ended_by_later_fragment)
        IPWIRE_FUZZ_CHECK(!ipwire::detail::is_ipv6_extension_header(static_cast<std::uint8_t>(it.protocol())));
    if (error != errc{})
        IPWIRE_FUZZ_CHECK(ipwire::detail::is_ipv6_extension_header(static_cast<std::uint8_t>(it.protocol())));

    const auto walked = chain.walk();
    IPWIRE_FUZZ_CHECK(walked.error() == error && walked.offset() == it.offset() && walked.protocol() == it.protocol());
    IPWIRE_FUZZ_CHECK(chain.error() == error);
    IPWIRE_FUZZ_CHECK(v6.upper_layer_protocol() == it.protocol());
    IPWIRE_FUZZ_CHECK(same_span(v6.upper_layer_payload(), payload.subspan(it.offset())));

    const auto routing_header = v6.routing_header();
    IPWIRE_FUZZ_CHECK(routing_header.has_value() == first_routing.has_value());
    if (routing_header) IPWIRE_FUZZ_CHECK(same_span(routing_header->bytes(), first_routing->bytes()));
    const auto fragment_header = v6.fragment_header();
    IPWIRE_FUZZ_CHECK(fragment_header.has_value() == first_fragment.has_value());
    if (fragment_header) {
        IPWIRE_FUZZ_CHECK(same_span(fragment_header->bytes(), first_fragment->bytes()));
        IPWIRE_FUZZ_CHECK(v6.fragment_offset() == fragment_header->fragment_offset());
        IPWIRE_FUZZ_CHECK(v6.more_fragments() == fragment_header->more_fragments());
        IPWIRE_FUZZ_CHECK(v6.identification() == fragment_header->identification());
    } else {
        IPWIRE_FUZZ_CHECK(v6.fragment_offset() == 0 && !v6.more_fragments() && v6.identification() == 0);
    }
    IPWIRE_FUZZ_CHECK(!v6.is_first_fragment() || v6.is_fragment());
    IPWIRE_FUZZ_CHECK(!v6.is_atomic_fragment() || !v6.is_fragment());
    if (const auto home = v6.home_address()) check_text(*home);
    check_text(v6.final_destination());
    if (!routing_header) IPWIRE_FUZZ_CHECK(v6.final_destination() == v6.destination());
    static_cast<void>(v6.pseudo_header_sum(0));
    static_cast<void>(v6.pseudo_header_sum(static_cast<std::uint32_t>(payload.size())));
}

// --- either family -----------------------------------------------------------

void check_ip(const ipwire::ip_packet_view& ip, bytes_view frame) {
    const bytes_view bytes = ip.bytes();
    IPWIRE_FUZZ_CHECK(within(bytes, frame));
    IPWIRE_FUZZ_CHECK(ip.version() == 4 || ip.version() == 6);
    IPWIRE_FUZZ_CHECK(ip.is_v4() != ip.is_v6());
    check_text(ip.source());
    check_text(ip.destination());
    check_text(ip.final_destination());
    const bytes_view payload = ip.payload();
    IPWIRE_FUZZ_CHECK(within(payload, bytes));
    IPWIRE_FUZZ_CHECK(!ip.is_first_fragment() || ip.is_fragment());
    const std::uint32_t some_length = static_cast<std::uint32_t>(payload.size());
    if (ip.is_v4()) {
        const auto v4 = ip.v4();
        IPWIRE_FUZZ_CHECK(same_span(ipwire::ip_packet_view(v4).bytes(), bytes));
        IPWIRE_FUZZ_CHECK(same_span(v4.bytes(), bytes));
        IPWIRE_FUZZ_CHECK(ip.source() == ipwire::ip_address(v4.source()));
        IPWIRE_FUZZ_CHECK(ip.destination() == ipwire::ip_address(v4.destination()));
        IPWIRE_FUZZ_CHECK(ip.final_destination() == ipwire::ip_address(v4.final_destination()));
        IPWIRE_FUZZ_CHECK(ip.protocol() == v4.upper_layer_protocol());
        IPWIRE_FUZZ_CHECK(same_span(payload, v4.upper_layer_payload()));
        IPWIRE_FUZZ_CHECK(ip.truncated() == v4.truncated());
        IPWIRE_FUZZ_CHECK(ip.is_fragment() == v4.is_fragment());
        IPWIRE_FUZZ_CHECK(ip.pseudo_header_sum(some_length) == v4.pseudo_header_sum(some_length));
        check_ipv4(v4);
    } else {
        const auto v6 = ip.v6();
        IPWIRE_FUZZ_CHECK(same_span(ipwire::ip_packet_view(v6).bytes(), bytes));
        IPWIRE_FUZZ_CHECK(same_span(v6.bytes(), bytes));
        IPWIRE_FUZZ_CHECK(ip.source() == ipwire::ip_address(v6.source()));
        IPWIRE_FUZZ_CHECK(ip.destination() == ipwire::ip_address(v6.destination()));
        IPWIRE_FUZZ_CHECK(ip.final_destination() == ipwire::ip_address(v6.final_destination()));
        IPWIRE_FUZZ_CHECK(ip.protocol() == v6.upper_layer_protocol());
        IPWIRE_FUZZ_CHECK(same_span(payload, v6.upper_layer_payload()));
        IPWIRE_FUZZ_CHECK(ip.truncated() == v6.truncated());
        IPWIRE_FUZZ_CHECK(ip.is_fragment() == v6.is_fragment());
        IPWIRE_FUZZ_CHECK(ip.pseudo_header_sum(some_length) == v6.pseudo_header_sum(some_length));
        check_ipv6(v6);
    }
}

// --- transport -----------------------------------------------------------------

// The first option of `kind` with a length that suits it, as the typed
// accessors look for it, found by a walk of our own.
std::optional<ipwire::tcp_option> first_valid(const ipwire::tcp_option_range& options, ipwire::tcp_option_kind kind) {
    for (const ipwire::tcp_option o : options)
        if (o.kind() == kind && o.has_valid_length()) return o;
    return std::nullopt;
}

// The length rules tcp_option::has_valid_length documents, restated.
bool valid_tcp_option_length(std::uint8_t kind, std::size_t n) {
    switch (kind) {
    case 0:
    case 1: return n == 1;
    case 2: return n == 4;
    case 3: return n == 3;
    case 4: return n == 2;
    case 5: return n == 10 || n == 18 || n == 26 || n == 34;
    case 8: return n == 10;
    case 19: return n == 18;
    case 29: return n >= 4;
    case 30: return n >= 3;
    case 34: return n == 2 || (n >= 6 && n <= 18);
    default: return true;
    }
}

std::uint32_t be32(bytes_view b, std::size_t at) {
    return std::uint32_t{b[at]} << 24U | std::uint32_t{b[at + 1]} << 16U | std::uint32_t{b[at + 2]} << 8U | b[at + 3];
}

void check_tcp_flags(ipwire::tcp_flags flags) {
    IPWIRE_FUZZ_CHECK(flags.value() <= 0x1FF);
    IPWIRE_FUZZ_CHECK(flags.empty() == (flags.value() == 0));
    char buffer[ipwire::tcp_flags::max_string_length];
    const auto r = flags.to_chars(buffer, buffer + sizeof buffer);
    IPWIRE_FUZZ_CHECK(r.ec == std::errc{});
    const std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
    IPWIRE_FUZZ_CHECK(text.empty() == flags.empty());
    IPWIRE_FUZZ_CHECK(flags.to_string() == text);
    if (!text.empty()) {
        char short_buffer[ipwire::tcp_flags::max_string_length];
        const auto r2 = flags.to_chars(short_buffer, short_buffer + text.size() - 1);
        IPWIRE_FUZZ_CHECK(r2.ec == std::errc::value_too_large);
    }
    IPWIRE_FUZZ_CHECK(flags.has(flags & ipwire::tcp_flags::syn));
    IPWIRE_FUZZ_CHECK((flags | ipwire::tcp_flags::ack).has(ipwire::tcp_flags::ack));
}

void check_tcp(const ipwire::tcp_segment_view& tcp, const ipwire::ip_packet_view& ip) {
    const bytes_view bytes = tcp.bytes();
    const std::size_t header_length = tcp.header_length();
    IPWIRE_FUZZ_CHECK(header_length >= 20 && header_length <= 60 && header_length % 4 == 0);
    IPWIRE_FUZZ_CHECK(header_length <= bytes.size());
    IPWIRE_FUZZ_CHECK(same_span(tcp.header(), bytes.first(header_length)));
    IPWIRE_FUZZ_CHECK(same_span(tcp.payload(), bytes.subspan(header_length)));
    static_cast<void>(tcp.source_port());
    static_cast<void>(tcp.destination_port());
    static_cast<void>(tcp.sequence_number());
    static_cast<void>(tcp.acknowledgment_number());
    IPWIRE_FUZZ_CHECK(tcp.reserved() <= 7);
    check_tcp_flags(tcp.flags());
    static_cast<void>(tcp.window());
    static_cast<void>(tcp.checksum());
    static_cast<void>(tcp.urgent_pointer());

    const auto options = tcp.options();
    const bytes_view area = options.bytes();
    IPWIRE_FUZZ_CHECK(same_span(area, bytes.subspan(20, header_length - 20)));
    IPWIRE_FUZZ_CHECK(options.empty() == (options.begin() == options.end()));
    std::size_t expected_offset = 0;
    std::size_t steps = 0;
    bool saw_end_of_list = false;
    auto it = options.begin();
    while (it != options.end()) {
        IPWIRE_FUZZ_CHECK(++steps <= 40);
        IPWIRE_FUZZ_CHECK(!saw_end_of_list);
        const auto at = it++;
        IPWIRE_FUZZ_CHECK(at == at && !(at == it));
        const ipwire::tcp_option o = *at;
        const bytes_view ob = o.bytes();
        IPWIRE_FUZZ_CHECK(within(ob, area));
        IPWIRE_FUZZ_CHECK(starts_at(ob, area, expected_offset));
        IPWIRE_FUZZ_CHECK(o.length() == ob.size() && o.length() >= 1);
        const auto kind = static_cast<std::uint8_t>(o.kind());
        IPWIRE_FUZZ_CHECK(kind == ob[0]);
        static_cast<void>(ipwire::to_string(o.kind()));
        if (kind == 0 || kind == 1) {
            IPWIRE_FUZZ_CHECK(o.length() == 1 && o.data().empty() && o.has_valid_length());
        } else {
            IPWIRE_FUZZ_CHECK(o.length() >= 2 && o.length() == ob[1]);
            IPWIRE_FUZZ_CHECK(same_span(o.data(), ob.subspan(2)));
        }
        IPWIRE_FUZZ_CHECK(o.has_valid_length() == valid_tcp_option_length(kind, o.length()));
        const auto subtype = o.mptcp_subtype();
        IPWIRE_FUZZ_CHECK(subtype.has_value() == (o.kind() == ipwire::tcp_option_kind::multipath && o.length() >= 3));
        if (subtype) IPWIRE_FUZZ_CHECK(*subtype <= 15);
        saw_end_of_list = o.kind() == ipwire::tcp_option_kind::end_of_option_list;
        expected_offset += o.length();
    }
    IPWIRE_FUZZ_CHECK(it.error() == errc{} || it.error() == errc::bad_option_length);
    IPWIRE_FUZZ_CHECK(options.error() == it.error());
    if (it.error() == errc{} && !saw_end_of_list) IPWIRE_FUZZ_CHECK(expected_offset == area.size());

    using kind = ipwire::tcp_option_kind;
    const auto mss = tcp.mss();
    const auto mss_option = first_valid(options, kind::maximum_segment_size);
    IPWIRE_FUZZ_CHECK(mss.has_value() == mss_option.has_value());
    if (mss) IPWIRE_FUZZ_CHECK(*mss == (mss_option->bytes()[2] << 8U | mss_option->bytes()[3]));
    const auto scale = tcp.window_scale();
    const auto scale_option = first_valid(options, kind::window_scale);
    IPWIRE_FUZZ_CHECK(scale.has_value() == scale_option.has_value());
    if (scale) IPWIRE_FUZZ_CHECK(*scale == scale_option->bytes()[2]);
    IPWIRE_FUZZ_CHECK(tcp.sack_permitted() == first_valid(options, kind::sack_permitted).has_value());
    const auto blocks = tcp.sack_blocks();
    IPWIRE_FUZZ_CHECK(blocks == tcp.sack_blocks());
    const auto sack_option = first_valid(options, kind::sack);
    IPWIRE_FUZZ_CHECK(blocks.size() <= ipwire::tcp_sack_blocks::capacity);
    IPWIRE_FUZZ_CHECK(blocks.empty() == !sack_option.has_value());
    if (sack_option) {
        const bytes_view sb = sack_option->bytes();
        IPWIRE_FUZZ_CHECK(blocks.size() == (sb.size() - 2) / 8);
        std::size_t i = 0;
        for (const ipwire::tcp_sack_block& block : blocks) {
            IPWIRE_FUZZ_CHECK(block == blocks[i]);
            IPWIRE_FUZZ_CHECK(block.left == be32(sb, 2 + 8 * i) && block.right == be32(sb, 6 + 8 * i));
            ++i;
        }
        IPWIRE_FUZZ_CHECK(i == blocks.size());
    }
    const auto timestamps = tcp.timestamps();
    const auto timestamps_option = first_valid(options, kind::timestamps);
    IPWIRE_FUZZ_CHECK(timestamps.has_value() == timestamps_option.has_value());
    if (timestamps)
        IPWIRE_FUZZ_CHECK(timestamps->value == be32(timestamps_option->bytes(), 2) &&
                          timestamps->echo_reply == be32(timestamps_option->bytes(), 6));

    const bool verifiable = tcp.checksum_verifiable(ip);
    IPWIRE_FUZZ_CHECK(verifiable == (!ip.truncated() && !ip.is_fragment()));
    const bool valid = tcp.checksum_valid(ip);
    const std::uint64_t sum = ip.pseudo_header_sum(static_cast<std::uint32_t>(bytes.size()));
    IPWIRE_FUZZ_CHECK(valid == (verifiable && tcp.checksum_valid(sum)));
}

void check_udp(const ipwire::udp_datagram_view& udp, const ipwire::ip_packet_view& ip) {
    const bytes_view bytes = udp.bytes();
    IPWIRE_FUZZ_CHECK(bytes.size() >= 8);
    IPWIRE_FUZZ_CHECK(same_span(udp.header(), bytes.first(8)));
    static_cast<void>(udp.source_port());
    static_cast<void>(udp.destination_port());
    const std::size_t length = udp.length();
    IPWIRE_FUZZ_CHECK(length >= 8 || (length == 0 && bytes.size() > 0xFFFF));
    IPWIRE_FUZZ_CHECK(udp.is_jumbogram() == (length == 0));
    IPWIRE_FUZZ_CHECK(udp.truncated() == (length > bytes.size()));
    IPWIRE_FUZZ_CHECK(udp.has_checksum() == (udp.checksum() != 0));
    const std::size_t end = length == 0 || length > bytes.size() ? bytes.size() : length;
    IPWIRE_FUZZ_CHECK(same_span(udp.payload(), bytes.subspan(8, end - 8)));
    IPWIRE_FUZZ_CHECK(udp.checksum_verifiable() == !udp.truncated());

    const auto stated = udp.is_jumbogram() ? static_cast<std::uint32_t>(bytes.size()) : std::uint32_t{udp.length()};
    const std::uint64_t sum = ip.pseudo_header_sum(stated);
    const bool valid_with_sum = udp.checksum_valid(sum);
    if (udp.truncated() || !udp.has_checksum()) IPWIRE_FUZZ_CHECK(!valid_with_sum);
    const bool verifiable = udp.checksum_verifiable(ip);
    IPWIRE_FUZZ_CHECK(verifiable == (!udp.truncated() && !ip.is_fragment() && !(udp.is_jumbogram() && ip.truncated())));
    const bool valid = udp.checksum_valid(ip);
    IPWIRE_FUZZ_CHECK(valid == (udp.has_checksum() ? verifiable && valid_with_sum : ip.is_v4()));
}

// --- the decoded packet as a whole ---------------------------------------------

bool is_ip_link(ipwire::link_type t) {
    return t == ipwire::link_type::raw || t == ipwire::link_type::ipv4 || t == ipwire::link_type::ipv6 ||
           t == dlt_raw || t == dlt_raw_openbsd;
}
bool is_supported(ipwire::link_type t) {
    return is_ip_link(t) || t == ipwire::link_type::ethernet || t == ipwire::link_type::linux_sll ||
           t == ipwire::link_type::linux_sll2 || t == ipwire::link_type::null || t == linktype_loop;
}

void check_packet(const ipwire::decoded_packet& p, bytes_view frame, ipwire::link_type type) {
    using ipwire::decode_layer;
    using ipwire::decode_stop;
    IPWIRE_FUZZ_CHECK(p.link_type() == type);
    static_cast<void>(ipwire::to_string(type));
    IPWIRE_FUZZ_CHECK(within(p.payload(), frame));
    IPWIRE_FUZZ_CHECK(!ipwire::to_string(p.stop()).empty());
    IPWIRE_FUZZ_CHECK(p.error().has_value() == (p.stop() == decode_stop::error));
    // The frame's own link header failed (an inner Ethernet frame of a tunnel fails further in).
    const bool link_failed = p.error() && p.error()->layer == decode_layer::link && p.error()->offset == 0;

    // Link layer: the view of this link type, and only it, unless it failed.
    const bool is_null = type == ipwire::link_type::null || type == linktype_loop;
    IPWIRE_FUZZ_CHECK(p.ethernet().has_value() == (type == ipwire::link_type::ethernet && !link_failed));
    IPWIRE_FUZZ_CHECK(p.linux_sll().has_value() == (type == ipwire::link_type::linux_sll && !link_failed));
    IPWIRE_FUZZ_CHECK(p.linux_sll2().has_value() == (type == ipwire::link_type::linux_sll2 && !link_failed));
    IPWIRE_FUZZ_CHECK(p.null_loopback().has_value() == (is_null && !link_failed));
    const bool has_link_header = p.ethernet() || p.linux_sll() || p.linux_sll2() || p.null_loopback();
    IPWIRE_FUZZ_CHECK(p.ether_type().has_value() == has_link_header);
    bytes_view link_payload = frame;
    if (p.ethernet()) {
        check_ethernet(*p.ethernet(), frame);
        IPWIRE_FUZZ_CHECK(*p.ether_type() == p.ethernet()->ether_type());
        link_payload = p.ethernet()->payload();
    }
    if (p.linux_sll()) {
        check_sll(*p.linux_sll(), frame);
        IPWIRE_FUZZ_CHECK(*p.ether_type() == p.linux_sll()->ether_type());
        link_payload = p.linux_sll()->payload();
    }
    if (p.linux_sll2()) {
        check_sll2(*p.linux_sll2(), frame);
        IPWIRE_FUZZ_CHECK(*p.ether_type() == p.linux_sll2()->ether_type());
        link_payload = p.linux_sll2()->payload();
    }
    if (p.null_loopback()) {
        check_null(*p.null_loopback(), frame);
        IPWIRE_FUZZ_CHECK(*p.ether_type() == p.null_loopback()->ether_type());
        link_payload = p.null_loopback()->payload();
    }
    if (!is_supported(type)) {
        IPWIRE_FUZZ_CHECK(p.error() && p.error()->layer == decode_layer::link &&
                          p.error()->code == errc::unsupported_link_type && p.error()->offset == 0);
    }

    // Network layers: a chain, each the payload of the one before.
    const auto layers = p.ip_layers();
    IPWIRE_FUZZ_CHECK(layers.size() <= ipwire::decoded_packet::max_ip_layers);
    IPWIRE_FUZZ_CHECK(p.ip().has_value() == !layers.empty());
    IPWIRE_FUZZ_CHECK(p.outer_ip().has_value() == !layers.empty());
    // Every IP layer past the first came out of a tunnel; a tunnel may lead
    // into a header that failed.
    const auto tunnels = p.tunnels();
    IPWIRE_FUZZ_CHECK(p.is_tunnelled() == !tunnels.empty());
    IPWIRE_FUZZ_CHECK(tunnels.size() + 1 >= layers.size() && tunnels.size() <= layers.size());
    if (!layers.empty()) {
        IPWIRE_FUZZ_CHECK(same_span(p.ip()->bytes(), layers.back().bytes()));
        IPWIRE_FUZZ_CHECK(same_span(p.outer_ip()->bytes(), layers.front().bytes()));
        IPWIRE_FUZZ_CHECK(same_span(layers.front().bytes(), link_payload));
        if (type == ipwire::link_type::ipv4) IPWIRE_FUZZ_CHECK(layers.front().is_v4());
        if (type == ipwire::link_type::ipv6) IPWIRE_FUZZ_CHECK(layers.front().is_v6());
        if (p.ether_type()) IPWIRE_FUZZ_CHECK(layers.front().is_v4() == (*p.ether_type() == ipwire::ether_type::ipv4));
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const ipwire::ip_packet_view& layer = layers[i];
        check_ip(layer, frame);
        if (i + 1 < layers.size()) {
            // The next layer lies in this one's payload: straight after it
            // (IP in IP), or behind a GRE, VXLAN or Geneve header.
            const ipwire::ip_packet_view& inner = layers[i + 1];
            IPWIRE_FUZZ_CHECK(within(inner.bytes(), layer.payload()));
            const auto protocol = layer.protocol();
            IPWIRE_FUZZ_CHECK(protocol == ip_protocol::ipv4 || protocol == ip_protocol::ipv6 ||
                              protocol == ip_protocol::gre || protocol == ip_protocol::udp);
            if (protocol == ip_protocol::ipv4 || protocol == ip_protocol::ipv6) {
                IPWIRE_FUZZ_CHECK(same_span(inner.bytes(), layer.payload()));
                IPWIRE_FUZZ_CHECK(protocol == (inner.is_v4() ? ip_protocol::ipv4 : ip_protocol::ipv6));
            }
            IPWIRE_FUZZ_CHECK(!(layer.is_v4() && layer.v4().fragment_offset() != 0));
        }
    }

    // Tunnels: in frame order, each header parses where it is said to be,
    // each inside an IP layer's payload.
    std::size_t previous_tunnel = 0;
    for (std::size_t i = 0; i < tunnels.size(); ++i) {
        const ipwire::tunnel_layer t = tunnels[i];
        IPWIRE_FUZZ_CHECK(t.offset <= frame.size() && (i == 0 || t.offset > previous_tunnel));
        previous_tunnel = t.offset;
        IPWIRE_FUZZ_CHECK(!ipwire::to_string(t.kind).empty());
        const bytes_view at = frame.subspan(t.offset);
        bool in_a_layer = false;
        for (const ipwire::ip_packet_view& l : layers)
            in_a_layer = in_a_layer || (address_of(at.data()) >= address_of(l.payload().data()) &&
                                        address_of(at.data()) <= address_of(l.payload().data()) + l.payload().size());
        IPWIRE_FUZZ_CHECK(in_a_layer);
        switch (t.kind) {
        case ipwire::tunnel_kind::ip_in_ip: break;
        case ipwire::tunnel_kind::gre: {
            const auto g = ipwire::gre_view::parse(at);
            IPWIRE_FUZZ_CHECK(g.has_value() && g->version() == 0 && within(g->payload(), frame));
            static_cast<void>(g->key());
            static_cast<void>(g->sequence_number());
            static_cast<void>(g->checksum_valid());
            break;
        }
        case ipwire::tunnel_kind::vxlan: IPWIRE_FUZZ_CHECK(ipwire::vxlan_view::parse(at).has_value()); break;
        case ipwire::tunnel_kind::geneve: {
            const auto g = ipwire::geneve_view::parse(at);
            IPWIRE_FUZZ_CHECK(g.has_value() && within(g->header(), frame) && within(g->payload(), frame));
            std::size_t walked = 0;
            for (const ipwire::geneve_option o : g->options()) {
                IPWIRE_FUZZ_CHECK(within(o.bytes(), g->options().bytes()) && o.length() >= 4 &&
                                  o.data_length() + 4 == o.length() && o.length() % 4 == 0);
                walked += o.length();
            }
            IPWIRE_FUZZ_CHECK(walked == g->options().offset());
            IPWIRE_FUZZ_CHECK((g->options().error() == errc{}) == (walked == g->options().bytes().size()));
            break;
        }
        default: ipwire_fuzz::fail("unknown tunnel_kind", __FILE__, __LINE__);
        }
    }

    // Anomalies: named, inside the frame.
    for (const ipwire::decode_anomaly& a : p.anomalies()) {
        IPWIRE_FUZZ_CHECK(!ipwire::to_string(a.layer).empty() && is_packet_error(a.code) && a.offset < frame.size());
    }
    static_cast<void>(ipwire::to_string(p.truncation()));
    IPWIRE_FUZZ_CHECK((p.truncation() == ipwire::decode_truncation::none) == [&] {
        for (const ipwire::ip_packet_view& l : layers)
            if (l.truncated()) return false;
        return true;
    }());

    // Transport: at most one, and only of the innermost IP packet.
    const int transports = (p.tcp() ? 1 : 0) + (p.udp() ? 1 : 0) + (p.icmp() ? 1 : 0);
    IPWIRE_FUZZ_CHECK(transports <= 1);
    if (p.stop() == decode_stop::transport) IPWIRE_FUZZ_CHECK(p.tcp() || p.udp());
    if (p.tcp()) {
        IPWIRE_FUZZ_CHECK(p.stop() == decode_stop::transport);
        IPWIRE_FUZZ_CHECK(p.ip() && p.ip()->protocol() == ip_protocol::tcp);
        IPWIRE_FUZZ_CHECK(same_span(p.tcp()->bytes(), p.ip()->payload()));
        IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.tcp()->payload()));
        check_tcp(*p.tcp(), *p.ip());
    }
    if (p.udp()) {
        // A UDP port may lead into a tunnel, whose inner frame then ends the walk.
        IPWIRE_FUZZ_CHECK(p.stop() == decode_stop::transport || p.is_tunnelled() || p.error());
        IPWIRE_FUZZ_CHECK(p.ip() && p.ip()->protocol() == ip_protocol::udp);
        IPWIRE_FUZZ_CHECK(same_span(p.udp()->bytes(), p.ip()->payload()));
        if (p.stop() == decode_stop::transport) IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.udp()->payload()));
        check_udp(*p.udp(), *p.ip());
    }
    if (p.icmp()) {
        const ipwire::icmp_message_view m = *p.icmp();
        IPWIRE_FUZZ_CHECK(p.stop() == decode_stop::other_protocol && p.ip());
        IPWIRE_FUZZ_CHECK(p.ip()->protocol() == (m.is_v4() ? ip_protocol::icmp : ip_protocol::icmpv6));
        IPWIRE_FUZZ_CHECK(m.is_v4() == p.ip()->is_v4());
        IPWIRE_FUZZ_CHECK(same_span(m.bytes(), p.ip()->payload()) && same_span(p.payload(), m.bytes()));
        IPWIRE_FUZZ_CHECK(within(m.body(), frame));
        static_cast<void>(m.checksum_valid(*p.ip()));
        const auto quoted = p.icmp_quoted_ip();
        IPWIRE_FUZZ_CHECK(!quoted || (m.is_error() && same_span(quoted->bytes(), m.body())));
        if (quoted) {
            check_ip(*quoted, frame);
            IPWIRE_FUZZ_CHECK(within(ipwire::quoted_transport(*quoted), m.body()));
        }
        IPWIRE_FUZZ_CHECK(!p.icmp_quoted_ports() || quoted);
    } else {
        IPWIRE_FUZZ_CHECK(!p.icmp_quoted_ip() && !p.icmp_quoted_ports());
    }
    const auto source = p.source();
    const auto destination = p.destination();
    IPWIRE_FUZZ_CHECK(source.has_value() == (p.tcp() || p.udp()) && destination.has_value() == (p.tcp() || p.udp()));
    if (source) {
        IPWIRE_FUZZ_CHECK(source->address() == p.ip()->source() && destination->address() == p.ip()->destination());
        IPWIRE_FUZZ_CHECK(source->port() == (p.tcp() ? p.tcp()->source_port() : p.udp()->source_port()));
        IPWIRE_FUZZ_CHECK(destination->port() == (p.tcp() ? p.tcp()->destination_port() : p.udp()->destination_port()));
        check_text(*source);
        check_text(*destination);
    }

    // How the walk ended, and what payload that leaves.
    switch (p.stop()) {
    case decode_stop::transport: break;
    case decode_stop::not_ip:
        IPWIRE_FUZZ_CHECK(has_link_header && (layers.empty() || p.is_tunnelled()));
        if (!p.is_tunnelled()) IPWIRE_FUZZ_CHECK(same_span(p.payload(), link_payload));
        break;
    case decode_stop::other_protocol: {
        IPWIRE_FUZZ_CHECK(p.ip().has_value());
        const auto protocol = p.ip()->protocol();
        // A Geneve header (on UDP) whose protocol type decode does not read ends here too.
        const bool after_udp_tunnel =
            protocol == ip_protocol::udp && !tunnels.empty() &&
            (tunnels.back().kind == ipwire::tunnel_kind::geneve || tunnels.back().kind == ipwire::tunnel_kind::vxlan);
        IPWIRE_FUZZ_CHECK(after_udp_tunnel || (protocol != ip_protocol::tcp && protocol != ip_protocol::udp &&
                                               protocol != ip_protocol::ipv4 && protocol != ip_protocol::ipv6));
        // GRE or Geneve carrying what decode does not read: the tunnel's payload.
        if (protocol == ip_protocol::gre && !tunnels.empty() && tunnels.back().kind == ipwire::tunnel_kind::gre)
            IPWIRE_FUZZ_CHECK(within(p.payload(), p.ip()->payload()));
        else
            IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.ip()->payload()) || p.is_tunnelled());
        break;
    }
    case decode_stop::non_first_fragment:
        IPWIRE_FUZZ_CHECK(p.ip().has_value());
        if (p.ip()->is_v4()) IPWIRE_FUZZ_CHECK(p.ip()->v4().fragment_offset() != 0);
        IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.ip()->payload()));
        break;
    case decode_stop::error: {
        const ipwire::decode_error e = *p.error();
        IPWIRE_FUZZ_CHECK(!ipwire::to_string(e.layer).empty());
        IPWIRE_FUZZ_CHECK(is_packet_error(e.code));
        IPWIRE_FUZZ_CHECK(!ipwire::to_string(e.code).empty());
        IPWIRE_FUZZ_CHECK(e.offset <= frame.size());
        IPWIRE_FUZZ_CHECK(starts_at(p.payload(), frame, e.offset));
        switch (e.layer) {
        case decode_layer::link: IPWIRE_FUZZ_CHECK((layers.empty() && e.offset == 0) || p.is_tunnelled()); break;
        case decode_layer::ip: break;
        case decode_layer::tcp:
            IPWIRE_FUZZ_CHECK(p.ip() && p.ip()->protocol() == ip_protocol::tcp);
            IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.ip()->payload()));
            break;
        case decode_layer::udp:
            IPWIRE_FUZZ_CHECK(p.ip() && p.ip()->protocol() == ip_protocol::udp);
            IPWIRE_FUZZ_CHECK(same_span(p.payload(), p.ip()->payload()));
            break;
        case decode_layer::tunnel:
            IPWIRE_FUZZ_CHECK(p.ip() &&
                              (p.ip()->protocol() == ip_protocol::gre || p.ip()->protocol() == ip_protocol::udp));
            IPWIRE_FUZZ_CHECK(within(p.payload(), p.ip()->payload()));
            break;
        default: ipwire_fuzz::fail("unknown decode_layer", __FILE__, __LINE__);
        }
        break;
    }
    default: ipwire_fuzz::fail("unknown decode_stop", __FILE__, __LINE__);
    }
}

// Two decodes of the same frame said the same thing (the link type aside).
bool same_result(const ipwire::decoded_packet& a, const ipwire::decoded_packet& b) {
    if (a.stop() != b.stop() || a.error() != b.error() || !same_span(a.payload(), b.payload())) return false;
    if (a.ip_layers().size() != b.ip_layers().size() || a.ether_type() != b.ether_type()) return false;
    for (std::size_t i = 0; i < a.ip_layers().size(); ++i)
        if (!same_span(a.ip_layers()[i].bytes(), b.ip_layers()[i].bytes())) return false;
    if (a.tcp().has_value() != b.tcp().has_value() || a.udp().has_value() != b.udp().has_value()) return false;
    if (a.tcp() && !same_span(a.tcp()->bytes(), b.tcp()->bytes())) return false;
    if (a.udp() && !same_span(a.udp()->bytes(), b.udp()->bytes())) return false;
    if (a.icmp().has_value() != b.icmp().has_value()) return false;
    if (a.icmp() && !same_span(a.icmp()->bytes(), b.icmp()->bytes())) return false;
    const auto ta = a.tunnels();
    const auto tb = b.tunnels();
    if (ta.size() != tb.size()) return false;
    for (std::size_t i = 0; i < ta.size(); ++i)
        if (!(ta[i] == tb[i])) return false;
    return true;
}

// Fixed, whole IP headers to check a TCP or UDP view's checksums against
// when it was parsed on its own (no IP packet carried it).
constexpr std::array<std::uint8_t, 20> lone_ipv4 = {0x45, 0, 0,   20, 0, 0, 0,   0,  64,  6,
                                                    0,    0, 192, 0,  2, 1, 198, 51, 100, 7};
constexpr std::array<std::uint8_t, 40> lone_ipv6 = {0x60, 0, 0, 0, 0, 0, 59, 64, 0x20, 0x01, 0x0D, 0xB8, 0,    0,
                                                    0,    0, 0, 0, 0, 0, 0,  0,  0,    1,    0x20, 0x01, 0x0D, 0xB8,
                                                    0,    0, 0, 0, 0, 0, 0,  0,  0,    0,    0,    2};

// Every view's parse over the whole frame, as if it started with that header:
// an accepted view passes the same checks as one decode returns, a refused one
// says one of the errors its parse documents.
void check_direct(bytes_view frame) {
    if (const auto e = ipwire::ethernet_frame_view::parse(frame))
        check_ethernet(*e, frame);
    else
        IPWIRE_FUZZ_CHECK(e.error() == errc::truncated);
    if (const auto s = ipwire::linux_sll_view::parse(frame))
        check_sll(*s, frame);
    else
        IPWIRE_FUZZ_CHECK(s.error() == errc::truncated);
    if (const auto s = ipwire::linux_sll2_view::parse(frame))
        check_sll2(*s, frame);
    else
        IPWIRE_FUZZ_CHECK(s.error() == errc::truncated);
    if (const auto n = ipwire::null_loopback_view::parse(frame))
        check_null(*n, frame);
    else
        IPWIRE_FUZZ_CHECK(n.error() == errc::truncated);

    const auto v4 = ipwire::ipv4_packet_view::parse(frame);
    if (v4)
        check_ipv4(*v4);
    else
        IPWIRE_FUZZ_CHECK(v4.error() == errc::truncated || v4.error() == errc::bad_version ||
                          v4.error() == errc::bad_header_length || v4.error() == errc::bad_total_length);
    const auto v6 = ipwire::ipv6_packet_view::parse(frame);
    if (v6)
        check_ipv6(*v6);
    else
        IPWIRE_FUZZ_CHECK(v6.error() == errc::truncated || v6.error() == errc::bad_version ||
                          v6.error() == errc::bad_payload_length);
    const auto ip = ipwire::ip_packet_view::parse(frame);
    const unsigned version = frame.empty() ? 0U : frame[0] >> 4U;
    IPWIRE_FUZZ_CHECK(ip.has_value() == ((version == 4 && v4) || (version == 6 && v6)));
    if (ip)
        check_ip(*ip, frame);
    else
        IPWIRE_FUZZ_CHECK(ip.error() == (version == 4    ? v4.error()
                                         : version == 6  ? v6.error()
                                         : frame.empty() ? errc::truncated
                                                         : errc::bad_version));

    const auto lone4 = *ipwire::ip_packet_view::parse(bytes_view(lone_ipv4));
    const auto lone6 = *ipwire::ip_packet_view::parse(bytes_view(lone_ipv6));
    if (const auto t = ipwire::tcp_segment_view::parse(frame)) {
        check_tcp(*t, lone4);
        check_tcp(*t, lone6);
    } else {
        IPWIRE_FUZZ_CHECK(t.error() == errc::truncated || t.error() == errc::bad_data_offset);
    }
    if (const auto u = ipwire::udp_datagram_view::parse(frame)) {
        check_udp(*u, lone4);
        check_udp(*u, lone6);
    } else {
        IPWIRE_FUZZ_CHECK(u.error() == errc::truncated || u.error() == errc::bad_length);
    }
}

// Selector bytes from this value on append big_padding zero bytes.
constexpr std::uint8_t big_selector = 0xF8;
constexpr std::size_t big_padding = 65536;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ipwire::link_type type = link_types[data[0] % link_types.size()];
    std::vector<std::uint8_t> padded;
    if (data[0] >= big_selector) {
        padded.assign(data + 1, data + size);
        padded.resize(padded.size() + big_padding);
    }
    const ipwire_fuzz::exact_copy input(padded.empty() ? data + 1 : padded.data(),
                                        padded.empty() ? size - 1 : padded.size());
    const bytes_view frame(input.data(), input.size());

    const ipwire::decoded_packet packet = ipwire::decode(frame, type);
    check_packet(packet, frame, type);
    IPWIRE_FUZZ_CHECK(same_result(packet, ipwire::decode(frame, type)));
    // No UDP port followed: the same checks hold, and no VXLAN or Geneve is listed.
    const ipwire::decoded_packet ports_off =
        ipwire::decode(frame, type, ipwire::decode_options{.follow_vxlan = false, .follow_geneve = false});
    check_packet(ports_off, frame, type);
    for (const ipwire::tunnel_layer t : ports_off.tunnels())
        IPWIRE_FUZZ_CHECK(t.kind == ipwire::tunnel_kind::ip_in_ip || t.kind == ipwire::tunnel_kind::gre);
    // As a capture record with a wire length drawn from the input: the same
    // walk, only the truncation verdict and its anomalies may differ.
    ipwire::capture_record record;
    record.link_type = type;
    record.data = frame;
    record.captured_length = static_cast<std::uint32_t>(frame.size());
    record.original_length = static_cast<std::uint32_t>(frame.size() + (size > 1 ? data[size - 1] : 0U) * 4U);
    const ipwire::decoded_packet recorded = ipwire::decode(record);
    check_packet(recorded, frame, type);
    IPWIRE_FUZZ_CHECK(same_result(packet, recorded));
    IPWIRE_FUZZ_CHECK(recorded.truncation() != ipwire::decode_truncation::unknown);
    IPWIRE_FUZZ_CHECK((recorded.truncation() == ipwire::decode_truncation::none) ==
                      (packet.truncation() == ipwire::decode_truncation::none));

    // Aliases: the other numbers of the same link type decode alike, and a raw
    // frame decodes as the family link type its version nibble names.
    if (type == ipwire::link_type::raw) {
        IPWIRE_FUZZ_CHECK(same_result(packet, ipwire::decode(frame, dlt_raw)));
        IPWIRE_FUZZ_CHECK(same_result(packet, ipwire::decode(frame, dlt_raw_openbsd)));
    }
    if ((type == ipwire::link_type::ipv4 || type == ipwire::link_type::ipv6) && !frame.empty() &&
        (frame[0] >> 4U) == (type == ipwire::link_type::ipv4 ? 4U : 6U))
        IPWIRE_FUZZ_CHECK(same_result(packet, ipwire::decode(frame, ipwire::link_type::raw)));
    if (type == ipwire::link_type::null) {
        const ipwire::decoded_packet loop = ipwire::decode(frame, linktype_loop);
        IPWIRE_FUZZ_CHECK(same_result(packet, loop));
        check_packet(loop, frame, linktype_loop);
    }
    if (!is_supported(type) && padded.empty()) check_direct(frame);
    return 0;
}
