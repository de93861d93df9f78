#include "desktop/outlierview.h"

#include "desktop/models/outliertablemodel.h"
#include "desktop/models/tabletext.h"

#include <QHeaderView>

OutlierView::OutlierView(OutlierTableModel* model, QWidget* parent)
    : QTableView(parent)
{
    setObjectName(QStringLiteral("outlierView"));
    setModel(model); // it sorts itself, on raw numbers
    setSortingEnabled(true);
    sortByColumn(OutlierTableModel::TimeColumn, Qt::AscendingOrder);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // A Why longer than its cell keeps its start and its closing figures; the tooltip holds it all.
    setTextElideMode(Qt::ElideMiddle);
    // Numbers stay next to their series and time; the explanation takes the rest of the width.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    setColumnWidth(OutlierTableModel::SeriesColumn, 150);
    setColumnWidth(OutlierTableModel::TimeColumn, 180);
    setColumnWidth(OutlierTableModel::ValueColumn, 90);
    setColumnWidth(OutlierTableModel::ScoreColumn, 70);

    const auto pick = [this](const QModelIndex& index) {
        if (index.isValid())
            emit outlierPicked(index.data(OutlierTableModel::SeriesIndexRole).toULongLong(),
                index.data(OutlierTableModel::PointIndexRole).toULongLong());
    };
    connect(this, &QTableView::activated, this, pick);
    connect(this, &QTableView::clicked, this, pick);
}

void OutlierView::fitTimeColumn(TimeDisplay display)
{
    const int needed = fontMetrics().horizontalAdvance(formatTime(0, display)) + 32;
    if (columnWidth(OutlierTableModel::TimeColumn) < needed)
        setColumnWidth(OutlierTableModel::TimeColumn, needed);
}

QString OutlierView::selectionAsText(int* selected) const
{
    const QModelIndexList rows = selectionModel()->selectedRows();
    *selected = int(rows.size());
    return rowsAsTsv(*model(), rows);
}
