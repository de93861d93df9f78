#include "core/detect/zscore.h"

#include "core/kernels/flag_parallel.h"
#include "core/kernels/parallel.h"
#include "core/kernels/vector_kernels.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace od {
namespace {

    struct Moments
    {
        double mean = 0;
        double sd = 0;
        std::size_t n = 0;
    };

    bool usableSpread(double sd)
    {
        return sd > 0 && std::isfinite(sd);
    }

    // The mean of the sample's values times `inverse`: the shift below.
    double sampleMean(const std::vector<double>& sample, double inverse)
    {
        double sum = 0;
        std::size_t seen = 0;
        for (const double x : sample) {
            if (!std::isnan(x)) {
                sum += x * inverse;
                ++seen;
            }
        }
        return seen ? sum / static_cast<double>(seen) : 0;
    }

    // Sums of (x * inverse - shift) and of its square: shifting by a value near the mean keeps
    // the one-pass variance as exact as numpy's two passes for real metrics.
    Moments momentsFrom(const kernels::Sums& s, double shift)
    {
        Moments m;
        m.n = s.count;
        if (m.n == 0)
            return m;
        const double nd = static_cast<double>(m.n);
        const double meanShift = s.sum / nd;
        m.mean = shift + meanShift;
        m.sd = std::sqrt(std::max(0.0, s.sumSq / nd - meanShift * meanShift));
        return m;
    }

    // Multiplying by an inverse, not dividing: a division per value would cost more than the
    // rest of the loop; with scale 1 the results are exact either way.
    Moments moments(std::span<const double> values, double scale, double shift)
    {
        std::vector<kernels::Sums> parts(parallelChunks(values.size()));
        parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
            parts[c] = kernels::sums(values.subspan(b, e - b), { 1 / scale, shift, false });
        });
        kernels::Sums total;
        for (const auto& p : parts)
            total += p;
        return momentsFrom(total, shift);
    }

    // A band that the rule's band (mean +- k std of all values) almost surely contains, from the
    // sample (whose mean is given): its own mean +- k std, narrowed by four standard errors of each (the spread's from
    // the sample's kurtosis, so that heavy tails widen the margin). Nothing when the sample is
    // too small or too wild for a useful guess, or when collecting the values outside the guess
    // would cost more than a second pass.
    std::optional<GuessedBand> guessBand(const std::vector<double>& sample, double mean, double k)
    {
        constexpr std::size_t kFewest = 256;
        constexpr double kMostCollected = 0.25;
        const auto n = static_cast<std::size_t>(
            std::count_if(sample.begin(), sample.end(), [](double x) { return !std::isnan(x); }));
        if (n < kFewest)
            return std::nullopt;
        const double nd = static_cast<double>(n);
        double m2 = 0, m4 = 0;
        for (const double x : sample) {
            if (!std::isnan(x)) {
                const double d2 = (x - mean) * (x - mean);
                m2 += d2;
                m4 += d2 * d2;
            }
        }
        m2 /= nd;
        m4 /= nd;
        if (!usableSpread(m2) || !std::isfinite(m4))
            return std::nullopt;
        const double sd = std::sqrt(m2);
        const double sdError = std::sqrt(std::max(0.0, m4 / (m2 * m2) - 1) / (4 * nd));
        const double half = k * sd * (1 - 4 * sdError) - 4 * sd / std::sqrt(nd);
        if (!(half > 0))
            return std::nullopt;
        GuessedBand band { mean - half, mean + half, 1 };
        std::size_t outside = 0;
        for (const double x : sample)
            outside += x < band.lo || x > band.hi;
        band.share = generousShare(outside, n);
        if (band.share > kMostCollected)
            return std::nullopt;
        return band;
    }

} // namespace

Detection zscore(std::span<const double> values, double k)
{
    Detection d;
    d.method = "zscore";
    d.threshold = k;
    d.scoreUnit = "standard deviations";
    d.centreName = "mean";

    // With a good guess of the band from a sample, the sums and the flagging share one pass
    // over the values; otherwise (small or wild series) the flagging is a second pass.
    const std::vector<double> sample = evenSample(values);
    const double shift = sampleMean(sample, 1);
    double scale = 1;
    std::optional<OnePassFlags> pass;
    Moments m;
    if (const auto guess = guessBand(sample, shift, k)) {
        pass.emplace(values, kernels::Transform { 1, shift, false }, *guess, d);
        m = momentsFrom(pass->sums(), shift);
    } else {
        m = moments(values, scale, shift);
    }
    if (m.n == 0)
        return d;
    if (!usableSpread(m.sd)) {
        if (pass)
            pass->discard(d);
        pass.reset();
        // Squares of magnitudes near 1e-160 underflow to 0, near 1e160 overflow: judge the
        // values relative to the largest one instead.
        scale = 0;
        for (double v : values) {
            if (!std::isnan(v))
                scale = std::max(scale, std::fabs(v));
        }
        if (!(scale > 0) || !std::isfinite(scale))
            return d; // all zero, or infinite values: there is no spread to judge against
        m = moments(values, scale, sampleMean(sample, 1 / scale));
    }
    d.centre = m.mean * scale;
    d.scale = m.sd * scale;
    d.lower = d.centre - k * d.scale;
    d.upper = d.centre + k * d.scale;
    if (!usableSpread(m.sd))
        return d; // constant series: nothing stands out

    // |x - mean| > k * std, as the reference rule compares (not the score against k).
    const kernels::Transform deviation { 1 / scale, m.mean, true };
    const kernels::Threshold over { 1, k * m.sd, 1 / m.sd };
    if (!pass || !pass->keep(deviation, over, d))
        flagParallel(values, deviation, over, d);
    return d;
}

} // namespace od
