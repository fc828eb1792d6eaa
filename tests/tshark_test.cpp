// decode against tshark: every record of every capture in tests/data/tshark/
// (and, when IPWIRE_SHARED_DIR/captures exists, of every capture there) is
// read with capture_view, decoded, and compared field by field with the line
// tshark 4.0 printed for the same frame (tshark_fields.sh; columns documented
// at the top of ../shared/oracle/tshark_fields.sh). A disagreement fails the
// test unless the one table `documented_differences` below explains it.
#include <ipwire/decode.hpp>

#include <ipwire/capture.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#ifndef IPWIRE_TEST_DATA_DIR
#error "IPWIRE_TEST_DATA_DIR must name tests/data (tests/CMakeLists.txt defines it)"
#endif

namespace {

namespace fs = std::filesystem;
using ipwire::bytes_view;
using ipwire::decoded_packet;
using ipwire::ip_packet_view;
using ipwire::ip_protocol;

// ---------------------------------------------------------------------------
// The columns compared, in the oracle's names. The others (protos, trunc,
// expert) are tshark's own vocabulary, not fields of a packet.

enum class column : std::uint8_t {
    cap_len,
    wire_len,
    iface,
    vlan,
    ip_chain,
    ip_ver,
    src,
    dst,
    ip_proto,
    l4_proto,
    ip_hdr_len,
    ip_len,
    v4_opts,
    v4_mf,
    v4_frag_off,
    v4_cksum,
    v6_ext,
    v6_frag,
    v6_frag_off,
    v6_frag_m,
    l4,
    tcp_sport,
    tcp_dport,
    tcp_seq,
    tcp_ack,
    tcp_flags,
    tcp_win,
    tcp_len,
    tcp_hdr_len,
    tcp_opt_kinds,
    mss,
    wscale,
    sack_perm,
    ts_val,
    ts_ecr,
    tcp_cksum,
    udp_sport,
    udp_dport,
    udp_len,
    udp_cksum,
};
constexpr std::size_t column_count = static_cast<std::size_t>(column::udp_cksum) + 1;

constexpr std::array<std::string_view, column_count> column_names{
    "cap_len",   "wire_len",  "iface",       "vlan",      "ip_chain",    "ip_ver",        "src",         "dst",
    "ip_proto",  "l4_proto",  "ip_hdr_len",  "ip_len",    "v4_opts",     "v4_mf",         "v4_frag_off", "v4_cksum",
    "v6_ext",    "v6_frag",   "v6_frag_off", "v6_frag_m", "l4",          "tcp_sport",     "tcp_dport",   "tcp_seq",
    "tcp_ack",   "tcp_flags", "tcp_win",     "tcp_len",   "tcp_hdr_len", "tcp_opt_kinds", "mss",         "wscale",
    "sack_perm", "ts_val",    "ts_ecr",      "tcp_cksum", "udp_sport",   "udp_dport",     "udp_len",     "udp_cksum",
};

constexpr std::string_view name_of(column c) { return column_names[static_cast<std::size_t>(c)]; }

// Column groups for the table below: the innermost IP layer's columns, the
// TCP ones, the UDP ones.
constexpr bool in_ip_group(column c) { return c >= column::ip_ver && c <= column::l4; }
constexpr bool in_tcp_group(column c) { return c >= column::tcp_sport && c <= column::tcp_cksum; }
constexpr bool in_udp_group(column c) { return c >= column::udp_sport && c <= column::udp_cksum; }

// ---------------------------------------------------------------------------
// The documented differences: the ONE place where ipwire and tshark are
// allowed to disagree, each with its reason. A row applies to a field when
// its file (empty: any), frame (0: any), columns and condition all match.

enum class condition : std::uint8_t {
    always,          // the file and frame say it all
    ambiguous,       // the oracle printed '?': several IPv4 or TCP layers in the frame, it cannot say whose
    eol_padding,     // ours plus one "|0" per byte after the EOL equals tshark's list
    tunnel_beyond,   // tshark followed a tunnel ipwire does not (Teredo): its innermost IP
                     // is past ours, and ours is a prefix of its chain
    source_route,    // the innermost IPv4 header carries a loose or strict source route option
    ip_not_read,     // decode stopped at an IP header (not an extension header) and read none of it;
                     // ours is a prefix of tshark's chain
    extension_error, // decode stopped at an IPv6 extension header of the innermost packet
    tcp_not_read,    // decode stopped at the TCP header (cut by the snap length or longer than the IP payload)
    udp_not_read,    // decode stopped at the UDP header (fewer than 8 bytes)
    tunnel_not_read, // decode stopped at a GRE, VXLAN or Geneve header (cut, or with bits its RFC forbids)
};

struct documented_difference {
    std::string_view file; // capture file name; empty: any
    std::uint32_t frame;   // 1-based; 0: any
    condition when;
    std::string_view columns; // '|'-separated names, or "@ip", "@tcp", "@udp", "@all" for the groups
    std::string_view reason;  // short, for the summary and the README
};

constexpr std::array documented_differences{
    documented_difference{"", 0, condition::ambiguous, "v4_opts|tcp_opt_kinds|mss|wscale|sack_perm|ts_val|ts_ecr",
                          "the oracle prints '?' when a frame holds several IPv4 or TCP layers"},
    documented_difference{"", 0, condition::eol_padding, "tcp_opt_kinds",
                          "tshark lists each padding byte after a TCP End of Option List as another EOL; "
                          "ipwire's option walk ends at the EOL (RFC 9293: what follows is padding)"},
    documented_difference{"", 0, condition::tunnel_beyond, "ip_chain|@ip|@tcp|@udp",
                          "tshark follows Teredo (IPv6 in UDP, RFC 4380), found by a heuristic on any port; decode "
                          "follows GRE, VXLAN and Geneve but not Teredo, whose ports are the application's"},
    documented_difference{"", 0, condition::source_route, "ip_chain|dst",
                          "with an IPv4 loose or strict source route option tshark shows the route's last address as "
                          "the destination; ipwire shows the header's destination field"},
    documented_difference{
        "", 0, condition::ip_not_read, "ip_chain|@ip|@tcp|@udp",
        "an IP header decode rejects (IHL below 5, total length below the header length, header cut "
        "by the capture, a version other than its EtherType's): decode reports the error and reads no "
        "field of it; tshark shows the fields it got"},
    documented_difference{
        "", 0, condition::extension_error, "v6_ext|l4_proto|l4",
        "an IPv6 extension header longer than the payload length: decode stops at it with "
        "bad_extension_header; tshark lists it and its next header before calling the packet malformed"},
    documented_difference{
        "", 0, condition::tcp_not_read, "@tcp|l4",
        "a TCP header longer than the bytes captured or than the IP payload: decode reports the error "
        "and reads no field of it; tshark shows the fields present"},
    documented_difference{
        "", 0, condition::udp_not_read, "@udp|l4",
        "a UDP header of fewer than 8 bytes (the IP length leaves less): decode reports the error and "
        "reads no field of it; tshark shows the ports present"},
    documented_difference{
        "tcpdump-bigtcp-ipv4.pcap", 1, condition::always, "ip_len",
        "IPv4 total length 0 (Linux BIG TCP): tshark prints the frame's IP length; ipwire the field as sent"},
    documented_difference{"zeek-ipv6-mobility-dst-opts.pcap", 1, condition::always, "l4|@udp",
                          "destination options whose option list runs past the header: tshark stops dissecting; decode "
                          "frames the header by its length and reads the UDP after it (the option walk reports "
                          "bad_option_length)"},
    documented_difference{"zeek-ipv6-mobility-dst-opts.pcap", 3, condition::always, "udp_cksum",
                          "a Home Address option of length 1: ipwire ignores it (RFC 6275 section 6.3 says 16), so the "
                          "checksum is bad; tshark still takes 16 bytes from it as the home address and finds it good"},
    documented_difference{"", 0, condition::tunnel_not_read, "l4",
                          "a GRE header cut short (or a tunnel header with bits its RFC forbids): decode reports the "
                          "error at it; tshark counts the packet as GRE"},
};

// ---------------------------------------------------------------------------
// Text

std::string number(std::uint64_t v) { return std::to_string(v); }

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += '|';
        out += p;
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char by) {
    std::vector<std::string_view> out;
    for (;;) {
        const std::size_t at = s.find(by);
        out.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return out;
        s.remove_prefix(at + 1);
    }
}

