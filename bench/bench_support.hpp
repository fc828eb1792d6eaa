// What the benchmark programs share: reading files, the captures they use (the
// repository's own under tests/data, the larger ones under ../shared when that
// folder is there), and the text of every address and endpoint in the
// repository's captures, decoded by ipwire at start-up.
#pragma once

#include <ipwire/capture.hpp>
#include <ipwire/decode.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#ifndef IPWIRE_BENCH_DATA_DIR
#error "IPWIRE_BENCH_DATA_DIR (the repository's tests/data) must be defined by the build"
#endif
#ifndef IPWIRE_BENCH_SHARED_DIR
#define IPWIRE_BENCH_SHARED_DIR ""
#endif

namespace bench {

inline const std::filesystem::path data_dir{IPWIRE_BENCH_DATA_DIR};
inline const std::filesystem::path shared_dir{IPWIRE_BENCH_SHARED_DIR};

inline std::optional<std::vector<std::uint8_t>> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The first of `candidates` that exists, or nothing.
inline std::optional<std::filesystem::path> first_existing(std::initializer_list<std::filesystem::path> candidates) {
    for (const auto& c : candidates) {
        std::error_code ec;
        if (!c.empty() && std::filesystem::is_regular_file(c, ec)) return c;
    }
    return std::nullopt;
}

// "captures/ppp-DnsPackets.pcap": the file name with its folder, for labels.
inline std::string short_name(const std::filesystem::path& p) {
    return (p.parent_path().filename() / p.filename()).string();
}

// Every frame of a capture copied into one buffer (so the frames sit in memory
// side by side as a capture file's would), with their spans.
struct frame_set {
    std::filesystem::path path;
    std::vector<std::uint8_t> storage;
    std::vector<ipwire::bytes_view> frames;
    std::vector<ipwire::link_type> link_types;
    std::size_t total_bytes = 0;
};

inline std::optional<frame_set> load_frames(const std::filesystem::path& path) {
    const auto file = read_file(path);
    if (!file) return std::nullopt;
    const auto capture = ipwire::capture_view::parse(*file);
    if (!capture) return std::nullopt;
    frame_set set;
    set.path = path;
    std::vector<std::size_t> offsets;
    for (const ipwire::capture_record& r : *capture) {
        offsets.push_back(set.storage.size());
        set.storage.insert(set.storage.end(), r.data.begin(), r.data.end());
        set.link_types.push_back(r.link_type);
    }
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const std::size_t end = i + 1 < offsets.size() ? offsets[i + 1] : set.storage.size();
        set.frames.emplace_back(set.storage.data() + offsets[i], end - offsets[i]);
    }
    set.total_bytes = set.storage.size();
    return set;
}

// The capture files in the repository (tests/data/captures, tests/data/tshark),
// in a fixed order.
inline std::vector<std::filesystem::path> repository_captures() {
    std::vector<std::filesystem::path> out;
    for (const char* folder : {"captures", "tshark"}) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(data_dir / folder, ec)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file() && (ext == ".pcap" || ext == ".pcapng")) out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Text of the addresses (every IP layer's source and destination) and of the
// endpoints (every TCP or UDP packet's source and destination) of every frame
// in the repository's captures, in capture order.
struct capture_texts {
    std::vector<std::string> addresses;
    std::vector<std::string> endpoints;
};

inline capture_texts texts_from_captures() {
    capture_texts out;
    for (const auto& path : repository_captures()) {
        const auto frames = load_frames(path);
        if (!frames) continue;
        for (std::size_t i = 0; i < frames->frames.size(); ++i) {
            const ipwire::decoded_packet p = ipwire::decode(frames->frames[i], frames->link_types[i]);
            for (const ipwire::ip_packet_view& ip : p.ip_layers()) {
                out.addresses.push_back(ip.source().to_string());
                out.addresses.push_back(ip.destination().to_string());
            }
            if (const auto s = p.source()) out.endpoints.push_back(s->to_string());
            if (const auto d = p.destination()) out.endpoints.push_back(d->to_string());
        }
    }
    return out;
}

// `count` items drawn from `from` with a fixed seed (with replacement).
inline std::vector<std::string> draw(const std::vector<std::string>& from, std::size_t count, unsigned seed) {
    std::vector<std::string> out;
    if (from.empty()) return out;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, from.size() - 1);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(from[pick(rng)]);
    return out;
}

// Printed once per program, before the benchmarks, to say what was left out.
inline void note(const std::string& text) { std::fprintf(stderr, "note: %s\n", text.c_str()); }

} // namespace bench
