#include "desktop/panes/stock/tickinbox.h"

#include <chrono>

double liveClockMs()
{
    using namespace std::chrono;
    static const auto steadyStart = steady_clock::now();
    static const double epochStartMs = duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
    return epochStartMs + duration<double, std::milli>(steady_clock::now() - steadyStart).count();
}

TickInbox::TickInbox(std::size_t maxWaiting)
    : m_maxWaiting(maxWaiting)
{ }

void TickInbox::push(quint64 stream, double price)
{
    const double t = liveClockMs();
    std::lock_guard lock(m_mutex);
    if (m_ticks.size() >= m_maxWaiting) {
        ++m_dropped;
        return;
    }
    m_ticks.push_back({ stream, t, price });
}

void TickInbox::take(std::vector<Tick>& into, std::size_t& dropped)
{
    into.clear();
    std::lock_guard lock(m_mutex);
    into.swap(m_ticks);
    dropped += m_dropped;
    m_dropped = 0;
}