std::optional<std::string> read_whole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One fields.csv: a header line naming the columns, then one line per frame.
// The oracle replaces commas inside cells, so a plain split is exact.
class oracle_table {
public:
    static std::optional<oracle_table> load(const fs::path& path) {
        const auto text = read_whole(path);
        if (!text) return std::nullopt;
        std::vector<std::string_view> lines = split(*text, '\n');
        while (!lines.empty() && lines.back().empty()) lines.pop_back();
        if (lines.empty()) return std::nullopt;
        oracle_table t;
        for (const std::string_view name : split(lines[0], ',')) t.names_.emplace_back(name);
        for (std::size_t i = 1; i < lines.size(); ++i) {
            std::vector<std::string> row;
            for (const std::string_view cell : split(lines[i], ',')) row.emplace_back(cell);
            t.rows_.push_back(std::move(row));
        }
        return t;
    }
    [[nodiscard]] std::size_t frames() const { return rows_.size(); }
    [[nodiscard]] std::optional<std::size_t> index(std::string_view name) const {
        for (std::size_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) return i;
        return std::nullopt;
    }
    // Row `frame - 1`, cell `name`; nullopt when the row is short or the column missing.
    [[nodiscard]] std::optional<std::string_view> cell(std::size_t frame, std::string_view name) const {
        const auto i = index(name);
        if (!i || frame == 0 || frame > rows_.size() || *i >= rows_[frame - 1].size()) return std::nullopt;
        return rows_[frame - 1][*i];
    }
    [[nodiscard]] std::size_t width(std::size_t frame) const { return rows_[frame - 1].size(); }
    [[nodiscard]] std::size_t column_total() const { return names_.size(); }

private:
    oracle_table() = default;
    std::vector<std::string> names_;
    std::vector<std::vector<std::string>> rows_;
};

