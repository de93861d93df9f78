#include "desktop/data/followincidents.h"

#include <algorithm>
#include <span>

FollowIncidents::FollowIncidents(QObject* parent)
    : QObject(parent)
{ }

void FollowIncidents::reset()
{
    m_tracks.clear();
    m_history = true;
}

FollowIncidents::Track& FollowIncidents::trackOf(const od::Series& series)
{
    const auto it
        = std::find_if(m_tracks.begin(), m_tracks.end(), [&](const Track& t) { return t.name == series.name; });
    if (it != m_tracks.end())
        return *it;
    // The rule of the whole series, as the table groups it, so that both tell the same story;
    // with times kept, so that the incidents reported say when.
    const od::IncidentRule rule = od::defaultIncidentRule(std::span<const std::int64_t>(series.times));
    return m_tracks.emplace_back(Track { series.name, od::IncidentTracker(rule, !series.times.empty()), 0 });
}

void FollowIncidents::update(const Dataset& dataset, const std::vector<od::Detection>& detections)
{
    const bool quiet = std::exchange(m_history, false);
    const std::size_t n = std::min(dataset.series.size(), detections.size());
    for (std::size_t s = 0; s < n; ++s) {
        const od::Series& series = dataset.series[s];
        const od::Detection& d = detections[s];
        Track& track = trackOf(series);
        const QString name = QString::fromStdString(series.name);
        // The flags at or after the first new point, walked alongside the points.
        auto flag = std::lower_bound(d.indices.begin(), d.indices.end(), track.fed);
        for (std::size_t i = track.fed; i < series.size(); ++i) {
            od::IncidentPoint p;
            p.index = i;
            p.time = i < series.times.size() ? series.times[i] : 0;
            p.value = series.values[i];
            p.flagged = flag != d.indices.end() && *flag == i;
            if (p.flagged) {
                const std::size_t k = std::size_t(flag - d.indices.begin());
                p.score = d.hasScores() ? d.scores[k] : p.score;
                p.centre = d.centreAt(i);
                ++flag;
            }
            const od::IncidentTracker::Update u = track.tracker.feed(p);
            if (quiet)
                continue;
            if (u.closed && u.closed->startTime && u.closed->endTime)
                emit incidentClosed(name, *u.closed->startTime, *u.closed->endTime);
            if (u.opened)
                emit incidentOpened(name, u.opened->startTime.value_or(p.time));
        }
        track.fed = std::max(track.fed, series.size());
    }
}

std::size_t FollowIncidents::openIncidents() const
{
    return std::size_t(std::count_if(
        m_tracks.begin(), m_tracks.end(), [](const Track& t) { return t.tracker.current().has_value(); }));
}
