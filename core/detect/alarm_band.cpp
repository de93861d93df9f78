#include "core/detect/alarm_band.h"

#include "core/detect/replay_points.h"
#include "core/kernels/sliding_extreme.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

namespace {
    // The band a range allows the next value, as AlarmDetector::push judges a point before
    // learning it; lower and upper are left alone in warm-up.
    void bandOf(const SlidingRange& range, std::size_t memory, std::size_t warmUp, double& lower, double& upper)
    {
        if (range.count() < warmUp)
            return;
        const double low = range.low(), high = range.high();
        const double margin = AlarmDetector::levelMargin(range.count(), memory) * (high - low);
        lower = low - margin;
        upper = high + margin;
    }
} // namespace

AlarmBandReplay::AlarmBandReplay(const AlarmSettings& settings)
    : m_memory(std::max<std::size_t>(settings.memory, 1))
    , m_warmUp(AlarmDetector::warmUp(m_memory, settings.period, true))
{ }

std::shared_ptr<const AlarmBandReplay> AlarmBandReplay::extended(std::span<const double> values) const
{
    auto next = std::make_shared<AlarmBandReplay>(*this);
    if (values.size() <= m_points)
        return next;
    next->m_held.extend(values);
    next->m_points = values.size();
    return next;
}

std::size_t AlarmBandReplay::replayStart(std::span<const double> values, std::size_t at) const
{
    // The detector's range starts a block every `memory` values that are not NaN, counted from
    // the series' start. Fed from one whole block before the last such boundary at or before
    // `at`, a fresh range holds at `at` exactly what the detector's held; before the second
    // boundary, from the start.
    const std::uint64_t held = m_held.before(values, at);
    const std::uint64_t first = held >= m_memory ? held / m_memory * m_memory - m_memory : 0;
    return HeldCounts::back(values, at, held - first);
}

void AlarmBandReplay::fill(
    std::span<const double> values, std::size_t begin, std::size_t end, double* lower, double* upper) const
{
    if (end <= begin)
        return;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::fill_n(lower, end - begin, nan);
    std::fill_n(upper, end - begin, nan);
    const std::size_t stop = std::min({ end, m_points, values.size() });
    if (begin >= stop)
        return;
    SlidingRange range(m_memory);
    for (std::size_t i = replayStart(values, begin); i < stop; ++i) {
        const double value = values[i];
        if (std::isnan(value))
            continue;
        if (i >= begin)
            bandOf(range, m_memory, m_warmUp, lower[i - begin], upper[i - begin]);
        range.push(value);
    }
}

void AlarmBandReplay::fillAt(
    std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const
{
    SlidingRange range(m_memory);
    // Going on costs the points between; starting again, up to two memories of them.
    replayPoints(
        values, std::min(m_points, values.size()), points, 2 * m_memory, lower, upper,
        [&](std::size_t i) {
            range.reset();
            return replayStart(values, i);
        },
        [&](double value) { range.push(value); },
        [&](double, double& low, double& high) {
            bandOf(range, m_memory, m_warmUp, low, high);
            return std::size_t(0); // judging a point does not learn it here
        });
}

} // namespace od