// ---------------------------------------------------------------------------
// ipwire's side of every column.

using fields = std::array<std::string, column_count>;

std::string& at(fields& f, column c) { return f[static_cast<std::size_t>(c)]; }

std::string ip_layer_text(const ip_packet_view& ip) {
    return (ip.is_v4() ? "4:" : "6:") + ip.source().to_string() + ">" + ip.destination().to_string();
}

std::string_view extension_name(ip_protocol type) {
    switch (type) {
    case ip_protocol::ipv6_hop_by_hop: return "ipv6.hopopts";
    case ip_protocol::ipv6_routing: return "ipv6.routing";
    case ip_protocol::ipv6_fragment: return "ipv6.fraghdr";
    case ip_protocol::ipv6_destination: return "ipv6.dstopts";
    case ip_protocol::ah: return "ah";
    default: return "ipv6.ext"; // mobility, HIP, shim6: not in the oracle's list
    }
}

// Bytes of upper-layer data the innermost IP packet declares (its length
// fields), which can exceed what was captured.
std::uint64_t declared_upper_length(const decoded_packet& p, bytes_view upper) {
    const ip_packet_view ip = *p.ip();
    if (ip.is_v4()) {
        const auto v4 = ip.v4();
        const auto ah = static_cast<std::uint64_t>(upper.data() - v4.payload().data()); // an AH before it
        if (v4.total_length() == 0) return v4.payload().size() - ah; // BIG TCP: the buffer is the packet
        return v4.total_length() - v4.header_length() - ah;
    }
    const auto v6 = ip.v6();
    return v6.payload_length_in_effect() - static_cast<std::uint64_t>(upper.data() - v6.payload().data());
}

std::string checksum_status(bool verifiable, bool valid) {
    if (!verifiable) return "unverified";
    return valid ? "good" : "bad";
}

