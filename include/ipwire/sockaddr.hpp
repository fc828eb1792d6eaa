// Conversion between endpoint and the socket API's sockaddr_in / sockaddr_in6
// (POSIX <netinet/in.h>, Winsock <ws2tcpip.h>). Not constexpr: it calls the
// system's interface-name functions. The zone of an IPv6 endpoint is its scope
// id (RFC 4007 section 11.2): a numeric zone is the id, a name is looked up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h> // if_nametoindex, if_indextoname (link with iphlpapi)
#else
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"

namespace ipwire {

// A socket address ready for bind(), connect() or sendto(), or a buffer for
// accept(), getsockname() or recvfrom() to fill: the default length is the
// whole storage, since those calls read `length` as the room they may write,
// and a length of 0 would get no address at all.
//     ipwire::socket_address from;
//     recvfrom(fd, buf, n, 0, from.data(), &from.length);
//     auto sender = ipwire::from_sockaddr(from);
struct socket_address {
    sockaddr_storage storage{};
    socklen_t length = static_cast<socklen_t>(sizeof(sockaddr_storage));

    [[nodiscard]] const sockaddr* data() const noexcept { return reinterpret_cast<const sockaddr*>(&storage); }
    [[nodiscard]] sockaddr* data() noexcept { return reinterpret_cast<sockaddr*>(&storage); }
    // The address family, for socket(): AF_INET or AF_INET6 once filled,
    // AF_UNSPEC (0) for a default-constructed buffer.
    [[nodiscard]] int family() const noexcept { return static_cast<int>(storage.ss_family); }
};

namespace detail {

// Network byte order without htons, which is a macro on some systems.
inline void store_port(void* field, port p) noexcept {
    const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(p.value() >> 8U), static_cast<std::uint8_t>(p.value())};
    std::memcpy(field, bytes, 2);
}
inline port load_port(const void* field) noexcept {
    std::uint8_t bytes[2];
    std::memcpy(bytes, field, 2);
    return port(static_cast<std::uint16_t>(bytes[0] << 8U | bytes[1]));
}

// The scope id a zone stands for: decimal digits are the id itself ("0" the
// default zone, RFC 4007 section 6), anything else is an interface name.
// errc::unknown_interface for a name the system does not know or a number
// above 32 bits.
inline result<std::uint32_t> zone_to_scope_id(std::string_view zone) noexcept {
    std::uint64_t id = 0;
    bool numeric = !zone.empty();
    for (char c : zone) {
        if (!is_digit(c)) {
            numeric = false;
            break;
        }
        id = id * 10 + static_cast<std::uint64_t>(c - '0');
        if (id > 0xFFFFFFFFU) return errc::unknown_interface;
    }
    if (numeric) return static_cast<std::uint32_t>(id);
    char name[ipv6_address::max_zone_length + 1] = {};
    std::memcpy(name, zone.data(), zone.size());
    const auto index = static_cast<std::uint32_t>(::if_nametoindex(name));
    if (index == 0) return errc::unknown_interface;
    return index;
}

// The zone a scope id stands for: the interface's name when the system knows
// it and it is a valid zone, else the id in decimal.
inline ipv6_address with_scope_id(const ipv6_address& address, std::uint32_t scope_id) noexcept {
    if (scope_id == 0) return address;
#if defined(IF_NAMESIZE)
    char name[IF_NAMESIZE > 64 ? IF_NAMESIZE : 64] = {};
#else
    char name[256] = {};
#endif
    if (::if_indextoname(scope_id, name) != nullptr) {
        if (auto named = address.with_zone(std::string_view(name)); named && !std::string_view(name).empty())
            return *named;
    }
    char digits[10];
    char* end = digits + sizeof digits;
    char* out = end;
    do {
        *--out = static_cast<char>('0' + scope_id % 10);
        scope_id /= 10;
    } while (scope_id != 0);
    return address.with_zone(std::string_view(out, static_cast<std::size_t>(end - out))).value_or(address);
}

} // namespace detail

// The socket address of an endpoint: sockaddr_in for IPv4, sockaddr_in6 for
// IPv6 (an IPv4-mapped address stays sockaddr_in6, as a dual-stack socket
// wants). errc::unknown_interface when a zone name is no interface here; a
// numeric zone is the scope id as given, unchecked.
[[nodiscard]] inline result<socket_address> to_sockaddr(const endpoint& e) noexcept {
    socket_address out;
    if (e.address().is_v4()) {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        detail::store_port(&sin.sin_port, e.port());
        std::memcpy(&sin.sin_addr, e.address().v4().to_bytes().data(), 4);
        std::memcpy(&out.storage, &sin, sizeof sin);
        out.length = static_cast<socklen_t>(sizeof sin);
        return out;
    }
    const ipv6_address address = e.address().v6();
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    detail::store_port(&sin6.sin6_port, e.port());
    std::memcpy(&sin6.sin6_addr, address.to_bytes().data(), 16);
    if (address.has_zone()) {
        const auto scope_id = detail::zone_to_scope_id(address.zone());
        if (!scope_id) return scope_id.error();
        sin6.sin6_scope_id = *scope_id;
    }
    std::memcpy(&out.storage, &sin6, sizeof sin6);
    out.length = static_cast<socklen_t>(sizeof sin6);
    return out;
}

// The endpoint of a socket address from accept(), getsockname() or
// recvfrom(). errc::truncated when `length` is shorter than its family's
// structure, errc::unsupported_family for anything but AF_INET and AF_INET6.
// A nonzero scope id becomes the zone: the interface name when the system
// knows it, else the number.
[[nodiscard]] inline result<endpoint> from_sockaddr(const sockaddr* address, socklen_t length) noexcept {
    if (address == nullptr ||
        length < static_cast<socklen_t>(offsetof(sockaddr, sa_family) + sizeof(sockaddr{}.sa_family)))
        return errc::truncated;
    decltype(sockaddr{}.sa_family) family{}; // sa_family_t on POSIX, ADDRESS_FAMILY on Windows
    std::memcpy(&family, reinterpret_cast<const char*>(address) + offsetof(sockaddr, sa_family), sizeof family);
    if (family == AF_INET) {
        if (length < static_cast<socklen_t>(sizeof(sockaddr_in))) return errc::truncated;
        sockaddr_in sin;
        std::memcpy(&sin, address, sizeof sin);
        ipv4_address::bytes_type bytes;
        std::memcpy(bytes.data(), &sin.sin_addr, 4);
        return endpoint(ipv4_address(bytes), detail::load_port(&sin.sin_port));
    }
    if (family == AF_INET6) {
        if (length < static_cast<socklen_t>(sizeof(sockaddr_in6))) return errc::truncated;
        sockaddr_in6 sin6;
        std::memcpy(&sin6, address, sizeof sin6);
        ipv6_address::bytes_type bytes;
        std::memcpy(bytes.data(), &sin6.sin6_addr, 16);
        return endpoint(detail::with_scope_id(ipv6_address(bytes), sin6.sin6_scope_id),
                        detail::load_port(&sin6.sin6_port));
    }
    return errc::unsupported_family;
}

// The endpoint held by a socket address, as from_sockaddr(data(), length).
// A length above the storage's size (POSIX: the kernel's address was longer
// than the room given, and was cut) reads only the storage.
[[nodiscard]] inline result<endpoint> from_sockaddr(const socket_address& address) noexcept {
    constexpr auto room = static_cast<socklen_t>(sizeof address.storage);
    return from_sockaddr(address.data(), address.length < room ? address.length : room);
}

} // namespace ipwire
