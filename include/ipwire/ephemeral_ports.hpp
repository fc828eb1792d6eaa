// ephemeral_port_allocator: the local port of an outgoing connection, chosen
// as RFC 6056 section 3.3 describes, so that an off-path attacker cannot
// guess it. Algorithm 1 (3.3.1): a random start, then the next free port.
// Algorithm 3 (3.3.3): a keyed hash of the connection id (local address,
// remote address and port) gives each destination its own offset, plus a
// counter so that consecutive connections to one destination differ;
// different destinations do not reveal each other's sequence. Both probe at
// most every port of the range once: a full range is errc::ports_exhausted,
// never an endless loop. Deterministic for a given seed (and sequence of
// calls), so tests and simulations replay; seed it from a secret in use.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "ipwire/detail/hash.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/port.hpp"

namespace ipwire {

class ephemeral_port_allocator {
public:
    // The IANA dynamic range 49152-65535 (RFC 6335 section 6), which RFC 6056
    // section 3.2 recommends.
    constexpr explicit ephemeral_port_allocator(std::uint64_t seed, port_range range = dynamic_ports) noexcept
        : range_(range), rng_(seed), key_(detail::sip_key_from_seed(seed ^ 0xA5A5A5A5A5A5A5A5ULL)) {}

    [[nodiscard]] constexpr port_range range() const noexcept { return range_; }

    // Algorithm 1: starts at a uniformly random port of the range and walks
    // up (wrapping) to the first one `taken(port)` says is free.
    template <class Taken>
    [[nodiscard]] constexpr result<port> random_port(Taken&& taken) noexcept(noexcept(taken(port()))) {
        const std::uint32_t n = range_.size();
        std::uint32_t offset = uniform(n);
        for (std::uint32_t count = 0; count < n; ++count) {
            const port p = at(offset);
            if (!taken(p)) return p;
            offset = offset + 1 == n ? 0 : offset + 1;
        }
        return errc::ports_exhausted;
    }

    // Algorithm 3: port = first + (F(local, remote, secret) + next) mod size,
    // `next` growing by one for every port tried, so the next connection to
    // the same destination starts past this one.
    template <class Taken>
    [[nodiscard]] constexpr result<port> port_for(ip_protocol protocol, const ip_address& local, const endpoint& remote,
                                                  Taken&& taken) noexcept(noexcept(taken(port()))) {
        const std::uint32_t n = range_.size();
        const std::uint64_t offset = connection_hash(protocol, local, remote);
        for (std::uint32_t count = 0; count < n; ++count) {
            const port p = at(static_cast<std::uint32_t>((offset + next_++) % n));
            if (!taken(p)) return p;
        }
        return errc::ports_exhausted;
    }

    // F of algorithm 3: SipHash-1-3 of the connection id under the secret
    // key (RFC 6056 suggests MD5; any keyed PRF serves, section 3.3.3).
    [[nodiscard]] constexpr std::uint64_t connection_hash(ip_protocol protocol, const ip_address& local,
                                                          const endpoint& remote) const noexcept {
        std::array<std::uint8_t, 36> m{};
        const auto l = local.v6().to_bytes(); // copies: v6() is a temporary
        const auto r = remote.address().v6().to_bytes();
        for (std::size_t i = 0; i < 16; ++i) {
            m[i] = l[i];      // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 16
            m[16 + i] = r[i]; // NOLINT(cppcoreguidelines-pro-bounds-constant-array-index): i < 16
        }
        m[32] = static_cast<std::uint8_t>(remote.port().value() >> 8U);
        m[33] = static_cast<std::uint8_t>(remote.port().value());
        m[34] = static_cast<std::uint8_t>(protocol);
        m[35] = static_cast<std::uint8_t>((local.is_v4() ? 1U : 0U) | (remote.address().is_v4() ? 2U : 0U));
        return detail::siphash13(key_, m);
    }

private:
    [[nodiscard]] constexpr port at(std::uint32_t offset) const noexcept {
        return port(static_cast<std::uint16_t>(range_.first().value() + offset));
    }
    // A uniform draw from [0, n): Lemire's multiply-and-shift with rejection
    // ("Fast random integer generation in an interval", 2019), no modulo bias.
    constexpr std::uint32_t uniform(std::uint32_t n) noexcept {
        const std::uint64_t threshold = (std::uint64_t{1} << 32U) % n;
        for (;;) {
            const auto x = static_cast<std::uint32_t>(detail::splitmix64(rng_) >> 32U);
            const std::uint64_t m = std::uint64_t{x} * n;
            if ((m & 0xFFFFFFFFU) >= threshold) return static_cast<std::uint32_t>(m >> 32U);
        }
    }

    port_range range_;
    std::uint64_t rng_;
    detail::sip_key key_;
    std::uint64_t next_ = 0;
};

} // namespace ipwire
