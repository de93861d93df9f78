// Connection state that tells the truth, against a real server on 127.0.0.1 that is stopped and
// restarted on the same port: a call the user asks for reaches the server as soon as it is back
// (not when gRPC's reconnect back-off ends), a red error that no longer holds is replaced when
// the channel gets ready, nothing typed is lost on the way, and switching to Remote asks for an
// endpoint before it calls one.

#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/connection/connectionpanel.h"
#include "desktop/connectiondock.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/mainwindow.h"
#include "window_fixture.h"

#include "rpc/server/server.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

namespace {

// outlierd's services on 127.0.0.1:port (0: any free port).
std::unique_ptr<od::rpc::Server> startServer(int port = 0)
{
    od::rpc::ServerOptions options;
    options.listen = "127.0.0.1:" + std::to_string(port);
    auto server = od::rpc::Server::start(options);
    if (!server)
        qFatal("cannot start the server: %s", server.error().toString().c_str());
    return std::move(*server);
}

QString endpointOf(int port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

// Presses Test Connection and waits for the verdict; returns it, or false after timeoutMs.
bool pressTest(ConnectionPanel* panel, int timeoutMs = 30'000)
{
    QSignalSpy done(panel, &ConnectionPanel::testFinished);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    return done.wait(timeoutMs) && done.first().first().toBool();
}

// Fails each call on the channel to endpoint until gRPC's reconnect back-off has grown past a
// few seconds (attempts about 1, 1.6, 2.6 and 4.1 s apart): long enough that a test which only waited
// for the next attempt would see the server still "down" after it is back.
void letTheBackOffGrow(ConnectionPanel* panel)
{
    for (int i = 0; i < 4; ++i) {
        QVERIFY(!pressTest(panel));
        QTest::qWait(1500);
    }
}

} // namespace

class TestConnectionState : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

    static ConnectionPanel* panelOf(MainWindow& window) { return window.connectionDock()->panel(); }
    static ChannelStateIndicator* indicatorOf(MainWindow& window) { return window.connectionDock()->stateIndicator(); }
    template <typename W> static W* child(QObject* parent, const char* name)
    {
        auto* w = parent->findChild<W*>(QLatin1String(name));
        if (!w)
            qFatal("no %s", name);
        return w;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        isolateSettings(m_settingsDir.path(), QStringLiteral("OutlierDeskConnectionStateTest"));
    }

    void init() { QSettings().clear(); }

    void testReachesARestartedServerAtOnceAndKeepsWhatWasTyped()
    {
        auto server = startServer();
        const int port = server->port();
        const QString endpoint = endpointOf(port);
        auto window = shownWindow();
        window->detectorPanel()->setEndpoint(endpoint);
        auto* panel = panelOf(*window);
        QVERIFY2(pressTest(panel), qPrintable(panel->resultText()));
        QTRY_COMPARE(panel->channelStateText(), QStringLiteral("ready")); // the dock shows the state too
        QCOMPARE(child<QLabel>(panel, "connectionState")->text(), QStringLiteral("Channel: ready"));

        // Typed, not yet applied: the metadata box applies once typing pauses.
        auto* metadata = child<QPlainTextEdit>(panel, "metadataEdit");
        metadata->setFocus();
        QTest::keyClicks(metadata, QStringLiteral("x-team: on-call"));

        server->shutdown(0ms);
        server.reset();
        letTheBackOffGrow(panel);
        QVERIFY2(panel->resultText().startsWith(QStringLiteral("Cannot reach %1").arg(endpoint)),
            qPrintable(panel->resultText()));
        QTRY_COMPARE(indicatorOf(*window)->stateText(), QStringLiteral("transient failure"));

        server = startServer(port); // the same port, as a restarted outlierd
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(pressTest(panel), qPrintable(panel->resultText()));
        // The back-off would have held the call for seconds; a fresh attempt takes milliseconds.
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(panel->resultText().startsWith(QStringLiteral("Connected to %1 in ").arg(endpoint)),
            qPrintable(panel->resultText()));
        QTRY_COMPARE(indicatorOf(*window)->stateText(), QStringLiteral("ready"));
        QTRY_COMPARE(panel->channelStateText(), QStringLiteral("ready"));

        // Nothing typed was lost, and the app was never restarted.
        QCOMPARE(metadata->toPlainText(), QStringLiteral("x-team: on-call"));
        QCOMPARE(panel->endpoint(), endpoint);
        QCOMPARE(panel->settings().metadata, QStringList { QStringLiteral("x-team: on-call") });
        server->shutdown(0ms);
    }

    void aStaleErrorIsReplacedWhenTheChannelGetsReady()
    {
        auto server = startServer();
        const int port = server->port();
        const QString endpoint = endpointOf(port);
        server->shutdown(0ms);
        server.reset();

        auto window = windowWithFile(QStringLiteral(OD_SAMPLE));
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        DetectorChoice choice = window->detectorPanel()->choice();
        choice.remote = true;
        choice.endpoint = endpoint;
        window->detectorPanel()->setChoice(choice);
        QTRY_VERIFY_WITH_TIMEOUT(!detected.isEmpty(), 30'000);
        QVERIFY(!detected.last().first().toBool());
        const QString failed = window->statusText();
        QVERIFY2(failed.startsWith(QStringLiteral("Remote detection failed: Cannot reach %1").arg(endpoint)),
            qPrintable(failed));
        auto* panel = panelOf(*window);
        QVERIFY(!pressTest(panel));
        QTRY_COMPARE(indicatorOf(*window)->stateText(), QStringLiteral("transient failure"));
        QVERIFY2(window->statusText() == failed, qPrintable(window->statusText())); // it still holds

        // The server comes back; the user tests the connection, which gets the channel ready.
        server = startServer(port);
        QVERIFY2(pressTest(panel), qPrintable(panel->resultText()));
        QTRY_COMPARE(indicatorOf(*window)->stateText(), QStringLiteral("ready"));
        // The red "Cannot reach" beside a green dot is gone; what it said is one click away.
        QTRY_VERIFY2(window->statusText().startsWith(QStringLiteral("%1 is reachable now").arg(endpoint)),
            qPrintable(window->statusText()));

        // A passed test that the channel then contradicts: the server goes, a detection fails.
        QVERIFY(panel->resultText().startsWith(QStringLiteral("Connected to %1").arg(endpoint)));
        server->shutdown(0ms);
        server.reset();
        auto* detect = child<QPushButton>(window->detectorPanel(), "detectButton");
        detected.clear();
        QTest::mouseClick(detect, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!detected.isEmpty(), 30'000);
        QVERIFY(!detected.last().first().toBool());
        QTRY_VERIFY2(panel->resultText().startsWith(QStringLiteral("The connection to %1 was lost").arg(endpoint)),
            qPrintable(panel->resultText()));

        // The other way round: a test that failed, then a detection that got through.
        QVERIFY(!pressTest(panel));
        QVERIFY2(panel->resultText().startsWith(QStringLiteral("Cannot reach")), qPrintable(panel->resultText()));
        QTRY_COMPARE(indicatorOf(*window)->stateText(), QStringLiteral("transient failure"));
        server = startServer(port);
        detected.clear();
        QTest::mouseClick(detect, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!detected.isEmpty(), 30'000);
        QVERIFY2(detected.last().first().toBool(), qPrintable(window->statusText()));
        QTRY_VERIFY2(panel->resultText().startsWith(QStringLiteral("%1 is reachable now").arg(endpoint)),
            qPrintable(panel->resultText()));
        server->shutdown(0ms);
    }

    void switchingToRemoteAsksForAnEndpointBeforeCallingOne()
    {
        auto server = startServer();
        const QString endpoint = endpointOf(server->port());
        {
            auto window = windowWithFile(QStringLiteral(OD_SAMPLE)); // detected locally
            QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
            auto* detector = window->detectorPanel();
            const QString suggestion = detector->choice().endpoint;
            child<QRadioButton>(detector, "remoteButton")->click();

            // Asked, not called: no detection, the suggested address never contacted.
            QVERIFY(detector->isAskingForEndpoint());
            QVERIFY(child<QLabel>(detector, "endpointPrompt")->isVisible());
            auto* edit = child<QLineEdit>(detector, "endpointEdit");
            QTRY_VERIFY(edit->hasFocus());
            QCOMPARE(edit->selectedText(), suggestion); // typing replaces it
            QVERIFY(!detector->choice().remote);
            QTest::qWait(500);
            QVERIFY(detected.isEmpty());
            QCOMPARE(indicatorOf(*window)->stateText(), QStringLiteral("idle"));
            // Detect (F5) asks again rather than call the suggestion.
            QTest::mouseClick(child<QPushButton>(detector, "detectButton"), Qt::LeftButton);
            QTest::qWait(300);
            QVERIFY(detected.isEmpty());
            QCOMPARE(indicatorOf(*window)->stateText(), QStringLiteral("idle"));

            // The real address, typed and confirmed: now it is called.
            edit->setFocus();
            edit->selectAll();
            QTest::keyClicks(edit, endpoint);
            QTest::keyClick(edit, Qt::Key_Return);
            QVERIFY(!detector->isAskingForEndpoint());
            QVERIFY(!child<QLabel>(detector, "endpointPrompt")->isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(!detected.isEmpty(), 30'000);
            QVERIFY2(detected.last().first().toBool(), qPrintable(window->statusText()));
            QCOMPARE(detector->choice().remote, true);
            QCOMPARE(detector->choice().endpoint, endpoint);
        }
        // Remembered: the next run calls it without asking.
        QCOMPARE(QSettings().value(QStringLiteral("detector/endpoint")).toString(), endpoint);
        auto window = shownWindow();
        QVERIFY(!window->detectorPanel()->isAskingForEndpoint());
        QCOMPARE(window->detectorPanel()->choice().remote, true);
        server->shutdown(0ms);
    }

    void confirmingTheSuggestionCountsAsGivingIt()
    {
        auto window = shownWindow();
        auto* detector = window->detectorPanel();
        QSignalSpy changed(detector, &DetectorPanel::choiceChanged);
        child<QRadioButton>(detector, "remoteButton")->click();
        QVERIFY(detector->isAskingForEndpoint());
        QVERIFY(changed.isEmpty());
        QTest::keyClick(child<QLineEdit>(detector, "endpointEdit"), Qt::Key_Return);
        QVERIFY(!detector->isAskingForEndpoint());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(detector->choice().remote, true);
        // Local and back: the endpoint was given once, so Remote no longer asks.
        child<QRadioButton>(detector, "localButton")->click();
        child<QRadioButton>(detector, "remoteButton")->click();
        QVERIFY(!detector->isAskingForEndpoint());
    }
};

QTEST_MAIN(TestConnectionState)
#include "tst_connectionstate.moc"
