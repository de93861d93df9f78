#pragma once
// The causal rolling z-score, point by point: each value is judged against the mean and the
// population standard deviation of the `window` values before it, then joins the window.
// push() is O(1), so it serves live series (a stock pane) as well as whole files; the batch
// detector `rolling` is this same class run over the series, so both decide identically.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace od {

class RollingZScore
{
public:
    struct Verdict
    {
        bool judged = false; // false until the window is full, for NaN, and for a flat window
        bool outlier = false;
        double mean = 0; // for a window of equal values: that value, and sd exactly 0
        double sd = 0;
        double score = 0; // |value - mean| / sd when judged
    };

    // window >= 2, k > 0 (checked by detect(); here they are the caller's promise).
    RollingZScore(std::size_t window, double k);

    // Judges value against the window, then adds it. NaN is not judged and not added.
    Verdict push(double value);
    void reset();

    // The sums are worked out afresh after every `window`-th value from the (2 window - 1)-th
    // value pushed on (those before carry rounding from values gone): there, and only there,
    // the state is a function of the last `window` values. The last such point among the
    // first `pushes` values pushed (0: none yet), and the state it leaves given those last
    // values (`last`, oldest first, exactly window() of them): bit for bit the state of a
    // detector pushed all of them, which a replay of the band then pushes on from
    // (core/detect/rolling_band_replay.h).
    std::uint64_t lastFreshSums(std::uint64_t pushes) const;
    void resume(std::span<const double> last, std::uint64_t pushes);

    std::size_t window() const { return m_ring.size(); }
    double threshold() const { return m_k; }

private:
    void recomputeSums();

    std::vector<double> m_ring;
    double m_k;
    std::size_t m_head = 0; // next slot to overwrite
    std::size_t m_count = 0;
    std::size_t m_sinceRecompute = 0;
    // Sums of (x - m_shift) / m_unit: shifting by a value near the data keeps the sum of squares
    // exact enough for metrics like epoch counters whose magnitude dwarfs their spread, and
    // dividing by that value's magnitude keeps squares of 1e-300 or 1e300 from under- or
    // overflowing.
    double m_shift = 0;
    double m_unit = 1;
    double m_sum = 0;
    double m_sumSq = 0;
    // How many of the newest values equal the newest one (at most the window): the window is
    // flat exactly when this reaches its length. The sums above cannot tell: values that have
    // left leave rounding residue in them, and a flat window's sd comes out as 1e-8 instead of
    // 0, which turns the next ordinary point into a z-score of 1e7. pandas' rolling variance
    // counts the same run for the same reason. Exact and O(1), so no tolerance to tune.
    double m_newest = 0;
    std::size_t m_equalRun = 0;
};

} // namespace od
