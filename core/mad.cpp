#include "mad.h"

#include "order_stats.h"

#include <cmath>

namespace od {

namespace {
    constexpr double kConsistency = 0.6745; // the 0.75 quantile of the standard normal
    constexpr double kMeanAdFactor = 1.2533; // sqrt(pi / 2): mean absolute deviation to sigma
} // namespace

Detection mad(std::span<const double> values, double t)
{
    Detection d;
    d.method = "mad";
    d.threshold = t;
    d.scoreUnit = "MADs";
    d.centreName = "median";

    std::vector<double> scratch;
    const std::size_t n = copyFinite(values, scratch);
    if (n == 0)
        return d;
    const double median = medianInPlace(scratch);
    for (double& v : scratch)
        v = std::fabs(v - median);
    double sumAbs = 0;
    for (const double v : scratch)
        sumAbs += v;
    const double madValue = medianInPlace(scratch);
    // sigma-equivalent scale: MAD / 0.6745, or the mean-absolute-deviation fallback.
    double sigma = madValue / kConsistency;
    if (!(madValue > 0))
        sigma = kMeanAdFactor * sumAbs / static_cast<double>(n);
    d.centre = median;
    d.scale = sigma;
    d.lower = median - t * sigma;
    d.upper = median + t * sigma;
    if (!(sigma > 0) || !std::isfinite(sigma))
        return d;
    const double limit = t * sigma;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double dev = std::fabs(values[i] - median);
        if (dev > limit) {
            d.indices.push_back(i);
            d.scores.push_back(dev / sigma);
        }
    }
    return d;
}

} // namespace od
