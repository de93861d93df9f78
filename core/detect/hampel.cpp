#include "core/detect/hampel.h"

#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

Detection hampel(std::span<const double> values, std::size_t halfWidth, double t)
{
    constexpr double kSigmaPerMad = 1.4826; // 1 / 0.6745
    Detection d;
    d.method = "hampel";
    d.threshold = t;
    d.scoreUnit = "scaled MADs";
    d.centreName = "local median";
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::size_t n = values.size();
    d.bandCentre.assign(n, nan);
    d.bandLower.assign(n, nan);
    d.bandUpper.assign(n, nan);
    std::vector<double> window;
    window.reserve(2 * halfWidth + 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(values[i]))
            continue;
        const std::size_t lo = i >= halfWidth ? i - halfWidth : 0;
        const std::size_t hi = std::min(n, i + halfWidth + 1);
        window.clear();
        for (std::size_t j = lo; j < hi; ++j) {
            if (!std::isnan(values[j]))
                window.push_back(values[j]);
        }
        const double median = medianInPlace(window);
        for (double& v : window)
            v = std::fabs(v - median);
        const double sigma = kSigmaPerMad * medianInPlace(window);
        d.bandCentre[i] = median;
        d.bandLower[i] = median - t * sigma;
        d.bandUpper[i] = median + t * sigma;
        if (!(sigma > 0))
            continue;
        const double score = std::fabs(values[i] - median) / sigma;
        if (score > t) {
            d.indices.push_back(i);
            d.scores.push_back(score);
        }
    }
    return d;
}

} // namespace od
