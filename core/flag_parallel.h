#pragma once
// The last pass of a global rule (zscore, mad): flags, on every core, the values over the
// threshold, straight into the Detection's arrays. The arrays are sized from a sample of the
// values first, so that ten million values with a few percent flagged cost no regrowth and no
// copy beyond closing the gaps between the chunks' slots.

#include "detection.h"
#include "vector_kernels.h"

#include <span>

namespace od {

// Appends to d.indices / d.scores every value with y * th.factor > th.limit, y = t(value), in
// index order (d's arrays must be empty).
void flagParallel(std::span<const double> values, kernels::Transform t, kernels::Threshold th, Detection& d);

} // namespace od
