// socket_table (issue 13): lookup order (connected, exact listener,
// wildcard), the wildcard and dual-stack rules, per-protocol tables,
// duplicates (errc::address_in_use), erase, ICMP errors delivered to the
// sender's socket, and lookups that never allocate (a counting allocator).
#include <ipwire/flow.hpp>
#include <ipwire/socket_table.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

using namespace ipwire;

namespace {

endpoint ep(std::string_view text) { return endpoint::parse(text).value(); }

// A packet arriving from `from` for `to`.
flow_key in(ip_protocol p, std::string_view from, std::string_view to) { return {p, ep(from), ep(to)}; }

constexpr auto tcp = ip_protocol::tcp;
constexpr auto udp = ip_protocol::udp;

std::size_t allocations = 0;

// std::allocator that counts allocate() calls.
template <class T>
struct counting_allocator {
    using value_type = T;
    counting_allocator() = default;
    template <class U>
    counting_allocator(const counting_allocator<U>&) noexcept {} // NOLINT(google-explicit-constructor)
    T* allocate(std::size_t n) {
        ++allocations;
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept { std::allocator<T>().deallocate(p, n); }
    friend bool operator==(const counting_allocator&, const counting_allocator&) noexcept { return true; }
};

int handler_of(socket_table<int>& t, const flow_key& f) {
    const auto m = t.lookup(f);
    return m ? *m.handler : 0;
}

} // namespace

TEST_CASE("socket_table: connected first, then the exact listener, then the wildcard") {
    socket_table<int> t(42);
    REQUIRE(t.bind(tcp, ep("0.0.0.0:80"), 1));
    REQUIRE(t.bind(tcp, ep("192.0.2.1:80"), 2));
    REQUIRE(t.connect(tcp, ep("192.0.2.1:80"), ep("198.51.100.9:50000"), 3));
    CHECK(t.size() == 3);

    const auto m = t.lookup(in(tcp, "198.51.100.9:50000", "192.0.2.1:80"));
    REQUIRE(m);
    CHECK(*m.handler == 3);
    CHECK(m.kind == socket_match::connected);
    CHECK(m.key == flow_key(tcp, ep("192.0.2.1:80"), ep("198.51.100.9:50000")));

    // Another peer: the listener on that address.
    const auto l = t.lookup(in(tcp, "198.51.100.9:50001", "192.0.2.1:80"));
    CHECK(*l.handler == 2);
    CHECK(l.kind == socket_match::listener);
    // Another local address: the wildcard.
    const auto w = t.lookup(in(tcp, "198.51.100.9:50000", "192.0.2.2:80"));
    CHECK(*w.handler == 1);
    CHECK(w.kind == socket_match::wildcard);
    // Another port, another protocol: nobody.
    CHECK(!t.lookup(in(tcp, "198.51.100.9:50000", "192.0.2.1:81")));
    CHECK(!t.lookup(in(udp, "198.51.100.9:50000", "192.0.2.1:80")));
    CHECK(to_string(socket_match::wildcard) == "wildcard");
}

TEST_CASE("socket_table: families, and the dual-stack :: listener") {
    socket_table<int> t(7);
    REQUIRE(t.bind(udp, ep("[::]:53"), 6));
    // A plain :: takes IPv6 only (IPV6_V6ONLY=1).
    CHECK(handler_of(t, in(udp, "[2001:db8::9]:4000", "[2001:db8::1]:53")) == 6);
    CHECK(handler_of(t, in(udp, "192.0.2.9:4000", "192.0.2.1:53")) == 0);

    socket_table<int> d(7);
    REQUIRE(d.bind(udp, ep("[::]:53"), 6, true));
    const auto m = d.lookup(in(udp, "192.0.2.9:4000", "192.0.2.1:53"));
    REQUIRE(m);
    CHECK(*m.handler == 6);
    CHECK(m.kind == socket_match::wildcard);
    // An IPv4 wildcard cannot share the port with a dual-stack :: (EADDRINUSE on Linux)...
    CHECK(d.bind(udp, ep("0.0.0.0:53"), 4).error() == errc::address_in_use);
    // ... nor the other way round; a V6ONLY :: can.
    CHECK(t.bind(udp, ep("0.0.0.0:53"), 4));
    CHECK(handler_of(t, in(udp, "192.0.2.9:4000", "192.0.2.1:53")) == 4);
    socket_table<int> e(7);
    REQUIRE(e.bind(udp, ep("0.0.0.0:53"), 4));
    CHECK(e.bind(udp, ep("[::]:53"), 6, true).error() == errc::address_in_use);
    // An exact IPv4 listener still comes before the dual-stack wildcard.
    REQUIRE(d.bind(udp, ep("192.0.2.1:53"), 5));
    CHECK(handler_of(d, in(udp, "192.0.2.9:4000", "192.0.2.1:53")) == 5);
    CHECK(handler_of(d, in(udp, "192.0.2.9:4000", "192.0.2.2:53")) == 6);
    // An IPv4-mapped bind is the IPv4 address; a packet to the mapped address finds it too.
    socket_table<int> m4(1);
    REQUIRE(m4.bind(tcp, ep("[::ffff:192.0.2.1]:22"), 9));
    CHECK(handler_of(m4, in(tcp, "192.0.2.9:4000", "192.0.2.1:22")) == 9);
    CHECK(handler_of(m4, in(tcp, "[::ffff:192.0.2.9]:4000", "[::ffff:192.0.2.1]:22")) == 9);
}

TEST_CASE("socket_table: duplicates are address_in_use; erase") {
    socket_table<int> t(1);
    const auto a = t.bind(tcp, ep("192.0.2.1:443"), 1);
    REQUIRE(a);
    CHECK(t.bind(tcp, ep("192.0.2.1:443"), 2).error() == errc::address_in_use);
    CHECK(t.bind(udp, ep("192.0.2.1:443"), 2)); // another protocol, another table
    const auto c = t.connect(tcp, ep("192.0.2.1:443"), ep("198.51.100.1:1000"), 3);
    REQUIRE(c);
    CHECK(t.connect(tcp, ep("192.0.2.1:443"), ep("198.51.100.1:1000"), 4).error() == errc::address_in_use);
    CHECK(t.size() == 3);

    CHECK(t.erase(*c));
    CHECK(!t.erase(*c));
    CHECK(handler_of(t, in(tcp, "198.51.100.1:1000", "192.0.2.1:443")) == 1);
    CHECK(t.erase(*a));
    CHECK(handler_of(t, in(tcp, "198.51.100.1:1000", "192.0.2.1:443")) == 0);
    CHECK(t.bind(tcp, ep("192.0.2.1:443"), 5)); // the key is free again
    CHECK(t.size() == 2);
}

TEST_CASE("socket_table: many sockets, erased in another order, all still found") {
    socket_table<int> t(99);
    std::vector<flow_key> keys;
    for (int i = 0; i < 2000; ++i) {
        const endpoint remote(ipv4_address(0xC6336400U + static_cast<std::uint32_t>(i % 200)),
                              port(static_cast<std::uint16_t>(1024 + i)));
        keys.push_back(t.connect(tcp, ep("192.0.2.1:443"), remote, i).value());
    }
    for (std::size_t i = 0; i < keys.size(); i += 2) REQUIRE(t.erase(keys[i]));
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto m = t.lookup(keys[i].reversed());
        CHECK(static_cast<bool>(m) == (i % 2 == 1));
        if (m) CHECK(*m.handler == static_cast<int>(i));
    }
    CHECK(t.size() == 1000);
}

