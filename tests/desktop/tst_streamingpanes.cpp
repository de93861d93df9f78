// The streaming panes on real widgets against real servers on loopback: live prices (plotted,
// stopped, ended, failed), chat (order, literal HTML, leave and disconnect, floods, a room),
// upload (figures checked against local ones), and how the panes dock into a main window.

#include "chart/theme.h"
#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/mainwindow.h"
#include "desktop/panes/chat/chatmodel.h"
#include "desktop/panes/chat/chatpane.h"
#include "desktop/panes/stock/liveseries.h"
#include "desktop/panes/stock/stockpane.h"
#include "desktop/panes/streamingpanes.h"
#include "desktop/panes/upload/uploadpane.h"

#include "core/detect/alarm.h"
#include "core/detect/detector.h"
#include "core/detect/online_detector.h"
#include "core/report/incidents.h"
#include "rpc/client/chat_session.h"
#include "rpc/rpc_status.h"
#include "rpc/server/server.h"
#include "tests/rpc/outlierd_process.h"
#include "tests/silent_listener.h"

#include <QAction>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <csignal>
#include <limits>
#include <memory>

namespace {

constexpr int kCancelled = 1; // grpc::StatusCode::CANCELLED; the panes report plain codes

std::unique_ptr<od::rpc::Server> startServer(int ticks, int intervalMs)
{
    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.greeter.stockTicks = ticks;
    options.greeter.stockInterval = std::chrono::milliseconds(intervalMs);
    auto server = od::rpc::Server::start(options);
    if (!server) {
        qWarning("server did not start: %s", server.error().toString().c_str());
        return nullptr;
    }
    return std::move(*server);
}

QString endpointOf(const od::rpc::Server& server)
{
    return QStringLiteral("127.0.0.1:%1").arg(server.port());
}

// Sets the greeter's chat to room mode when this build's server offers it; written as a
// template so the test compiles against servers with and without the option.
template <typename Greeter> bool setRoomMode(Greeter& greeter)
{
    if constexpr (requires { greeter.chat = decltype(greeter.chat)::Room; }) {
        greeter.chat = decltype(greeter.chat)::Room;
        return true;
    } else {
        return false;
    }
}

std::vector<QPointF> pointsOf(const QXYSeries* series)
{
    const QList<QPointF> points = series->points();
    return { points.begin(), points.end() };
}

// Starts the outlierd executable with endless stock streams (a tick every 10 ms) on port (0 =
// any free one); returns the port it listens on, or 0.
int startOutlierd(QProcess& process, const QString& logPath, int port)
{
    return odtest::startOutlierd(process,
        { QStringLiteral("--stock-ticks"), QStringLiteral("0"), QStringLiteral("--stock-interval-ms"),
            QStringLiteral("10") },
        logPath, port);
}

DatasetPtr makeDataset()
{
    auto dataset = std::make_shared<Dataset>();
    od::Series plain;
    plain.name = "steady";
    od::Series gappy;
    gappy.name = "gappy";
    for (int i = 0; i < 5000; ++i) {
        plain.times.push_back(std::int64_t(i) * 1'000'000'000);
        plain.values.push_back(100.0 + std::sin(i * 0.01) * 10.0 + (i % 7) * 0.125);
        gappy.times.push_back(std::int64_t(i) * 1'000'000'000);
        gappy.values.push_back(i % 10 == 3 ? std::numeric_limits<double>::quiet_NaN() : 1e6 + i * 0.5);
    }
    dataset->series.push_back(std::move(plain));
    dataset->series.push_back(std::move(gappy));
    return dataset;
}

} // namespace

class TestStreamingPanes : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<od::rpc::Server> m_endless; // endless stock streams, a tick every 10 ms
    std::unique_ptr<od::rpc::Server> m_reference; // the reference behaviour: 5 ticks, then the end
    ChannelProvider m_channels;

    template <typename Pane> std::unique_ptr<Pane> makePane(const QString& endpoint)
    {
        auto pane = std::make_unique<Pane>(&m_channels, [endpoint] { return endpoint; });
        pane->resize(700, 520);
        pane->show();
        if (!QTest::qWaitForWindowExposed(pane.get()))
            qWarning("pane not exposed");
        return pane;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // Never read or write the real user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("OutlierDeskStreamingTest"));
        m_endless = startServer(0, 10);
        m_reference = startServer(5, 20);
        QVERIFY(m_endless && m_reference);
    }

    void init() { QSettings().clear(); }

    void cleanupTestCase()
    {
        for (auto* server : { m_endless.get(), m_reference.get() }) {
            if (server)
                server->shutdown(std::chrono::milliseconds(500));
        }
    }

    void ticksArePlottedAndStopCancels()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_endless));
        pane->start(QStringLiteral("ACME"));
        QVERIFY(pane->isStreaming(QStringLiteral("ACME")));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= 20, 10'000);
        QTRY_VERIFY(pane->lineSeries(QStringLiteral("ACME"))->count() >= 20);

        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->stop(QStringLiteral("ACME"));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("ACME"));
        QCOMPARE(finished.first().at(1).toInt(), kCancelled);
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("stopped"));
        QVERIFY2(pane->statusText().contains(QStringLiteral("cancelled")), qPrintable(pane->statusText()));

        // Every tick received is on the chart, in arrival order, at the prices the server sends.
        const qint64 received = pane->ticksReceived(QStringLiteral("ACME"));
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ACME"))->count(), received);
        const auto points = pointsOf(pane->lineSeries(QStringLiteral("ACME")));
        for (std::size_t i = 0; i < points.size(); ++i) {
            QVERIFY(points[i].y() >= 500 && points[i].y() <= 600);
            if (i > 0)
                QVERIFY(points[i].x() >= points[i - 1].x());
        }
        QTest::qWait(200);
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), received); // nothing after the stop

        // The server keeps serving: the next stream on the same channel gets ticks.
        pane->start(QStringLiteral("BETA"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("BETA")) >= 5, 10'000);
        pane->stopAll();
        QTRY_VERIFY(!pane->isStreaming(QStringLiteral("BETA")));
    }

    void priceAxisHoldsStillWhilePricesStayInside()
    {
        // Each range change re-lays out the axis and recomputes every line's geometry, which
        // once made frames long under a flood: the price axis now moves only when it must.
        auto pane = makePane<StockPane>(endpointOf(*m_endless));
        pane->start(QStringLiteral("ACME"));
        QSignalSpy frames(pane.get(), &StockPane::framePainted);
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 15, 10'000); // prices from 500 to 600 seen
        auto* axis = qobject_cast<QValueAxis*>(pane->chartView()->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(axis);
        QSignalSpy changes(axis, &QValueAxis::rangeChanged);
        frames.clear();
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 40, 10'000);
        QVERIFY2(changes.count() <= 2, qPrintable(QString::number(changes.count())));
        const auto points = pointsOf(pane->lineSeries(QStringLiteral("ACME")));
        for (const QPointF& p : points) {
            if (p.x() >= pane->chartView()
                             ->chart()
                             ->axes(Qt::Horizontal)
                             .value(0)
                             ->property("min")
                             .toDateTime()
                             .toMSecsSinceEpoch())
                QVERIFY(p.y() >= axis->min() && p.y() <= axis->max());
        }
        // Round ticks: the range is a whole number of steps, each 1, 2 or 5 times a power of ten.
        const double step = (axis->max() - axis->min()) / (axis->tickCount() - 1);
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
        QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 5) < 1e-9,
            qPrintable(QString::number(step)));
        QVERIFY(std::abs(axis->min() / step - std::round(axis->min() / step)) < 1e-6);
        pane->stopAll();
    }

    void severalSymbolsAtOnce()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_endless));
        const QStringList names { QStringLiteral("AAA"), QStringLiteral("BBB"), QStringLiteral("CCC") };
        for (const QString& name : names)
            pane->start(name);
        pane->start(QStringLiteral("AAA")); // already streaming: no second line
        QCOMPARE(pane->symbols(), names);
        for (const QString& name : names)
            QTRY_VERIFY_WITH_TIMEOUT(pane->lineSeries(name)->count() >= 10, 10'000);
        QCOMPARE(pane->chartView()->chart()->series().size(), 2 * names.size()); // a line and markers each
        pane->stopAll();
        for (const QString& name : names)
            QTRY_COMPARE(pane->stateText(name), QStringLiteral("stopped"));
    }

    // The live chart follows the palette as the main chart does: background, and each line's
    // hue made lighter on dark, with the markers still red.
    void liveChartFollowsTheTheme()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_endless));
        pane->start(QStringLiteral("AAA"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->lineSeries(QStringLiteral("AAA"))->count() >= 2, 10'000);
        const QColor lightLine = pane->lineSeries(QStringLiteral("AAA"))->pen().color();
        pane->setPalette(darkPalette());
        QChart* chart = pane->chartView()->chart();
        QTRY_COMPARE(chart->backgroundBrush().color(), darkPalette().color(QPalette::Base));
        const QColor darkLine = pane->lineSeries(QStringLiteral("AAA"))->pen().color();
        QVERIFY(darkLine.lightness() > lightLine.lightness());
        QCOMPARE(darkLine.hue(), lightLine.hue());
        const QColor marker = pane->markerSeries(QStringLiteral("AAA"))->color();
        QVERIFY(marker.red() > 200 && marker.green() < 100);
        pane->setPalette(lightPalette());
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("AAA"))->pen().color(), lightLine);
        pane->stopAll();
    }

    void markersAreTheRollingDecisions()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_reference));
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        // Uniform prices: at k = 0.5 some ticks are always flagged.
        pane->setDetector(od::OnlineSettings { od::OnlineMethod::RollingZScore, 3, 0.5, {} });
        for (int run = 0; run < 4; ++run) {
            pane->start(QStringLiteral("ZED")); // a symbol that ended continues its line
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.last().at(1).toInt(), 0);
        }
        QCOMPARE(pane->ticksReceived(QStringLiteral("ZED")), 20);
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ZED"))->count(), 20);

        const auto line = pointsOf(pane->lineSeries(QStringLiteral("ZED")));
        std::vector<double> values;
        for (const auto& p : line)
            values.push_back(p.y());
        auto params = od::defaultParams("rolling");
        params.threshold = 0.5;
        params.window = 3;
        const auto batch = od::detect(values, {}, params);
        QVERIFY(batch.ok());
        QVERIFY(!batch->indices.empty());
        std::vector<QPointF> expected;
        for (const auto i : batch->indices)
            expected.push_back(line[std::size_t(i)]);
        QCOMPARE(pointsOf(pane->markerSeries(QStringLiteral("ZED"))), expected);

        // New parameters judge the kept ticks again: the markers become the batch decisions at
        // the new threshold, fewer than before. (Not none: three random prices can lie close
        // enough together for a fourth to be 50 of their deviations away.)
        pane->setDetector(3, 50);
        params.threshold = 50;
        const auto strict = od::detect(values, {}, params);
        QVERIFY(strict.ok());
        QVERIFY(strict->indices.size() < batch->indices.size());
        std::vector<QPointF> fewer;
        for (const auto i : strict->indices)
            fewer.push_back(line[std::size_t(i)]);
        QTRY_COMPARE(pointsOf(pane->markerSeries(QStringLiteral("ZED"))), fewer);
    }

    void detectorMethodIsChosenInTheControlsAndRemembered()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_reference));
        auto* method = pane->findChild<QComboBox*>(QStringLiteral("stockMethodCombo"));
        auto* threshold = pane->findChild<QDoubleSpinBox*>(QStringLiteral("stockThresholdSpin"));
        auto* window = pane->findChild<QSpinBox*>(QStringLiteral("stockWindowSpin"));
        QVERIFY(method && threshold && window);
        QCOMPARE(pane->detector().method, od::OnlineMethod::Alarm); // the default, as for files
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        for (int run = 0; run < 4; ++run) {
            pane->start(QStringLiteral("MED"));
            QVERIFY(finished.wait(10'000));
        }
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("MED"))->count(), 20);
        const auto line = pointsOf(pane->lineSeries(QStringLiteral("MED")));

        const auto expectedMarkers = [&line](const od::OnlineSettings& settings) {
            od::OnlineDetector detector(settings);
            std::vector<QPointF> marks;
            for (const auto& p : line) {
                if (detector.push(p.y()).outlier)
                    marks.push_back(p);
            }
            return marks;
        };
        // The prices are random: pick knobs under which the two methods judge these ticks
        // differently, so that the switch back to the z-score below shows in the markers.
        od::OnlineSettings chosen { od::OnlineMethod::RollingMad, 3, 0.5, {} };
        od::OnlineSettings zscore { od::OnlineMethod::RollingZScore, 3, 0.5, {} };
        bool telling = false;
        for (const std::size_t size : { 3, 4, 5, 6 }) {
            for (const double k : { 0.5, 0.8, 1.0, 1.5, 2.0 }) {
                chosen.window = zscore.window = size;
                chosen.threshold = zscore.threshold = k;
                const auto mad = expectedMarkers(chosen);
                telling = !mad.empty() && mad != expectedMarkers(zscore);
                if (telling)
                    break;
            }
            if (telling)
                break;
        }
        if (!telling)
            QSKIP("these 20 random prices are judged alike by both methods under every knob tried");

        // As a user would: through the controls, after the ticks are in.
        window->setValue(int(chosen.window));
        threshold->setValue(chosen.threshold);
        method->setCurrentIndex(method->findData(QStringLiteral("rolling-mad")));
        QCOMPARE(pane->detector(), chosen);
        QVERIFY2(pane->statusText().contains(QStringLiteral("judged again")), qPrintable(pane->statusText()));
        const auto madMarks = expectedMarkers(chosen);
        QTRY_COMPARE(pointsOf(pane->markerSeries(QStringLiteral("MED"))), madMarks);

        // Back to the z-score: the kept ticks are judged again under it.
        method->setCurrentIndex(method->findData(QStringLiteral("rolling")));
        QTRY_COMPARE(pointsOf(pane->markerSeries(QStringLiteral("MED"))), expectedMarkers(zscore));

        // Remembered: the next pane starts with the last choice.
        method->setCurrentIndex(method->findData(QStringLiteral("rolling-mad")));
        pane.reset();
        auto next = makePane<StockPane>(endpointOf(*m_reference));
        QCOMPARE(next->detector(), chosen);
        QCOMPARE(next->findChild<QComboBox*>(QStringLiteral("stockMethodCombo"))->currentData().toString(),
            QStringLiteral("rolling-mad"));
        QCOMPARE(next->findChild<QSpinBox*>(QStringLiteral("stockWindowSpin"))->value(), int(chosen.window));
    }

    // The default live detector on a real outlierd's endless stream: alarm's own knobs are the
    // ones shown, and the line's flags and incidents are the batch method's on the same prices.
    void alarmJudgesARealOutlierdStream()
    {
        QTemporaryDir logs;
        QProcess server;
        const int port = startOutlierd(server, logs.filePath(QStringLiteral("outlierd.log")), 0);
        QVERIFY(port > 0);
        auto pane = makePane<StockPane>(QStringLiteral("127.0.0.1:%1").arg(port));
        auto* memory = pane->findChild<QSpinBox*>(QStringLiteral("stockMemorySpin"));
        auto* period = pane->findChild<QSpinBox*>(QStringLiteral("stockPeriodSpin"));
        auto* window = pane->findChild<QSpinBox*>(QStringLiteral("stockWindowSpin"));
        QVERIFY(memory && period && window);
        QVERIFY(memory->isVisible() && period->isVisible() && !window->isVisible());
        QCOMPARE(memory->value(), 4000);
        QCOMPARE(period->text(), QStringLiteral("no period"));
        // A short memory (its warm-up is the whole memory): uniform random prices break its
        // records now and then, so the stream does alarm within a few seconds.
        memory->setValue(40);
        QCOMPARE(pane->detector().alarm.memory, std::size_t(40));
        pane->start(QStringLiteral("ACME"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= 400, 20'000);
        pane->stopAll();
        QTRY_COMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("stopped"));

        const LiveSeries* line = pane->liveSeries(QStringLiteral("ACME"));
        QVERIFY(line);
        const std::vector<double> prices(line->prices().begin(), line->prices().end());
        QCOMPARE(qint64(prices.size()), pane->ticksReceived(QStringLiteral("ACME")));
        const od::Detection batch = od::alarm(prices, pane->detector().alarm);
        QVERIFY(batch.indices.size() >= 2);
        QCOMPARE(line->outlierPositions(), batch.indices);
        const auto grouped = od::groupIncidents(batch, prices, {}, od::defaultIncidentRule({}));
        QCOMPARE(line->incidents().total(), grouped.size());
        auto* table = pane->findChild<QTableWidget*>(QStringLiteral("stockTable"));
        QVERIFY(table);
        const QString count = QLocale().toString(qulonglong(grouped.size()));
        QTRY_VERIFY2(table->item(0, 5)->text().startsWith(count), qPrintable(table->item(0, 5)->text()));
        // The chart's markers are the flagged prices.
        std::vector<double> flaggedPrices;
        for (const std::size_t i : batch.indices)
            flaggedPrices.push_back(prices[i]);
        const auto markerPrices = [&] {
            std::vector<double> ys;
            for (const QPointF& p : pointsOf(pane->markerSeries(QStringLiteral("ACME"))))
                ys.push_back(p.y());
            return ys;
        };
        QTRY_COMPARE(markerPrices(), flaggedPrices);
        server.terminate();
        QVERIFY(server.waitForFinished(10'000));
    }

    void streamThatEndsIsShownAsEnded()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_reference));
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->start(QStringLiteral("ACME"));
        QVERIFY(finished.wait(10'000));
        QVERIFY2(finished.first().at(1).toInt() == 0, qPrintable(pane->statusText()));
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), 5);
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("ended"));
        QVERIFY2(pane->statusText().contains(QStringLiteral("ended")), qPrintable(pane->statusText()));
        QVERIFY(!pane->statusText().contains(QStringLiteral("error"), Qt::CaseInsensitive));
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ACME"))->count(), 5);
    }

    void serverGoneKeepsHistoryAndSaysWhy()
    {
        auto server = startServer(0, 10);
        QVERIFY(server);
        auto pane = makePane<StockPane>(endpointOf(*server));
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->start(QStringLiteral("ACME"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= 10, 10'000);
        server->shutdown(std::chrono::milliseconds(0));
        QVERIFY(finished.wait(10'000));
        const int code = finished.first().at(1).toInt();
        QVERIFY(code != 0);
        const QString name = QString::fromLatin1(od::rpc::statusCodeName(code));
        QVERIFY2(pane->stateText(QStringLiteral("ACME")).startsWith(QStringLiteral("error: ") + name),
            qPrintable(pane->stateText(QStringLiteral("ACME"))));
        QVERIFY2(pane->statusText().contains(name), qPrintable(pane->statusText()));
        const qint64 received = pane->ticksReceived(QStringLiteral("ACME"));
        QVERIFY(received >= 10);
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ACME"))->count(), received);
    }

    void reconnectWaitsAndCanBeStopped()
    {
        auto server = startServer(0, 10);
        QVERIFY(server);
        auto pane = makePane<StockPane>(endpointOf(*server));
        pane->setReconnect(true);
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->start(QStringLiteral("ACME"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= 3, 10'000);
        server->shutdown(std::chrono::milliseconds(0));
        QVERIFY(finished.wait(10'000));
        // The attempt and when it is due, as a time of day.
        static const QRegularExpression plan(QStringLiteral("^reconnecting in (\\d+) s at \\d\\d:\\d\\d:\\d\\d "
                                                            "\\(attempt (\\d+)\\); UNAVAILABLE"));
        auto match = plan.match(pane->stateText(QStringLiteral("ACME")));
        QVERIFY2(match.hasMatch(), qPrintable(pane->stateText(QStringLiteral("ACME"))));
        QCOMPARE(match.captured(1), QStringLiteral("1"));
        QCOMPARE(match.captured(2), QStringLiteral("1"));
        QVERIFY2(pane->statusText().contains(QStringLiteral("attempt 1")), qPrintable(pane->statusText()));
        // The retry fails too (nobody listens) and waits twice as long.
        QVERIFY(finished.wait(10'000));
        match = plan.match(pane->stateText(QStringLiteral("ACME")));
        QVERIFY2(match.hasMatch(), qPrintable(pane->stateText(QStringLiteral("ACME"))));
        QCOMPARE(match.captured(1), QStringLiteral("2"));
        QCOMPARE(match.captured(2), QStringLiteral("2"));
        pane->stop(QStringLiteral("ACME"));
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("stopped"));
        QVERIFY2(pane->statusText().contains(QStringLiteral("cancelled")), qPrintable(pane->statusText()));
        QVERIFY(!finished.wait(3000)); // the pending retry did not start a stream
        QVERIFY(!pane->isStreaming(QStringLiteral("ACME")));
    }

    void reconnectsToARestartedOutlierd()
    {
        // A real outlierd, killed outright and started again on the same port.
        QTemporaryDir logs;
        QProcess first;
        const int port = startOutlierd(first, logs.filePath(QStringLiteral("first.log")), 0);
        QVERIFY(port > 0);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(port);
        auto pane = makePane<StockPane>(endpoint);
        pane->setReconnectPolicy(StockFeed::Reconnect::AfterErrors);
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->start(QStringLiteral("ACME"));
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= 10, 10'000);

        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(5000));
        QVERIFY(finished.wait(10'000));
        QVERIFY(finished.last().at(1).toInt() != 0);
        QVERIFY2(pane->stateText(QStringLiteral("ACME")).contains(QStringLiteral("(attempt 1)")),
            qPrintable(pane->stateText(QStringLiteral("ACME"))));
        const qint64 before = pane->ticksReceived(QStringLiteral("ACME"));

        QProcess second;
        QCOMPARE(startOutlierd(second, logs.filePath(QStringLiteral("second.log")), port), port);
        // Retries follow at 1, 2, 4 ... s until one reaches the new server; then ticks flow on
        // the same line again.
        QTRY_VERIFY_WITH_TIMEOUT(pane->ticksReceived(QStringLiteral("ACME")) >= before + 10, 30'000);
        QVERIFY(pane->isStreaming(QStringLiteral("ACME")));
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("live"));
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ACME"))->count() > 0, true);
        pane->stopAll();
        QTRY_COMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("stopped"));
        second.terminate();
        QVERIFY(second.waitForFinished(10'000));
    }

    void aFailedStreamsMessageIsReplacedWhenTheChannelGetsReady()
    {
        // A real outlierd, killed outright while a price stream and a chat run, then started
        // again on the same port: "failed: UNAVAILABLE" holds while it is down and is replaced
        // once the channel is ready, as the status bar does for a detection that failed.
        QTemporaryDir logs;
        QProcess first;
        const int port = startOutlierd(first, logs.filePath(QStringLiteral("first.log")), 0);
        QVERIFY(port > 0);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(port);
        auto stock = makePane<StockPane>(endpoint);
        stock->setReconnectPolicy(StockFeed::Reconnect::Never);
        auto chat = makePane<ChatPane>(endpoint);
        ChannelStateIndicator indicator(&m_channels, [endpoint] { return endpoint; });
        connect(&indicator, &ChannelStateIndicator::stateChanged, stock.get(), &StockPane::channelStateChanged);
        connect(&indicator, &ChannelStateIndicator::stateChanged, chat.get(), &ChatPane::channelStateChanged);
        QSignalSpy stockEnded(stock.get(), &StockPane::streamFinished);
        QSignalSpy chatEnded(chat.get(), &ChatPane::chatClosed);
        stock->start(QStringLiteral("ACME"));
        chat->join();
        QTRY_VERIFY_WITH_TIMEOUT(stock->ticksReceived(QStringLiteral("ACME")) >= 5, 10'000);
        QTRY_COMPARE(indicator.stateText(), QStringLiteral("ready"));
        QSignalSpy received(chat.get(), &ChatPane::messagesReceived);
        QVERIFY(chat->send(QStringLiteral("anyone?")));
        QVERIFY(received.wait(10'000)); // the chat is open at the server

        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(5000));
        QTRY_VERIFY2_WITH_TIMEOUT(!stockEnded.isEmpty() && !chatEnded.isEmpty(),
            qPrintable(stock->statusText() + QStringLiteral(" | ") + chat->stateText()), 10'000);
        QCOMPARE(stockEnded.last().at(1).toInt(), 14); // UNAVAILABLE
        QCOMPARE(chatEnded.last().at(0).toInt(), 14);
        const QString stockFailed = stock->statusText();
        const QString chatFailed = chat->stateText();
        QVERIFY2(stockFailed.contains(QStringLiteral("the stream failed")), qPrintable(stockFailed));
        QVERIFY2(chatFailed.startsWith(QStringLiteral("The chat failed")), qPrintable(chatFailed));
        QTRY_VERIFY_WITH_TIMEOUT(indicator.stateText() != QStringLiteral("ready"), 10'000);
        QTest::qWait(1000);
        QCOMPARE(stock->statusText(), stockFailed); // still true: the server is down
        QCOMPARE(chat->stateText(), chatFailed);

        QProcess second;
        QCOMPARE(startOutlierd(second, logs.filePath(QStringLiteral("second.log")), port), port);
        const QString recovered = QStringLiteral("%1 is reachable now").arg(endpoint);
        QTRY_VERIFY2_WITH_TIMEOUT(stock->statusText().startsWith(recovered), qPrintable(stock->statusText()), 30'000);
        QTRY_VERIFY2_WITH_TIMEOUT(chat->stateText().startsWith(recovered), qPrintable(chat->stateText()), 30'000);
        QCOMPARE(indicator.stateText(), QStringLiteral("ready"));
        second.terminate();
        QVERIFY(second.waitForFinished(10'000));
    }

    void endedStreamsReconnectOnlyWhenAsked()
    {
        auto pane = makePane<StockPane>(endpointOf(*m_reference)); // 5 ticks, then the end
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);

        // After errors only: an end is an end.
        pane->setReconnectPolicy(StockFeed::Reconnect::AfterErrors);
        pane->start(QStringLiteral("ACME"));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.last().at(1).toInt(), 0);
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("ended"));
        QVERIFY(!finished.wait(2500));
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), 5);

        // After ends too: the line goes on, 5 ticks a stream, without an error in sight.
        pane->setReconnectPolicy(StockFeed::Reconnect::Always);
        QCOMPARE(pane->findChild<QComboBox*>(QStringLiteral("stockReconnectCombo"))->currentData().toInt(),
            int(StockFeed::Reconnect::Always));
        pane->start(QStringLiteral("ACME"));
        QVERIFY(finished.wait(10'000));
        const QString state = pane->stateText(QStringLiteral("ACME"));
        QVERIFY2(state.startsWith(QStringLiteral("reconnecting in 1 s at "))
                && state.contains(QStringLiteral("(attempt 1)"))
                && state.contains(QStringLiteral("ended the stream after 5 tick")),
            qPrintable(state));
        QVERIFY(!pane->statusText().contains(QStringLiteral("error"), Qt::CaseInsensitive));
        QVERIFY(finished.wait(10'000)); // the retry's stream, ended in turn
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), 15);
        // Ticks came, so the wait starts over at 1 s rather than growing.
        QVERIFY2(pane->stateText(QStringLiteral("ACME")).startsWith(QStringLiteral("reconnecting in 1 s")),
            qPrintable(pane->stateText(QStringLiteral("ACME"))));
        pane->stop(QStringLiteral("ACME"));
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("stopped"));
        QVERIFY(!finished.wait(2500));
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), 15);

        // Remembered.
        pane.reset();
        auto next = makePane<StockPane>(endpointOf(*m_reference));
        QCOMPARE(next->reconnectPolicy(), StockFeed::Reconnect::Always);
    }

    void referencePythonServerEndsCleanly()
    {
        QTemporaryDir stubs;
        QProcess python;
        python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        python.start(QStringLiteral(OD_PYTHON),
            { QStringLiteral(OD_REFERENCE_SERVER), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--proto-dir"), QStringLiteral(OD_PROTO_DIR), QStringLiteral("--stub-dir"),
                stubs.path() });
        QVERIFY(python.waitForStarted(5000));
        QString endpoint;
        QElapsedTimer waited;
        waited.start();
        while (endpoint.isEmpty() && waited.elapsed() < 30'000) {
            if (!python.canReadLine() && !python.waitForReadyRead(1000))
                continue;
            const QString line = QString::fromUtf8(python.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("listening on ")))
                endpoint = line.mid(13);
        }
        QVERIFY2(!endpoint.isEmpty(), "the reference server did not say where it listens");

        auto pane = makePane<StockPane>(endpoint);
        pane->setReconnect(true); // after errors: the reference server's end is none
        QSignalSpy finished(pane.get(), &StockPane::streamFinished);
        pane->start(QStringLiteral("ACME"));
        QVERIFY(finished.wait(15'000));
        QVERIFY2(finished.first().at(1).toInt() == 0, qPrintable(pane->statusText()));
        QCOMPARE(pane->ticksReceived(QStringLiteral("ACME")), 5);
        QCOMPARE(pane->stateText(QStringLiteral("ACME")), QStringLiteral("ended"));
        QTRY_COMPARE(pane->lineSeries(QStringLiteral("ACME"))->count(), 5);

        python.terminate();
        if (!python.waitForFinished(5000))
            python.kill();
    }

    void chatAnswersInOrder()
    {
        auto pane = makePane<ChatPane>(endpointOf(*m_reference));
        pane->setNickname(QStringLiteral("alice"));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(pane->send(QStringLiteral("hello %1").arg(i)));
        QCOMPARE(pane->phase(), ChatPane::Phase::Joined);
        ChatModel* model = pane->model();
        QTRY_COMPARE(model->rowCount(), 6);
        QStringList received;
        for (int r = 0; r < model->rowCount(); ++r) {
            const auto& m = model->message(r);
            if (m.direction == ChatModel::Received)
                received << m.sender + QStringLiteral(": ") + m.text;
            else
                QCOMPARE(m.sender, QStringLiteral("alice"));
        }
        QCOMPARE(received,
            QStringList({ QStringLiteral("Server: Server received: hello 1"),
                QStringLiteral("Server: Server received: hello 2"),
                QStringLiteral("Server: Server received: hello 3") }));
        QCOMPARE(model->index(0, ChatModel::DirectionColumn).data().toString(), QStringLiteral("sent"));
        QCOMPARE(QSettings().value(QStringLiteral("chat/nickname")).toString(), QStringLiteral("alice"));
    }

    void markupIsShownLiterally_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("img") << QStringLiteral("<img src=x>");
        QTest::addRow("link") << QStringLiteral("<a href=\"http://example.com\">click</a>");
        QTest::addRow("entity") << QStringLiteral("&lt;b&gt; & <b>bold</b>");
    }

    void markupIsShownLiterally()
    {
        QFETCH(QString, text);
        auto pane = makePane<ChatPane>(endpointOf(*m_reference));
        pane->setNickname(QStringLiteral("<i>eve</i>"));
        QVERIFY(pane->send(text));
        ChatModel* model = pane->model();
        QTRY_COMPARE(model->rowCount(), 2);
        const QModelIndex sent = model->index(0, ChatModel::MessageColumn);
        const QModelIndex answer = model->index(1, ChatModel::MessageColumn);
        QCOMPARE(sent.data(Qt::DisplayRole).toString(), text);
        QCOMPARE(answer.data(Qt::DisplayRole).toString(), QStringLiteral("Server received: ") + text);
        QCOMPARE(model->index(0, ChatModel::SenderColumn).data().toString(), QStringLiteral("<i>eve</i>"));

        // The view paints through QStyledItemDelegate, which draws the display text as plain
        // text; what it would paint is the raw string.
        QTableView* view = pane->view();
        QCOMPARE(view->itemDelegate()->metaObject(), &QStyledItemDelegate::staticMetaObject);
        struct Probe : QStyledItemDelegate
        {
            using QStyledItemDelegate::initStyleOption;
        } probe;
        QStyleOptionViewItem option;
        probe.initStyleOption(&option, answer);
        QCOMPARE(option.text, QStringLiteral("Server received: ") + text);
        // Tooltips are rich text when they look like markup, so they carry the text escaped.
        const QString tip = answer.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(text.toHtmlEscaped()), qPrintable(tip));
        QVERIFY(!tip.contains(text));
    }

    void longMessagesAreElidedWithTheFullTextKept()
    {
        auto pane = makePane<ChatPane>(endpointOf(*m_reference));
        const QString text = QString(20'000, QLatin1Char('x')) + QStringLiteral("END");
        QVERIFY(pane->send(text));
        QTRY_COMPARE(pane->model()->rowCount(), 2);
        const QModelIndex answer = pane->model()->index(1, ChatModel::MessageColumn);
        QVERIFY(answer.data().toString().size() <= ChatModel::kShownChars + 1);
        QCOMPARE(answer.data(ChatModel::FullTextRole).toString(), QStringLiteral("Server received: ") + text);
        QVERIFY(answer.data(Qt::ToolTipRole).toString().size() < 25'000);
    }

    void floodKeepsTheNewestMessages()
    {
        auto pane = makePane<ChatPane>(endpointOf(*m_reference));
        const int n = 3000; // 3000 sent + 3000 answers: more than the list keeps
        for (int i = 0; i < n; ++i)
            QVERIFY(pane->send(QStringLiteral("m%1").arg(i)));
        ChatModel* model = pane->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0
                && model->message(model->rowCount() - 1).text == QStringLiteral("Server received: m2999"),
            30'000);
        QCOMPARE(model->rowCount(), ChatModel::kMaxMessages);
        int answers = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            answers += model->message(r).direction == ChatModel::Received;
        QCOMPARE(answers, qMin(n, ChatModel::kMaxMessages)); // answers come after their message
    }

    void leaveThenDisconnect()
    {
        auto pane = makePane<ChatPane>(endpointOf(*m_reference));
        QSignalSpy closed(pane.get(), &ChatPane::chatClosed);
        QVERIFY(pane->send(QStringLiteral("bye soon")));
        pane->leave();
        QCOMPARE(pane->phase(), ChatPane::Phase::Leaving);
        QVERIFY2(pane->stateText().startsWith(QStringLiteral("Left")), qPrintable(pane->stateText()));
        QVERIFY(!pane->send(QStringLiteral("too late")));
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.first().first().toInt(), 0); // the echo server ends its side after ours
        QCOMPARE(pane->phase(), ChatPane::Phase::Closed);
        QVERIFY2(pane->stateText().contains(QStringLiteral("server closed it")), qPrintable(pane->stateText()));
        QTRY_COMPARE(pane->model()->rowCount(), 2); // the answer to the message sent before leaving

        pane->join();
        QCOMPARE(pane->phase(), ChatPane::Phase::Joined);
        pane->disconnectChat();
        QVERIFY(closed.wait(5000));
        QCOMPARE(closed.last().first().toInt(), kCancelled);
        QVERIFY2(pane->stateText().startsWith(QStringLiteral("Disconnected")), qPrintable(pane->stateText()));
        QCOMPARE(pane->model()->rowCount(), 2); // history stays
    }

    // A server or connection that takes nothing: the lines typed fill the chat's write queue,
    // then Send is refused with what happened and what to do, and the refused line stays in the
    // box. Disconnect lets the queue go; the kept line then goes out in a new chat.
    void aFullQueueRefusesAndKeepsTheText()
    {
        SilentListener silent;
        auto pane = makePane<ChatPane>(silent.endpoint());
        QSignalSpy closed(pane.get(), &ChatPane::chatClosed);
        auto* edit = pane->findChild<QLineEdit*>(QStringLiteral("chatMessageEdit"));
        QVERIFY(edit);
        const int bound = int(od::rpc::ChatSession::kMaxQueuedMessages);
        int accepted = 0;
        QString line;
        while (accepted <= bound + 200) {
            line = QStringLiteral("line %1").arg(accepted);
            edit->setText(line);
            QTest::keyClick(edit, Qt::Key_Return);
            if (!edit->text().isEmpty())
                break; // refused: the text stayed
            ++accepted;
        }
        QVERIFY2(accepted <= bound + 200, "every line was taken: the queue has no bound");
        QVERIFY2(accepted >= bound, qPrintable(QStringLiteral("refused after only %1").arg(accepted)));
        QCOMPARE(edit->text(), line);
        const QString state = pane->stateText();
        QVERIFY2(state.startsWith(QStringLiteral("Not sent")) && state.contains(QStringLiteral("Your text is kept"))
                && state.contains(QStringLiteral("Disconnect")),
            qPrintable(state));
        const int rows = pane->model()->rowCount();
        QVERIFY(pane->model()->message(rows - 1).text != line); // the refused line is not shown as sent
        QTest::keyClick(edit, Qt::Key_Return); // still full: refused again, still kept
        QCOMPARE(edit->text(), line);

        pane->findChild<QPushButton*>(QStringLiteral("chatDisconnectButton"))->click();
        QVERIFY(closed.wait(10'000));
        QCOMPARE(closed.first().first().toInt(), kCancelled);
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY2(edit->text().isEmpty(), qPrintable(pane->stateText()));
        QCOMPARE(pane->phase(), ChatPane::Phase::Joined);
        QCOMPARE(pane->model()->message(pane->model()->rowCount() - 1).text, line);
        pane->disconnectChat();
        QVERIFY(closed.wait(10'000));
    }

    void roomParticipantsHearEachOther()
    {
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        if (!setRoomMode(options.greeter))
            QSKIP("this server has no chat room mode (GreeterOptions::chat); only echo can be tested");
        auto server = od::rpc::Server::start(options);
        QVERIFY(server.ok());
        const QString endpoint = endpointOf(**server);
        auto alice = makePane<ChatPane>(endpoint);
        auto bob = makePane<ChatPane>(endpoint);
        alice->setNickname(QStringLiteral("alice"));
        alice->join();
        bob->join();
        QTest::qWait(200); // both in the room before the first message
        QVERIFY(alice->send(QStringLiteral("hi from alice")));
        const auto heard = [](ChatPane* pane, const QString& sender, const QString& text) {
            for (int r = 0; r < pane->model()->rowCount(); ++r) {
                const auto& m = pane->model()->message(r);
                if (m.direction == ChatModel::Received && m.sender == sender && m.text == text)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(heard(bob.get(), QStringLiteral("alice"), QStringLiteral("hi from alice")), 5000);
        bob->setNickname(QStringLiteral("bob"));
        QVERIFY(bob->send(QStringLiteral("hi alice")));
        QTRY_VERIFY_WITH_TIMEOUT(heard(alice.get(), QStringLiteral("bob"), QStringLiteral("hi alice")), 5000);
        // The room sent alice's message back to her too: shown once, as delivered.
        const auto own = [](ChatPane* pane, const QString& text) {
            QStringList rows;
            for (int r = 0; r < pane->model()->rowCount(); ++r) {
                if (pane->model()->message(r).text == text)
                    rows << pane->model()->index(r, ChatModel::DirectionColumn).data().toString();
            }
            return rows;
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            own(alice.get(), QStringLiteral("hi from alice")), QStringList { QStringLiteral("delivered") }, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            own(bob.get(), QStringLiteral("hi alice")), QStringList { QStringLiteral("delivered") }, 5000);
        alice->disconnectChat();
        bob->disconnectChat();
        (*server)->shutdown(std::chrono::milliseconds(500));
    }

    void uploadFiguresMatch_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<qint64>("sent");
        QTest::addRow("steady") << 0 << qint64(5000);
        QTest::addRow("gappy: the gaps are not sent") << 1 << qint64(4500);
    }

    void uploadFiguresMatch()
    {
        QFETCH(int, index);
        QFETCH(qint64, sent);
        auto pane = makePane<UploadPane>(endpointOf(*m_reference));
        const DatasetPtr dataset = makeDataset();
        pane->setDataset(dataset);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(index);
        QVERIFY(pane->isBusy());
        QVERIFY(finished.wait(30'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(pane->verdictText()));
        const auto local = UploadPane::localFiguresOf(dataset->series[std::size_t(index)]);
        QCOMPARE(pane->localFigures()->count, local.count);
        QCOMPARE(pane->serverFigures()->count, local.count);
        QVERIFY(std::abs(pane->serverFigures()->average - local.average) <= 1e-9 * std::abs(local.average));
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));
        QCOMPARE(pane->localFigures()->count, sent);
        QVERIFY(!pane->isBusy());
    }

    void anotherFileDropsTheUploadResult()
    {
        auto pane = makePane<UploadPane>(endpointOf(*m_reference));
        auto first = std::make_shared<Dataset>(*makeDataset());
        first->lineage = 7001;
        pane->setDataset(first);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(0);
        QVERIFY(finished.wait(30'000));
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));

        // The same file grown (as Follow Changes makes it): its result stays.
        auto grown = std::make_shared<Dataset>(*first);
        grown->series[0].values.push_back(1.0);
        grown->series[0].times.push_back(grown->series[0].times.back() + 1'000'000'000);
        pane->setDataset(grown);
        QVERIFY(pane->serverFigures());
        QVERIFY2(pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));

        // Another file: nothing of the one before is left on show.
        pane->setDataset(makeDataset());
        QVERIFY(!pane->serverFigures());
        QVERIFY(!pane->localFigures());
        QVERIFY2(!pane->verdictText().contains(QStringLiteral("agrees")), qPrintable(pane->verdictText()));
        const auto* serverCount = pane->findChild<QLabel*>(QStringLiteral("uploadServerCount"));
        QCOMPARE(serverCount->text(), QStringLiteral("–"));

        // An upload in flight when another file comes is dropped, and reports nothing later.
        auto big = std::make_shared<Dataset>();
        od::Series values;
        values.name = "big";
        values.values.assign(2'000'000, 1.5);
        values.times.assign(values.values.size(), 0);
        big->series.push_back(std::move(values));
        pane->setDataset(big);
        finished.clear();
        pane->upload(0);
        QVERIFY(pane->isBusy());
        pane->setDataset(makeDataset());
        QVERIFY(!pane->isBusy());
        QVERIFY(!finished.wait(1'000));
        QVERIFY(!pane->serverFigures() && !pane->localFigures());
        QVERIFY2(!pane->verdictText().contains(QStringLiteral("big")), qPrintable(pane->verdictText()));
    }

    void uploadCancelSaysSo()
    {
        auto pane = makePane<UploadPane>(endpointOf(*m_reference));
        auto dataset = std::make_shared<Dataset>();
        od::Series big;
        big.name = "big";
        big.values.assign(2'000'000, 1.5);
        big.times.assign(big.values.size(), 0);
        dataset->series.push_back(std::move(big));
        pane->setDataset(dataset);
        QSignalSpy finished(pane.get(), &UploadPane::uploadFinished);
        pane->upload(0);
        pane->cancel();
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!pane->serverFigures());
        QVERIFY2(pane->verdictText().contains(QStringLiteral("CANCELLED")), qPrintable(pane->verdictText()));
    }

    void panesDockIntoTheMainWindow()
    {
        QByteArray state;
        {
            QMainWindow window;
            window.menuBar()->addMenu(QStringLiteral("&View"));
            StreamingPanes* panes = installStreamingPanes(&window, &m_channels, [] { return QString(); });
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(panes->parent(), &window);
            QCOMPARE(panes->stockDock()->objectName(), QStringLiteral("stockDock"));
            QCOMPARE(panes->chatDock()->objectName(), QStringLiteral("chatDock"));
            QCOMPARE(panes->uploadDock()->objectName(), QStringLiteral("uploadDock"));
            const auto tabbed = window.tabifiedDockWidgets(panes->stockDock());
            QVERIFY(tabbed.contains(panes->chatDock()) && tabbed.contains(panes->uploadDock()));

            // One View menu, holding an action per pane with its shortcut.
            int viewMenus = 0;
            QMenu* view = nullptr;
            for (QAction* a : window.menuBar()->actions()) {
                if (a->menu() && a->menu()->title() == QStringLiteral("&View")) {
                    ++viewMenus;
                    view = a->menu();
                }
            }
            QCOMPARE(viewMenus, 1);
            QVERIFY(view->actions().contains(panes->showChatAction()));
            QCOMPARE(panes->showStockAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+1")));
            QCOMPARE(panes->showChatAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+2")));
            QCOMPARE(panes->showUploadAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+3")));

            panes->uploadDock()->close();
            panes->showUploadAction()->trigger();
            QVERIFY(panes->uploadDock()->isVisible());

            const DatasetPtr dataset = makeDataset();
            panes->setDataset(dataset);
            QCOMPARE(panes->uploadPane()->dataset(), dataset);

            // Where the user puts a pane is what saveState() records.
            window.removeDockWidget(panes->chatDock());
            window.addDockWidget(Qt::LeftDockWidgetArea, panes->chatDock());
            panes->chatDock()->show();
            state = window.saveState();
        }
        QMainWindow window;
        QVERIFY(window.restoreState(state)); // as a main window does in its constructor, before the panes exist
        StreamingPanes* panes = installStreamingPanes(&window, nullptr, [] { return QString(); });
        QCOMPARE(window.dockWidgetArea(panes->chatDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(panes->stockDock()), Qt::RightDockWidgetArea);
    }

    void installsIntoTheRealMainWindow()
    {
        MainWindow window;
        StreamingPanes* panes
            = installStreamingPanes(&window, &m_channels, [] { return QStringLiteral("127.0.0.1:1"); });
        int viewMenus = 0;
        for (QAction* a : window.menuBar()->actions())
            viewMenus += a->menu() && a->menu()->title() == QStringLiteral("&View");
        QCOMPARE(viewMenus, 1); // the panes joined the window's own View menu
        QVERIFY(panes->stockPane() && panes->chatPane() && panes->uploadPane());
    }
};

QTEST_MAIN(TestStreamingPanes)
#include "tst_streamingpanes.moc"
