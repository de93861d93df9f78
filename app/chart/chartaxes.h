#pragma once
// The chart's two axes and what they say. Time: a category axis whose ticks fall on whole
// seconds, minutes, hours or days of the clock shown (or of the time since a start) and carry
// labels from chart/timeticklabels.h; its range is the view exactly, so that showing everything
// hugs the data and panning moves the data, not the frame. Values: the range of what is drawn
// with a little headroom (so that a marker on the extreme value is drawn whole), ticks inside it
// at whole multiples of 1, 2 or 5 times a power of ten.

#include <QString>
#include <QtGlobal>

#include <functional>

class QCategoryAxis;
class QChart;
class QValueAxis;

class ChartAxes
{
public:
    // Adds both axes to chart (bottom and left), hidden until the first range is set.
    explicit ChartAxes(QChart* chart);

    QCategoryAxis* time() const { return m_time; }
    QValueAxis* values() const { return m_values; }

    // The time range [clockLo, clockHi] as the labels count it: wall-clock milliseconds (a clock
    // read as UTC), or milliseconds since a start when elapsed. xOf gives the chart x of such a
    // time. plotWidth decides how many ticks fit.
    void setTimeRange(
        qint64 clockLo, qint64 clockHi, bool elapsed, const std::function<qreal(qint64)>& xOf, int plotWidth);
    // The value range [lo, hi] of what is drawn; plotHeight decides how many ticks fit.
    void setValueRange(double lo, double hi, int plotHeight);
    void setTimeTitle(const QString& title);
    void setValueTitle(const QString& title);
    void setVisible(bool visible);

private:
    QCategoryAxis* m_time;
    QValueAxis* m_values;
};
