// Tests for ipwire/sockaddr.hpp: to_sockaddr fills sockaddr_in / sockaddr_in6
// byte for byte (port in network order, scope id from the zone), from_sockaddr
// reads them back and refuses short or foreign structures, and both work with
// a real socket's bind, getsockname, sendto and recvfrom.
#include <ipwire/sockaddr.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include <ipwire/endpoint.hpp>
#include <ipwire/error.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>

#if !defined(_WIN32)
#include <cerrno>
#include <ifaddrs.h>
#include <poll.h>
#include <sys/un.h>
#include <unistd.h>
#endif

namespace {

using ipwire::errc;

// One endpoint text and the socket address it must give, or the errc.
struct to_sockaddr_case {
    std::string_view input;
    int family;                           // AF_INET or AF_INET6; 0 for an error row
    std::array<std::uint8_t, 2> port;     // sin_port / sin6_port as stored: network order
    std::array<std::uint8_t, 16> address; // sin_addr (first 4) or sin6_addr
    std::uint32_t scope_id;               // sin6_scope_id
    errc error;
};

// Zones here are numeric (the scope id as written, no lookup) or name no
// interface; names the host knows are tested below with "lo".
constexpr std::array<to_sockaddr_case, 16> to_sockaddr_cases{{
    {"192.0.2.1:80", AF_INET, {0x00, 0x50}, {192, 0, 2, 1}, 0, {}},
    {"10.1.2.3:4660", AF_INET, {0x12, 0x34}, {10, 1, 2, 3}, 0, {}}, // 0x1234: the byte order shows
    {"255.255.255.255:65535", AF_INET, {0xFF, 0xFF}, {255, 255, 255, 255}, 0, {}},
    {"0.0.0.0:0", AF_INET, {0x00, 0x00}, {0, 0, 0, 0}, 0, {}},
    {"[2001:db8::1]:443", AF_INET6, {0x01, 0xBB}, {0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, {}},
    {"[::]:0", AF_INET6, {0x00, 0x00}, {}, 0, {}},
    {"[::1]:65535", AF_INET6, {0xFF, 0xFF}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, {}},
    // IPv4-mapped stays AF_INET6, for a dual-stack socket.
    {"[::ffff:192.0.2.1]:80", AF_INET6, {0x00, 0x50}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 0, 2, 1}, 0, {}},
    {"[fe80::1%5]:22", AF_INET6, {0x00, 0x16}, {0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 5, {}},
    {"[fe80::1%007]:22", AF_INET6, {0x00, 0x16}, {0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 7, {}},
    // "0" is the default zone (RFC 4007 section 6): scope id 0.
    {"[fe80::1%0]:22", AF_INET6, {0x00, 0x16}, {0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, {}},
    {"[fe80::1%4294967295]:1",
     AF_INET6,
     {0x00, 0x01},
     {0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
     0xFFFFFFFFU,
     {}},
    {"[fe80::1%4294967296]:1", 0, {}, {}, 0, errc::unknown_interface}, // above 32 bits
    {"[fe80::1%999999999999999]:1", 0, {}, {}, 0, errc::unknown_interface},
    {"[fe80::1%nosuchif0]:22", 0, {}, {}, 0, errc::unknown_interface},
    {"[2001:db8::1%no-such.if~]:1", 0, {}, {}, 0, errc::unknown_interface},
}};

// Every input parses, and the expected bytes say the same as the parsed endpoint.
constexpr bool to_sockaddr_table_agrees_with_parse() {
    for (const auto& row : to_sockaddr_cases) {
        const auto e = ipwire::endpoint::parse(row.input);
        if (!e) return false;
        if (row.error != errc{}) continue;
        if (e->port().value() != (row.port[0] << 8 | row.port[1])) return false;
        if (e->address().is_v4() != (row.family == AF_INET)) return false;
        if (e->address().is_v4()) {
            for (std::size_t i = 0; i < 4; ++i)
                if (e->address().v4().to_bytes()[i] != row.address[i]) return false;
        } else if (e->address().v6().to_bytes() != row.address) {
            return false;
        }
    }
    return true;
}
static_assert(to_sockaddr_table_agrees_with_parse());

ipwire::endpoint parsed(std::string_view text) {
    const auto e = ipwire::endpoint::parse(text);
    REQUIRE(e.has_value());
    return *e;
}

template <class T>
T copy_out(const ipwire::socket_address& s) {
    T out;
    std::memcpy(&out, &s.storage, sizeof out);
    return out;
}

template <std::size_t N>
std::array<std::uint8_t, N> bytes_of(const void* field) {
    std::array<std::uint8_t, N> out{};
    std::memcpy(out.data(), field, N);
    return out;
}

// The zone from_sockaddr gives a nonzero scope id: the interface's name, else the number.
std::string zone_for(std::uint32_t scope_id) {
    char name[IF_NAMESIZE] = {};
    if (::if_indextoname(scope_id, name) != nullptr) return name;
    return std::to_string(scope_id);
}

TEST_CASE("to_sockaddr fills sockaddr_in and sockaddr_in6 byte for byte") {
    for (const auto& row : to_sockaddr_cases) {
        CAPTURE(row.input);
        const auto s = ipwire::to_sockaddr(parsed(row.input));
        if (row.error != errc{}) {
            CHECK(s.error() == row.error);
            continue;
        }
        REQUIRE(s.has_value());
        CHECK(s->data()->sa_family == row.family);
        if (row.family == AF_INET) {
            CHECK(s->length == sizeof(sockaddr_in));
            const auto sin = copy_out<sockaddr_in>(*s);
            CHECK(sin.sin_family == AF_INET);
            CHECK(bytes_of<2>(&sin.sin_port) == row.port);
            const auto address = bytes_of<4>(&sin.sin_addr);
            for (std::size_t i = 0; i < 4; ++i) CHECK(address[i] == row.address[i]);
            CHECK(bytes_of<sizeof sin.sin_zero>(&sin.sin_zero) == std::array<std::uint8_t, sizeof sin.sin_zero>{});
        } else {
            CHECK(s->length == sizeof(sockaddr_in6));
            const auto sin6 = copy_out<sockaddr_in6>(*s);
            CHECK(sin6.sin6_family == AF_INET6);
            CHECK(bytes_of<2>(&sin6.sin6_port) == row.port);
            CHECK(bytes_of<16>(&sin6.sin6_addr) == row.address);
            CHECK(sin6.sin6_scope_id == row.scope_id);
            CHECK(sin6.sin6_flowinfo == 0);
        }
    }
}

TEST_CASE("from_sockaddr reads back what to_sockaddr wrote") {
    for (const auto& row : to_sockaddr_cases) {
        if (row.error != errc{}) continue;
        CAPTURE(row.input);
        const auto e = parsed(row.input);
        const auto s = ipwire::to_sockaddr(e);
        REQUIRE(s.has_value());
        ipwire::endpoint expected = e;
        if (e.address().is_v6()) {
            // A numeric zone comes back as the interface's name when it has one.
            const auto bare = e.address().v6().without_zone();
            const auto zoned = row.scope_id == 0 ? bare : bare.with_zone(zone_for(row.scope_id)).value();
            expected = ipwire::endpoint(zoned, e.port());
        }
        CHECK(ipwire::from_sockaddr(s->data(), s->length) == expected);
        // accept() and recvfrom() report a whole sockaddr_storage: longer is fine.
        CHECK(ipwire::from_sockaddr(s->data(), sizeof(sockaddr_storage)) == expected);
    }
}

TEST_CASE("a zone that names an interface becomes its index and back") {
    const unsigned index = ::if_nametoindex("lo");
    if (index == 0) {
        MESSAGE("no interface \"lo\" on this host: skipped");
        return;
    }
    const auto e = parsed("[fe80::1%lo]:22");
    const auto s = ipwire::to_sockaddr(e);
    REQUIRE(s.has_value());
    const auto sin6 = copy_out<sockaddr_in6>(*s);
    CHECK(sin6.sin6_scope_id == index);
    CHECK(ipwire::from_sockaddr(s->data(), s->length) == e);
    // The same scope id written as a number comes back as the name.
    const auto numeric = parsed("[fe80::1%" + std::to_string(index) + "]:22");
    const auto s2 = ipwire::to_sockaddr(numeric);
    REQUIRE(s2.has_value());
    CHECK(copy_out<sockaddr_in6>(*s2).sin6_scope_id == index);
    CHECK(ipwire::from_sockaddr(s2->data(), s2->length) == e);
}

sockaddr_in6 link_local_sockaddr(std::uint32_t scope_id) {
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    const std::uint8_t port[2] = {0x12, 0x34}; // 4660
    std::memcpy(&sin6.sin6_port, port, 2);
    const std::uint8_t address[16] = {0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    std::memcpy(&sin6.sin6_addr, address, 16);
    sin6.sin6_scope_id = scope_id;
    return sin6;
}

ipwire::result<ipwire::endpoint> read_back(const sockaddr_in6& sin6) {
    return ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6);
}

TEST_CASE("from_sockaddr: the scope id becomes the zone") {
    CHECK(read_back(link_local_sockaddr(0)) == parsed("[fe80::1]:4660")); // no zone

    // Scope ids no interface has: the zone is the number, up to ten digits.
    for (const std::uint32_t id : {4000000000U, 0xFFFFFFFFU}) {
        CAPTURE(id);
        char name[IF_NAMESIZE] = {};
        if (::if_indextoname(id, name) != nullptr) {
            MESSAGE("interface " << name << " has index " << id << ": skipped");
            continue;
        }
        CHECK(read_back(link_local_sockaddr(id)) == parsed("[fe80::1%" + std::to_string(id) + "]:4660"));
    }
}

TEST_CASE("from_sockaddr: port bytes are network order") {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    const std::uint8_t port[2] = {0xAB, 0xCD}; // 43981
    const std::uint8_t address[4] = {198, 51, 100, 7};
    std::memcpy(&sin.sin_port, port, 2);
    std::memcpy(&sin.sin_addr, address, 4);
    CHECK(ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&sin), sizeof sin) == parsed("198.51.100.7:43981"));
}

// Copies the first `length` bytes into a heap block of exactly that size, so
// a sanitizer sees any read past `length`.
ipwire::result<ipwire::endpoint> from_prefix(const void* whole, std::size_t length) {
    const std::unique_ptr<unsigned char[]> copy(new unsigned char[length]);
    std::memcpy(copy.get(), whole, length);
    return ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(copy.get()), static_cast<socklen_t>(length));
}

TEST_CASE("from_sockaddr: every length short of the family's structure is truncated") {
    const auto v4 = ipwire::to_sockaddr(parsed("192.0.2.1:80"));
    const auto v6 = ipwire::to_sockaddr(parsed("[2001:db8::1]:443"));
    REQUIRE(v4.has_value());
    REQUIRE(v6.has_value());
    for (std::size_t length = 0; length < sizeof(sockaddr_in); ++length) {
        CAPTURE(length);
        CHECK(from_prefix(v4->data(), length) == errc::truncated);
    }
    CHECK(from_prefix(v4->data(), sizeof(sockaddr_in)) == parsed("192.0.2.1:80"));
    for (std::size_t length = 0; length < sizeof(sockaddr_in6); ++length) {
        CAPTURE(length);
        CHECK(from_prefix(v6->data(), length) == errc::truncated);
    }
    CHECK(from_prefix(v6->data(), sizeof(sockaddr_in6)) == parsed("[2001:db8::1]:443"));
    // The usual mistake: an AF_INET6 address with sizeof(sockaddr_in).
    CHECK(ipwire::from_sockaddr(v6->data(), sizeof(sockaddr_in)) == errc::truncated);
    CHECK(ipwire::from_sockaddr(nullptr, 0) == errc::truncated);
    CHECK(ipwire::from_sockaddr(nullptr, sizeof(sockaddr_in6)) == errc::truncated);
}

TEST_CASE("from_sockaddr: families other than AF_INET and AF_INET6 are refused") {
    sockaddr_storage storage{};
    storage.ss_family = AF_UNSPEC;
    CHECK(ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), sizeof storage) ==
          errc::unsupported_family);
#if !defined(_WIN32)
    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    std::memcpy(un.sun_path, "/tmp/x", 7);
    CHECK(ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&un), sizeof un) == errc::unsupported_family);
    // The family field alone is enough to refuse it.
    CHECK(from_prefix(&un, offsetof(sockaddr_un, sun_family) + sizeof un.sun_family) == errc::unsupported_family);
