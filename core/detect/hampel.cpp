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

void HampelBandReplay::bandAt(
    HampelWindow& window, std::span<const double> values, std::size_t i, double& lower, double& upper) const
{
    lower = upper = std::numeric_limits<double>::quiet_NaN();
    if (i >= std::min(m_points, values.size()) || std::isnan(values[i]))
        return;
    const auto [median, sigma] = window.at(i);
    lower = median - m_threshold * sigma;
    upper = median + m_threshold * sigma;
}

void HampelBandReplay::fill(
    std::span<const double> values, std::size_t begin, std::size_t end, double* lower, double* upper) const
{
    HampelWindow window(values, m_points, m_halfWidth);
    for (std::size_t i = begin; i < end; ++i)
        bandAt(window, values, i, lower[i - begin], upper[i - begin]);
}

void HampelBandReplay::fillAt(
    std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const
{
    HampelWindow window(values, m_points, m_halfWidth);
    for (std::size_t k = 0; k < points.size(); ++k)
        bandAt(window, values, points[k], lower[k], upper[k]);
}

} // namespace od
