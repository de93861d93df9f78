#include "zscore.h"

#include <cmath>

namespace od {

Detection zscore(std::span<const double> values, double k)
{
    Detection d;
    d.method = "zscore";
    d.threshold = k;

    // Two passes (mean, then squared deviations) rather than a running sum of squares: it is the
    // numerically stable way, and it is what numpy does, so borderline points agree with it.
    double sum = 0;
    std::size_t n = 0;
    for (double v : values) {
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    }
    if (n == 0)
        return d;
    const double mean = sum / static_cast<double>(n);
    double sq = 0;
    for (double v : values) {
        if (!std::isnan(v)) {
            const double dv = v - mean;
            sq += dv * dv;
        }
    }
    const double sd = std::sqrt(sq / static_cast<double>(n));
    d.centre = mean;
    d.scale = sd;
    d.lower = mean - k * sd;
    d.upper = mean + k * sd;
    if (!(sd > 0) || !std::isfinite(sd))
        return d;
    const double limit = k * sd;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double dev = std::fabs(values[i] - mean);
        if (dev > limit) { // NaN compares false: never flagged
            d.indices.push_back(i);
            d.scores.push_back(dev / sd);
        }
    }
    return d;
}

} // namespace od
