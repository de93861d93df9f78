#pragma once
// The words under the time axis' ticks. One format for every tick (what QDateTimeAxis offers)
// wrote "Feb 8, Feb 8, Feb 10" when zoomed in; these labels name the unit that changes from tick
// to tick (the hour when ticks are hours apart, the date where it changes) and never repeat.

#include <QStringList>
#include <QtGlobal>

#include <vector>

// The whole multiples of step in [lo, hi], ascending.
std::vector<qint64> ticksWithin(qint64 lo, qint64 hi, qint64 step);

// Labels for ticks stepMs apart, on a clock given as milliseconds since the epoch of a clock that
// reads the wall time shown (TimeAxisMapping::wallMs). Ticks within one day: "Feb 8 22:00",
// "23:00", "Feb 9 00:00"; over several days every label has its date; day steps give "Feb 8",
// with the year on the first tick and where it changes.
QStringList clockTickLabels(const std::vector<qint64>& wallMs, qint64 stepMs);

// Labels for ticks that count time since a start (milliseconds): "+0 d 03:00", "+2 d",
// "+0 d 00:00:30".
QStringList elapsedTickLabels(const std::vector<qint64>& ms, qint64 stepMs);
