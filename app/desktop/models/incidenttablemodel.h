#pragma once
// The incidents of every series as table rows: series, start (UTC or local time), duration,
// flagged points, peak value and score, why the detector flagged the peak, and the note of an
// acknowledgement. Acknowledged rows stay, greyed, and leave the counts. Like the outliers
// table, the model sorts itself on raw numbers.

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/seriesincidents.h"
#include "chart/timedisplay.h"
#include "desktop/models/selfsortingtablemodel.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

// One row of the incidents table: where its incident is, and its acknowledgement.
struct IncidentTableRow
{
    std::uint32_t series; // position in the dataset
    std::uint32_t k; // position in the series' incidents
    std::optional<QString> note; // set: acknowledged
};

class IncidentTableModel : public SelfSortingTableModel<IncidentTableRow>
{
    Q_OBJECT
public:
    enum Column {
        SeriesColumn,
        StartColumn,
        DurationColumn,
        PointsColumn,
        PeakValueColumn,
        PeakScoreColumn,
        ReasonColumn,
        AcknowledgedColumn,
        ColumnCount
    };
    // The raw value behind a cell (qint64 nanoseconds for start and duration, numbers as
    // numbers), for sorting.
    static constexpr int SortRole = Qt::UserRole;
    // The series' position in the dataset, and the incident's position in that series' list.
    static constexpr int SeriesIndexRole = Qt::UserRole + 1;
    static constexpr int IncidentIndexRole = Qt::UserRole + 2;
    static constexpr int AcknowledgedRole = Qt::UserRole + 3; // bool

    // The note of an incident's acknowledgement, if it has one (an empty note acknowledges too).
    using NoteLookup = std::function<std::optional<QString>(std::size_t series, const od::Incident&)>;

    explicit IncidentTableModel(QObject* parent = nullptr);
    ~IncidentTableModel() override;

    // (*incidents)[i] groups (*detections)[i]'s flags on dataset->series[i]; all three are kept,
    // shared. noteOf tells which incidents are acknowledged.
    void setIncidents(const DatasetPtr& dataset, const DetectionsPtr& detections,
        std::shared_ptr<const SeriesIncidents> incidents, const NoteLookup& noteOf = {});
    void clear();
    void setTimeDisplay(TimeDisplay display);
    TimeDisplay timeDisplay() const { return m_timeDisplay; }

    const DatasetPtr& dataset() const { return m_dataset; }
    const std::shared_ptr<const SeriesIncidents>& incidents() const { return m_incidents; }
    std::size_t seriesOf(int row) const;
    const od::Incident& incident(int row) const;
    bool isAcknowledged(int row) const;
    QString note(int row) const;
    // Acknowledges the row's incident with note, or (nothing) takes the acknowledgement back.
    void setAcknowledged(int row, std::optional<QString> note);

    // Incidents not acknowledged, and the flagged points in them.
    std::size_t activeIncidents() const;
    std::size_t activePoints() const;
    // What the chart shades: every incident with times, acknowledged ones marked so.
    IncidentSpansPtr spans() const;
    // The time range (UTC milliseconds) that shows the row's incident with some of the series
    // around it: half its length on either side, and at least 20 points.
    std::pair<qint64, qint64> viewRange(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    using Row = IncidentTableRow;
    QString headerText(int column) const override;
    bool sameItem(const Row& a, const Row& b) const override { return a.series == b.series && a.k == b.k; }
    void applySort() override;
    const od::Incident& incidentOf(const Row& row) const { return (*m_incidents)[row.series][row.k]; }
    std::optional<std::int64_t> start(const Row& row) const;
    std::optional<std::int64_t> duration(const Row& row) const;
    QString reason(const Row& row) const;
    QVariant sortKey(const Row& row, int column) const;

    DatasetPtr m_dataset;
    DetectionsPtr m_detections;
    std::shared_ptr<const SeriesIncidents> m_incidents;
    std::vector<QString> m_names; // per series
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
};
