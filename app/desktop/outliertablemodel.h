#pragma once
// The outliers of every series as table rows: series, time (ISO 8601, in UTC or local time),
// value, score, and why the point was flagged, in words.

#include "dataset.h"
#include "timedisplay.h"

#include "core/detection.h"

#include <QAbstractTableModel>

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

    // detections[i] belongs to dataset.series[i].
    void setOutliers(const Dataset& dataset, const std::vector<od::Detection>& detections);
    void clear();
    // Rewrites the time column (and its header) in UTC or local time; rows stay where they are.
    void setTimeDisplay(TimeDisplay display);
    TimeDisplay timeDisplay() const { return m_timeDisplay; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString series;
        std::size_t seriesIndex;
        std::size_t pointIndex;
        qint64 timeNanos;
        QString time;
        double value;
        double score; // NaN when the detector gave none
        QString reason;
    };
    std::vector<Row> m_rows;
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
};
