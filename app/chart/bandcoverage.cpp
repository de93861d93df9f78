#include "chart/bandcoverage.h"

#include <algorithm>
#include <cmath>

namespace {

// The integral of clamp(s, 0, 1) from 0 to t.
double rampArea(double t)
{
    if (t <= 0)
        return 0;
    if (t >= 1)
        return t - 0.5;
    return 0.5 * t * t;
}

// The integral over a width w of clamp(f, 0, 1), for f going straight from fa to fb.
double clampedArea(double fa, double fb, double w)
{
    if (std::abs(fb - fa) < 1e-9)
        return w * std::clamp(0.5 * (fa + fb), 0.0, 1.0);
    return w * (rampArea(fb) - rampArea(fa)) / (fb - fa);
}

// Adds one piece of one pixel column: over a width w, the edges go straight from lo to hi at
// its left (la < ha, or equal) to lo and hi at its right (lb, hb), y growing downwards.
void addPiece(double la, double lb, double ha, double hb, double w, int rows, float* column, int stride)
{
    const double top = std::min(la, lb), bottom = std::max(ha, hb);
    const int first = std::max(0, static_cast<int>(std::floor(top)));
    const int end = std::min(rows, static_cast<int>(std::ceil(bottom)));
    // Rows wholly between the edges: below the lower-y edge at both ends, above the other.
    const int fullFrom = static_cast<int>(std::ceil(std::max(la, lb)));
    const int fullTo = static_cast<int>(std::floor(std::min(ha, hb)));
    for (int r = first; r < end; ++r) {
        float& c = column[std::ptrdiff_t(r) * stride];
        if (r >= fullFrom && r + 1 <= fullTo)
            c += static_cast<float>(w);
        else
            c += static_cast<float>(clampedArea(ha - r, hb - r, w) - clampedArea(la - r, lb - r, w));
    }
}

// Adds the part of the segment from x0 to x1 (edges at ta/ba there, tb/bb at x1) that lies in
// pixel column c, in area's own coordinates.
void addSpan(
    double x0, double x1, double ta, double tb, double ba, double bb, double c, int rows, float* column, int stride)
{
    const double from = std::max(x0, c), to = std::min(x1, c + 1);
    if (to <= from)
        return;
    const auto at = [&](double a, double b, double x) { return a + (b - a) * (x - x0) / (x1 - x0); };
    double t0 = at(ta, tb, from), t1 = at(ta, tb, to), b0 = at(ba, bb, from), b1 = at(ba, bb, to);
    // Where the edges cross inside, each side is a piece of its own with its edges in order.
    const double d0 = b0 - t0, d1 = b1 - t1;
    if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) {
        const double s = d0 / (d0 - d1);
        const double xm = from + (to - from) * s, ym = t0 + (t1 - t0) * s;
        addPiece(std::min(t0, b0), ym, std::max(t0, b0), ym, xm - from, rows, column, stride);
        addPiece(ym, std::min(t1, b1), ym, std::max(t1, b1), to - xm, rows, column, stride);
        return;
    }
    if (d0 < 0 || d1 < 0) {
        std::swap(t0, b0);
        std::swap(t1, b1);
    }
    addPiece(t0, t1, b0, b1, to - from, rows, column, stride);
}

} // namespace

void addBandCoverage(
    std::span<const QPointF> upper, std::span<const QPointF> lower, const QRect& area, std::vector<float>& coverage)
{
    const int width = area.width(), rows = area.height();
    coverage.resize(std::size_t(std::max(0, width)) * std::size_t(std::max(0, rows)), 0.0f);
    if (width <= 0 || rows <= 0)
        return;
    const std::size_t n = std::min(upper.size(), lower.size());
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double x0 = upper[i].x() - area.left(), x1 = upper[i + 1].x() - area.left();
        if (!(x1 > x0) || x1 <= 0 || x0 >= width)
            continue; // no width, or outside: nothing to cover
        const double ta = upper[i].y() - area.top(), tb = upper[i + 1].y() - area.top();
        const double ba = lower[i].y() - area.top(), bb = lower[i + 1].y() - area.top();
        const int firstColumn = std::max(0, static_cast<int>(std::floor(x0)));
        const int endColumn = std::min(width, static_cast<int>(std::ceil(x1)));
        for (int c = firstColumn; c < endColumn; ++c)
            addSpan(x0, x1, ta, tb, ba, bb, c, rows, coverage.data() + c, width);
    }
}

QImage bandImage(
    std::span<const QPointF> upper, std::span<const QPointF> lower, const QRect& area, const QColor& colour)
{
    std::vector<float> coverage;
    addBandCoverage(upper, lower, area, coverage);
    QImage image(area.size(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    const QRgb premultiplied = qPremultiply(colour.rgba());
    const float channels[4] = { float(qRed(premultiplied)), float(qGreen(premultiplied)), float(qBlue(premultiplied)),
        float(qAlpha(premultiplied)) };
    for (int y = 0; y < area.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const float* cov = coverage.data() + std::ptrdiff_t(y) * area.width();
        for (int x = 0; x < area.width(); ++x) {
            const float a = std::min(cov[x], 1.0f);
            line[x] = a <= 0 ? 0
                             : qRgba(int(channels[0] * a + 0.5f), int(channels[1] * a + 0.5f),
                                 int(channels[2] * a + 0.5f), int(channels[3] * a + 0.5f));
        }
    }
    return image;
}
