#pragma once
// Where gRPC threads leave what they receive for the GUI thread, which picks it all up once a
// frame: a flood costs one repaint per frame, not one queued event per message. Shared by the
// stream's callbacks, so it outlives its pane when a stream ends after the pane is gone. The
// live prices pane (TickInbox) and the call console (ResponseInbox) each fill one.

#include <cstddef>
#include <mutex>
#include <vector>

template <typename Item> class FloodInbox
{
public:
    // If the GUI thread stalls for long, the inbox stops growing at maxWaiting items; those
    // beyond are counted as dropped rather than held without bound.
    explicit FloodInbox(std::size_t maxWaiting)
        : m_maxWaiting(maxWaiting)
    { }

    // Any thread; never blocks for long.
    void push(Item item)
    {
        std::lock_guard lock(m_mutex);
        if (m_waiting.size() >= m_maxWaiting) {
            ++m_dropped;
            return;
        }
        m_waiting.push_back(std::move(item));
    }

    // Swaps every waiting item, oldest first, into `into` (cleared first) and adds the count
    // dropped since the last take to dropped. Handing the same vector back each time keeps two
    // buffers in turn with their capacity, so a steady flood allocates nothing per frame.
    void take(std::vector<Item>& into, std::size_t& dropped)
    {
        into.clear();
        std::lock_guard lock(m_mutex);
        into.swap(m_waiting);
        dropped += m_dropped;
        m_dropped = 0;
    }

private:
    const std::size_t m_maxWaiting;
    std::mutex m_mutex;
    std::vector<Item> m_waiting;
    std::size_t m_dropped = 0;
};
