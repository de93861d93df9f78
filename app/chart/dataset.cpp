#include "chart/dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <system_error>
#include <thread>

namespace {

// Four of each running figure side by side, one per value of a group of four: each addition
// waits on the one four values back, not on the one before, so a pass runs at memory speed
// rather than at one add's latency per value. NaN adds nothing and moves no extreme (a
// comparison with NaN is false, so the figure held is kept).
struct Lanes
{
    double sum[4] = { 0, 0, 0, 0 };
    double count[4] = { 0, 0, 0, 0 };
    double lo[4], hi[4];

    Lanes()
    {
        for (int k = 0; k < 4; ++k) {
            lo[k] = std::numeric_limits<double>::infinity();
            hi[k] = -lo[k];
        }
    }
    void add(int k, double x)
    {
        const bool present = !std::isnan(x);
        sum[k] += present ? x : 0.0;
        count[k] += present ? 1.0 : 0.0;
        lo[k] = x < lo[k] ? x : lo[k];
        hi[k] = x > hi[k] ? x : hi[k];
    }
    static double total(const double (&lane)[4]) { return (lane[0] + lane[1]) + (lane[2] + lane[3]); }
};

// The sum of (x - centre) and of its square over the non-NaN values, four lanes as above.
void deviations(const std::vector<double>& v, double centre, double& sum, double& squares)
{
    double d[4] = { 0, 0, 0, 0 }, q[4] = { 0, 0, 0, 0 };
    std::size_t i = 0;
    for (; i + 4 <= v.size(); i += 4)
        for (int k = 0; k < 4; ++k) {
            const double x = std::isnan(v[i + k]) ? 0.0 : v[i + k] - centre;
            d[k] += x;
            q[k] += x * x;
        }
    for (; i < v.size(); ++i) {
        const double x = std::isnan(v[i]) ? 0.0 : v[i] - centre;
        d[0] += x;
        q[0] += x * x;
    }
    sum = Lanes::total(d);
    squares = Lanes::total(q);
}

} // namespace

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

    // The corrected two-pass mean and variance (Chan, Golub and LeVeque): the sums first, then
    // the deviations from their mean, whose own sum corrects the mean's rounding. As exact as
    // Welford's single pass on large values with a small spread, without its division per value
    // (which made it two thirds of the time to prepare a 10M-row series for drawing).
    const std::vector<double>& v = series.values;
    Lanes lanes;
    std::size_t i = 0;
    for (; i + 4 <= v.size(); i += 4)
        for (int k = 0; k < 4; ++k)
            lanes.add(k, v[i + k]);
    for (; i < v.size(); ++i)
        lanes.add(0, v[i]);
    const double present = Lanes::total(lanes.count);
    if (present == 0)
        return e;
    e.hasValues = true;
    e.minValue = std::min({ lanes.lo[0], lanes.lo[1], lanes.lo[2], lanes.lo[3] });
    e.maxValue = std::max({ lanes.hi[0], lanes.hi[1], lanes.hi[2], lanes.hi[3] });
    const double guess = Lanes::total(lanes.sum) / present;
    double d = 0, squares = 0;
    deviations(v, guess, d, squares);
    e.mean = guess + d / present;
    e.std = std::sqrt(std::max(0.0, (squares - d * d / present) / present));
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