fields ours(const ipwire::capture_record& r, const decoded_packet& p) {
    fields f;
    at(f, column::cap_len) = number(r.captured_length);
    at(f, column::wire_len) = number(r.original_length);
    at(f, column::iface) = number(r.interface_id);
    if (p.ethernet()) {
        std::vector<std::string> ids;
        for (const ipwire::vlan_tag t : p.ethernet()->vlans()) ids.push_back(number(t.vlan_id()));
        at(f, column::vlan) = join(ids);
    }
    std::vector<std::string> chain;
    for (const ip_packet_view& ip : p.ip_layers()) chain.push_back(ip_layer_text(ip));
    at(f, column::ip_chain) = join(chain);
    if (!p.ip()) return f;

    const ip_packet_view ip = *p.ip();
    at(f, column::ip_ver) = number(ip.version());
    at(f, column::src) = ip.source().to_string();
    at(f, column::dst) = ip.destination().to_string();
    if (ip.is_v4()) {
        const auto v4 = ip.v4();
        at(f, column::ip_proto) = number(static_cast<unsigned>(v4.protocol()));
        at(f, column::l4_proto) = number(static_cast<unsigned>(v4.upper_layer_protocol())); // after an AH
        at(f, column::ip_hdr_len) = number(v4.header_length());
        at(f, column::ip_len) = number(v4.total_length());
        std::vector<std::string> options;
        for (const ipwire::ipv4_option o : v4.options()) options.push_back(number(static_cast<unsigned>(o.type())));
        at(f, column::v4_opts) = join(options);
        at(f, column::v4_mf) = number(v4.more_fragments() ? 1 : 0);
        at(f, column::v4_frag_off) = number(v4.fragment_offset() / 8U);
        at(f, column::v4_cksum) = checksum_status(true, v4.header_checksum_valid());
    } else {
        const auto v6 = ip.v6();
        at(f, column::ip_proto) = number(static_cast<unsigned>(v6.next_header()));
        at(f, column::l4_proto) = number(static_cast<unsigned>(v6.upper_layer_protocol()));
        at(f, column::ip_len) = number(v6.payload_length());
        std::vector<std::string> names;
        for (const ipwire::ipv6_extension_header h : v6.extension_headers())
            names.emplace_back(extension_name(h.type()));
        at(f, column::v6_ext) = join(names);
        const auto fragment = v6.fragment_header();
        at(f, column::v6_frag) = number(fragment ? 1 : 0);
        if (fragment) {
            at(f, column::v6_frag_off) = number(fragment->fragment_offset() / 8U);
            at(f, column::v6_frag_m) = number(fragment->more_fragments() ? 1 : 0);
        }
    }
    if (p.tcp())
        at(f, column::l4) = "tcp";
    else if (p.udp())
        at(f, column::l4) = "udp";
    else if (p.stop() == ipwire::decode_stop::other_protocol || p.stop() == ipwire::decode_stop::non_first_fragment)
        at(f, column::l4) = "other";

    // A transport header over a fragment, or cut by the capture, cannot be checked.
    if (p.tcp()) {
        const ipwire::tcp_segment_view t = *p.tcp();
        at(f, column::tcp_sport) = number(t.source_port().value());
        at(f, column::tcp_dport) = number(t.destination_port().value());
        at(f, column::tcp_seq) = number(t.sequence_number());
        at(f, column::tcp_ack) = number(t.acknowledgment_number());
        char flags[8];
        std::snprintf(flags, sizeof flags, "0x%04x", static_cast<unsigned>(t.reserved()) << 9U | t.flags().value());
        at(f, column::tcp_flags) = flags;
        at(f, column::tcp_win) = number(t.window());
        const std::uint64_t declared = declared_upper_length(p, t.bytes());
        // A fragment's segment length is unknown until reassembly.
        if (!ip.is_fragment()) at(f, column::tcp_len) = number(declared - t.header_length());
        at(f, column::tcp_hdr_len) = number(t.header_length());
        std::vector<std::string> kinds;
        for (const ipwire::tcp_option o : t.options()) kinds.push_back(number(static_cast<unsigned>(o.kind())));
        at(f, column::tcp_opt_kinds) = join(kinds);
        if (const auto mss = t.mss()) at(f, column::mss) = number(*mss);
        if (const auto ws = t.window_scale()) at(f, column::wscale) = number(*ws);
        at(f, column::sack_perm) = number(t.sack_permitted() ? 1 : 0);
        if (const auto ts = t.timestamps()) {
            at(f, column::ts_val) = number(ts->value);
            at(f, column::ts_ecr) = number(ts->echo_reply);
        }
        const bool whole = !ip.is_fragment() && declared == t.bytes().size();
        const auto length = static_cast<std::uint32_t>(t.bytes().size());
        at(f, column::tcp_cksum) = checksum_status(whole, whole && t.checksum_valid(ip.pseudo_header_sum(length)));
    }
    if (p.udp()) {
        const ipwire::udp_datagram_view u = *p.udp();
        at(f, column::udp_sport) = number(u.source_port().value());
        at(f, column::udp_dport) = number(u.destination_port().value());
        at(f, column::udp_len) = number(u.length());
        const bool checkable = !ip.is_fragment() && u.checksum_verifiable() && u.has_checksum();
        const auto length = static_cast<std::uint32_t>(u.is_jumbogram() ? u.bytes().size() : u.length());
        at(f, column::udp_cksum) =
            checksum_status(checkable, checkable && u.checksum_valid(ip.pseudo_header_sum(length)));
    }
    return f;
}

