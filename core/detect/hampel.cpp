#include "core/detect/hampel.h"

#include "core/detect/band_writer.h"
#include "core/detect/hampel_window.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace od {

Detection hampel(std::span<const double> values, std::size_t halfWidth, double t, BandDetail detail)
{
    Detection d;
    d.method = "hampel";
    d.threshold = t;
    d.scoreUnit = "scaled MADs";
    d.centreName = "local median";
    const std::size_t n = values.size();
    BandWriter band(d, n, detail);
    HampelWindow window(values, n, halfWidth);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(values[i]))
            continue;
        const auto [median, sigma] = window.at(i);
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
    HampelWindow window(values, points, m_halfWidth);
    for (std::size_t i = begin; i < end; ++i) {
        lower[i - begin] = upper[i - begin] = nan;
        if (i >= points || std::isnan(values[i]))
            continue;
        const auto [median, sigma] = window.at(i);
        lower[i - begin] = median - m_threshold * sigma;
        upper[i - begin] = median + m_threshold * sigma;
    }
}

void HampelBandReplay::fillAt(
    std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::size_t judged = std::min(m_points, values.size());
    HampelWindow window(values, judged, m_halfWidth);
    for (std::size_t k = 0; k < points.size(); ++k) {
        const std::size_t i = points[k];
        lower[k] = upper[k] = nan;
        if (i >= judged || std::isnan(values[i]))
            continue;
        const auto [median, sigma] = window.at(i);
        lower[k] = median - m_threshold * sigma;
        upper[k] = median + m_threshold * sigma;
    }
}

} // namespace od
