// operator<< for every ipwire value and public enum. Opt-in: the core headers
// and the umbrella stay free of <ostream>. A value is written as one piece,
// so a stream's width and fill apply to the whole text; an enum prints its
// name, or its number when it has none (ip_protocol 253: "253").
#pragma once

#include <cstddef>
#include <ostream>
#include <string_view>

#include "ipwire/detail/enum_text.hpp"
#include "ipwire/detail/format_values.hpp"

namespace ipwire {

// Any registered value type (detail/text_value.hpp), found by ADL.
template <detail::formattable_value T>
std::ostream& operator<<(std::ostream& out, const T& v) {
    char buffer[T::max_string_length];
    const char* end = detail::write_text(v, buffer, {});
    return out << std::string_view(buffer, static_cast<std::size_t>(end - buffer));
}

template <detail::named_enum E>
std::ostream& operator<<(std::ostream& out, E e) {
    char digits[detail::enum_digits];
    return out << detail::enum_text(e, digits);
}

} // namespace ipwire
