#include "core/kernels/fast_select.h"

#include "core/kernels/parallel.h"
#include "core/kernels/vector_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace od {
namespace {

    constexpr std::uint32_t kBuckets = 1 << 16; // 256 KB of counts per thread: stays in L2

    constexpr kernels::Transform identity()
    {
        return { 1, 0, false };
    }
    constexpr kernels::Transform absDeviation(double around)
    {
        return { 1, around, true };
    }

    kernels::Range rangeOf(std::span<const double> values, kernels::Transform t)
    {
        std::vector<kernels::Range> parts(parallelChunks(values.size()));
        parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
            parts[c] = kernels::range(values.subspan(b, e - b), t);
        });
        kernels::Range r = parts[0];
        for (std::size_t c = 1; c < parts.size(); ++c) {
            r.lo = std::min(r.lo, parts[c].lo);
            r.hi = std::max(r.hi, parts[c].hi);
            r.count += parts[c].count;
        }
        return r;
    }

    // Copy, then nth_element: for ranges a histogram cannot split (infinite values, or a
    // spread so narrow that the bucket width overflows).
    double plainMedian(std::span<const double> values, kernels::Transform t)
    {
        std::vector<double> scratch;
        for (const double x : values) {
            if (!std::isnan(x)) {
                const double y = x * t.scale - t.centre;
                scratch.push_back(t.absolute ? std::fabs(y) : y);
            }
        }
        if (scratch.empty())
            return std::numeric_limits<double>::quiet_NaN();
        const std::size_t n = scratch.size();
        const auto mid = scratch.begin() + static_cast<std::ptrdiff_t>(n / 2);
        std::nth_element(scratch.begin(), mid, scratch.end());
        if (n % 2)
            return *mid;
        const double lower = *std::max_element(scratch.begin(), mid);
        return lower + (*mid - lower) / 2;
    }

    // The k-th and (k+1)-th smallest of the `count` values y (the second only if wantNext).
    std::optional<std::pair<double, double>> select(std::span<const double> values, kernels::Transform t,
        kernels::Buckets b, std::size_t count, std::size_t k, bool wantNext)
    {
        std::vector<std::vector<std::uint32_t>> hist(parallelChunks(values.size()));
        parallelFor(values.size(), [&](std::size_t c, std::size_t begin, std::size_t end) {
            hist[c].assign(4 * (kBuckets + 1), 0);
            kernels::histogram(values.subspan(begin, end - begin), t, b, hist[c].data());
        });
        std::vector<std::size_t> h(hist[0].begin(), hist[0].begin() + kBuckets);
        for (std::size_t c = 1; c < hist.size(); ++c) {
            for (std::size_t j = 0; j < kBuckets; ++j)
                h[j] += hist[c][j];
        }
        std::size_t total = 0;
        for (const std::size_t inBucket : h)
            total += inBucket;
        if (total != count)
            return std::nullopt; // a value fell outside [lo, hi]: let the caller sort instead
        // Find the buckets holding ranks k and k + 1, and how many values lie below each.
        std::size_t below = 0;
        std::uint32_t bucket = 0;
        while (below + h[bucket] <= k)
            below += h[bucket++];
        std::uint32_t lastBucket = bucket;
        if (wantNext && below + h[bucket] <= k + 1) {
            lastBucket = bucket + 1;
            while (h[lastBucket] == 0)
                ++lastBucket;
        }
        // Gather the values of those buckets (a tiny share of the input) and select there.
        std::vector<std::vector<double>> parts(hist.size());
        parallelFor(values.size(), [&](std::size_t c, std::size_t begin, std::size_t end) {
            kernels::gather(values.subspan(begin, end - begin), t, b, bucket, lastBucket, parts[c]);
        });
        std::vector<double> gathered;
        for (auto& p : parts)
            gathered.insert(gathered.end(), p.begin(), p.end());
        const std::size_t local = k - below;
        std::nth_element(gathered.begin(), gathered.begin() + static_cast<std::ptrdiff_t>(local), gathered.end());
        const double first = gathered[local];
        double second = first;
        if (wantNext)
            second = *std::min_element(gathered.begin() + static_cast<std::ptrdiff_t>(local) + 1, gathered.end());
        return std::pair { first, second };
    }

    // The median of y, given a range [r.lo, r.hi] that holds every y and their count.
    double medianOf(std::span<const double> values, kernels::Transform t, kernels::Range r)
    {
        if (r.count == 0)
            return std::numeric_limits<double>::quiet_NaN();
        if (!std::isfinite(r.lo) || !std::isfinite(r.hi))
            return plainMedian(values, t);
        if (r.hi == r.lo)
            return r.lo; // all equal
        const double width = static_cast<double>(kBuckets) / (r.hi - r.lo);
        if (!std::isfinite(width))
            return plainMedian(values, t);
        const auto middle = select(values, t, { r.lo, width, kBuckets }, r.count, (r.count - 1) / 2, r.count % 2 == 0);
        if (!middle)
            return plainMedian(values, t);
        const auto [a, b] = *middle;
        return r.count % 2 ? a : a + (b - a) / 2;
    }

} // namespace

double fastMedian(std::span<const double> values)
{
    return medianOf(values, identity(), rangeOf(values, identity()));
}

double fastMedianAbsDeviation(std::span<const double> values, double around)
{
    return medianOf(values, absDeviation(around), rangeOf(values, absDeviation(around)));
}

MedianAndMad fastMedianAndMad(std::span<const double> values)
{
    const kernels::Range r = rangeOf(values, identity());
    MedianAndMad out;
    out.median = medianOf(values, identity(), r);
    if (std::isnan(out.median))
        return out;
    // Every |x - median| lies in [0, max(median - min, max - median)]: the deviations' range
    // comes free from the values' range, which saves a pass.
    const kernels::Range deviations { 0, std::max(out.median - r.lo, r.hi - out.median), r.count };
    out.mad = medianOf(values, absDeviation(out.median), deviations);
    return out;
}

} // namespace od