#endif
}

#if !defined(_WIN32)

class socket_fd {
public:
    explicit socket_fd(int family) noexcept : fd_(::socket(family, SOCK_DGRAM, 0)), error_(fd_ < 0 ? errno : 0) {}
    socket_fd(const socket_fd&) = delete;
    socket_fd& operator=(const socket_fd&) = delete;
    ~socket_fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const noexcept { return fd_; }
    [[nodiscard]] int error() const noexcept { return error_; }

private:
    int fd_;
    int error_;
};

// errno of a failed bind, 0 on success.
int bind_to(const socket_fd& s, const ipwire::endpoint& e) {
    const auto address = ipwire::to_sockaddr(e);
    REQUIRE(address.has_value());
    return ::bind(s.get(), address->data(), address->length) == 0 ? 0 : errno;
}

ipwire::endpoint local_endpoint(const socket_fd& s) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    REQUIRE(::getsockname(s.get(), reinterpret_cast<sockaddr*>(&storage), &length) == 0);
    const auto e = ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), length);
    REQUIRE(e.has_value());
    return *e;
}

// Sends one datagram from `from` to `to`'s address and checks that recvfrom's
// sender address reads back as `from`'s own.
void check_datagram(const socket_fd& from, const socket_fd& to) {
    const auto destination = ipwire::to_sockaddr(local_endpoint(to));
    REQUIRE(destination.has_value());
    const char payload[] = "ipwire";
    REQUIRE(::sendto(from.get(), payload, sizeof payload, 0, destination->data(), destination->length) ==
            static_cast<ssize_t>(sizeof payload));
    pollfd ready{to.get(), POLLIN, 0};
    REQUIRE(::poll(&ready, 1, 2000) == 1);
    char received[16] = {};
    sockaddr_storage sender{};
    socklen_t sender_length = sizeof sender;
    REQUIRE(::recvfrom(to.get(), received, sizeof received, 0, reinterpret_cast<sockaddr*>(&sender), &sender_length) ==
            static_cast<ssize_t>(sizeof payload));
    CHECK(std::string_view(received) == "ipwire");
    CHECK(ipwire::from_sockaddr(reinterpret_cast<const sockaddr*>(&sender), sender_length) == local_endpoint(from));
}

