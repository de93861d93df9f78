#pragma once

#include "core/detect/alarm_detector.h"
#include "core/detection.h"

#include <span>

namespace od {

// The "alarm" detector over a whole series: od::AlarmDetector run point by point, so a file
// and a live stream of the same values raise the same alarms. Each flagged point carries its
// score (times the previous record, see AlarmDetector::Verdict::score) and its reason in words;
// the band per point is what the level view allows (NaN in warm-up and at missing values).
Detection alarm(std::span<const double> values, const AlarmSettings& settings);

} // namespace od
