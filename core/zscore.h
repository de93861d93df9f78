#pragma once

#include "detection.h"

#include <span>

namespace od {

// The reference rule of pb.Outliers/Detect: a value is an outlier when |x - mean| > k * std,
// strictly, with the population standard deviation (numpy's std(), ddof = 0). NaN values are
// left out of mean and std and never flagged; an empty or constant series has no outliers.
// k must be positive and finite (checked by detect(), not here).
Detection zscore(std::span<const double> values, double k);

} // namespace od
