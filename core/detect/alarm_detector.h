#pragma once
// The "alarm" detector, point by point: a point raises an alarm when something about it is
// bigger than anything the series did in its memory. Four views, each a record-breaking test:
//
//   level   the value leaves the range of the last `memory` values by more than 2% of it;
//   mean    the mean of the last 10 values leaves the range of the last memory/4 such means by
//           more than 10% of it (a shift too small for one point to show, but held);
//   step    the change from the previous value is more than `ratio` times the largest of the
//           last memory/8 such changes (a jump, whatever the level);
//   season  the change from the value one period earlier ("same time yesterday") is more than
//           `ratio` times the largest of the last `memory` such changes (period 0: no such view).
//
// Why records: a series whose normal life is bursts has already shown its bursts, so they no
// longer alarm, while a daily square wave's edges are old news by the second day. Each view
// waits until it holds 300 entries (or its whole memory, if shorter), so nothing is judged on
// too little history. Flagged values join the memory like any other: a lasting shift alarms at
// its start and becomes the new normal.
//
// A young memory raises the bar: while a view holds fewer entries than its length, the amount
// by which a record must beat its memory (the level's 2% and the mean's 10% of the range, the
// step's and season's ratio - 1) grows by length / entries held, e.g. the level view at 1000
// of 4000 values wants 8% of the range, and the step view at 400 of 500 steps wants 1.375 times
// the largest (ratio 1.3).
// Why: a short history has not yet shown what the series routinely does, so records come often
// (among n values of a steady series the newest is the largest about once in n) and mean little;
// scaling the margin with length / held keeps a fresh series, a new live stream or a file shorter
// than the memory about as quiet as one judged on a full memory. No new setting: the bar once
// the memory is full is unchanged. On the Numenta benchmark it removed 7 of 80 false alarms and
// no labelled window (more in the README). Memory is flat (O(memory + period) doubles) and each
// push is O(1) amortized; the batch method `alarm` runs this same class, so both decide alike.

#include "core/kernels/sliding_extreme.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace od {

struct AlarmSettings
{
    std::size_t memory = 4000; // points the level and season views remember, >= 8
    double ratio = 1.3; // how many times the largest change in memory a change must be, > 0
    std::size_t period = 0; // points per season (e.g. one day); 0 = no season view

    bool operator==(const AlarmSettings&) const = default;
};

enum class AlarmView : std::uint8_t { None, Level, Mean, Step, Season };

class AlarmDetector
{
public:
    // What one view measured at a point, in the series' units.
    struct Measure
    {
        bool judged = false; // the view had enough history and a value to judge
        bool fired = false;
        double seen = 0; // level: the value; mean: the short mean; step and season: |change|
        double low = 0; // level and mean: the lowest in memory; unused for step and season
        double high = 0; // level and mean: the highest in memory; step and season: the largest change
        double reference = 0; // step: the previous value; season: the value one period earlier
        // How unusual, set when fired: level and mean |seen - mid| / half-range, else seen / high.
        double ratio = 0;
        std::size_t remembered = 0; // entries in the view's memory
    };

    // Kept small on purpose: at 10 million points a second, clearing a bigger verdict (it held
    // the measures) cost more than all four views. The leading view's measure is measure().
    struct Verdict
    {
        double value = 0; // the value pushed
        bool judged = false; // at least one view judged the point (false for NaN and in warm-up)
        bool alarm = false;
        bool banded = false; // the level view judged: bandLow and bandHigh hold its band
        AlarmView view = AlarmView::None; // the view that fired furthest past its own bar
        double score = 0; // that view's ratio (capped at 1e6 where its memory was flat)
        double bandLow = 0; // what the level view allows: its range widened by its margin
        double bandHigh = 0;
    };

    explicit AlarmDetector(const AlarmSettings& settings = {});

    // Judges value against the memories, then adds it. NaN is not judged and not added (it
    // still takes its slot one period back, so "same time yesterday" stays aligned).
    Verdict push(double value);
    // push() for each of values in turn, in passes over runs of points (alarm_detector_batch.cpp): the
    // same verdicts, several times faster. Where a point is banded, its band is written to
    // bandLow[i] and bandHigh[i] (others are left alone); each alarm calls onAlarm(i, verdict),
    // with measure() that alarm's.
    void pushAll(std::span<const double> values, double* bandLow, double* bandHigh,
        const std::function<void(std::size_t, const Verdict&)>& onAlarm);
    void reset();
    const AlarmSettings& settings() const { return m_settings; }
    // What the leading view measured at the last push that raised an alarm.
    const Measure& measure() const { return m_lead; }
    // Each view's bar, in its ratio's unit: what Measure::ratio must exceed at the next push
    // (higher while the view's memory is still filling).
    double bar(AlarmView view) const;

