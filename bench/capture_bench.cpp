// Capture iteration: ipwire::capture_view over a pcap and a pcapng file held
// in memory, beside libpcap's pcap_next_ex reading the same bytes (through
// fmemopen, when libpcap is found) and a plain loop over the records that
// checks nothing (the "mmap loop": what reading an mmapped file costs).
//
// Each pass opens the file and visits every record, adding up its captured and
// original lengths, its timestamp in nanoseconds and its first data byte; the
// three must agree on the total before anything is timed. To make the cost of
// opening small beside the records, the file is rebuilt in memory at start
// with its records repeated until there are at least 10 000. Items are
// records: the time per item is ns/record.
//
// Issue 12's targets (ratios in the same run, not tests): ipwire at most 1.3x
// the plain loop for pcap and 2x for pcapng. ipwire_postfix walks with it++,
// which copies the iterator on every step (64 bytes, trivially copyable: it
// holds where the record is, not the record), to show the copy costs nothing.
//
// Files (each the first that exists):
//   capture_pcap    ../shared/captures/zeek-tcp-timestamp.pcap (878 records),
//                   else tests/data/captures/ppp-nanosecs_big_endian.pcap
//   capture_pcapng  tests/data/captures/zeek-pcapng-multi-interface.pcapng (6
//                   records, two interfaces at ns and us resolution): the only
//                   pcapng in the data that libpcap reads whole, as it refuses
//                   files whose interfaces differ in link type.
#include <ipwire/capture.hpp>

#include "bench_support.hpp"

#include <benchmark/benchmark.h>

#if IPWIRE_BENCH_HAVE_LIBPCAP
#include <pcap/pcap.h>
#include <stdio.h>
#endif

#include <array>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

constexpr std::size_t minimum_records = 10'000;

struct capture_file {
    std::filesystem::path path;
    std::vector<std::uint8_t> bytes;
    std::size_t records = 0;     // in `bytes`
    std::size_t repetitions = 1; // of the original file's records
};

template <bool Swap>
inline std::uint32_t load32(const std::uint8_t* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (Swap) v = __builtin_bswap32(v);
    return v;
}
inline std::uint32_t load_le32(const std::uint8_t* p) noexcept { return load32<false>(p); }

std::size_t count_records(const std::vector<std::uint8_t>& bytes) {
    const auto view = ipwire::capture_view::parse(bytes);
    if (!view) return 0;
    std::size_t n = 0;
    auto it = view->begin();
    for (; it != view->end(); ++it) ++n;
    return it.error() == ipwire::errc{} ? n : 0;
}

// The file with its records repeated: pcap records follow the 24-byte header;
// pcapng packet blocks (enhanced 6, simple 3, obsolete 2) are appended again
// after the whole file, which must hold one little-endian section.
std::optional<capture_file> load_repeated(const std::filesystem::path& path) {
    auto file = bench::read_file(path);
    if (!file) return std::nullopt;
    const std::size_t n = count_records(*file);
    if (n == 0) return std::nullopt;
    const std::size_t k = (minimum_records + n - 1) / n;
    std::vector<std::uint8_t> again;
    const auto& f = *file;
    if (f.size() >= 4 && load_le32(f.data()) == 0x0A0D0D0AU) {
        if (f.size() < 12 || load_le32(f.data() + 8) != 0x1A2B3C4DU) return std::nullopt;
        std::size_t sections = 0;
        for (std::size_t off = 0; off + 12 <= f.size();) {
            const std::uint32_t type = load_le32(f.data() + off);
            const std::uint32_t length = load_le32(f.data() + off + 4);
            if (length < 12 || off + length > f.size()) return std::nullopt;
            if (type == 0x0A0D0D0AU) ++sections;
            if (type == 6 || type == 3 || type == 2)
                again.insert(again.end(), f.begin() + static_cast<std::ptrdiff_t>(off),
                             f.begin() + static_cast<std::ptrdiff_t>(off + length));
            off += length;
        }
        if (sections != 1) return std::nullopt;
    } else {
        again.assign(f.begin() + 24, f.end());
    }
    capture_file out{path, f, 0, k};
    for (std::size_t i = 1; i < k; ++i) out.bytes.insert(out.bytes.end(), again.begin(), again.end());
    out.records = count_records(out.bytes);
    if (out.records != n * k) return std::nullopt;
    return out;
}

