#pragma once
// A summary of a long series for drawing: the index of the minimum and maximum of every block
// of 64 values, of every block of 64 blocks, and so on. With it, decimating any visible range
// of ten million points to a few thousand costs time in proportion to the pixel columns, not to
// the points in view, so zooming and panning stay as quick on 10 million points as on 1000.

#include "core/plot/decimate.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace od {

class MinMaxPyramid
{
public:
    MinMaxPyramid() = default;
    // One pass over the values (a few tens of milliseconds for ten million); the values must
    // outlive every decimate() call and stay unchanged.
    explicit MinMaxPyramid(std::span<const double> values);

    // Exactly what decimateMinMax(values, begin, end, columns, keep) returns (see decimate.h),
    // for the values the pyramid was built from.
    std::vector<std::size_t> decimate(std::span<const double> values, std::size_t begin, std::size_t end,
        std::size_t columns, std::span<const std::size_t> keep = {}) const;

    // Exactly what gapBreaks(values, indices) returns (see decimate.h), without scanning the
    // values between the indices: blocks without a missing value are skipped whole.
    std::vector<LineBreak> gapBreaks(std::span<const double> values, std::span<const std::size_t> indices) const;

    std::size_t size() const { return m_size; }

private:
    static constexpr std::size_t kFanout = 64;
    static constexpr std::size_t kNone = kNoPoint;
    // Where the smallest and largest non-NaN values of a block are (the first of equals);
    // kNone in both when the block has only NaN.
    struct Node
    {
        std::size_t minAt = kNone;
        std::size_t maxAt = kNone;
        bool hasMissing = false; // some value of the block is NaN
    };
    struct Extremes;

    // Blocks of kFanout^(level + 1) values.
    std::size_t blockSize(int level) const;
    void accumulate(std::span<const double> values, std::size_t lo, std::size_t hi, int level, Extremes& acc) const;
    std::size_t firstPresent(std::span<const double> values, std::size_t lo, std::size_t hi, int level) const;
    std::size_t lastPresent(std::span<const double> values, std::size_t lo, std::size_t hi, int level) const;
    // First / last index in [lo, hi) whose value is (missing = true) or is not NaN; kNone if none.
    std::size_t find(
        std::span<const double> values, std::size_t lo, std::size_t hi, int level, bool missing, bool fromEnd) const;
    int topLevelFor(std::size_t length) const;

    std::size_t m_size = 0;
    std::vector<std::vector<Node>> m_levels;
};

} // namespace od
