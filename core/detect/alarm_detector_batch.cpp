// AlarmDetector::pushAll: push() over many points, view by view instead of point by point.
//
// Why it can be: what each view learns from a point does not depend on any verdict (every value
// joins the memories, flagged or not), so over a run of points the entries each memory takes
// are known in advance: the values, their 10-point means, their steps and their changes from
// one period earlier. Each memory then takes its whole run in one tight pass that writes its
// extremes as they stood before every entry (SlidingRange::pushAll), and the verdicts read those
// arrays. The short means, sums of ten in a fixed order, are summed four points at a time, each
// lane in push()'s order. Every number is made by the same operations in the same order as
// push() makes it, so verdicts, scores and bands are the same to the last bit
// (tst_alarmdetector checks it against push() on awkward series).
//
// NaN is neither judged nor learnt, which breaks that independence, so runs end at each NaN and
// NaN (and runs too short to pay for a pass) goes through push() itself.

#include "core/detect/alarm_detector.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>

namespace od {

namespace {
    // Below this many points a pass costs more than it saves: push() one by one.
    constexpr std::size_t kShortestRun = 64;

    // The K-point sums that end at each of out's points, each summed from 0 oldest first:
    // window[j .. j + K) for out[j], four at a time in two pairs of lanes (SSE2's width: wider
    // vectors went through memory on every add).
    template <std::size_t K> void shortSums(const double* window, double* out, std::size_t n)
    {
        using V = double __attribute__((vector_size(16)));
        std::size_t j = 0;
        for (; j + 4 <= n; j += 4) {
            V a = { 0, 0 }, b = { 0, 0 };
            for (std::size_t i = 0; i < K; ++i) {
                V x, y;
                std::memcpy(&x, window + j + i, sizeof x);
                std::memcpy(&y, window + j + i + 2, sizeof y);
                a += x;
                b += y;
            }
            std::memcpy(out + j, &a, sizeof a);
            std::memcpy(out + j + 2, &b, sizeof b);
        }
        for (; j < n; ++j) {
            double sum = 0;
            for (std::size_t i = 0; i < K; ++i)
                sum += window[j + i];
            out[j] = sum;
        }
    }
} // namespace

// A run's columns: each memory's entries and its extremes as they stood before each one.
struct AlarmDetector::RunColumns
{
    double levelHigh[kRun], levelLow[kRun];
    double means[kRun], meanHigh[kRun], meanLow[kRun];
    double steps[kRun], stepMax[kRun];
    double seasonChanges[kRun], seasonMax[kRun];
    double befores[kRun]; // the value one period before each season entry
    std::size_t seasonAt[kRun]; // the run's index of each season entry
    double window[kShortPoints - 1 + kRun]; // the 9 values before the run, then the run
    std::uint8_t fired[kRun]; // whether the point passed a bar
};

void AlarmDetector::pushAll(std::span<const double> values, double* bandLow, double* bandHigh,
    const std::function<void(std::size_t, const Verdict&)>& onAlarm)
{
    const auto pushOne = [&](std::size_t i) {
        const Verdict v = push(values[i]);
        if (v.banded) {
            bandLow[i] = v.bandLow;
            bandHigh[i] = v.bandHigh;
        }
        if (v.alarm)
            onAlarm(i, v);
    };
    // On the heap (about 100 kB) and left uninitialised: each run writes what it reads.
    std::unique_ptr<RunColumns> columns;
    std::size_t i = 0;
    while (i < values.size()) {
        const auto nan = std::find_if(values.begin() + i, values.end(), [](double x) { return std::isnan(x); });
        const std::size_t end = std::size_t(nan - values.begin());
        if (end - i < kShortestRun) {
            for (; i < end; ++i)
                pushOne(i);
        }
        if (i < end && !columns)
            columns.reset(new RunColumns);
        for (; i < end; i += std::min(kRun, end - i))
            pushRun(values.subspan(i, std::min(kRun, end - i)), bandLow + i, bandHigh + i, onAlarm, i, *columns);
        if (i < values.size())
            pushOne(i++); // the NaN
    }
}

void AlarmDetector::pushRun(std::span<const double> x, double* bandLow, double* bandHigh,
    const std::function<void(std::size_t, const Verdict&)>& onAlarm, std::size_t offset, RunColumns& c)
{
    const std::size_t n = x.size();
    const std::size_t period = m_settings.period;
    double* const levelHigh = c.levelHigh;
    double* const levelLow = c.levelLow;
    double* const means = c.means;
    double* const meanHigh = c.meanHigh;
    double* const meanLow = c.meanLow;
    double* const steps = c.steps;
    double* const stepMax = c.stepMax;
    double* const seasonChanges = c.seasonChanges;
    double* const seasonMax = c.seasonMax;
    double* const befores = c.befores;
    std::size_t* const seasonAt = c.seasonAt;
    double* const window = c.window;

    // Level: every value.
    const std::size_t levelCount = m_levels.count(), levelLength = m_levels.length();
    m_levels.pushAll(x, levelHigh, levelLow);

    // Mean: from the point that completes ten values. The ring's last nine lie oldest first from
    // m_recentNext + 1 (see the header); those not yet written are never summed.
    const std::size_t firstMean = m_recentCount >= kShortPoints - 1 ? 0 : kShortPoints - 1 - m_recentCount;
    std::memcpy(window, m_recent.data() + m_recentNext + 1, (kShortPoints - 1) * sizeof(double));
    std::memcpy(window + kShortPoints - 1, x.data(), n * sizeof(double));
    const std::size_t meanCount = m_means.count(), meanLength = m_means.length();
    const std::size_t meanEntries = n > firstMean ? n - firstMean : 0;
    shortSums<kShortPoints>(window + firstMean, means, meanEntries);
    for (std::size_t k = 0; k < meanEntries; ++k)
        means[k] /= static_cast<double>(kShortPoints);
    m_means.pushAll(std::span<const double>(means, meanEntries), meanHigh, meanLow);
    // The ring as push() would leave it: only the last ten values matter.
    const std::size_t skipped = n > kShortPoints ? n - kShortPoints : 0;
    m_recentNext = (m_recentNext + skipped) % kShortPoints;
    m_recentCount = std::min(m_recentCount + skipped, kShortPoints);
    for (std::size_t j = skipped; j < n; ++j) {
        m_recent[m_recentNext] = m_recent[m_recentNext + kShortPoints] = x[j];
        m_recentNext = m_recentNext + 1 == kShortPoints ? 0 : m_recentNext + 1;
        m_recentCount = std::min(m_recentCount + 1, kShortPoints);
    }

    // Step: from the second value ever.
    const std::size_t firstStep = m_hasPrevious ? 0 : 1;
    const std::size_t stepCount = m_steps.count(), stepLength = m_steps.length();
    for (std::size_t j = firstStep; j < n; ++j)
        steps[j - firstStep] = std::fabs(x[j] - (j == 0 ? m_previous : x[j - 1]));
    const std::size_t stepEntries = n - firstStep;
    m_steps.pushAll(std::span<const double>(steps, stepEntries), stepMax);

    // Season: where the value one period earlier is known and not NaN.
    std::size_t seasonEntries = 0;
    const std::size_t seasonCount = m_seasonChanges.count(), seasonLength = m_seasonChanges.length();
    if (period > 0) {
        // rememberForNextPeriod() inlined, its state in locals.
        double* const ring = m_lastPeriod.data();
        std::size_t next = m_periodNext;
        bool full = m_periodFull;
        for (std::size_t j = 0; j < n; ++j) {
            const double before = ring[next];
            if (full && !std::isnan(before)) {
                seasonChanges[seasonEntries] = std::fabs(x[j] - before);
                befores[seasonEntries] = before;
                seasonAt[seasonEntries++] = j;
            }
            ring[next] = x[j];
            if (++next == period) {
                next = 0;
                full = true;
            }
        }
        m_periodNext = next;
        m_periodFull = full;
        m_seasonChanges.pushAll(std::span<const double>(seasonChanges, seasonEntries), seasonMax);
    }

    // The verdicts, as push() reaches them, from the columns: first only whether a point passes
    // a bar, view by view in tight loops; the views, which say why, only for a point that
    // passes one (a handful in a million).
    std::uint8_t* const fired = c.fired;
    std::fill(fired, fired + n, std::uint8_t(0));
    const std::size_t levelWarm = warmUp(levelLength, period, true);
    const std::size_t meanWarm = warmUp(meanLength, period, true);
    const std::size_t stepWarm = warmUp(stepLength, period, false);
    const std::size_t seasonWarm = warmUp(seasonLength, period, false);
    const auto held
        = [](std::size_t count, std::size_t pushed, std::size_t length) { return std::min(count + pushed, length); };
    // Each view in two parts: while its memory is young, with the bar raised entry by entry;
    // once full (nearly always), with a fixed bar and no branch. The same numbers either way:
    // a full memory's youth is exactly 1.
    const auto youngUntil = [](std::size_t count, std::size_t length, std::size_t entries) {
        return count >= length ? 0 : std::min(length - count, entries);
    };
    const std::size_t levelYoung = youngUntil(levelCount, levelLength, n);
    for (std::size_t j = 0; j < levelYoung; ++j) {
        const std::size_t h = held(levelCount, j, levelLength);
        if (h < levelWarm)
            continue;
        const double low = levelLow[j], high = levelHigh[j];
        const double margin = levelMargin(h, levelLength) * (high - low);
        bandLow[j] = low - margin;
        bandHigh[j] = high + margin;
        fired[j] = x[j] > bandHigh[j] || x[j] < bandLow[j];
    }
    const double levelFull = levelMargin(levelLength, levelLength);
    for (std::size_t j = levelYoung; j < n; ++j) {
        const double low = levelLow[j], high = levelHigh[j];
        const double margin = levelFull * (high - low);
        const double bandBelow = low - margin, bandAbove = high + margin;
        bandLow[j] = bandBelow;
        bandHigh[j] = bandAbove;
        // Both compares and an or of their bits, no branch, so that the loop vectorizes.
        fired[j] = static_cast<std::uint8_t>(static_cast<int>(x[j] > bandAbove) | static_cast<int>(x[j] < bandBelow));
    }
    const std::size_t meanYoung = youngUntil(meanCount, meanLength, meanEntries);
    for (std::size_t k = 0; k < meanYoung; ++k) {
        const std::size_t h = held(meanCount, k, meanLength);
        if (h < meanWarm)
            continue;
        const double low = meanLow[k], high = meanHigh[k];
        const double margin = meanMargin(h, meanLength) * (high - low);
        fired[firstMean + k] |= means[k] > high + margin || means[k] < low - margin;
    }
    const double meanFull = meanMargin(meanLength, meanLength);
    for (std::size_t k = meanYoung; k < meanEntries; ++k) {
        const double low = meanLow[k], high = meanHigh[k];
        const double margin = meanFull * (high - low);
        fired[firstMean + k] |= (means[k] > high + margin) | (means[k] < low - margin);
    }
    const std::size_t stepYoung = youngUntil(stepCount, stepLength, stepEntries);
    for (std::size_t k = 0; k < stepYoung; ++k) {
        const std::size_t h = held(stepCount, k, stepLength);
        if (h >= stepWarm)
            fired[firstStep + k] |= steps[k] > changeRatio(h, stepLength) * stepMax[k];
    }
    const double stepFull = changeRatio(stepLength, stepLength);
    for (std::size_t k = stepYoung; k < stepEntries; ++k)
        fired[firstStep + k] |= steps[k] > stepFull * stepMax[k];
    const std::size_t seasonYoung = youngUntil(seasonCount, seasonLength, seasonEntries);
    for (std::size_t k = 0; k < seasonYoung; ++k) {
        const std::size_t h = held(seasonCount, k, seasonLength);
        if (h >= seasonWarm)
            fired[seasonAt[k]] |= seasonChanges[k] > changeRatio(h, seasonLength) * seasonMax[k];
    }
    const double seasonFull = changeRatio(seasonLength, seasonLength);
    for (std::size_t k = seasonYoung; k < seasonEntries; ++k)
        fired[seasonAt[k]] |= seasonChanges[k] > seasonFull * seasonMax[k];

    std::size_t season = 0; // the season entry at or after the point
    for (std::size_t j = 0; j < n; ++j) {
        if (!fired[j])
            continue;
        ViewAt views[4];
        Verdict v;
        v.value = x[j];
        v.judged = true;
        if (const std::size_t h = held(levelCount, j, levelLength); h >= levelWarm) {
            v.banded = true;
            v.bandLow = bandLow[j];
            v.bandHigh = bandHigh[j];
            views[0] = { true, x[j], 0, levelLow[j], levelHigh[j], h, levelLength };
        }
        if (j >= firstMean) {
            const std::size_t k = j - firstMean;
            if (const std::size_t h = held(meanCount, k, meanLength); h >= meanWarm)
                views[1] = { true, means[k], 0, meanLow[k], meanHigh[k], h, meanLength };
        }
        if (j >= firstStep) {
            const std::size_t k = j - firstStep;
            if (const std::size_t h = held(stepCount, k, stepLength); h >= stepWarm)
                views[2] = { true, steps[k], j == 0 ? m_previous : x[j - 1], 0, stepMax[k], h, stepLength };
        }
        while (season < seasonEntries && seasonAt[season] < j)
            ++season;
        if (season < seasonEntries && seasonAt[season] == j) {
            if (const std::size_t h = held(seasonCount, season, seasonLength); h >= seasonWarm)
                views[3] = { true, seasonChanges[season], befores[season], 0, seasonMax[season], h, seasonLength };
        }
        lead(v, views);
        if (v.alarm)
            onAlarm(offset + j, v);
    }
    m_previous = x[n - 1];
    m_hasPrevious = true;
}

} // namespace od
