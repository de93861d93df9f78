#include "core/detect/rolling.h"

#include "core/detect/band_writer.h"
#include "core/detect/online_detector.h"
#include "core/detect/rolling_band_replay.h"

#include <memory>

namespace od {
namespace {

    // A series through an online detector: the batch rule and the live one (the stock pane)
    // give the same decisions because they are the same code.
    Detection runOnline(std::span<const double> values, const OnlineSettings& settings, Detection d, BandDetail detail)
    {
        d.threshold = settings.threshold;
        const double t = settings.threshold;
        BandWriter band(d, values.size(), detail);
        OnlineDetector online(settings);
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto v = online.push(values[i]);
            if (!v.judged)
                continue;
            band.set(i, v.centre, v.centre - t * v.scale, v.centre + t * v.scale);
            if (v.outlier)
                band.flag(i, v.score, v.centre);
        }
        band.finish();
        if (detail == BandDetail::Replayed)
            d.bandReplay = std::make_shared<const RollingBandReplay>(settings.method, settings.window, t, values);
        return d;
    }

} // namespace

Detection rolling(std::span<const double> values, std::size_t window, double k, BandDetail detail)
{
    Detection d;
    d.method = "rolling";
    d.scoreUnit = "standard deviations";
    d.centreName = "window mean"; // of the points just before it
    return runOnline(values, { OnlineMethod::RollingZScore, window, k, {} }, std::move(d), detail);
}

Detection rollingMad(std::span<const double> values, std::size_t window, double t, BandDetail detail)
{
    Detection d;
    d.method = "rolling-mad";
    d.scoreUnit = "scaled MADs";
    d.centreName = "window median";
    return runOnline(values, { OnlineMethod::RollingMad, window, t, {} }, std::move(d), detail);
}

} // namespace od
