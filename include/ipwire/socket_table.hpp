// socket_table<Handler>: the demultiplexing step of a host's transport
// layer. A segment goes to the connected socket with both its ends, else to
// a listener bound to its local address, else to a wildcard listener
// (0.0.0.0 or ::) on its port, per protocol (RFC 9293 3.3.2 and 3.10.7.1,
// RFC 768; BSD's in_pcblookup order). A dual-stack :: listener also takes
// IPv4, as a socket with IPV6_V6ONLY=0 does (RFC 3493 5.3).
//
//   socket_table<int> t;
//   t.bind(ip_protocol::udp, endpoint::parse("0.0.0.0:53").value(), 1);
//   t.connect(ip_protocol::tcp, local, remote, 2);
//   if (auto m = t.lookup(*packet.flow())) use(*m.handler);
#pragma once

#include <cstdint>
#include <utility>
#include <vector> // std::allocator, std::allocator_traits: not <memory>, whose C++20 libstdc++
                  // version pulls in <ostream> (unique_ptr's operator<<), kept out of the umbrella

#include "ipwire/detail/flow_map.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/flow.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"

namespace ipwire {

// Which rule found the socket.
enum class socket_match : std::uint8_t {
    connected, // both ends equal
    listener,  // bound to the packet's destination address and port
    wildcard,  // bound to 0.0.0.0 or :: (dual-stack for IPv4) on its port
};

[[nodiscard]] constexpr std::string_view to_string(socket_match m) noexcept {
    switch (m) {
    case socket_match::connected: return "connected";
    case socket_match::listener: return "listener";
    case socket_match::wildcard: return "wildcard";
    }
    return "";
}

namespace detail {
template <>
inline constexpr bool is_text_enum<socket_match> = true;
} // namespace detail

// Handler: any movable type (a callback, an index, a pointer). Allocator is
// the allocator of the slot arrays (a test counts its calls).
template <class Handler, class Allocator = std::allocator<Handler>>
class socket_table {
    struct listener {
        Handler handler;
        bool dual_stack;
    };
    template <class V>
    using map =
        detail::flow_map<V, typename std::allocator_traits<Allocator>::template rebind_alloc<std::pair<flow_key, V>>>;

public:
    struct match {
        Handler* handler = nullptr; // null: no socket takes the packet
        socket_match kind{};
        flow_key key; // the key it was bound or connected under (erase takes it)
        explicit operator bool() const noexcept { return handler != nullptr; }
    };

    // The hash key comes from `seed` (detail/hash.hpp: keyed against hash
    // flooding; give a secret seed, e.g. from std::random_device).
    explicit socket_table(std::uint64_t seed = 0, const Allocator& alloc = Allocator())
        : connected_(detail::sip_key_from_seed(seed), alloc),
          listeners_(detail::sip_key_from_seed(seed ^ 0x5bd1e995U), alloc) {}

    // A listener on `local`: a specific address, or 0.0.0.0 / :: for every
    // address of that family. `dual_stack` (:: only) also takes IPv4. An
    // IPv4-mapped address binds as the IPv4 address. errc::address_in_use
    // when the same key is bound, or when a dual-stack :: and a 0.0.0.0 would
    // share a port (Linux refuses that pair too). Returns the key for erase().
    result<flow_key> bind(ip_protocol protocol, const endpoint& local, Handler handler, bool dual_stack = false) {
        const endpoint l = local.unmap();
        dual_stack = dual_stack && l.address().is_v6() && l.address().is_unspecified();
        const flow_key key = listener_key(protocol, l);
        if (listeners_.find(key)) return errc::address_in_use;
        if (l.address().is_unspecified()) {
            // The other wildcard of the same port.
            const bool v4 = l.address().is_v4();
            const auto other = listeners_.find(listener_key(protocol, {any(!v4), l.port()}));
            if (other && (v4 ? other->dual_stack : dual_stack)) return errc::address_in_use;
        }
        listeners_.try_emplace(key, listener{std::move(handler), dual_stack});
        return key;
    }

    // A connected socket: `local` and `remote` are both ends, as the socket
    // sees them. errc::address_in_use when that pair is already connected.
    result<flow_key> connect(ip_protocol protocol, const endpoint& local, const endpoint& remote, Handler handler) {
        const flow_key key(protocol, local.unmap(), remote.unmap());
        if (!connected_.try_emplace(key, std::move(handler)).second) return errc::address_in_use;
        return key;
    }

    // Removes the socket under `key` (as bind or connect returned it).
    bool erase(const flow_key& key) noexcept { return connected_.erase(key) || listeners_.erase(key); }

    // The socket a packet with flow `f` (source = the peer, destination =
    // this host, as flow_key::from gives, ICMP errors included) goes to.
    // Never allocates.
    [[nodiscard]] match lookup(const flow_key& f) noexcept {
        const flow_key in = f.unmapped();
        const flow_key c = in.reversed();
        if (Handler* h = connected_.find(c)) return {h, socket_match::connected, c};
        const flow_key exact = in.destination_only();
        if (listener* l = listeners_.find(exact)) return {&l->handler, socket_match::listener, exact};
        const bool v4 = exact.source().address().is_v4();
        const flow_key wild = exact.with_unspecified_source(v4);
        if (listener* l = listeners_.find(wild)) return {&l->handler, socket_match::wildcard, wild};
        if (v4) {
            const flow_key dual = exact.with_unspecified_source(false);
            if (listener* l = listeners_.find(dual); l && l->dual_stack)
                return {&l->handler, socket_match::wildcard, dual};
        }
        return {};
    }

    // Calls the socket's handler with `args` and returns true, or returns
    // false when no socket takes the packet.
    template <class... Args>
    bool deliver(const flow_key& f, Args&&... args) {
        const match m = lookup(f);
        if (!m) return false;
        (*m.handler)(std::forward<Args>(args)...);
        return true;
    }

    [[nodiscard]] std::size_t size() const noexcept { return connected_.size() + listeners_.size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }

private:
    static constexpr ip_address any(bool v4) noexcept {
        return v4 ? ip_address(ipv4_address::any()) : ip_address(ipv6_address::any());
    }
    // A listener's key: its local endpoint as source, no remote.
    static constexpr flow_key listener_key(ip_protocol protocol, const endpoint& local) noexcept {
        return {protocol, local, endpoint()};
    }

    map<Handler> connected_;
    map<listener> listeners_;
};

} // namespace ipwire
