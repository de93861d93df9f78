#include "core/detect/hampel_window.h"

#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>

namespace od {

namespace {
    constexpr double kHampelSigmaPerMad = 1.4826; // 1 / 0.6745

    bool awkward(double v)
    {
        return v == 0 || std::isinf(v);
    }
} // namespace

HampelBand hampelBandByCopy(std::span<const double> values, std::size_t points, std::size_t i, std::size_t halfWidth,
    std::vector<double>& scratch)
{
    const std::size_t lo = i >= halfWidth ? i - halfWidth : 0;
    const std::size_t hi = std::min(points, i + halfWidth + 1);
    scratch.clear();
    for (std::size_t j = lo; j < hi; ++j) {
        if (!std::isnan(values[j]))
            scratch.push_back(values[j]);
    }
    const double median = medianInPlace(scratch);
    for (double& v : scratch)
        v = std::fabs(v - median);
    return { median, kHampelSigmaPerMad * medianInPlace(scratch) };
}

HampelWindow::HampelWindow(std::span<const double> values, std::size_t points, std::size_t halfWidth)
    : m_values(values)
    , m_points(std::min(points, values.size()))
    , m_halfWidth(halfWidth)
{
    m_sorted.reserve(std::min(m_points, 2 * halfWidth + 1));
}

void HampelWindow::insert(double v)
{
    m_sorted.insert(std::upper_bound(m_sorted.begin(), m_sorted.end(), v), v);
    m_awkward += awkward(v) ? 1 : 0;
}

void HampelWindow::erase(double v)
{
    // Any value equal to v will do: unique values are the same bits, and zeros (-0 == +0) send
    // the window to the copy and select until none is left.
    m_sorted.erase(std::lower_bound(m_sorted.begin(), m_sorted.end(), v));
    m_awkward -= awkward(v) ? 1 : 0;
}

double HampelWindow::kthDistance(std::size_t k, double median, std::size_t below) const
{
    // Two ascending runs of distances: median - s[below - 1 - a] for the values below the
    // median, s[below + b] - median for the others (fabs(v - m) is m - v exactly for v < m).
    // Merged up to the k-th.
    std::size_t a = 0, b = 0;
    double kth = 0;
    for (std::size_t taken = 0; taken <= k; ++taken) {
        const bool fromBelow = a < below
            && (below + b >= m_sorted.size() || median - m_sorted[below - 1 - a] < m_sorted[below + b] - median);
        kth = fromBelow ? median - m_sorted[below - 1 - a++] : m_sorted[below + b++] - median;
    }
    return kth;
}

HampelBand HampelWindow::at(std::size_t i)
{
    const std::size_t lo = i >= m_halfWidth ? i - m_halfWidth : 0;
    const std::size_t hi = std::min(m_points, i + m_halfWidth + 1);
    if (lo < m_lo || hi < m_hi || lo >= m_hi) { // back, or past the window: start it again
        m_sorted.clear();
        m_awkward = 0;
        m_lo = m_hi = lo;
    }
    for (; m_hi < hi; ++m_hi) {
        if (!std::isnan(m_values[m_hi]))
            insert(m_values[m_hi]);
    }
    for (; m_lo < lo; ++m_lo) {
        if (!std::isnan(m_values[m_lo]))
            erase(m_values[m_lo]);
    }
    if (m_awkward != 0)
        return hampelBandByCopy(m_values, m_points, i, m_halfWidth, m_scratch);
    // As medianInPlace: the middle value, or for an even count the lower middle plus half the gap.
    const std::size_t m = m_sorted.size();
    const double upper = m_sorted[m / 2];
    const double median = m % 2 == 1 ? upper : m_sorted[m / 2 - 1] + (upper - m_sorted[m / 2 - 1]) / 2;
    const auto below
        = static_cast<std::size_t>(std::lower_bound(m_sorted.begin(), m_sorted.end(), median) - m_sorted.begin());
    const double upperDistance = kthDistance(m / 2, median, below);
    double mad = upperDistance;
    if (m % 2 == 0) {
        const double lowerDistance = kthDistance(m / 2 - 1, median, below);
        mad = lowerDistance + (upperDistance - lowerDistance) / 2;
    }
    return { median, kHampelSigmaPerMad * mad };
}

} // namespace od
