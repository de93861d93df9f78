#pragma once
// The Hampel filter: each point against the median of its neighbours on both sides. The rule
// for a series whose level drifts (a daily cycle, a trend): a global rule judges every point
// against one centre and flags whole stretches of the cycle, a local median follows the level.
// It looks ahead, so it judges a file, not a live stream. Promise: per-point bands (the local
// median and fences), so the chart can draw what each point was held against.

#include "core/detection.h"

#include <cstddef>
#include <span>

namespace od {

// Hampel filter: each point against the median of the centred window of 2h+1 points around it
// (h = 7 by default), flagged when |x - median| > t * 1.4826 * MAD of that window (t = 3).
// Windows are clipped at the ends of the series; NaN values are skipped in windows and never
// flagged; a window whose MAD is 0 (mostly equal values) judges nothing. Per-point band arrays.
Detection hampel(std::span<const double> values, std::size_t halfWidth, double t);

} // namespace od
