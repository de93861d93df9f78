#pragma once
// Where gRPC threads leave a call's responses for the GUI thread, which picks them up once a
// frame: a flood costs one repaint per frame, not one per message. Shared by the call's
// callbacks, so it outlives the pane when a call ends after the pane is gone.

#include <cstddef>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

class ResponseInbox
{
public:
    struct Response
    {
        double offsetMs; // since the call started
        std::string json; // one line; or the reason it could not be read, when unreadable
        bool unreadable = false;
        double value = std::numeric_limits<double>::quiet_NaN(); // the charted field, if any
    };

    // If the GUI thread stalls, the inbox stops growing at maxWaiting responses; those beyond
    // are counted as dropped rather than held without bound.
    explicit ResponseInbox(std::size_t maxWaiting)
        : m_maxWaiting(maxWaiting)
    { }

    // Any thread; never blocks for long.
    void push(Response response)
    {
        std::lock_guard lock(m_mutex);
        ++m_arrived;
        if (m_waiting.size() >= m_maxWaiting) {
            ++m_dropped;
            return;
        }
        m_waiting.push_back(std::move(response));
    }

    // Swaps the waiting responses, oldest first, into `into` (cleared first); adds the count
    // dropped since the last take to dropped. Handing the same vector back keeps its capacity.
    void take(std::vector<Response>& into, std::size_t& dropped)
    {
        into.clear();
        std::lock_guard lock(m_mutex);
        into.swap(m_waiting);
        dropped += m_dropped;
        m_dropped = 0;
    }

    // Every response pushed so far, dropped or not.
    std::size_t arrived() const
    {
        std::lock_guard lock(m_mutex);
        return m_arrived;
    }

private:
    const std::size_t m_maxWaiting;
    mutable std::mutex m_mutex;
    std::vector<Response> m_waiting;
    std::size_t m_dropped = 0;
    std::size_t m_arrived = 0;
};
