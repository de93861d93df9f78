#pragma once
// Order statistics on a scratch buffer: the one copy a median-based detector is allowed.

#include <cstddef>
#include <span>
#include <vector>

namespace od {

// Copies the non-NaN values into scratch (reusing its capacity) and returns how many there were.
std::size_t copyFinite(std::span<const double> values, std::vector<double>& scratch);

// The median of data (reordered in place), averaging the two middle values for an even count,
// as numpy.median does. data must be non-empty.
double medianInPlace(std::span<double> data);

// The p-quantile (0..1) with linear interpolation between order statistics, numpy's default
// method. data is reordered in place and must be non-empty.
double quantileInPlace(std::span<double> data, double p);

} // namespace od