// The README's pattern: a default socket_address is a buffer recvfrom can fill
// (length = the storage's size), read back by the socket_address overload.
void check_datagram_into_socket_address(const socket_fd& from, const socket_fd& to) {
    const auto destination = ipwire::to_sockaddr(local_endpoint(to));
    REQUIRE(destination.has_value());
    CHECK(destination->family() == (local_endpoint(to).address().is_v4() ? AF_INET : AF_INET6));
    const char payload[] = "again";
    REQUIRE(::sendto(from.get(), payload, sizeof payload, 0, destination->data(), destination->length) ==
            static_cast<ssize_t>(sizeof payload));
    pollfd ready{to.get(), POLLIN, 0};
    REQUIRE(::poll(&ready, 1, 2000) == 1);
    char received[16] = {};
    ipwire::socket_address sender;
    CHECK(sender.length == static_cast<socklen_t>(sizeof(sockaddr_storage)));
    CHECK(sender.family() == AF_UNSPEC);
    REQUIRE(::recvfrom(to.get(), received, sizeof received, 0, sender.data(), &sender.length) ==
            static_cast<ssize_t>(sizeof payload));
    CHECK(std::string_view(received) == "again");
    CHECK(sender.family() == destination->family());
    CHECK(ipwire::from_sockaddr(sender) == local_endpoint(from));
}

