// The call console on real widgets against a real in-process outlierd (reflection on): the
// method tree, the request template, all four Greeter kinds driven through the buttons (a chat:
// send, receive, send again, half-close), a request that does not read (line and column, text
// kept, nothing called), a failed call in words, the bounded history, "Copy as command" and
// what is remembered per endpoint.

#include "console_fixture.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/consolepane.h"
#include "desktop/panes/console/fieldchart.h"
#include "desktop/panes/console/methodtree.h"
#include "desktop/panes/console/responseview.h"

#include "rpc/server/server.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace console_fixture;

class TestConsolePane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_consolepane"));
        QSettings().clear();
        m_server = startServer();
        m_endpoint = QStringLiteral("127.0.0.1:%1").arg(m_server->port());
    }

    void treeAndTemplate()
    {
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return m_endpoint; });
        discover(pane);
        const MethodTree* tree = pane.tree();
        QStringList services;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            services << tree->topLevelItem(i)->text(0);
        QVERIFY2(services.contains(QStringLiteral("greeter.Greeter")), qPrintable(services.join(", ")));
        QVERIFY(services.contains(QStringLiteral("pb.Outliers")));
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/Chat")));
        const auto* chat = tree->currentItem();
        QCOMPARE(chat->text(1), QStringLiteral("bidi streaming"));
        QCOMPARE(chat->text(2), QStringLiteral("greeter.ChatMessage \u2192 greeter.ChatMessage"));
        const auto request = QJsonDocument::fromJson(pane.editor()->toPlainText().toUtf8()).object();
        QCOMPARE(request.keys(), (QStringList { QStringLiteral("message"), QStringLiteral("user") }));
        QVERIFY(pane.selectMethod(QStringLiteral("pb.Outliers/Detect")));
        QVERIFY2(pane.editor()->toPlainText().contains(QStringLiteral("\"time\": \"1970-01-01T00:00:00Z\"")),
            qPrintable(pane.editor()->toPlainText()));
    }

    void eachKind_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QStringList>("requests");
        QTest::addColumn<QList<QJsonObject>>("expected"); // empty: checked by count below
        QTest::addColumn<int>("count");
        auto obj = [](const char* json) { return QJsonDocument::fromJson(json).object(); };
        QTest::addRow("unary") << QStringLiteral("greeter.Greeter/SayHello")
                               << QStringList { QStringLiteral(R"({"name": "console"})") }
                               << QList<QJsonObject> { obj(R"({"message": "Hello console"})") } << 1;
        QTest::addRow("server streaming")
            << QStringLiteral("greeter.Greeter/GetStockPrice")
            << QStringList { QStringLiteral(R"({"symbol": "ACME"})") } << QList<QJsonObject> {} << 5;
        QTest::addRow("client streaming")
            << QStringLiteral("greeter.Greeter/RecordMetrics")
            << QStringList { QStringLiteral(R"({"value": 2})"), QStringLiteral(R"({"value": 4})") }
            << QList<QJsonObject> { obj(R"({"count": 2, "average": 3})") } << 1;
    }

    void eachKind()
    {
        QFETCH(QString, method);
        QFETCH(QStringList, requests);
        QFETCH(QList<QJsonObject>, expected);
        QFETCH(int, count);
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return m_endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(method));
        QSignalSpy finished(&pane, &ConsolePane::callFinished);
        pane.editor()->setPlainText(requests.first());
        QTest::mouseClick(button(pane, "startButton"), Qt::LeftButton);
        for (qsizetype i = 1; i < requests.size(); ++i) {
            pane.editor()->setPlainText(requests[i]);
            QVERIFY(button(pane, "sendButton")->isEnabled());
            QTest::mouseClick(button(pane, "sendButton"), Qt::LeftButton);
        }
        if (button(pane, "halfCloseButton")->isEnabled())
            QTest::mouseClick(button(pane, "halfCloseButton"), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), true);
        const auto got = responses(pane);
        QCOMPARE(got.size(), count);
        if (!expected.isEmpty())
            QCOMPARE(got, expected);
        for (const auto& tick : got) {
            if (method.endsWith(QStringLiteral("GetStockPrice"))) {
                QCOMPARE(tick.value(QStringLiteral("symbol")).toString(), QStringLiteral("ACME"));
                QVERIFY(tick.value(QStringLiteral("price")).toDouble() >= 500);
            }
        }
        QVERIFY(pane.responses()->lines().contains(QStringLiteral("status  OK")));
        QCOMPARE(pane.responses()->received(), std::size_t(count));
        QVERIFY(!pane.isCalling());
    }

    // The chat as a person has it: send, see the answer, send again, half-close, see the end.
    void interactiveChat()
    {
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return m_endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/Chat")));
        pane.editor()->setPlainText(QStringLiteral(R"({"user": "ana", "message": "first"})"));
        QTest::mouseClick(button(pane, "startButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(responses(pane).size(), 1, 10000);
        QCOMPARE(responses(pane).first().value(QStringLiteral("message")).toString(),
            QStringLiteral("Server received: first"));
        QVERIFY(pane.isCalling());
        QVERIFY(!button(pane, "startButton")->isEnabled());
        pane.editor()->setPlainText(QStringLiteral(R"({"user": "ana", "message": "second"})"));
        QTest::mouseClick(button(pane, "sendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(responses(pane).size(), 2, 10000);
        QVERIFY(pane.isCalling()); // still open: the server answers while this side may send
        QSignalSpy finished(&pane, &ConsolePane::callFinished);
        QTest::mouseClick(button(pane, "halfCloseButton"), Qt::LeftButton);
        QVERIFY(!button(pane, "sendButton")->isEnabled());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(pane.statusText().startsWith(QStringLiteral("Finished: OK")));
        QVERIFY((pane.responses()->lines().last() == QStringLiteral("status  OK")));
    }

    void cancelAStream()
    {
        auto endless = startServer(0, 10);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(endless->port());
        ChannelProvider channels;
        ConsolePane pane(&channels, [endpoint] { return endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/GetStockPrice")));
        QTest::mouseClick(button(pane, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(responses(pane).size() >= 3, 10000);
        QSignalSpy finished(&pane, &ConsolePane::callFinished);
        QTest::mouseClick(button(pane, "cancelButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(pane.statusText().contains(QStringLiteral("CANCELLED")), qPrintable(pane.statusText()));
    }

    void badRequestKeepsTextAndPointsAtIt_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::addRow("syntax") << QStringLiteral("{\n  \"name\": nope\n}") << QStringLiteral("Line 2, column 11:");
        QTest::addRow("unknown field") << QStringLiteral("{\n  \"nme\": \"x\"\n}")
                                       << QStringLiteral("Line 2, column 3:");
    }

    void badRequestKeepsTextAndPointsAtIt()
    {
        QFETCH(QString, text);
        QFETCH(QString, where);
        ChannelProvider channels;
        ConsolePane pane(&channels, [this] { return m_endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/SayHello")));
        pane.editor()->setPlainText(text);
        QVERIFY(!pane.startCall());
        QVERIFY2(pane.errorText().startsWith(where), qPrintable(pane.errorText()));
        QCOMPARE(pane.editor()->toPlainText(), text);
        QCOMPARE(pane.editor()->textCursor().blockNumber(), 1);
        QVERIFY(!pane.isCalling());
        QCOMPARE(pane.responses()->received(), std::size_t(0));
    }

    void anotherEndpointNeedsDiscoverAgain()
    {
        ChannelProvider channels;
        QString endpoint = m_endpoint;
        ConsolePane pane(&channels, [&endpoint] { return endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/SayHello")));
        endpoint = QStringLiteral("127.0.0.1:1");
        QVERIFY(!pane.startCall());
        QVERIFY2(pane.errorText().contains(QStringLiteral("Discover again")), qPrintable(pane.errorText()));
        QVERIFY(!pane.isCalling());
    }

    void failureInWords()
    {
        ChannelProvider channels;
        ConsolePane pane(&channels, [] { return QStringLiteral("127.0.0.1:1"); });
        QSignalSpy discovered(&pane, &ConsolePane::discovered);
        pane.discover();
        QVERIFY(discovered.wait(15000));
        QCOMPARE(discovered.first().first().toBool(), false);
        QVERIFY2(pane.errorText().contains(QStringLiteral("UNAVAILABLE")), qPrintable(pane.errorText()));
        QVERIFY(pane.errorText().contains(QStringLiteral("is the server running")));
    }

    void historyIsBounded()
    {
        auto many = startServer(60, 0);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(many->port());
        ChannelProvider channels;
        ConsolePane pane(
            &channels, [endpoint] { return endpoint; }, nullptr, 25);
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/GetStockPrice")));
        QSignalSpy finished(&pane, &ConsolePane::callFinished);
        QVERIFY(pane.startCall());
        QVERIFY(finished.wait(15000));
        QCOMPARE(pane.responses()->received(), std::size_t(60));
        QCOMPARE(pane.responses()->dropped(), std::size_t(35));
        QCOMPARE(responses(pane).size(), 25);
        QVERIFY(pane.responses()
                    ->findChild<QLabel*>(QStringLiteral("responseSummary"))
                    ->text()
                    .contains(QStringLiteral("the oldest 35 dropped from view (the last 25 are kept)")));
    }

    void chartsAStreamedField()
    {
        auto many = startServer(80, 0);
        const QString endpoint = QStringLiteral("127.0.0.1:%1").arg(many->port());
        ChannelProvider channels;
        ConsolePane pane(&channels, [endpoint] { return endpoint; });
        discover(pane);
        QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/GetStockPrice")));
        for (const auto& [path, expected] :
            { std::pair { QStringLiteral("price"), 80 }, { QStringLiteral("symbol"), 0 } }) {
            pane.fieldChart()->setFieldPath(path);
            QSignalSpy finished(&pane, &ConsolePane::callFinished);
            QVERIFY(pane.startCall());
            QVERIFY(finished.wait(15000));
            QCOMPARE(pane.fieldChart()->values(), expected); // a text field charts nothing
        }
    }

    void numberAt_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("expected"); // NaN: not there
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::addRow("top level") << R"({"price":512.5})"
                                   << "price" << 512.5;
        QTest::addRow("nested, in a list") << R"({"items":[{"id":1},{"id":2}]})"
                                           << "items.1.id" << 2.0;
        QTest::addRow("int64 as a string") << R"({"count":"9007199254740993"})"
                                           << "count" << 9007199254740993.0;
        QTest::addRow("text") << R"({"symbol":"ACME"})"
                              << "symbol" << nan;
        QTest::addRow("missing") << R"({"price":1})"
                                 << "cost" << nan;
        QTest::addRow("past the end of a list") << R"({"items":[]})"
                                                << "items.0.id" << nan;
    }

    void numberAt()
    {
        QFETCH(QString, json);
        QFETCH(QString, path);
        QFETCH(double, expected);
        std::vector<std::string> steps;
        for (const QString& step : path.split(QLatin1Char('.')))
            steps.push_back(step.toStdString());
        const double got = ::numberAt(json.toStdString(), steps);
        if (std::isnan(expected))
            QVERIFY2(std::isnan(got), qPrintable(QString::number(got)));
        else
            QCOMPARE(got, expected);
    }

    void copyAsCommandAndMemory()
    {
        {
            ChannelProvider channels;
            ConsolePane pane(&channels, [this] { return m_endpoint; });
            discover(pane);
            QVERIFY(pane.selectMethod(QStringLiteral("greeter.Greeter/SayHello")));
            pane.editor()->setPlainText(QStringLiteral("{\n  \"name\": \"it's me\"\n}"));
            pane.findChild<QLineEdit*>(QStringLiteral("metadataEdit"))->setText(QStringLiteral("x-team: on-call"));
            const QString line = pane.copyAsCommand();
            QCOMPARE(line,
                QStringLiteral("outlierctl call --remote %1 --header 'x-team: on-call' greeter.Greeter/SayHello "
                               "-d '{\"name\": \"it'\\''s me\"}'")
                    .arg(m_endpoint));
            QCOMPARE(QApplication::clipboard()->text(), line);
            QSignalSpy finished(&pane, &ConsolePane::callFinished);
            QVERIFY(pane.startCall()); // a call remembers the method, request and settings
            QVERIFY(finished.wait(10000));
        }
        ChannelProvider channels;
        ConsolePane again(&channels, [this] { return m_endpoint; });
        discover(again);
        QCOMPARE(again.currentMethod(), QStringLiteral("greeter.Greeter/SayHello"));
        QCOMPARE(again.editor()->toPlainText(), QStringLiteral("{\n  \"name\": \"it's me\"\n}"));
        QCOMPARE(
            again.findChild<QLineEdit*>(QStringLiteral("metadataEdit"))->text(), QStringLiteral("x-team: on-call"));
    }

private:
    std::unique_ptr<od::rpc::Server> m_server;
    QString m_endpoint;
};

QTEST_MAIN(TestConsolePane)
#include "tst_consolepane.moc"
