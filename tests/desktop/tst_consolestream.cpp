// The call console streaming a loaded series into a client stream, on real widgets against a
// real in-process outlierd: the server receives exactly the series' values, in order (its
// answer says what it got); Stop leaves the call open with what was sent so far; Cancel ends
// the call and the sending; a value the field cannot hold, or a field that is not there, is
// refused before anything is sent; Copy as Command says what the line cannot carry.

#include "console_fixture.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/consolepane.h"
#include "desktop/panes/console/seriesbar.h"
#include "desktop/panes/console/seriessender.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>

#include <cmath>
#include <numeric>

using namespace console_fixture;

namespace {

DatasetPtr datasetOf(std::vector<std::pair<std::string, std::vector<double>>> series)
{
    auto dataset = std::make_shared<Dataset>();
    for (auto& [name, values] : series) {
        od::Series s;
        s.name = name;
        for (std::size_t i = 0; i < values.size(); ++i)
            s.times.push_back(std::int64_t(i) * 1'000'000'000);
        s.values = std::move(values);
        dataset->rows = std::max(dataset->rows, s.values.size());
        dataset->series.push_back(std::move(s));
    }
    return dataset;
}

// Distinct values, none equal to their mean, in no sorted order.
std::vector<double> wobble(int n)
{
    std::vector<double> out;
    for (int i = 0; i < n; ++i)
        out.push_back(std::round((std::sin(i * 1.7) * 50.0 + i * 0.37) * 1000.0) / 1000.0 + 0.0001);
    return out;
}

} // namespace

class TestConsoleStream : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_consolestream"));
        QSettings().clear();
        m_server = startServer();
        m_endpoint = endpointOf(*m_server);
        m_values = wobble(300);
        // Long enough at 50/s that a loaded machine cannot send it all before Stop or Cancel.
        m_long = wobble(2000);
        m_dataset = datasetOf(
            { { "other", { 1, 2, 3 } }, { "latency", m_values }, { "fractions", { 1, 2.5 } }, { "long", m_long } });
    }

    // DetectStream with a z-score threshold so small that every point is flagged and incidents
    // that never join: its incidents' peak values are the values the server received, in order.
    void serverReceivesExactlyTheSeriesInOrder()
    {
        ChannelProvider channels;
        auto pane = makePane(channels);
        discover(*pane);
        QVERIFY(pane->selectMethod(QStringLiteral("outlierdesk.v1.Detector/DetectStream")));
        pane->editor()->setPlainText(QStringLiteral(
            R"({"params": {"method": "zscore", "threshold": 1e-9}, "name": "latency", "incidentGapPoints": 0})"));
        SeriesBar* bar = pane->seriesBar();
        QVERIFY(bar->selectSeries(QStringLiteral("latency")));
        bar->setFieldPath(QStringLiteral("values"));
        bar->setPerSecond(1500);
        QSignalSpy finished(pane.get(), &ConsolePane::callFinished);
        QSignalSpy progressed(bar->sender(), &SeriesSender::progressed);
        QVERIFY(button(*pane, "streamSeriesButton")->isEnabled());
        QElapsedTimer clock;
        qint64 sendingMs = -1;
        connect(bar->sender(), &SeriesSender::ended, this, [&] { sendingMs = clock.elapsed(); });
        clock.start();
        QTest::mouseClick(button(*pane, "streamSeriesButton"), Qt::LeftButton);
        QVERIFY(finished.wait(15000)); // half-closed by itself once all were sent
        // A figure, not a check: the pace the timer kept (300 at 1,500/s is 200 ms).
        qInfo("%zu values at 1500/s sent in %lld ms", m_values.size(), sendingMs);
        QVERIFY2(finished.first().first().toBool(), qPrintable(pane->statusText()));
        QVERIFY2(progressed.size() >= 3, "progress is shown as it goes, not only at the end");
        QCOMPARE(bar->progressText(), QStringLiteral("300 / 300 sent"));
        const auto got = responses(*pane);
        QCOMPARE(got.size(), 1);
        const QJsonObject detection = got.first().value(QStringLiteral("detection")).toObject();
        QCOMPARE(detection.value(QStringLiteral("points")).toString(), QStringLiteral("300"));
        const QJsonArray incidents = got.first().value(QStringLiteral("incidents")).toArray();
        QCOMPARE(incidents.size(), qsizetype(m_values.size()));
        for (qsizetype i = 0; i < incidents.size(); ++i) {
            const QJsonObject incident = incidents[i].toObject();
            QCOMPARE(incident.value(QStringLiteral("startIndex")).toString().toLongLong(), i);
            QCOMPARE(incident.value(QStringLiteral("peakValue")).toDouble(), m_values[std::size_t(i)]);
        }
    }

    // The method of the brief: RecordMetrics' count and average are those of the series. Stop
    // part-way leaves the call open; the half-close then gets the summary of exactly what went.
    void stopThenHalfClose()
    {
        ChannelProvider channels;
        auto pane = makePane(channels);
        discover(*pane);
        QVERIFY(pane->selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
        SeriesBar* bar = pane->seriesBar();
        QVERIFY(bar->selectSeries(QStringLiteral("long")));
        QCOMPARE(bar->fieldPath(), QStringLiteral("value")); // the one numeric field, offered
        bar->setPerSecond(50);
        bar->setHalfCloseWhenDone(false);
        QVERIFY(pane->streamSeries());
        QTRY_VERIFY_WITH_TIMEOUT(bar->sender()->sent() >= 5, 10000);
        QVERIFY(!button(*pane, "sendButton")->isEnabled()); // the series has the stream
        QTest::mouseClick(button(*pane, "stopSeriesButton"), Qt::LeftButton);
        const std::size_t sent = bar->sender()->sent();
        QVERIFY(sent < m_long.size());
        QTest::qWait(200);
        QCOMPARE(bar->sender()->sent(), sent);
        QVERIFY(pane->isCalling());
        QVERIFY2(pane->statusText().contains(QStringLiteral("the call is still open")), qPrintable(pane->statusText()));
        QSignalSpy finished(pane.get(), &ConsolePane::callFinished);
        QTest::mouseClick(button(*pane, "halfCloseButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        const auto got = responses(*pane);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().value(QStringLiteral("count")).toInt(), int(sent));
        const double mean = std::accumulate(m_long.begin(), m_long.begin() + long(sent), 0.0) / double(sent);
        QVERIFY2(std::abs(got.first().value(QStringLiteral("average")).toDouble() - mean) < 1e-9,
            qPrintable(QString::number(got.first().value(QStringLiteral("average")).toDouble())));
    }

    void cancelStopsTheStream()
    {
        ChannelProvider channels;
        auto pane = makePane(channels);
        discover(*pane);
        QVERIFY(pane->selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
        SeriesBar* bar = pane->seriesBar();
        QVERIFY(bar->selectSeries(QStringLiteral("long")));
        bar->setPerSecond(20);
        QVERIFY(pane->streamSeries());
        QTRY_VERIFY_WITH_TIMEOUT(bar->sender()->sent() >= 3, 10000);
        QSignalSpy finished(pane.get(), &ConsolePane::callFinished);
        QTest::mouseClick(button(*pane, "cancelButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(pane->statusText().contains(QStringLiteral("CANCELLED")), qPrintable(pane->statusText()));
        QVERIFY(!bar->sender()->isSending());
        const std::size_t sent = bar->sender()->sent();
        QVERIFY(sent < m_long.size());
        QTest::qWait(300);
        QCOMPARE(bar->sender()->sent(), sent);
        QVERIFY(button(*pane, "streamSeriesButton")->isEnabled()); // ready for another go
    }

    void refusedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("series");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::addRow("a fraction into an integer") << "outlierdesk.v1.Detector/DetectStream"
                                                    << "fractions"
                                                    << "params.window"
                                                    << "Value 2 of fractions (2.5) has a fraction, which an integer "
                                                       "field (int32) cannot hold: nothing was sent.";
        QTest::addRow("no such field") << "greeter.Greeter/RecordMetrics"
                                       << "other"
                                       << "valu"
                                       << "there is no field 'valu' in greeter.Metric; its numeric fields: value";
        QTest::addRow("a unary method") << "greeter.Greeter/SayHello"
                                        << "other"
                                        << "name"
                                        << "Pick a client-streaming or bidi method";
    }

    void refusedBeforeAnythingIsSent()
    {
        QFETCH(QString, method);
        QFETCH(QString, series);
        QFETCH(QString, field);
        QFETCH(QString, words);
        ChannelProvider channels;
        auto pane = makePane(channels);
        discover(*pane);
        QVERIFY(pane->selectMethod(method));
        QVERIFY(pane->seriesBar()->selectSeries(series));
        pane->seriesBar()->setFieldPath(field);
        QCOMPARE(button(*pane, "streamSeriesButton")->isEnabled(), !method.endsWith(QStringLiteral("SayHello")));
        QVERIFY(!pane->streamSeries());
        QVERIFY2(pane->errorText().contains(words), qPrintable(pane->errorText()));
        QVERIFY(!pane->isCalling());
        QCOMPARE(pane->seriesBar()->sender()->sent(), std::size_t(0));
    }

    // Data opened after the pane was made: picking a method asks for the series again, so
    // Stream Series is offered without opening the list first.
    void seriesOfDataOpenedLater()
    {
        ChannelProvider channels;
        DatasetPtr opened;
        ConsolePane pane(&channels, [this] { return m_endpoint; });
        pane.setDatasetSource([&opened] { return opened; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
        QVERIFY(!button(pane, "streamSeriesButton")->isEnabled());
        opened = m_dataset;
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/Chat")));
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
        QVERIFY(button(pane, "streamSeriesButton")->isEnabled());
        QCOMPARE(pane.seriesBar()->series()->name, std::string("other"));
    }

    void copyAsCommandSaysWhatItCannotCarry()
    {
        ChannelProvider channels;
        auto pane = makePane(channels);
        discover(*pane);
        QVERIFY(pane->selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
        pane->editor()->setPlainText(QStringLiteral(R"({"value": 1})"));
        const QString line = pane->copyAsCommand();
        QCOMPARE(line,
            QStringLiteral("outlierctl call --remote %1 greeter.Greeter/RecordMetrics -d '{\"value\": 1}'")
                .arg(m_endpoint));
        QVERIFY2(pane->statusText().contains(QStringLiteral("outlierctl cannot stream a series of the window")),
            qPrintable(pane->statusText()));
        QVERIFY(pane->selectMethod(QStringLiteral("greeter.Greeter/SayHello")));
        pane->copyAsCommand();
        QVERIFY2(!pane->statusText().contains(QStringLiteral("cannot stream")), qPrintable(pane->statusText()));
    }

    // Coming back to the endpoint: the method, series, field, rate and half-close of the last
    // series streamed there are chosen again, once discovery has offered the method's fields.
    void streamChoicesAreRememberedPerEndpoint()
    {
        {
            ChannelProvider channels;
            auto pane = makePane(channels);
            discover(*pane);
            QVERIFY(pane->selectMethod(QStringLiteral("greeter.Greeter/RecordMetrics")));
            SeriesBar* bar = pane->seriesBar();
            QVERIFY(bar->selectSeries(QStringLiteral("latency")));
            bar->setPerSecond(1234);
            bar->setHalfCloseWhenDone(false);
            QVERIFY(pane->streamSeries());
            QTRY_VERIFY_WITH_TIMEOUT(!bar->sender()->isSending(), 10000);
            QSignalSpy finished(pane.get(), &ConsolePane::callFinished);
            QTest::mouseClick(button(*pane, "cancelButton"), Qt::LeftButton);
            QVERIFY(finished.wait(10000));
        }
        ChannelProvider channels;
        auto pane = makePane(channels);
        SeriesBar* bar = pane->seriesBar();
        QVERIFY(bar->selectSeries(QStringLiteral("other"))); // what a fresh row shows first
        QVERIFY(bar->perSecond() != 1234.0);
        discover(*pane);
        QCOMPARE(pane->currentMethod(), QStringLiteral("greeter.Greeter/RecordMetrics"));
        QVERIFY(bar->series());
        QCOMPARE(QString::fromStdString(bar->series()->name), QStringLiteral("latency"));
        QCOMPARE(bar->fieldPath(), QStringLiteral("value"));
        QCOMPARE(bar->perSecond(), 1234.0);
        QCOMPARE(bar->halfCloseWhenDone(), false);
    }

private:
    std::unique_ptr<ConsolePane> makePane(ChannelProvider& channels)
    {
        auto pane = std::make_unique<ConsolePane>(&channels, [this] { return m_endpoint; });
        pane->setDatasetSource([this] { return m_dataset; });
        return pane;
    }

    std::unique_ptr<od::rpc::Server> m_server;
    QString m_endpoint;
    std::vector<double> m_values;
    std::vector<double> m_long;
    DatasetPtr m_dataset;
};

QTEST_MAIN(TestConsoleStream)
#include "tst_consolestream.moc"
