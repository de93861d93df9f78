#pragma once
// The outline of the band a detector judged a series against, as the chart shades it: the
// per-point band of rolling and seasonal rules (its extent in each pixel column or so, from the
// per-point band or only its blocks), or the
// constant band of a global rule across the view. Positions come through the chart's own
// mappings, so the band follows the clock, the alignment and the value scale of the lines.

#include "core/detection.h"
#include "core/series.h"

#include <QList>
#include <QPointF>

#include <cstdint>
#include <functional>

struct BandOutline
{
    QList<QPointF> upper;
    QList<QPointF> lower;
};

// [fromNs, toNs]: the series' visible times; x of a time, y of a value: the chart's mappings.
BandOutline bandOutline(const od::Series& series, const od::Detection& detection, bool timesSorted, std::int64_t fromNs,
    std::int64_t toNs, int columns, const std::function<qreal(std::int64_t)>& x, const std::function<qreal(double)>& y);