TEST_CASE("socket_table: deliver calls the handler, ICMP errors included") {
    std::vector<std::string_view> got;
    socket_table<std::function<void(std::string_view)>> t(3);
    REQUIRE(t.connect(udp, ep("192.0.2.1:5000"), ep("198.51.100.7:53"),
                      [&](std::string_view what) { got.push_back(what); }));
    // A reply, and a port unreachable quoting the datagram 192.0.2.1:5000 ->
    // 198.51.100.7:53: flow_key::from gives both the same key.
    CHECK(t.deliver(in(udp, "198.51.100.7:53", "192.0.2.1:5000"), "reply"));
    const flow_key from_icmp(udp, ep("198.51.100.7:53"), ep("192.0.2.1:5000"));
    CHECK(t.deliver(from_icmp, "port unreachable"));
    CHECK(!t.deliver(in(udp, "198.51.100.7:53", "192.0.2.1:5001"), "nobody"));
    CHECK(got == std::vector<std::string_view>{"reply", "port unreachable"});
}

TEST_CASE("socket_table: lookups never allocate") {
    using table = socket_table<int, counting_allocator<int>>;
    table t(5);
    REQUIRE(t.bind(tcp, ep("0.0.0.0:80"), 1));
    REQUIRE(t.bind(tcp, ep("[::]:80"), 2));
    REQUIRE(t.connect(tcp, ep("192.0.2.1:80"), ep("198.51.100.9:50000"), 3));
    CHECK(allocations > 0); // the counter counts
    const std::size_t before = allocations;
    int found = 0;
    for (int i = 0; i < 1000; ++i) {
        const endpoint peer(ipv4_address(0xC6336409U), port(static_cast<std::uint16_t>(49152 + i)));
        found += t.lookup(flow_key(tcp, peer, ep("192.0.2.1:80"))) ? 1 : 0;
        found += t.lookup(flow_key(tcp, ep("[2001:db8::9]:1"), ep("[2001:db8::1]:80"))) ? 1 : 0;
        found += t.lookup(flow_key(udp, peer, ep("192.0.2.1:80"))) ? 1 : 0;
    }
    CHECK(found == 2000);
    CHECK(allocations == before);
}