// --- ipwire ------------------------------------------------------------------------

std::uint64_t ipwire_pass(const capture_file& file) noexcept {
    const auto view = ipwire::capture_view::parse(file.bytes);
    if (!view) return 0;
    std::uint64_t sum = 0;
    for (const ipwire::capture_record& r : *view)
        sum += r.captured_length + r.original_length + r.timestamp + (r.data.empty() ? 0U : r.data[0]);
    return sum;
}

// The same walk with the postfix increment, a copy of the iterator per record.
std::uint64_t ipwire_postfix_pass(const capture_file& file) noexcept {
    const auto view = ipwire::capture_view::parse(file.bytes);
    if (!view) return 0;
    std::uint64_t sum = 0;
    for (auto it = view->begin(); it != view->end();) {
        const ipwire::capture_record r = *it++;
        sum += r.captured_length + r.original_length + r.timestamp + (r.data.empty() ? 0U : r.data[0]);
    }
    return sum;
}

// --- the plain loops -----------------------------------------------------------------

template <bool Swap, bool Nano>
std::uint64_t plain_pcap(const std::uint8_t* p, std::size_t size) noexcept {
    std::uint64_t sum = 0;
    for (std::size_t off = 24; off + 16 <= size;) {
        const std::uint32_t seconds = load32<Swap>(p + off);
        const std::uint32_t fraction = load32<Swap>(p + off + 4);
        const std::uint32_t captured = load32<Swap>(p + off + 8);
        const std::uint32_t original = load32<Swap>(p + off + 12);
        off += 16;
        sum += captured + original + std::uint64_t{seconds} * 1'000'000'000U +
               (Nano ? fraction : std::uint64_t{fraction} * 1000U) + (captured != 0 ? p[off] : 0U);
        off += captured;
    }
    return sum;
}

// Little-endian, one section; an interface's if_tsresol must be a power of ten
// down to nanoseconds.
std::uint64_t plain_pcapng(const std::uint8_t* p, std::size_t size) noexcept {
    std::array<std::uint64_t, 16> ns_per_tick{};
    std::size_t interfaces = 0;
    std::uint64_t sum = 0;
    for (std::size_t off = 0; off + 12 <= size;) {
        const std::uint32_t type = load_le32(p + off);
        const std::uint32_t length = load_le32(p + off + 4);
        if (type == 6) {
            const std::uint32_t interface = load_le32(p + off + 8);
            const std::uint64_t ticks = (std::uint64_t{load_le32(p + off + 12)} << 32U) | load_le32(p + off + 16);
            const std::uint32_t captured = load_le32(p + off + 20);
            const std::uint32_t original = load_le32(p + off + 24);
            sum += captured + original + ticks * ns_per_tick[interface & 15U] + (captured != 0 ? p[off + 28] : 0U);
        } else if (type == 1 && interfaces < ns_per_tick.size()) {
            std::uint64_t unit = 1000; // if_tsresol 6 unless an option says otherwise
            for (std::size_t o = off + 16; o + 4 <= off + length - 4;) {
                const std::uint32_t code_length = load_le32(p + o);
                const std::uint32_t code = code_length & 0xFFFFU, option_length = code_length >> 16U;
                if (code == 0) break;
                if (code == 9 && option_length == 1 && p[o + 4] <= 9) {
                    unit = 1;
                    for (unsigned i = p[o + 4]; i < 9; ++i) unit *= 10;
                }
                o += 4 + ((option_length + 3U) & ~3U);
            }
            ns_per_tick[interfaces++] = unit;
        }
        off += length;
    }
    return sum;
}

