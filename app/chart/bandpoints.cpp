#include "chart/bandpoints.h"

#include "chart/viewpoints.h"

#include <algorithm>
#include <cmath>

BandOutline bandOutline(const od::Series& s, const od::Detection& d, bool timesSorted, std::int64_t fromNs,
    std::int64_t toNs, int columns, const std::function<qreal(std::int64_t)>& x, const std::function<qreal(double)>& y)
{
    BandOutline band;
    if (d.hasBandPerPoint()) {
        // One point per pixel column or so is plenty for a shaded area.
        const auto [begin, end] = visibleIndices(s.times, timesSorted, fromNs, toNs);
        const std::size_t stride = std::max<std::size_t>(1, (end - begin) / std::size_t(std::max(1, columns)));
        for (std::size_t k = begin; k < end && k < d.bandLower.size(); k += stride) {
            if (std::isnan(d.bandLower[k]) || std::isnan(d.bandUpper[k]))
                continue;
            band.upper.append(QPointF(x(s.times[k]), y(d.bandUpper[k])));
            band.lower.append(QPointF(x(s.times[k]), y(d.bandLower[k])));
        }
    } else if (!std::isnan(d.lower) && !std::isnan(d.upper)) {
        for (const std::int64_t ns : { fromNs, toNs }) {
            band.upper.append(QPointF(x(ns), y(d.upper)));
            band.lower.append(QPointF(x(ns), y(d.lower)));
        }
    }
    return band;
}
