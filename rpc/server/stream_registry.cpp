#include "stream_registry.h"

#include <algorithm>

namespace od::rpc {

StreamRegistry::StreamRegistry(std::chrono::milliseconds stallLimit)
    : m_stallLimit(std::max(stallLimit, std::chrono::milliseconds(1)))
    , m_watcher([this] { watch(); })
{ }

StreamRegistry::~StreamRegistry()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_watcher.join();
}

void StreamRegistry::add(const std::shared_ptr<TrackedStream>& stream)
{
    bool drainNow = false;
    {
        std::lock_guard lock(m_mutex);
        // Forget ended streams now and then, so thousands of short streams do not pile up.
        if (m_streams.size() >= 64 && m_streams.size() == m_streams.capacity()) {
            std::erase_if(m_streams, [](const auto& w) { return w.expired(); });
        }
        m_streams.push_back(stream);
        drainNow = m_draining;
    }
    if (drainNow)
        stream->drain();
}

std::vector<std::shared_ptr<TrackedStream>> StreamRegistry::live()
{
    std::vector<std::shared_ptr<TrackedStream>> out;
    std::lock_guard lock(m_mutex);
    std::erase_if(m_streams, [](const auto& w) { return w.expired(); });
    out.reserve(m_streams.size());
    for (const auto& w : m_streams) {
        if (auto s = w.lock())
            out.push_back(std::move(s));
    }
    return out;
}

void StreamRegistry::drainAll()
{
    {
        std::lock_guard lock(m_mutex);
        m_draining = true;
    }
    // Outside the lock: a stream's drain() may end its call, and its OnDone may run here.
    // Each reference goes right after its call, as in watch().
    for (auto& s : live()) {
        s->drain();
        s.reset();
    }
}

bool StreamRegistry::draining() const
{
    std::lock_guard lock(m_mutex);
    return m_draining;
}

void StreamRegistry::watch()
{
    const auto period = std::max(m_stallLimit / 4, std::chrono::milliseconds(1));
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, period, [this] { return m_stop; })) {
        lock.unlock();
        const auto since = std::chrono::steady_clock::now() - m_stallLimit;
        // Each reference goes right after its call, not with the whole list: a stream whose
        // OnDone ran meanwhile would otherwise end here, on this thread, and its reactor should
        // end on gRPC's (see makeTrackedStream() in tracked_reactor.h).
        for (auto& s : live()) {
            s->cancelIfStalledSince(since);
            s.reset();
        }
        lock.lock();
    }
}

} // namespace od::rpc
