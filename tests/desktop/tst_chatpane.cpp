// The Chat pane (ChatPane) on real widgets against real servers on loopback: answers in order,
// markup shown literally, long messages, floods, leave and disconnect, a write queue that is
// full (a listener that never answers), and a chat room.

#include "pane_fixture.h"

#include "desktop/panes/chat/chatmodel.h"
#include "desktop/panes/chat/chatpane.h"

#include "rpc/client/chat_session.h"
#include "tests/silent_listener.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace pane_fixture;

namespace {

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

} // namespace

class TestChatPane : public QObject
{
    Q_OBJECT

    pane_fixture::Panes m_panes;
    std::unique_ptr<od::rpc::Server> m_server; // the reference behaviour: each message echoed

private slots:
    void initTestCase()
    {
        QVERIFY(m_panes.isolateSettings(QStringLiteral("OutlierDeskChatPaneTest")));
        m_server = startServer(5, 20);
        QVERIFY(m_server);
    }

    void init() { QSettings().clear(); }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->shutdown(std::chrono::milliseconds(500));
    }

    void chatAnswersInOrder()
    {
        auto pane = m_panes.make<ChatPane>(endpointOf(*m_server));
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
        auto pane = m_panes.make<ChatPane>(endpointOf(*m_server));
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
        auto pane = m_panes.make<ChatPane>(endpointOf(*m_server));
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
        auto pane = m_panes.make<ChatPane>(endpointOf(*m_server));
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
        auto pane = m_panes.make<ChatPane>(endpointOf(*m_server));
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
        auto pane = m_panes.make<ChatPane>(silent.endpoint());
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
        auto alice = m_panes.make<ChatPane>(endpoint);
        auto bob = m_panes.make<ChatPane>(endpoint);
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
};

QTEST_MAIN(TestChatPane)
#include "tst_chatpane.moc"
