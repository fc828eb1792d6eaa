// Transport ports: the 16-bit number that takes a datagram from the host to a
// process (RFC 768, RFC 9293), inclusive port ranges, the IANA port classes of
// RFC 6335 section 6, and IANA service names.
#pragma once

#include <charconv>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ipwire/detail/expects.hpp"
#include "ipwire/detail/text.hpp"
#include "ipwire/detail/wide_text.hpp"
#include "ipwire/error.hpp"
#include "ipwire/ip_protocol.hpp"

namespace ipwire {

// RFC 6335 section 6: System (well-known), User (registered) and Dynamic
// (private, ephemeral) ports.
enum class port_class : std::uint8_t { well_known, registered, dynamic };

[[nodiscard]] constexpr std::string_view to_string(port_class c) noexcept {
    switch (c) {
    case port_class::well_known: return "well-known";
    case port_class::registered: return "registered";
    case port_class::dynamic: return "dynamic";
    }
    return ""; // never a null data(); format.hpp prints such a value as its number
}

// A port number. Not an integer: no arithmetic, explicit construction. The
// default value is port 0 (which no socket can be connected to: RFC 6335 section 6).
class port {
public:
    static constexpr std::size_t max_string_length = 5;

    constexpr port() noexcept = default;
    constexpr explicit port(std::uint16_t value) noexcept : value_(value) {}

    [[nodiscard]] constexpr std::uint16_t value() const noexcept { return value_; }

    [[nodiscard]] constexpr port_class classify() const noexcept {
        if (value_ <= 1023) return port_class::well_known;
        if (value_ <= 49151) return port_class::registered;
        return port_class::dynamic;
    }

    // Decimal, ASCII digits only, no sign, no leading zero, at most 65535.
    [[nodiscard]] static constexpr result<port> parse(std::string_view text) noexcept {
        return detail::parse_whole<port>(text);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<port> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<port>(text);
    }
    [[nodiscard]] static constexpr result<port> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<port>(text);
    }
    [[nodiscard]] static constexpr result<port> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<port>(text);
    }
    [[nodiscard]] static constexpr result<port> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<port>(text);
    }

    // The composable rule: reads a port at `it`, advancing past it.
    [[nodiscard]] static constexpr result<port> parse_prefix(const char*& it, const char* end) noexcept {
        auto v = detail::parse_decimal(it, end, 65535, errc::port_out_of_range);
        if (!v) return v.error();
        return port(static_cast<std::uint16_t>(*v));
    }

    // Writes the decimal text; {last, errc::value_too_large} when it does not fit.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[max_string_length] = {};
        const char* end = detail::write_decimal(buffer, value_);
        return detail::copy_if_fits(first, last, buffer, end);
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr auto operator<=>(port, port) noexcept = default;

private:
    std::uint16_t value_ = 0;
};

// An inclusive range of ports [first, last]: "8000-8080", or one port "443".
// It is never empty; size() runs from 1 to 65536.
class port_range {
public:
    static constexpr std::size_t max_string_length = 2 * port::max_string_length + 1;

    class iterator {
    public:
        using value_type = port;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::forward_iterator_tag;
        using reference = port;
        using pointer = void;

        constexpr iterator() noexcept = default;
        constexpr port operator*() const noexcept { return port(static_cast<std::uint16_t>(next_)); }
        constexpr iterator& operator++() noexcept {
            ++next_;
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator before = *this;
            ++next_;
            return before;
        }
        friend constexpr bool operator==(iterator, iterator) noexcept = default;

    private:
        friend class port_range;
        // 32 bits so that the end of a range ending at 65535 is representable.
        constexpr explicit iterator(std::uint32_t next) noexcept : next_(next) {}
        std::uint32_t next_ = 0;
    };

    // The single port 0.
    constexpr port_range() noexcept = default;
    constexpr explicit port_range(port single) noexcept : first_(single), last_(single) {}
    // Precondition: first <= last. A reversed pair does not compile in a
    // constant expression and aborts at run time, as parse refuses it
    // (reversed_port_range); nothing is swapped silently. For ends that may be
    // reversed, port_range::from returns a result instead.
    constexpr port_range(port first, port last) noexcept : first_(first), last_(last) {
        detail::expects(first <= last, "port_range: first above last");
    }
    // The range [first, last], or errc::reversed_port_range when first > last.
    [[nodiscard]] static constexpr result<port_range> from(port first, port last) noexcept {
        if (first > last) return errc::reversed_port_range;
        return port_range(first, last);
    }

