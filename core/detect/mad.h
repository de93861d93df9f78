#pragma once
// The median/MAD detector: distance from the median in median absolute deviations. The rule
// for a series with several spikes: the mean and standard deviation that zscore judges by are
// pulled by the spikes themselves, so a large one can hide a smaller one; the median and the
// MAD barely move. Promise: numpy's decisions on the textbook formula, on every core.

#include "core/detection.h"

#include <span>

namespace od {

// Modified z-score (Iglewicz and Hoaglin 1993): M = 0.6745 (x - median) / MAD, flagged when
// |M| > t (3.5 by default). Robust where zscore is fooled: one spike barely moves the median
// and the MAD, so it cannot mask another.
// When more than half the values are equal, MAD is 0; the scale then falls back to the mean
// absolute deviation around the median, times 1.2533 (so that both estimate one standard
// deviation for normal data); when that is 0 too, the series is constant and nothing is flagged.
// NaN values are skipped and never flagged. Scores are |M|.
Detection mad(std::span<const double> values, double t);

} // namespace od
