#include "desktop/panes/stock/stocktable.h"

#include "chart/theme.h"

#include "desktop/panes/stock/stocksymbol.h"

#include <QHeaderView>
#include <QLocale>

namespace {

enum Column {
    SymbolColumn,
    LastColumn,
    ChangeColumn,
    RateColumn,
    UnusualColumn,
    IncidentsColumn,
    StateColumn,
    ColumnCount
};

} // namespace

StockTable::StockTable(QWidget* parent)
    : QTableWidget(0, ColumnCount, parent)
{
    setObjectName(QStringLiteral("stockTable"));
    setHorizontalHeaderLabels(
        { tr("Symbol"), tr("Last"), tr("Change"), tr("Ticks/s"), tr("Unusual"), tr("Incidents"), tr("State") });
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(StateColumn, QHeaderView::Stretch);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    setMaximumHeight(6 * (fontMetrics().height() + 6) + 8);
    setWordWrap(false);
}

void StockTable::addSymbol(StockSymbol& symbol, const QColor& colour)
{
    symbol.row = rowCount();
    insertRow(symbol.row);
    for (int c = 0; c < ColumnCount; ++c) {
        auto* cell = new QTableWidgetItem;
        if (c != SymbolColumn && c != StateColumn)
            cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(symbol.row, c, cell);
    }
    item(symbol.row, SymbolColumn)->setText(symbol.name);
    item(symbol.row, SymbolColumn)->setData(Qt::DecorationRole, colour);
}

void StockTable::updateRow(const StockSymbol& symbol, bool withRate)
{
    const QLocale locale;
    const auto& series = symbol.series;
    if (series.received() > 0) {
        const double change = series.lastPrice() - series.firstPrice();
        const double percent = series.firstPrice() != 0 ? 100.0 * change / series.firstPrice() : 0.0;
        item(symbol.row, LastColumn)->setText(locale.toString(series.lastPrice(), 'f', 2));
        auto* changeItem = item(symbol.row, ChangeColumn);
        changeItem->setText(QStringLiteral("%1%2 (%1%3%)")
                                .arg(change >= 0 ? QStringLiteral("+") : QString(), locale.toString(change, 'f', 2),
                                    locale.toString(percent, 'f', 2)));
        const bool dark = isDarkPalette(palette()); // a green and a red that read on either background
        changeItem->setForeground(change >= 0 ? (dark ? QColor(0x5c, 0xd0, 0x7a) : QColor(0x1a, 0x7f, 0x37))
                                              : (dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x20, 0x20)));
        changeItem->setToolTip(tr("Since the first tick, %1").arg(locale.toString(series.firstPrice(), 'f', 2)));
        item(symbol.row, UnusualColumn)->setText(locale.toString(series.flagged()));
        // Unusual ticks close together are one incident; an open one may still grow.
        const LiveIncidents& incidents = series.incidents();
        auto* incidentsItem = item(symbol.row, IncidentsColumn);
        incidentsItem->setText(incidents.isOpen()
                ? tr("%1 (1 open)").arg(locale.toString(qulonglong(incidents.total())))
                : locale.toString(qulonglong(incidents.total())));
        incidentsItem->setToolTip(
            tr("%1 closed; %2")
                .arg(locale.toString(qulonglong(incidents.closed())),
                    incidents.isOpen()
                        ? tr("one open, until %1 ticks pass without an unusual one").arg(od::kIncidentGapPoints)
                        : tr("none open")));
    }
    if (withRate)
        item(symbol.row, RateColumn)->setText(locale.toString(symbol.rate, 'f', symbol.rate < 10 ? 1 : 0));
    item(symbol.row, StateColumn)->setText(symbol.state);
    item(symbol.row, StateColumn)->setToolTip(symbol.state);
}
