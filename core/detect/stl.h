#pragma once
// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae and Terpenning, 1990),
// for a periodic seasonal component (R's stl(s.window = "periodic")).

#include <cstddef>
#include <span>
#include <vector>

namespace od {

struct StlResult
{
    std::vector<double> seasonal; // one per point, repeating with the period, mean 0
    std::vector<double> trend; // one per point
};

// period >= 2 points and values.size() >= 2 * period (checked by the caller). NaN values get
// weight 0 in every fit, and seasonal/trend values are still produced for them. With robust,
// outer iterations down-weight points with large remainders (bisquare), so outliers do not
// bend the seasonal pattern they are then judged against.
StlResult stlPeriodic(std::span<const double> values, std::size_t period, bool robust = true);

} // namespace od
