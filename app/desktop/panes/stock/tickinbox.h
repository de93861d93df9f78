#pragma once
// Where gRPC threads leave stock ticks for the GUI thread (threads/floodinbox.h), each stamped
// with the live clock as it arrives.

#include "desktop/threads/floodinbox.h"

#include <QtGlobal>

// Wall-clock milliseconds since the epoch for the time axis, advanced by the steady clock:
// ticks stay in arrival order even if the system clock is set back while streaming. Any thread.
double liveClockMs();

struct StockTickItem
{
    quint64 stream;
    double timeMs;
    double price;
};

class TickInbox : public FloodInbox<StockTickItem>
{
public:
    using Tick = StockTickItem;
    using FloodInbox::FloodInbox;

    // Stamps the tick with liveClockMs() and leaves it. Any thread; never blocks for long.
    void push(quint64 stream, double price) { FloodInbox::push({ stream, liveClockMs(), price }); }
};
