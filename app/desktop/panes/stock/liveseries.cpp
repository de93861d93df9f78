#include "desktop/panes/stock/liveseries.h"

#include <algorithm>

LiveSeries::LiveSeries(std::size_t capacity, const od::OnlineSettings& settings)
    : m_capacity(std::max<std::size_t>(1, capacity))
    , m_detector(settings)
{
    m_times.reserve(2 * m_capacity);
    m_prices.reserve(2 * m_capacity);
    m_flags.reserve(2 * m_capacity);
}

bool LiveSeries::push(double timeMs, double price)
{
    const od::OnlineDetector::Verdict verdict = m_detector.push(price);
    const bool outlier = verdict.outlier;
    m_incidents.feed(outlier, price, verdict.score);
    if (m_received == 0)
        m_firstPrice = price;
    m_lastPrice = price;
    ++m_received;
    m_flagged += outlier;
    m_times.push_back(timeMs);
    m_prices.push_back(price);
    m_flags.push_back(outlier);
    if (size() > m_capacity)
        ++m_begin;
    if (m_prices.size() >= 2 * m_capacity)
        compact();
    return outlier;
}

void LiveSeries::compact()
{
    const auto drop = static_cast<std::ptrdiff_t>(m_begin);
    m_times.erase(m_times.begin(), m_times.begin() + drop);
    m_prices.erase(m_prices.begin(), m_prices.begin() + drop);
    m_flags.erase(m_flags.begin(), m_flags.begin() + drop);
    m_begin = 0;
}

void LiveSeries::setDetector(const od::OnlineSettings& settings)
{
    m_detector = od::OnlineDetector(settings);
    m_flagged = 0;
    m_incidents.reset();
    for (std::size_t i = m_begin; i < m_prices.size(); ++i) {
        const od::OnlineDetector::Verdict verdict = m_detector.push(m_prices[i]);
        m_flags[i] = verdict.outlier;
        m_incidents.feed(verdict.outlier, m_prices[i], verdict.score);
        m_flagged += m_flags[i];
    }
}

std::vector<std::size_t> LiveSeries::outlierPositions() const
{
    std::vector<std::size_t> positions;
    for (std::size_t i = m_begin; i < m_flags.size(); ++i) {
        if (m_flags[i])
            positions.push_back(i - m_begin);
    }
    return positions;
}
