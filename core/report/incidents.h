#pragma once
// Flagged points close together form one incident: the unit an on-call engineer acts on. Its
// alarm is its first point.
//
// The rule, one for every program: two consecutive flagged points a < b belong to one incident
// when b - a <= gapPoints, OR (only when gapNanos > 0 and the series has times) when
// times[b] - times[a] <= gapNanos. Put the other way round, an incident ends once the series has
// moved past its last flag a, that is at the first point p with p - a > gapPoints and (with the
// time rule) times[p] - times[a] > gapNanos; a later flag starts a new incident. For ascending
// times both readings agree; with backward steps the second is the one applied, so that a live
// tracker that has closed an incident never has to reopen it. Missing points (NaN) count as
// points and keep their times; they are never flagged, so never start, end or peak an incident.

#include "core/detection.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace od {

// The default gap, in points. One constant so that the measured best value changes one line.
inline constexpr std::size_t kIncidentGapPoints = 50;

struct IncidentRule
{
    std::size_t gapPoints = kIncidentGapPoints;
    std::int64_t gapNanos = 0; // 0: the time rule is off

    bool operator==(const IncidentRule&) const = default;
};

// The rule the programs use when none is given. times is the series' times, for a default that
// follows the sampling interval; today it is kIncidentGapPoints points and no time rule.
IncidentRule defaultIncidentRule(std::span<const std::int64_t> times);

struct Incident
{
    std::size_t startIndex = 0; // the first flagged point: the alarm
    std::size_t endIndex = 0; // the last flagged point
    std::size_t peakIndex = 0; // the flagged point with the highest score (first on ties)
    double peakValue = std::numeric_limits<double>::quiet_NaN();
    double peakScore = std::numeric_limits<double>::quiet_NaN(); // NaN when the scores are unknown
    std::size_t points = 0; // flagged points in it (missing points inside are not counted)
    // Nanoseconds since the epoch, UTC, of startIndex and endIndex, when the series has times.
    std::optional<std::int64_t> startTime;
    std::optional<std::int64_t> endTime;

    // endTime - startTime (0 for a one-point incident), or nothing without times.
    std::optional<std::int64_t> durationNanos() const;
};

// Groups d's flagged points into incidents, in index order. values is the series the detection
// ran on; times is empty or one per value (otherwise the time rule and the times are left out).
// The peak is the flagged point with the highest score; without scores (a pb.Outliers answer),
// the one farthest from the band centre (per point where the detection has one, else its
// constant centre, else the mean of the finite values, the reference rule's own centre).
// Indices out of range, out of order or at a missing value are passed over. O(flags) with the
// points rule alone; the time rule also looks at the points between distant flags (O(n)), as
// does a peak without scores or centre (one pass for the mean).
std::vector<Incident> groupIncidents(
    const Detection& d, std::span<const double> values, std::span<const std::int64_t> times, const IncidentRule& rule);

// One point of a live series, as IncidentTracker takes it.
struct IncidentPoint
{
    std::size_t index = 0; // ascending, one per point of the series (missing points included)
    std::int64_t time = 0; // ignored unless the rule's gapNanos > 0
    bool flagged = false;
    double value = std::numeric_limits<double>::quiet_NaN();
    double score = std::numeric_limits<double>::quiet_NaN(); // NaN when unknown
    // What the peak is measured from when the score is unknown: |value - centre|.
    double centre = std::numeric_limits<double>::quiet_NaN();
};

// The same grouping point by point, for live data: fed every point of a series in order, it
// produces exactly the incidents groupIncidents gives on the whole series (with scores, or with
// the same centres). O(1) per point. Not thread-safe; one per series.
class IncidentTracker
{
public:
    struct Update
    {
        std::optional<Incident> closed; // the gap passed: this incident is over
        std::optional<Incident> opened; // a flag started a new incident (one point so far)
    };

    explicit IncidentTracker(IncidentRule rule, bool withTimes = false);

    // A flag past the gap both closes the open incident and opens the next one.
    Update feed(const IncidentPoint& point);
    // The end of the data: closes the open incident, if any.
    std::optional<Incident> finish();
    // The incident still open (its peak and end as of the last flag), if any.
    const std::optional<Incident>& current() const { return m_open; }

private:
    bool gapPassed(const IncidentPoint& point) const;

    IncidentRule m_rule;
    bool m_withTimes;
    std::optional<Incident> m_open;
    std::int64_t m_lastFlagTime = 0;
    double m_peakRank = 0;
};

} // namespace od
