// Built with -fno-exceptions in every test build: result::value() on an error
// must print the errc's message and abort, never return. The CTest
// result_value_aborts_without_exceptions passes on that message and fails if
// "returned" is printed.
#include "ipwire/ipv4.hpp"

#include <cstdio>

#if IPWIRE_HAS_EXCEPTIONS
#error "tests/no_exceptions_abort.cpp must be compiled with -fno-exceptions"
#endif

int main() {
    const auto parsed = ipwire::ipv4_address::parse("256.0.0.1");
    const ipwire::ipv4_address address = parsed.value();
    std::printf("value() returned %u\n", static_cast<unsigned>(address.to_uint32()));
    return 0;
}
