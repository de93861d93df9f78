#pragma once
// The statistics of a selected time span (Ctrl+drag over the chart), one row per series shown:
// count, missing, min, max, mean, median, p95, p99, std, outliers and incidents in the span.
// Copy as TSV puts the table on the clipboard for a spreadsheet or a ticket. It follows the
// chart area: a new span, a span cleared (Esc), a series shown or hidden, a new detection.

#include <QDockWidget>

class ChartArea;
class QLabel;
class QPushButton;
class QTableWidget;

class SpanStatsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit SpanStatsDock(ChartArea* area, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    // The table as copied: a header row and a row per series, tab-separated.
    QString tsv() const { return m_tsv; }

    // Reads the span and its statistics from the chart area again.
    void refresh();

private:
    ChartArea* m_area;
    QLabel* m_label;
    QTableWidget* m_table;
    QPushButton* m_copy;
    QString m_tsv;
};
