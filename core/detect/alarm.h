#pragma once

#include "core/detect/alarm_band.h"
#include "core/detect/alarm_detector.h"
#include "core/detection.h"

#include <span>

namespace od {

// The "alarm" detector over a whole series: od::AlarmDetector run point by point, so a file
// and a live stream of the same values raise the same alarms. Each flagged point carries its
// score (times the previous record, see AlarmDetector::Verdict::score) and its reason in words;
// the band per point is what the level view allows (NaN in warm-up and at missing values), and
// with BandDetail::Blocks only its blocks are kept (never the per-point band: every alarm has
// its score); with BandDetail::Replayed, its blocks and an AlarmBandReplay (alarm_band.h).
Detection alarm(
    std::span<const double> values, const AlarmSettings& settings, BandDetail detail = BandDetail::PerPoint);

// The same detection for a series that grows (a followed file): each extend() judges only the
// values added since the last one, so the detection of the grown series costs the new rows, not
// the whole file, and equals alarm() of the grown series point for point. Small and copyable
// (the detector's memories, not the detection): a caller may extend a copy and keep the original.
class AlarmRun
{
public:
    explicit AlarmRun(const AlarmSettings& settings, BandDetail detail = BandDetail::PerPoint);

    // A detection of no values yet, named and with the threshold set: what extend() grows.
    Detection start() const;
    // values: the whole series so far, whose first judged() values are those judged before, and
    // d: what start() and the earlier extends made of them (the caller's promise). Judges the
    // rest and adds them to d.
    void extend(std::span<const double> values, Detection& d);
    std::size_t judged() const { return m_judged; }
    const AlarmSettings& settings() const { return m_detector.settings(); }

private:
    AlarmDetector m_detector;
    BandDetail m_detail;
    std::shared_ptr<const AlarmBandReplay> m_replay; // with BandDetail::Replayed
    std::size_t m_judged = 0;
};

} // namespace od
