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

// "UTC", or the local zone's name ("Europe/Berlin", or its abbreviation when it has no name).
QString timeZoneName(TimeDisplay display);

// The settings key and its values ("utc", "local"); anything else reads as UTC.
inline constexpr const char* kTimeDisplayKey = "view/timeDisplay";
QString timeDisplayToString(TimeDisplay display);
TimeDisplay timeDisplayFromString(const QString& text);
