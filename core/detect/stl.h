#pragma once
// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae and Terpenning, 1990),
// for a periodic seasonal component (R's stl(s.window = "periodic")).

#include <cstddef>
#include <span>
#include <vector>

namespace od {

// The seasonal component of values: one value per phase (period values, mean 0); point i's is
// element i % period, so that it costs the period and not the series (the trend, one value per
// point, is only worked out along the way). period >= 2 points and values.size() >= 2 * period
// (checked by the caller). NaN values get weight 0 in every fit, and still have a seasonal
// value. With robust, outer iterations down-weight points with large remainders (bisquare), so
// outliers do not bend the seasonal pattern they are then judged against.
std::vector<double> stlPeriodicSeasonal(std::span<const double> values, std::size_t period, bool robust = true);

} // namespace od
