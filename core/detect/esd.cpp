#include "core/detect/esd.h"

#include "core/detect/band_writer.h"
#include "core/detect/esd_band.h"

#include "core/detect/period.h"
#include "core/detect/stl.h"
#include "core/kernels/order_stats.h"
#include "core/kernels/quantiles.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <utility>

namespace od {
namespace {

    // The k-th smallest (0-based) of the union of two ascending sequences given by accessors.
    template <typename A, typename B> double kthOfTwo(A a, std::size_t na, B b, std::size_t nb, std::size_t k)
    {
        std::size_t lo = k + 1 > nb ? k + 1 - nb : 0;
        std::size_t hi = std::min(na, k + 1);
        while (lo < hi) {
            const std::size_t i = (lo + hi) / 2;
            const std::size_t j = k + 1 - i;
            if (j > 0 && a(i) < b(j - 1))
                lo = i + 1;
            else
                hi = i;
        }
        const std::size_t i = lo;
        const std::size_t j = k + 1 - i;
        const double fromA = i > 0 ? a(i - 1) : -std::numeric_limits<double>::infinity();
        const double fromB = j > 0 ? b(j - 1) : -std::numeric_limits<double>::infinity();
        return std::max(fromA, fromB);
    }

    // Median and MAD of sorted[lo, hi) in O(log n): the distances from the median are two
    // ascending runs (walking left and walking right from it), so the MAD is a k-th element of
    // their union. This keeps each ESD step cheap however many points remain.
    std::pair<double, double> medianAndMad(
        const std::vector<std::pair<double, std::size_t>>& sorted, std::size_t lo, std::size_t hi)
    {
        const std::size_t m = hi - lo;
        const auto at = [&](std::size_t i) { return sorted[lo + i].first; };
        const double median = m % 2 ? at(m / 2) : at(m / 2 - 1) + (at(m / 2) - at(m / 2 - 1)) / 2;
        const auto split = std::lower_bound(sorted.begin() + static_cast<std::ptrdiff_t>(lo),
                               sorted.begin() + static_cast<std::ptrdiff_t>(hi), median,
                               [](const auto& p, double v) { return p.first < v; })
            - sorted.begin();
        const std::size_t s = static_cast<std::size_t>(split);
        const auto left = [&](std::size_t t) { return median - sorted[s - 1 - t].first; };
        const auto right = [&](std::size_t t) { return sorted[s + t].first - median; };
        const std::size_t nl = s - lo, nr = hi - s;
        double mad = kthOfTwo(left, nl, right, nr, m / 2);
        if (m % 2 == 0)
            mad = (mad + kthOfTwo(left, nl, right, nr, m / 2 - 1)) / 2;
        return { median, mad };
    }

} // namespace

Detection esd(
    std::span<const double> values, std::span<const std::int64_t> times, const EsdParams& params, BandDetail detail)
{
    constexpr double kSigmaPerMad = 1.4826;
    Detection d;
    d.method = "esd";
    d.threshold = params.alpha;
    d.scoreUnit = "scaled MADs";
    d.centreName = "expected value";

    std::vector<double> scratch;
    const std::size_t n = copyFinite(values, scratch);
    if (n < 3)
        return d;
    EsdBand band;
    band.median = medianInPlace(scratch);
    band.direction = params.direction;
    std::vector<double>().swap(scratch);
    const double median = band.median;
    std::size_t period = params.period ? params.period : inferPeriod(times);
    band.seasonal = { 0.0 };
    if (period >= 2 && values.size() >= 2 * period)
        band.seasonal = stlPeriodicSeasonal(values, period, true);
    const std::size_t phases = band.seasonal.size();

    std::vector<std::pair<double, std::size_t>> residuals;
    residuals.reserve(n);
    for (std::size_t i = 0, k = 0; i < values.size(); ++i, k = k + 1 == phases ? 0 : k + 1) {
        if (!std::isnan(values[i]))
            residuals.emplace_back(values[i] - band.seasonal[k] - median, i);
    }
    std::sort(residuals.begin(), residuals.end());

    const std::size_t maxAnoms
        = std::max<std::size_t>(1, static_cast<std::size_t>(params.maxAnoms * static_cast<double>(n)));
    const bool twoSided = params.direction == Direction::Both;
    std::size_t lo = 0, hi = n, accepted = 0;
    std::vector<std::pair<std::size_t, double>> removed; // (index, statistic), in removal order
    double criticalDistance = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 1; i <= maxAnoms && hi - lo >= 3; ++i) {
        const auto [centre, mad] = medianAndMad(residuals, lo, hi);
        const double scale = kSigmaPerMad * mad;
        if (!(scale > 0))
            break; // mostly equal residuals: nothing left to measure distances by
        const double downDev = centre - residuals[lo].first;
        const double upDev = residuals[hi - 1].first - centre;
        bool takeUp = params.direction == Direction::Up || (twoSided && upDev >= downDev);
        if (params.direction == Direction::Down)
            takeUp = false;
        const double dev = takeUp ? upDev : downDev;
        const std::size_t index = takeUp ? residuals[hi - 1].second : residuals[lo].second;
        const double m = static_cast<double>(hi - lo);
        const double q = params.alpha / (twoSided ? 2 * m : m);
        const double t = studentUpperQuantile(q, m - 2);
        const double lambda = (m - 1) * t / std::sqrt((m - 2 + t * t) * m);
        const double statistic = dev / scale;
        removed.emplace_back(index, statistic);
        if (statistic > lambda)
            accepted = i;
        if (accepted == i || std::isnan(criticalDistance))
            criticalDistance = lambda * scale;
        if (takeUp)
            --hi;
        else
            ++lo;
    }

    std::vector<std::pair<double, std::size_t>>().swap(residuals);
    removed.resize(accepted);
    std::sort(removed.begin(), removed.end());
    d.centre = median;
    d.scale = criticalDistance;
    band.distance = criticalDistance;
    BandWriter writer(d, values.size(), detail);
    for (std::size_t i = 0, k = 0; i < values.size(); ++i, k = k + 1 == phases ? 0 : k + 1) {
        double centre, lower, upper;
        band.atPhase(k, centre, lower, upper);
        writer.set(i, centre, lower, upper);
    }
    for (const auto& [index, statistic] : removed)
        writer.flag(index, statistic, band.centreAt(index));
    writer.finish();
    if (detail == BandDetail::Replayed)
        d.bandReplay = std::make_shared<const EsdBandReplay>(std::move(band), values.size());
    return d;
}

} // namespace od
