#pragma once
// The causal rolling median/MAD, point by point: each value is judged against the median and
// the median absolute deviation (MAD) of the `window` values before it, flagged when
// |x - median| > t * 1.4826 * MAD (1.4826 * MAD estimates one standard deviation for normal
// data, so t reads like a z-score), then joins the window. Unlike the rolling z-score, one
// spike barely moves the median and the MAD, so it cannot hide the spike after it.
//
// Cost per point: O(log w) to update the window and find its median, O(log^2 w) for the MAD
// (the k-th smallest distance from the median, found by a binary search over two sorted runs
// of the ordered window). Memory O(w).

#include "core/kernels/order_tree.h"

#include <cstddef>
#include <vector>

namespace od {

class RollingMad
{
public:
    struct Verdict
    {
        bool judged = false; // false until the window is full, for NaN, and when the MAD is 0
        bool outlier = false;
        double median = 0;
        double scale = 0; // 1.4826 * MAD
        double score = 0; // |value - median| / scale when judged
    };

    static constexpr double kSigmaPerMad = 1.4826; // 1 / 0.6745, as the hampel detector uses

    // window >= 2, t > 0 (the caller's promise).
    RollingMad(std::size_t window, double t);

    // Judges value against the window, then adds it. NaN is not judged and not added.
    Verdict push(double value);
    void reset();

    std::size_t window() const { return m_ring.size(); }
    double threshold() const { return m_t; }

    // The median and MAD of the window now (both as numpy.median computes them: the mean of the
    // two middle values for an even count). The window must not be empty.
    double median() const;
    double mad(double median) const;

private:
    // The k-th smallest |x - centre| over the window, where `below` values are < centre.
    double kthDistance(std::size_t k, double centre, std::size_t below) const;

    std::vector<double> m_ring;
    double m_t;
    std::size_t m_head = 0; // next slot to overwrite
    std::size_t m_count = 0;
    OrderTree m_sorted;
};

} // namespace od
