#pragma once
// The outliers of every series as table rows: series, time (ISO 8601, in UTC or local time),
// value, score, and why the point was flagged, in words. A row is three numbers; its text is
// made when a cell is shown, so that hundreds of thousands of outliers (a loose threshold on
// ten million points) cost the GUI thread milliseconds, not seconds. The model sorts itself on
// raw numbers (no QSortFilterProxyModel, which would compare QVariants millions of times).

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/timedisplay.h"
#include "desktop/models/selfsortingtablemodel.h"

#include "core/detection.h"

#include <cstdint>
#include <vector>

// One row of the outliers table: where its outlier is.
struct OutlierTableRow
{
    std::uint32_t series; // position in the dataset
    std::uint32_t k; // position in the series' Detection
    std::size_t point; // index in the series
};

class OutlierTableModel : public SelfSortingTableModel<OutlierTableRow>
{
    Q_OBJECT
public:
    enum Column { SeriesColumn, TimeColumn, ValueColumn, ScoreColumn, ReasonColumn, ColumnCount };
    // The raw value behind a cell (qint64 nanoseconds for time, double for value and score), for
    // sorting numbers as numbers.
    static constexpr int SortRole = Qt::UserRole;
    // Where a row's point is: the series' position in the dataset and the point's index in it.
    static constexpr int SeriesIndexRole = Qt::UserRole + 1;
    static constexpr int PointIndexRole = Qt::UserRole + 2;

    explicit OutlierTableModel(QObject* parent = nullptr);
    ~OutlierTableModel() override;

    // (*detections)[i] belongs to dataset->series[i] (or to a shorter earlier state of it: a
    // followed file). Both are kept, shared, for the cells' text.
    void setOutliers(const DatasetPtr& dataset, const DetectionsPtr& detections);
    void clear();
    // Rewrites the time column (and its header) in UTC or local time; rows stay where they are.
    void setTimeDisplay(TimeDisplay display);
    TimeDisplay timeDisplay() const { return m_timeDisplay; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    using Row = OutlierTableRow;
    QString headerText(int column) const override;
    bool sameItem(const Row& a, const Row& b) const override { return a.series == b.series && a.k == b.k; }
    void applySort() override;
    double score(const Row& row) const; // NaN when the detector gave none
    QString reason(const Row& row) const;

    DatasetPtr m_dataset;
    DetectionsPtr m_detections;
    std::vector<QString> m_names; // per series
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
};
