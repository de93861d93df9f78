#include "desktop/models/serieslistmodel.h"

#include "chart/chartviewstate.h"
#include "chart/theme.h"

#include <QLocale>

SeriesListModel::SeriesListModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_state(new ChartViewState(this))
    , m_ownState(m_state)
{
    setViewState(m_state);
}

void SeriesListModel::setViewState(ChartViewState* state)
{
    disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    // A chart's legend or a test may show or hide a series too: the check box follows.
    connect(state, &ChartViewState::shownChanged, this, [this](std::size_t series, bool shown) {
        if (series < m_rows.size()) {
            const QModelIndex at = index(int(series), NameColumn);
            emit dataChanged(at, at, { Qt::CheckStateRole });
        }
        emit shownChanged(series, shown);
    });
    if (!m_rows.empty())
        emit dataChanged(index(0, NameColumn), index(rowCount() - 1, NameColumn), { Qt::CheckStateRole });
}

void SeriesListModel::setDataset(const DatasetPtr& dataset)
{
    // A state of its own starts afresh; a shared one is reset by whoever shows the new data.
    if (m_state == m_ownState)
        m_state->resetForNewData();
    beginResetModel();
    m_rows.clear();
    if (dataset) {
        for (std::size_t i = 0; i < dataset->series.size(); ++i) {
            const od::Series& s = dataset->series[i];
            m_rows.push_back({ QString::fromStdString(s.name), s.size(), -1 });
        }
    }
    endResetModel();
}

void SeriesListModel::setGrownDataset(const DatasetPtr& dataset)
{
    if (!dataset || dataset->series.size() < m_rows.size()) {
        setDataset(dataset);
        return;
    }
    // The rows there were keep their check boxes; their point counts grow.
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rows[i].points = dataset->series[i].size();
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    if (dataset->series.size() > m_rows.size()) {
        beginInsertRows({}, rowCount(), static_cast<int>(dataset->series.size()) - 1);
        for (std::size_t i = m_rows.size(); i < dataset->series.size(); ++i) {
            const od::Series& s = dataset->series[i];
            m_rows.push_back({ QString::fromStdString(s.name), s.size(), -1 });
        }
        endInsertRows();
    }
}

void SeriesListModel::setDetections(const std::vector<od::Detection>& detections)
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        m_rows[i].outliers = i < detections.size() ? qint64(detections[i].indices.size()) : -1;
    if (!m_rows.empty())
        emit dataChanged(index(0, OutliersColumn), index(rowCount() - 1, OutliersColumn));
}

bool SeriesListModel::isShown(std::size_t series) const
{
    return series < m_rows.size() && m_state->isShown(series);
}

int SeriesListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SeriesListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeriesListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == SeriesIndexRole)
        return index.row();
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return row.name;
        if (role == Qt::CheckStateRole)
            return m_state->isShown(static_cast<std::size_t>(index.row())) ? Qt::Checked : Qt::Unchecked;
        // The chart's colour for the palette in use now, light or dark.
        if (role == Qt::DecorationRole)
            return seriesColour(std::size_t(index.row()));
        break;
    case PointsColumn:
        if (role == Qt::DisplayRole)
            return QLocale().toString(qulonglong(row.points));
        if (role == SortRole)
            return qulonglong(row.points);
        break;
    case OutliersColumn:
        if (role == Qt::DisplayRole)
            return row.outliers < 0 ? QString() : QLocale().toString(row.outliers);
        if (role == SortRole)
            return row.outliers;
        break;
    }
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool SeriesListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != NameColumn || role != Qt::CheckStateRole)
        return false;
    // The state announces the change; the check box and shownChanged follow from there.
    m_state->setShown(static_cast<std::size_t>(index.row()), value.value<Qt::CheckState>() == Qt::Checked);
    return true;
}

Qt::ItemFlags SeriesListModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant SeriesListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Series");
    case PointsColumn:
        return tr("Points");
    case OutliersColumn:
        return tr("Outliers");
    }
    return {};
}
