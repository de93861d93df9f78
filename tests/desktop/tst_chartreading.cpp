// Reading the chart in the window: the value scale and the alignment are View menu choices that
// a restart keeps; a picked outlier row draws its series' band and rings its point; Ctrl+drag
// over the chart fills the Span Statistics dock, whose Copy as TSV gives the same numbers; Esc
// clears the span.

#include "chart/chartviewstate.h"
#include "chart/metricchartview.h"
#include "desktop/chartarea.h"
#include "desktop/detection/detectorchoice.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/spanstatsdock.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QCategoryAxis>
#include <QClipboard>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QValueAxis>

class TestChartReading : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")), QStringLiteral("OutlierDeskChartReadingTest"));
    }

    void init() { QSettings().clear(); }

    void scaleAndAlignmentAreRemembered()
    {
        {
            auto window = windowWithFile(QStringLiteral(OD_SAMPLE));
            MetricChartView* chart = window->chartView();
            QVERIFY(chart->valueAxis()->titleText().isEmpty());
            window->findChild<QAction*>(QStringLiteral("valueScale-normalised"))->trigger();
            QCOMPARE(chart->viewState()->valueScale(), ValueScale::Normalised);
            QVERIFY(chart->valueAxis()->max() < 110);
            window->findChild<QAction*>(QStringLiteral("alignAction"))->trigger();
            QCOMPARE(chart->timeAxis()->titleText(), QStringLiteral("Time since each file's start"));
            QVERIFY(chart->timeAxis()->categoriesLabels().front().startsWith(QLatin1Char('+')));
        }
        auto again = windowWithFile(QStringLiteral(OD_SAMPLE));
        QVERIFY(again->findChild<QAction*>(QStringLiteral("valueScale-normalised"))->isChecked());
        QVERIFY(again->findChild<QAction*>(QStringLiteral("alignAction"))->isChecked());
        QCOMPARE(again->chartView()->viewState()->valueScale(), ValueScale::Normalised);
        QCOMPARE(again->chartView()->viewState()->alignment(), TimeAlignment::FileStart);
        QCOMPARE(again->chartView()->timeAxis()->min(), 0.0);
    }

    void pickedRowDrawsItsBandAndRingsItsPoint()
    {
        // zscore's band is the same everywhere, so it is in view wherever the row is.
        auto window = windowWithFile(QStringLiteral(OD_SAMPLE), [](MainWindow& w) {
            DetectorChoice choice;
            choice.method = QStringLiteral("zscore");
            choice.threshold = 2;
            w.detectorPanel()->setChoice(choice);
        });
        MetricChartView* chart = window->chartView();
        QVERIFY(chart->lineSeries().size() > 1);
        QVERIFY(!chart->band()->isVisible()); // several series, none picked
        auto* table = window->findChild<QTableView*>(QStringLiteral("outlierView"));
        QVERIFY(table->model()->rowCount() > 0);
        const QModelIndex row = table->model()->index(0, 0);
        const auto series = std::size_t(row.data(OutlierTableModel::SeriesIndexRole).toULongLong());
        const auto point = std::size_t(row.data(OutlierTableModel::PointIndexRole).toULongLong());
        table->setCurrentIndex(row);
        emit table->clicked(row);
        QCOMPARE(chart->bandShownFor(), std::optional<std::size_t>(series));
        QCOMPARE(chart->highlight()->count(), 1);
        QCOMPARE(chart->highlight()->at(0), *chart->drawnPoint(series, point));
        QCOMPARE(chart->band()->name(), QStringLiteral("band: zscore (k 2)"));
    }

    void spanStatisticsDockAndCopy()
    {
        auto window = windowWithFile(QStringLiteral(OD_SAMPLE));
        auto* dock = window->findChild<SpanStatsDock*>(QStringLiteral("spanStatsDock"));
        QVERIFY(dock && !dock->isVisible());
        MetricChartView* chart = window->chartView();
        const QRectF plot = chart->plotArea();
        const int y = int(plot.center().y());
        const QPoint from(int(plot.left() + plot.width() * 0.3), y), to(int(plot.left() + plot.width() * 0.6), y);
        QTest::mousePress(chart->viewport(), Qt::LeftButton, Qt::ControlModifier, from);
        QTest::mouseMove(chart->viewport(), to);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, Qt::ControlModifier, to);
        QVERIFY(chart->hasSpan());
        QVERIFY(dock->isVisible());
        const std::vector<SpanStatistics> stats = window->chartArea()->spanStatistics();
        QCOMPARE(std::size_t(dock->table()->rowCount()), stats.size());
        QCOMPARE(stats.size(), chart->lineSeries().size());
        QVERIFY(stats.front().count > 0);
        dock->findChild<QPushButton*>(QStringLiteral("copySpanStats"))->click();
        QCOMPARE(QApplication::clipboard()->text(), spanStatisticsTsv(stats));

        // Esc on the chart clears the span (and does not cancel anything else).
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Escape);
        QVERIFY(!chart->hasSpan());
        QCOMPARE(dock->table()->rowCount(), 0);
    }
};

QTEST_MAIN(TestChartReading)
#include "tst_chartreading.moc"
