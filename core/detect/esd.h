#pragma once
// The seasonal hybrid ESD detector (Twitter's AnomalyDetection rule): removes the seasonal
// pattern first, then tests the most extreme residuals one by one. The rule for metrics with a
// daily or weekly cycle, where a peak-hour value is normal and the same value at night is not;
// a statistical test, rather than a fixed threshold, bounds how many points it calls anomalies.
// Promise: no more than the share maxAnoms of the points is flagged, each scored by its test
// statistic.

#include "core/detection.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace od {

enum class Direction { Both, Up, Down };

struct EsdParams
{
    double alpha = 0.05; // significance level of each test
    double maxAnoms = 0.02; // at most this share of the points (and at least one) is flagged
    Direction direction = Direction::Both;
    std::size_t period = 0; // points per season; 0 = infer from the timestamps
};

// Seasonal hybrid ESD (Hochenbaum, Vallis and Kejariwal 2017): a robust periodic STL
// decomposition removes the seasonal pattern, the residual is taken against the median, and the
// generalized ESD test (Rosner 1983) with median and MAD in place of mean and standard
// deviation decides how many of the most extreme residuals are anomalies. Without a period (too
// short, or not inferable) it is plain hybrid ESD on value - median. NaN values are skipped and
// never flagged; times may be empty when period is given. Scores are the test statistics (the
// residual in scaled MADs); the per-point band is the expected value (seasonal + median) plus and
// minus the critical distance, kept as `detail` says (core/detect/esd_band.h: it is a function of
// the point's phase, so it can always be worked out again).
Detection esd(std::span<const double> values, std::span<const std::int64_t> times, const EsdParams& params,
    BandDetail detail = BandDetail::PerPoint);

} // namespace od
