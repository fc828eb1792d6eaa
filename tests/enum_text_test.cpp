// Tests for the text of every public enum: to_string never returns a null
// view (its data() is a C string for every value of the underlying type, so
// README's `puts(to_string(x).data())` is safe), the names of the enums that
// gained a to_string with issue 11, and operator<<, {fmt} and std::format
// printing the name, or the decimal number for a value without one.
#include <ipwire/format.hpp>
#include <ipwire/ostream.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>
#include <ipwire/error.hpp>
#include <ipwire/ip_protocol.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/port.hpp>
#include <ipwire/wire/ether_type.hpp>
#include <ipwire/wire/ipv4.hpp>
#include <ipwire/wire/ipv6_extension.hpp>
#include <ipwire/wire/link.hpp>
#include <ipwire/wire/link_type.hpp>
#include <ipwire/wire/tcp.hpp>
#include <ipwire/wire/ipv6_chain.hpp>
#include <ipwire/reassembly/ip_fragments.hpp>
#include <ipwire/reassembly/tcp_stream.hpp>

#if defined(IPWIRE_TEST_HAVE_FMT)
#include <fmt/format.h>
#include <ipwire/fmt.hpp>
#endif
#if IPWIRE_HAS_STD_FORMAT
#include <format>
#endif

namespace {

using namespace ipwire;

// to_string(E(v)) for v in [first, last] is never null and ends with a NUL
// (a string literal's), and `named` values have a non-empty name.
template <class E>
constexpr bool texts_are_c_strings(std::uint32_t first, std::uint32_t last, std::size_t named) {
    std::size_t count = 0;
    for (std::uint32_t v = first;; ++v) {
        const std::string_view t = to_string(static_cast<E>(static_cast<std::underlying_type_t<E>>(v)));
        if (t.data() == nullptr || t.data()[t.size()] != '\0') return false;
        if (!t.empty()) ++count;
        if (v == last) break;
    }
    return count == named;
}

// Every byte value of the 8-bit enums, and the low byte of the wider ones, in
// the compiler. `named` counts the enumerators (with their aliases).
static_assert(texts_are_c_strings<errc>(0, 255, 256)); // "unknown error" for the rest
static_assert(texts_are_c_strings<port_class>(0, 255, 3));
static_assert(texts_are_c_strings<multicast_scope>(0, 255, 256)); // "unassigned" for the rest
static_assert(texts_are_c_strings<ip_protocol>(0, 255, 20));
static_assert(texts_are_c_strings<capture_format>(0, 255, 2));
static_assert(texts_are_c_strings<decode_layer>(0, 255, 6));
static_assert(texts_are_c_strings<decode_stop>(0, 255, 5));
static_assert(texts_are_c_strings<ipv4_option_type>(0, 255, 11));
static_assert(texts_are_c_strings<ipv6_option_type>(0, 255, 6));
static_assert(texts_are_c_strings<ipv6_routing_type>(0, 255, 4));
static_assert(texts_are_c_strings<tcp_option_kind>(0, 255, 11));
static_assert(texts_are_c_strings<ether_type>(0, 255, 0));
static_assert(texts_are_c_strings<link_type>(0, 255, 6));
static_assert(texts_are_c_strings<sll_packet_type>(0, 255, 5));
static_assert(texts_are_c_strings<arp_hardware_type>(0, 255, 3));
static_assert(texts_are_c_strings<bsd_address_family>(0, 255, 7));

TEST_CASE("to_string is a C string for every value of every public enum") {
    // The 16-bit enums over their whole range, the 32-bit one over its low
    // 16 bits and its top values, at run time.
    CHECK(texts_are_c_strings<ether_type>(0, 0xFFFF, 9));
    CHECK(texts_are_c_strings<link_type>(0, 0xFFFF, 7));
    CHECK(texts_are_c_strings<sll_packet_type>(0, 0xFFFF, 5));
    CHECK(texts_are_c_strings<arp_hardware_type>(0, 0xFFFF, 17));
    CHECK(texts_are_c_strings<bsd_address_family>(0, 0xFFFF, 7));
    CHECK(texts_are_c_strings<bsd_address_family>(0xFFFF'FF00, 0xFFFF'FFFF, 0));
    // README's pattern on a number without a name: an empty C string.
    CHECK(std::strlen(to_string(ip_protocol{253}).data()) == 0);
    CHECK(std::strlen(to_string(tcp_option_kind{99}).data()) == 0);
    CHECK(std::strcmp(to_string(ip_protocol::tcp).data(), "tcp") == 0);
}

// The names given with issue 11, every enumerator.
struct name_case {
    std::string_view text;
    std::string_view expected;
};
constexpr std::array<name_case, 41> new_names{{
    {to_string(capture_format::pcap), "pcap"},
    {to_string(capture_format::pcapng), "pcapng"},
    {to_string(arp_hardware_type::ethernet), "ethernet"},
    {to_string(arp_hardware_type::ieee802), "ieee802"},
    {to_string(arp_hardware_type::infiniband), "infiniband"},
    {to_string(arp_hardware_type::can), "can"},
    {to_string(arp_hardware_type::ppp), "ppp"},
    {to_string(arp_hardware_type::tunnel), "tunnel"},
    {to_string(arp_hardware_type::tunnel6), "tunnel6"},
    {to_string(arp_hardware_type::frame_relay), "frame_relay"},
    {to_string(arp_hardware_type::loopback), "loopback"},
    {to_string(arp_hardware_type::sit), "sit"},
    {to_string(arp_hardware_type::ipgre), "ipgre"},
    {to_string(arp_hardware_type::ieee80211), "ieee80211"},
    {to_string(arp_hardware_type::ieee80211_radiotap), "ieee80211_radiotap"},
    {to_string(arp_hardware_type::ip6gre), "ip6gre"},
    {to_string(arp_hardware_type::netlink), "netlink"},
    {to_string(arp_hardware_type::none), "none"},
    {to_string(arp_hardware_type::void_type), "void"},
    {to_string(bsd_address_family::unspecified), "unspecified"},
    {to_string(bsd_address_family::inet), "inet"},
    {to_string(bsd_address_family::iso), "iso"},
    {to_string(bsd_address_family::ipx), "ipx"},
    {to_string(bsd_address_family::inet6_bsd), "inet6"},
    {to_string(bsd_address_family::inet6_freebsd), "inet6"},
    {to_string(bsd_address_family::inet6_darwin), "inet6"},
    {to_string(ipv4_option_type::end_of_list), "EOOL"},
    {to_string(ipv4_option_type::no_operation), "NOP"},
    {to_string(ipv4_option_type::record_route), "RR"},
    {to_string(ipv4_option_type::quick_start), "QS"},
    {to_string(ipv4_option_type::timestamp), "TS"},
    {to_string(ipv4_option_type::security), "SEC"},
    {to_string(ipv4_option_type::loose_source_route), "LSR"},
    {to_string(ipv4_option_type::commercial_security), "CIPSO"},
    {to_string(ipv4_option_type::stream_id), "SID"},
    {to_string(ipv4_option_type::strict_source_route), "SSR"},
    {to_string(ipv4_option_type::router_alert), "RTRALT"},
    {to_string(ipv6_option_type::pad1), "Pad1"},
    {to_string(ipv6_option_type::padn), "PadN"},
    {to_string(ipv6_option_type::tunnel_encapsulation_limit), "Tunnel Encapsulation Limit"},
    {to_string(ipv6_option_type::router_alert), "Router Alert"},
}};
static_assert([] {
    for (const auto& row : new_names)
        if (row.text != row.expected) return false;
    return to_string(ipv6_option_type::jumbo_payload) == "Jumbo Payload" &&
           to_string(ipv6_option_type::home_address) == "Home Address" &&
           to_string(ipv6_routing_type::source_route) == "Source Route" &&
           to_string(ipv6_routing_type::mobile_ipv6) == "Type 2 Routing" &&
           to_string(ipv6_routing_type::rpl_source_route) == "RPL Source Route" &&
           to_string(ipv6_routing_type::segment_routing) == "Segment Routing";
}());

// What a formatter prints for E(v): the name, or v in decimal; errc and
// multicast_scope print only their enumerators' names.
template <class E>
std::string expected_text(std::uint32_t v) {
    const auto e = static_cast<E>(static_cast<std::underlying_type_t<E>>(v));
    if constexpr (std::is_same_v<E, errc>) {
        if (v >= 1 && v <= static_cast<std::uint32_t>(detail::last_errc)) return std::string(to_string(e));
    } else if constexpr (std::is_same_v<E, multicast_scope>) {
        if (v <= 5 || v == 8 || v == 14 || v == 15) return std::string(to_string(e));
    } else {
        if (!to_string(e).empty()) return std::string(to_string(e));
    }
    return std::to_string(v);
}

template <class E>
std::size_t mismatches(std::uint32_t first, std::uint32_t last) {
    std::size_t bad = 0;
    for (std::uint32_t v = first;; ++v) {
        const auto e = static_cast<E>(static_cast<std::underlying_type_t<E>>(v));
        const std::string want = expected_text<E>(v);
        std::ostringstream out;
        out << e;
        bad += out.str() != want;
#if defined(IPWIRE_TEST_HAVE_FMT)
        bad += fmt::format("{}", e) != want;
#endif
#if IPWIRE_HAS_STD_FORMAT
        bad += std::format("{}", e) != want;
#endif
        if (v == last) break;
    }
    return bad;
}

TEST_CASE("operator<< and the formatters print every value of every enum: its name or its number") {
    CHECK(mismatches<errc>(0, 255) == 0);
    CHECK(mismatches<port_class>(0, 255) == 0);
    CHECK(mismatches<multicast_scope>(0, 255) == 0);
    CHECK(mismatches<ip_protocol>(0, 255) == 0);
    CHECK(mismatches<capture_format>(0, 255) == 0);
    CHECK(mismatches<decode_layer>(0, 255) == 0);
    CHECK(mismatches<decode_stop>(0, 255) == 0);
    CHECK(mismatches<ipv4_option_type>(0, 255) == 0);
    CHECK(mismatches<ipv6_option_type>(0, 255) == 0);
    CHECK(mismatches<ipv6_routing_type>(0, 255) == 0);
    CHECK(mismatches<tcp_option_kind>(0, 255) == 0);
    CHECK(mismatches<ether_type>(0, 0xFFFF) == 0);
    CHECK(mismatches<link_type>(0, 0xFFFF) == 0);
    CHECK(mismatches<sll_packet_type>(0, 0xFFFF) == 0);
    CHECK(mismatches<arp_hardware_type>(0, 0xFFFF) == 0);
    CHECK(mismatches<bsd_address_family>(0, 0xFFFF) == 0);
    CHECK(mismatches<bsd_address_family>(0xFFFF'FF00, 0xFFFF'FFFF) == 0);
}

TEST_CASE("unnamed values print as decimal numbers, named ones as their names") {
    std::ostringstream out;
    out << ip_protocol{253} << ' ' << ip_protocol::tcp << ' ' << ether_type{0x88E5} << ' ' << ether_type::ipv4 << ' '
        << multicast_scope{6} << ' ' << multicast_scope::site_local << ' ' << tcp_option_kind{254} << ' '
        << bsd_address_family{0xFFFF'FFFF} << ' ' << decode_stop::other_protocol;
    CHECK(out.str() == "253 tcp 35045 IPv4 6 site-local 254 4294967295 other protocol");
}

// The enums of the newer headers opt in by detail::is_text_enum from their
// own header (detail/text_value.hpp): the same three outputs print them.
TEST_CASE("enums registered by their own headers print their names, and unnamed values their numbers") {
    std::ostringstream out;
    out << ipwire::tunnel_kind::gre << ' ' << ipwire::tunnel_kind{9} << ' ' << ipwire::decode_truncation::snap_length
        << ' ' << ipwire::ipv6_chain_stop::non_first_fragment;
#if IPWIRE_HAS_REASSEMBLY
    out << ' ' << ipwire::ip_overlap_policy::linux_kernel;
#endif
    CHECK(out.str().starts_with("GRE 9 snap length " +
                                std::string(to_string(ipwire::ipv6_chain_stop::non_first_fragment))));
#if defined(IPWIRE_TEST_HAVE_FMT)
    CHECK(fmt::format("[{:>8}]", ipwire::tunnel_kind::vxlan) == "[   VXLAN]");
    CHECK(fmt::format("{}", ipwire::tunnel_kind{0}) == "0");
#endif
#if IPWIRE_HAS_STD_FORMAT
    CHECK(std::format("[{:<7}]", ipwire::tunnel_kind::geneve) == "[Geneve ]");
#endif
}

} // namespace
