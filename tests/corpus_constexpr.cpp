// fuzz_text's properties in constant evaluation, over every seed of
// fuzz/corpus/fuzz_text/: one static_assert per seed, so the compiler, which
// rejects any out-of-bounds read or overflow while evaluating, checks each
// parser on each seed. Building this file is the test; the CTest that runs it
// checks that the seeds compiled in are the seeds in the folder today.
#include <ipwire/endpoint.hpp>
#include <ipwire/error.hpp>
#include <ipwire/ip.hpp>
#include <ipwire/ipv4.hpp>
#include <ipwire/ipv6.hpp>
#include <ipwire/mac.hpp>
#include <ipwire/port.hpp>
#include <ipwire/prefix.hpp>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace {

// The text of `value` fits max_string_length, is the same when written twice,
// and parses back to `value`.
template <class T, class... Style>
constexpr bool text_round_trips(const T& value, Style... style) {
    char first[T::max_string_length] = {};
    char second[T::max_string_length] = {};
    const auto r1 = value.to_chars(first, first + T::max_string_length, style...);
    const auto r2 = value.to_chars(second, second + T::max_string_length, style...);
    if (r1.ec != std::errc{} || r2.ec != std::errc{}) return false;
    const std::string_view text(first, static_cast<std::size_t>(r1.ptr - first));
    if (text != std::string_view(second, static_cast<std::size_t>(r2.ptr - second))) return false;
    const auto again = T::parse(text);
    return again.has_value() && *again == value;
}

template <class T>
constexpr bool parser_holds(std::string_view input) {
    const auto parsed = T::parse(input);
    if (!parsed) return parsed.error() != ipwire::errc{} && !ipwire::to_string(parsed.error()).empty();
    return text_round_trips(*parsed);
}

template <class T>
constexpr bool ipv6_styles_hold(std::string_view input) {
    const auto parsed = T::parse(input);
    return !parsed || (text_round_trips(*parsed, ipwire::ipv6_text_style{.expanded = true}) &&
                       text_round_trips(*parsed, ipwire::ipv6_text_style{.upper_case = true}) &&
                       text_round_trips(*parsed, ipwire::ipv6_text_style{.expanded = true, .upper_case = true}));
}

constexpr bool seed_holds(std::string_view input) {
    return parser_holds<ipwire::port>(input) && parser_holds<ipwire::port_range>(input) &&
           parser_holds<ipwire::ipv4_address>(input) && parser_holds<ipwire::ipv6_address>(input) &&
           parser_holds<ipwire::ip_address>(input) && parser_holds<ipwire::ipv4_prefix>(input) &&
           parser_holds<ipwire::ipv6_prefix>(input) && parser_holds<ipwire::ip_prefix>(input) &&
           parser_holds<ipwire::endpoint>(input) && parser_holds<ipwire::mac_address>(input) &&
           ipv6_styles_hold<ipwire::ipv6_address>(input) && ipv6_styles_hold<ipwire::ip_address>(input) &&
           ipv6_styles_hold<ipwire::endpoint>(input) &&
           // A text is never both an IPv4 and an IPv6 address.
           !(ipwire::ipv4_address::parse(input) && ipwire::ipv6_address::parse(input));
}

#define IPWIRE_SEED(literal, size) static_assert(seed_holds(std::string_view(literal, size)), literal);
#include "fuzz_text_seeds.inc"
#undef IPWIRE_SEED

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s fuzz/corpus/fuzz_text\n", argv[0]);
        return 2;
    }
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1]))
        if (entry.is_regular_file()) ++files;
    std::printf("%d seeds checked at compile time; %zu files in %s\n", IPWIRE_SEED_COUNT, files, argv[1]);
    return files == IPWIRE_SEED_COUNT && files > 0 ? 0 : 1;
}
