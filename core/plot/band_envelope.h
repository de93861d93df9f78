#pragma once
// The band a detector judged a series against, as a chart shades it: per column of points, the
// lowest lower and the highest upper bound of the column's points. A sample per column would
// miss what the band does between samples and alias with any cycle near the column's width (a
// daily cycle on a year of data); the envelope holds every point's band in its column.
//
// Columns of many points are read from the band's blocks (core/band_blocks.h), a column being
// whole blocks, so the cost follows the columns and not the points in view; a chart with the
// per-point band and one with only its blocks (outlierctl render) then draw the same band.
// Columns of fewer points than a block read the per-point band where there is one, or work it
// out again for the points in view where the detection can (Detection::bandReplay).

#include "core/detection.h"

#include <cstddef>
#include <span>
#include <vector>

namespace od {

struct BandColumn
{
    std::size_t first, last; // the column's points, [first, last], inside the range asked for
    std::size_t at; // the point in the middle of the column: where it is drawn
    double lower;
    double upper;
};

// The columns over points [begin, end) of a series whose band `d` holds, about `columns` of
// them, in index order; columns where no point has a band are left out. Empty when d has no
// band per point nor blocks (a global rule's constant band is d.lower and d.upper). values:
// the series' values, which a replayed band is worked out from (may be empty otherwise).
std::vector<BandColumn> bandEnvelope(
    const Detection& d, std::span<const double> values, std::size_t begin, std::size_t end, int columns);

} // namespace od
