// View > Stacked Charts on the real window: one chart per shown series on one time range.
// Zooming, panning or Ctrl+0 in any chart moves them all, the plots line up, the series list,
// the table, Follow Changes, the clock, the theme and export reach every chart, many series
// scroll, and the choice is remembered.

#include "chart/chartcaption.h"
#include "chart/metricchartview.h"
#include "chart/theme.h"
#include "desktop/chartarea.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/serieslistmodel.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>
#include <ctime>
#include <memory>

namespace {

std::vector<std::vector<std::size_t>> seriesOfEach(const std::vector<MetricChartView*>& charts)
{
    std::vector<std::vector<std::size_t>> out;
    for (const MetricChartView* chart : charts)
        out.push_back(chart->seriesIndices());
    return out;
}

// Whether every chart shows the same time range as the first.
bool sameRanges(const std::vector<MetricChartView*>& charts)
{
    for (const MetricChartView* chart : charts) {
        if (chart->viewRange() != charts.front()->viewRange())
            return false;
    }
    return !charts.empty();
}

// Whether every plot area has the same left and right edge (to a pixel), so that one time
// sits at one x all the way down.
bool plotsAligned(const std::vector<MetricChartView*>& charts)
{
    for (const MetricChartView* chart : charts) {
        const QRectF a = chart->chart()->plotArea(), b = charts.front()->chart()->plotArea();
        if (a.width() < 100 || std::abs(a.left() - b.left()) > 1 || std::abs(a.right() - b.right()) > 1)
            return false;
    }
    return !charts.empty();
}

// Answers the next file dialog with `path`.
void answerNextFileDialog(const QString& path)
{
    QTimer::singleShot(0, qApp, [path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            qWarning("no file dialog open");
            return;
        }
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

void write(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY2(f.open(mode), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Rows first..last-1, a minute apart, of `columns` series.
QByteArray wideRows(int first, int last, int columns)
{
    QByteArray out;
    for (int i = first; i < last; ++i) {
        out += QByteArray::number(1'700'000'000 + 60 * i);
        for (int c = 0; c < columns; ++c)
            out += ',' + QByteArray::number(c * 100 + 10 * std::sin(i * 0.1 + c), 'f', 3);
        out += '\n';
    }
    return out;
}

} // namespace

class TestStackedCharts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static std::unique_ptr<MainWindow> openFile(const QString& path) { return windowWithFile(path); }

    static QAction* stackedAction(MainWindow& window)
    {
        return window.findChild<QAction*>(QStringLiteral("stackedChartsAction"));
    }

    // Opens the sample and stacks its charts with the action's shortcut.
    std::unique_ptr<MainWindow> openStacked()
    {
        auto window = openFile(QStringLiteral(OD_SAMPLE));
        QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        return window;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")), QStringLiteral("OutlierDeskStackTest"));
    }

    void init() { QSettings().clear(); }

    void cleanup() { applyTheme(ThemeChoice::System); }

    void toggleStacksOneChartPerSeriesAndIsRemembered()
    {
        {
            auto window = openFile(QStringLiteral(OD_SAMPLE));
            QAction* action = stackedAction(*window);
            QVERIFY(action && action->isCheckable() && !action->isChecked());
            QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
            ChartArea* area = window->chartArea();
            QVERIFY(!area->isStacked());

            QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
            QVERIFY(action->isChecked());
            QVERIFY(area->isStacked());
            const auto& charts = area->stackedCharts();
            QCOMPARE(charts.size(), std::size_t(3));
            QCOMPARE(seriesOfEach(charts), (std::vector<std::vector<std::size_t>> { { 0 }, { 1 }, { 2 } }));
            std::size_t markers = 0;
            for (std::size_t k = 0; k < charts.size(); ++k) {
                MetricChartView* chart = charts[k];
                QVERIFY(chart->isVisible());
                QCOMPARE(chart->lineSeries().size(), std::size_t(1));
                QCOMPARE(
                    chart->lineSeries().front()->name(), QString::fromStdString(window->dataset()->series[k].name));
                QVERIFY(chart->lineSeries().front()->count() > 100);
                markers += std::size_t(chart->outlierSeries().front()->count());
                // Only the bottom chart labels the time axis.
                const auto* axis = qobject_cast<QCategoryAxis*>(chart->chart()->axes(Qt::Horizontal).first());
                QCOMPARE(axis->labelsVisible(), k + 1 == charts.size());
            }
            QCOMPARE(int(markers), window->outlierTable()->rowCount()); // every outlier, on its own chart
            QVERIFY(!window->chartView()->isVisible());
            QTRY_VERIFY(plotsAligned(charts));
            // Three charts fit the window's chart area: no scrolling.
            QCOMPARE(area->scrollArea()->verticalScrollBar()->maximum(), 0);

            // Off again: the one chart of every series, the outliers still marked.
            action->trigger();
            QVERIFY(!area->isStacked());
            QVERIFY(area->stackedCharts().empty());
            QVERIFY(window->chartView()->isVisible());
            QCOMPARE(window->chartView()->lineSeries().size(), std::size_t(3));
            QCOMPARE(window->chartView()->outlierSeries().size(), std::size_t(3));
            int shown = 0;
            for (const QScatterSeries* s : window->chartView()->outlierSeries())
                shown += s->count();
            QCOMPARE(shown, window->outlierTable()->rowCount());

            action->trigger();
            QVERIFY(area->isStacked());
        }
        // A restart stacks again, before and after a file is opened.
        MainWindow again;
        QVERIFY(stackedAction(again)->isChecked());
        QVERIFY(again.chartArea()->isStacked());
        auto window = openFile(QStringLiteral(OD_SAMPLE));
        QCOMPARE(window->chartArea()->stackedCharts().size(), std::size_t(3));
        stackedAction(*window)->trigger();
        window.reset();
        MainWindow single;
        QVERIFY(!single.chartArea()->isStacked());
    }

    void zoomingAnyChartMovesThemAll()
    {
        auto window = openStacked();
        const auto& charts = window->chartArea()->stackedCharts();
        QCOMPARE(charts.size(), std::size_t(3));
        const auto full = charts.front()->fullRange();
        for (const MetricChartView* chart : charts)
            QCOMPARE(chart->fullRange(), full); // every chart spans the whole dataset

        charts[1]->zoom(4);
        const auto zoomed = charts[1]->viewRange();
        QVERIFY(zoomed != full);
        QCOMPARE(charts[0]->viewRange(), zoomed);
        QCOMPARE(charts[2]->viewRange(), zoomed);
        QCOMPARE(window->chartArea()->viewRange(), zoomed);

        // The keyboard in the bottom chart pans them all.
        charts[2]->setFocus();
        QTest::keyClick(charts[2], Qt::Key_Right);
        QVERIFY(charts[2]->viewRange() != zoomed);
        QVERIFY(sameRanges(charts));

        // The wheel over the top chart.
        const auto before = charts[0]->viewRange();
        const QPoint centre = charts[0]->viewport()->rect().center();
        QWheelEvent wheel(QPointF(centre), charts[0]->viewport()->mapToGlobal(QPointF(centre)), QPoint(),
            QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(charts[0]->viewport(), &wheel);
        QVERIFY(charts[0]->viewRange().second - charts[0]->viewRange().first < before.second - before.first);
        QVERIFY(sameRanges(charts));

        // Shift+drag across the middle of the middle chart zooms every chart to that span.
        QTRY_VERIFY(plotsAligned(charts));
        const QRectF plot = charts[1]->chart()->plotArea();
        const QPoint from = charts[1]->mapFromScene(QPointF(plot.left() + plot.width() * 0.25, plot.center().y()));
        const QPoint to = charts[1]->mapFromScene(QPointF(plot.left() + plot.width() * 0.75, plot.center().y()));
        const auto wide = charts[1]->viewRange();
        QTest::mousePress(charts[1]->viewport(), Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(charts[1]->viewport(), to);
        QTest::mouseRelease(charts[1]->viewport(), Qt::LeftButton, Qt::ShiftModifier, to);
        const auto span = charts[1]->viewRange();
        QVERIFY(span.second - span.first < (wide.second - wide.first) * 0.6);
        QVERIFY(sameRanges(charts));

        // The aligned plots share their ticks: the time axes are the same everywhere.
        QTRY_VERIFY(plotsAligned(charts));
        auto* top = qobject_cast<QCategoryAxis*>(charts[0]->chart()->axes(Qt::Horizontal).first());
        auto* bottom = qobject_cast<QCategoryAxis*>(charts[2]->chart()->axes(Qt::Horizontal).first());
        QTRY_COMPARE(top->categoriesLabels(), bottom->categoriesLabels());
        QCOMPARE(top->min(), bottom->min());
        QCOMPARE(top->max(), bottom->max());

        // Ctrl+0 and the View menu's zoom reach every chart.
        QTest::keyClick(window.get(), Qt::Key_0, Qt::ControlModifier);
        for (const MetricChartView* chart : charts)
            QCOMPARE(chart->viewRange(), full);
        window->findChild<QAction*>(QStringLiteral("resetZoomAction"))->trigger();
        QTest::keyClick(window.get(), Qt::Key_Plus, Qt::ControlModifier);
        QVERIFY(charts[2]->viewRange() != full);
        QVERIFY(sameRanges(charts));

        // The zoom carries over to the single chart and back.
        const auto kept = charts[0]->viewRange();
        stackedAction(*window)->trigger();
        QCOMPARE(window->chartView()->viewRange(), kept);
        window->chartView()->pan(-0.5);
        const auto moved = window->chartView()->viewRange();
        stackedAction(*window)->trigger();
        for (const MetricChartView* chart : window->chartArea()->stackedCharts())
            QCOMPARE(chart->viewRange(), moved);
    }

    void hiddenSeriesLeaveTheStack()
    {
        auto window = openStacked();
        ChartArea* area = window->chartArea();
        SeriesListModel* model = window->seriesModel();
        area->stackedCharts().front()->zoom(3);
        const auto zoomed = area->viewRange();

        QVERIFY(model->setData(model->index(1, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(seriesOfEach(area->stackedCharts()), (std::vector<std::vector<std::size_t>> { { 0 }, { 2 } }));
        QCOMPARE(area->chartOf(1), nullptr);
        // The new bottom chart labels the time axis, the others not.
        const auto labels = [](const MetricChartView* chart) {
            return qobject_cast<QCategoryAxis*>(chart->chart()->axes(Qt::Horizontal).first())->labelsVisible();
        };
        QVERIFY(!labels(area->stackedCharts()[0]) && labels(area->stackedCharts()[1]));

        QVERIFY(model->setData(model->index(2, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(model->setData(model->index(0, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(area->stackedCharts().empty());
        QVERIFY(window->findChild<QWidget*>(QStringLiteral("noSeriesLabel"))->isVisible());

        // Shown again, in the dataset's order, at the zoom the stack had.
        QVERIFY(model->setData(model->index(2, SeriesListModel::NameColumn), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model->setData(model->index(1, SeriesListModel::NameColumn), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(seriesOfEach(area->stackedCharts()), (std::vector<std::vector<std::size_t>> { { 1 }, { 2 } }));
        for (const MetricChartView* chart : area->stackedCharts())
            QCOMPARE(chart->viewRange(), zoomed);
        QVERIFY(!window->findChild<QWidget*>(QStringLiteral("noSeriesLabel"))->isVisible());

        // Back to one chart: series 0 stays hidden there.
        stackedAction(*window)->trigger();
        QVERIFY(!window->chartView()->lineSeries()[0]->isVisible());
        QVERIFY(window->chartView()->lineSeries()[1]->isVisible());
    }

    void clickingARowCentresEveryChartAndScrollsToItsSeries()
    {
        auto window = openStacked();
        ChartArea* area = window->chartArea();
        // A short chart area: the three charts need more than it has, so the stack scrolls.
        auto* splitter = window->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        splitter->setSizes({ 300, 400 });
        QScrollArea* scroll = area->scrollArea();
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        QCOMPARE(scroll->verticalScrollBar()->value(), 0);
        // The bottom chart is out of sight, so every chart labels its times (the title once).
        for (const MetricChartView* chart : area->stackedCharts()) {
            const auto* axis = qobject_cast<QCategoryAxis*>(chart->chart()->axes(Qt::Horizontal).first());
            QVERIFY(axis->labelsVisible());
            QCOMPARE(axis->isTitleVisible(), chart == area->stackedCharts().back());
        }

        auto* view = window->findChild<QTableView*>(QStringLiteral("outlierView"));
        const QAbstractItemModel* table = window->outlierTable();
        const std::size_t last = window->dataset()->series.size() - 1;
        QModelIndex index;
        for (int r = 0; r < table->rowCount() && !index.isValid(); ++r) {
            const QModelIndex i = table->index(r, OutlierTableModel::TimeColumn);
            if (i.data(OutlierTableModel::SeriesIndexRole).toULongLong() == last)
                index = i;
        }
        QVERIFY(index.isValid());
        const auto point = index.data(OutlierTableModel::PointIndexRole).toULongLong();
        const qint64 at = window->dataset()->series[last].times[point] / 1'000'000;
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());

        for (const MetricChartView* chart : area->stackedCharts()) {
            const auto range = chart->viewRange();
            QVERIFY(range != chart->fullRange());
            QVERIFY(range.first <= at && at <= range.second);
        }
        // The row's series' chart (the bottom one) was scrolled into view.
        MetricChartView* own = area->chartOf(last);
        QCOMPARE(own, area->stackedCharts().back());
        QVERIFY(scroll->verticalScrollBar()->value() > 0);
        const QRect shown = scroll->viewport()->rect();
        const QRect chartRect(own->mapTo(scroll->viewport(), QPoint(0, 0)), own->size());
        QVERIFY2(shown.intersected(chartRect).height() >= std::min(shown.height(), chartRect.height()) - 1,
            qPrintable(QStringLiteral("chart at %1..%2 of %3")
                           .arg(chartRect.top())
                           .arg(chartRect.bottom())
                           .arg(shown.height())));
    }

    void manySeriesScrollRatherThanShrink()
    {
        const QString path = m_dir.filePath(QStringLiteral("thirty.csv"));
        QByteArray header = "timestamp";
        for (int c = 0; c < 30; ++c)
            header += ",s" + QByteArray::number(c);
        write(path, header + '\n' + wideRows(0, 300, 30), QIODevice::WriteOnly);
        auto window = openFile(path);
        QCOMPARE(window->dataset()->series.size(), std::size_t(30));
        stackedAction(*window)->trigger();
        const auto& charts = window->chartArea()->stackedCharts();
        QCOMPARE(charts.size(), std::size_t(30));
        QScrollArea* scroll = window->chartArea()->scrollArea();
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        for (const MetricChartView* chart : charts) {
            QVERIFY2(chart->height() >= ChartArea::kMinChartHeight, qPrintable(QString::number(chart->height())));
            QVERIFY(chart->chart()->plotArea().height() >= 50); // room for the line to say something
        }
        // Stacked one below the other, without overlap.
        for (std::size_t k = 1; k < charts.size(); ++k)
            QCOMPARE(charts[k]->y(), charts[k - 1]->y() + charts[k - 1]->height());
        QTRY_VERIFY(plotsAligned(charts));
    }

    void followedFileGrowsEveryChart()
    {
        const QString path = m_dir.filePath(QStringLiteral("grow.csv"));
        write(path, "timestamp,a,b\n" + wideRows(0, 500, 2), QIODevice::WriteOnly);
        auto window = shownWindow(QSize(1000, 700));
        stackedAction(*window)->trigger();
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->followFile(path);
        QVERIFY(loaded.wait(10'000));
        const auto& charts = window->chartArea()->stackedCharts();
        QCOMPARE(charts.size(), std::size_t(2));

        // The whole view grows with the data.
        write(path, wideRows(500, 600, 2), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(window->dataset()->rows, std::size_t(600), 10'000);
        QCOMPARE(window->chartArea()->stackedCharts().size(), std::size_t(2));
        for (const MetricChartView* chart : window->chartArea()->stackedCharts()) {
            QCOMPARE(chart->fullRange().second, qint64(1'700'000'000 + 60 * 599) * 1000);
            QCOMPARE(chart->viewRange(), chart->fullRange());
        }
        // A zoomed view stays put in every chart.
        window->chartArea()->stackedCharts().back()->zoom(4);
        const auto zoomed = window->chartArea()->viewRange();
        write(path, wideRows(600, 700, 2), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(window->dataset()->rows, std::size_t(700), 10'000);
        for (const MetricChartView* chart : window->chartArea()->stackedCharts()) {
            QCOMPARE(chart->viewRange(), zoomed);
            QCOMPARE(chart->fullRange().second, qint64(1'700'000'000 + 60 * 699) * 1000);
        }
    }

    void clockThemeAndExportReachEveryChart()
    {
        auto window = openStacked();
        const auto& charts = window->chartArea()->stackedCharts();
        QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier); // local time
        for (const MetricChartView* chart : charts) {
            QCOMPARE(chart->timeDisplay(), TimeDisplay::Local);
            const QString tip = chart->markerText(chart->seriesIndices().front(), 0);
            QVERIFY2(tip.contains(QStringLiteral("+05:30")), qPrintable(tip));
        }
        const auto* axis = qobject_cast<QCategoryAxis*>(charts.back()->chart()->axes(Qt::Horizontal).first());
        QCOMPARE(axis->titleText(), QStringLiteral("Time (Asia/Kolkata)"));
        window->findChild<QAction*>(QStringLiteral("themeDarkAction"))->trigger();
        for (const MetricChartView* chart : charts)
            QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeDark);

        // Export: the whole stack as one picture, as tall as the charts together.
        QTRY_VERIFY(plotsAligned(charts));
        const QString png = m_dir.filePath(QStringLiteral("stack.png"));
        answerNextFileDialog(png);
        window->findChild<QAction*>(QStringLiteral("exportChartAction"))->trigger();
        QImage image(png);
        QVERIFY2(!image.isNull(), qPrintable(window->statusText()));
        // At the export size (1600 x 900 by default), every chart of the stack in it.
        QCOMPARE(image.size(), QSize(1600, 900));
        const auto copy = window->chartArea()->copyAt(QSize(1600, 900 - captionHeight()));
        QCOMPARE(copy->charts().size(), charts.size());
        int height = captionHeight();
        for (const MetricChartView* chart : copy->charts())
            height += int(chart->chart()->geometry().height());
        QVERIFY2(std::abs(height - 900) <= 2, qPrintable(QString::number(height)));
        QVERIFY(plotsAligned(copy->charts()));
        // Dark all the way down: the bottom chart was drawn too.
        QVERIFY(QColor(image.pixel(5, image.height() - 5)).lightness() < 80);
        QVERIFY(QColor(image.pixel(5, 5)).lightness() < 80);
    }
};

int main(int argc, char** argv)
{
    // A zone whose local time differs from UTC, so that the clock's switch can be seen.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
    QApplication app(argc, argv);
    TestStackedCharts test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_stackedcharts.moc"
