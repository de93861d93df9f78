#include "chart/dataset.h"

#include "core/kernels/vector_kernels.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <system_error>
#include <thread>

SeriesExtent measureSeries(const od::Series& series)
{
    SeriesExtent e;
    const auto& t = series.times;
    if (!t.empty())
        e.minTime = e.maxTime = t.front();
    bool sorted = true;
    for (std::size_t i = 1; i < t.size(); ++i) {
        sorted &= t[i - 1] <= t[i];
        e.minTime = std::min(e.minTime, t[i]);
        e.maxTime = std::max(e.maxTime, t[i]);
    }
    e.timesSorted = sorted;

    // The core's vector kernels (the zscore detector's passes), which skip NaN: the range,
    // then the corrected two-pass mean and variance (Chan, Golub and LeVeque): the sums first,
    // then the deviations from their mean, whose own sum corrects the mean's rounding. As exact
    // as Welford's single pass on large values with a small spread, without its division per
    // value (which made it two thirds of the time to prepare a 10M-row series for drawing).
    const std::span<const double> v(series.values);
    const od::kernels::Range range = od::kernels::range(v, {});
    if (range.count == 0)
        return e;
    e.hasValues = true;
    e.minValue = range.lo;
    e.maxValue = range.hi;
    const double present = static_cast<double>(range.count);
    const double guess = od::kernels::sums(v, {}).sum / present;
    const od::kernels::Sums around = od::kernels::sums(v, { 1, guess, false });
    e.mean = guess + around.sum / present;
    e.std = std::sqrt(std::max(0.0, (around.sumSq - around.sum * around.sum / present) / present));
    return e;
}

void finishDataset(Dataset& dataset)
{
    const auto& series = dataset.series;
    dataset.extents.assign(series.size(), {});
    dataset.pyramids.assign(series.size(), {});
    // The extents on a second thread while this one builds the pyramids: both only read the
    // series, and each takes about as long (30 ms for 10 million points here).
    const auto measureAll = [&] {
        for (std::size_t i = 0; i < series.size(); ++i)
            dataset.extents[i] = measureSeries(series[i]);
    };
    std::thread measuring;
    try {
        measuring = std::thread(measureAll);
    } catch (const std::system_error&) {
        measureAll(); // no thread to be had: the same work, one after the other
    }
    for (std::size_t i = 0; i < series.size(); ++i)
        dataset.pyramids[i] = od::MinMaxPyramid(series[i].values);
    if (measuring.joinable())
        measuring.join();
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
