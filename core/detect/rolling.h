#pragma once
// The causal rolling detectors: each point judged against the window of points before it, never
// after, so a file gives the same decisions as the same points arriving one by one. That is the
// reason for the rule: a live pane (the stock pane, outlierctl stock) can only look back, and
// an engineer comparing the live view with the file afterwards must see the same points
// flagged. Both run through the online detectors (online_detector.h), the same code as live.

#include "core/detection.h"

#include <cstddef>
#include <span>

namespace od {

// Causal rolling z-score: each point against the mean and population standard deviation of
// the `window` non-missing points before it, flagged when |x - mean| > k * sd (k = 4, window
// 30 by default). The first `window` points, and points after a flat window (sd = 0), are not
// judged. Outliers stay in the window: a lasting level shift is flagged once, at its start,
// and then becomes the new normal. NaN values are skipped, not judged, not added. The band as
// `detail` asks (NaN where not judged; Replayed: rolling_band_replay.h).
Detection rolling(
    std::span<const double> values, std::size_t window, double k, BandDetail detail = BandDetail::PerPoint);

// Causal rolling median ("rolling-mad"): each point against the median and 1.4826 * MAD of the
// `window` non-missing points before it, flagged when |x - median| > t * 1.4826 * MAD. One spike
// barely moves the median and the MAD, so unlike `rolling` it cannot hide a second spike close
// behind it. Not judged until the window is full, nor where the window's MAD is 0. NaN values
// are skipped, not judged, not added. The same decisions as od::RollingMad (the stock pane's
// live detector), point for point. The band as `detail` asks, as rolling's.
Detection rollingMad(
    std::span<const double> values, std::size_t window, double t, BandDetail detail = BandDetail::PerPoint);

} // namespace od