    // How much harder a record must beat a memory that is still filling: its length over the
    // entries it holds (1 once full). See above: a young memory's range understates what the
    // series does, so its records are weaker evidence. Inline, as the margins: pushAll() asks
    // them at every point. Public with the level's margin and warm-up for AlarmBandReplay
    // (alarm_band.h), which works the level band out again from the same expressions.
    static double youth(std::size_t held, std::size_t length)
    {
        return held > 0 && held < length ? static_cast<double>(length) / static_cast<double>(held) : 1.0;
    }
    static double levelMargin(std::size_t count, std::size_t length) { return kLevelMargin * youth(count, length); }
    // The entries a memory of `length` must hold before it judges; wholePeriod: level and mean,
    // which also wait for a whole period.
    static std::size_t warmUp(std::size_t length, std::size_t period, bool wholePeriod)
    {
        return std::min(wholePeriod ? std::max(kWarmUp, period) : kWarmUp, length);
    }

    static constexpr std::size_t kShortPoints = 10;
    static constexpr std::size_t kWarmUp = 300;
    static constexpr double kLevelMargin = 0.02;
    static constexpr double kMeanMargin = 0.10;
    // The most points pushAll() takes in one pass: its scratch arrays stay in the cache.
    static constexpr std::size_t kRun = 1024;

private:
    // One view at one point, as lead() needs it: what it saw, against what, and its memory as it
    // stood before the point was learnt.
    struct ViewAt
    {
        bool judged = false;
        double seen = 0;
        double reference = 0; // step: the previous value; season: the value one period earlier
        double low = 0; // level and mean
        double high = 0;
        std::size_t count = 0; // entries in the view's memory
        std::size_t length = 1; // the memory's length
    };

    // Whether a view holding `count` of `length` entries may judge; wholePeriod: level and mean.
    bool ready(std::size_t count, std::size_t length, bool wholePeriod) const;
    void rememberForNextPeriod(double value);
    // The bars for a memory holding count of length entries: the margins and the change ratio,
    // raised while young.
    static double meanMargin(std::size_t count, std::size_t length) { return kMeanMargin * youth(count, length); }
    double changeRatio(std::size_t count, std::size_t length) const
    {
        return 1 + (m_settings.ratio - 1) * youth(count, length);
    }
    double barOf(AlarmView view, std::size_t count, std::size_t length) const;
    // Fills v's alarm, view and score, and m_lead, from the views that judged, in AlarmView
    // order from Level (views[0]) to Season (views[3]).
    void lead(Verdict& v, const ViewAt (&views)[4]);
    // pushAll() over a run of values with no NaN, at most kRun long; columns: its scratch arrays
    // (alarm_detector_batch.cpp), made once per pushAll().
    struct RunColumns;
    void pushRun(std::span<const double> values, double* bandLow, double* bandHigh,
        const std::function<void(std::size_t, const Verdict&)>& onAlarm, std::size_t offset, RunColumns& columns);

    AlarmSettings m_settings;
    SlidingRange m_levels;
    SlidingRange m_means;
    SlidingMax m_steps;
    SlidingMax m_seasonChanges;
    // Rings wrap by comparison, not %: a division per point would cost more than a view.
    // The last kShortPoints values, each written twice (at i and i + kShortPoints), so that
    // they lie oldest first in one run from m_recentNext: a fixed-length sum, no wrap.
    std::array<double, 2 * kShortPoints> m_recent {};
    std::size_t m_recentNext = 0;
    std::size_t m_recentCount = 0; // at most kShortPoints
    std::vector<double> m_lastPeriod; // the last `period` values, NaN included
    std::size_t m_periodNext = 0; // the slot of the value one period before the next one
    bool m_periodFull = false;
    double m_previous = 0;
    bool m_hasPrevious = false;
    Measure m_lead;
};

} // namespace od
