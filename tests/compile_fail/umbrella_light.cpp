// The umbrella stays light (issue 12, compile cost): it brings neither {fmt}
// (opt-in via <ipwire/fmt.hpp>) nor <ostream> (opt-in via <ipwire/ostream.hpp>),
// even where {fmt} is installed and on the include path, as in this check.
#include <ipwire/ipwire.hpp>

#if defined(FMT_VERSION)
#error "ipwire.hpp includes {fmt}"
#endif
#if defined(_GLIBCXX_OSTREAM) || defined(_LIBCPP_OSTREAM)
#error "ipwire.hpp includes <ostream>"
#endif

int main() { return 0; }
