#pragma once
// The Hampel filter: each point against the median of its neighbours on both sides. The rule
// for a series whose level drifts (a daily cycle, a trend): a global rule judges every point
// against one centre and flags whole stretches of the cycle, a local median follows the level.
// It looks ahead, so it judges a file, not a live stream. Promise: per-point bands (the local
// median and fences), so the chart can draw what each point was held against.

#include "core/detection.h"

#include <cstddef>
#include <span>

namespace od {

class HampelWindow;

// Hampel filter: each point against the median of the centred window of 2h+1 points around it
// (h = 7 by default), flagged when |x - median| > t * 1.4826 * MAD of that window (t = 3).
// Windows are clipped at the ends of the series; NaN values are skipped in windows and never
// flagged; a window whose MAD is 0 (mostly equal values) judges nothing. The band as `detail`
// asks (Replayed: HampelBandReplay).
Detection hampel(
    std::span<const double> values, std::size_t halfWidth, double t, BandDetail detail = BandDetail::PerPoint);

// hampel's band worked out again for any run of points: a point's band is a function of the
// 2h + 1 points around it, among the points judged (a window clipped at the end the series had
// then, not at the end it has since), computed by the same code as the rule's, to the bit
// (HampelWindow: a step of a sorted window from point to point, a fresh one after a jump).
class HampelBandReplay final : public BandReplay
{
public:
    HampelBandReplay(std::size_t halfWidth, double t, std::size_t points);
    void fill(std::span<const double> values, std::size_t begin, std::size_t end, double* lower,
        double* upper) const override;
    void fillAt(std::span<const double> values, std::span<const std::size_t> points, double* lower,
        double* upper) const override;

private:
    // The band at point i into lower and upper: NaN past the points judged and where i is NaN.
    void bandAt(
        HampelWindow& window, std::span<const double> values, std::size_t i, double& lower, double& upper) const;

    std::size_t m_halfWidth;
    double m_threshold;
    std::size_t m_points;
};

} // namespace od
