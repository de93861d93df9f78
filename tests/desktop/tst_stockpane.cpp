// The Live Prices pane (StockPane) on real widgets against real servers on loopback: ticks
// plotted in order, stopped, ended and failed streams, reconnects to a restarted outlierd, the
// rolling detector's marks and alarms, and the reference Python server's streams that end. A
// failed stream's message replaced once the channel is ready is checked beside a chat's.

#include "pane_fixture.h"

#include "chart/theme.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/panes/chat/chatpane.h"
#include "desktop/panes/stock/liveseries.h"
#include "desktop/panes/stock/stockpane.h"

#include "core/detect/alarm.h"
#include "core/detect/detector.h"
#include "core/detect/online_detector.h"
#include "core/report/incidents.h"
#include "rpc/rpc_status.h"
#include "tests/rpc/outlierd_process.h"

#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <csignal>
#include <memory>

using namespace pane_fixture;

namespace {

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

} // namespace

class TestStockPane : public QObject
{
    Q_OBJECT

    pane_fixture::Panes m_panes;
    std::unique_ptr<od::rpc::Server> m_endless; // endless stock streams, a tick every 10 ms
    std::unique_ptr<od::rpc::Server> m_reference; // the reference behaviour: 5 ticks, then the end

private slots:
    void initTestCase()
    {
        QVERIFY(m_panes.isolateSettings(QStringLiteral("OutlierDeskStockPaneTest")));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_endless));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_endless));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_endless));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_endless));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_reference));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_reference));
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
        auto next = m_panes.make<StockPane>(endpointOf(*m_reference));
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
        auto pane = m_panes.make<StockPane>(QStringLiteral("127.0.0.1:%1").arg(port));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_reference));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*server));
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
        auto pane = m_panes.make<StockPane>(endpointOf(*server));
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
        auto pane = m_panes.make<StockPane>(endpoint);
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
        auto stock = m_panes.make<StockPane>(endpoint);
        stock->setReconnectPolicy(StockFeed::Reconnect::Never);
        auto chat = m_panes.make<ChatPane>(endpoint);
        ChannelStateIndicator indicator(m_panes.channels(), [endpoint] { return endpoint; });
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
        auto pane = m_panes.make<StockPane>(endpointOf(*m_reference)); // 5 ticks, then the end
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
        auto next = m_panes.make<StockPane>(endpointOf(*m_reference));
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

        auto pane = m_panes.make<StockPane>(endpoint);
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
};

QTEST_MAIN(TestStockPane)
#include "tst_stockpane.moc"
