#include "outliertablemodel.h"

#include "core/explain.h"

#include <cmath>
#include <limits>

OutlierTableModel::OutlierTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

OutlierTableModel::~OutlierTableModel() = default;

void OutlierTableModel::setOutliers(const Dataset& dataset, const std::vector<od::Detection>& detections)
{
    beginResetModel();
    m_rows.clear();
    const std::size_t n = std::min(dataset.series.size(), detections.size());
    for (std::size_t s = 0; s < n; ++s) {
        const od::Series& series = dataset.series[s];
        const od::Detection& d = detections[s];
        const QString name = QString::fromStdString(series.name);
        for (std::size_t k = 0; k < d.indices.size(); ++k) {
            const std::size_t i = d.indices[k];
            if (i >= series.size())
                continue;
            const double score = d.hasScores() ? d.scores[k] : std::numeric_limits<double>::quiet_NaN();
            m_rows.push_back({ name, s, i, series.times[i], formatTime(series.times[i], m_timeDisplay),
                series.values[i], score, QString::fromStdString(od::explainOutlier(d, k, series.values[i])) });
        }
    }
    endResetModel();
}

void OutlierTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void OutlierTableModel::setTimeDisplay(TimeDisplay display)
{
    if (display == m_timeDisplay)
        return;
    m_timeDisplay = display;
    for (Row& row : m_rows)
        row.time = formatTime(row.timeNanos, m_timeDisplay);
    if (!m_rows.empty())
        emit dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), { Qt::DisplayRole });
    emit headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
}

int OutlierTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int OutlierTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutlierTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const bool hasScore = !std::isnan(row.score);
    switch (role) {
    case SeriesIndexRole:
        return qulonglong(row.seriesIndex);
    case PointIndexRole:
        return qulonglong(row.pointIndex);
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeriesColumn:
            return row.series;
        case TimeColumn:
            return row.time;
        case ValueColumn:
            return QString::number(row.value, 'g', 10);
        case ScoreColumn:
            return hasScore ? QString::number(row.score, 'f', 2) : QString();
        case ReasonColumn:
            return row.reason;
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SeriesColumn:
            return row.series;
        case TimeColumn:
            return row.timeNanos;
        case ValueColumn:
            return row.value;
        case ScoreColumn:
            // Rows without a score sort below every scored row.
            return hasScore ? row.score : -std::numeric_limits<double>::infinity();
        case ReasonColumn:
            return row.reason;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn || index.column() == ScoreColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == ScoreColumn && !hasScore)
            return tr("The remote detector gives no score");
        return row.reason;
    }
    return {};
}

QVariant OutlierTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeriesColumn:
        return tr("Series");
    case TimeColumn:
        return m_timeDisplay == TimeDisplay::Utc ? tr("Time (UTC)") : tr("Time (local)");
    case ValueColumn:
        return tr("Value");
    case ScoreColumn:
        return tr("Score");
    case ReasonColumn:
        return tr("Why");
    }
    return {};
}
