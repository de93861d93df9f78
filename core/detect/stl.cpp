#include "core/detect/stl.h"

#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>

namespace od {
namespace {

    // Local linear loess of y (weights w, 0 = ignore) over the points within the q nearest
    // positions of x0, tricube-weighted by distance; evaluated at x0. Returns NaN when the
    // neighbourhood has no weight.
    double loessAt(std::span<const double> y, std::span<const double> w, std::size_t q, double x0)
    {
        const std::size_t n = y.size();
        q = std::max<std::size_t>(q, 3);
        // The q nearest positions form a window around x0, shifted inwards at the ends.
        std::ptrdiff_t lo = static_cast<std::ptrdiff_t>(std::floor(x0)) - static_cast<std::ptrdiff_t>(q / 2);
        lo = std::clamp<std::ptrdiff_t>(
            lo, 0, static_cast<std::ptrdiff_t>(n) - static_cast<std::ptrdiff_t>(std::min(q, n)));
        const std::size_t begin = static_cast<std::size_t>(lo);
        const std::size_t end = std::min(n, begin + q);
        double h = std::max(x0 - static_cast<double>(begin), static_cast<double>(end - 1) - x0);
        if (q > n)
            h += static_cast<double>(q - n) / 2; // a span wider than the series, as in STL
        h = std::max(h, 1.0) * 1.000001;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t j = begin; j < end; ++j) {
            if (!(w[j] > 0))
                continue;
            const double u = std::fabs(static_cast<double>(j) - x0) / h;
            const double tri = u < 1 ? std::pow(1 - u * u * u, 3) : 0;
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

    // Loess at every `jump`-th position, linear interpolation between: STL's own shortcut,
    // which keeps the trend smoothing O(n * q / jump) instead of O(n * q).
    void loessSmooth(std::span<const double> y, std::span<const double> w, std::size_t q, std::vector<double>& out)
    {
        const std::size_t n = y.size();
        out.assign(n, std::nan(""));
        const std::size_t jump = std::max<std::size_t>(1, (q + 9) / 10);
        std::size_t prev = 0;
        double prevValue = loessAt(y, w, q, 0);
        out[0] = prevValue;
        for (std::size_t i = jump;; i += jump) {
            const std::size_t at = std::min(i, n - 1);
            const double v = loessAt(y, w, q, static_cast<double>(at));
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

StlResult stlPeriodic(std::span<const double> values, std::size_t period, bool robust)
{
    const std::size_t n = values.size();
    StlResult r;
    r.seasonal.assign(n, 0.0);
    r.trend.assign(n, 0.0);
    std::vector<double> base(n); // 1 where a value is present, 0 for NaN
    std::vector<double> weights(n);
    for (std::size_t i = 0; i < n; ++i)
        base[i] = weights[i] = std::isnan(values[i]) ? 0.0 : 1.0;

    // Trend span for a periodic seasonal: R's stl uses nextodd(ceiling(1.5 * period / (1 - 1.5 / s.window)))
    // with s.window = 10 n + 1, which is 1.5 * period for any real series length.
    std::size_t trendSpan = static_cast<std::size_t>(std::ceil(1.5 * static_cast<double>(period) + 1e-9));
    trendSpan += trendSpan % 2 == 0;
    const int outer = robust ? 3 : 1;
    const int inner = robust ? 1 : 2;
    std::vector<double> detrended(n), deseasoned(n), means(period), sums(period);
    std::vector<double> residual;
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
                            column.push_back(values[i] - r.trend[i]);
                    }
                    if (!column.empty()) {
                        means[k] = medianInPlace(column);
                        sums[k] = 1;
                    }
                }
            } else {
                for (std::size_t i = 0; i < n; ++i) {
                    if (weights[i] > 0) {
                        const double d = values[i] - r.trend[i];
                        means[i % period] += weights[i] * d;
                        sums[i % period] += weights[i];
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
                const std::size_t h = std::max<std::size_t>(1, period / 100);
                std::vector<double> smooth(period, std::nan(""));
                for (std::size_t k = 0; k < period; ++k) {
                    double sum = 0;
                    std::size_t count = 0;
                    for (std::size_t j = period + k - h; j <= period + k + h; ++j) {
                        const double v = means[j % period];
                        if (!std::isnan(v)) {
                            sum += v;
                            ++count;
                        }
                    }
                    if (count)
                        smooth[k] = sum / static_cast<double>(count);
                }
                means.swap(smooth);
            }
            const double level = filled ? total / static_cast<double>(filled) : 0.0;
            for (std::size_t k = 0; k < period; ++k)
                means[k] = std::isnan(means[k]) ? 0.0 : means[k] - level;
            for (std::size_t i = 0; i < n; ++i) {
                r.seasonal[i] = means[i % period];
                deseasoned[i] = weights[i] > 0 ? values[i] - r.seasonal[i] : 0.0;
            }
            // Step 6: the trend is a loess smooth of the deseasonalised series.
            loessSmooth(deseasoned, weights, trendSpan, r.trend);
        }
        if (o + 1 == outer)
            break;
        // Robustness weights: bisquare of the remainder over six times its median absolute value.
        residual.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (base[i] > 0)
                residual.push_back(std::fabs(values[i] - r.seasonal[i] - r.trend[i]));
        }
        if (residual.empty())
            break;
        const double h = 6 * medianInPlace(residual);
        for (std::size_t i = 0; i < n; ++i) {
            if (!(base[i] > 0))
                continue;
            const double u = h > 0 ? std::fabs(values[i] - r.seasonal[i] - r.trend[i]) / h : 0.0;
            weights[i] = u < 1 ? (1 - u * u) * (1 - u * u) : 0.0;
            // Keep a floor so that a stretch of big remainders still has a trend to fit.
            weights[i] = std::max(weights[i], 1e-3);
        }
    }
    return r;
}

} // namespace od
