#include "core/plot/minmax_pyramid.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace od {

// The running minimum and maximum of a scan in index order: strict comparisons keep the first
// of equal values, as decimateMinMax's own scan does.
struct MinMaxPyramid::Extremes
{
    std::span<const double> values;
    std::size_t minAt = kNone;
    std::size_t maxAt = kNone;

    void add(std::size_t minIndex, std::size_t maxIndex)
    {
        if (minIndex == kNone)
            return;
        if (minAt == kNone) {
            minAt = minIndex;
            maxAt = maxIndex;
            return;
        }
        if (values[minIndex] < values[minAt])
            minAt = minIndex;
        if (values[maxIndex] > values[maxAt])
            maxAt = maxIndex;
    }
};

MinMaxPyramid::MinMaxPyramid(std::span<const double> values)
    : m_size(values.size())
{
    // Level 0 from the values, each further level from the one below, until one block is left.
    std::vector<Node> level((values.size() + kFanout - 1) / kFanout);
    for (std::size_t b = 0; b < level.size(); ++b) {
        Extremes acc { values };
        const std::size_t end = std::min(values.size(), (b + 1) * kFanout);
        bool missing = false;
        for (std::size_t i = b * kFanout; i < end; ++i) {
            if (!std::isnan(values[i]))
                acc.add(i, i);
            else
                missing = true;
        }
        level[b] = { acc.minAt, acc.maxAt, missing };
    }
    m_levels.push_back(std::move(level));
    while (m_levels.back().size() > 1) {
        const auto& below = m_levels.back();
        std::vector<Node> above((below.size() + kFanout - 1) / kFanout);
        for (std::size_t b = 0; b < above.size(); ++b) {
            Extremes acc { values };
            const std::size_t end = std::min(below.size(), (b + 1) * kFanout);
            bool missing = false;
            for (std::size_t k = b * kFanout; k < end; ++k) {
                acc.add(below[k].minAt, below[k].maxAt);
                missing = missing || below[k].hasMissing;
            }
            above[b] = { acc.minAt, acc.maxAt, missing };
        }
        m_levels.push_back(std::move(above));
    }
}

std::size_t MinMaxPyramid::blockSize(int level) const
{
    std::size_t size = kFanout;
    for (int l = 0; l < level; ++l)
        size *= kFanout;
    return size;
}

// The coarsest level whose blocks are no longer than the range (-1: the values themselves).
int MinMaxPyramid::topLevelFor(std::size_t length) const
{
    int level = -1;
    while (level + 1 < static_cast<int>(m_levels.size()) && blockSize(level + 1) <= length)
        ++level;
    return level;
}

void MinMaxPyramid::accumulate(
    std::span<const double> values, std::size_t lo, std::size_t hi, int level, Extremes& acc) const
{
    if (lo >= hi)
        return;
    if (level < 0) {
        for (std::size_t i = lo; i < hi; ++i) {
            if (!std::isnan(values[i]))
                acc.add(i, i);
        }
        return;
    }
    // Whole blocks of this level from the middle, the ragged ends from finer levels.
    const std::size_t size = blockSize(level);
    const std::size_t firstFull = (lo + size - 1) / size * size, endFull = hi / size * size;
    if (firstFull >= endFull) {
        accumulate(values, lo, hi, level - 1, acc);
        return;
    }
    accumulate(values, lo, firstFull, level - 1, acc);
    const auto& nodes = m_levels[static_cast<std::size_t>(level)];
    for (std::size_t b = firstFull / size; b < endFull / size; ++b)
        acc.add(nodes[b].minAt, nodes[b].maxAt);
    accumulate(values, endFull, hi, level - 1, acc);
}

std::size_t MinMaxPyramid::find(
    std::span<const double> values, std::size_t lo, std::size_t hi, int level, bool missing, bool fromEnd) const
{
    if (lo >= hi)
        return kNone;
    if (level < 0) {
        for (std::size_t n = 0; n < hi - lo; ++n) {
            const std::size_t i = fromEnd ? hi - 1 - n : lo + n;
            if (std::isnan(values[i]) == missing)
                return i;
        }
        return kNone;
    }
    const std::size_t size = blockSize(level);
    const std::size_t firstFull = (lo + size - 1) / size * size, endFull = hi / size * size;
    if (firstFull >= endFull)
        return find(values, lo, hi, level - 1, missing, fromEnd);
    // The ragged end nearer the start of the search, then whole blocks in order (descending
    // only into one that surely holds what is sought), then the other ragged end.
    const std::size_t near = fromEnd ? find(values, endFull, hi, level - 1, missing, fromEnd)
                                     : find(values, lo, firstFull, level - 1, missing, fromEnd);
    if (near != kNone)
        return near;
    const auto& nodes = m_levels[static_cast<std::size_t>(level)];
    const std::size_t blocks = (endFull - firstFull) / size;
    for (std::size_t n = 0; n < blocks; ++n) {
        const std::size_t b = fromEnd ? endFull / size - 1 - n : firstFull / size + n;
        const bool holds = missing ? nodes[b].hasMissing : nodes[b].minAt != kNone;
        if (holds)
            return find(values, b * size, (b + 1) * size, level - 1, missing, fromEnd);
    }
    return fromEnd ? find(values, lo, firstFull, level - 1, missing, fromEnd)
                   : find(values, endFull, hi, level - 1, missing, fromEnd);
}

std::size_t MinMaxPyramid::firstPresent(std::span<const double> values, std::size_t lo, std::size_t hi, int level) const
{
    return find(values, lo, hi, level, false, false);
}

std::size_t MinMaxPyramid::lastPresent(std::span<const double> values, std::size_t lo, std::size_t hi, int level) const
{
    return find(values, lo, hi, level, false, true);
}

std::vector<LineBreak> MinMaxPyramid::gapBreaks(
    std::span<const double> values, std::span<const std::size_t> indices) const
{
    std::vector<LineBreak> breaks;
    if (values.size() != m_size)
        return od::gapBreaks(values, indices);
    for (std::size_t k = 1; k < indices.size(); ++k) {
        const std::size_t from = indices[k - 1] + 1, to = std::min(indices[k], values.size());
        if (from >= to)
            continue;
        const int top = topLevelFor(to - from);
        const std::size_t first = find(values, from, to, top, true, false);
        if (first != kNone)
            breaks.push_back({ k, first - 1, find(values, from, to, top, true, true) + 1 });
    }
    return breaks;
}

std::vector<std::size_t> MinMaxPyramid::decimate(std::span<const double> values, std::size_t begin, std::size_t end,
    std::size_t columns, std::span<const std::size_t> keep) const
{
    end = std::min({ end, values.size(), m_size });
    // Every slice has the same length (give or take one): one level serves them all.
    const int top = end > begin ? topLevelFor((end - begin) / std::max<std::size_t>(columns, 1)) : -1;
    return decimateSlices(values, begin, end, columns, keep, [&](std::size_t lo, std::size_t hi) {
        const std::size_t first = firstPresent(values, lo, hi, top);
        if (first == kNone)
            return SliceExtremes {};
        Extremes acc { values };
        accumulate(values, lo, hi, top, acc);
        return SliceExtremes { first, acc.minAt, acc.maxAt, lastPresent(values, lo, hi, top) };
    });
}

} // namespace od
