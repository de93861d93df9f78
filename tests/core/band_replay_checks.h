#pragma once
// Checks of a band worked out again (Detection::bandReplay) against the band the same rule kept
// at every point, for the tests of each rule's replay (tst_alarmband, tst_rollingband).

#include "core/detection.h"
#include "core/report/explain.h"

#include "same_bits.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace bandtest {

// Where the replay over [begin, end) differs from the kept band (NaN past its end), to the bit;
// empty where it does not.
inline QString fillMismatch(const od::Detection& replayed, const od::Detection& kept, std::span<const double> values,
    std::size_t begin, std::size_t end)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> lower(end - begin), upper(end - begin);
    replayed.bandReplay->fill(values, begin, end, lower.data(), upper.data());
    for (std::size_t i = begin; i < end; ++i) {
        const bool judged = i < kept.bandLower.size();
        const double lo = judged ? kept.bandLower[i] : nan, hi = judged ? kept.bandUpper[i] : nan;
        if (!bitstest::sameBitsOrNaN(lower[i - begin], lo) || !bitstest::sameBitsOrNaN(upper[i - begin], hi))
            return QStringLiteral("run [%1, %2) at point %3: replayed [%4, %5], kept [%6, %7]")
                .arg(begin)
                .arg(end)
                .arg(i)
                .arg(lower[i - begin], 0, 'g', 17)
                .arg(upper[i - begin], 0, 'g', 17)
                .arg(lo, 0, 'g', 17)
                .arg(hi, 0, 'g', 17);
    }
    return {};
}

// Runs [begin, end) of an n-point series to replay: the whole, its ends, a run past the end;
// runs of up to 97 points starting at, just before and just after every `step`-th point from
// `first` on (where a replay restarts its state: a block edge, a fresh sum); `randomRuns` random
// runs of up to `longest` points.
inline std::vector<std::pair<std::size_t, std::size_t>> edgeAndRandomRuns(
    std::size_t n, std::size_t first, std::size_t step, int randomRuns, std::size_t longest, std::mt19937& rng)
{
    std::vector<std::pair<std::size_t, std::size_t>> runs { { 0, n }, { 0, 1 }, { n - 1, n }, { n - 5, n + 10 },
        { n, n + 3 } };
    for (std::size_t edge = first; edge < n; edge += step) {
        for (const std::size_t at : { edge - 1, edge, edge + 1 })
            runs.push_back({ at, std::min(n, at + 1 + at % 97) });
    }
    for (int k = 0; k < randomRuns; ++k) {
        const std::size_t begin = std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
        const std::size_t length = std::uniform_int_distribution<std::size_t>(1, longest)(rng);
        runs.push_back({ begin, std::min(n, begin + length) });
    }
    return runs;
}

// Point sets a report or a test may ask the band at: the flags, the ends and past them, and
// random points far apart, near each other and next to each other (repeats among them).
inline std::vector<std::vector<std::size_t>> scatteredPoints(
    const od::Detection& kept, std::size_t n, std::size_t farApart, std::size_t near, std::mt19937& rng)
{
    std::vector<std::vector<std::size_t>> sets { kept.indices, { 0, n - 1, n, n + 5 } };
    for (const std::size_t apart : { farApart, near, std::size_t(2) }) {
        std::vector<std::size_t> some;
        for (std::size_t i = 0; i < n; i += std::uniform_int_distribution<std::size_t>(0, apart)(rng))
            some.push_back(i);
        sets.push_back(some);
    }
    return sets;
}

// Where the replay at `points` (fillAt) differs from the kept band; empty where it does not.
inline QString fillAtMismatch(const od::Detection& replayed, const od::Detection& kept, std::span<const double> values,
    const std::vector<std::size_t>& points)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> lower(points.size()), upper(points.size());
    replayed.bandReplay->fillAt(values, points, lower.data(), upper.data());
    for (std::size_t k = 0; k < points.size(); ++k) {
        const std::size_t i = points[k];
        const bool judged = i < kept.bandLower.size();
        const double lo = judged ? kept.bandLower[i] : nan, hi = judged ? kept.bandUpper[i] : nan;
        if (!bitstest::sameBitsOrNaN(lower[k], lo) || !bitstest::sameBitsOrNaN(upper[k], hi))
            return QStringLiteral("%1 points, point %2: replayed [%3, %4], kept [%5, %6]")
                .arg(points.size())
                .arg(i)
                .arg(lower[k], 0, 'g', 17)
                .arg(upper[k], 0, 'g', 17)
                .arg(lo, 0, 'g', 17)
                .arg(hi, 0, 'g', 17);
    }
    return {};
}

// Where two detections' blocks for drawing differ, to the bit; empty where they do not.
inline QString blocksMismatch(const od::Detection& d, const od::Detection& kept)
{
    if (d.bandBlocks.points != kept.bandBlocks.points || d.bandBlocks.lower.size() != kept.bandBlocks.lower.size())
        return QStringLiteral("blocks of %1 points (%2 blocks), kept %3 points (%4 blocks)")
            .arg(d.bandBlocks.points)
            .arg(d.bandBlocks.lower.size())
            .arg(kept.bandBlocks.points)
            .arg(kept.bandBlocks.lower.size());
    for (std::size_t b = 0; b < kept.bandBlocks.lower.size(); ++b) {
        if (!bitstest::sameBitsOrNaN(d.bandBlocks.lower[b], kept.bandBlocks.lower[b])
            || !bitstest::sameBitsOrNaN(d.bandBlocks.upper[b], kept.bandBlocks.upper[b]))
            return QStringLiteral("block %1 differs").arg(b);
    }
    return {};
}

// Where a detection that keeps no per-point band (its flags' centres instead) reads otherwise
// than the one that kept it: flags, scores, centres, why texts and blocks. Empty where it does not.
inline QString withoutBandMismatch(const od::Detection& d, const od::Detection& kept, std::span<const double> values)
{
    if (d.indices != kept.indices)
        return QStringLiteral("%1 flags, kept %2").arg(d.indices.size()).arg(kept.indices.size());
    if (d.flagCentres.size() != d.indices.size())
        return QStringLiteral("%1 centres kept for %2 flags").arg(d.flagCentres.size()).arg(d.indices.size());
    for (std::size_t k = 0; k < d.indices.size(); ++k) {
        const std::size_t i = d.indices[k];
        if (!bitstest::sameBitsOrNaN(d.scores[k], kept.scores[k]))
            return QStringLiteral("the score of point %1").arg(i);
        if (!bitstest::sameBitsOrNaN(d.centreAt(i), kept.centreAt(i)))
            return QStringLiteral("the centre of point %1").arg(i);
        if (od::explainOutlier(d, k, values[i]) != od::explainOutlier(kept, k, values[i]))
            return QStringLiteral("the why text of point %1").arg(i);
    }
    return blocksMismatch(d, kept);
}

} // namespace bandtest
