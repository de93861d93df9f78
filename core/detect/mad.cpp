#include "core/detect/mad.h"

#include "core/kernels/fast_select.h"
#include "core/kernels/flag_parallel.h"
#include "core/kernels/parallel.h"
#include "core/kernels/vector_kernels.h"

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

    const auto [median, madValue] = fastMedianAndMad(values);
    if (std::isnan(median))
        return d;
    // sigma-equivalent scale: MAD / 0.6745, or the mean-absolute-deviation fallback.
    double sigma = madValue / kConsistency;
    if (!(madValue > 0)) {
        double sumAbs = 0;
        std::size_t n = 0;
        for (const double v : values) {
            if (!std::isnan(v)) {
                sumAbs += std::fabs(v - median);
                ++n;
            }
        }
        sigma = kMeanAdFactor * sumAbs / static_cast<double>(n);
    }
    d.centre = median;
    d.scale = sigma;
    d.lower = median - t * sigma;
    d.upper = median + t * sigma;
    if (!(sigma > 0) || !std::isfinite(sigma))
        return d;
    // Compare |x - median| * (0.6745 / MAD) with t, as the textbook formula does, so that
    // borderline points fall on the same side as in numpy.
    const double factor = 1 / sigma;
    const kernels::Transform deviation { 1, median, true };
    const kernels::Threshold over { factor, t, factor };
    flagParallel(values, deviation, over, d);
    return d;
}

} // namespace od
