#include "core/plot/band_envelope.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

namespace {

    constexpr std::size_t kBlock = BandBlocks::kPoints;

    // The lowest lower and highest upper bound of points [from, to) of a per-point band.
    std::pair<double, double> pointsEnvelope(
        std::span<const double> lower, std::span<const double> upper, std::size_t from, std::size_t to)
    {
        double low = std::numeric_limits<double>::quiet_NaN(), high = low;
        to = std::min({ to, lower.size(), upper.size() });
        for (std::size_t i = from; i < to; ++i) {
            const double lo = lower[i], hi = upper[i];
            if (std::isnan(lo) || std::isnan(hi))
                continue;
            low = std::isnan(low) ? lo : std::min(low, lo);
            high = std::isnan(high) ? hi : std::max(high, hi);
        }
        return { low, high };
    }

    void addColumn(std::vector<BandColumn>& out, std::size_t first, std::size_t last, std::pair<double, double> band)
    {
        if (!std::isnan(band.first) && !std::isnan(band.second))
            out.push_back({ first, last, first + (last - first) / 2, band.first, band.second });
    }

} // namespace

std::vector<BandColumn> bandEnvelope(
    const Detection& d, std::span<const double> values, std::size_t begin, std::size_t end, int columns)
{
    std::vector<BandColumn> out;
    const bool perPoint = !d.bandLower.empty() && !d.bandUpper.empty();
    const BandBlocks& blocks = d.bandBlocks;
    if (end <= begin || (!perPoint && blocks.empty()))
        return out;
    const std::size_t wanted = static_cast<std::size_t>(std::max(1, columns));
    const std::size_t stride = std::max<std::size_t>(1, (end - begin) / wanted);
    if (!blocks.empty() && stride >= kBlock) {
        // Whole blocks per column: the blocks reaching into [begin, end) shared out evenly.
        const std::size_t first = begin / kBlock;
        const std::size_t last = std::min((end + kBlock - 1) / kBlock, blocks.lower.size());
        const std::size_t count = last > first ? last - first : 0;
        out.reserve(wanted);
        for (std::size_t c = 0; c < wanted; ++c) {
            const std::size_t from = first + c * count / wanted, to = first + (c + 1) * count / wanted;
            if (from == to)
                continue;
            const std::size_t firstPoint = std::max(begin, from * kBlock);
            const std::size_t lastPoint = std::min(end, to * kBlock) - 1;
            addColumn(out, firstPoint, lastPoint, blocks.over(from, to));
        }
        return out;
    }
    // Columns of `stride` points, from the per-point band, stored or worked out again for the
    // points in view (fewer than a block a column: a few hundred thousand at most); without
    // either, from the blocks they reach into (a little wider than the points' own band).
    std::span<const double> lower = d.bandLower, upper = d.bandUpper;
    std::size_t offset = 0; // the point lower[0] is the band of
    std::vector<double> replayed;
    if (!perPoint && d.bandReplay && !values.empty()) {
        replayed.resize(2 * (end - begin));
        d.bandReplay->fill(values, begin, end, replayed.data(), replayed.data() + (end - begin));
        lower = std::span<const double>(replayed).first(end - begin);
        upper = std::span<const double>(replayed).subspan(end - begin);
        offset = begin;
    }
    const bool fromPoints = !lower.empty() && !upper.empty();
    out.reserve((end - begin) / stride + 1);
    for (std::size_t k = begin; k < end; k += stride) {
        const std::size_t to = std::min(end, k + stride);
        addColumn(out, k, to - 1,
            fromPoints ? pointsEnvelope(lower, upper, k - offset, to - offset)
                       : blocks.over(k / kBlock, (to + kBlock - 1) / kBlock));
    }
    return out;
}

} // namespace od
