#pragma once
// Incidents of a followed file as they happen: after each detection of the grown file, the
// points that arrived since the last one are fed, in order, to one od::IncidentTracker per
// series. A flag that starts an incident is reported once (incidentOpened), and the gap passing
// after it once (incidentClosed). What the file held when following began is fed silently: it
// is history, not news.

#include "chart/dataset.h"

#include "core/detection.h"
#include "core/report/incidents.h"

#include <QObject>
#include <QString>

#include <string>
#include <vector>

class FollowIncidents : public QObject
{
    Q_OBJECT
public:
    explicit FollowIncidents(QObject* parent = nullptr);

    // Forgets every series: the next update() is taken as history.
    void reset();
    // detections[i] judged dataset.series[i] (a followed file as it stood then; later datasets
    // only add rows). Feeds each series' points not fed yet.
    void update(const Dataset& dataset, const std::vector<od::Detection>& detections);

    // Series with an incident open now (its gap has not passed yet).
    std::size_t openIncidents() const;

signals:
    void incidentOpened(const QString& series, qint64 startNs);
    void incidentClosed(const QString& series, qint64 startNs, qint64 endNs);

private:
    struct Track
    {
        std::string name;
        od::IncidentTracker tracker;
        std::size_t fed = 0; // points fed so far
    };
    Track& trackOf(const od::Series& series);

    std::vector<Track> m_tracks;
    bool m_history = true; // the next update() is what the file held already
};
