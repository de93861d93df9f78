#include "chart/axisticks.h"

#include <algorithm>
#include <cmath>
#include <iterator>

// A range that starts and ends on a tick, with ticks at 1, 2 or 5 times a power of ten, so
// that a glance at the axis gives a value.
AxisTicks niceValueTicks(double lo, double hi, int maxTicks)
{
    const double raw = (hi - lo) / std::max(1, maxTicks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (const double m : { 1.0, 2.0, 5.0 }) {
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    }
    const double niceLo = std::floor(lo / step) * step;
    const double niceHi = std::ceil(hi / step) * step;
    return { niceLo, niceHi, step, static_cast<int>(std::lround((niceHi - niceLo) / step)) + 1 };
}

// The same for time in UTC milliseconds: ticks on whole tenths of a second, seconds, minutes, hours
// or days.
AxisTicks niceTimeTicks(qint64 lo, qint64 hi, int maxTicks)
{
    constexpr qint64 s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
    // Tenths of a second: a view may be as narrow as one second and still have ticks to read.
    static const qint64 steps[] = { 100, 200, 500, s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s, m, 2 * m, 5 * m, 10 * m,
        15 * m, 30 * m, h, 2 * h, 3 * h, 6 * h, 12 * h, d, 2 * d, 7 * d, 14 * d, 28 * d, 91 * d, 182 * d, 364 * d };
    const qint64 span = std::max<qint64>(hi - lo, 1);
    qint64 step = steps[std::size(steps) - 1];
    for (const qint64 candidate : steps) {
        if (span / candidate <= maxTicks - 1) {
            step = candidate;
            break;
        }
    }
    const auto floorTo = [](qint64 v, qint64 q) { return (v >= 0 ? v : v - q + 1) / q * q; };
    const qint64 niceLo = floorTo(lo, step);
    const qint64 niceHi = floorTo(hi + step - 1, step);
    return { double(niceLo), double(niceHi), double(step), int((niceHi - niceLo) / step) + 1 };
}
