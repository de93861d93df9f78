#include "zscore.h"

#include "parallel.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace od {
namespace {

    struct Sums
    {
        double sum = 0;
        double sumSq = 0;
        std::size_t n = 0;
    };

    // Sums of (x * inverseScale - shift) and of its square over the non-NaN values. Shifting by
    // a value near the mean keeps the one-pass variance as exact as numpy's two passes for real
    // metrics; eight accumulators and a branch-free NaN test let the loop vectorise.
    Sums shiftedSums(std::span<const double> values, double inverseScale, double shift)
    {
        constexpr int kLanes = 8;
        double s[kLanes] = {}, q[kLanes] = {};
        std::size_t c[kLanes] = {};
        const std::size_t n = values.size();
        std::size_t i = 0;
        for (; i + kLanes <= n; i += kLanes) {
            for (int k = 0; k < kLanes; ++k) {
                const double v = values[i + k];
                const bool present = v == v; // false only for NaN
                // Compute first, then select: the compiler turns this into a blend, where a
                // conditional computation would become a branch per value.
                double d = v * inverseScale - shift;
                d = present ? d : 0.0;
                s[k] += d;
                q[k] += d * d;
                c[k] += present;
            }
        }
        for (; i < n; ++i) {
            const double v = values[i];
            if (!std::isnan(v)) {
                const double d = v * inverseScale - shift;
                s[0] += d;
                q[0] += d * d;
                ++c[0];
            }
        }
        Sums out;
        for (int k = 0; k < kLanes; ++k) {
            out.sum += s[k];
            out.sumSq += q[k];
            out.n += c[k];
        }
        return out;
    }

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
        std::vector<Sums> parts(parallelChunks(values.size()));
        parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
            parts[c] = shiftedSums(values.subspan(b, e - b), inverse, shift);
        });
        Sums total;
        for (const auto& p : parts) {
            total.sum += p.sum;
            total.sumSq += p.sumSq;
            total.n += p.n;
        }
        Moments m;
        m.n = total.n;
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

    // Flag in parallel chunks, each into its own list, then join them in order.
    const double limit = k * m.sd;
    const double mean = m.mean;
    const double inverse = 1 / scale;
    std::vector<Detection> parts(parallelChunks(values.size()));
    parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
        auto& part = parts[c];
        for (std::size_t i = b; i < e; ++i) {
            const double dev = std::fabs(values[i] * inverse - mean);
            if (dev > limit) { // NaN compares false: never flagged
                part.indices.push_back(i);
                part.scores.push_back(dev / m.sd);
            }
        }
    });
    std::size_t total = 0;
    for (const auto& p : parts)
        total += p.indices.size();
    d.indices.reserve(total);
    d.scores.reserve(total);
    for (const auto& p : parts) {
        d.indices.insert(d.indices.end(), p.indices.begin(), p.indices.end());
        d.scores.insert(d.scores.end(), p.scores.begin(), p.scores.end());
    }
    return d;
}

} // namespace od
