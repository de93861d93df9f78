#include "core/detect/rolling_zscore.h"

#include <algorithm>
#include <cmath>

namespace od {

RollingZScore::RollingZScore(std::size_t window, double k)
    : m_ring(window < 2 ? 2 : window)
    , m_k(k)
{ }

void RollingZScore::reset()
{
    m_head = m_count = m_sinceRecompute = m_equalRun = 0;
    m_shift = m_sum = m_sumSq = m_newest = 0;
    m_unit = 1;
}

namespace {
    double unitFor(double anchor)
    {
        const double a = std::fabs(anchor);
        return a > 0 && std::isfinite(a) ? a : 1.0;
    }
} // namespace

void RollingZScore::recomputeSums()
{
    // Re-anchor on the window's first value and sum afresh: running add/remove sums drift, and
    // a recompute once per window length costs O(1) per point.
    m_shift = m_ring[m_head];
    m_unit = unitFor(m_shift);
    m_sum = m_sumSq = 0;
    for (const double v : m_ring) {
        const double d = (v - m_shift) / m_unit;
        m_sum += d;
        m_sumSq += d * d;
    }
    m_sinceRecompute = 0;
}

std::uint64_t RollingZScore::lastFreshSums(std::uint64_t pushes) const
{
    // push() counts m_sinceRecompute from the window-th value on and recomputes when it reaches
    // the window: after values 2w - 1, 3w - 1, ...
    const std::uint64_t w = m_ring.size();
    return pushes < 2 * w - 1 ? 0 : pushes - (pushes - (w - 1)) % w;
}

void RollingZScore::resume(std::span<const double> last, std::uint64_t pushes)
{
    const std::size_t w = m_ring.size();
    // Where push() put each value: the p-th value pushed (from 1) in slot (p - 1) % w.
    const std::uint64_t first = pushes - w + 1;
    for (std::size_t j = 0; j < w; ++j)
        m_ring[static_cast<std::size_t>((first - 1 + j) % w)] = last[j];
    m_head = static_cast<std::size_t>(pushes % w);
    m_count = w;
    m_newest = last[w - 1];
    // push()'s run: consecutive equal values, at most the window.
    m_equalRun = 1;
    while (m_equalRun < w && last[w - 1 - m_equalRun] == last[w - m_equalRun])
        ++m_equalRun;
    recomputeSums();
}

RollingZScore::Verdict RollingZScore::push(double value)
{
    Verdict verdict;
    if (std::isnan(value))
        return verdict;
    const std::size_t w = m_ring.size();
    if (m_count == w) {
        if (m_equalRun >= w) {
            verdict.mean = m_newest;
        } else {
            const double n = static_cast<double>(w);
            const double meanShifted = m_sum / n;
            const double var = std::max(0.0, m_sumSq / n - meanShifted * meanShifted);
            verdict.mean = meanShifted * m_unit + m_shift;
            verdict.sd = std::sqrt(var) * m_unit;
        }
        if (verdict.sd > 0 && std::isfinite(verdict.sd)) {
            verdict.judged = true;
            verdict.score = std::fabs(value - verdict.mean) / verdict.sd;
            verdict.outlier = verdict.score > m_k;
        }
        const double old = (m_ring[m_head] - m_shift) / m_unit;
        m_sum -= old;
        m_sumSq -= old * old;
    } else {
        if (m_count == 0) {
            m_shift = value;
            m_unit = unitFor(value);
        }
        ++m_count;
    }
    m_equalRun = m_equalRun > 0 && value == m_newest ? std::min(m_equalRun + 1, w) : 1;
    m_newest = value;
    m_ring[m_head] = value;
    const double d = (value - m_shift) / m_unit;
    m_sum += d;
    m_sumSq += d * d;
    m_head = (m_head + 1) % w;
    if (m_count == w && ++m_sinceRecompute >= w)
        recomputeSums();
    return verdict;
}

} // namespace od
