#include "core/report/incidents.h"

#include <cmath>

namespace od {
namespace {

    constexpr double kNoRank = -std::numeric_limits<double>::infinity();

    // How strongly a flagged point stands out, for choosing the peak: its score where known, else
    // its distance from the centre. Unknown (NaN) ranks lowest, so it never beats a known one.
    double peakRank(double score, double value, double centre)
    {
        const double rank = std::isnan(score) ? std::fabs(value - centre) : score;
        return std::isnan(rank) ? kNoRank : rank;
    }

    Incident openIncident(std::size_t index, double value, double score, std::optional<std::int64_t> time)
    {
        Incident in;
        in.startIndex = in.endIndex = in.peakIndex = index;
        in.peakValue = value;
        in.peakScore = score;
        in.points = 1;
        in.startTime = in.endTime = time;
        return in;
    }

    // Adds a flag to an incident; ties keep the earlier peak.
    void extend(Incident& in, double& bestRank, std::size_t index, double value, double score, double rank,
        std::optional<std::int64_t> time)
    {
        in.endIndex = index;
        in.endTime = time;
        ++in.points;
        if (rank > bestRank) {
            bestRank = rank;
            in.peakIndex = index;
            in.peakValue = value;
            in.peakScore = score;
        }
    }

    double meanOfFinite(std::span<const double> values)
    {
        double sum = 0;
        std::size_t n = 0;
        for (const double v : values) {
            if (std::isfinite(v)) {
                sum += v;
                ++n;
            }
        }
        return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
    }

} // namespace

IncidentRule defaultIncidentRule(std::span<const std::int64_t>)
{
    return IncidentRule { kIncidentGapPoints, 0 };
}

std::optional<std::int64_t> Incident::durationNanos() const
{
    if (!startTime || !endTime)
        return std::nullopt;
    return *endTime - *startTime;
}

std::vector<Incident> groupIncidents(
    const Detection& d, std::span<const double> values, std::span<const std::int64_t> times, const IncidentRule& rule)
{
    const bool withTimes = !times.empty() && times.size() == values.size();
    const bool timeRule = withTimes && rule.gapNanos > 0;
    const bool withScores = d.hasScores();
    std::optional<double> seriesMean; // computed only when neither scores nor a centre are known
    auto centreAt = [&](std::size_t i) {
        if (const double c = d.centreAt(i); std::isfinite(c))
            return c;
        if (std::isfinite(d.centre))
            return d.centre;
        if (!seriesMean)
            seriesMean = meanOfFinite(values);
        return *seriesMean;
    };
    // True when the series moves past the gap somewhere after flag a, up to and including b.
    auto gapPassed = [&](std::size_t a, std::size_t b) {
        if (b - a <= rule.gapPoints)
            return false;
        if (!timeRule)
            return true;
        for (std::size_t p = a + rule.gapPoints + 1; p <= b; ++p) {
            if (times[p] - times[a] > rule.gapNanos)
                return true;
        }
        return false;
    };

    std::vector<Incident> out;
    double bestRank = kNoRank;
    bool haveLast = false;
    std::size_t last = 0;
    for (std::size_t k = 0; k < d.indices.size(); ++k) {
        const std::size_t i = d.indices[k];
        if (i >= values.size() || (haveLast && i <= last) || std::isnan(values[i]))
            continue;
        const double value = values[i];
        const double score = withScores ? d.scores[k] : std::numeric_limits<double>::quiet_NaN();
        const double rank = peakRank(score, value, std::isnan(score) ? centreAt(i) : 0.0);
        const auto time = withTimes ? std::optional<std::int64_t>(times[i]) : std::nullopt;
        if (haveLast && !gapPassed(last, i)) {
            extend(out.back(), bestRank, i, value, score, rank, time);
        } else {
            out.push_back(openIncident(i, value, score, time));
            bestRank = rank;
        }
        haveLast = true;
        last = i;
    }
    return out;
}

IncidentTracker::IncidentTracker(IncidentRule rule, bool withTimes)
    : m_rule(rule)
    , m_withTimes(withTimes)
{ }

bool IncidentTracker::gapPassed(const IncidentPoint& point) const
{
    if (point.index - m_open->endIndex <= m_rule.gapPoints)
        return false;
    return !(m_withTimes && m_rule.gapNanos > 0) || point.time - m_lastFlagTime > m_rule.gapNanos;
}

IncidentTracker::Update IncidentTracker::feed(const IncidentPoint& point)
{
    Update update;
    if (m_open && point.index > m_open->endIndex && gapPassed(point)) {
        update.closed = std::move(m_open);
        m_open.reset();
    }
    if (!point.flagged || std::isnan(point.value) || (m_open && point.index <= m_open->endIndex))
        return update;
    const auto time = m_withTimes ? std::optional<std::int64_t>(point.time) : std::nullopt;
    const double rank = peakRank(point.score, point.value, point.centre);
    if (m_open) {
        extend(*m_open, m_peakRank, point.index, point.value, point.score, rank, time);
    } else {
        m_open = openIncident(point.index, point.value, point.score, time);
        m_peakRank = rank;
        update.opened = m_open;
    }
    m_lastFlagTime = point.time;
    return update;
}

std::optional<Incident> IncidentTracker::finish()
{
    std::optional<Incident> closed = std::move(m_open);
    m_open.reset();
    return closed;
}

} // namespace od
