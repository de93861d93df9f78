#pragma once
// Order statistics of a large array without sorting or copying it: a histogram pass finds the
// bucket that holds the wanted rank, and only that bucket's values are gathered and selected.
// The median and MAD of 10 million values cost a few read-only passes that use every core.

#include <cstddef>
#include <limits>
#include <span>

namespace od {

// The median of the non-NaN values (the mean of the two middle ones for an even count), as
// numpy.median; NaN if there are none.
double fastMedian(std::span<const double> values);
// The median of |x - around| over the non-NaN values: the MAD, given around = the median.
double fastMedianAbsDeviation(std::span<const double> values, double around);

// Both at once, one pass fewer than calling the two above: the median, and the median of
// |x - median| (NaN, NaN without non-NaN values).
struct MedianAndMad
{
    double median = std::numeric_limits<double>::quiet_NaN();
    double mad = std::numeric_limits<double>::quiet_NaN();
};
MedianAndMad fastMedianAndMad(std::span<const double> values);

} // namespace od
