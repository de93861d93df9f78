#include "rolling.h"

#include "rolling_zscore.h"

#include <limits>

namespace od {

Detection rolling(std::span<const double> values, std::size_t window, double k)
{
    Detection d;
    d.method = "rolling";
    d.threshold = k;
    d.scoreUnit = "standard deviations";
    d.centreName = "window mean"; // of the points just before it
    const double nan = std::numeric_limits<double>::quiet_NaN();
    d.bandCentre.assign(values.size(), nan);
    d.bandLower.assign(values.size(), nan);
    d.bandUpper.assign(values.size(), nan);
    RollingZScore online(window, k);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto v = online.push(values[i]);
        if (!v.judged)
            continue;
        d.bandCentre[i] = v.mean;
        d.bandLower[i] = v.mean - k * v.sd;
        d.bandUpper[i] = v.mean + k * v.sd;
        if (v.outlier) {
            d.indices.push_back(i);
            d.scores.push_back(v.score);
        }
    }
    return d;
}

} // namespace od