TEST_CASE("socket_address: a default one is a whole empty buffer; family() and the overload") {
    const ipwire::socket_address empty;
    CHECK(empty.length == static_cast<socklen_t>(sizeof(sockaddr_storage)));
    CHECK(empty.family() == AF_UNSPEC);
    CHECK(ipwire::from_sockaddr(empty) == errc::unsupported_family);
    const auto v4 = ipwire::to_sockaddr(parsed("192.0.2.1:80"));
    REQUIRE(v4.has_value());
    CHECK(v4->family() == AF_INET);
    CHECK(ipwire::from_sockaddr(*v4) == parsed("192.0.2.1:80"));
    const auto v6 = ipwire::to_sockaddr(parsed("[2001:db8::1]:443"));
    REQUIRE(v6.has_value());
    CHECK(v6->family() == AF_INET6);
    CHECK(ipwire::from_sockaddr(*v6) == parsed("[2001:db8::1]:443"));
    // A length the storage cannot hold reads only the storage.
    ipwire::socket_address oversized = *v6;
    oversized.length = static_cast<socklen_t>(sizeof(sockaddr_storage) + 100);
    CHECK(ipwire::from_sockaddr(oversized) == parsed("[2001:db8::1]:443"));
    ipwire::socket_address cut = *v6;
    cut.length = static_cast<socklen_t>(sizeof(sockaddr_in6) - 1);
    CHECK(ipwire::from_sockaddr(cut) == errc::truncated);
}

