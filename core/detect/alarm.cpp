#include "core/detect/alarm.h"

#include "core/detect/alarm_reason.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace od {

namespace {
    // Points judged per pass: their band is summarised into blocks while it is still in the
    // cache (and, without a per-point band, written to scratch this size: 256 kB).
    constexpr std::size_t kPiece = 16 * 1024;
} // namespace

AlarmRun::AlarmRun(const AlarmSettings& settings, BandDetail detail)
    : m_detector(settings)
    , m_detail(detail)
    , m_replay(detail == BandDetail::Replayed ? std::make_shared<const AlarmBandReplay>(settings) : nullptr)
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
    const bool perPoint = m_detail == BandDetail::PerPoint;
    std::vector<double> scratchLow, scratchHigh;
    if (perPoint) {
        d.bandLower.resize(values.size(), nan);
        d.bandUpper.resize(values.size(), nan);
        // A detection made without blocks (or with fewer than judged): made whole again.
        if (d.bandBlocks.points != m_judged)
            d.bandBlocks = bandBlocksOf(std::span<const double>(d.bandLower).first(m_judged),
                std::span<const double>(d.bandUpper).first(m_judged));
    } else {
        scratchLow.resize(std::min(kPiece, values.size() - m_judged));
        scratchHigh.resize(scratchLow.size());
    }
    // Batch or live, the same verdicts: pushAll() is push() over many points at once, and
    // pieces of them are the same points pushed in the same order.
    for (std::size_t at = m_judged; at < values.size(); at += kPiece) {
        const std::size_t n = std::min(kPiece, values.size() - at);
        double* const low = perPoint ? d.bandLower.data() + at : scratchLow.data();
        double* const high = perPoint ? d.bandUpper.data() + at : scratchHigh.data();
        if (!perPoint) {
            std::fill_n(low, n, nan);
            std::fill_n(high, n, nan);
        }
        m_detector.pushAll(values.subspan(at, n), low, high, [&](std::size_t i, const AlarmDetector::Verdict& v) {
            d.indices.push_back(at + i);
            d.scores.push_back(v.score);
            d.reasons.push_back(describeAlarm(v, m_detector.measure(), m_detector.settings().period));
        });
        d.bandBlocks.append(low, high, n);
    }
    if (m_replay) {
        m_replay = m_replay->extended(values);
        d.bandReplay = m_replay;
    }
    m_judged = values.size();
}

Detection alarm(std::span<const double> values, const AlarmSettings& settings, BandDetail detail)
{
    AlarmRun run(settings, detail);
    Detection d = run.start();
    run.extend(values, d);
    return d;
}

} // namespace od
