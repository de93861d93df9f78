// The connection panel and the channel state on real widgets, against real servers on loopback
// ports: Test connection, TLS with certificates made at test time, tokens, settings that survive
// a restart, and remote detection that streams big series in chunks or falls back to
// pb.Outliers/Detect on a server without outlierdesk.v1.

#include "../rpc/server_fixture.h"
#include "../rpc/test_certs.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/connection/connectionpanel.h"
#include "desktop/connectiondock.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/mainwindow.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/panes/chat/chatmodel.h"
#include "desktop/panes/chat/chatpane.h"
#include "desktop/panes/streamingpanes.h"
#include "window_fixture.h"

#include "rpc/server/server.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>
#include <QToolButton>

#include <cmath>
#include <memory>

using namespace std::chrono_literals;

namespace {

QString endpointOf(const od::rpc::Server& server)
{
    return QStringLiteral("127.0.0.1:%1").arg(server.port());
}

std::unique_ptr<od::rpc::Server> startServer(od::rpc::ServerOptions options = {})
{
    options.listen = "127.0.0.1:0";
    auto server = od::rpc::Server::start(options);
    if (!server)
        qFatal("cannot start the server: %s", server.error().toString().c_str());
    return std::move(*server);
}

// A port nothing listens on: a server bound it and let it go.
int deadPort()
{
    auto probe = startServer();
    const int port = probe->port();
    probe->shutdown(0ms);
    return port;
}

// Types text into a line edit and presses Return, as a user commits a field.
void enter(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    edit->setText(text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// Runs one Test connection and measures the longest pause of the GUI thread while it runs.
struct TestRun
{
    bool finished = false;
    bool ok = false;
    qint64 longestGapMs = 0;
    bool returnedAtOnce = false; // the click came back before the answer
};

TestRun runTest(ConnectionPanel* panel, int timeoutMs = 30'000)
{
    TestRun run;
    QSignalSpy done(panel, &ConnectionPanel::testFinished);
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        run.longestGapMs = std::max(run.longestGapMs, sinceTick.elapsed());
        sinceTick.restart();
    });
    ticker.start();
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("testConnectionButton")), Qt::LeftButton);
    run.returnedAtOnce = done.isEmpty() && panel->isTesting();
    run.finished = done.wait(timeoutMs);
    if (run.finished)
        run.ok = done.first().first().toBool();
    return run;
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_certDir;
    std::unique_ptr<od::rpc::Server> m_server;

    static std::unique_ptr<MainWindow> makeWindow() { return shownWindow(); }

    static ConnectionPanel* panelOf(MainWindow& window) { return window.connectionDock()->panel(); }
    template <typename W> static W* field(MainWindow& window, const char* name)
    {
        auto* w = panelOf(window)->findChild<W*>(QLatin1String(name));
        if (!w)
            qFatal("no %s in the connection panel", name);
        return w;
    }
    QString cert(const char* name) const { return m_certDir.filePath(QLatin1String(name)); }

