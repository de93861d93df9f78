#include "core/detect/rolling.h"

#include "core/detect/online_detector.h"

#include <limits>

namespace od {
namespace {

    // A series through an online detector: the batch rule and the live one (the stock pane)
    // give the same decisions because they are the same code.
    Detection runOnline(std::span<const double> values, const OnlineSettings& settings, Detection d)
    {
        d.threshold = settings.threshold;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        d.bandCentre.assign(values.size(), nan);
        d.bandLower.assign(values.size(), nan);
        d.bandUpper.assign(values.size(), nan);
        const double t = settings.threshold;
        OnlineDetector online(settings);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto v = online.push(values[i]);
            if (!v.judged)
                continue;
            d.bandCentre[i] = v.centre;
            d.bandLower[i] = v.centre - t * v.scale;
            d.bandUpper[i] = v.centre + t * v.scale;
            if (v.outlier) {
                d.indices.push_back(i);
                d.scores.push_back(v.score);
            }
        }
        return d;
    }

} // namespace

Detection rolling(std::span<const double> values, std::size_t window, double k)
{
    Detection d;
    d.method = "rolling";
    d.scoreUnit = "standard deviations";
    d.centreName = "window mean"; // of the points just before it
    return runOnline(values, { OnlineMethod::RollingZScore, window, k, {} }, std::move(d));
}

Detection rollingMad(std::span<const double> values, std::size_t window, double t)
{
    Detection d;
    d.method = "rolling-mad";
    d.scoreUnit = "scaled MADs";
    d.centreName = "window median";
    return runOnline(values, { OnlineMethod::RollingMad, window, t, {} }, std::move(d));
}

} // namespace od
