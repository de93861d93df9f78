// The main window on real widgets and real files: open, detect locally and remotely, survive
// bad input and unreachable servers, decimate the chart, remember settings.

#include "chart/metricchartview.h"
#include "desktop/chartarea.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/serieslistmodel.h"
#include "window_fixture.h"

#include "core/csv/csv_reader.h"
#include "core/csv/time_format.h"
#include "core/detect/detector.h"
#include "core/report/incidents.h"
#include "rpc/server/server.h"

#include <QApplication>
#include <QAreaSeries>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QToolButton>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <memory>
#include <tuple>

namespace {

struct OutlierRow
{
    QString series;
    QString time;
    double value;
    QString score;

    bool operator==(const OutlierRow&) const = default;
    bool operator<(const OutlierRow& other) const
    {
        return std::tie(series, time) < std::tie(other.series, other.time);
    }
};

// The planted spikes, as the expectation file lists them.
QList<OutlierRow> readSpikes()
{
    QFile file(QStringLiteral(OD_SPIKES));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot open %s", OD_SPIKES);
    QTextStream in(&file);
    const QStringList header = in.readLine().split(QLatin1Char(','));
    const auto nameAt = header.indexOf(QStringLiteral("name"));
    const auto timeAt = header.indexOf(QStringLiteral("timestamp"));
    const auto valueAt = header.indexOf(QStringLiteral("value"));
    if (nameAt < 0 || timeAt < 0 || valueAt < 0)
        qFatal("unexpected header in %s", OD_SPIKES);
    QList<OutlierRow> rows;
    while (!in.atEnd()) {
        const QStringList fields = in.readLine().split(QLatin1Char(','));
        if (fields.size() != header.size())
            continue;
        rows.append({ fields[nameAt], fields[timeAt], fields[valueAt].toDouble(), {} });
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// What the core's default detector finds in the sample: what the window shows after a local
// detection, whichever method is the default.
QList<OutlierRow> defaultRows()
{
    auto data = od::readCsvFile(OD_SAMPLE);
    if (!data.ok())
        qFatal("cannot read %s", OD_SAMPLE);
    QList<OutlierRow> rows;
    for (const auto& s : data->series) {
        const auto d = od::detect(s.values, s.times, od::defaultParams());
        if (!d.ok())
            qFatal("default detection failed: %s", d.error().message.c_str());
        for (const std::size_t i : d->indices)
            rows.append({ QString::fromStdString(s.name), QString::fromStdString(od::formatIsoUtc(s.times[i])),
                s.values[i], {} });
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// How many incidents the default method's flags make on the sample, by core's own grouping.
qsizetype defaultIncidentCount()
{
    auto data = od::readCsvFile(OD_SAMPLE);
    if (!data.ok())
        qFatal("cannot read %s", OD_SAMPLE);
    qsizetype count = 0;
    for (const auto& s : data->series) {
        const auto d = od::detect(s.values, s.times, od::defaultParams());
        if (!d.ok())
            qFatal("default detection failed: %s", d.error().message.c_str());
        count += qsizetype(od::groupIncidents(*d, s.values, s.times, od::defaultIncidentRule(s.times)).size());
    }
    return count;
}

// What the table shows, read through the view's model as a user would read it.
QList<OutlierRow> tableRows(const QAbstractItemModel* model)
{
    QList<OutlierRow> rows;
    for (int r = 0; r < model->rowCount(); ++r) {
        const auto text = [&](int column) { return model->index(r, column).data().toString(); };
        rows.append({ text(OutlierTableModel::SeriesColumn), text(OutlierTableModel::TimeColumn),
            text(OutlierTableModel::ValueColumn).toDouble(), text(OutlierTableModel::ScoreColumn) });
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

bool sameOutliers(const QList<OutlierRow>& actual, const QList<OutlierRow>& expected)
{
    if (actual.size() != expected.size()) {
        qWarning("table has %lld rows, expected %lld", qlonglong(actual.size()), qlonglong(expected.size()));
        return false;
    }
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const auto& a = actual[i];
        const auto& e = expected[i];
        if (a.series != e.series || a.time != e.time || std::abs(a.value - e.value) > 1e-3) {
            qWarning("row %lld: got %s %s %g, expected %s %s %g", qlonglong(i), qPrintable(a.series),
                qPrintable(a.time), a.value, qPrintable(e.series), qPrintable(e.time), e.value);
            return false;
        }
    }
    return true;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    QList<OutlierRow> m_spikes; // the reference zscore's answer (the server's own rule)
    QList<OutlierRow> m_local; // the default method's
    std::unique_ptr<od::rpc::Server> m_server;

    // A window with the sample loaded and local detection done.
    static std::unique_ptr<MainWindow> openSample() { return windowWithFile(QStringLiteral(OD_SAMPLE)); }

    static void switchToRemote(MainWindow& window, const QString& endpoint)
    {
        auto* edit = window.findChild<QLineEdit*>(QStringLiteral("endpointEdit"));
        auto* remote = window.findChild<QRadioButton*>(QStringLiteral("remoteButton"));
        QVERIFY(edit && remote);
        edit->setText(endpoint);
        remote->click();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // Never read or write the real user's settings.
        isolateSettings(m_settingsDir.path(), QStringLiteral("OutlierDeskTest"));

        m_spikes = readSpikes();
        QVERIFY(!m_spikes.isEmpty());
        m_local = defaultRows();
        QVERIFY(!m_local.isEmpty());

        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        auto server = od::rpc::Server::start(options);
        QVERIFY2(server.ok(), server ? "" : server.error().toString().c_str());
        m_server = std::move(*server);
    }

    void init() { QSettings().clear(); }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->shutdown(std::chrono::seconds(1));
    }

    void emptyWindowOffersTheSample()
    {
        auto window = shownWindow();
        auto* prompt = window->findChild<QWidget*>(QStringLiteral("emptyPrompt"));
        auto* button = window->findChild<QPushButton*>(QStringLiteral("openSampleButton"));
        QVERIFY(prompt && button);
        QVERIFY(prompt->isVisible() && button->isVisible());
        // In the middle of the chart area, inside it.
        const QRect area = window->chartArea()->rect();
        QVERIFY(area.contains(prompt->geometry()));
        QVERIFY(std::abs(prompt->geometry().center().x() - area.center().x()) <= 1);
        QVERIFY(window->findChild<QAction*>(QStringLiteral("openSampleAction")));

        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(detected.wait(60'000));
        QVERIFY(window->dataset());
        QCOMPARE(window->dataset()->series.size(), std::size_t(3));
        QCOMPARE(QFileInfo(window->dataset()->files.value(0)).fileName(), QStringLiteral("service-metrics.csv"));
        // The very sample the repository holds, read from its bundled copy.
        QFile bundled(window->dataset()->files.value(0)), original(QStringLiteral(OD_SAMPLE));
        QVERIFY(bundled.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QVERIFY(bundled.readAll() == original.readAll());
        QVERIFY(!prompt->isVisible());
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
    }

    void localDetectionFindsThePlantedSpikes()
    {
        auto window = openSample();
        QVERIFY(window->dataset());
        QCOMPARE(window->dataset()->series.size(), std::size_t(3));
        const auto rows = tableRows(window->outlierTable());
        QVERIFY(sameOutliers(rows, m_local));
        for (const auto& spike : m_spikes) {
            const bool shown = std::any_of(rows.begin(), rows.end(),
                [&](const OutlierRow& r) { return r.series == spike.series && r.time == spike.time; });
            QVERIFY2(shown, qPrintable(spike.series + " " + spike.time));
        }
        for (const auto& row : rows) // every alarm is beyond the series' previous record
            QVERIFY2(row.score.toDouble() > 1.0, qPrintable(row.series + " " + row.time + " " + row.score));
        // Incidents are counted first, then the flagged points.
        const QString found
            = QStringLiteral("%1 incidents, %2 flagged points found").arg(defaultIncidentCount()).arg(m_local.size());
        QVERIFY2(window->statusText().contains(found), qPrintable(window->statusText()));
    }

    void remoteDetectionFindsTheSameRows()
    {
        auto window = openSample();
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        switchToRemote(*window, QStringLiteral("127.0.0.1:%1").arg(m_server->port()));
        QVERIFY(detected.wait(60'000));
        QVERIFY2(detected.first().first().toBool(), qPrintable(window->statusText()));
        QVERIFY(window->detectorPanel()->choice().remote);
        const auto rows = tableRows(window->outlierTable());
        QVERIFY(sameOutliers(rows, m_spikes));
        // outlierd offers outlierdesk.v1, which sends its scores (the server's zscore, k = 2).
        for (const auto& row : rows)
            QVERIFY2(row.score.toDouble() > 2.0, qPrintable(row.score));
    }

    // Remote with "Same method on the server": outlierd runs the method and parameters chosen
    // in the panel, so its rows and scores equal the local ones; unchecked, its own rule again.
    void remoteRunsTheChosenMethodWhereTheServerCan()
    {
        auto window = openSample();
        DetectorChoice choice = window->detectorPanel()->choice();
        choice.method = QStringLiteral("mad");
        choice.threshold = 6;
        choice.params.clear();
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->detectorPanel()->setChoice(choice);
        QVERIFY(detected.wait(60'000));
        const auto local = tableRows(window->outlierTable());
        QVERIFY(!local.isEmpty());
        QVERIFY(!sameOutliers(local, m_spikes)); // mad at t = 6 is not the reference rule's answer

        choice.remote = true;
        choice.endpoint = QStringLiteral("127.0.0.1:%1").arg(m_server->port());
        choice.remoteMethod = true;
        detected.clear();
        window->detectorPanel()->setChoice(choice);
        QVERIFY(detected.wait(60'000));
        QVERIFY2(detected.first().first().toBool(), qPrintable(window->statusText()));
        QCOMPARE(tableRows(window->outlierTable()), local); // rows and scores alike
        auto* label = window->findChild<QCheckBox*>(QStringLiteral("remoteMethodCheck"));
        QVERIFY(label && label->isVisible() && label->isChecked());

        detected.clear();
        label->click(); // the server's own rule
        QVERIFY(detected.wait(60'000));
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_spikes));
        QVERIFY(!window->findChild<QComboBox*>(QStringLiteral("methodCombo"))->isEnabled());
    }

    void unreachableServerKeepsThePreviousResult()
    {
        // A port that was just free: a server bound it and let it go.
        int port = 0;
        {
            od::rpc::ServerOptions options;
            options.listen = "127.0.0.1:0";
            auto probe = od::rpc::Server::start(options);
            QVERIFY(probe.ok());
            port = (*probe)->port();
            (*probe)->shutdown(std::chrono::milliseconds(0));
        }
        auto window = openSample();
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        switchToRemote(*window, QStringLiteral("127.0.0.1:%1").arg(port));
        QVERIFY(detected.wait(60'000));
        QCOMPARE(detected.first().first().toBool(), false);
        QVERIFY2(window->statusText().contains(QStringLiteral("UNAVAILABLE")), qPrintable(window->statusText()));
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
        QCOMPARE(window->dataset()->series.size(), std::size_t(3));
        QCOMPARE(window->chartView()->lineSeries().size(), std::size_t(3));
        qsizetype marked = 0;
        for (const auto* s : window->chartView()->outlierSeries())
            marked += s->count();
        QCOMPARE(marked, m_local.size());
    }

    void newerDetectionSupersedesOlder()
    {
        auto window = openSample();
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->detectNow();
        window->detectNow();
        window->detectNow();
        QVERIFY(detected.wait(30'000));
        QTest::qWait(300); // a stale run would report within this time
        QCOMPARE(detected.size(), 1);
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
    }

    void escapeCancelsAHangingRemoteCall()
    {
        // A socket that accepts connections but never speaks HTTP/2: the call would hang until
        // its deadline, so only cancellation can end it quickly.
        const SilentListener silent;
        auto window = openSample();
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        switchToRemote(*window, silent.endpoint());
        auto* progress = window->findChild<QWidget*>(QStringLiteral("progressPanel"));
        QVERIFY(progress);
        QTRY_VERIFY(progress->isVisible());
        QTest::qWait(200);
        QCOMPARE(detected.size(), 0); // still hanging
        // Shortcuts reach active windows only; a bare Xvfb has no window manager to activate it.
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(window.get(), Qt::Key_Escape);
        QVERIFY(detected.wait(10'000));
        QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(detected.first().first().toBool(), false);
        QVERIFY2(window->statusText().contains(QStringLiteral("cancelled")), qPrintable(window->statusText()));
        QVERIFY(!progress->isVisible());
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
    }

    // Cancelling a long load keeps what was on screen and says so. The file is a few read
    // blocks long, so the reader sees the cancel between blocks whatever the timing.
    void cancellingALoadKeepsWhatWasShown()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("long.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk = "timestamp,value\n";
            for (qint64 i = 0; i < 3'000'000; ++i) {
                chunk += QByteArray::number(1'700'000'000 + i) + ",12.5\n";
                if (chunk.size() > (4 << 20)) {
                    file.write(chunk);
                    chunk.clear();
                }
            }
            file.write(chunk);
        }
        auto window = openSample();
        const DatasetPtr before = window->dataset();
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ path });
        window->cancelTasks();
        QVERIFY(loaded.wait(30'000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY2(window->statusText().contains(QStringLiteral("cancelled")), qPrintable(window->statusText()));
        QCOMPARE(window->dataset(), before);
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
        QVERIFY(!window->findChild<QWidget*>(QStringLiteral("progressPanel"))->isVisible());
    }

    void badFileKeepsWhatWasLoaded_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("place");
        QTest::addRow("unterminated quote in the header")
            << QByteArray("\"timestamp,value\n2026-03-02T00:00:00Z,1\n") << QStringLiteral("bad.csv:1:");
        QTest::addRow("empty file") << QByteArray() << QStringLiteral("bad.csv");
    }

    void badFileKeepsWhatWasLoaded()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, place);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("bad.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        auto window = openSample();
        const DatasetPtr before = window->dataset();
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ path });
        QVERIFY(loaded.wait(30'000));
        QCOMPARE(loaded.first().first().toBool(), false);
        QVERIFY2(window->statusText().contains(place), qPrintable(window->statusText()));
        // The full error is one click away.
        auto* details = window->findChild<QToolButton*>(QStringLiteral("messageDetailButton"));
        QVERIFY(details && details->isVisible());
        details->click();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window->findChild<QMessageBox*>(QStringLiteral("reportBox"))) != nullptr);
        QVERIFY2(box->detailedText().contains(place), qPrintable(box->detailedText()));
        box->close();
        QCOMPARE(window->dataset(), before);
        QCOMPARE(window->chartView()->lineSeries().size(), std::size_t(3));
        QVERIFY(sameOutliers(tableRows(window->outlierTable()), m_local));
    }

    // Skipped rows are counted in the status bar; every place is one click away.
    void skippedRowsReportIsOneClickAway()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("partly.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("timestamp,value\n2026-03-02T00:00:00Z,1\nyesterday,2\n2026-03-02T00:02:00Z,3\n"
                   "2026-03-02T00:03:00Z,four\n2026-03-02T00:04:00Z,5\n");
        file.close();
        auto window = openSample();
        auto* skipped = window->findChild<QToolButton*>(QStringLiteral("skippedButton"));
        QVERIFY(skipped);
        QVERIFY(!skipped->isVisible());
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->openFiles({ path });
        QVERIFY(detected.wait(30'000));
        // Still said after detection has put its own message in the status bar.
        QVERIFY(skipped->isVisible());
        QCOMPARE(skipped->text(), QStringLiteral("2 rows skipped"));
        skipped->click();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window->findChild<QMessageBox*>(QStringLiteral("reportBox"))) != nullptr);
        QVERIFY(box->text().contains(QStringLiteral("2 rows")));
        QVERIFY(box->detailedText().contains(QStringLiteral("partly.csv:3:")));
        QVERIFY(box->detailedText().contains(QStringLiteral("partly.csv:5:")));
        box->close();
        QSignalSpy again(window.get(), &MainWindow::loadFinished);
        window->openFiles({ QStringLiteral(OD_SAMPLE) });
        QVERIFY(again.wait(30'000));
        QVERIFY(!skipped->isVisible());
    }

    // Clicking a header sorts by that column's numbers (not their text: 10 after 9), both ways,
    // and the selected outlier stays selected wherever it moves.
    void tableSortsOnNumbersAndKeepsTheSelection()
    {
        auto window = openSample();
        auto* view = window->findChild<QTableView*>(QStringLiteral("outlierView"));
        QVERIFY(view);
        QAbstractItemModel* table = window->outlierTable();
        QVERIFY(table->rowCount() >= 3);
        auto column = [&](int c, int role) {
            QList<QVariant> out;
            for (int r = 0; r < table->rowCount(); ++r)
                out << table->data(table->index(r, c), role);
            return out;
        };
        // Times ascend at first.
        const auto times = column(OutlierTableModel::TimeColumn, OutlierTableModel::SortRole);
        for (qsizetype i = 1; i < times.size(); ++i)
            QVERIFY(times[i - 1].toLongLong() <= times[i].toLongLong());

        view->selectRow(0);
        const auto chosen = table->data(table->index(0, 0), OutlierTableModel::PointIndexRole);
        view->horizontalHeader()->setSortIndicator(OutlierTableModel::ValueColumn, Qt::DescendingOrder);
        const auto values = column(OutlierTableModel::ValueColumn, OutlierTableModel::SortRole);
        for (qsizetype i = 1; i < values.size(); ++i)
            QVERIFY(values[i - 1].toDouble() >= values[i].toDouble());
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(table->data(selected.first(), OutlierTableModel::PointIndexRole), chosen);

        view->horizontalHeader()->setSortIndicator(OutlierTableModel::ScoreColumn, Qt::AscendingOrder);
        const auto scores = column(OutlierTableModel::ScoreColumn, OutlierTableModel::SortRole);
        for (qsizetype i = 1; i < scores.size(); ++i)
            QVERIFY(scores[i - 1].toDouble() <= scores[i].toDouble());
        // The text shown matches the number sorted on.
        const QString shown = table->data(table->index(0, OutlierTableModel::ScoreColumn)).toString();
        QCOMPARE(shown, QString::number(scores.first().toDouble(), 'f', 2));
    }

    void chartIsDecimatedAndMarksEveryOutlier()
    {
        auto window = openSample();
        MetricChartView* chart = window->chartView();
        QCOMPARE(chart->lineSeries().size(), std::size_t(3));
        QCOMPARE(chart->outlierSeries().size(), std::size_t(3));
        // The plot area settles after layout; decimation follows it.
        QTRY_VERIFY(chart->chart()->plotArea().width() > 200);
        QTest::qWait(100);
        const double plotWidth = chart->chart()->plotArea().width();
        const auto& series = window->dataset()->series;
        qsizetype marked = 0;
        for (std::size_t i = 0; i < series.size(); ++i) {
            const QLineSeries* line = chart->lineSeries()[i];
            const QScatterSeries* markers = chart->outlierSeries()[i];
            QCOMPARE(line->name(), QString::fromStdString(series[i].name));
            // The line may be drawn in stretches (the sample has a few missing points).
            QList<QPointF> points;
            for (const QList<QPointF>& run : chart->drawnRuns(i))
                points += run;
            QVERIFY2(points.size() <= 2 * plotWidth + markers->count() + 4,
                qPrintable(QStringLiteral("%1 points on %2 px").arg(points.size()).arg(plotWidth)));
            // The sample has more points per series than fit two per pixel column.
            QVERIFY(points.size() < qsizetype(series[i].size()));
            // Every marked outlier is also a point of its line: decimation kept the spikes.
            for (const QPointF& p : markers->points())
                QVERIFY(points.contains(p));
            QCOMPARE(markers->color(), QColor(0xe0, 0x10, 0x10));
            QVERIFY(line->color() != markers->color());
            marked += markers->count();
        }
        QCOMPARE(marked, m_local.size());

        // A wider window gets more points, a narrower one fewer: the cost follows the pixels.
        const qsizetype before = chart->lineSeries()[0]->count();
        window->resize(700, 600);
        QTRY_VERIFY(chart->lineSeries()[0]->count() < before);
        QTRY_VERIFY(chart->lineSeries()[0]->count() <= 2 * chart->chart()->plotArea().width() + 8);
    }

    void clickingTheChartAnywhereIsSafe_data()
    {
        QTest::addColumn<int>("spot"); // in the order of spots below
        QTest::addRow("centre") << 0;
        QTest::addRow("top left corner") << 1;
        QTest::addRow("bottom right corner") << 2;
        QTest::addRow("top edge, above the plot") << 3;
    }

    void clickingTheChartAnywhereIsSafe()
    {
        QFETCH(int, spot);
        auto window = openSample();
        QChartView* view = window->chartView();
        const QRect r = view->viewport()->rect();
        const QPoint spots[] = { r.center(), r.topLeft(), r.bottomRight() - QPoint(1, 1), QPoint(r.width() / 2, 2) };
        const QPoint p = spots[spot];
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
        QTest::mouseClick(view->viewport(), Qt::RightButton, {}, p);
        QCOMPARE(window->chartView()->lineSeries().size(), std::size_t(3));
    }

    void zoomPanAndResetRedecimateTheVisibleRange()
    {
        auto window = openSample();
        MetricChartView* chart = window->chartView();
        const auto full = chart->fullRange();
        QCOMPARE(chart->viewRange(), full);
        const auto pointsBefore = chart->lineSeries().front()->count();

        chart->zoom(8.0);
        const auto zoomed = chart->viewRange();
        const qint64 fullSpan = full.second - full.first;
        QVERIFY(std::abs((zoomed.second - zoomed.first) - fullSpan / 8) <= 1);
        // Zoomed in 8x, the line holds the visible stretch at the same pixel budget: every
        // point shown lies in (or just beside) the view, and detail grows rather than shrinks.
        const auto points = chart->lineSeries().front()->points();
        QVERIFY(!points.isEmpty());
        QVERIFY(points.size() <= pointsBefore + 2);
        int outside = 0;
        for (const QPointF& p : points)
            outside += (p.x() < double(zoomed.first) - 86'400'000.0 || p.x() > double(zoomed.second) + 86'400'000.0);
        QCOMPARE(outside, 0);

        chart->pan(-10.0); // far past the start: the view stops at the data's first point
        QCOMPARE(chart->viewRange().first, full.first);
        QCOMPARE(chart->viewRange().second - chart->viewRange().first, zoomed.second - zoomed.first);

        // The wheel zooms around the cursor; Ctrl+0 shows everything again.
        const QPoint centre = chart->viewport()->rect().center();
        QWheelEvent wheel(QPointF(centre), chart->viewport()->mapToGlobal(QPointF(centre)), QPoint(), QPoint(0, 120),
            Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(chart->viewport(), &wheel);
        QVERIFY(chart->viewRange().second - chart->viewRange().first < zoomed.second - zoomed.first);
        QTest::keyClick(window.get(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(chart->viewRange(), full);
    }

    void clickingARowCentresTheChartOnIt()
    {
        auto window = openSample();
        auto* view = window->findChild<QTableView*>(QStringLiteral("outlierView"));
        QVERIFY(view);
        const QAbstractItemModel* table = window->outlierTable();
        const int row = table->rowCount() - 1;
        const QModelIndex index = table->index(row, OutlierTableModel::TimeColumn);
        const auto series = index.data(OutlierTableModel::SeriesIndexRole).toULongLong();
        const auto point = index.data(OutlierTableModel::PointIndexRole).toULongLong();
        const qint64 at = window->dataset()->series[series].times[point] / 1'000'000;
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        const auto range = window->chartView()->viewRange();
        QVERIFY(range != window->chartView()->fullRange()); // zoomed in on it
        QVERIFY(std::abs((range.first + range.second) / 2 - at) <= 1000);
        // Its marker is in view and its tooltip says why it was flagged, in the default's words
        // ("... times the largest step of the previous 500 ...").
        const QString tip = window->chartView()->markerText(series, 0);
        QVERIFY2(tip.contains(QStringLiteral(" of the previous ")), qPrintable(tip));
    }

    void copyPutsTheSelectedRowsOnTheClipboard()
    {
        auto window = openSample();
        auto* view = window->findChild<QTableView*>(QStringLiteral("outlierView"));
        view->selectRow(0);
        view->selectionModel()->select(
            window->outlierTable()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QApplication::clipboard()->clear();
        window->findChild<QAction*>(QStringLiteral("copyAction"))->trigger();
        const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header and two rows
        QVERIFY(lines[0].startsWith(QStringLiteral("Series\tTime (UTC)\tValue\tScore\tWhy")));
        const QAbstractItemModel* table = window->outlierTable();
        QCOMPARE(lines[2].section(QLatin1Char('\t'), 1, 1),
            table->index(2, OutlierTableModel::TimeColumn).data().toString());
    }

    void openedFilesAreRemembered()
    {
        {
            auto window = openSample();
        }
        MainWindow again;
        auto* recent = again.findChild<QMenu*>(QStringLiteral("recentMenu"));
        QVERIFY(recent);
        QCOMPARE(recent->actions().size(), 1);
        QCOMPARE(recent->actions().front()->toolTip(), QFileInfo(QStringLiteral(OD_SAMPLE)).absoluteFilePath());
    }

    void seriesDockShowsHidesAndExplainsEachSeries()
    {
        auto window = openSample();
        SeriesListModel* model = window->seriesModel();
        QCOMPARE(model->rowCount(), 3);
        // Outlier counts per series agree with the table.
        const auto rows = tableRows(window->outlierTable());
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString name = model->index(r, SeriesListModel::NameColumn).data().toString();
            const auto inTable
                = std::count_if(rows.begin(), rows.end(), [&](const auto& row) { return row.series == name; });
            QCOMPARE(model->index(r, SeriesListModel::OutliersColumn).data(SeriesListModel::SortRole).toLongLong(),
                qint64(inTable));
        }
        // Unchecking a series hides its line and markers.
        QVERIFY(model->setData(model->index(1, SeriesListModel::NameColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!window->chartView()->lineSeries()[1]->isVisible());
        QVERIFY(!window->chartView()->outlierSeries()[1]->isVisible());
        QVERIFY(window->chartView()->lineSeries()[0]->isVisible());

        // Picking a series in the dock draws its band: for the rolling default, per point, and
        // every outlier of that series lies outside it.
        auto* view = window->findChild<QTableView*>(QStringLiteral("seriesView"));
        QVERIFY(view);
        QModelIndex first;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->index(r, 0).data(SeriesListModel::SeriesIndexRole).toInt() == 0)
                first = view->model()->index(r, 0);
        }
        view->setCurrentIndex(first);
        QAreaSeries* band = window->chartView()->band();
        QVERIFY(band && band->isVisible());
        const auto upper = band->upperSeries()->points();
        const auto lower = band->lowerSeries()->points();
        QVERIFY(upper.size() > 10);
        QCOMPARE(upper.size(), lower.size());
        for (qsizetype k = 0; k < upper.size(); ++k)
            QVERIFY(upper[k].y() >= lower[k].y());
    }

    void settingsSurviveARestart()
    {
        {
            MainWindow window;
            DetectorChoice choice;
            choice.remote = true;
            choice.endpoint = QStringLiteral("10.1.2.3:6000");
            choice.method = QStringLiteral("zscore");
            choice.threshold = 3.5;
            window.detectorPanel()->setChoice(choice);
            window.resize(900, 650);
        }
        MainWindow window;
        const DetectorChoice restored = window.detectorPanel()->choice();
        QCOMPARE(restored.remote, true);
        QCOMPARE(restored.endpoint, QStringLiteral("10.1.2.3:6000"));
        QCOMPARE(restored.method, QStringLiteral("zscore"));
        QCOMPARE(restored.threshold, 3.5);
        QCOMPARE(window.size(), QSize(900, 650));
        QVERIFY(window.findChild<QRadioButton*>(QStringLiteral("remoteButton"))->isChecked());
        QVERIFY(window.findChild<QLineEdit*>(QStringLiteral("endpointEdit"))->isEnabled());
    }

    // The panel offers each method's own parameters from the core's list (defaults and ranges),
    // re-detects once edits settle, remembers values per method and across a restart.
    void methodParametersComeFromTheCore()
    {
        {
            auto window = openSample();
            auto* combo = window->findChild<QComboBox*>(QStringLiteral("methodCombo"));
            QVERIFY(combo);
            QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
            combo->setCurrentIndex(combo->findData(QStringLiteral("rolling")));
            auto* windowBox = window->findChild<QSpinBox*>(QStringLiteral("param_window"));
            QVERIFY(windowBox);
            QCOMPARE(windowBox->value(), od::effectiveWindow(od::defaultParams("rolling")));
            QCOMPARE(windowBox->minimum(), 2);
            // Three quick edits, one detection, with the last value.
            detected.clear();
            windowBox->setValue(10);
            windowBox->setValue(8);
            windowBox->setValue(6);
            QVERIFY(detected.wait(30'000));
            QTest::qWait(400);
            QCOMPARE(detected.count(), 1);
            QCOMPARE(window->detectorPanel()->choice().params.value(QStringLiteral("window")), 6.0);
            // ESD has other parameters; the window box goes.
            combo->setCurrentIndex(combo->findData(QStringLiteral("esd")));
            QTRY_VERIFY(window->findChild<QSpinBox*>(QStringLiteral("param_window")) == nullptr);
            auto* period = window->findChild<QSpinBox*>(QStringLiteral("param_period"));
            QVERIFY(period);
            QCOMPARE(period->text(), QStringLiteral("auto")); // 0: inferred from the timestamps
            QVERIFY(window->findChild<QDoubleSpinBox*>(QStringLiteral("param_max_anoms")));
            // Back to rolling: its window is as the user left it.
            combo->setCurrentIndex(combo->findData(QStringLiteral("rolling")));
            QCOMPARE(window->findChild<QSpinBox*>(QStringLiteral("param_window"))->value(), 6);
            QTRY_VERIFY(window->statusText().contains(QStringLiteral("found")));
        }
        MainWindow again;
        QCOMPARE(again.detectorPanel()->choice().method, QStringLiteral("rolling"));
        QCOMPARE(again.detectorPanel()->choice().params.value(QStringLiteral("window")), 6.0);
    }

    // The detector bar labels the threshold by the method's own name (Ratio for alarm, t for
    // mad, Alpha for esd) and the status bar names it and the parameters the same way; rolling-mad,
    // a batch method too now, brings its window box.
    void statusNamesTheKnobsAsTheDetectorBarDoes_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("shown");
        QTest::addRow("mad") << "mad"
                             << "t:"
                             << "local mad (t 3.5)";
        QTest::addRow("iqr") << "iqr"
                             << "c:"
                             << "local iqr (c 1.5)";
        QTest::addRow("esd") << "esd"
                             << "Alpha:"
                             << "local esd (Alpha 0.05, Period auto, Max share of anomalies 0.02)";
        QTest::addRow("rolling-mad") << "rolling-mad"
                                     << "t:"
                                     << "local rolling-mad (t 4, Window 30)";
        QTest::addRow("alarm") << "alarm"
                               << "Ratio:"
                               << "local alarm (Ratio 1.3, Memory 4000, Period auto)";
    }

    void statusNamesTheKnobsAsTheDetectorBarDoes()
    {
        QFETCH(QString, method);
        QFETCH(QString, label);
        QFETCH(QString, shown);
        auto window = openSample();
        auto* combo = window->findChild<QComboBox*>(QStringLiteral("methodCombo"));
        auto* status = window->findChild<QLabel*>(QStringLiteral("detectLabel"));
        auto* thresholdLabel = window->findChild<QLabel*>(QStringLiteral("thresholdLabel"));
        QVERIFY(combo && status && thresholdLabel);
        if (combo->currentData().toString() == method)
            combo->setCurrentIndex(combo->findData(QStringLiteral("zscore"))); // so that choosing it detects again
        combo->setCurrentIndex(combo->findData(method));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(shown), 30'000);
        QCOMPARE(thresholdLabel->text().remove(QLatin1Char('&')), label);
        QVERIFY(!status->text().contains(QLatin1Char('=')));
        if (method == QLatin1String("rolling-mad"))
            QVERIFY(window->findChild<QSpinBox*>(QStringLiteral("param_window")));
    }

    void noDisplayGivesOneLineAndExitCode1()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(OD_DESKTOP_EXE), { QStringLiteral(OD_SAMPLE) });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.contains("no display") && err.contains("xvfb-run"), err.constData());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
