#pragma once
// Order statistics of a large array without sorting or copying it: a histogram pass finds the
// bucket that holds the wanted rank, and only that bucket's values are gathered and selected.
// The median and MAD of 10 million values cost a few read-only passes that use every core.

#include <cstddef>
#include <span>

namespace od {

// The median of the non-NaN values (the mean of the two middle ones for an even count), as
// numpy.median; NaN if there are none.
double fastMedian(std::span<const double> values);
// The median of |x - around| over the non-NaN values: the MAD, given around = the median.
double fastMedianAbsDeviation(std::span<const double> values, double around);

} // namespace od
