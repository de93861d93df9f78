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
    if (m_pos == m_block.size())
        completeBlock();
}

void SlidingRange::completeBlock()
{
    // Both suffixes in one backward pass when the low is kept: two independent chains.
    double high = -kInf, low = kInf;
    if (m_suffixLow.empty()) {
        for (std::size_t i = m_block.size(); i-- > 0;) {
            high = std::max(high, m_block[i]);
            m_suffixHigh[i] = high;
        }
    } else {
        for (std::size_t i = m_block.size(); i-- > 0;) {
            high = std::max(high, m_block[i]);
            low = std::min(low, m_block[i]);
            m_suffixHigh[i] = high;
            m_suffixLow[i] = low;
        }
    }
    m_pos = 0;
    m_high = -kInf;
    m_low = kInf;
}

void SlidingRange::pushAll(std::span<const double> values, double* highs, double* lows)
{
    // Block by block: within one, the suffixes are fixed and the running extremes are locals.
    // Between pushes m_pos < length, so high() is max(suffix[m_pos], running) as below.
    const std::size_t length = m_block.size();
    const bool withLow = !m_suffixLow.empty();
    std::size_t i = 0;
    while (i < values.size()) {
        const std::size_t n = std::min(values.size() - i, length - m_pos);
        double* block = m_block.data() + m_pos;
        const double* suffixHigh = m_suffixHigh.data() + m_pos;
        double high = m_high;
        for (std::size_t k = 0; k < n; ++k) {
            highs[i + k] = std::max(suffixHigh[k], high);
            block[k] = values[i + k];
            high = std::max(high, values[i + k]);
        }
        m_high = high;
        if (withLow) {
            const double* suffixLow = m_suffixLow.data() + m_pos;
            double low = m_low;
            for (std::size_t k = 0; k < n; ++k) {
                lows[i + k] = std::min(suffixLow[k], low);
                low = std::min(low, values[i + k]);
            }
            m_low = low;
        }
        m_pos += n;
        m_count = std::min(m_count + n, length);
        i += n;
        if (m_pos == length)
            completeBlock();
    }
}

} // namespace od
