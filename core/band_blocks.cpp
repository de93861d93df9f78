#include "core/band_blocks.h"

#include <emmintrin.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

void BandBlocks::append(const double* lowerBounds, const double* upperBounds, std::size_t n)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    std::size_t i = 0;
    while (i < n) {
        const std::size_t block = (points + i) / kPoints;
        if (block == lower.size()) {
            lower.push_back(nan);
            upper.push_back(nan);
        }
        const std::size_t take = std::min(n - i, kPoints - (points + i) % kPoints);
        // Without a branch per point: a point with no band leaves the running bounds alone.
        bool any = !std::isnan(lower[block]);
        double low = any ? lower[block] : inf, high = any ? upper[block] : -inf;
        // Two points at a time (SSE2, part of x86-64): a point with NaN in either bound counts
        // as +inf below and -inf above. Each lane keeps its own bounds, then the two are joined.
        std::size_t k = i;
        if (take >= 2) {
            const __m128d infinity = _mm_set1_pd(inf), minusInfinity = _mm_set1_pd(-inf);
            __m128d lows = infinity, highs = minusInfinity, seen = _mm_setzero_pd();
            for (; k + 2 <= i + take; k += 2) {
                const __m128d lo = _mm_loadu_pd(lowerBounds + k), hi = _mm_loadu_pd(upperBounds + k);
                const __m128d banded = _mm_cmpord_pd(lo, hi); // neither is NaN
                lows = _mm_min_pd(lows, _mm_or_pd(_mm_and_pd(banded, lo), _mm_andnot_pd(banded, infinity)));
                highs = _mm_max_pd(highs, _mm_or_pd(_mm_and_pd(banded, hi), _mm_andnot_pd(banded, minusInfinity)));
                seen = _mm_or_pd(seen, banded);
            }
            double lane[2];
            _mm_storeu_pd(lane, lows);
            low = std::min({ low, lane[0], lane[1] });
            _mm_storeu_pd(lane, highs);
            high = std::max({ high, lane[0], lane[1] });
            any = any || _mm_movemask_pd(seen) != 0;
        }
        for (; k < i + take; ++k) {
            const double lo = lowerBounds[k], hi = upperBounds[k];
            const bool banded = !std::isnan(lo) && !std::isnan(hi);
            low = banded && lo < low ? lo : low;
            high = banded && hi > high ? hi : high;
            any = any || banded;
        }
        if (any) {
            lower[block] = low;
            upper[block] = high;
        }
        i += take;
    }
    points += n;
}

std::pair<double, double> BandBlocks::over(std::size_t first, std::size_t last) const
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double low = nan, high = nan;
    last = std::min(last, lower.size());
    for (std::size_t b = first; b < last; ++b) {
        if (std::isnan(lower[b]))
            continue;
        low = std::isnan(low) ? lower[b] : std::min(low, lower[b]);
        high = std::isnan(high) ? upper[b] : std::max(high, upper[b]);
    }
    return { low, high };
}

BandBlocks bandBlocksOf(std::span<const double> lower, std::span<const double> upper)
{
    BandBlocks blocks;
    blocks.append(lower.data(), upper.data(), std::min(lower.size(), upper.size()));
    return blocks;
}

} // namespace od
