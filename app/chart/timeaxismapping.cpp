#include "chart/timeaxismapping.h"

qreal TimeAxisMapping::chartX(std::int64_t nanos) const
{
    const qint64 ms = nanos / 1'000'000;
    if (m_display == TimeDisplay::Local)
        return static_cast<qreal>(ms);
    // The axis labels local time; shifting by the local offset makes them read as UTC.
    return static_cast<qreal>(ms - qint64(localOffsetSeconds(ms)) * 1000);
}

qint64 TimeAxisMapping::utcMsAt(qreal x) const
{
    const qint64 shifted = static_cast<qint64>(x);
    if (m_display == TimeDisplay::Local)
        return shifted;
    return shifted + qint64(displayOffsetSeconds(shifted, TimeDisplay::Local)) * 1000;
}

qint64 TimeAxisMapping::wallMs(qint64 utcMs) const
{
    return utcMs + qint64(displayOffsetSeconds(utcMs, m_display)) * 1000;
}

qreal TimeAxisMapping::chartXOfWall(qint64 wallMs)
{
    // A wall time w sits at the instant whose local time reads w.
    return static_cast<qreal>(wallMs - qint64(displayOffsetSeconds(wallMs, TimeDisplay::Local)) * 1000);
}

int TimeAxisMapping::localOffsetSeconds(qint64 utcMs) const
{
    // Asking the time zone costs microseconds (the C library may look at /etc/localtime each
    // time), and a redraw asks for every point drawn: one answer holds until the zone's next
    // change of offset.
    if (utcMs < m_offset.from || utcMs >= m_offset.until)
        m_offset = localOffsetSpan(utcMs);
    return m_offset.offsetSeconds;
}