// tshark's side, in the same vocabulary: l4 names other than tcp and udp are
// one "other".
std::string theirs(const oracle_table& t, std::size_t frame, column c) {
    const std::string value(t.cell(frame, name_of(c)).value_or("<missing>"));
    if (c == column::l4 && !value.empty() && value != "tcp" && value != "udp") return "other";
    return value;
}

// ---------------------------------------------------------------------------
// Matching a disagreement against the table.

struct frame_context {
    std::string_view file;
    std::size_t frame;
    std::string_view protos;      // tshark's layer stack
    std::string_view their_chain; // tshark's ip_chain
    const decoded_packet* packet;
    const fields* mine;
};

// Whether `prefix` is `whole`, or `whole` starts with `prefix` and then '|'.
bool is_chain_prefix(std::string_view prefix, std::string_view whole) {
    if (prefix.empty() || prefix == whole) return true;
    return whole.size() > prefix.size() && whole.substr(0, prefix.size()) == prefix && whole[prefix.size()] == '|';
}

// Whether tshark's stack has an IP layer somewhere after one of `before`.
bool ip_after(std::string_view protos, std::initializer_list<std::string_view> before) {
    bool seen = false;
    for (const std::string_view token : split(protos, ':')) {
        if (std::find(before.begin(), before.end(), token) != before.end()) seen = true;
        if (seen && (token == "ip" || token == "ipv6")) return true;
    }
    return false;
}

// The bytes of the TCP option area after its EOL (0 without an EOL).
std::size_t bytes_after_eol(const ipwire::tcp_segment_view& t) {
    const bytes_view header = t.header();
    for (const ipwire::tcp_option o : t.options())
        if (o.kind() == ipwire::tcp_option_kind::end_of_option_list)
            return static_cast<std::size_t>(header.data() + header.size() - o.bytes().data()) - 1;
    return 0;
}

// decode stopped inside the innermost IPv6 packet's extension-header chain.
bool extension_header_error(const decoded_packet& p) {
    return p.error() && p.error()->layer == ipwire::decode_layer::ip && p.ip() && p.ip()->is_v6() &&
           p.ip()->v6().extension_headers().error() != ipwire::errc{};
}

