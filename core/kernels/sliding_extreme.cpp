#include "core/kernels/sliding_extreme.h"

#include <algorithm>
#include <limits>

namespace od {

namespace {
    constexpr double kInf = std::numeric_limits<double>::infinity();
}

SlidingRange::SlidingRange(std::size_t length, bool withLow)
    : m_block(length < 1 ? 1 : length)
    , m_suffixHigh(m_block.size(), -kInf)
    , m_suffixLow(withLow ? m_block.size() : 0, kInf)
    , m_high(-kInf)
    , m_low(kInf)
{ }

void SlidingRange::reset()
{
    std::fill(m_suffixHigh.begin(), m_suffixHigh.end(), -kInf);
    std::fill(m_suffixLow.begin(), m_suffixLow.end(), kInf);
    m_pos = m_count = 0;
    m_high = -kInf;
    m_low = kInf;
}

double SlidingRange::high() const
{
    // Before the first block is complete the suffixes are -inf: the running maximum alone.
    return std::max(m_pos < m_block.size() ? m_suffixHigh[m_pos] : -kInf, m_high);
}

double SlidingRange::low() const
{
    return std::min(m_pos < m_suffixLow.size() ? m_suffixLow[m_pos] : kInf, m_low);
}

void SlidingRange::push(double value)
{
    m_block[m_pos++] = value;
    m_high = std::max(m_high, value);
    m_low = std::min(m_low, value);
    m_count = std::min(m_count + 1, m_block.size());
    if (m_pos < m_block.size())
        return;
    // The block is complete: it becomes the previous block, read from its suffix extremes.
    double high = -kInf;
    for (std::size_t i = m_block.size(); i-- > 0;) {
        high = std::max(high, m_block[i]);
        m_suffixHigh[i] = high;
    }
    double low = kInf;
    for (std::size_t i = m_suffixLow.size(); i-- > 0;) {
        low = std::min(low, m_block[i]);
        m_suffixLow[i] = low;
    }
    m_pos = 0;
    m_high = -kInf;
    m_low = kInf;
}

} // namespace od
