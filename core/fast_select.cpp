#include "fast_select.h"

#include "parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace od {
namespace {

    constexpr std::size_t kBuckets = 1 << 16;

    // The value a pass looks at: x itself, or |x - around|.
    struct Identity
    {
        double operator()(double x) const { return x; }
    };
    struct AbsDeviation
    {
        double around;
        double operator()(double x) const { return std::fabs(x - around); }
    };

    template <typename Transform> struct Selector
    {
        std::span<const double> values;
        Transform f;
        double lo = 0, hi = 0, width = 1;

        std::size_t bucketOf(double y) const
        {
            const double b = (y - lo) * width;
            return b >= kBuckets - 1 ? kBuckets - 1 : static_cast<std::size_t>(b);
        }

        // Range and count of the transformed non-NaN values; false if a value is infinite
        // (then the caller falls back to plain selection).
        bool range(std::size_t& count)
        {
            struct Part
            {
                double lo = std::numeric_limits<double>::infinity();
                double hi = -std::numeric_limits<double>::infinity();
                std::size_t n = 0;
            };
            std::vector<Part> parts(parallelChunks(values.size()));
            parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
                Part p;
                for (std::size_t i = b; i < e; ++i) {
                    const double x = values[i];
                    if (std::isnan(x))
                        continue;
                    const double y = f(x);
                    p.lo = std::min(p.lo, y);
                    p.hi = std::max(p.hi, y);
                    ++p.n;
                }
                parts[c] = p;
            });
            lo = std::numeric_limits<double>::infinity();
            hi = -lo;
            count = 0;
            for (const auto& p : parts) {
                lo = std::min(lo, p.lo);
                hi = std::max(hi, p.hi);
                count += p.n;
            }
            if (count && !(std::isfinite(lo) && std::isfinite(hi)))
                return false;
            width = hi > lo ? static_cast<double>(kBuckets) / (hi - lo) : 0.0;
            return std::isfinite(width);
        }

        // The k-th and (k+1)-th smallest transformed values (the second only if wantNext).
        std::pair<double, double> select(std::size_t k, bool wantNext)
        {
            std::vector<std::vector<std::size_t>> hist(parallelChunks(values.size()));
            parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
                auto& h = hist[c];
                h.assign(kBuckets, 0);
                for (std::size_t i = b; i < e; ++i) {
                    const double x = values[i];
                    if (!std::isnan(x))
                        ++h[bucketOf(f(x))];
                }
            });
            for (std::size_t c = 1; c < hist.size(); ++c) {
                for (std::size_t j = 0; j < kBuckets; ++j)
                    hist[0][j] += hist[c][j];
            }
            const auto& h = hist[0];
            // Find the buckets holding ranks k and k + 1, and how many values lie below each.
            std::size_t below = 0, bucket = 0;
            while (below + h[bucket] <= k)
                below += h[bucket++];
            std::size_t lastBucket = bucket;
            if (wantNext && below + h[bucket] <= k + 1) {
                lastBucket = bucket + 1;
                while (h[lastBucket] == 0)
                    ++lastBucket;
            }
            // Gather the values of those buckets (a tiny share of the input) and select there.
            std::vector<std::vector<double>> parts(hist.size());
            parallelFor(values.size(), [&](std::size_t c, std::size_t b, std::size_t e) {
                auto& out = parts[c];
                for (std::size_t i = b; i < e; ++i) {
                    const double x = values[i];
                    if (std::isnan(x))
                        continue;
                    const double y = f(x);
                    const std::size_t bk = bucketOf(y);
                    if (bk == bucket || bk == lastBucket)
                        out.push_back(y);
                }
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
            return { first, second };
        }

        double median()
        {
            std::size_t n = 0;
            if (!range(n))
                return plainMedian();
            if (n == 0)
                return std::numeric_limits<double>::quiet_NaN();
            if (width == 0)
                return lo; // all equal
            const auto [a, b] = select((n - 1) / 2, n % 2 == 0);
            return n % 2 ? a : a + (b - a) / 2;
        }

        double plainMedian()
        {
            std::vector<double> scratch;
            for (const double x : values) {
                if (!std::isnan(x))
                    scratch.push_back(f(x));
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
    };

} // namespace

double fastMedian(std::span<const double> values)
{
    Selector<Identity> s { values, {} };
    return s.median();
}

double fastMedianAbsDeviation(std::span<const double> values, double around)
{
    Selector<AbsDeviation> s { values, { around } };
    return s.median();
}

} // namespace od
