// File > Follow Changes on the real window: another program appends to a CSV file while the
// window shows it. Appended rows appear and are judged, a half-written last line is waited
// for, a truncated or replaced file is read again, and a bad line is reported with its place.

#include "chart/chartviewstate.h"
#include "chart/metricchartview.h"
#include "desktop/chartarea.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/serieslistmodel.h"
#include "growing_file.h"
#include "window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {

void write(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY2(f.open(mode), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

std::size_t rowsShown(const MainWindow& w)
{
    return w.dataset() ? w.dataset()->rows : 0;
}

bool tableHasValue(const MainWindow& w, double value)
{
    const auto* table = w.outlierModel();
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->data(table->index(r, OutlierTableModel::ValueColumn), OutlierTableModel::SortRole).toDouble()
            == value)
            return true;
    }
    return false;
}

} // namespace

class TestFollow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> followNew(const QString& path)
    {
        auto window = shownWindow(QSize(1000, 700));
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->followFile(path);
        if (!loaded.wait(10'000))
            qWarning("the followed file was not read: %s", qPrintable(window->statusText()));
        return window;
    }

private slots:
    void initTestCase()
    {
        // Settings of its own, fresh each run: a detector saved by an earlier run would judge
        // the spike below instead of the default.
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")), QStringLiteral("OutlierDeskFollowTest"));
    }

    void appendedRowsAppearAndAreJudged()
    {
        const QString path = m_dir.filePath(QStringLiteral("growing.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 400), QIODevice::WriteOnly);
        auto window = followNew(path);
        QCOMPARE(rowsShown(*window), std::size_t { 400 });
        auto* follow = window->findChild<QAction*>(QStringLiteral("followAction"));
        QVERIFY(follow && follow->isChecked());

        // Twenty rows, a spike, and a line the writer has not finished yet. The default method
        // (alarm) judges a point once it has 300 before it, so the file starts with 400.
        write(path,
            growingRows(400, 420) + QByteArray::number(kGrowingStart + 420) + ",95\n"
                + QByteArray::number(kGrowingStart + 421) + ",5",
            QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 421 }, 10'000);
        QCOMPARE(window->dataset()->skipped, std::size_t { 0 }); // the half line is no error
        QCOMPARE(window->dataset()->series.front().values.back(), 95.0);
        QTRY_VERIFY_WITH_TIMEOUT(tableHasValue(*window, 95), 10'000); // judged, with the default

        // The writer finishes the line: its value is the whole number, not the part seen before.
        write(path, "0.5\n", QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 422 }, 10'000);
        QCOMPARE(window->dataset()->series.front().values.back(), 50.5);
        QCOMPARE(window->dataset()->series.front().size(), std::size_t { 422 });
    }

    void aZoomedViewStaysAndTheWholeViewGrows()
    {
        const QString path = m_dir.filePath(QStringLiteral("view.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 1000), QIODevice::WriteOnly);
        auto window = followNew(path);
        MetricChartView* chart = window->chartView();
        const auto wholeBefore = chart->fullRange();
        QCOMPARE(chart->viewRange(), wholeBefore);

        write(path, growingRows(1000, 1100), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 1100 }, 10'000);
        QCOMPARE(chart->fullRange().second, (kGrowingStart + 1099) * 1000);
        QCOMPARE(chart->viewRange(), chart->fullRange()); // showing everything follows the tail

        chart->zoom(4);
        const auto zoomed = chart->viewRange();
        QVERIFY(zoomed != chart->fullRange());
        write(path, growingRows(1100, 1200), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 1200 }, 10'000);
        QCOMPARE(chart->viewRange(), zoomed); // the user's zoom is left alone
    }

    // A series the user hid stays hidden while its file grows; a new series comes in shown.
    void hiddenSeriesStayHiddenAsTheFileGrows()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.csv"));
        QByteArray text = "timestamp,a,b\n";
        for (int i = 0; i < 100; ++i)
            text += QByteArray::number(kGrowingStart + i) + ",1." + QByteArray::number(i % 7) + ",2\n";
        write(path, text, QIODevice::WriteOnly);
        auto window = followNew(path);
        SeriesListModel* series = window->seriesModel();
        QCOMPARE(series->rowCount(), 2);
        QVERIFY(series->setData(series->index(1, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!series->isShown(1));
        QVERIFY(!window->chartView()->lineSeries()[1]->isVisible());

        write(path, QByteArray::number(kGrowingStart + 100) + ",1.5,2.5\n", QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 101 }, 10'000);
        QVERIFY(!series->isShown(1));
        QVERIFY(series->isShown(0));
        QVERIFY(!window->chartView()->lineSeries()[1]->isVisible());
        QVERIFY(window->chartView()->lineSeries()[0]->isVisible());
        QCOMPARE(series->data(series->index(0, SeriesListModel::PointsColumn), Qt::DisplayRole).toString(),
            QStringLiteral("101"));
    }

    // What is shown lives once (the session's view state): a growing file never shows a hidden
    // series again to hide it after, on one chart or stacked, and the stack keeps its charts.
    void hiddenSeriesNeverShownAgain_data()
    {
        QTest::addColumn<bool>("stacked");
        QTest::addRow("one chart") << false;
        QTest::addRow("stacked") << true;
    }
    void hiddenSeriesNeverShownAgain()
    {
        QFETCH(bool, stacked);
        const QString path
            = m_dir.filePath(stacked ? QStringLiteral("three-stacked.csv") : QStringLiteral("three.csv"));
        QByteArray text = "timestamp,a,b,c\n";
        for (int i = 0; i < 100; ++i)
            text += QByteArray::number(kGrowingStart + i) + ",1." + QByteArray::number(i % 7) + ",2,3\n";
        write(path, text, QIODevice::WriteOnly);
        auto window = followNew(path);
        window->chartArea()->setStacked(stacked);
        ChartViewState* state = window->chartArea()->viewState();
        state->setShown(1, false);
        const std::vector<MetricChartView*> before = window->chartArea()->charts();
        QCOMPARE(before.size(), stacked ? std::size_t(2) : std::size_t(1));
        QSignalSpy shown(state, &ChartViewState::shownChanged);

        write(path, QByteArray::number(kGrowingStart + 100) + ",1.5,2.5,3.5\n", QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 101 }, 10'000);
        QCOMPARE(shown.count(), 0); // nothing was shown and hidden again
        QVERIFY(!window->seriesModel()->isShown(1));
        QCOMPARE(window->chartArea()->charts(), before); // the same charts, none made for b
        for (MetricChartView* chart : window->chartArea()->charts()) {
            for (std::size_t line = 0; line < chart->lineSeries().size(); ++line)
                QCOMPARE(chart->lineSeries()[line]->isVisible(), chart->seriesIndices()[line] != 1);
        }
    }

    void truncatedOrReplacedFilesAreReadAgain()
    {
        const QString path = m_dir.filePath(QStringLiteral("rotated.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 300), QIODevice::WriteOnly);
        auto window = followNew(path);
        QCOMPARE(rowsShown(*window), std::size_t { 300 });

        QSignalSpy reloaded(window.get(), &MainWindow::loadFinished);
        write(path, "timestamp,value\n" + growingRows(0, 12), QIODevice::WriteOnly | QIODevice::Truncate);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 12 }, 10'000);
        QVERIFY(reloaded.count() >= 1);

        // Replaced under the same name (a new file renamed over it), here by a longer one.
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.csv"));
        write(fresh, "timestamp,value\n" + growingRows(0, 500), QIODevice::WriteOnly);
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(fresh, path));
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 500 }, 10'000);

        // And it is still followed after the replacement.
        write(path, growingRows(500, 510), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 510 }, 10'000);
    }

    void badAppendedLinesSayWhere()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 50), QIODevice::WriteOnly);
        auto window = followNew(path);
        // Line 52 (after the header and 50 rows) is good, 53 is not, 54 is good.
        write(path, growingRows(50, 51) + "not a time,1\n" + growingRows(52, 53), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 52 }, 10'000);
        QCOMPARE(window->dataset()->skipped, std::size_t { 1 });
        QCOMPARE(window->dataset()->firstSkipped.size(), std::size_t { 1 });
        QCOMPARE(window->dataset()->firstSkipped.front().line, 53);

        // Only an unreadable line (line 55): nothing added, and the message names the place.
        write(path, "still,bad\n", QIODevice::Append);
        QTRY_VERIFY2_WITH_TIMEOUT(
            window->statusText().contains(QStringLiteral("bad.csv:55:")), qPrintable(window->statusText()), 10'000);
        QCOMPARE(rowsShown(*window), std::size_t { 52 });
    }

    // A quote that never closes in an appended line loses that line only: the rows appended
    // after it, in the same write and in later ones, are all read.
    void aStrayQuoteInAnAppendLosesOnlyItsLine()
    {
        const QString path = m_dir.filePath(QStringLiteral("quote.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 50), QIODevice::WriteOnly);
        auto window = followNew(path);
        // Line 52 is good, line 53 opens a quote that never closes, lines 54-63 are good.
        write(path, growingRows(50, 51) + QByteArray::number(kGrowingStart + 51) + ",\"12\n" + growingRows(52, 62),
            QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 61 }, 10'000);
        QCOMPARE(window->dataset()->skipped, std::size_t { 1 });
        QCOMPARE(window->dataset()->firstSkipped.front().line, 53);
        QCOMPARE(window->dataset()->firstSkipped.front().column, 12);
        write(path, growingRows(62, 70), QIODevice::Append);
        QTRY_COMPARE_WITH_TIMEOUT(rowsShown(*window), std::size_t { 69 }, 10'000);
        QCOMPARE(window->dataset()->skipped, std::size_t { 1 });
    }

    void openingAnotherFileStopsFollowing()
    {
        const QString path = m_dir.filePath(QStringLiteral("first.csv"));
        write(path, "timestamp,value\n" + growingRows(0, 40), QIODevice::WriteOnly);
        auto window = followNew(path);
        const QString other = m_dir.filePath(QStringLiteral("other.csv"));
        write(other, "timestamp,value\n" + growingRows(0, 30), QIODevice::WriteOnly);
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ other });
        QVERIFY(loaded.wait(10'000));
        QVERIFY(!window->findChild<QAction*>(QStringLiteral("followAction"))->isChecked());
        write(path, growingRows(40, 60), QIODevice::Append);
        QTest::qWait(1500); // longer than the follower's look interval
        QCOMPARE(rowsShown(*window), std::size_t { 30 });
    }
};

QTEST_MAIN(TestFollow)
#include "tst_follow.moc"
