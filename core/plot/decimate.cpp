#include "core/plot/decimate.h"

#include <algorithm>
#include <cmath>

namespace od {

std::vector<std::size_t> decimateSlices(std::span<const double> values, std::size_t begin, std::size_t end,
    std::size_t columns, std::span<const std::size_t> keep,
    const std::function<SliceExtremes(std::size_t lo, std::size_t hi)>& extremes)
{
    end = std::min(end, values.size());
    std::vector<std::size_t> out;
    if (begin >= end)
        return out;
    const std::size_t n = end - begin;
    columns = std::max<std::size_t>(columns, 1);
    if (n <= columns * 4) {
        out.reserve(n);
        for (std::size_t i = begin; i < end; ++i) {
            if (!std::isnan(values[i]))
                out.push_back(i);
        }
        return out;
    }
    std::vector<std::size_t> picked;
    picked.reserve(columns * 4);
    for (std::size_t c = 0; c < columns; ++c) {
        const SliceExtremes e = extremes(begin + n * c / columns, begin + n * (c + 1) / columns);
        if (e.first == kNoPoint)
            continue;
        std::size_t four[4] = { e.first, e.min, e.max, e.last };
        std::sort(four, four + 4);
        for (const std::size_t i : four) {
            if (picked.empty() || picked.back() != i)
                picked.push_back(i);
        }
    }
    // Merge the indices to keep (already ascending) into the picked ones.
    auto kb = std::lower_bound(keep.begin(), keep.end(), begin);
    auto ke = std::lower_bound(kb, keep.end(), end);
    out.reserve(picked.size() + static_cast<std::size_t>(ke - kb));
    std::set_union(picked.begin(), picked.end(), kb, ke, std::back_inserter(out));
    out.erase(std::remove_if(out.begin(), out.end(), [&](std::size_t i) { return std::isnan(values[i]); }), out.end());
    return out;
}

std::vector<std::size_t> decimateMinMax(std::span<const double> values, std::size_t begin, std::size_t end,
    std::size_t columns, std::span<const std::size_t> keep)
{
    return decimateSlices(values, begin, end, columns, keep, [values](std::size_t lo, std::size_t hi) {
        SliceExtremes e;
        for (std::size_t i = lo; i < hi; ++i) {
            const double v = values[i];
            if (std::isnan(v))
                continue;
            if (e.first == kNoPoint)
                e.first = e.min = e.max = i;
            e.last = i;
            if (v < values[e.min])
                e.min = i;
            if (v > values[e.max])
                e.max = i;
        }
        return e;
    });
}

std::vector<LineBreak> gapBreaks(std::span<const double> values, std::span<const std::size_t> indices)
{
    std::vector<LineBreak> breaks;
    for (std::size_t k = 1; k < indices.size(); ++k) {
        const std::size_t from = indices[k - 1], to = std::min(indices[k], values.size());
        std::size_t firstNan = to, lastNan = to;
        for (std::size_t i = from + 1; i < to; ++i) {
            if (std::isnan(values[i])) {
                if (firstNan == to)
                    firstNan = i;
                lastNan = i;
            }
        }
        if (firstNan != to)
            breaks.push_back({ k, firstNan - 1, lastNan + 1 });
    }
    return breaks;
}

} // namespace od
