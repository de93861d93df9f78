#include "core/detect/esd_band.h"

#include <limits>
#include <utility>

namespace od {

void EsdBand::atPhase(std::size_t phase, double& centre, double& lower, double& upper) const
{
    constexpr double untested = std::numeric_limits<double>::quiet_NaN();
    centre = centreAtPhase(phase);
    lower = direction != Direction::Up ? centre - distance : untested;
    upper = direction != Direction::Down ? centre + distance : untested;
}

EsdBandReplay::EsdBandReplay(EsdBand band, std::size_t points)
    : m_band(std::move(band))
    , m_points(points)
{ }

void EsdBandReplay::bandAt(std::size_t i, double& lower, double& upper) const
{
    if (i >= m_points) { // past the points the detection judged
        lower = upper = std::numeric_limits<double>::quiet_NaN();
        return;
    }
    double centre;
    m_band.atPhase(m_band.phaseOf(i), centre, lower, upper);
}

void EsdBandReplay::fill(
    std::span<const double>, std::size_t begin, std::size_t end, double* lower, double* upper) const
{
    for (std::size_t i = begin; i < end; ++i) // a run is a few thousand points: one division each
        bandAt(i, lower[i - begin], upper[i - begin]);
}

void EsdBandReplay::fillAt(
    std::span<const double>, std::span<const std::size_t> points, double* lower, double* upper) const
{
    for (std::size_t k = 0; k < points.size(); ++k)
        bandAt(points[k], lower[k], upper[k]);
}

} // namespace od
