#include "core/detect/stl.h"

#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace od {
namespace {

    // The q nearest positions of x0 (a window around it, shifted inwards at the ends), and the
    // distance h that scales the tricube weights over them.
    struct Neighbourhood
    {
        std::size_t begin, end;
        double h;
    };
    Neighbourhood neighbourhood(std::size_t n, std::size_t q, double x0)
    {
        std::ptrdiff_t lo = static_cast<std::ptrdiff_t>(std::floor(x0)) - static_cast<std::ptrdiff_t>(q / 2);
        lo = std::clamp<std::ptrdiff_t>(
            lo, 0, static_cast<std::ptrdiff_t>(n) - static_cast<std::ptrdiff_t>(std::min(q, n)));
        const std::size_t begin = static_cast<std::size_t>(lo);
        const std::size_t end = std::min(n, begin + q);
        double h = std::max(x0 - static_cast<double>(begin), static_cast<double>(end - 1) - x0);
        if (q > n)
            h += static_cast<double>(q - n) / 2; // a span wider than the series, as in STL
        return { begin, end, std::max(h, 1.0) * 1.000001 };
    }

    double tricube(double distance, double h)
    {
        const double u = distance / h;
        return u < 1 ? std::pow(1 - u * u * u, 3) : 0;
    }

    // The tricube weights by whole distance for one h: every fit away from the series' ends has
    // the same neighbourhood width, so its weights are worked out once (a pow each was a sixth of
    // esd's time), by the same expression, to the same bits.
    struct TricubeTable
    {
        double h = 0;
        std::vector<double> byDistance;
    };
    TricubeTable tricubeTable(std::size_t n, std::size_t q)
    {
        TricubeTable t;
        const Neighbourhood middle = neighbourhood(n, q, static_cast<double>(n / 2));
        t.h = middle.h;
        for (std::size_t d = 0; d <= middle.end - middle.begin; ++d)
            t.byDistance.push_back(tricube(static_cast<double>(d), t.h));
        return t;
    }

