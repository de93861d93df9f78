#pragma once
// The seasonal period the seasonal detector (esd.h) removes, inferred from the timestamps when
// the caller gives none. Calendar periods (a day, a week) rather than a spectral estimate,
// because the metrics an on-call engineer watches follow people's days and weeks, and a period
// found in noise would remove a pattern that is not there. Promise: 0 rather than a guess.

#include <cstddef>
#include <cstdint>
#include <span>

namespace od {

// The seasonal period, in points, that the timestamps suggest: one day for data sampled more
// often than every 12 hours and holding at least three days, one week for daily data holding at
// least three weeks; 0 (no seasonality) otherwise. Uses the median positive sampling interval,
// so gaps, duplicates and a backward jump do not sway it.
std::size_t inferPeriod(std::span<const std::int64_t> times);

} // namespace od
