#pragma once
// Why a point was flagged, in words a tired engineer reads at a glance.

#include "core/detection.h"

#include <cstddef>
#include <string>

namespace od {

// For the k-th flagged point of d (d.indices[k]) with the given value, e.g.
// "41.2 is 5.3 MADs above the median 12" or "250 is 2.1 IQRs above the upper quartile 180".
// Without a score (a remote answer): "flagged by the remote detector".
std::string explainOutlier(const Detection& d, std::size_t k, double value);

// Numbers as people read them: 4 significant digits, no exponent for everyday magnitudes.
std::string formatNumber(double value);

} // namespace od
