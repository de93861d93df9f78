#include "core/detect/alarm.h"

#include "core/detect/alarm_reason.h"

#include <limits>

namespace od {

AlarmRun::AlarmRun(const AlarmSettings& settings)
    : m_detector(settings)
{ }

Detection AlarmRun::start() const
{
    Detection d;
    d.method = "alarm";
    d.threshold = settings().ratio;
    d.scoreUnit = "times the previous record";
    d.centreName = "middle of the remembered range";
    // The centre is the middle of the band by definition: not stored, see Detection.
    d.bandCentreIsMiddle = true;
    return d;
}

void AlarmRun::extend(std::span<const double> values, Detection& d)
{
    if (values.size() <= m_judged)
        return;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    d.bandLower.resize(values.size(), nan);
    d.bandUpper.resize(values.size(), nan);
    // Batch or live, the same verdicts: pushAll() is push() over many points at once.
    m_detector.pushAll(values.subspan(m_judged), d.bandLower.data() + m_judged, d.bandUpper.data() + m_judged,
        [&](std::size_t i, const AlarmDetector::Verdict& v) {
            d.indices.push_back(m_judged + i);
            d.scores.push_back(v.score);
            d.reasons.push_back(describeAlarm(v, m_detector.measure(), m_detector.settings().period));
        });
    m_judged = values.size();
}

Detection alarm(std::span<const double> values, const AlarmSettings& settings)
{
    AlarmRun run(settings);
    Detection d = run.start();
    run.extend(values, d);
    return d;
}

} // namespace od
