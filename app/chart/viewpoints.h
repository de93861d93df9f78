#pragma once
// What the chart draws of one series in one view: the decimated line and the outlier markers.
// Computed from the data alone, without Qt Charts, in time that follows the plot's width: the
// line from the series' MinMaxPyramid, the markers from a binary search in the outliers.

#include "core/detection.h"
#include "core/plot/minmax_pyramid.h"
#include "core/series.h"

#include <QList>
#include <QPointF>

#include <cstdint>
#include <functional>
#include <vector>

// A break in a decimated line at missing values: the point that starts the next stretch, and
// how long the data is missing there (milliseconds).
struct LineGap
{
    qsizetype at;
    double gapMs;
};

struct ViewPoints
{
    QList<QPointF> line;
    std::vector<LineGap> gaps; // where line must not join its points
    QList<QPointF> markers;
    // For each marker, its position k in the Detection (for the tooltip's explanation).
    std::vector<std::size_t> markerOutliers;
    // The range of the line's values inside the view; minY > maxY when nothing is in view.
    double minY = 0, maxY = -1;
};

struct ViewRequest
{
    std::int64_t fromNs = 0, toNs = 0; // the visible time range
    bool timesSorted = true; // false: the whole series is scanned (times jump backwards)
    int columns = 1; // plot width in pixels
    int pointsPerColumn = 2;
    int pixelsPerMarkerColumn = 4; // crowded markers: at most two per this many pixels
    // Chart x coordinate of a time in nanoseconds.
    std::function<double(std::int64_t)> chartX;
};

// The index range of times inside [fromNs, toNs], widened by one point each side so that the
// line runs to the edges of the plot. Unsorted times get the whole series.
std::pair<std::size_t, std::size_t> visibleIndices(
    const std::vector<std::int64_t>& times, bool sorted, std::int64_t fromNs, std::int64_t toNs);

// Markers: every outlier in view, or, when there are more than two per marker column
// (pixelsPerMarkerColumn pixels), the lowest and the highest of each column (thousands of markers cost Qt Charts
// seconds to draw and show nothing more). The line passes through every marker drawn. pyramid may be null (then the
// visible range is scanned) and detection may be null (no markers).
ViewPoints computeViewPoints(
    const od::Series& s, const od::MinMaxPyramid* pyramid, const od::Detection* detection, const ViewRequest& view);
