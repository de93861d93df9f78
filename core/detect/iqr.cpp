#include "core/detect/iqr.h"

#include "core/kernels/order_stats.h"

#include <cmath>

namespace od {

Detection iqr(std::span<const double> values, double c)
{
    Detection d;
    d.method = "iqr";
    d.threshold = c;
    d.scoreUnit = "IQRs";
    d.centreName = "median";

    std::vector<double> scratch;
    if (copyFinite(values, scratch) == 0)
        return d;
    const double q1 = quantileInPlace(scratch, 0.25);
    const double q3 = quantileInPlace(scratch, 0.75);
    const double median = quantileInPlace(scratch, 0.5);
    const double range = q3 - q1;
    d.centre = median;
    d.scale = range;
    d.lower = q1 - c * range;
    d.upper = q3 + c * range;
    const double unit = range > 0 ? range : 1.0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double v = values[i];
        if (v > d.upper) {
            d.indices.push_back(i);
            d.scores.push_back((v - q3) / unit);
        } else if (v < d.lower) {
            d.indices.push_back(i);
            d.scores.push_back((q1 - v) / unit);
        }
    }
    return d;
}

} // namespace od
