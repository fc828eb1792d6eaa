// Built with -fno-exceptions in every test build: result::value() on an error
// must print the error's message and abort, never return. The CTests
// result_value_aborts_without_exceptions (an errc) and
// result_value_aborts_on_another_error_type (after transform_error, argument
// "other") pass on that message and fail if "returned" is printed.
#include "ipwire/ipv4.hpp"

#include <cstdio>
#include <string_view>

#if IPWIRE_HAS_EXCEPTIONS
#error "tests/no_exceptions_abort.cpp must be compiled with -fno-exceptions"
#endif

int main(int argc, char** argv) {
    const auto parsed = ipwire::ipv4_address::parse("256.0.0.1");
    if (argc > 1 && std::string_view(argv[1]) == "other") {
        const auto numbered = parsed.transform_error([](ipwire::errc e) { return static_cast<int>(e); });
        const ipwire::ipv4_address address = numbered.value();
        std::printf("value() returned %u\n", static_cast<unsigned>(address.to_uint32()));
        return 0;
    }
    const ipwire::ipv4_address address = parsed.value();
    std::printf("value() returned %u\n", static_cast<unsigned>(address.to_uint32()));
    return 0;
}
