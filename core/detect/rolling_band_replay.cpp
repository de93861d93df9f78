#include "core/detect/rolling_band_replay.h"

#include "core/detect/replay_points.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace od {

namespace {
    constexpr double kNotJudged = std::numeric_limits<double>::quiet_NaN();

    // A verdict's band, as the batch rules write it (core/detect/rolling.cpp).
    struct RollingBand
    {
        bool judged;
        double centre, scale;
    };
    RollingBand judgeRolling(RollingZScore& z, double value)
    {
        const auto v = z.push(value);
        return { v.judged, v.mean, v.sd };
    }
    RollingBand judgeRolling(RollingMad& m, double value)
    {
        const auto v = m.push(value);
        return { v.judged, v.median, v.scale };
    }
    void writeRollingBand(const RollingBand& b, double t, double& lower, double& upper)
    {
        if (!b.judged)
            return;
        lower = b.centre - t * b.scale;
        upper = b.centre + t * b.scale;
    }

    template <class Detector>
    void fillRollingBand(const RollingBandReplay& replay, Detector detector, double t, std::span<const double> values,
        std::size_t begin, std::size_t stop, double* lower, double* upper)
    {
        for (std::size_t i = replay.restart(detector, values, begin); i < stop; ++i) {
            if (std::isnan(values[i]))
                continue;
            const RollingBand b = judgeRolling(detector, values[i]);
            if (i >= begin)
                writeRollingBand(b, t, lower[i - begin], upper[i - begin]);
        }
    }

    template <class Detector>
    void fillRollingBandAt(const RollingBandReplay& replay, Detector detector, double t, std::span<const double> values,
        std::size_t stop, std::span<const std::size_t> points, double* lower, double* upper)
    {
        replayPoints(
            values, stop, points, 2 * detector.window(), lower, upper,
            [&](std::size_t i) { return replay.restart(detector, values, i); },
            [&](double value) { judgeRolling(detector, value); },
            [&](double value, double& low, double& high) {
                writeRollingBand(judgeRolling(detector, value), t, low, high);
                return std::size_t(1); // judging a value also learns it
            });
    }

} // namespace

RollingBandReplay::RollingBandReplay(
    OnlineMethod method, std::size_t window, double threshold, std::span<const double> values)
    : m_method(method)
    , m_window(std::max<std::size_t>(window, 2)) // as the detectors take it
    , m_threshold(threshold)
    , m_points(values.size())
{
    if (method == OnlineMethod::RollingZScore)
        m_held.extend(values);
}

std::size_t RollingBandReplay::restart(RollingMad& m, std::span<const double> values, std::size_t at) const
{
    // From the last `window` values before `at` (or the start): the same ordered window.
    m.reset();
    return HeldCounts::back(values, at, m_window);
}

std::size_t RollingBandReplay::restart(RollingZScore& z, std::span<const double> values, std::size_t at) const
{
    z.reset();
    const std::uint64_t w = m_window;
    const std::uint64_t pushed = m_held.before(values, at);
    // The last fresh sums before `at`: after value `resumed`, whose next one is at `from`.
    const std::uint64_t resumed = z.lastFreshSums(pushed);
    if (resumed == 0)
        return 0; // none yet: from the start, at most 2 windows
    const std::size_t from = HeldCounts::back(values, at, pushed - resumed);
    std::vector<double> last;
    last.reserve(m_window);
    for (std::size_t i = HeldCounts::back(values, from, w); i < from; ++i) {
        if (!std::isnan(values[i]))
            last.push_back(values[i]);
    }
    z.resume(last, resumed);
    return from;
}

void RollingBandReplay::fill(
    std::span<const double> values, std::size_t begin, std::size_t end, double* lower, double* upper) const
{
    if (end <= begin)
        return;
    std::fill_n(lower, end - begin, kNotJudged);
    std::fill_n(upper, end - begin, kNotJudged);
    const std::size_t stop = std::min({ end, m_points, values.size() });
    if (begin >= stop)
        return;
    if (m_method == OnlineMethod::RollingMad)
        fillRollingBand(*this, RollingMad(m_window, m_threshold), m_threshold, values, begin, stop, lower, upper);
    else
        fillRollingBand(*this, RollingZScore(m_window, m_threshold), m_threshold, values, begin, stop, lower, upper);
}

void RollingBandReplay::fillAt(
    std::span<const double> values, std::span<const std::size_t> points, double* lower, double* upper) const
{
    const std::size_t stop = std::min(m_points, values.size());
    if (m_method == OnlineMethod::RollingMad)
        fillRollingBandAt(*this, RollingMad(m_window, m_threshold), m_threshold, values, stop, points, lower, upper);
    else
        fillRollingBandAt(*this, RollingZScore(m_window, m_threshold), m_threshold, values, stop, points, lower, upper);
}

} // namespace od