bool holds(condition when, const frame_context& ctx, std::string_view mine, std::string_view tshark) {
    const decoded_packet& p = *ctx.packet;
    switch (when) {
    case condition::always: return true;
    case condition::ambiguous: return tshark == "?";
    case condition::eol_padding: {
        if (!p.tcp()) return false;
        std::string expected(mine);
        for (std::size_t i = bytes_after_eol(*p.tcp()); i != 0; --i) expected += "|0";
        return expected == tshark;
    }
    case condition::tunnel_beyond:
        return ip_after(ctx.protos, {"gre", "udp"}) && !ip_after(ctx.protos, {"icmp", "icmpv6"}) &&
               is_chain_prefix((*ctx.mine)[static_cast<std::size_t>(column::ip_chain)], ctx.their_chain) &&
               (*ctx.mine)[static_cast<std::size_t>(column::ip_chain)] != ctx.their_chain;
    case condition::source_route: {
        if (!p.ip() || !p.ip()->is_v4()) return false;
        for (const ipwire::ipv4_option o : p.ip()->v4().options())
            if (o.type() == ipwire::ipv4_option_type::loose_source_route ||
                o.type() == ipwire::ipv4_option_type::strict_source_route)
                return true;
        return false;
    }
    case condition::ip_not_read:
        return p.error() && p.error()->layer == ipwire::decode_layer::ip && !extension_header_error(p) &&
               is_chain_prefix((*ctx.mine)[static_cast<std::size_t>(column::ip_chain)], ctx.their_chain);
    case condition::extension_error: return extension_header_error(p);
    case condition::tcp_not_read: return p.error() && p.error()->layer == ipwire::decode_layer::tcp;
    case condition::udp_not_read: return p.error() && p.error()->layer == ipwire::decode_layer::udp;
    case condition::tunnel_not_read: return p.error() && p.error()->layer == ipwire::decode_layer::tunnel;
    }
    return false;
}

bool names_column(std::string_view spec, column c) {
    for (const std::string_view name : split(spec, '|')) {
        if (name == "@all" || (name == "@ip" && in_ip_group(c)) || (name == "@tcp" && in_tcp_group(c)) ||
            (name == "@udp" && in_udp_group(c)) || name == name_of(c))
            return true;
    }
    return false;
}

