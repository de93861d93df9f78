#pragma once
// The interquartile-range detector (Tukey's fences, the rule of a box plot's whiskers): values
// far beyond the middle half of the series. It assumes no bell shape, so it suits skewed
// metrics such as latencies, where a z-score's symmetric band flags the long tail. Promise:
// quartiles as numpy.percentile computes them by default, so its answers can be checked there.

#include "core/detection.h"

#include <span>

namespace od {

// Tukey's fences: flagged when x < Q1 - c*IQR or x > Q3 + c*IQR (strictly), quartiles by linear
// interpolation as numpy.percentile's default; c = 1.5 by default. Scores count the IQRs beyond
// the nearer quartile ((x - Q3) / IQR above, (Q1 - x) / IQR below); when IQR is 0 the fences are
// the quartiles themselves and the score is the plain distance. NaN values are skipped.
Detection iqr(std::span<const double> values, double c);

} // namespace od
