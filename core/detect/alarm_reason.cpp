#include "core/detect/alarm_reason.h"

#include "core/report/explain.h"

#include <cmath>

namespace od {

namespace {
    std::string count(std::size_t n, const char* what)
    {
        return std::to_string(n) + " " + what;
    }

    // Two significant digits say how unusual; more would be noise.
    std::string percent(double fraction)
    {
        const double p = 100 * fraction;
        return formatNumber(p >= 10 ? std::round(p) : std::round(p * 10) / 10) + "%";
    }

    std::string times(double ratio)
    {
        return formatNumber(ratio >= 10 ? std::round(ratio) : std::round(ratio * 10) / 10);
    }

    // level and mean: beyond the remembered range.
    std::string outsideRange(const AlarmDetector::Measure& m, const std::string& subject, const std::string& things)
    {
        const double width = m.high - m.low;
        const bool above = m.seen > m.high;
        const std::string previous = "the previous " + count(m.remembered, things.c_str());
        if (width <= 0)
            return subject + " " + formatNumber(m.seen) + " differs from the " + formatNumber(m.high) + " held by "
                + previous;
        const double beyond = above ? m.seen - m.high : m.low - m.seen;
        return subject + " " + formatNumber(m.seen) + " is " + (above ? "above the highest" : "below the lowest")
            + " of " + previous + " (" + formatNumber(above ? m.high : m.low) + ") by " + percent(beyond / width)
            + " of their range (" + formatNumber(m.low) + " to " + formatNumber(m.high) + ")";
    }

    // step and season: a change bigger than any remembered.
    std::string biggerChange(const AlarmDetector::Measure& m, const std::string& change, const std::string& ofWhat)
    {
        if (m.high <= 0)
            return change + ", the first change of its kind after " + count(m.remembered, "points without one");
        return change + ": " + times(m.ratio) + " times the largest " + ofWhat + " of the previous "
            + std::to_string(m.remembered) + " (" + formatNumber(m.high) + ")";
    }
} // namespace

std::string describeAlarm(const AlarmDetector::Verdict& v, const AlarmDetector::Measure& m, std::size_t period)
{
    if (!v.alarm)
        return "no alarm";
    switch (v.view) {
    case AlarmView::Level:
        return outsideRange(m, "the value", "values");
    case AlarmView::Mean:
        return outsideRange(
            m, "the mean of the last " + std::to_string(AlarmDetector::kShortPoints) + " values,", "such means");
    case AlarmView::Step: {
        const bool rise = v.value > m.reference;
        return biggerChange(m,
            std::string(rise ? "a rise" : "a drop") + " of " + formatNumber(m.seen) + " in one step, from "
                + formatNumber(m.reference) + " to " + formatNumber(v.value),
            "step");
    }
    case AlarmView::Season: {
        const bool above = v.value > m.reference;
        return biggerChange(m,
            "the value " + formatNumber(v.value) + " is " + formatNumber(m.seen) + (above ? " above" : " below")
                + " the value one period (" + std::to_string(period) + " points) earlier (" + formatNumber(m.reference)
                + ")",
            "such change");
    }
    case AlarmView::None:
        break;
    }
    return "no alarm";
}

} // namespace od
