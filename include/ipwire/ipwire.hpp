// Everything in ipwire. Each header also stands alone; include only what you use
// to keep compile times down (the address headers never pull in the wire layer).
#pragma once

// Socket addresses
#include "ipwire/address_range.hpp"
#include "ipwire/embedded_ipv4.hpp"
#include "ipwire/endpoint.hpp"
#include "ipwire/error.hpp"
#include "ipwire/format.hpp"
#include "ipwire/ip.hpp"
#include "ipwire/ip_protocol.hpp"
#include "ipwire/ip_set.hpp"
#include "ipwire/ipv4.hpp"
#include "ipwire/ipv6.hpp"
#include "ipwire/literals.hpp"
#include "ipwire/mac.hpp"
#include "ipwire/port.hpp"
#include "ipwire/prefix.hpp"
#include "ipwire/service_name.hpp"
#include "ipwire/sockaddr.hpp"
#include "ipwire/version.hpp"

// Protocol parsing
#include "ipwire/capture.hpp"
#include "ipwire/capture_file.hpp"
#include "ipwire/decode.hpp"
#include "ipwire/wire/bytes.hpp"
#include "ipwire/wire/checksum.hpp"
#include "ipwire/wire/ether_type.hpp"
#include "ipwire/wire/ethernet.hpp"
#include "ipwire/wire/icmp.hpp"
#include "ipwire/wire/ip.hpp"
#include "ipwire/wire/ipv4.hpp"
#include "ipwire/wire/ipv6.hpp"
#include "ipwire/wire/ipv6_chain.hpp"
#include "ipwire/wire/ipv6_extension.hpp"
#include "ipwire/wire/link.hpp"
#include "ipwire/wire/link_type.hpp"
#include "ipwire/wire/tcp.hpp"
#include "ipwire/wire/tcp_options.hpp"
#include "ipwire/wire/tunnel.hpp"
#include "ipwire/wire/udp.hpp"

// Flows and demultiplexing
#include "ipwire/ephemeral_ports.hpp"
#include "ipwire/flow.hpp"
#include "ipwire/socket_table.hpp"

// Reassembly (allocates, through a std::pmr::memory_resource, in a budget;
// empty where <memory_resource> is missing: IPWIRE_HAS_REASSEMBLY is then 0)
#include "ipwire/reassembly/ip_fragments.hpp"
#include "ipwire/reassembly/tcp_stream.hpp"

// Packets out: builders, fragmentation, capture writers
#include "ipwire/build.hpp"
#include "ipwire/capture_writer.hpp"
