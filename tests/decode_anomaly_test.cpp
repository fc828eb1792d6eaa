// decode's non-fatal anomalies (decoded_packet::anomalies) and the wire-length
// verdict on cut IP packets (decoded_packet::truncation, decode of a capture_record).
#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>

#include "decode_frames.hpp"

namespace {

using namespace decode_frames;
using ipwire::bytes_view;
using ipwire::decode;
using ipwire::decode_anomaly;
using ipwire::decode_layer;
using ipwire::decode_stop;
using ipwire::decode_truncation;
using ipwire::decoded_packet;
using ipwire::errc;
using ipwire::link_type;

// A record of `data` whose wire length is `original`.
constexpr ipwire::capture_record record(bytes_view data, std::uint32_t original) {
    ipwire::capture_record r;
    r.link_type = link_type::ethernet;
    r.captured_length = static_cast<std::uint32_t>(data.size());
    r.original_length = original;
    r.data = data;
    return r;
}

// An IPv4 option of length 1 (RFC 791: at least 2): the walk breaks, TCP is read.
constexpr auto v4_bad_option = cat(ethernet(0x0800), ipv4_with_options(6, 44, {0x44, 1, 0, 0}), tcp(1, 2));
// An MSS option with length 9, past the 4-byte option area.
constexpr auto tcp_bad_option = cat(ethernet(0x0800), ipv4(6, 44), tcp_with_options(1, 2, {2, 9, 0, 0}));
// A UDP length of 0xFFFF in a whole IPv4 packet of 32 bytes: the length lies.
constexpr auto udp_lies = cat(ethernet(0x0800), ipv4(17, 32), udp(1, 2, 0xFFFF), data4());
// The same datagram in a packet cut by the capture: no UDP anomaly.
constexpr auto udp_cut = cat(ethernet(0x0800), ipv4(17, 0xFFFF), udp(1, 2, 0xFFFF), data4());
// A destination options header whose PadN runs past it (length 7 in 6 bytes).
constexpr auto v6_bad_option = cat(ethernet(0x86DD), ipv6(60, 16), bytes<8>{17, 0, 1, 7, 0, 0, 0, 0}, udp(1, 2, 8));
// ICMP of 4 bytes: under the 8 every message has.
constexpr auto icmp_short = cat(ethernet(0x0800), ipv4(1, 24), bytes<4>{8, 0, 0, 0});
// 4 in 4 whose inner total length (100) exceeds what the outer packet carries (48).
constexpr auto inner_lies = cat(ethernet(0x0800), ipv4(4, 48), ipv4(17, 100), udp(1, 2, 8));
// Both anomalies of one packet, in walk order.
constexpr auto two_faults =
    cat(ethernet(0x0800), ipv4_with_options(6, 48, {0x44, 0, 0, 0}), tcp_with_options(1, 2, {3, 0, 0, 0}));
// IPv4 claiming 0x0100 bytes, IPv6 claiming 0x0100 bytes of payload, 32 and 48 captured.
constexpr auto v4_long = cat(ethernet(0x0800), ipv4(17, 0x100), udp(1, 2, 12), data4());
constexpr auto v6_long = cat(ethernet(0x86DD), ipv6(17, 0x100), udp(1, 2, 12), data4());

struct anomaly_case {
    const char* name;
    bytes_view frame;
    std::size_t count;
    decode_anomaly first; // when count != 0
    decode_stop stop;
};

constexpr std::array anomaly_cases{
    anomaly_case{"ipv4 option length 1",
                 v4_bad_option,
                 1,
                 {decode_layer::ip, errc::bad_option_length, 34},
                 decode_stop::transport},
    anomaly_case{"tcp option past the area",
                 tcp_bad_option,
                 1,
                 {decode_layer::tcp, errc::bad_option_length, 54},
                 decode_stop::transport},
    anomaly_case{"udp length beyond the whole packet",
                 udp_lies,
                 1,
                 {decode_layer::udp, errc::bad_length, 34},
                 decode_stop::transport},
    anomaly_case{"udp length beyond a cut packet", udp_cut, 0, {}, decode_stop::transport},
    anomaly_case{"ipv6 destination option past its header",
                 v6_bad_option,
                 1,
                 {decode_layer::ip, errc::bad_option_length, 54},
                 decode_stop::transport},
    anomaly_case{
        "icmp of 4 bytes", icmp_short, 1, {decode_layer::icmp, errc::truncated, 34}, decode_stop::other_protocol},
    anomaly_case{"inner total length beyond the outer packet",
                 inner_lies,
                 1,
                 {decode_layer::ip, errc::bad_total_length, 34},
                 decode_stop::transport},
    anomaly_case{"ipv4 and tcp options both broken",
                 two_faults,
                 2,
                 {decode_layer::ip, errc::bad_option_length, 34},
                 decode_stop::transport},
};

constexpr bool anomaly_matches(const anomaly_case& c) {
    const decoded_packet p = decode(c.frame, link_type::ethernet);
    const auto a = p.anomalies();
    return a.size() == c.count && (c.count == 0 || a[0] == c.first) && p.stop() == c.stop && !p.error();
}

constexpr bool all_anomalies_match() {
    for (const anomaly_case& c : anomaly_cases)
        if (!anomaly_matches(c)) return false;
    return true;
}
static_assert(all_anomalies_match());

TEST_CASE("decode: faults that stop nothing are anomalies with layer, errc and offset") {
    for (const anomaly_case& c : anomaly_cases) {
        CAPTURE(c.name);
        const decoded_packet p = decode(c.frame, link_type::ethernet);
        const auto a = p.anomalies();
        REQUIRE(a.size() == c.count);
        if (c.count != 0) {
            CHECK(to_string(a[0].layer) == to_string(c.first.layer));
            CHECK(to_string(a[0].code) == to_string(c.first.code));
            CHECK(a[0].offset == c.first.offset);
        }
        CHECK(p.stop() == c.stop);
        CHECK_FALSE(p.error());
    }
    // The layers stay readable past the anomaly.
    const decoded_packet v4 = decode(v4_bad_option, link_type::ethernet);
    REQUIRE(v4.tcp());
    CHECK(v4.tcp()->destination_port().value() == 2);
    const decoded_packet both = decode(two_faults, link_type::ethernet);
    CHECK(both.anomalies()[1] == decode_anomaly{decode_layer::tcp, errc::bad_option_length, 58});
    const decoded_packet icmp = decode(icmp_short, link_type::ethernet);
    CHECK_FALSE(icmp.icmp());
    CHECK(icmp.payload().size() == 4);
    // A whole, well-formed packet has none.
    CHECK(decode(cat(ethernet(0x0800), ipv4(6, 40), tcp(1, 2)), link_type::ethernet).anomalies().empty());
}

// --- the wire length ---

constexpr bool truncation_is(const decoded_packet& p, decode_truncation t, std::size_t anomalies) {
    return p.truncation() == t && p.anomalies().size() == anomalies && p.udp().has_value();
}
// A bare frame cannot tell.
static_assert(truncation_is(decode(v4_long, link_type::ethernet), decode_truncation::unknown, 0));
static_assert(truncation_is(decode(v6_long, link_type::ethernet), decode_truncation::unknown, 0));
// The record's original length covers the IP length: the snap length cut it.
static_assert(truncation_is(decode(record(v4_long, 14 + 0x100)), decode_truncation::snap_length, 0));
static_assert(truncation_is(decode(record(v6_long, 14 + 40 + 0x100)), decode_truncation::snap_length, 0));
// The wire carried no more than was captured: the header lies.
static_assert(truncation_is(decode(record(v4_long, 46)), decode_truncation::length_field, 1));
static_assert(truncation_is(decode(record(v6_long, 66)), decode_truncation::length_field, 1));
// One byte short of the claim is a lie too.
static_assert(truncation_is(decode(record(v4_long, 14 + 0x100 - 1)), decode_truncation::length_field, 1));
// Whole packets: none, whatever the wire length.
static_assert(decode(record(udp_lies, 46)).truncation() == decode_truncation::none);
// An inner packet cut by its outer packet's length is a lie even in a bare frame.
static_assert(decode(inner_lies, link_type::ethernet).truncation() == decode_truncation::length_field);

TEST_CASE("decode(capture_record): an IP length beyond the capture is the snap length's cut or a lie") {
    const decoded_packet bare = decode(v4_long, link_type::ethernet);
    CHECK(bare.truncation() == decode_truncation::unknown);
    CHECK(bare.anomalies().empty());
    CHECK(bare.ip()->truncated());

    const decoded_packet cut = decode(record(v4_long, 14 + 0x100));
    CHECK(cut.truncation() == decode_truncation::snap_length);
    CHECK(cut.anomalies().empty());
    CHECK(to_string(cut.truncation()) == "snap length");

    const decoded_packet lie4 = decode(record(v4_long, 46));
    CHECK(lie4.truncation() == decode_truncation::length_field);
    REQUIRE(lie4.anomalies().size() == 1);
    CHECK(lie4.anomalies()[0] == decode_anomaly{decode_layer::ip, errc::bad_total_length, 14});

    const decoded_packet lie6 = decode(record(v6_long, 66));
    REQUIRE(lie6.anomalies().size() == 1);
    CHECK(lie6.anomalies()[0] == decode_anomaly{decode_layer::ip, errc::bad_payload_length, 14});

    // A record claiming fewer wire bytes than it holds is read as its data's length.
    const decoded_packet odd = decode(record(v4_long, 10));
    CHECK(odd.truncation() == decode_truncation::length_field);
    // Everything else agrees with the bare decode.
    CHECK(cut.payload().data() == bare.payload().data());
    CHECK(cut.udp()->bytes().data() == bare.udp()->bytes().data());
}

} // namespace
