#include "core/kernels/flag_parallel.h"

#include "core/kernels/parallel.h"

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

    // The estimated share of values over the threshold, from an even sample.
    double flaggedShare(std::span<const double> values, kernels::Transform t, kernels::Threshold th)
    {
        const std::vector<double> sample = evenSample(values);
        std::size_t hits = 0;
        for (const double x : sample) {
            const double y = x * t.scale - t.centre;
            hits += (t.absolute ? std::fabs(y) : y) * th.factor > th.limit;
        }
        return generousShare(hits, sample.size());
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

    // Room for each chunk's results, one slot after another in d's arrays, sized for `share` of
    // its values; returns each slot's capacity, writes each slot's start to `starts`.
    std::vector<std::size_t> layOutSlots(std::size_t n, double share, std::vector<std::size_t>& starts, Detection& d)
    {
        const std::size_t chunks = parallelChunks(n);
        std::vector<std::size_t> capacity(chunks);
        starts.assign(chunks, 0);
        std::size_t total = 0;
        for (std::size_t c = 0; c < chunks; ++c) {
            const std::size_t length = n * (c + 1) / chunks - n * c / chunks; // parallelFor's split
            capacity[c] = std::min(length, static_cast<std::size_t>(static_cast<double>(length) * share) + 16);
            starts[c] = total;
            total += capacity[c];
        }
        d.indices.reserve(total);
        d.scores.reserve(total);
        adviseHugePages(d.indices.data(), total * sizeof(std::size_t));
        adviseHugePages(d.scores.data(), total * sizeof(double));
        d.indices.resize(total);
        d.scores.resize(total);
        return capacity;
    }

    // Moves the first chunks' entries down, each to follow the previous chunk's; returns where
    // the last one moved ends.
    std::size_t closeGaps(std::span<const std::size_t> starts, std::span<const std::size_t> written, Detection& d)
    {
        std::size_t end = 0;
        for (std::size_t c = 0; c < starts.size(); ++c) {
            std::memmove(d.indices.data() + end, d.indices.data() + starts[c], written[c] * sizeof(std::size_t));
            std::memmove(d.scores.data() + end, d.scores.data() + starts[c], written[c] * sizeof(double));
            end += written[c];
        }
        return end;
    }

    // What did not fit into one chunk's slot.
    struct Spill
    {
        std::vector<std::size_t> indices;
        std::vector<double> scores;
    };

} // namespace

std::vector<double> evenSample(std::span<const double> values)
{
    const std::size_t step = std::max<std::size_t>(1, values.size() / kSamples);
    std::vector<double> sample;
    sample.reserve(std::min(values.size(), kSamples + 1));
    for (std::size_t i = 0; i < values.size(); i += step)
        sample.push_back(values[i]);
    return sample;
}

double generousShare(std::size_t hits, std::size_t sampled)
{
    if (sampled == 0)
        return 0;
    const double p = static_cast<double>(hits) / static_cast<double>(sampled);
    return std::min(1.0, p + 4 * std::sqrt((p + 1e-9) / static_cast<double>(sampled)) + 1.0 / 1024);
}

void flagParallel(std::span<const double> values, kernels::Transform t, kernels::Threshold th, Detection& d)
{
    const std::size_t n = values.size();
    std::vector<std::size_t> starts;
    const std::vector<std::size_t> capacity = layOutSlots(n, flaggedShare(values, t, th), starts, d);
    std::vector<std::size_t> written(capacity.size());
    std::vector<Spill> spills(capacity.size());
    parallelFor(n, [&](std::size_t c, std::size_t b, std::size_t e) {
        const auto chunk = values.subspan(b, e - b);
        auto r = kernels::flagAbove(
            chunk, t, th, b, d.indices.data() + starts[c], d.scores.data() + starts[c], capacity[c]);
        written[c] = r.written;
        // The sample underestimated this chunk: go on into a spill buffer that grows.
        auto& spill = spills[c];
        for (std::size_t judged = r.judged; judged < chunk.size(); judged += r.judged) {
            const std::size_t used = spill.indices.size();
            const std::size_t room = std::max<std::size_t>(1024, used);
            spill.indices.resize(used + room);
            spill.scores.resize(used + room);
            r = kernels::flagAbove(chunk.subspan(judged), t, th, b + judged, spill.indices.data() + used,
                spill.scores.data() + used, room);
            spill.indices.resize(used + r.written);
            spill.scores.resize(used + r.written);
        }
    });
    // Close the gaps. A spill (rare) would not fit in place, so its chunk and all later ones are
    // appended instead.
    std::size_t c = 0;
    while (c < spills.size() && spills[c].indices.empty())
        ++c;
    const std::size_t end = closeGaps(std::span(starts).first(c), std::span(written).first(c), d);
    if (c == spills.size()) {
        d.indices.resize(end);
        d.scores.resize(end);
        return;
    }
    std::vector<std::size_t> indices(d.indices.begin(), d.indices.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<double> scores(d.scores.begin(), d.scores.begin() + static_cast<std::ptrdiff_t>(end));
    for (; c < spills.size(); ++c) {
        const auto from = static_cast<std::ptrdiff_t>(starts[c]);
        const auto count = static_cast<std::ptrdiff_t>(written[c]);
        indices.insert(indices.end(), d.indices.begin() + from, d.indices.begin() + from + count);
        scores.insert(scores.end(), d.scores.begin() + from, d.scores.begin() + from + count);
        indices.insert(indices.end(), spills[c].indices.begin(), spills[c].indices.end());
        scores.insert(scores.end(), spills[c].scores.begin(), spills[c].scores.end());
    }
    d.indices = std::move(indices);
    d.scores = std::move(scores);
}

OnePassFlags::OnePassFlags(std::span<const double> values, kernels::Transform t, GuessedBand guess, Detection& d)
    : m_valueCount(values.size())
    , m_guess(guess)
{
    const std::size_t n = values.size();
    const std::vector<std::size_t> capacity = layOutSlots(n, guess.share, m_starts, d);
    m_written.assign(capacity.size(), 0);
    std::vector<kernels::Sums> parts(capacity.size());
    std::vector<char> complete(capacity.size());
    parallelFor(n, [&](std::size_t c, std::size_t b, std::size_t e) {
        const auto r = kernels::sumsCollectingOutside(values.subspan(b, e - b), t, guess.lo, guess.hi, b,
            d.indices.data() + m_starts[c], d.scores.data() + m_starts[c], capacity[c]);
        parts[c] = r.sums;
        m_written[c] = r.collected.written;
        complete[c] = r.collected.judged == e - b;
    });
    for (std::size_t c = 0; c < parts.size(); ++c) {
        m_sums += parts[c];
        m_complete = m_complete && complete[c];
    }
}

bool OnePassFlags::keep(kernels::Transform t, kernels::Threshold th, Detection& d)
{
    if (!m_complete || !kernels::ruleFlagsOnlyOutside(t, th, m_guess.lo, m_guess.hi)) {
        discard(d);
        return false;
    }
    // Each chunk's slot on its own thread, as parallelFor split the values (chunk count by n).
    parallelFor(m_valueCount, [&](std::size_t c, std::size_t, std::size_t) {
        m_written[c]
            = kernels::keepFlagged(t, th, d.indices.data() + m_starts[c], d.scores.data() + m_starts[c], m_written[c]);
    });
    const std::size_t end = closeGaps(m_starts, m_written, d);
    d.indices.resize(end);
    d.scores.resize(end);
    return true;
}

void OnePassFlags::discard(Detection& d)
{
    d.indices.clear();
    d.scores.clear();
}

} // namespace od
