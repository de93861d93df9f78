#include "chart/dataset.h"

#include <algorithm>
#include <cmath>
#include <optional>

SeriesExtent measureSeries(const od::Series& series)
{
    SeriesExtent e;
    const auto& t = series.times;
    if (!t.empty())
        e.minTime = e.maxTime = t.front();
    for (std::size_t i = 1; i < t.size(); ++i) {
        e.timesSorted = e.timesSorted && t[i - 1] <= t[i];
        e.minTime = std::min(e.minTime, t[i]);
        e.maxTime = std::max(e.maxTime, t[i]);
    }
    // Welford's running mean and sum of squares: one pass, no cancellation on large values.
    double n = 0, m2 = 0;
    for (const double v : series.values) {
        if (std::isnan(v))
            continue;
        if (!e.hasValues) {
            e.minValue = e.maxValue = v;
            e.hasValues = true;
        }
        e.minValue = std::min(e.minValue, v);
        e.maxValue = std::max(e.maxValue, v);
        n += 1;
        const double delta = v - e.mean;
        e.mean += delta / n;
        m2 += delta * (v - e.mean);
    }
    e.std = n > 0 ? std::sqrt(m2 / n) : 0;
    return e;
}

void finishDataset(Dataset& dataset)
{
    dataset.extents.clear();
    dataset.pyramids.clear();
    for (const auto& s : dataset.series) {
        dataset.extents.push_back(measureSeries(s));
        dataset.pyramids.emplace_back(s.values);
    }
}

std::int64_t fileStartOf(const Dataset& dataset, std::size_t series)
{
    const auto fileOf = [&](std::size_t i) { return i < dataset.seriesFile.size() ? dataset.seriesFile[i] : 0; };
    std::optional<std::int64_t> start;
    for (std::size_t i = 0; i < dataset.series.size(); ++i) {
        if (fileOf(i) != fileOf(series) || dataset.series[i].times.empty())
            continue;
        const std::int64_t first
            = i < dataset.extents.size() ? dataset.extents[i].minTime : measureSeries(dataset.series[i]).minTime;
        start = start ? std::min(*start, first) : first;
    }
    return start.value_or(0);
}
