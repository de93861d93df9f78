#pragma once
// The outliers of every series as table rows: series, time (ISO 8601, in UTC or local time),
// value, score, and why the point was flagged, in words. A row is three numbers; its text is
// made when a cell is shown, so that hundreds of thousands of outliers (a loose threshold on
// ten million points) cost the GUI thread milliseconds, not seconds. The model sorts itself on
// raw numbers (no QSortFilterProxyModel, which would compare QVariants millions of times).

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/timedisplay.h"

#include "core/detection.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

class OutlierTableModel : public QAbstractTableModel
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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    struct Row
    {
        std::uint32_t series; // position in the dataset
        std::uint32_t k; // position in the series' Detection
        std::size_t point; // index in the series
    };
    double score(const Row& row) const; // NaN when the detector gave none
    QString reason(const Row& row) const;
    void applySort();

    DatasetPtr m_dataset;
    DetectionsPtr m_detections;
    std::vector<QString> m_names; // per series
    std::vector<Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
};
