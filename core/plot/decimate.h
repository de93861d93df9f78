#pragma once
// Cuts a series down to what a chart can draw: drawing cost follows the width in pixels,
// never the number of points.

#include <cstddef>
#include <cstdint>
#include <functional>
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

// The first, lowest, highest and last non-NaN indices of one slice [lo, hi) (the first of equal
// values); first is kNoPoint when the slice holds only NaN.
inline constexpr std::size_t kNoPoint = SIZE_MAX;
struct SliceExtremes
{
    std::size_t first = kNoPoint, min = kNoPoint, max = kNoPoint, last = kNoPoint;
};

// decimateMinMax's frame, for any way of finding a slice's extremes (a scan, or a summary such
// as MinMaxPyramid): the small-range pass-through, the slices, and the merge of `keep`.
std::vector<std::size_t> decimateSlices(std::span<const double> values, std::size_t begin, std::size_t end,
    std::size_t columns, std::span<const std::size_t> keep,
    const std::function<SliceExtremes(std::size_t lo, std::size_t hi)>& extremes);

// A place where a line drawn through decimated indices must break because values are missing.
struct LineBreak
{
    std::size_t at; // position in the indices where the line starts again (0 < at < size)
    std::size_t lastBefore; // index of the last value before the missing ones
    std::size_t firstAfter; // index of the first value after them
};

// Where a line drawn through `indices` (ascending, e.g. decimateMinMax's answer) must break:
// wherever some value strictly between indices[k-1] and indices[k] is NaN. Joining those two
// points would draw data that is not there. lastBefore and firstAfter bound the missing values
// (with several stretches of NaN between two indices, the first and the last), so that a caller
// can tell how wide the gap is. Costs one pass over indices.front()..back().
std::vector<LineBreak> gapBreaks(std::span<const double> values, std::span<const std::size_t> indices);

} // namespace od