    // Local linear loess of y (weights w, 0 = ignore) over the points within the q nearest
    // positions of x (a position), tricube-weighted by distance; evaluated at x. Returns NaN
    // when the neighbourhood has no weight.
    double loessAt(
        std::span<const double> y, std::span<const double> w, std::size_t q, std::size_t x, const TricubeTable& table)
    {
        q = std::max<std::size_t>(q, 3);
        const double x0 = static_cast<double>(x);
        const auto [begin, end, h] = neighbourhood(y.size(), q, x0);
        const bool tabled = h == table.h;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t j = begin; j < end; ++j) {
            if (!(w[j] > 0))
                continue;
            const std::size_t distance = j > x ? j - x : x - j;
            const double tri = tabled && distance < table.byDistance.size() ? table.byDistance[distance]
                                                                            : tricube(static_cast<double>(distance), h);
            const double ww = tri * w[j];
            const double dx = static_cast<double>(j) - x0;
            sw += ww;
            sx += ww * dx;
            sy += ww * y[j];
            sxx += ww * dx * dx;
            sxy += ww * dx * y[j];
        }
        if (!(sw > 0))
            return std::nan("");
        const double mx = sx / sw;
        const double my = sy / sw;
        const double var = sxx / sw - mx * mx;
        if (var <= 1e-12 * h * h)
            return my;
        const double slope = (sxy / sw - mx * my) / var;
        return my - slope * mx; // the fitted line at dx = 0
    }

    // A sum of the values that are not NaN, added one at a time in order, and their mean.
    struct HeldSum
    {
        double sum = 0;
        std::size_t count = 0;
        void add(double v)
        {
            const bool held = !std::isnan(v);
            sum = held ? sum + v : sum;
            count += held;
        }
        double mean(std::size_t) const { return count ? sum / static_cast<double>(count) : std::nan(""); }
    };
    // The same where every value is held (the usual case): without asking each value.
    struct PlainSum
    {
        double sum = 0;
        void add(double v) { sum += v; }
        double mean(std::size_t visited) const { return sum / static_cast<double>(visited); }
    };

    // Phase k's mean for every k, each sum a Sum over extended[k, k + 2h] in that order. Four
    // phases are summed at once so that their four chains of additions overlap (one chain at a
    // time was most of esd's time with a day of seconds).
    template <typename Sum>
    std::vector<double> laneMeans(const std::vector<double>& extended, std::size_t period, std::size_t h)
    {
        std::vector<double> out(period);
        for (std::size_t k = 0; k < period; k += 4) {
            Sum lanes[4];
            for (const double* v = &extended[k]; v <= &extended[k + 2 * h]; ++v) {
                lanes[0].add(v[0]);
                lanes[1].add(v[1]);
                lanes[2].add(v[2]);
                lanes[3].add(v[3]);
            }
            for (std::size_t lane = 0; lane < 4 && k + lane < period; ++lane)
                out[k + lane] = lanes[lane].mean(2 * h + 1);
        }
        return out;
    }

    // The mean of the values that are not NaN among phases k - h to k + h (around the circle) for
    // every phase k; NaN where all are. Each sum adds its values in that order, one at a time,
    // as a plain loop would, so the means are that loop's to the bit.
    std::vector<double> circularMeans(const std::vector<double>& values, std::size_t h)
    {
        const std::size_t period = values.size();
        // extended[t] is phase t - h, wrapped: phase k's neighbours are extended[k, k + 2h].
        std::vector<double> extended(period + 2 * h + 3);
        for (std::size_t t = 0; t < extended.size(); ++t)
            extended[t] = values[(t + period - h % period) % period];
        if (std::none_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
            return laneMeans<PlainSum>(extended, period, h);
        return laneMeans<HeldSum>(extended, period, h);
    }

    // Loess at every `jump`-th position, linear interpolation between: STL's own shortcut,
    // which keeps the trend smoothing O(n * q / jump) instead of O(n * q).
    void loessSmooth(std::span<const double> y, std::span<const double> w, std::size_t q, std::vector<double>& out)
    {
        const std::size_t n = y.size();
        out.assign(n, std::nan(""));
        const std::size_t jump = std::max<std::size_t>(1, (q + 9) / 10);
        const TricubeTable table = tricubeTable(n, std::max<std::size_t>(q, 3));
        std::size_t prev = 0;
        double prevValue = loessAt(y, w, q, 0, table);
        out[0] = prevValue;
        for (std::size_t i = jump;; i += jump) {
            const std::size_t at = std::min(i, n - 1);
            const double v = loessAt(y, w, q, at, table);
            for (std::size_t j = prev + 1; j <= at; ++j) {
                const double f = static_cast<double>(j - prev) / static_cast<double>(at - prev);
                out[j] = prevValue + (v - prevValue) * f;
            }
            prev = at;
            prevValue = v;
            if (at == n - 1)
                break;
        }
        // A neighbourhood with no weight gives NaN; carry the nearest fitted value instead.
        double last = std::nan("");
        for (double& v : out) {
            if (std::isnan(v))
                v = last;
            else
                last = v;
        }
        last = std::nan("");
        for (auto it = out.rbegin(); it != out.rend(); ++it) {
            if (std::isnan(*it))
                *it = last;
            else
                last = *it;
        }
    }

} // namespace

