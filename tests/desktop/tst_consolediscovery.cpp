// The call console's discovery and size limit on real widgets: against a server that accepts
// the connection and never answers, Cancel (or closing the pane, or asking another endpoint)
// ends the discovery at once while the window stays responsive; and the per-call maximum
// message size, with a response over it failing in words and the same call passing under a
// higher one, against a real in-process outlierd.

#include "console_fixture.h"
#include "window_fixture.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/consolepane.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

using namespace console_fixture;

namespace {

// Longest wait tolerated for a cancelled discovery to report; its deadline is 10 s.
constexpr qint64 kPromptMs = 2000;

} // namespace

class TestConsoleDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_consolediscovery"));
        QSettings().clear();
        m_silentEndpoint = m_silent.endpoint();
        m_server = startServer();
    }

    void cancelEndsASilentDiscoveryAtOnce()
    {
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return m_silentEndpoint; });
        QSignalSpy discovered(&pane, &ConsolePane::discovered);
        pane.discover();
        // The window goes on: a 10 ms timer keeps firing while the server says nothing.
        int ticks = 0;
        QTimer probe;
        connect(&probe, &QTimer::timeout, [&ticks] { ++ticks; });
        probe.start(10);
        QTest::qWait(500);
        probe.stop();
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks)));
        QVERIFY(pane.isDiscovering());
        QCOMPARE(discovered.size(), 0);
        QVERIFY(button(pane, "cancelButton")->isEnabled());
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(button(pane, "cancelButton"), Qt::LeftButton);
        QVERIFY(discovered.wait(int(kPromptMs)));
        qInfo("discovery cancelled after %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < kPromptMs, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(discovered.first().first().toBool(), false);
        QVERIFY2(pane.errorText().contains(QStringLiteral("cancelled")), qPrintable(pane.errorText()));
        QVERIFY(!pane.isDiscovering());
        QVERIFY(!button(pane, "cancelButton")->isEnabled());
    }

    void closingThePaneDoesNotWait()
    {
        ChannelProvider channels;
        auto pane = std::make_unique<ConsolePane>(&channels, [this] { return m_silentEndpoint; });
        pane->discover();
        QTest::qWait(300);
        QVERIFY(pane->isDiscovering());
        QElapsedTimer clock;
        clock.start();
        pane.reset();
        qInfo("pane closed mid-discovery in %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < kPromptMs, qPrintable(QString::number(clock.elapsed())));
    }

    // Another endpoint asked while the silent one is pending: the first is cancelled and never
    // reports; the second answers.
    void anotherEndpointSupersedes()
    {
        ChannelProvider channels;
        QString endpoint = m_silentEndpoint;
        ConsolePane pane(&channels, [&endpoint] { return endpoint; });
        QSignalSpy discovered(&pane, &ConsolePane::discovered);
        pane.discover();
        QTest::qWait(300);
        endpoint = endpointOf(*m_server);
        QElapsedTimer clock;
        clock.start();
        pane.discover();
        QVERIFY(discovered.wait(int(kPromptMs)));
        QVERIFY2(discovered.first().first().toBool(), qPrintable(pane.errorText()));
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/SayHello")));
        QTest::qWait(300);
        QCOMPARE(discovered.size(), 1);
    }

    // Detect with the per-point band of a rolling window: 3 doubles a point come back for one
    // sent, so 50,000 points make a response of about 1.2 MB from a request of 0.4 MB.
    void maxMessageSizePerCall_data()
    {
        QTest::addColumn<int>("maxMb");
        QTest::addColumn<bool>("ok");
        QTest::addRow("response over 1 MB") << 1 << false;
        QTest::addRow("under 4 MB") << 4 << true;
    }

    void maxMessageSizePerCall()
    {
        QFETCH(int, maxMb);
        QFETCH(bool, ok);
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return endpointOf(*m_server); });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("outlierdesk.v1.Detector/Detect")));
        QStringList values;
        for (int i = 0; i < 50000; ++i)
            values << QString::number(i % 97);
        pane.editor()->setPlainText(QStringLiteral(
            "{\"params\": {\"method\": \"rolling\"}, \"pointBand\": true, \"series\": {\"values\": [\n%1\n]}}")
                                        .arg(values.join(QStringLiteral(",\n"))));
        pane.findChild<QSpinBox*>(QStringLiteral("maxSizeSpin"))->setValue(maxMb);
        QSignalSpy finished(&pane, &ConsolePane::callFinished);
        QVERIFY2(pane.startCall(), qPrintable(pane.errorText()));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), ok);
        if (ok) {
            const auto got = responses(pane);
            QCOMPARE(got.size(), 1);
            const QJsonObject band = got.first()[QStringLiteral("detection")][QStringLiteral("band")].toObject();
            QCOMPARE(band[QStringLiteral("pointCentre")].toArray().size(), 50000);
        } else {
            QVERIFY2(pane.statusText().contains(QStringLiteral("RESOURCE_EXHAUSTED")), qPrintable(pane.statusText()));
            QVERIFY2(pane.statusText().contains(QStringLiteral("a message is bigger than this side accepts")),
                qPrintable(pane.statusText()));
            // What to do, in the pane's own words, not outlierctl's flag.
            QVERIFY2(pane.statusText().contains(QStringLiteral("raise Max below the request")),
                qPrintable(pane.statusText()));
            QVERIFY2(!pane.statusText().contains(QStringLiteral("--")), qPrintable(pane.statusText()));
        }
    }

private:
    SilentListener m_silent; // accepts and never answers: discovery waits on it
    QString m_silentEndpoint;
    std::unique_ptr<od::rpc::Server> m_server;
};

QTEST_MAIN(TestConsoleDiscovery)
#include "tst_consolediscovery.moc"
