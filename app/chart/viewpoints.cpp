#include "chart/viewpoints.h"

#include "core/plot/decimate.h"

#include <algorithm>
#include <cmath>

std::pair<std::size_t, std::size_t> visibleIndices(
    const std::vector<std::int64_t>& times, bool sorted, std::int64_t fromNs, std::int64_t toNs)
{
    if (!sorted)
        return { 0, times.size() };
    auto lo = std::lower_bound(times.begin(), times.end(), fromNs);
    auto hi = std::upper_bound(lo, times.end(), toNs);
    if (lo != times.begin())
        --lo;
    if (hi != times.end())
        ++hi;
    return { static_cast<std::size_t>(lo - times.begin()), static_cast<std::size_t>(hi - times.begin()) };
}

namespace {

// How far ahead outliersInView asks for an outlier's time and value: enough reads in flight to
// cover a trip to memory, few enough that they are still in cache when their turn comes.
constexpr std::ptrdiff_t kPrefetchAhead = 16;

// Positions k in d.indices of the outliers in [begin, end) whose time is in view, thinned to
// the lowest and highest per pixel column when there are too many to tell apart.
std::vector<std::size_t> outliersInView(
    const od::Series& s, const od::Detection& d, std::size_t begin, std::size_t end, const ViewRequest& view)
{
    const auto first = std::lower_bound(d.indices.begin(), d.indices.end(), begin);
    const auto last = std::lower_bound(first, d.indices.end(), end);
    // Markers are 9 pixels across: more than two per few pixels overlap into one red smear, and
    // Qt Charts keeps one graphics item per marker, which is what a zoom step pays for.
    const auto columns = static_cast<std::size_t>(std::max(1, view.columns / std::max(1, view.pixelsPerMarkerColumn)));
    const std::size_t most = 2 * columns;
    struct Column
    {
        std::size_t low = SIZE_MAX, high = SIZE_MAX;
        double lowValue = 0, highValue = 0;
    };
    std::vector<Column> perColumn; // sized once the outliers in view are more than most
    const double span = std::max<double>(1.0, static_cast<double>(view.toNs - view.fromNs));
    auto thin = [&](std::size_t k, std::int64_t time, double value) {
        const auto c = std::min(columns - 1,
            static_cast<std::size_t>(static_cast<double>(time - view.fromNs) / span * static_cast<double>(columns)));
        Column& col = perColumn[c];
        if (col.low == SIZE_MAX || value < col.lowValue) {
            col.low = k;
            col.lowValue = value;
        }
        if (col.high == SIZE_MAX || value > col.highValue) {
            col.high = k;
            col.highValue = value;
        }
    };
    // One pass reads each outlier's time and value once: on a big series they lie far apart in
    // memory (100M points: 131,000 outliers), and each read is a cache miss. The outliers in
    // view are listed until they are more than most, then thinned.
    std::vector<std::size_t> inView;
    for (auto it = first; it != last; ++it) {
        // The reads are independent: asked for a few outliers ahead, their misses overlap
        // instead of following one another.
        if (last - it > kPrefetchAhead && it[kPrefetchAhead] < s.size()) {
            __builtin_prefetch(s.values.data() + it[kPrefetchAhead]);
            __builtin_prefetch(s.times.data() + it[kPrefetchAhead]);
        }
        const std::size_t at = *it;
        if (at >= s.size())
            continue;
        const double value = s.values[at];
        const std::int64_t time = s.times[at];
        if (std::isnan(value) || time < view.fromNs || time > view.toNs)
            continue;
        const auto k = static_cast<std::size_t>(it - d.indices.begin());
        if (perColumn.empty() && inView.size() < most) {
            inView.push_back(k);
            continue;
        }
        if (perColumn.empty()) {
            perColumn.resize(columns);
            for (const std::size_t listed : inView)
                thin(listed, s.times[d.indices[listed]], s.values[d.indices[listed]]);
        }
        thin(k, time, value);
    }
    if (perColumn.empty())
        return inView;
    std::vector<std::size_t> thinned;
    thinned.reserve(2 * columns);
    for (const Column& col : perColumn) {
        if (col.low != SIZE_MAX)
            thinned.push_back(col.low);
        if (col.high != SIZE_MAX && col.high != col.low)
            thinned.push_back(col.high);
    }
    std::sort(thinned.begin(), thinned.end());
    return thinned;
}

} // namespace

ViewPoints computeViewPoints(
    const od::Series& s, const od::MinMaxPyramid* pyramid, const od::Detection* detection, const ViewRequest& view)
{
    ViewPoints out;
    const auto [begin, end] = visibleIndices(s.times, view.timesSorted, view.fromNs, view.toNs);
    std::vector<std::size_t> keep; // the indices of the markers drawn: the line passes through them
    if (detection) {
        out.markerOutliers = outliersInView(s, *detection, begin, end, view);
        keep.reserve(out.markerOutliers.size());
        out.markers.reserve(static_cast<qsizetype>(out.markerOutliers.size()));
        for (const std::size_t k : out.markerOutliers) {
            const std::size_t at = detection->indices[k];
            keep.push_back(at);
            out.markers.append(QPointF(view.chartX(s.times[at]), s.values[at]));
        }
    }
    // decimateMinMax keeps up to four points (first, min, max, last) per slice: slices of
    // 4 / pointsPerColumn columns keep the line at about pointsPerColumn points per column.
    const auto slices = static_cast<std::size_t>(std::max(1, view.columns * view.pointsPerColumn / 4));
    const bool usePyramid = pyramid && pyramid->size() == s.size();
    const auto indices = usePyramid ? pyramid->decimate(s.values, begin, end, slices, keep)
                                    : od::decimateMinMax(s.values, begin, end, slices, keep);
    for (const od::LineBreak& b :
        usePyramid ? pyramid->gapBreaks(s.values, indices) : od::gapBreaks(s.values, indices)) {
        const double gap = double(s.times[b.firstAfter] - s.times[b.lastBefore]) / 1e6;
        out.gaps.push_back({ static_cast<qsizetype>(b.at), std::abs(gap) });
    }
    out.line.reserve(static_cast<qsizetype>(indices.size()));
    double minY = INFINITY, maxY = -INFINITY;
    for (const std::size_t k : indices) {
        const double v = s.values[k];
        out.line.append(QPointF(view.chartX(s.times[k]), v));
        if (s.times[k] >= view.fromNs && s.times[k] <= view.toNs) {
            minY = std::min(minY, v);
            maxY = std::max(maxY, v);
        }
    }
    if (minY <= maxY) {
        out.minY = minY;
        out.maxY = maxY;
    }
    return out;
}
