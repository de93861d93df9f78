#pragma once
// Whether instants are shown in UTC or in the local time zone. One choice, applied alike to the
// chart's time axis, marker tooltips, the outliers table and what is copied or exported from it.

#include <QString>
#include <QtGlobal>

enum class TimeDisplay { Utc, Local };

// ISO 8601, unambiguous in either mode: "2026-03-02T05:50:00Z" in UTC (as core's
// formatIsoUtc and outlierctl write it), "2026-03-02T11:20:00+05:30" in local time. A fraction
// of a second appears only when the instant has one.
QString formatTime(qint64 nanos, TimeDisplay display);

// Seconds to add to UTC to get the wall-clock time shown for the instant utcMs.
int displayOffsetSeconds(qint64 utcMs, TimeDisplay display);

// The stretch of UTC milliseconds [from, until) around utcMs in which the local zone keeps the
// offset it has at utcMs, from the zone's transitions: one lookup answers for every instant of a
// chart in a zone without daylight saving, two a year in one with it. A stretch narrower than
// the truth is always correct; when the zone's transitions cannot be read, or do not agree with
// the offsets the local time itself gives at the stretch's ends, the stretch is the quarter hour
// around utcMs (zones change offset only on quarter hours).
struct LocalOffsetSpan
{
    qint64 from = 0, until = 0;
    int offsetSeconds = 0;
};
LocalOffsetSpan localOffsetSpan(qint64 utcMs);

// "UTC", or the local zone's name ("Europe/Berlin", or its abbreviation when it has no name).
QString timeZoneName(TimeDisplay display);

// The settings key and its values ("utc", "local"); anything else reads as UTC.
inline constexpr const char* kTimeDisplayKey = "view/timeDisplay";
QString timeDisplayToString(TimeDisplay display);
TimeDisplay timeDisplayFromString(const QString& text);
