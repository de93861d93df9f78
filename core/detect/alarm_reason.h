#pragma once
// An alarm in words: what was expected, what was seen, how unusual it is.

#include "core/detect/alarm_detector.h"

#include <cstddef>
#include <string>

namespace od {

// For a verdict with alarm set, e.g. "97.3 is above the highest of the previous 4000 values
// (81.2) by 20% of their range (65 to 81.2)" or "a rise of 30.1 in one step, from 57.2 to
// 87.3: 2.1 times the largest step of the previous 500 (14.3)". measure: the detector's
// measure() after that push; period: its period.
std::string describeAlarm(
    const AlarmDetector::Verdict& verdict, const AlarmDetector::Measure& measure, std::size_t period);

} // namespace od
