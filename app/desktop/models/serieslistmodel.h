#pragma once
// The loaded series as rows of the series dock: a check box (shown on the chart or not) with
// the series' colour, its name, its point count and its outlier count. Whether a series is
// shown lives in a ChartViewState (the one the charts read), not in the rows.

#include "chart/dataset.h"

#include "core/detection.h"

#include <QAbstractTableModel>
#include <QColor>

#include <vector>

class ChartViewState;

class SeriesListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, PointsColumn, OutliersColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int SeriesIndexRole = Qt::UserRole + 1;

    explicit SeriesListModel(QObject* parent = nullptr);
    // Reads and sets what is shown in state from now on (not owned); by default its own.
    void setViewState(ChartViewState* state);

    void setDataset(const DatasetPtr& dataset);
    // detections[i] belongs to series i; an empty vector means not detected yet.
    // The same series with more rows, maybe new series at the end (a followed file): check
    // boxes and outlier counts stay, point counts grow, new series come in shown.
    void setGrownDataset(const DatasetPtr& dataset);
    void setDetections(const std::vector<od::Detection>& detections);
    bool isShown(std::size_t series) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void shownChanged(std::size_t series, bool shown);

private:
    struct Row
    {
        QString name;
        std::size_t points = 0;
        qint64 outliers = -1; // -1: not detected yet
    };
    std::vector<Row> m_rows;
    ChartViewState* m_state;
    ChartViewState* m_ownState;
};
