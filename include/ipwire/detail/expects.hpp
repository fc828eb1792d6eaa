// Preconditions of constructors that take already-typed values (a port_range's
// ends, a prefix's length). Parsing never relies on them: parse returns a
// result. A broken precondition is a programming error, so it is not repaired:
// in a constant expression it does not compile (the failure path calls a
// function that is not constexpr, and the compiler names it with the message),
// and at run time it prints the message and aborts, in every build mode.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace ipwire::detail {

[[noreturn]] inline void precondition_failed(const char* what) noexcept {
    // Nothing is left to do if stderr fails: the abort comes either way.
    static_cast<void>(std::fputs("ipwire: precondition failed: ", stderr));
    static_cast<void>(std::fputs(what, stderr));
    static_cast<void>(std::fputc('\n', stderr));
    std::abort();
}

constexpr void expects(bool holds, const char* what) noexcept {
    if (!holds) precondition_failed(what);
}

} // namespace ipwire::detail
