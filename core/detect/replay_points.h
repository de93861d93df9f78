#pragma once
// The walk every band replay's fillAt() takes over scattered points (a report's flags): a
// replay that can restart its detector's state at any point and push values on from there goes
// on from point to point where they lie within `reach` of each other, and starts again where
// they do not, so a few flags cost a few restarts and dense ones about one pass.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace od {

// restart(i): makes the state that held before point i, returns the point to push on from
// (<= i). push(value): feeds one value that is not NaN. bandAt(value, lower, upper): writes the
// band at the point pushed up to, and returns how many points it took in (1 where judging a
// value also learns it, 0 where not). Points at or past `stop`, or NaN, get NaN.
template <class Restart, class Push, class BandAt>
void replayPoints(std::span<const double> values, std::size_t stop, std::span<const std::size_t> points,
    std::size_t reach, double* lower, double* upper, Restart restart, Push push, BandAt bandAt)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::size_t fed = 0; // the state is what it was before point `fed`
    bool started = false;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const std::size_t i = points[k];
        lower[k] = upper[k] = nan;
        if (i >= stop || std::isnan(values[i]))
            continue;
        if (!started || i < fed || i - fed > reach) {
            fed = restart(i);
            started = true;
        }
        for (; fed < i; ++fed) {
            if (!std::isnan(values[fed]))
                push(values[fed]);
        }
        fed = i + bandAt(values[i], lower[k], upper[k]);
    }
}

} // namespace od
