#pragma once
// One live price line: the newest ticks in a bounded buffer, each judged by an online detector
// (alarm, rolling z-score or rolling median/MAD) as it arrives. Memory stays bounded however long the
// stream runs.

#include "desktop/panes/stock/liveincidents.h"

#include "core/detect/online_detector.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

class LiveSeries
{
public:
    // Keeps the newest `capacity` ticks; judges each with the detector described by settings.
    LiveSeries(std::size_t capacity, const od::OnlineSettings& settings);

    // Adds a tick (time in milliseconds since the epoch); returns whether it was flagged.
    bool push(double timeMs, double price);
    // A new detector: the kept ticks are judged again, in order, as if they had arrived under
    // it, and the ticks after them go on from there. Ticks already dropped are not judged again.
    void setDetector(const od::OnlineSettings& settings);
    const od::OnlineSettings& detector() const { return m_detector.settings(); }

    // The kept ticks, oldest first; times() is ascending when pushes were.
    std::span<const double> times() const { return span(m_times); }
    std::span<const double> prices() const { return span(m_prices); }
    // Positions (into times()/prices(), ascending) of the flagged ticks among the kept ones.
    std::vector<std::size_t> outlierPositions() const;

    std::size_t size() const { return m_prices.size() - m_begin; }
    std::size_t capacity() const { return m_capacity; }
    std::int64_t received() const { return m_received; }
    // Ticks flagged under the current parameters: every one since the first tick, or since the
    // last setDetector() plus the kept ticks it judged again.
    std::int64_t flagged() const { return m_flagged; }
    // The flagged ticks grouped into incidents, since the first tick or the last setDetector()
    // (which groups the kept ticks again).
    const LiveIncidents& incidents() const { return m_incidents; }
    double firstPrice() const { return m_firstPrice; }
    double lastPrice() const { return m_lastPrice; }

private:
    template <typename T> std::span<const T> span(const std::vector<T>& v) const
    {
        return std::span<const T>(v).subspan(m_begin);
    }
    void compact();

    std::size_t m_capacity;
    od::OnlineDetector m_detector;
    // The kept ticks are [m_begin, end): appending is amortized O(1) and the kept range stays
    // contiguous for decimation; the buffers are cut back to `capacity` once they reach twice that.
    std::vector<double> m_times;
    std::vector<double> m_prices;
    std::vector<unsigned char> m_flags;
    std::size_t m_begin = 0;
    std::int64_t m_received = 0;
    std::int64_t m_flagged = 0;
    LiveIncidents m_incidents;
    double m_firstPrice = 0;
    double m_lastPrice = 0;
};
