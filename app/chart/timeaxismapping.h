#pragma once
// Where an instant sits on the chart's x axis, and back. QDateTimeAxis labels an x value as the
// local wall-clock time of the instant x milliseconds after the epoch; to read as UTC instead,
// every x is shifted by the local zone's offset at that instant. The data's times are
// nanoseconds since the epoch, the view's milliseconds, both UTC.

#include "chart/timedisplay.h"

#include <QtGlobal>

#include <cstdint>

class TimeAxisMapping
{
public:
    // UTC (the default) or local time on the axis.
    void setDisplay(TimeDisplay display) { m_display = display; }
    TimeDisplay display() const { return m_display; }

    // Chart x of the instant `nanos`.
    qreal chartX(std::int64_t nanos) const;
    // The UTC instant, in milliseconds, at chart x.
    qint64 utcMsAt(qreal x) const;
    // The wall-clock time the axis shows for the instant utcMs, as milliseconds since the epoch
    // of a clock that reads it (what axis ticks are rounded on).
    qint64 wallMs(qint64 utcMs) const;
    // Chart x of such a wall-clock time.
    static qreal chartXOfWall(qint64 wallMs);

private:
    int localOffsetSeconds(qint64 utcMs) const;

    TimeDisplay m_display = TimeDisplay::Utc;
    mutable LocalOffsetSpan m_offset; // localOffsetSeconds' last answer and where it holds (empty at first)
};
