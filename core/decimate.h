#pragma once
// Cuts a series down to what a chart can draw: drawing cost follows the width in pixels,
// never the number of points.

#include <cstddef>
#include <span>
#include <vector>

namespace od {

// Indices (ascending) that represent values[begin, end) on a canvas `columns` pixels wide:
// for each of `columns` equal slices of the index range, the first, the minimum and the maximum
// and the last point of that slice, so spikes survive and the line keeps its shape. Every index
// in `keep` (ascending, e.g. the outliers) that falls in the range is included too. NaN points
// are left out. When the range is already small enough, every non-NaN index is returned.
std::vector<std::size_t> decimateMinMax(std::span<const double> values, std::size_t begin, std::size_t end,
    std::size_t columns, std::span<const std::size_t> keep = {});

// Where a line drawn through `indices` (ascending, e.g. decimateMinMax's answer) must break
// because the data is missing in between: the positions k (ascending, 0 < k < indices.size())
// such that some value strictly between indices[k-1] and indices[k] is NaN. Joining those two
// points would draw data that is not there. Costs one pass over indices.front()..back().
std::vector<std::size_t> gapBreaks(std::span<const double> values, std::span<const std::size_t> indices);

} // namespace od
