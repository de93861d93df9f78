#include "core/detect/hampel.h"

#include "core/detect/band_writer.h"
#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace od {

namespace {
    constexpr double kHampelSigmaPerMad = 1.4826; // 1 / 0.6745

    struct HampelBand
    {
        double median, sigma;
    };

    // The median and scaled MAD of the points around point i (not NaN) among the first `points`
    // of values: the one place both the rule and its replay work the band out, so both give
    // the same bits. `window` is scratch.
    HampelBand hampelBandAt(std::span<const double> values, std::size_t points, std::size_t i, std::size_t halfWidth,
        std::vector<double>& window)
    {
        const std::size_t lo = i >= halfWidth ? i - halfWidth : 0;
        const std::size_t hi = std::min(points, i + halfWidth + 1);
        window.clear();
        for (std::size_t j = lo; j < hi; ++j) {
            if (!std::isnan(values[j]))
                window.push_back(values[j]);
        }
        const double median = medianInPlace(window);
        for (double& v : window)
            v = std::fabs(v - median);
        return { median, kHampelSigmaPerMad * medianInPlace(window) };
    }
} // namespace

Detection hampel(std::span<const double> values, std::size_t halfWidth, double t, BandDetail detail)
{
    Detection d;
    d.method = "hampel";
    d.threshold = t;
    d.scoreUnit = "scaled MADs";
    d.centreName = "local median";
    const std::size_t n = values.size();
    BandWriter band(d, n, detail);
    std::vector<double> window;
    window.reserve(2 * halfWidth + 1);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(values[i]))
            continue;
        const auto [median, sigma] = hampelBandAt(values, n, i, halfWidth, window);
        band.set(i, median, median - t * sigma, median + t * sigma);
        if (!(sigma > 0))
            continue;
        const double score = std::fabs(values[i] - median) / sigma;
        if (score > t)
            band.flag(i, score, median);
    }
    band.finish();
    if (detail == BandDetail::Replayed)
        d.bandReplay = std::make_shared<const HampelBandReplay>(halfWidth, t, n);
    return d;
}

HampelBandReplay::HampelBandReplay(std::size_t halfWidth, double t, std::size_t points)
    : m_halfWidth(halfWidth)
    , m_threshold(t)
    , m_points(points)
{ }

void HampelBandReplay::fill(
    std::span<const double> values, std::size_t begin, std::size_t end, double* lower, double* upper) const
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::size_t points = std::min(m_points, values.size());
    std::vector<double> window;
    for (std::size_t i = begin; i < end; ++i) {
        lower[i - begin] = upper[i - begin] = nan;
        if (i >= points || std::isnan(values[i]))
            continue;
        const auto [median, sigma] = hampelBandAt(values, points, i, m_halfWidth, window);
        lower[i - begin] = median - m_threshold * sigma;
        upper[i - begin] = median + m_threshold * sigma;
    }
}

void HampelBandReplay::fillAt(
    std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const
{
    for (std::size_t k = 0; k < points.size(); ++k)
        fill(values, points[k], points[k] + 1, lower + k, upper + k);
}

} // namespace od