TEST_CASE("a real IPv4 socket: bind, getsockname, sendto, recvfrom") {
    const socket_fd receiver(AF_INET);
    const socket_fd sender(AF_INET);
    REQUIRE(receiver.get() >= 0);
    REQUIRE(sender.get() >= 0);
    REQUIRE(bind_to(receiver, parsed("127.0.0.1:0")) == 0);
    REQUIRE(bind_to(sender, parsed("127.0.0.1:0")) == 0);
    const auto bound = local_endpoint(receiver);
    CHECK(bound.address() == ipwire::ip_address(ipwire::ipv4_address::parse("127.0.0.1").value()));
    CHECK(bound.port() != ipwire::port(0));
    check_datagram(sender, receiver);
    check_datagram_into_socket_address(sender, receiver);
}

TEST_CASE("a real IPv6 socket on ::1") {
    const socket_fd receiver(AF_INET6);
    if (receiver.get() < 0 && (receiver.error() == EAFNOSUPPORT || receiver.error() == EPROTONOSUPPORT)) {
        MESSAGE("no IPv6 sockets on this host: skipped");
        return;
    }
    REQUIRE(receiver.get() >= 0);
    const int error = bind_to(receiver, parsed("[::1]:0"));
    if (error == EADDRNOTAVAIL || error == EAFNOSUPPORT) {
        MESSAGE("::1 cannot be bound on this host: skipped");
        return;
    }
    REQUIRE(error == 0);
    const auto bound = local_endpoint(receiver);
    CHECK(bound.address() == ipwire::ip_address(ipwire::ipv6_address::loopback()));
    CHECK(bound.address().zone().empty());
    CHECK(bound.port() != ipwire::port(0));
    const socket_fd sender(AF_INET6);
    REQUIRE(sender.get() >= 0);
    REQUIRE(bind_to(sender, parsed("[::1]:0")) == 0);
    check_datagram(sender, receiver);
    check_datagram_into_socket_address(sender, receiver);
}

TEST_CASE("a real link-local IPv6 socket: the zone names the interface") {
    // The first link-local address the host has, as the system reports it.
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) {
        MESSAGE("getifaddrs failed: skipped");
        return;
    }
    const std::unique_ptr<ifaddrs, void (*)(ifaddrs*)> owner(list, ::freeifaddrs);
    const ifaddrs* found = nullptr;
    for (const ifaddrs* a = list; a != nullptr && found == nullptr; a = a->ifa_next) {
        if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET6) continue;
        sockaddr_in6 sin6;
        std::memcpy(&sin6, a->ifa_addr, sizeof sin6);
        const std::string_view name(a->ifa_name);
        if (sin6.sin6_addr.s6_addr[0] == 0xFE && (sin6.sin6_addr.s6_addr[1] & 0xC0U) == 0x80 &&
            sin6.sin6_scope_id != 0 && !name.empty() && name.size() <= ipwire::ipv6_address::max_zone_length)
            found = a;
    }
    if (found == nullptr) {
        MESSAGE("no link-local IPv6 address on this host: skipped");
        return;
    }
    const std::string_view name(found->ifa_name);
    CAPTURE(name);
    const auto address = ipwire::from_sockaddr(found->ifa_addr, sizeof(sockaddr_in6));
    REQUIRE(address.has_value());
    CHECK(address->address().is_link_local());
    CHECK(address->address().zone() == name);

    const socket_fd s(AF_INET6);
    REQUIRE(s.get() >= 0);
    const int error = bind_to(s, address->with_port(ipwire::port(0)));
    if (error == EADDRNOTAVAIL) {
        MESSAGE("link-local address not ready (duplicate address detection?): skipped");
        return;
    }
    REQUIRE(error == 0);
    const auto bound = local_endpoint(s);
    CHECK(bound.address() == address->address()); // the same bytes and the same zone name
    CHECK(bound.port() != ipwire::port(0));
}

#endif // !_WIN32

} // namespace