std::uint64_t plain_pass(const capture_file& file) noexcept {
    const std::uint8_t* p = file.bytes.data();
    const std::size_t size = file.bytes.size();
    switch (load_le32(p)) {
    case 0xA1B2C3D4U: return plain_pcap<false, false>(p, size);
    case 0xA1B23C4DU: return plain_pcap<false, true>(p, size);
    case 0xD4C3B2A1U: return plain_pcap<true, false>(p, size);
    case 0x4D3CB2A1U: return plain_pcap<true, true>(p, size);
    case 0x0A0D0D0AU: return plain_pcapng(p, size);
    default: return 0;
    }
}

// --- libpcap ---------------------------------------------------------------------------

#if IPWIRE_BENCH_HAVE_LIBPCAP
std::uint64_t libpcap_pass(const capture_file& file) noexcept {
    FILE* stream = fmemopen(const_cast<std::uint8_t*>(file.bytes.data()), file.bytes.size(), "rb");
    if (stream == nullptr) return 0;
    char error[PCAP_ERRBUF_SIZE];
    pcap_t* pcap = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, error);
    if (pcap == nullptr) {
        std::fclose(stream);
        return 0;
    }
    std::uint64_t sum = 0;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(pcap, &header, &data) == 1)
        sum += header->caplen + header->len + static_cast<std::uint64_t>(header->ts.tv_sec) * 1'000'000'000U +
               static_cast<std::uint64_t>(header->ts.tv_usec) + (header->caplen != 0 ? data[0] : 0U);
    pcap_close(pcap); // closes the stream
    return sum;
}
#endif

// --- the benchmarks ----------------------------------------------------------------------

template <std::uint64_t (*Fn)(const capture_file&)>
void run(benchmark::State& state, const capture_file& file, std::uint64_t expected) {
    if (const auto got = Fn(file); got != expected)
        return state.SkipWithError(
            ("record sum " + std::to_string(got) + " but ipwire's " + std::to_string(expected)).c_str());
    for (auto _ : state) benchmark::DoNotOptimize(Fn(file));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(file.records));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(file.bytes.size()));
    state.SetLabel(bench::short_name(file.path) + " x" + std::to_string(file.repetitions) + ": " +
                   std::to_string(file.records) + " records");
}

void add_group(const std::string& group, std::initializer_list<std::filesystem::path> candidates) {
    const auto path = bench::first_existing(candidates);
    if (!path) {
        bench::note(group + ": none of its files is here, left out");
        return;
    }
    auto loaded = load_repeated(*path);
    if (!loaded) {
        bench::note(group + ": " + path->string() + " could not be rebuilt with repeated records, left out");
        return;
    }
    static std::vector<std::unique_ptr<capture_file>> keep; // the benchmarks hold a reference
    keep.push_back(std::make_unique<capture_file>(std::move(*loaded)));
    const capture_file& file = *keep.back();
    const std::uint64_t expected = ipwire_pass(file);

    benchmark::RegisterBenchmark((group + "/ipwire").c_str(),
                                 [&file, expected](benchmark::State& s) { run<ipwire_pass>(s, file, expected); });
    benchmark::RegisterBenchmark((group + "/ipwire_postfix").c_str(), [&file, expected](benchmark::State& s) {
        run<ipwire_postfix_pass>(s, file, expected);
    });
#if IPWIRE_BENCH_HAVE_LIBPCAP
    benchmark::RegisterBenchmark((group + "/libpcap").c_str(),
                                 [&file, expected](benchmark::State& s) { run<libpcap_pass>(s, file, expected); });
#endif
    benchmark::RegisterBenchmark((group + "/plain_loop").c_str(),
                                 [&file, expected](benchmark::State& s) { run<plain_pass>(s, file, expected); });
}

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
#if !IPWIRE_BENCH_HAVE_LIBPCAP
    bench::note("libpcap not found at configure time: the pcap_next_ex comparisons are left out");
#endif
    add_group("capture_pcap", {bench::shared_dir / "captures/zeek-tcp-timestamp.pcap",
                               bench::data_dir / "captures/ppp-nanosecs_big_endian.pcap"});
    add_group("capture_pcapng", {bench::data_dir / "captures/zeek-pcapng-multi-interface.pcapng"});
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