    [[nodiscard]] constexpr port first() const noexcept { return first_; }
    [[nodiscard]] constexpr port last() const noexcept { return last_; }
    [[nodiscard]] constexpr std::uint32_t size() const noexcept {
        return static_cast<std::uint32_t>(last_.value()) - first_.value() + 1;
    }
    [[nodiscard]] constexpr bool contains(port p) const noexcept { return first_ <= p && p <= last_; }
    [[nodiscard]] constexpr bool contains(port_range r) const noexcept {
        return first_ <= r.first_ && r.last_ <= last_;
    }
    [[nodiscard]] constexpr bool overlaps(port_range r) const noexcept {
        return first_ <= r.last_ && r.first_ <= last_;
    }

    [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(first_.value()); }
    [[nodiscard]] constexpr iterator end() const noexcept { return iterator(last_.value() + 1U); }

    // "first-last" or a single port; both ends strict like port::parse.
    [[nodiscard]] static constexpr result<port_range> parse(std::string_view text) noexcept {
        const char* it = text.data();
        const char* end = it + text.size();
        if (it != end && *it == '-') return errc::bad_port_range;
        auto first = port::parse_prefix(it, end);
        if (!first) return first.error();
        if (it == end) return port_range(*first);
        if (*it != '-') return errc::trailing_characters;
        ++it;
        if (it != end && *it == '-') return errc::bad_port_range; // "80--90", like "-80"
        auto last = port::parse_prefix(it, end);
        if (!last) return last.error() == errc::empty ? errc::bad_port_range : last.error();
        if (it != end) return errc::trailing_characters;
        if (*first > *last) return errc::reversed_port_range;
        return port_range(*first, *last);
    }
    // The same from wide text: ASCII only, with the same errors (detail/wide_text.hpp).
    [[nodiscard]] static constexpr result<port_range> parse(std::u8string_view text) noexcept {
        return detail::parse_wide<port_range>(text);
    }
    [[nodiscard]] static constexpr result<port_range> parse(std::u16string_view text) noexcept {
        return detail::parse_wide<port_range>(text);
    }
    [[nodiscard]] static constexpr result<port_range> parse(std::u32string_view text) noexcept {
        return detail::parse_wide<port_range>(text);
    }
    [[nodiscard]] static constexpr result<port_range> parse(std::wstring_view text) noexcept {
        return detail::parse_wide<port_range>(text);
    }

    // "first-last", or one number when first == last, so the text parses back.
    // Nothing is written unless the whole text fits: it is built on the stack first.
    constexpr std::to_chars_result to_chars(char* first, char* last) const noexcept {
        char buffer[max_string_length] = {};
        char* end = detail::write_decimal(buffer, first_.value());
        if (first_ != last_) {
            *end++ = '-';
            end = detail::write_decimal(end, last_.value());
        }
        return detail::copy_if_fits(first, last, buffer, end);
    }

    [[nodiscard]] std::string to_string() const {
        char buffer[max_string_length];
        return {buffer, to_chars(buffer, buffer + max_string_length).ptr};
    }

    friend constexpr auto operator<=>(const port_range&, const port_range&) noexcept = default;

private:
    port first_{};
    port last_{};
};

// RFC 6335 section 6.
inline constexpr port_range well_known_ports{port(0), port(1023)};
inline constexpr port_range registered_ports{port(1024), port(49151)};
inline constexpr port_range dynamic_ports{port(49152), port(65535)};

} // namespace ipwire

template <>
struct std::hash<ipwire::port> {
    std::size_t operator()(ipwire::port p) const noexcept { return std::hash<std::uint16_t>{}(p.value()); }
};

template <>
struct std::hash<ipwire::port_range> {
    std::size_t operator()(ipwire::port_range r) const noexcept {
        return std::hash<std::uint32_t>{}(static_cast<std::uint32_t>(r.first().value()) << 16U | r.last().value());
    }
};
