// Which ipwire types the formatters know (format.hpp, fmt.hpp, ostream.hpp).
// A header opts its type in by specializing one trait here, so adding a
// formattable type touches only its own header:
//   is_text_value<T>: T has max_string_length and to_chars(first, last)
//                     (ipv6_text_style as a third argument when
//                     has_ipv6_style<T>), like every address type;
//   is_text_enum<E>:  E has to_string(E) found by ADL, printed as its name
//                     or, without one, as its number.
// Named one by one so that a user's own type never meets these formatters.
#pragma once

namespace ipwire::detail {

template <class T>
inline constexpr bool is_text_value = false;
template <class T>
inline constexpr bool has_ipv6_style = false;
template <class E>
inline constexpr bool is_text_enum = false;

} // namespace ipwire::detail
