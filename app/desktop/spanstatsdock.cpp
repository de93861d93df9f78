#include "desktop/spanstatsdock.h"

#include "desktop/chartarea.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

SpanStatsDock::SpanStatsDock(ChartArea* area, QWidget* parent)
    : QDockWidget(tr("Span Statistics"), parent)
    , m_area(area)
    , m_label(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_copy(new QPushButton(tr("&Copy as TSV"), this))
{
    setObjectName(QStringLiteral("spanStatsDock"));
    m_label->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("spanStatsTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_copy->setObjectName(QStringLiteral("copySpanStats"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_tsv); });

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_label);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_copy, 0, Qt::AlignRight);
    setWidget(body);

    connect(area, &ChartArea::spanChanged, this, [this] {
        refresh();
        // A new span is worth a look; clearing it leaves the dock where the user put it.
        if (m_area->viewState()->span())
            show();
    });
    // A few rows of figures: the chart keeps most of the height (the first time; after that the
    // dock keeps the height the user gave it).
    connect(this, &QDockWidget::visibilityChanged, this, [this, sized = false](bool visible) mutable {
        auto* window = qobject_cast<QMainWindow*>(parentWidget());
        if (visible && !sized && window && height() > 220)
            window->resizeDocks({ this }, { 200 }, Qt::Vertical);
        sized = sized || visible;
    });
    refresh();
}

void SpanStatsDock::refresh()
{
    const std::vector<SpanStatistics> rows = m_area->spanStatistics();
    m_tsv = rows.empty() ? QString() : spanStatisticsTsv(rows);
    m_copy->setEnabled(!rows.empty());
    m_label->setText(m_area->viewState()->span()
            ? tr("%1. Esc on the chart clears it.").arg(m_area->spanText())
            : tr("Ctrl+drag across the chart to select a time span and see its statistics here."));
    const QStringList lines = m_tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    m_table->clear();
    m_table->setRowCount(std::max<int>(0, int(lines.size()) - 1));
    m_table->setColumnCount(lines.isEmpty() ? 0 : int(lines.front().count(QLatin1Char('\t'))) + 1);
    if (lines.isEmpty())
        return;
    m_table->setHorizontalHeaderLabels(lines.front().split(QLatin1Char('\t')));
    for (int r = 1; r < lines.size(); ++r) {
        const QStringList cells = lines[r].split(QLatin1Char('\t'));
        for (int c = 0; c < cells.size(); ++c) {
            // The table shows what is copied, numbers shortened to 6 digits for the eye.
            bool number = false;
            const double value = cells[c].toDouble(&number);
            auto* item = new QTableWidgetItem(
                c > 0 && number && !std::isnan(value) ? QString::number(value, 'g', 6) : cells[c]);
            item->setToolTip(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r - 1, c, item);
        }
    }
    m_table->resizeColumnsToContents();
}
