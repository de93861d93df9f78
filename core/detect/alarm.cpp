#include "core/detect/alarm.h"

#include "core/detect/alarm_reason.h"

#include <limits>

namespace od {

Detection alarm(std::span<const double> values, const AlarmSettings& settings)
{
    Detection d;
    d.method = "alarm";
    d.threshold = settings.ratio;
    d.scoreUnit = "times the previous record";
    d.centreName = "middle of the remembered range";
    const double nan = std::numeric_limits<double>::quiet_NaN();
    d.bandCentre.assign(values.size(), nan);
    d.bandLower.assign(values.size(), nan);
    d.bandUpper.assign(values.size(), nan);
    AlarmDetector online(settings);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto v = online.push(values[i]);
        if (v.banded) {
            d.bandCentre[i] = (v.bandLow + v.bandHigh) / 2;
            d.bandLower[i] = v.bandLow;
            d.bandUpper[i] = v.bandHigh;
        }
        if (v.alarm) {
            d.indices.push_back(i);
            d.scores.push_back(v.score);
            d.reasons.push_back(describeAlarm(v, online.measure(), settings.period));
        }
    }
    return d;
}

} // namespace od
