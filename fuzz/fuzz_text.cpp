// fuzz_text: one input text through every text parser. Properties: a value
// formats to text that parses back to the same value; formatting twice gives
// the same text; to_chars stays within max_string_length and refuses a buffer
// one byte short without writing; parse never reads past the text.
#include "fuzz_common.hpp"

#include <ipwire/endpoint.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#include <string>
#include <string_view>
#include <system_error>

namespace {

template <class T, class... Style>
void check_text(const T& value, Style... style) {
    char first[T::max_string_length];
    const auto r1 = value.to_chars(first, first + T::max_string_length, style...);
    IPWIRE_FUZZ_CHECK(r1.ec == std::errc{});
    const std::string_view text(first, static_cast<std::size_t>(r1.ptr - first));
    IPWIRE_FUZZ_CHECK(text.size() <= T::max_string_length);

    char second[T::max_string_length];
    const auto r2 = value.to_chars(second, second + T::max_string_length, style...);
    IPWIRE_FUZZ_CHECK(std::string_view(second, static_cast<std::size_t>(r2.ptr - second)) == text);

    if (!text.empty()) {
        char short_buffer[T::max_string_length] = {};
        const auto r3 = value.to_chars(short_buffer, short_buffer + text.size() - 1, style...);
        IPWIRE_FUZZ_CHECK(r3.ec == std::errc::value_too_large);
        IPWIRE_FUZZ_CHECK(short_buffer[text.size() - 1] == '\0');
    }

    const std::string exact(text); // parse the text from its own exact-size buffer
    const auto again = T::parse(std::string_view(exact.data(), exact.size()));
    IPWIRE_FUZZ_CHECK(again.has_value());
    IPWIRE_FUZZ_CHECK(*again == value);
}

template <class T>
void check_parser(std::string_view input) {
    const auto parsed = T::parse(input);
    if (!parsed) {
        IPWIRE_FUZZ_CHECK(parsed.error() != ipwire::errc{});
        IPWIRE_FUZZ_CHECK(!ipwire::to_string(parsed.error()).empty());
        return;
    }
    check_text(*parsed);
    IPWIRE_FUZZ_CHECK(parsed->to_string().size() <= T::max_string_length);
}

template <class T>
void check_ipv6_styles(std::string_view input) {
    const auto parsed = T::parse(input);
    if (!parsed) return;
    check_text(*parsed, ipwire::ipv6_text_style{.expanded = true});
    check_text(*parsed, ipwire::ipv6_text_style{.upper_case = true});
    check_text(*parsed, ipwire::ipv6_text_style{.expanded = true, .upper_case = true});
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ipwire_fuzz::exact_copy input(data, size);
    const std::string_view text = input.text();
    check_parser<ipwire::port>(text);
    check_parser<ipwire::port_range>(text);
    check_parser<ipwire::ipv4_address>(text);
    check_parser<ipwire::ipv6_address>(text);
    check_parser<ipwire::ip_address>(text);
    check_parser<ipwire::ipv4_prefix>(text);
    check_parser<ipwire::ipv6_prefix>(text);
    check_parser<ipwire::ip_prefix>(text);
    check_parser<ipwire::endpoint>(text);
    check_parser<ipwire::mac_address>(text);
    check_ipv6_styles<ipwire::ipv6_address>(text);
    check_ipv6_styles<ipwire::ip_address>(text);
    check_ipv6_styles<ipwire::endpoint>(text);
    // A value of one family never parses as the other.
    IPWIRE_FUZZ_CHECK(!(ipwire::ipv4_address::parse(text) && ipwire::ipv6_address::parse(text)));
    return 0;
}
