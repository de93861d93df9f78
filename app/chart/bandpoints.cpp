#include "chart/bandpoints.h"

#include "chart/viewpoints.h"

#include "core/plot/band_envelope.h"

#include <cmath>

BandOutline bandOutline(const od::Series& s, const od::Detection& d, bool timesSorted, std::int64_t fromNs,
    std::int64_t toNs, int columns, const std::function<qreal(std::int64_t)>& x, const std::function<qreal(double)>& y)
{
    BandOutline band;
    if (d.hasBandPerPoint() || !d.bandBlocks.empty()) {
        // The band's whole extent in each pixel column or so (core/plot/band_envelope.h).
        const auto [begin, end] = visibleIndices(s.times, timesSorted, fromNs, toNs);
        for (const od::BandColumn& c : od::bandEnvelope(d, s.values, begin, end, columns)) {
            band.upper.append(QPointF(x(s.times[c.at]), y(c.upper)));
            band.lower.append(QPointF(x(s.times[c.at]), y(c.lower)));
        }
    } else if (!std::isnan(d.lower) && !std::isnan(d.upper)) {
        for (const std::int64_t ns : { fromNs, toNs }) {
            band.upper.append(QPointF(x(ns), y(d.upper)));
            band.lower.append(QPointF(x(ns), y(d.lower)));
        }
    }
    return band;
}
