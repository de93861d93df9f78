#include "desktop/panes/stock/liveincidents.h"

#include <span>

LiveIncidents::LiveIncidents()
    : m_tracker(od::defaultIncidentRule(std::span<const std::int64_t>()))
{ }

bool LiveIncidents::feed(bool flagged, double price, double score)
{
    od::IncidentPoint p;
    p.index = m_next++;
    p.flagged = flagged;
    p.value = price;
    p.score = score;
    const od::IncidentTracker::Update u = m_tracker.feed(p);
    m_closed += u.closed ? 1 : 0;
    return u.opened.has_value();
}

void LiveIncidents::reset()
{
    *this = LiveIncidents();
}
