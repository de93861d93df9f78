#include "core/detect/period.h"

#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace od {

std::size_t inferPeriod(std::span<const std::int64_t> times)
{
    constexpr double kDay = 86400e9;
    // With only two cycles a spike in one drags the other cycle's seasonal value as far the other
    // way, and the two cannot be told apart; three outvote one.
    constexpr std::size_t kMinCycles = 3;
    if (times.size() < 4)
        return 0;
    // A sample of the intervals is enough for their median, and keeps this O(1) in memory.
    std::vector<double> steps;
    const std::size_t stride = std::max<std::size_t>(1, times.size() / 20000);
    for (std::size_t i = stride; i < times.size(); i += stride) {
        std::int64_t diff = 0;
        if (__builtin_sub_overflow(times[i], times[i - stride], &diff))
            continue; // a jump of centuries is no sampling interval (and would not fit)
        const double dt = static_cast<double>(diff) / static_cast<double>(stride);
        if (dt > 0)
            steps.push_back(dt);
    }
    if (steps.empty())
        return 0;
    const double dt = medianInPlace(steps);
    // Judged by count rather than first-to-last time: two days a minute apart span one minute
    // less than two days, yet hold two whole cycles.
    const double span = dt * static_cast<double>(times.size());
    double season = 0;
    if (dt <= kDay / 2 && span >= kMinCycles * kDay)
        season = kDay;
    else if (dt <= kDay * 1.01 && span >= kMinCycles * 7 * kDay)
        season = 7 * kDay;
    if (season == 0)
        return 0;
    const auto period = static_cast<std::size_t>(std::llround(season / dt));
    return period >= 2 && period * kMinCycles <= times.size() ? period : 0;
}

} // namespace od
