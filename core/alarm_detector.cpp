#include "alarm_detector.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

namespace {
    // The score where a view's memory was flat: any departure is infinitely many times nothing,
    // and a finite number keeps JSON, CSV and sorting simple.
    constexpr double kScoreCap = 1e6;

    double capped(double ratio)
    {
        return std::min(ratio, kScoreCap);
    }

    // level and mean: how far from the middle of the remembered range, in half-ranges (1 = at
    // its edge). Fires past the edge by `margin` of the range.
    void judgeRange(AlarmDetector::Measure& m, double seen, const SlidingRange& memory, double margin)
    {
        m.judged = true;
        m.remembered = memory.count();
        m.seen = seen;
        m.low = memory.low();
        m.high = memory.high();
        const double width = m.high - m.low;
        const double half = width / 2;
        const double offset = std::fabs(seen - (m.low + half));
        m.ratio = half > 0 ? capped(offset / half) : (offset > 0 ? kScoreCap : 0);
        m.fired = seen > m.high + margin * width || seen < m.low - margin * width;
    }

    // step and season: the change against the largest change in memory.
    void judgeChange(AlarmDetector::Measure& m, double change, double reference, const SlidingMax& memory, double ratio)
    {
        m.judged = true;
        m.remembered = memory.count();
        m.seen = change;
        m.reference = reference;
        m.high = memory.max();
        m.ratio = m.high > 0 ? capped(change / m.high) : (change > 0 ? kScoreCap : 0);
        m.fired = change > ratio * m.high;
    }
} // namespace

AlarmDetector::AlarmDetector(const AlarmSettings& settings)
    : m_settings(settings)
    , m_levels(settings.memory)
    , m_means(std::max<std::size_t>(1, settings.memory / 4))
    , m_steps(std::max<std::size_t>(1, settings.memory / 8))
    , m_seasonChanges(settings.memory)
    , m_recent(kShortPoints)
    , m_lastPeriod(settings.period)
{ }

void AlarmDetector::reset()
{
    m_levels.reset();
    m_means.reset();
    m_steps.reset();
    m_seasonChanges.reset();
    m_recentCount = m_periodCount = 0;
    m_hasPrevious = false;
    m_previous = 0;
}

double AlarmDetector::bar(AlarmView view) const
{
    switch (view) {
    case AlarmView::Level:
        return 1 + 2 * kLevelMargin;
    case AlarmView::Mean:
        return 1 + 2 * kMeanMargin;
    case AlarmView::Step:
    case AlarmView::Season:
        return m_settings.ratio;
    case AlarmView::None:
        break;
    }
    return std::numeric_limits<double>::infinity();
}

bool AlarmDetector::ready(std::size_t count, std::size_t length, bool wholePeriod) const
{
    const std::size_t warmUp = wholePeriod ? std::max(kWarmUp, m_settings.period) : kWarmUp;
    return count >= std::min(warmUp, length);
}

AlarmDetector::Verdict AlarmDetector::push(double value)
{
    Verdict v;
    v.value = value;
    const std::size_t period = m_settings.period;
    if (std::isnan(value)) {
        if (period > 0)
            m_lastPeriod[m_periodCount++ % period] = value;
        return v;
    }

    if (ready(m_levels.count(), m_levels.length(), true)) {
        judgeRange(v.level, value, m_levels, kLevelMargin);
        v.bandLow = v.level.low - kLevelMargin * (v.level.high - v.level.low);
        v.bandHigh = v.level.high + kLevelMargin * (v.level.high - v.level.low);
    }

    m_recent[m_recentCount++ % kShortPoints] = value;
    const bool hasMean = m_recentCount >= kShortPoints;
    double mean = 0;
    if (hasMean) {
        for (const double r : m_recent)
            mean += r;
        mean /= static_cast<double>(kShortPoints);
        if (ready(m_means.count(), m_means.length(), true))
            judgeRange(v.mean, mean, m_means, kMeanMargin);
    }

    const bool hasStep = m_hasPrevious;
    const double step = hasStep ? std::fabs(value - m_previous) : 0;
    if (hasStep && ready(m_steps.count(), m_steps.length(), false))
        judgeChange(v.step, step, m_previous, m_steps, m_settings.ratio);

    bool hasSeasonChange = false;
    double seasonChange = 0;
    if (period > 0) {
        double& slot = m_lastPeriod[m_periodCount % period];
        if (m_periodCount >= period && !std::isnan(slot)) {
            hasSeasonChange = true;
            seasonChange = std::fabs(value - slot);
            if (ready(m_seasonChanges.count(), m_seasonChanges.length(), false))
                judgeChange(v.season, seasonChange, slot, m_seasonChanges, m_settings.ratio);
        }
        slot = value;
        ++m_periodCount;
    }

    // Learn only after judging: a point is never compared with itself.
    m_levels.push(value);
    if (hasMean)
        m_means.push(mean);
    if (hasStep)
        m_steps.push(step);
    if (hasSeasonChange)
        m_seasonChanges.push(seasonChange);
    m_previous = value;
    m_hasPrevious = true;

    const std::pair<AlarmView, const Measure*> views[] = { { AlarmView::Level, &v.level }, { AlarmView::Mean, &v.mean },
        { AlarmView::Step, &v.step }, { AlarmView::Season, &v.season } };
    double furthest = 0;
    for (const auto& [view, m] : views) {
        v.judged = v.judged || m->judged;
        if (!m->fired)
            continue;
        v.alarm = true;
        const double past = m->ratio / bar(view);
        if (v.view == AlarmView::None || past > furthest) {
            v.view = view;
            v.score = m->ratio;
            furthest = past;
        }
    }
    return v;
}

} // namespace od
