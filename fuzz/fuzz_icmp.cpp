// fuzz_icmp: the first byte picks how the rest is read. Bit 0 clear: the rest
// is an ICMP message alone (bit 1 picks ICMPv4 or ICMPv6). Bit 0 set: the rest
// is an IP packet, and its payload is read as the message its protocol names
// (1 ICMP, 58 ICMPv6), checksum against the packet included.
//
// Properties: parse fails only with errc::truncated and only below 8 bytes;
// every span a view hands out (bytes, header, body, the quoted packet, its
// payload, the quoted transport bytes) lies inside the input; type, code and
// checksum are the bytes they name; quoted_packet() is errc::not_icmp_error
// exactly for messages that are not errors; quoted ports need 4 quoted bytes.
#include "fuzz_common.hpp"

#include <ipwire/wire/icmp.hpp>
#include <ipwire/wire/ip.hpp>

#include <cstddef>
#include <cstdint>

namespace {

struct frame {
    const std::uint8_t* first;
    const std::uint8_t* last;
    [[nodiscard]] bool holds(ipwire::bytes_view v) const {
        if (v.empty()) return true;
        return v.data() >= first && v.data() + v.size() <= last;
    }
};

template <class View>
void check_message(const frame& f, ipwire::bytes_view bytes, const ipwire::ip_packet_view* ip) {
    const auto r = View::parse(bytes);
    if (!r) {
        IPWIRE_FUZZ_CHECK(r.error() == ipwire::errc::truncated);
        IPWIRE_FUZZ_CHECK(bytes.size() < View::header_length);
        return;
    }
    IPWIRE_FUZZ_CHECK(bytes.size() >= View::header_length);
    const View& m = *r;
    IPWIRE_FUZZ_CHECK(m.bytes().data() == bytes.data() && m.bytes().size() == bytes.size());
    IPWIRE_FUZZ_CHECK(f.holds(m.header()) && f.holds(m.body()));
    IPWIRE_FUZZ_CHECK(m.body().size() == bytes.size() - 8);
    IPWIRE_FUZZ_CHECK(static_cast<std::uint8_t>(m.type()) == bytes[0]);
    IPWIRE_FUZZ_CHECK(m.code() == bytes[1]);
    IPWIRE_FUZZ_CHECK(m.checksum() == ((bytes[2] << 8) | bytes[3]));
    (void)to_string(m.type()).size();
    IPWIRE_FUZZ_CHECK(to_string(m.type()).data() != nullptr);
    (void)m.identifier();
    (void)m.sequence();
    (void)m.pointer();
    (void)m.rest_of_header();
    if (ip != nullptr) (void)m.checksum_valid(*ip);

    const ipwire::icmp_message_view either = m;
    IPWIRE_FUZZ_CHECK(either.is_error() == m.is_error());
    IPWIRE_FUZZ_CHECK(either.type_value() == bytes[0]);
    IPWIRE_FUZZ_CHECK(f.holds(either.body()));

    const auto q = m.quoted_packet();
    if (!m.is_error()) {
        IPWIRE_FUZZ_CHECK(!q && q.error() == ipwire::errc::not_icmp_error);
        return;
    }
    if (!q) {
        IPWIRE_FUZZ_CHECK(q.error() != ipwire::errc::not_icmp_error);
        return;
    }
    IPWIRE_FUZZ_CHECK(f.holds(q->bytes()) && f.holds(q->payload()));
    IPWIRE_FUZZ_CHECK(q->bytes().data() == m.body().data());
    const ipwire::bytes_view t = ipwire::quoted_transport(*q);
    IPWIRE_FUZZ_CHECK(f.holds(t) && t.size() <= 8);
    const auto ports = ipwire::quoted_ports(*q);
    if (ports) IPWIRE_FUZZ_CHECK(t.size() >= 4);
    (void)q->source();
    (void)q->destination();
    (void)q->truncated();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ipwire_fuzz::exact_copy input(data + 1, size - 1);
    const ipwire::bytes_view bytes(input.data(), input.size());
    const frame f{input.data(), input.data() + input.size()};
    const std::uint8_t selector = data[0];
    if ((selector & 1U) == 0) {
        if ((selector & 2U) == 0)
            check_message<ipwire::icmpv4_message_view>(f, bytes, nullptr);
        else
            check_message<ipwire::icmpv6_message_view>(f, bytes, nullptr);
        return 0;
    }
    const auto ip = ipwire::ip_packet_view::parse(bytes);
    if (!ip) return 0;
    IPWIRE_FUZZ_CHECK(f.holds(ip->payload()));
    if (ip->protocol() == ipwire::ip_protocol::icmp) check_message<ipwire::icmpv4_message_view>(f, ip->payload(), &*ip);
    if (ip->protocol() == ipwire::ip_protocol::icmpv6)
        check_message<ipwire::icmpv6_message_view>(f, ip->payload(), &*ip);
    return 0;
}
