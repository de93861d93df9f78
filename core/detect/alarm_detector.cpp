#include "core/detect/alarm_detector.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace od {

namespace {
    // The score where a view's memory was flat: any departure is infinitely many times nothing,
    // and a finite number keeps JSON, CSV and sorting simple.
    constexpr double kScoreCap = 1e6;

    double ratioOf(double part, double whole)
    {
        return whole > 0 ? std::min(part / whole, kScoreCap) : (part > 0 ? kScoreCap : 0);
    }

    // How much harder a record must beat a memory that is still filling: its length over the
    // entries it holds (1 once full). See the header: a young memory's range understates what
    // the series does, so its records are weaker evidence.
    double youth(std::size_t held, std::size_t length)
    {
        return held > 0 && held < length ? static_cast<double>(length) / static_cast<double>(held) : 1.0;
    }

    // level and mean: fires past the remembered range by `margin` of its width.
    AlarmDetector::Measure judgeRange(double seen, const SlidingRange& memory, double margin)
    {
        AlarmDetector::Measure m;
        m.judged = true;
        m.remembered = memory.count();
        m.seen = seen;
        m.low = memory.low();
        m.high = memory.high();
        const double width = m.high - m.low;
        m.fired = seen > m.high + margin * width || seen < m.low - margin * width;
        if (m.fired)
            m.ratio = ratioOf(std::fabs(seen - (m.low + width / 2)), width / 2);
        return m;
    }

    // step and season: the change against the largest change in memory.
    AlarmDetector::Measure judgeChange(double change, double reference, const SlidingMax& memory, double ratio)
    {
        AlarmDetector::Measure m;
        m.judged = true;
        m.remembered = memory.count();
        m.seen = change;
        m.reference = reference;
        m.high = memory.max();
        m.fired = change > ratio * m.high;
        if (m.fired)
            m.ratio = ratioOf(change, m.high);
        return m;
    }
} // namespace

AlarmDetector::AlarmDetector(const AlarmSettings& settings)
    : m_settings(settings)
    , m_levels(settings.memory)
    , m_means(std::max<std::size_t>(1, settings.memory / 4))
    , m_steps(std::max<std::size_t>(1, settings.memory / 8))
    , m_seasonChanges(settings.memory)
    , m_lastPeriod(settings.period)
{ }

void AlarmDetector::reset()
{
    m_levels.reset();
    m_means.reset();
    m_steps.reset();
    m_seasonChanges.reset();
    m_recentNext = m_recentCount = m_periodNext = 0;
    m_periodFull = false;
    m_hasPrevious = false;
    m_previous = 0;
}

double AlarmDetector::levelMargin() const
{
    return kLevelMargin * youth(m_levels.count(), m_levels.length());
}

double AlarmDetector::meanMargin() const
{
    return kMeanMargin * youth(m_means.count(), m_means.length());
}

double AlarmDetector::changeRatio(const SlidingMax& memory) const
{
    return 1 + (m_settings.ratio - 1) * youth(memory.count(), memory.length());
}

double AlarmDetector::bar(AlarmView view) const
{
    switch (view) {
    case AlarmView::Level:
        return 1 + 2 * levelMargin();
    case AlarmView::Mean:
        return 1 + 2 * meanMargin();
    case AlarmView::Step:
        return changeRatio(m_steps);
    case AlarmView::Season:
        return changeRatio(m_seasonChanges);
    case AlarmView::None:
        break;
    }
    return std::numeric_limits<double>::infinity();
}

void AlarmDetector::rememberForNextPeriod(double value)
{
    m_lastPeriod[m_periodNext] = value;
    if (++m_periodNext == m_settings.period) {
        m_periodNext = 0;
        m_periodFull = true;
    }
}

