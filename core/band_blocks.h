#pragma once
// A per-point band summarised per block of 64 points: the lowest lower bound and the highest
// upper bound among the block's points. Why: a chart of millions of points shades each pixel
// column with the band's whole extent there (a sample per column would alias with a daily
// cycle), and reading it from the column's blocks costs a hundred or so reads, not thousands;
// and a picture that needs no per-point band at all (outlierctl render) keeps a quarter of a
// byte a point instead of sixteen.

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace od {

struct BandBlocks
{
    static constexpr std::size_t kPoints = 64;

    // One entry per block; NaN where no point of the block has a band.
    std::vector<double> lower;
    std::vector<double> upper;
    // The points summarised: the blocks cover [0, points), the last one maybe in part.
    std::size_t points = 0;

    bool empty() const { return points == 0; }
    // Adds the next n points of a band (points [points, points + n)); a point with NaN in
    // either bound has no band, as the chart reads it.
    void append(const double* lowerBounds, const double* upperBounds, std::size_t n);
    // The lowest lower and highest upper bound over blocks [first, last); NaN, NaN when none
    // of them has a band.
    std::pair<double, double> over(std::size_t first, std::size_t last) const;
};

// The blocks of a whole per-point band (the shorter of the two bounds decides its length).
BandBlocks bandBlocksOf(std::span<const double> lower, std::span<const double> upper);

} // namespace od
