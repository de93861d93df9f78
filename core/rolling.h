#pragma once

#include "detection.h"

#include <cstddef>
#include <span>

namespace od {

// Causal rolling z-score: each point against the mean and population standard deviation of
// the `window` non-missing points before it, flagged when |x - mean| > k * sd (k = 4, window
// 30 by default). The first `window` points, and points after a flat window (sd = 0), are not
// judged. Outliers stay in the window: a lasting level shift is flagged once, at its start,
// and then becomes the new normal. NaN values are skipped, not judged, not added. Per-point
// band arrays (NaN where not judged).
Detection rolling(std::span<const double> values, std::size_t window, double k);

} // namespace od