void AlarmDetector::lead(
    Verdict& v, bool level, const double* mean, const double* step, const double* seasonChange, double before)
{
    const std::pair<AlarmView, Measure> views[] = {
        { AlarmView::Level, level ? judgeRange(v.value, m_levels, levelMargin()) : Measure {} },
        { AlarmView::Mean, mean ? judgeRange(*mean, m_means, meanMargin()) : Measure {} },
        { AlarmView::Step, step ? judgeChange(*step, m_previous, m_steps, changeRatio(m_steps)) : Measure {} },
        { AlarmView::Season,
            seasonChange ? judgeChange(*seasonChange, before, m_seasonChanges, changeRatio(m_seasonChanges))
                         : Measure {} },
    };
    double furthest = 0;
    for (const auto& [view, m] : views) {
        if (!m.fired)
            continue;
        const double past = m.ratio / bar(view);
        if (!v.alarm || past > furthest) {
            v.alarm = true;
            v.view = view;
            v.score = m.ratio;
            m_lead = m;
            furthest = past;
        }
    }
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
            rememberForNextPeriod(value);
        return v;
    }

    // The bars first, from the memories' extremes alone; the measures, which say why, only for
    // a point that passes one (a handful in a million).
    const bool levelReady = ready(m_levels.count(), m_levels.length(), true);
    bool fired = false;
    if (levelReady) {
        const double low = m_levels.low(), high = m_levels.high();
        const double margin = levelMargin() * (high - low);
        v.banded = true;
        v.bandLow = low - margin;
        v.bandHigh = high + margin;
        fired = value > v.bandHigh || value < v.bandLow;
    }

    m_recent[m_recentNext] = m_recent[m_recentNext + kShortPoints] = value;
    m_recentNext = m_recentNext + 1 == kShortPoints ? 0 : m_recentNext + 1;
    m_recentCount = std::min(m_recentCount + 1, kShortPoints);
    const bool hasMean = m_recentCount == kShortPoints;
    double shortMean = 0;
    bool meanReady = false;
    if (hasMean) {
        // Oldest first, as the rule reads: the same sum to the last bit whatever the ring's phase.
        const double* oldest = m_recent.data() + m_recentNext;
        for (std::size_t k = 0; k < kShortPoints; ++k)
            shortMean += oldest[k];
        shortMean /= static_cast<double>(kShortPoints);
        meanReady = ready(m_means.count(), m_means.length(), true);
        if (meanReady) {
            const double low = m_means.low(), high = m_means.high();
            const double margin = meanMargin() * (high - low);
            fired = fired || shortMean > high + margin || shortMean < low - margin;
        }
    }

    const bool hasStep = m_hasPrevious;
    const double stepSize = hasStep ? std::fabs(value - m_previous) : 0;
    const bool stepReady = hasStep && ready(m_steps.count(), m_steps.length(), false);
    fired = fired || (stepReady && stepSize > changeRatio(m_steps) * m_steps.max());

    bool hasSeasonChange = false, seasonReady = false;
    double seasonChange = 0, before = 0;
    if (period > 0) {
        before = m_lastPeriod[m_periodNext];
        if (m_periodFull && !std::isnan(before)) {
            hasSeasonChange = true;
            seasonChange = std::fabs(value - before);
            seasonReady = ready(m_seasonChanges.count(), m_seasonChanges.length(), false);
            fired = fired || (seasonReady && seasonChange > changeRatio(m_seasonChanges) * m_seasonChanges.max());
        }
        rememberForNextPeriod(value);
    }
    v.judged = levelReady || meanReady || stepReady || seasonReady;
    if (fired)
        lead(v, levelReady, meanReady ? &shortMean : nullptr, stepReady ? &stepSize : nullptr,
            seasonReady ? &seasonChange : nullptr, before);

    // Learn only after judging: a point is never compared with itself.
    m_levels.push(value);
    if (hasMean)
        m_means.push(shortMean);
    if (hasStep)
        m_steps.push(stepSize);
    if (hasSeasonChange)
        m_seasonChanges.push(seasonChange);
    m_previous = value;
    m_hasPrevious = true;

    return v;
}

} // namespace od
