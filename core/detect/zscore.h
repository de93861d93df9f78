#pragma once
// The z-score detector, the rule pb.Outliers/Detect answers with: how far each value lies from
// the mean of the whole series, in population standard deviations. It is the default because
// the servers in the wild answer with it (CONTRACT.md section 1), and any answer that differs
// from theirs would be a wrong answer to their clients. Promise: the reference server's answer
// (numpy's mean and std) on the same values, for ten million values in a few passes on every
// core.

#include "core/detection.h"

#include <span>

namespace od {

// The reference rule of pb.Outliers/Detect: a value is an outlier when |x - mean| > k * std,
// strictly, with the population standard deviation (numpy's std(), ddof = 0). NaN values are
// left out of mean and std and never flagged; an empty or constant series has no outliers.
// k must be positive and finite (checked by detect(), not here).
Detection zscore(std::span<const double> values, double k);

} // namespace od
