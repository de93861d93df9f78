#pragma once
// The band's fill worked out as coverage, column by column, instead of by Qt's rasterizer.
//
// A band is the area between an upper and a lower edge drawn through the same x positions
// (Qt Charts' area series: the upper edge left to right, then the lower edge back). Between
// two neighbouring x positions both edges are straight, so the share of a pixel that lies
// between them is an integral with a closed form, and a pixel column costs a few operations
// for each row its edges cross plus one add for each row wholly inside. Qt's antialiasing
// rasterizer does the same area sums edge by edge and scan line by scan line, which on a band
// that swings across hundreds of rows in every pixel column (a daily cycle squeezed into a
// pixel or two) was most of a zoom step's time. Both are exact area coverage: the results
// differ only by the rounding of 8-bit alpha (at most a step or two per channel).

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRect>

#include <span>
#include <vector>

// Adds to coverage (area.width() x area.height() floats, row by row, the pixel at device (x, y)
// at (x - area.left()) + (y - area.top()) * area.width()) the share of each pixel of area that
// lies between the edges. upper[i] and lower[i] are in device pixels and have the same x,
// which never decreases with i; the edges may cross (the area between them counts either way).
void addBandCoverage(
    std::span<const QPointF> upper, std::span<const QPointF> lower, const QRect& area, std::vector<float>& coverage);

// area filled with colour at each pixel's coverage, premultiplied: drawn over a picture, the
// same as filling the band with colour on it, antialiased.
QImage bandImage(
    std::span<const QPointF> upper, std::span<const QPointF> lower, const QRect& area, const QColor& colour);