// The row of documented_differences that explains this disagreement, if any.
std::optional<std::size_t> explanation(const frame_context& ctx, column c, std::string_view mine,
                                       std::string_view tshark) {
    for (std::size_t i = 0; i < documented_differences.size(); ++i) {
        const documented_difference& d = documented_differences[i];
        if (!d.file.empty() && d.file != ctx.file) continue;
        if (d.frame != 0 && d.frame != ctx.frame) continue;
        if (!names_column(d.columns, c)) continue;
        if (holds(d.when, ctx, mine, tshark)) return i;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// The walk over the files.

struct tally {
    std::size_t files = 0;
    std::size_t frames = 0;
    std::size_t fields = 0;
    std::size_t agreeing = 0;
    std::array<std::size_t, documented_differences.size()> by_row{};
    std::vector<std::string> undocumented;
    std::vector<std::string> documented_list; // "file frame column: ipwire 'x', tshark 'y' (reason)"
};

std::string describe(const frame_context& ctx, column c, std::string_view mine, std::string_view tshark) {
    return std::string(ctx.file) + " frame " + number(ctx.frame) + " " + std::string(name_of(c)) + ": ipwire '" +
           std::string(mine) + "', tshark '" + std::string(tshark) + "'";
}

void compare_file(const fs::path& capture_path, const fs::path& csv_path, tally& total) {
    const std::string file = capture_path.filename().string();
    CAPTURE(file);
    const auto contents = read_whole(capture_path);
    REQUIRE(contents.has_value());
    const auto oracle = oracle_table::load(csv_path);
    REQUIRE_MESSAGE(oracle.has_value(), "no tshark fields beside the capture: " << csv_path.string());
    for (const std::string_view name : column_names)
        REQUIRE_MESSAGE(oracle->index(name).has_value(), "oracle column missing: " << name);

    const bytes_view bytes(reinterpret_cast<const std::uint8_t*>(contents->data()), contents->size());
    const auto capture = ipwire::capture_view::parse(bytes);
    REQUIRE_MESSAGE(capture.has_value(), "capture_view::parse: " << to_string(capture.error()));

    ++total.files;
    std::size_t frame = 0;
    auto it = capture->begin();
    for (; it != capture->end(); ++it) {
        ++frame;
        CAPTURE(frame);
        REQUIRE_MESSAGE(frame <= oracle->frames(), "more records than tshark printed frames");
        CHECK(oracle->width(frame) == oracle->column_total());
        // Decoded from an exact-size heap copy, so that AddressSanitizer sees
        // any read past the record.
        const std::vector<std::uint8_t> record_bytes(it->data.begin(), it->data.end());
        ipwire::capture_record record = *it;
        record.data = record_bytes;
        const decoded_packet packet = ipwire::decode(record);
        const fields mine = ours(record, packet);
        const std::string_view protos = oracle->cell(frame, "protos").value_or("");
        const std::string_view chain = oracle->cell(frame, "ip_chain").value_or("");
        const frame_context ctx{file, frame, protos, chain, &packet, &mine};
        for (std::size_t i = 0; i < column_count; ++i) {
            const auto c = static_cast<column>(i);
            const std::string tshark = theirs(*oracle, frame, c);
            ++total.fields;
            if (mine[i] == tshark) {
                ++total.agreeing;
                continue;
            }
            if (const auto row = explanation(ctx, c, mine[i], tshark)) {
                ++total.by_row[*row];
                total.documented_list.push_back(describe(ctx, c, mine[i], tshark) + " (" +
                                                std::string(documented_differences[*row].reason) + ")");
                continue;
            }
            total.undocumented.push_back(describe(ctx, c, mine[i], tshark));
            FAIL_CHECK("undocumented difference: " << total.undocumented.back());
        }
    }
    CHECK_MESSAGE(it.error() == ipwire::errc{}, "the record walk stopped: " << to_string(it.error()));
    CHECK_MESSAGE(frame == oracle->frames(), "ipwire read " << frame << " records, tshark " << oracle->frames());
    total.frames += frame;
}

bool is_capture(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".pcap" || ext == ".pcapng";
}

std::vector<fs::path> captures_in(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && is_capture(entry.path())) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

void report(const tally& t, std::string_view what) {
    std::string summary = std::string(what) + ": " + number(t.files) + " files, " + number(t.frames) + " frames, " +
                          number(t.fields) + " fields compared, " + number(t.agreeing) + " agree";
    for (std::size_t i = 0; i < documented_differences.size(); ++i)
        if (t.by_row[i] != 0)
            summary += "\n  " + number(t.by_row[i]) + " documented: " + std::string(documented_differences[i].reason);
    if (!t.undocumented.empty()) summary += "\n  " + number(t.undocumented.size()) + " UNDOCUMENTED";
    MESSAGE(summary);
    if (std::getenv("IPWIRE_TSHARK_LIST") != nullptr)
        for (const std::string& line : t.documented_list) std::printf("  %s\n", line.c_str());
}

const fs::path local_dir = fs::path(IPWIRE_TEST_DATA_DIR) / "tshark";

TEST_CASE("tshark: the captures in tests/data/tshark decode as tshark dissects them") {
    const std::vector<fs::path> files = captures_in(local_dir);
    REQUIRE(files.size() >= 8);
    tally t;
    for (const fs::path& f : files) compare_file(f, fs::path(f.string() + ".fields.csv"), t);
    CHECK(t.files == files.size());
    CHECK(t.undocumented.empty());
    report(t, "tests/data/tshark");
}

#ifdef IPWIRE_SHARED_DIR
TEST_CASE("tshark: every capture in the shared corpus decodes as tshark dissects it") {
    const fs::path dir = fs::path(IPWIRE_SHARED_DIR) / "captures";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        MESSAGE("no shared corpus at " << dir.string() << ": skipped");
        return;
    }
    tally t;
    for (const fs::path& f : captures_in(dir)) {
        // A file also in tests/data/tshark must be the same bytes (the local
        // test compared it already).
        const fs::path local = local_dir / f.filename();
        if (fs::exists(local, ec)) {
            CHECK_MESSAGE(read_whole(local) == read_whole(f), "tests/data/tshark copy differs: " << local.string());
        }
        compare_file(f, f.parent_path() / "tshark" / (f.filename().string() + ".fields.csv"), t);
    }
    CHECK(t.files >= 50);
    CHECK(t.undocumented.empty());
    // Every row of the table explains something in the corpus: none is stale.
    for (std::size_t i = 0; i < documented_differences.size(); ++i) {
        CAPTURE(documented_differences[i].reason);
        CHECK(t.by_row[i] != 0);
    }
    report(t, "shared corpus");
}
#endif

} // namespace
