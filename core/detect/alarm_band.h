#pragma once
// alarm's band worked out again for any run of points, so that a chart need not keep it at
// every point (16 bytes a point: 160 MB on ten million, 1.6 GB on a hundred million).
//
// The band at a point is what the level view allows: the range of the last `memory` values
// that are not NaN, widened by its margin, once the view holds its warm-up. That range is kept
// by van Herk / Gil-Werman blocks of `memory` values (SlidingRange), whose state after a whole
// block depends on that block alone; so a fresh range fed the block before the one a point's
// memory lies in holds exactly what the detector's held there, and from there it gives the same
// bits point for point (signed zeros included: the comparisons meet the same operands in the
// same order). A run of points costs at most 2 x memory values before it, and a count of the
// values that are not NaN, kept per 4096 points, finds where that block starts.

#include "core/detect/alarm_detector.h"
#include "core/detect/held_counts.h"
#include "core/detection.h"

#include <cstddef>
#include <memory>
#include <span>

namespace od {

class AlarmBandReplay final : public BandReplay
{
public:
    explicit AlarmBandReplay(const AlarmSettings& settings);

    // A copy that also knows points [judged(), values.size()) of `values` (the series as judged
    // now, whose first judged() values are those this one was told of).
    std::shared_ptr<const AlarmBandReplay> extended(std::span<const double> values) const;
    std::size_t judged() const { return m_points; }

    void fill(std::span<const double> values, std::size_t begin, std::size_t end, double* lower,
        double* upper) const override;
    // One pass that goes on from point to point where they lie within two memories of each
    // other and starts again (from up to two memories back) where they do not: about the
    // series' length at most, far less for a few flags.
    void fillAt(std::span<const double> values, std::span<const std::size_t> points, double* lower,
        double* upper) const override;

private:
    // The point a fresh range must be fed from to hold at `at` what the detector's held there.
    std::size_t replayStart(std::span<const double> values, std::size_t at) const;

    std::size_t m_memory;
    std::size_t m_warmUp;
    HeldCounts m_held; // for every whole chunk of the points judged
    std::size_t m_points = 0;
};

} // namespace od
