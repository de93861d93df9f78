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

double AlarmDetector::barOf(AlarmView view, std::size_t count, std::size_t length) const
{
    switch (view) {
    case AlarmView::Level:
        return 1 + 2 * levelMargin(count, length);
    case AlarmView::Mean:
        return 1 + 2 * meanMargin(count, length);
    case AlarmView::Step:
    case AlarmView::Season:
        return changeRatio(count, length);
    case AlarmView::None:
        break;
    }
    return std::numeric_limits<double>::infinity();
}

double AlarmDetector::bar(AlarmView view) const
{
    switch (view) {
    case AlarmView::Level:
        return barOf(view, m_levels.count(), m_levels.length());
    case AlarmView::Mean:
        return barOf(view, m_means.count(), m_means.length());
    case AlarmView::Step:
        return barOf(view, m_steps.count(), m_steps.length());
    case AlarmView::Season:
        return barOf(view, m_seasonChanges.count(), m_seasonChanges.length());
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

void AlarmDetector::lead(Verdict& v, const ViewAt (&views)[4])
{
    double furthest = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const ViewAt& at = views[i];
        if (!at.judged)
            continue;
        const auto view = static_cast<AlarmView>(i + 1);
        Measure m;
        m.judged = true;
        m.remembered = at.count;
        m.seen = at.seen;
        m.reference = at.reference;
        m.low = at.low;
        m.high = at.high;
        if (view == AlarmView::Level || view == AlarmView::Mean) {
            // Fires past the remembered range by the view's margin of its width.
            const double margin
                = view == AlarmView::Level ? levelMargin(at.count, at.length) : meanMargin(at.count, at.length);
            const double width = m.high - m.low;
            m.fired = m.seen > m.high + margin * width || m.seen < m.low - margin * width;
            if (m.fired)
                m.ratio = ratioOf(std::fabs(m.seen - (m.low + width / 2)), width / 2);
        } else {
            // The change against the largest change in memory.
            m.fired = m.seen > changeRatio(at.count, at.length) * m.high;
            if (m.fired)
                m.ratio = ratioOf(m.seen, m.high);
        }
        if (!m.fired)
            continue;
        const double past = m.ratio / barOf(view, at.count, at.length);
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
    return count >= warmUp(length, m_settings.period, wholePeriod);
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
        const double margin = levelMargin(m_levels.count(), m_levels.length()) * (high - low);
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
            const double margin = meanMargin(m_means.count(), m_means.length()) * (high - low);
            fired = fired || shortMean > high + margin || shortMean < low - margin;
        }
    }

    const bool hasStep = m_hasPrevious;
    const double stepSize = hasStep ? std::fabs(value - m_previous) : 0;
    const bool stepReady = hasStep && ready(m_steps.count(), m_steps.length(), false);
    fired = fired || (stepReady && stepSize > changeRatio(m_steps.count(), m_steps.length()) * m_steps.max());

    bool hasSeasonChange = false, seasonReady = false;
    double seasonChange = 0, before = 0;
    if (period > 0) {
        before = m_lastPeriod[m_periodNext];
        if (m_periodFull && !std::isnan(before)) {
            hasSeasonChange = true;
            seasonChange = std::fabs(value - before);
            seasonReady = ready(m_seasonChanges.count(), m_seasonChanges.length(), false);
            fired = fired
                || (seasonReady
                    && seasonChange
                        > changeRatio(m_seasonChanges.count(), m_seasonChanges.length()) * m_seasonChanges.max());
        }
        rememberForNextPeriod(value);
    }
    v.judged = levelReady || meanReady || stepReady || seasonReady;
    if (fired) {
        const ViewAt views[4] = {
            { levelReady, value, 0, m_levels.low(), m_levels.high(), m_levels.count(), m_levels.length() },
            { meanReady, shortMean, 0, m_means.low(), m_means.high(), m_means.count(), m_means.length() },
            { stepReady, stepSize, m_previous, 0, m_steps.max(), m_steps.count(), m_steps.length() },
            { seasonReady, seasonChange, before, 0, m_seasonChanges.max(), m_seasonChanges.count(),
                m_seasonChanges.length() },
        };
        lead(v, views);
    }

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