std::vector<double> stlPeriodicSeasonal(std::span<const double> values, std::size_t period, bool robust)
{
    const std::size_t n = values.size();
    std::vector<double> trend(n, 0.0);
    std::vector<double> weights(n); // 0 for NaN
    for (std::size_t i = 0; i < n; ++i)
        weights[i] = std::isnan(values[i]) ? 0.0 : 1.0;

    // Trend span for a periodic seasonal: R's stl uses nextodd(ceiling(1.5 * period / (1 - 1.5 / s.window)))
    // with s.window = 10 n + 1, which is 1.5 * period for any real series length.
    std::size_t trendSpan = static_cast<std::size_t>(std::ceil(1.5 * static_cast<double>(period) + 1e-9));
    trendSpan += trendSpan % 2 == 0;
    const int outer = robust ? 3 : 1;
    const int inner = robust ? 1 : 2;
    std::vector<double> seasonal(period, 0.0), deseasoned(n), means(period), sums(period);
    for (int o = 0; o < outer; ++o) {
        for (int it = 0; it < inner; ++it) {
            // Steps 1-4 for a periodic seasonal: the cycle-subseries smooth is the weighted mean
            // of each subseries, its low-pass filter a constant (the mean of those means), so
            // the seasonal component is each subseries mean less their mean.
            std::fill(means.begin(), means.end(), 0.0);
            std::fill(sums.begin(), sums.end(), 0.0);
            if (robust && o == 0) {
                // The first robust pass starts from subseries medians instead: with a mean, one
                // spike shifts its whole subseries, its neighbours one period away look as
                // extreme as it does, and the robustness weights cannot tell them apart.
                std::vector<double> column;
                for (std::size_t k = 0; k < period; ++k) {
                    column.clear();
                    for (std::size_t i = k; i < n; i += period) {
                        if (weights[i] > 0)
                            column.push_back(values[i] - trend[i]);
                    }
                    if (!column.empty()) {
                        means[k] = medianInPlace(column);
                        sums[k] = 1;
                    }
                }
            } else {
                for (std::size_t i = 0, k = 0; i < n; ++i, k = k + 1 == period ? 0 : k + 1) {
                    if (weights[i] > 0) {
                        const double d = values[i] - trend[i];
                        means[k] += weights[i] * d;
                        sums[k] += weights[i];
                    }
                }
                for (std::size_t k = 0; k < period; ++k) {
                    if (sums[k] > 0)
                        means[k] /= sums[k];
                }
            }
            double total = 0;
            std::size_t filled = 0;
            for (std::size_t k = 0; k < period; ++k) {
                if (sums[k] > 0) {
                    total += means[k];
                    ++filled;
                } else {
                    means[k] = std::nan("");
                }
            }
            // With few cycles, one value per phase would fit the noise itself and leave a
            // remainder too small to judge by; smoothing across neighbouring phases (a circular
            // moving average over about 2% of the period) keeps the shape and not the noise.
            if (period >= 10) {
                means = circularMeans(means, std::max<std::size_t>(1, period / 100));
            }
            const double level = filled ? total / static_cast<double>(filled) : 0.0;
            for (std::size_t k = 0; k < period; ++k)
                seasonal[k] = std::isnan(means[k]) ? 0.0 : means[k] - level;
            if (o + 1 == outer && it + 1 == inner)
                return seasonal; // the last pass's trend would serve nothing
            for (std::size_t i = 0, k = 0; i < n; ++i, k = k + 1 == period ? 0 : k + 1)
                deseasoned[i] = weights[i] > 0 ? values[i] - seasonal[k] : 0.0;
            // Step 6: the trend is a loess smooth of the deseasonalised series.
            loessSmooth(deseasoned, weights, trendSpan, trend);
        }
        // Robustness weights: bisquare of the remainder over six times its median absolute value.
        // The remainders' sizes, in the deseasoned series' room (written afresh in the next
        // pass): 8 bytes a point less at the decomposition's peak.
        std::size_t remainders = 0;
        for (std::size_t i = 0, k = 0; i < n; ++i, k = k + 1 == period ? 0 : k + 1) {
            if (!std::isnan(values[i]))
                deseasoned[remainders++] = std::fabs(values[i] - seasonal[k] - trend[i]);
        }
        if (remainders == 0)
            break;
        const double h = 6 * medianInPlace(std::span<double>(deseasoned).first(remainders));
        for (std::size_t i = 0, k = 0; i < n; ++i, k = k + 1 == period ? 0 : k + 1) {
            if (std::isnan(values[i]))
                continue;
            const double u = h > 0 ? std::fabs(values[i] - seasonal[k] - trend[i]) / h : 0.0;
            weights[i] = u < 1 ? (1 - u * u) * (1 - u * u) : 0.0;
            // Keep a floor so that a stretch of big remainders still has a trend to fit.
            weights[i] = std::max(weights[i], 1e-3);
        }
    }
    return seasonal; // no value to fit (the last pass returns otherwise)
}

} // namespace od
