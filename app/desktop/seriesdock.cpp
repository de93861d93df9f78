#include "desktop/seriesdock.h"

#include "desktop/models/serieslistmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

SeriesDock::SeriesDock(SeriesListModel* model, QWidget* parent)
    : QDockWidget(tr("Series"), parent)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
{
    setObjectName(QStringLiteral("seriesDock"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(SeriesListModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(SeriesListModel::NameColumn);

    m_filter->setObjectName(QStringLiteral("seriesFilter"));
    m_filter->setPlaceholderText(tr("Filter series"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("seriesView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SeriesListModel::OutliersColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(SeriesListModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(SeriesListModel::PointsColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(SeriesListModel::OutliersColumn, QHeaderView::ResizeToContents);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (current.isValid())
                emit currentSeriesChanged(current.data(SeriesListModel::SeriesIndexRole).toULongLong());
            else
                emit currentSeriesChanged(std::nullopt);
        });

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    setWidget(body);
}

void SeriesDock::findSeries()
{
    show();
    raise();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}
