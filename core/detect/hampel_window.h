#pragma once
// The median and scaled MAD of the points around each point, for the hampel rule and its
// replay, as a point moves on: the window's values are kept sorted, one value in and one out a
// step, and the median and the MAD read from that order, instead of copying the window and
// selecting twice at every point (which took most of the rule's time).
//
// The same bits as the copy and select (medianInPlace on the window, then on the distances from
// its median) wherever a window's values are unique as values: then both find the same values
// and work them with the same expressions. A window that holds a zero or an infinity is worked
// out by the copy and select itself: which zero of -0 and +0 a selection picks depends on the
// order it meets them in, and inf - inf distances are NaN, which order nothing.

#include <cstddef>
#include <span>
#include <vector>

namespace od {

struct HampelBand
{
    double median, sigma; // sigma: 1.4826 x the MAD
};

// The band at point i (not NaN) by copying the window [i - h, i + h] clipped to the first
// `points` values, NaN left out, and selecting: the definition, and the fallback.
HampelBand hampelBandByCopy(std::span<const double> values, std::size_t points, std::size_t i, std::size_t halfWidth,
    std::vector<double>& scratch);

class HampelWindow
{
public:
    // Over the first `points` of values (the series as judged).
    HampelWindow(std::span<const double> values, std::size_t points, std::size_t halfWidth);

    // The band at point i, not NaN. Cheapest for ascending i a step apart; any i is right.
    HampelBand at(std::size_t i);

private:
    void insert(double v);
    void erase(double v);
    // The k-th smallest |v - median| (k from 0) over the sorted window; `below`: values < median.
    double kthDistance(std::size_t k, double median, std::size_t below) const;

    std::span<const double> m_values;
    std::size_t m_points;
    std::size_t m_halfWidth;
    std::size_t m_lo = 0, m_hi = 0; // the window holds the values of points [m_lo, m_hi) that are not NaN
    std::vector<double> m_sorted;
    std::size_t m_awkward = 0; // zeros and infinities among them
    std::vector<double> m_scratch;
};

} // namespace od
