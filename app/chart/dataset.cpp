#include "chart/dataset.h"

#include <cmath>

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
    for (const double v : series.values) {
        if (std::isnan(v))
            continue;
        if (!e.hasValues) {
            e.minValue = e.maxValue = v;
            e.hasValues = true;
        }
        e.minValue = std::min(e.minValue, v);
        e.maxValue = std::max(e.maxValue, v);
    }
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
