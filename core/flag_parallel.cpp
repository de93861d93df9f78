#include "flag_parallel.h"

#include "parallel.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace od {
namespace {

    constexpr std::size_t kSamples = 1 << 12; // few: each one is a cache miss

    // A generous upper estimate of the share of values over the threshold, from an even
    // sample: the observed share plus four standard errors, plus a floor.
    double flaggedShare(std::span<const double> values, kernels::Transform t, kernels::Threshold th)
    {
        const std::size_t step = std::max<std::size_t>(1, values.size() / kSamples);
        std::size_t sampled = 0, hits = 0;
        for (std::size_t i = 0; i < values.size(); i += step) {
            const double y = values[i] * t.scale - t.centre;
            hits += (t.absolute ? std::fabs(y) : y) * th.factor > th.limit;
            ++sampled;
        }
        if (sampled == 0)
            return 0;
        const double p = static_cast<double>(hits) / static_cast<double>(sampled);
        return std::min(1.0, p + 4 * std::sqrt((p + 1e-9) / static_cast<double>(sampled)) + 1.0 / 1024);
    }

    // Asks for 2 MB pages for the whole 2 MB stretches of a large buffer about to be written:
    // a few hundred thousand results otherwise cost thousands of page faults, which take
    // longer than flagging itself. Only advice: where unsupported, nothing changes.
    void adviseHugePages([[maybe_unused]] void* data, [[maybe_unused]] std::size_t bytes)
    {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        constexpr std::uintptr_t kHuge = std::uintptr_t { 1 } << 21;
        const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
        const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
        if (end > begin)
            madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
    }

    // What one chunk wrote into its slot, and what did not fit there.
    struct ChunkOutput
    {
        std::size_t slot = 0;
        std::size_t written = 0;
        std::vector<std::size_t> spillIndices;
        std::vector<double> spillScores;
    };

} // namespace

void flagParallel(std::span<const double> values, kernels::Transform t, kernels::Threshold th, Detection& d)
{
    const std::size_t n = values.size();
    const std::size_t chunks = parallelChunks(n);
    const double share = flaggedShare(values, t, th);
    std::vector<ChunkOutput> out(chunks);
    std::vector<std::size_t> capacity(chunks);
    std::size_t total = 0;
    for (std::size_t c = 0; c < chunks; ++c) {
        const std::size_t length = n * (c + 1) / chunks - n * c / chunks; // parallelFor's split
        capacity[c] = std::min(length, static_cast<std::size_t>(static_cast<double>(length) * share) + 16);
        out[c].slot = total;
        total += capacity[c];
    }
    d.indices.reserve(total);
    d.scores.reserve(total);
    adviseHugePages(d.indices.data(), total * sizeof(std::size_t));
    adviseHugePages(d.scores.data(), total * sizeof(double));
    d.indices.resize(total);
    d.scores.resize(total);
    parallelFor(n, [&](std::size_t c, std::size_t b, std::size_t e) {
        auto& o = out[c];
        const auto chunk = values.subspan(b, e - b);
        auto r = kernels::flagAbove(chunk, t, th, b, d.indices.data() + o.slot, d.scores.data() + o.slot, capacity[c]);
        o.written = r.written;
        // The sample underestimated this chunk: go on into a spill buffer that grows.
        for (std::size_t judged = r.judged; judged < chunk.size(); judged += r.judged) {
            const std::size_t used = o.spillIndices.size();
            const std::size_t room = std::max<std::size_t>(1024, used);
            o.spillIndices.resize(used + room);
            o.spillScores.resize(used + room);
            r = kernels::flagAbove(chunk.subspan(judged), t, th, b + judged, o.spillIndices.data() + used,
                o.spillScores.data() + used, room);
            o.spillIndices.resize(used + r.written);
            o.spillScores.resize(used + r.written);
        }
    });
    // Close the gaps: each chunk's entries move down to follow the previous chunk's. A spill
    // (rare) would not fit in place, so its chunk and all later ones are appended instead.
    std::size_t end = 0;
    std::size_t c = 0;
    for (; c < chunks && out[c].spillIndices.empty(); ++c) {
        std::memmove(d.indices.data() + end, d.indices.data() + out[c].slot, out[c].written * sizeof(std::size_t));
        std::memmove(d.scores.data() + end, d.scores.data() + out[c].slot, out[c].written * sizeof(double));
        end += out[c].written;
    }
    if (c == chunks) {
        d.indices.resize(end);
        d.scores.resize(end);
        return;
    }
    std::vector<std::size_t> indices(d.indices.begin(), d.indices.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<double> scores(d.scores.begin(), d.scores.begin() + static_cast<std::ptrdiff_t>(end));
    for (; c < chunks; ++c) {
        const auto from = static_cast<std::ptrdiff_t>(out[c].slot);
        const auto count = static_cast<std::ptrdiff_t>(out[c].written);
        indices.insert(indices.end(), d.indices.begin() + from, d.indices.begin() + from + count);
        scores.insert(scores.end(), d.scores.begin() + from, d.scores.begin() + from + count);
        indices.insert(indices.end(), out[c].spillIndices.begin(), out[c].spillIndices.end());
        scores.insert(scores.end(), out[c].spillScores.begin(), out[c].spillScores.end());
    }
    d.indices = std::move(indices);
    d.scores = std::move(scores);
}

} // namespace od
