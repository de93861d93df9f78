#include "zscore.h"

#include <algorithm>
#include <cmath>

namespace od {

namespace {

    struct Moments
    {
        double mean = 0;
        double sd = 0;
        std::size_t n = 0;
    };

    // Mean and population standard deviation of the non-NaN values divided by `scale`. Two
    // passes (mean, then squared deviations) rather than a running sum of squares: it is the
    // numerically stable way, and it is what numpy does, so borderline points agree with it.
    Moments moments(std::span<const double> values, double scale)
    {
        Moments m;
        double sum = 0;
        for (double v : values) {
            if (!std::isnan(v)) {
                sum += v / scale;
                ++m.n;
            }
        }
        if (m.n == 0)
            return m;
        m.mean = sum / static_cast<double>(m.n);
        double sq = 0;
        for (double v : values) {
            if (!std::isnan(v)) {
                const double dv = v / scale - m.mean;
                sq += dv * dv;
            }
        }
        m.sd = std::sqrt(sq / static_cast<double>(m.n));
        return m;
    }

} // namespace

Detection zscore(std::span<const double> values, double k)
{
    Detection d;
    d.method = "zscore";
    d.threshold = k;

    double scale = 1;
    Moments m = moments(values, scale);
    if (m.n == 0)
        return d;
    if (!(m.sd > 0) || !std::isfinite(m.sd)) {
        // Squares of magnitudes near 1e-160 underflow to 0, near 1e160 overflow: judge the
        // values relative to the largest one instead.
        scale = 0;
        for (double v : values) {
            if (!std::isnan(v))
                scale = std::max(scale, std::fabs(v));
        }
        if (!(scale > 0) || !std::isfinite(scale))
            return d; // all zero, or infinite values: there is no spread to judge against
        m = moments(values, scale);
    }
    d.centre = m.mean * scale;
    d.scale = m.sd * scale;
    d.lower = d.centre - k * d.scale;
    d.upper = d.centre + k * d.scale;
    if (!(m.sd > 0) || !std::isfinite(m.sd))
        return d; // constant series: nothing stands out
    const double limit = k * m.sd;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double dev = std::fabs(values[i] / scale - m.mean);
        if (dev > limit) { // NaN compares false: never flagged
            d.indices.push_back(i);
            d.scores.push_back(dev / m.sd);
        }
    }
    return d;
}

} // namespace od
