#pragma once
// The live prices pane's table of figures, one row per symbol: last price, change since the
// first tick, ticks per second, unusual ticks, incidents and the stream's state.

#include <QTableWidget>

struct StockSymbol;

class StockTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit StockTable(QWidget* parent = nullptr);

    // A row for symbol at the end, its name in colour (the chart's line colour); sets symbol.row.
    void addSymbol(StockSymbol& symbol, const QColor& colour);
    // Writes symbol's figures into its row; the rate only when withRate (it is measured apart).
    void updateRow(const StockSymbol& symbol, bool withRate);
};
