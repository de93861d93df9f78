#pragma once
// esd's band: the expected value (the seasonal component at the point's phase plus the
// residuals' median) plus and minus the critical distance of the last test that ran. It depends
// on the point's phase alone, so a detection keeps the period's seasonal values rather than the
// band at every point (24 bytes a point with its centre: 240 MB on ten million), and works any
// point's band out from them, the same bits.

#include "core/detect/esd.h"
#include "core/detection.h"

#include <cstddef>
#include <span>
#include <vector>

namespace od {

struct EsdBand
{
    // One seasonal value per phase: point i's is seasonal[i % seasonal.size()]; {0} where the
    // series has no period.
    std::vector<double> seasonal;
    double median = 0; // of the values that are not NaN
    double distance = 0; // the critical distance; NaN where no test ran
    Direction direction = Direction::Both;

    std::size_t phaseOf(std::size_t i) const { return i % seasonal.size(); }
    double centreAt(std::size_t i) const { return centreAtPhase(phaseOf(i)); }
    double centreAtPhase(std::size_t phase) const { return seasonal[phase] + median; }
    // The band at a point of this phase: NaN on the side the direction does not test.
    void atPhase(std::size_t phase, double& centre, double& lower, double& upper) const;
};

class EsdBandReplay final : public BandReplay
{
public:
    // The band of a detection of `points` points.
    EsdBandReplay(EsdBand band, std::size_t points);

    void fill(std::span<const double> values, std::size_t begin, std::size_t end, double* lower,
        double* upper) const override;
    void fillAt(std::span<const double> values, std::span<const std::size_t> points, double* lower,
        double* upper) const override;

private:
    void bandAt(std::size_t i, double& lower, double& upper) const;

    EsdBand m_band;
    std::size_t m_points;
};

} // namespace od
