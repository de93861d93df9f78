#pragma once
// A live price line's incidents: its flagged ticks grouped as they arrive by od::IncidentTracker
// under the default rule (ticks have no time rule: their pace is the server's). An incident
// opens with its first flagged tick and closes once the gap has passed with no other.

#include "core/report/incidents.h"

#include <cstddef>
#include <cstdint>

class LiveIncidents
{
public:
    LiveIncidents();

    // The next tick, in arrival order; returns whether it opened an incident.
    bool feed(bool flagged, double price, double score);
    // Forgets every incident, for ticks judged again under a new detector.
    void reset();

    std::size_t closed() const { return m_closed; }
    bool isOpen() const { return m_tracker.current().has_value(); }
    // Closed ones plus the open one.
    std::size_t total() const { return m_closed + (isOpen() ? 1 : 0); }

private:
    od::IncidentTracker m_tracker;
    std::size_t m_next = 0; // the next tick's index
    std::size_t m_closed = 0;
};
