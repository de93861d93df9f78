#pragma once
// The band of the causal rolling rules ("rolling", "rolling-mad") worked out again for any run
// of points, so that a chart need not keep it at every point (24 bytes a point with its centre).
//
// Each point's band is what the window of values before it gave. For rolling-mad that is a
// function of the last `window` values that are not NaN: a fresh RollingMad fed them holds the
// same ordered window (-0 and +0 are one value to it, but no band shows which it kept: a band is
// median +- t * scale with scale > 0, and an even window's median of -0 and +0 is +0). For rolling the running sums
// carry rounding from values long gone, except right after they are worked out afresh, every `window` values
// (RollingZScore::resumesAfter): a detector resumed at the last such point before a run, from the window there, goes on
// exactly as the detection's did, to the bit. A run of points costs at most 2 x window values before it (and a count of
// the values that are not NaN, kept per 4096 points, for rolling).

#include "core/detect/held_counts.h"
#include "core/detect/online_detector.h"
#include "core/detection.h"

#include <cstddef>
#include <span>

namespace od {

class RollingBandReplay final : public BandReplay
{
public:
    // `values`: the series the detection judged (its points, no more); method RollingZScore
    // or RollingMad, with the window and threshold it ran with.
    RollingBandReplay(OnlineMethod method, std::size_t window, double threshold, std::span<const double> values);

    void fill(std::span<const double> values, std::size_t begin, std::size_t end, double* lower,
        double* upper) const override;
    // Goes on from flag to flag where they lie within two windows of each other, and starts
    // again where they do not.
    void fillAt(std::span<const double> values, std::span<const std::size_t> points, double* lower,
        double* upper) const override;

    // The detectors' own state at point `at`: how a replay starts (public for its template).
    std::size_t restart(RollingZScore& z, std::span<const double> values, std::size_t at) const;
    std::size_t restart(RollingMad& m, std::span<const double> values, std::size_t at) const;

private:
    OnlineMethod m_method;
    std::size_t m_window;
    double m_threshold;
    std::size_t m_points;
    HeldCounts m_held; // rolling only
};

} // namespace od
