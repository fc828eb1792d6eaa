// bytes_view, the one input of every wire view: a span over bytes someone
// else owns (a capture buffer, a socket read). Views never copy it.
#pragma once

#include <cstdint>
#include <span>

namespace ipwire {

using bytes_view = std::span<const std::uint8_t>;

} // namespace ipwire
