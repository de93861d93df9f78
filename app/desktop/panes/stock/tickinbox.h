#pragma once
// Where gRPC threads leave stock ticks for the GUI thread. The streams' callbacks share it, so
// it outlives the pane when a stream finishes after the pane is gone.

#include <QtGlobal>

#include <cstddef>
#include <mutex>
#include <vector>

// Wall-clock milliseconds since the epoch for the time axis, advanced by the steady clock:
// ticks stay in arrival order even if the system clock is set back while streaming. Any thread.
double liveClockMs();

class TickInbox
{
public:
    struct Tick
    {
        quint64 stream;
        double timeMs;
        double price;
    };

    // If the GUI thread stalls for many seconds the inbox stops growing at maxWaiting ticks;
    // ticks beyond it are counted as dropped rather than held without bound.
    explicit TickInbox(std::size_t maxWaiting);

    // Stamps the tick with liveClockMs() and leaves it. Any thread; never blocks for long.
    void push(quint64 stream, double price);
    // Swaps every waiting tick, oldest first, into `into` (cleared first) and adds the count
    // dropped since the last take to dropped. Handing the same vector back each time keeps two
    // buffers in turn with their capacity, so a steady flood allocates nothing per frame.
    void take(std::vector<Tick>& into, std::size_t& dropped);

private:
    const std::size_t m_maxWaiting;
    std::mutex m_mutex;
    std::vector<Tick> m_ticks;
    std::size_t m_dropped = 0;
};
