#include "zscore.h"

#include "flag_parallel.h"
#include "parallel.h"
#include "vector_kernels.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace od {
namespace {

    struct Moments
    {
        double mean = 0;
        double sd = 0;
        std::size_t n = 0;
    };

    // Multiplying by an inverse, not dividing: a division per value would cost more than the
    // rest of the loop; with scale 1 the results are exact either way.
    Moments moments(std::span<const double> values, double scale)
    {
        const double inverse = 1 / scale;
        // The shift: the mean of a small sample, so deviations from it are small.
        double shift = 0;
        std::size_t seen = 0;
        for (std::size_t i = 0; i < values.size() && seen < 1024; ++i) {
            if (!std::isnan(values[i])) {
                shift += values[i] * inverse;
                ++seen;
            }
        }
        if (seen)
            shift /= static_cast<double>(seen);
        // Sums of (x * inverse - shift) and of its square: shifting by a value near the mean keeps
        // the one-pass variance as exact as numpy's two passes for real metrics.
        std::vector<kernels::Sums> parts(parallelChunks(values.size()));
        parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
            parts[c] = kernels::sums(values.subspan(b, e - b), { inverse, shift, false });
        });
        kernels::Sums total;
        for (const auto& p : parts) {
            total.sum += p.sum;
            total.sumSq += p.sumSq;
            total.count += p.count;
        }
        Moments m;
        m.n = total.count;
        if (m.n == 0)
            return m;
        const double nd = static_cast<double>(m.n);
        const double meanShift = total.sum / nd;
        m.mean = shift + meanShift;
        m.sd = std::sqrt(std::max(0.0, total.sumSq / nd - meanShift * meanShift));
        return m;
    }

} // namespace

Detection zscore(std::span<const double> values, double k)
{
    Detection d;
    d.method = "zscore";
    d.threshold = k;
    d.scoreUnit = "standard deviations";
    d.centreName = "mean";

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

    // |x - mean| > k * std, as the reference rule compares (not the score against k).
    const kernels::Transform deviation { 1 / scale, m.mean, true };
    const kernels::Threshold over { 1, k * m.sd, 1 / m.sd };
    flagParallel(values, deviation, over, d);
    return d;
}

} // namespace od
