// fuzz_flow: the first byte picks the link type (0 Ethernet, 1 raw IP, 2
// Linux SLL, else BSD loopback); the rest is one frame. Whatever decode reads,
// its flow() must be a key whose directions and order behave: reversed()
// twice is the key, canonical() is the same for both directions and is
// canonical, <=> is antisymmetric, equal keys hash alike under one key, the
// text fits max_string_length and its endpoints parse back. A socket_table
// with the flow's socket connected delivers the flow to it, then to a
// listener on the destination after erase, then to nobody; an
// ephemeral_port_allocator seeded from the frame stays in its range.
#include "fuzz_common.hpp"

#include <ipwire/decode.hpp>
#include <ipwire/ephemeral_ports.hpp>
#include <ipwire/flow.hpp>
#include <ipwire/socket_table.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ipwire::link_type types[] = {ipwire::link_type::ethernet, ipwire::link_type::raw,
                                       ipwire::link_type::linux_sll, ipwire::link_type::null};
    const ipwire::link_type type = types[data[0] < 3 ? data[0] : 3];
    const ipwire::decoded_packet p = ipwire::decode(ipwire::bytes_view(data + 1, size - 1), type);
    const auto flow = p.flow();
    // A TCP or UDP header always gives a flow.
    if (p.tcp() || p.udp()) IPWIRE_FUZZ_CHECK(flow.has_value());
    if (!flow) return 0;
    const ipwire::flow_key k = *flow;
    const ipwire::flow_key r = k.reversed();
    IPWIRE_FUZZ_CHECK(r.reversed() == k);
    IPWIRE_FUZZ_CHECK(k.canonical() == r.canonical());
    IPWIRE_FUZZ_CHECK(k.canonical().is_canonical());
    IPWIRE_FUZZ_CHECK(k.is_canonical() || r.is_canonical());
    IPWIRE_FUZZ_CHECK((k <=> r) == (0 <=> (r <=> k)));
    IPWIRE_FUZZ_CHECK(k.source() == r.destination() && k.destination() == r.source());
    const ipwire::detail::sip_key key{size, data[0]};
    IPWIRE_FUZZ_CHECK(k.hash(key) == ipwire::flow_key(k.protocol(), k.source(), k.destination()).hash(key));

    char text[ipwire::flow_key::max_string_length];
    const auto t = k.to_chars(text, text + sizeof text);
    IPWIRE_FUZZ_CHECK(t.ec == std::errc{});
    const std::string_view s(text, static_cast<std::size_t>(t.ptr - text));
    const std::size_t arrow = s.find(" -> ");
    const std::size_t space = s.find(' ');
    IPWIRE_FUZZ_CHECK(arrow != std::string_view::npos && space < arrow);
    IPWIRE_FUZZ_CHECK(ipwire::endpoint::parse(s.substr(space + 1, arrow - space - 1)).value() == k.source());
    IPWIRE_FUZZ_CHECK(ipwire::endpoint::parse(s.substr(arrow + 4)).value() == k.destination());

    // The socket that receives `k` is connected from its destination to its source.
    ipwire::socket_table<int> table(size);
    const auto c = table.connect(k.protocol(), k.destination(), k.source(), 1);
    IPWIRE_FUZZ_CHECK(c.has_value());
    const auto again = table.connect(k.protocol(), k.destination(), k.source(), 2);
    IPWIRE_FUZZ_CHECK(again.error() == ipwire::errc::address_in_use);
    auto m = table.lookup(k);
    IPWIRE_FUZZ_CHECK(m && *m.handler == 1 && m.kind == ipwire::socket_match::connected);
    const auto l = table.bind(k.protocol(), k.destination(), 3);
    IPWIRE_FUZZ_CHECK(l.has_value());
    IPWIRE_FUZZ_CHECK(table.erase(*c));
    m = table.lookup(k);
    IPWIRE_FUZZ_CHECK(m && *m.handler == 3 && m.kind == ipwire::socket_match::listener);
    IPWIRE_FUZZ_CHECK(table.erase(*l));
    IPWIRE_FUZZ_CHECK(!table.lookup(k) && table.empty());

    ipwire::ephemeral_port_allocator ports(k.hash(key));
    const auto p1 = ports.random_port([](ipwire::port) { return false; });
    const auto p3 =
        ports.port_for(k.protocol(), k.destination().address(), k.source(), [](ipwire::port) { return false; });
    IPWIRE_FUZZ_CHECK(p1 && ipwire::dynamic_ports.contains(*p1));
    IPWIRE_FUZZ_CHECK(p3 && ipwire::dynamic_ports.contains(*p3));
    return 0;
}
