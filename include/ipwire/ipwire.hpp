// Everything in ipwire. Each header also stands alone; include only what you use
// to keep compile times down.
#pragma once

#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/format.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/literals.hpp"
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"
#include "ipwire/version.hpp"