    // TLS on with the given CA and server name, through the widgets.
    void useTls(MainWindow& window, const QString& ca, const QString& serverName)
    {
        auto* tls = field<QCheckBox>(window, "tlsCheck");
        if (!tls->isChecked())
            QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(5, tls->height() / 2));
        QVERIFY(tls->isChecked());
        enter(field<QLineEdit>(window, "caFileEdit"), ca);
        enter(field<QLineEdit>(window, "serverNameEdit"), serverName);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid() && m_certDir.isValid());
        isolateSettings(m_settingsDir.path(), QStringLiteral("OutlierDeskConnectionTest"));
        QVERIFY(odtest::makeTestCerts(m_certDir.path()));
        m_server = startServer();
    }

    void init() { QSettings().clear(); }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->shutdown(1s);
    }

    void testConnectionShowsTheReplyAndTheChannelGetsReady()
    {
        auto window = makeWindow();
        auto* indicator = window->connectionDock()->stateIndicator();
        QVERIFY(indicator->isVisible()); // in the status bar from the start, the dock closed
        QVERIFY(!window->connectionDock()->dock()->isVisible());
        window->detectorPanel()->setEndpoint(endpointOf(*m_server));
        QCOMPARE(panelOf(*window)->endpoint(), endpointOf(*m_server)); // one endpoint, shown in both
        QTRY_COMPARE(indicator->stateText(), QStringLiteral("idle"));

        const TestRun run = runTest(panelOf(*window));
        QVERIFY(run.finished && run.returnedAtOnce);
        QVERIFY2(run.ok, qPrintable(panelOf(*window)->resultText()));
        const QString result = panelOf(*window)->resultText();
        QVERIFY2(
            result.startsWith(QStringLiteral("Connected to %1 in ").arg(endpointOf(*m_server))), qPrintable(result));
        QVERIFY2(result.endsWith(QStringLiteral(" ms (reply: Hello OutlierDesk)")), qPrintable(result));
        QTRY_COMPARE(indicator->stateText(), QStringLiteral("ready"));
        QVERIFY(indicator->findChild<QLabel*>(QStringLiteral("channelStateText"))
                    ->text()
                    .endsWith(QStringLiteral(": ready")));

        // The state follows the endpoint: a new one has not connected yet.
        enter(field<QLineEdit>(*window, "connectionEndpointEdit"), QStringLiteral("127.0.0.1:%1").arg(deadPort()));
        QCOMPARE(window->detectorPanel()->choice().endpoint, panelOf(*window)->endpoint());
        QTRY_COMPARE(indicator->stateText(), QStringLiteral("idle"));
    }

    void unreachableEndpointFailsClearlyWithoutBlocking()
    {
        auto window = makeWindow();
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(deadPort());
        window->detectorPanel()->setEndpoint(endpoint);
        // The channel state in the status bar opens the panel.
        QTest::mouseClick(window->connectionDock()->stateIndicator(), Qt::LeftButton);
        QVERIFY(window->connectionDock()->dock()->isVisible());
        const TestRun run = runTest(panelOf(*window));
        QVERIFY(run.finished && run.returnedAtOnce);
        QVERIFY(!run.ok);
        // returnedAtOnce: the click came back before the answer; the GUI kept its timers going.
        QVERIFY2(run.longestGapMs < 500, qPrintable(QString::number(run.longestGapMs)));
        const QString result = panelOf(*window)->resultText();
        QVERIFY2(result.startsWith(QStringLiteral("Cannot reach %1 (UNAVAILABLE): is outlierd running").arg(endpoint)),
            qPrintable(result));
        // The detail is one click away.
        auto* details = field<QToolButton>(*window, "connectionDetailsButton");
        auto* detailText = field<QPlainTextEdit>(*window, "connectionDetails");
        QVERIFY(details->isVisible() && !detailText->isVisible());
        QTest::mouseClick(details, Qt::LeftButton);
        QVERIFY(detailText->isVisible());
        const QString detail = detailText->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("gRPC status: UNAVAILABLE (14)")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Connection refused")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("What to do: Start the server")), qPrintable(detail));
        const auto failing = QStringList { QStringLiteral("transient failure"), QStringLiteral("connecting") };
        QTRY_VERIFY2(failing.contains(window->connectionDock()->stateIndicator()->stateText()),
            qPrintable(window->connectionDock()->stateIndicator()->stateText()));
    }

    void aHangingTestCanBeCancelled()
    {
        // Accepts connections but never speaks HTTP/2: only the deadline or Cancel ends the call.
        const SilentListener silent;
        auto window = makeWindow();
        window->detectorPanel()->setEndpoint(silent.endpoint());
        auto* panel = panelOf(*window);
        auto* button = field<QPushButton>(*window, "testConnectionButton");
        QSignalSpy done(panel, &ConnectionPanel::testFinished);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(panel->isTesting());
        QCOMPARE(button->text(), QStringLiteral("Cancel Test"));
        QTRY_COMPARE(window->connectionDock()->stateIndicator()->stateText(), QStringLiteral("connecting"));
        QTest::qWait(300);
        QVERIFY(panel->isTesting() && done.isEmpty()); // still hanging, and the GUI goes on
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(done.wait(5'000));
        QVERIFY(timer.elapsed() < 3'000);
        QVERIFY2(panel->resultText().contains(QStringLiteral("cancelled")), qPrintable(panel->resultText()));
    }

    void settingsSurviveARestart()
    {
        const QString metadata = QStringLiteral("authorization: Bearer abc\nx-team: on-call");
        {
            auto window = makeWindow();
            window->detectorPanel()->setEndpoint(QStringLiteral("10.1.2.3:6000"));
            useTls(*window, cert("ca.pem"), QStringLiteral("localhost"));
            enter(field<QLineEdit>(*window, "certFileEdit"), cert("client.pem"));
            enter(field<QLineEdit>(*window, "keyFileEdit"), cert("client.key"));
            QSignalSpy applied(panelOf(*window), &ConnectionPanel::settingsApplied);
            field<QPlainTextEdit>(*window, "metadataEdit")->setPlainText(metadata);
            QVERIFY(applied.wait(5'000)); // applied once typing pauses
            auto* deadline = field<QDoubleSpinBox>(*window, "deadlineSpin");
            deadline->setValue(7.5);
            field<QSpinBox>(*window, "maxMessageSpin")->setValue(32);
            QVERIFY2(panelOf(*window)->problemText().isEmpty(), qPrintable(panelOf(*window)->problemText()));
            // Applied to the channels the whole app uses.
            auto* provider = window->findChild<ChannelProvider*>();
            QVERIFY(provider);
            QCOMPARE(provider->settings().metadata, metadata.split(QLatin1Char('\n')));
            QCOMPARE(provider->callDeadline(), 7500ms);
        }
        // The token is a secret: the file holding it is the user's alone.
        QSettings settings;
        QCOMPARE(QFile::permissions(settings.fileName()) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());

        auto window = makeWindow();
        const ConnectionSettings s = panelOf(*window)->settings();
        QCOMPARE(panelOf(*window)->endpoint(), QStringLiteral("10.1.2.3:6000"));
        QVERIFY(s.tls);
        QCOMPARE(s.caFile, cert("ca.pem"));
        QCOMPARE(s.certFile, cert("client.pem"));
        QCOMPARE(s.keyFile, cert("client.key"));
        QCOMPARE(s.serverName, QStringLiteral("localhost"));
        QCOMPARE(s.metadata, metadata.split(QLatin1Char('\n')));
        QCOMPARE(s.deadlineSeconds, 7.5);
        QCOMPARE(s.maxMessageMb, 32);
        QVERIFY(field<QLineEdit>(*window, "caFileEdit")->isEnabled());
        QCOMPARE(window->findChild<ChannelProvider*>()->settings(), s); // and in use
    }

    void badSettingsAreRefusedAndTheOldOnesKept()
    {
        auto window = makeWindow();
        auto* provider = window->findChild<ChannelProvider*>();
        useTls(*window, m_certDir.filePath(QStringLiteral("missing.pem")), QString());
        QVERIFY2(panelOf(*window)->problemText().startsWith(QStringLiteral("Cannot read the CA file ")),
            qPrintable(panelOf(*window)->problemText()));
        QVERIFY(panelOf(*window)->problemText().contains(QStringLiteral("keeps its previous settings")));
        QVERIFY(provider->settings().tls && provider->settings().caFile.isEmpty()); // TLS on, the system's CAs
        // What the user typed is still there to be fixed, and remembered.
        QCOMPARE(field<QLineEdit>(*window, "caFileEdit")->text(), m_certDir.filePath(QStringLiteral("missing.pem")));
        QCOMPARE(ConnectionSettings::load(QSettings()).caFile, m_certDir.filePath(QStringLiteral("missing.pem")));

        enter(field<QLineEdit>(*window, "caFileEdit"), cert("ca.pem"));
        QVERIFY(panelOf(*window)->problemText().isEmpty());
        QVERIFY(provider->settings().tls);

        QSignalSpy applied(panelOf(*window), &ConnectionPanel::settingsApplied);
        field<QPlainTextEdit>(*window, "metadataEdit")->setPlainText(QStringLiteral("authorization Bearer x"));
        QVERIFY(applied.wait(5'000));
        QVERIFY2(panelOf(*window)->problemText().startsWith(QStringLiteral("Metadata: 'authorization Bearer x' is "
                                                                           "not a header")),
            qPrintable(panelOf(*window)->problemText()));
        QVERIFY(provider->settings().metadata.isEmpty());
    }

    void newSettingsGiveNewCallsANewChannel()
    {
        auto window = makeWindow();
        auto* provider = window->findChild<ChannelProvider*>();
        const QString endpoint = endpointOf(*m_server);
        window->detectorPanel()->setEndpoint(endpoint); // the status bar watches it too
        const auto first = provider->channel(endpoint);
        QCOMPARE(provider->channel(endpoint), first); // shared while the settings stay
        field<QSpinBox>(*window, "maxMessageSpin")->setValue(16);
        const auto second = provider->channel(endpoint);
        QVERIFY(second != first);
        QCOMPARE(provider->size(), std::size_t(1)); // the old one is left to its calls in flight
        field<QDoubleSpinBox>(*window, "deadlineSpin")->setValue(12); // deadlines need no new channel
        QCOMPARE(provider->channel(endpoint), second);
    }

    void tlsConnectsWithTheRightCaAndFailsClearlyOtherwise()
    {
        od::rpc::ServerOptions options;
        options.tls.certChain = odtest::readAll(cert("server.pem"));
        options.tls.privateKey = odtest::readAll(cert("server.key"));
        auto server = startServer(options);
        const QString endpoint = endpointOf(*server);
        auto window = makeWindow();
        window->detectorPanel()->setEndpoint(endpoint);
        auto* panel = panelOf(*window);

        // Plaintext to a TLS server.
        QVERIFY(!runTest(panel).ok);
        QVERIFY2(panel->resultText().contains(QStringLiteral("may expect TLS")), qPrintable(panel->resultText()));

        // The wrong CA, then the wrong server name: both say what to check.
        useTls(*window, cert("other-ca.pem"), QString());
        QVERIFY(!runTest(panel).ok);
        QVERIFY2(panel->resultText().startsWith(
                     QStringLiteral("The secure connection to %1 failed (UNAVAILABLE): check the CA file and the "
                                    "server name.")
                         .arg(endpoint)),
            qPrintable(panel->resultText()));
        QVERIFY2(
            panel->detailText().contains(QStringLiteral("certificate verify failed")), qPrintable(panel->detailText()));
        useTls(*window, cert("ca.pem"), QStringLiteral("wrong.example"));
        QVERIFY(!runTest(panel).ok);
        QVERIFY2(panel->resultText().contains(QStringLiteral("check the CA file and the server name")),
            qPrintable(panel->resultText()));
        QVERIFY2(panel->detailText().contains(QStringLiteral("wrong.example")), qPrintable(panel->detailText()));

        // The right CA (the certificate names 127.0.0.1, so no override is needed).
        useTls(*window, cert("ca.pem"), QString());
        const TestRun run = runTest(panel);
        QVERIFY2(run.ok, qPrintable(panel->resultText() + "\n" + panel->detailText()));
        QVERIFY(panel->resultText().endsWith(QStringLiteral("(reply: Hello OutlierDesk)")));
        QTRY_COMPARE(window->connectionDock()->stateIndicator()->stateText(), QStringLiteral("ready"));

        // Remote detection goes through the same TLS channel.
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ QStringLiteral(OD_SAMPLE) });
        QVERIFY(loaded.wait(30'000));
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->findChild<QRadioButton*>(QStringLiteral("remoteButton"))->click();
        QVERIFY(detected.wait(30'000));
        QVERIFY2(detected.last().first().toBool(), qPrintable(window->statusText()));
        server->shutdown(0ms);
    }

    void tokenServerRefusesWithoutTheMetadataAndAcceptsWithIt()
    {
        od::rpc::ServerOptions options;
        options.tokens = { "s3cret" };
        auto server = startServer(options);
        auto window = makeWindow();
        window->detectorPanel()->setEndpoint(endpointOf(*server));
        auto* panel = panelOf(*window);
        QVERIFY(!runTest(panel).ok);
        QCOMPARE(panel->resultText(),
            QStringLiteral("%1 refused the call (UNAUTHENTICATED): check the token.").arg(endpointOf(*server)));
        QVERIFY(panel->detailText().contains(QStringLiteral("authorization: Bearer TOKEN")));

        QSignalSpy applied(panel, &ConnectionPanel::settingsApplied);
        field<QPlainTextEdit>(*window, "metadataEdit")->setPlainText(QStringLiteral("Authorization: Bearer s3cret"));
        QVERIFY(applied.wait(5'000));
        QVERIFY2(runTest(panel).ok, qPrintable(panel->resultText()));

        // The streams carry it too: the chat pane gets the server's answer.
        ChatPane* chat = window->streamingPanes()->chatPane();
        chat->setNickname(QStringLiteral("tester"));
        QVERIFY(chat->send(QStringLiteral("hi")));
        QTRY_COMPARE(chat->model()->rowCount(), 2);
        QCOMPARE(chat->model()->message(1).text, QStringLiteral("Server received: hi"));
        chat->disconnectChat();
        server->shutdown(0ms);
    }

    void bigSeriesAreSentInChunksToOutlierd()
    {
        // outlierd with a 1 MB message limit: 100,000 points in one pb.Outliers request would be
        // about 2 MB, so only the chunked outlierdesk.v1 call can get them through.
        od::rpc::ServerOptions options;
        options.maxMessageBytes = 1024 * 1024;
        auto server = startServer(options);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
            QTextStream out(&file);
            out << "timestamp,value\n";
            for (int i = 0; i < 100'000; ++i)
                out << 1'700'000'000 + i * 60 << ',' << (i == 54'321 ? 500.0 : 10.0 + std::sin(i * 0.1)) << '\n';
        }
        auto window = makeWindow();
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ path });
        QVERIFY(loaded.wait(60'000));
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        DetectorChoice choice = window->detectorPanel()->choice();
        choice.remote = true;
        choice.endpoint = endpointOf(*server);
        window->detectorPanel()->setChoice(choice);
        QVERIFY(detected.wait(60'000));
        QVERIFY2(detected.last().first().toBool(), qPrintable(window->statusText()));
        const auto* table = window->outlierTable();
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(!table->index(0, OutlierTableModel::ScoreColumn).data().toString().isEmpty()); // outlierdesk.v1
        server->shutdown(0ms);
    }

    void smallSeriesFallBackToPbOutliersOnAServerWithoutOutlierdeskV1()
    {
        const auto seed = odtest::startSeedServer();
        auto window = makeWindow();
        QSignalSpy loaded(window.get(), &MainWindow::loadFinished);
        window->openFiles({ QStringLiteral(OD_SAMPLE) });
        QVERIFY(loaded.wait(30'000));
        QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
        window->detectorPanel()->setEndpoint(QString::fromStdString(seed->target()));
        window->findChild<QRadioButton*>(QStringLiteral("remoteButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!detected.isEmpty() && detected.last().first().toBool(), 30'000);
        const auto* table = window->outlierTable();
        QVERIFY(table->rowCount() > 0);
        for (int r = 0; r < table->rowCount(); ++r)
            QVERIFY(table->index(r, OutlierTableModel::ScoreColumn).data().toString().isEmpty()); // indices only
    }
};

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
