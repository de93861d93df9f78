#include "core/detect/rolling_mad.h"

#include <algorithm>
#include <cmath>

namespace od {

RollingMad::RollingMad(std::size_t window, double t)
    : m_ring(window < 2 ? 2 : window)
    , m_t(t)
    , m_sorted(m_ring.size())
{ }

void RollingMad::reset()
{
    m_head = m_count = 0;
    m_sorted.clear();
}

double RollingMad::median() const
{
    const std::size_t n = m_sorted.size();
    const double upper = m_sorted.select(n / 2);
    if (n % 2 == 1)
        return upper;
    const double lower = m_sorted.select(n / 2 - 1);
    return lower + (upper - lower) / 2; // the same expression as medianInPlace(), to the bit
}

double RollingMad::kthDistance(std::size_t k, double centre, std::size_t below) const
{
    // The distances form two ascending runs: A[i] = centre - s[below - 1 - i] for the values
    // below the centre and B[j] = s[below + j] - centre for the others. The k + 1 smallest
    // distances are the first i of A and the first k + 1 - i of B for the smallest i with
    // A[i] >= B[k - i]; that predicate only turns from false to true as i grows.
    const std::size_t a = below;
    const std::size_t b = m_sorted.size() - below;
    const auto distA = [&](std::size_t i) { return centre - m_sorted.select(below - 1 - i); };
    const auto distB = [&](std::size_t j) { return m_sorted.select(below + j) - centre; };
    std::size_t lo = k + 1 > b ? k + 1 - b : 0;
    std::size_t hi = std::min(k + 1, a);
    while (lo < hi) {
        const std::size_t i = lo + (hi - lo) / 2;
        if (distA(i) < distB(k - i))
            lo = i + 1;
        else
            hi = i;
    }
    const std::size_t i = lo;
    const std::size_t j = k + 1 - i;
    if (i == 0)
        return distB(j - 1);
    if (j == 0)
        return distA(i - 1);
    return std::max(distA(i - 1), distB(j - 1));
}

double RollingMad::mad(double centre) const
{
    const std::size_t n = m_sorted.size();
    const std::size_t below = m_sorted.countLess(centre);
    const double upper = kthDistance(n / 2, centre, below);
    if (n % 2 == 1)
        return upper;
    const double lower = kthDistance(n / 2 - 1, centre, below);
    return lower + (upper - lower) / 2;
}

RollingMad::Verdict RollingMad::push(double value)
{
    Verdict verdict;
    if (std::isnan(value))
        return verdict;
    const std::size_t w = m_ring.size();
    if (m_count == w) {
        verdict.median = median();
        verdict.scale = kSigmaPerMad * mad(verdict.median);
        if (verdict.scale > 0 && std::isfinite(verdict.scale)) {
            verdict.judged = true;
            verdict.score = std::fabs(value - verdict.median) / verdict.scale;
            verdict.outlier = verdict.score > m_t;
        }
        m_sorted.erase(m_ring[m_head]);
    } else {
        ++m_count;
    }
    m_ring[m_head] = value;
    m_sorted.insert(value);
    m_head = (m_head + 1) % w;
    return verdict;
}

} // namespace od
