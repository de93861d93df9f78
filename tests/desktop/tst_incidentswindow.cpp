// Incidents in the real window, offscreen: the table holds what core's groupIncidents makes of
// the sample file, a click on a row zooms the chart to that incident, an acknowledgement greys
// it, leaves the counts and outlives the window, exports carry the notes, and a followed file
// that grows tells of each new incident once.

#include "chart/incidentshading.h"
#include "chart/metricchartview.h"
#include "desktop/data/followincidents.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/detection/incidentspanel.h"
#include "desktop/mainwindow.h"
#include "desktop/models/incidenttablemodel.h"
#include "growing_file.h"
#include "window_fixture.h"

#include "core/csv/csv_reader.h"
#include "core/detect/detector.h"
#include "core/report/incidents.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <memory>
#include <tuple>

namespace {

// Set explicitly: what the tests expect must not follow whichever method is the default.
DetectorChoice zscoreChoice()
{
    DetectorChoice choice;
    choice.method = QStringLiteral("zscore");
    choice.threshold = 3.5;
    choice.params.clear();
    return choice;
}

// A shown window that judges with zscoreChoice().
std::unique_ptr<MainWindow> zscoreWindow()
{
    auto window = shownWindow();
    window->detectorPanel()->setChoice(zscoreChoice());
    return window;
}

std::unique_ptr<MainWindow> openWithZscore(const QString& path)
{
    return windowWithFile(path, [](MainWindow& w) { w.detectorPanel()->setChoice(zscoreChoice()); });
}

QString detectLabel(const MainWindow& window)
{
    return window.findChild<QLabel*>(QStringLiteral("detectLabel"))->text();
}

// An incident as both sides can say it: series, alarm time, last flag's time, points, peak index.
using Key = std::tuple<std::string, std::int64_t, std::int64_t, std::size_t, std::size_t>;

QByteArray spike(int at)
{
    return QByteArray::number(kGrowingStart + at) + ",95\n";
}

bool append(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(bytes) == bytes.size();
}

} // namespace

class TestIncidentsWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")), QStringLiteral("incidents"));
    }

    void tableEqualsCoreGrouping()
    {
        auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
        // The same file, read, judged and grouped by core alone.
        auto data = od::readCsvFiles({ OD_SAMPLE });
        QVERIFY(data.ok());
        od::DetectorParams params = od::defaultParams("zscore");
        params.threshold = 3.5;
        std::vector<Key> expected;
        std::size_t points = 0;
        for (const od::Series& s : data->series) {
            auto d = od::detect(s.values, s.times, params);
            QVERIFY(d.ok());
            for (const od::Incident& in : od::groupIncidents(*d, s.values, s.times, od::defaultIncidentRule(s.times))) {
                expected.emplace_back(s.name, *in.startTime, *in.endTime, in.points, in.peakIndex);
                points += in.points;
            }
        }
        QVERIFY(expected.size() >= 2); // the sample's planned spikes and bursts

        const IncidentTableModel* model = window->incidentsPanel()->model();
        std::vector<Key> shown;
        for (int r = 0; r < model->rowCount(); ++r) {
            const od::Incident& in = model->incident(r);
            const auto& series = window->dataset()->series[model->seriesOf(r)];
            shown.emplace_back(series.name, *in.startTime, *in.endTime, in.points, in.peakIndex);
        }
        std::sort(expected.begin(), expected.end());
        std::sort(shown.begin(), shown.end());
        QVERIFY(shown == expected);

        // The status bar counts the incidents first, then their points.
        const QString counts = QStringLiteral("%1 incidents, %2 flagged points").arg(expected.size()).arg(points);
        QVERIFY2(detectLabel(*window).startsWith(counts), qPrintable(detectLabel(*window)));
        QVERIFY2(window->statusText().startsWith(counts), qPrintable(window->statusText()));
        // The chart shades every one of them, none greyed.
        const auto bands = window->chartView()->incidentShading()->bands();
        QCOMPARE(bands.size(), expected.size());
        QVERIFY(std::none_of(bands.begin(), bands.end(), [](const auto& b) { return b.acknowledged; }));
    }

    // The Why column (alarm words each alarm in a sentence) wraps: every row is tall enough for
    // its whole sentence at the column's width, so none ends in "...", and the tooltip holds it.
    // Rows are fitted as they come into view, so each is scrolled to before it is measured.
    void whyIsWrappedWholeAndInTheTooltip()
    {
        auto window = windowWithFile(QStringLiteral(OD_SAMPLE), [](MainWindow& w) {
            DetectorChoice alarm;
            alarm.method = QStringLiteral("alarm");
            w.detectorPanel()->setChoice(alarm);
        });
        QTableView* view = window->incidentsPanel()->view();
        const QAbstractItemModel* model = view->model();
        QVERIFY(model->rowCount() > 0);
        const int column = IncidentTableModel::ReasonColumn;
        const int width = view->columnWidth(column);
        bool wrapped = false;
        for (int r = 0; r < model->rowCount(); ++r) {
            view->scrollTo(model->index(r, column));
            const QString text = model->index(r, column).data().toString();
            QVERIFY(!text.isEmpty());
            QCOMPARE(model->index(r, column).data(Qt::ToolTipRole).toString(), text);
            // The cell's text area: the column less the delegate's margins (a few pixels a side).
            const QRect needed
                = view->fontMetrics().boundingRect(QRect(0, 0, width - 12, 100'000), Qt::TextWordWrap, text);
            wrapped = wrapped || needed.height() > view->fontMetrics().lineSpacing();
            QVERIFY2(view->rowHeight(r) >= needed.height(),
                qPrintable(QStringLiteral("row %1: %2 px for %3 px of \"%4\"")
                               .arg(r)
                               .arg(view->rowHeight(r))
                               .arg(needed.height())
                               .arg(text)));
        }
        QVERIFY(wrapped); // at the default width the sentences do need more than one line
    }

    // Fitting every row of a long result at once held the window up (a thousand incidents:
    // 40 ms), so rows are fitted as they come into view: a row below the view keeps the default
    // height until it is scrolled to, and then it holds its whole Why.
    void rowsAreFittedAsTheyComeIntoView()
    {
        QByteArray text = "timestamp,value\n";
        for (int i = 0; i < 6000; ++i)
            text += QByteArray::number(kGrowingStart + i) + ','
                + (i % 60 == 30 ? "100" : QByteArray::number(10 + i % 3)) + '\n';
        const QString path = m_dir.filePath(QStringLiteral("many.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(text) == text.size());
        f.close();
        auto window = openWithZscore(path);
        QTableView* view = window->incidentsPanel()->view();
        const QAbstractItemModel* model = view->model();
        QCOMPARE(model->rowCount(), 100);
        const int column = IncidentTableModel::ReasonColumn;
        view->setColumnWidth(column, 90); // narrow: every Why needs more than the default two lines
        const int last = model->rowCount() - 1;
        const int standard = view->verticalHeader()->defaultSectionSize();
        const auto needed = [&](int r) {
            return view->fontMetrics()
                .boundingRect(
                    QRect(0, 0, 90 - 12, 100'000), Qt::TextWordWrap, model->index(r, column).data().toString())
                .height();
        };
        QVERIFY2(needed(0) > standard, qPrintable(model->index(0, column).data().toString()));
        QVERIFY(view->rowHeight(0) >= needed(0)); // on screen: fitted at once
        QVERIFY(view->rowViewportPosition(last) >= view->viewport()->height());
        QCOMPARE(view->rowHeight(last), standard); // below the view: not yet
        // Scrolled to the end as a user would: rows fitted on the way push the last one down
        // again, and the view lays out its scroll range in its own time.
        for (int i = 0; i < 10 && view->rowViewportPosition(last) + view->rowHeight(last) > view->viewport()->height();
             ++i) {
            view->scrollTo(model->index(last, column));
            QApplication::processEvents();
        }
        QVERIFY(view->rowViewportPosition(last) < view->viewport()->height());
        QVERIFY2(view->rowHeight(last) >= needed(last), qPrintable(QString::number(view->rowHeight(last))));
    }

    void clickingARowZoomsToTheIncident()
    {
        auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
        QTableView* view = window->incidentsPanel()->view();
        const IncidentTableModel* model = window->incidentsPanel()->model();
        MetricChartView* chart = window->chartView();
        const auto full = chart->fullRange();
        QCOMPARE(chart->viewRange(), full);
        // The longest incident, so that its span is more than a dot.
        view->sortByColumn(IncidentTableModel::DurationColumn, Qt::DescendingOrder);
        const QModelIndex cell = model->index(0, IncidentTableModel::StartColumn);
        QVERIFY(view->visualRect(cell).isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());

        const od::Incident& in = model->incident(0);
        const auto [from, to] = chart->viewRange();
        QVERIFY(to - from < (full.second - full.first) / 4); // zoomed in
        QVERIFY(from < *in.startTime / 1'000'000); // the whole incident, with room around it
        QVERIFY(to > *in.endTime / 1'000'000);
        QCOMPARE(chart->viewRange(), model->viewRange(0));
        // Its band fills the middle of the plot, not the whole of it.
        const auto bands = chart->incidentShading()->bands();
        QVERIFY(!bands.empty());
        const QRectF plot = chart->chart()->plotArea();
        QVERIFY(std::any_of(bands.begin(), bands.end(),
            [&](const auto& b) { return b.rect.left() > plot.left() + 10 && b.rect.right() < plot.right() - 10; }));
    }

    void anAcknowledgementOutlivesTheWindowAndLeavesTheCounts()
    {
        std::size_t all = 0;
        std::int64_t acknowledgedStart = 0;
        {
            auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
            IncidentsPanel* panel = window->incidentsPanel();
            all = std::size_t(panel->model()->rowCount());
            QVERIFY(all >= 2);
            QVERIFY(!panel->acknowledgeAction()->isEnabled()); // nothing selected yet
            const int row = 0;
            acknowledgedStart = *panel->model()->incident(row).startTime;
            const std::size_t pointsOfIt = panel->model()->incident(row).points;
            const std::size_t pointsBefore = panel->model()->activePoints();
            panel->view()->selectRow(row);
            QVERIFY(panel->acknowledgeAction()->isEnabled());
            // The user's way: the action asks for a note.
            panel->acknowledgeAction()->trigger();
            auto* dialog = window->findChild<QInputDialog*>(QStringLiteral("acknowledgeDialog"));
            QVERIFY(dialog);
            QTRY_VERIFY(dialog->isVisible());
            dialog->setTextValue(QStringLiteral("planned restart"));
            dialog->accept();

            QVERIFY(panel->model()->isAcknowledged(row));
            QCOMPARE(panel->model()->note(row), QStringLiteral("planned restart"));
            QCOMPARE(panel->model()->activeIncidents(), all - 1);
            QCOMPARE(panel->model()->activePoints(), pointsBefore - pointsOfIt);
            QVERIFY2(detectLabel(*window).startsWith(QStringLiteral("%1 incidents").arg(all - 1)),
                qPrintable(detectLabel(*window)));
            QVERIFY2(
                detectLabel(*window).contains(QStringLiteral("(1 acknowledged)")), qPrintable(detectLabel(*window)));
            // Still on the chart, greyed.
            const auto bands = window->chartView()->incidentShading()->bands();
            QCOMPARE(bands.size(), all);
            QCOMPARE(std::count_if(bands.begin(), bands.end(), [](const auto& b) { return b.acknowledged; }), 1);
            QVERIFY(!panel->acknowledgeAction()->isEnabled());
            QVERIFY(panel->unacknowledgeAction()->isEnabled());
        }
        // A restart: a new window on the same settings.
        {
            auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
            IncidentsPanel* panel = window->incidentsPanel();
            QCOMPARE(std::size_t(panel->model()->rowCount()), all);
            QCOMPARE(panel->model()->activeIncidents(), all - 1);
            int row = -1;
            for (int r = 0; r < panel->model()->rowCount(); ++r) {
                if (*panel->model()->incident(r).startTime == acknowledgedStart)
                    row = r;
            }
            QVERIFY(row >= 0);
            QCOMPARE(panel->model()->note(row), QStringLiteral("planned restart"));
            QCOMPARE(panel->model()->index(row, IncidentTableModel::AcknowledgedColumn).data().toString(),
                QStringLiteral("planned restart"));
            // Un-acknowledge, and it counts again, now and after another restart.
            panel->view()->selectRow(row);
            panel->unacknowledgeAction()->trigger();
            QCOMPARE(panel->model()->activeIncidents(), all);
        }
        auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
        QCOMPARE(window->incidentsPanel()->model()->activeIncidents(), all);
    }

    void exportAndCopyCarryTheNotes()
    {
        auto window = openWithZscore(QStringLiteral(OD_SAMPLE));
        IncidentsPanel* panel = window->incidentsPanel();
        const int rows = panel->model()->rowCount();
        panel->acknowledge({ 1 }, QStringLiteral("known, deploy at 05:50"));
        const QString path = m_dir.filePath(QStringLiteral("incidents.csv"));
        QString error;
        QVERIFY2(panel->exportCsv(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // The method and its parameters lead, then the table.
        QVERIFY2(
            lines.value(0).startsWith(QStringLiteral("# incidents of ")) && lines.value(0).contains("service-metrics"),
            qPrintable(lines.value(0)));
        QVERIFY2(lines.value(1).contains(QStringLiteral("local zscore (k 3.5)")), qPrintable(lines.value(1)));
        QVERIFY2(lines.value(2).contains(QStringLiteral("50 points")), qPrintable(lines.value(2)));
        QVERIFY2(lines.value(3).startsWith(QStringLiteral("Series,Start (UTC),Duration,Points,Peak value,Peak score,")),
            qPrintable(lines.value(3)));
        QVERIFY(lines.value(3).endsWith(QStringLiteral(",Acknowledged")));
        QCOMPARE(lines.size(), 4 + rows);
        // The acknowledged row carries its note (quoted: it holds a comma), the others none.
        QCOMPARE(lines.filter(QStringLiteral("\"known, deploy at 05:50\"")).size(), 1);
        QVERIFY(lines[4 + 1].endsWith(QStringLiteral(",\"known, deploy at 05:50\"")));
        QVERIFY(lines[4 + 0].endsWith(QLatin1Char(',')));

        // Ctrl+C in the incidents table copies its selected rows, not the outliers.
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        panel->view()->setFocus();
        QTRY_VERIFY(panel->view()->hasFocus());
        panel->view()->selectRow(1);
        QApplication::clipboard()->clear();
        QTest::keyClick(panel->view(), Qt::Key_C, Qt::ControlModifier);
        const QStringList copied = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(copied.size(), 2);
        QVERIFY2(copied[0].startsWith(QStringLiteral("Series\tStart (UTC)\tDuration")), qPrintable(copied[0]));
        QVERIFY(copied[1].endsWith(QStringLiteral("\tknown, deploy at 05:50")));
        panel->unacknowledge({ 1 });
    }

    void aFollowedFileTellsOfEachNewIncidentOnce()
    {
        const QString path = m_dir.filePath(QStringLiteral("growing.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // History: a spike already in the file is no news.
            f.write("timestamp,value\n" + growingRows(0, 100) + spike(100) + growingRows(101, 200));
        }
        auto window = zscoreWindow();
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->followFile(path);
        QVERIFY(detected.wait(20'000));
        QCOMPARE(window->incidentsPanel()->model()->rowCount(), 1);
        QSignalSpy opened(window->followIncidents(), &FollowIncidents::incidentOpened);
        QSignalSpy closed(window->followIncidents(), &FollowIncidents::incidentClosed);

        // A spike arrives: one notice, in the status bar too.
        QVERIFY(append(path, growingRows(200, 220) + spike(220)));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 15'000);
        QCOMPARE(opened[0][0].toString(), QStringLiteral("value"));
        QCOMPARE(opened[0][1].toLongLong(), (kGrowingStart + 220) * 1'000'000'000);
        QVERIFY2(window->statusText().startsWith(QStringLiteral("New incident in value at ")),
            qPrintable(window->statusText()));

        // Normal rows past the gap: the incident closes, nothing new opens.
        detected.clear();
        QVERIFY(append(path, growingRows(221, 290)));
        QTRY_COMPARE_WITH_TIMEOUT(window->dataset()->rows, std::size_t(290), 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(detected.size() >= 1, 15'000);
        QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 15'000);
        QCOMPARE(opened.size(), 1);

        // Another spike: a second notice, and only one.
        detected.clear();
        QVERIFY(append(path, growingRows(290, 300) + spike(300) + growingRows(301, 305)));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 15'000);
        QCOMPARE(opened[1][1].toLongLong(), (kGrowingStart + 300) * 1'000'000'000);
        QTRY_VERIFY_WITH_TIMEOUT(detected.size() >= 1, 15'000);
        QTest::qWait(1500); // one more look at the file, and any detection it starts
        QCOMPARE(opened.size(), 2);
        QCOMPARE(window->incidentsPanel()->model()->rowCount(), 3);
    }
};

QTEST_MAIN(TestIncidentsWindow)
#include "tst_incidentswindow.moc"
