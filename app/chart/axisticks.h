#pragma once
// Axis ranges that start and end on round ticks, so a glance at an axis gives a value.

#include <QtGlobal>

struct AxisTicks
{
    double lo;
    double hi;
    double step;
    int count;
};

// Ticks at 1, 2 or 5 times a power of ten.
AxisTicks niceValueTicks(double lo, double hi, int maxTicks);
// Time in UTC milliseconds: ticks on whole seconds, minutes, hours or days.
AxisTicks niceTimeTicks(qint64 lo, qint64 hi, int maxTicks);
