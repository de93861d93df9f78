// ChatModel on its own: QAbstractItemModelTester watches it while messages arrive, overflow the
// list and are cleared; text stays text, never markup.

#include "desktop/panes/chat/chatmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

std::vector<ChatModel::Message> messages(int count, ChatModel::Direction direction = ChatModel::Received)
{
    std::vector<ChatModel::Message> list;
    for (int i = 0; i < count; ++i)
        list.push_back(
            { QDateTime::currentDateTime(), direction, QStringLiteral("Server"), QStringLiteral("message %1").arg(i) });
    return list;
}

} // namespace

class TestChatModel : public QObject
{
    Q_OBJECT
private slots:
    void appendsInOrder()
    {
        ChatModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(messages(3));
        model.append(messages(2, ChatModel::Sent));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(2, ChatModel::MessageColumn).data().toString(), QStringLiteral("message 2"));
        QCOMPARE(model.index(3, ChatModel::DirectionColumn).data().toString(), QStringLiteral("sent"));
        QCOMPARE(model.index(3, 0).data(ChatModel::DirectionRole).toInt(), int(ChatModel::Sent));
        model.append({});
        QCOMPARE(model.rowCount(), 5);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void keepsTheNewest_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("second");
        QTest::addRow("one flood bigger than the list") << 0 << ChatModel::kMaxMessages + 10;
        QTest::addRow("a full list and then more") << ChatModel::kMaxMessages << 7;
    }

    void keepsTheNewest()
    {
        QFETCH(int, first);
        QFETCH(int, second);
        ChatModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(messages(first));
        model.append(messages(second));
        QCOMPARE(model.rowCount(), ChatModel::kMaxMessages);
        QCOMPARE(model.index(model.rowCount() - 1, ChatModel::MessageColumn).data().toString(),
            QStringLiteral("message %1").arg(second - 1));
    }

    // What the list shows after sending `sent` (texts, as "me") and then receiving `received`
    // ("sender: text" each): an echo of one's own message marks it delivered, once.
    void ownMessageShowsOnce_data()
    {
        QTest::addColumn<QStringList>("sent");
        QTest::addColumn<QStringList>("received");
        QTest::addColumn<QStringList>("shown"); // "direction sender: text" per row
        const QString hi = QStringLiteral("hi");
        QTest::addRow("a room's echo") << QStringList { hi } << QStringList { QStringLiteral("me: hi") }
                                       << QStringList { QStringLiteral("delivered me: hi") };
        QTest::addRow("the reference server's answer is a message")
            << QStringList { hi } << QStringList { QStringLiteral("Server: Server received: hi") }
            << QStringList { QStringLiteral("sent me: hi"), QStringLiteral("received Server: Server received: hi") };
        QTest::addRow("someone else saying the same")
            << QStringList { hi } << QStringList { QStringLiteral("bob: hi") }
            << QStringList { QStringLiteral("sent me: hi"), QStringLiteral("received bob: hi") };
        QTest::addRow("the same words twice, one echo so far")
            << QStringList { hi, hi } << QStringList { QStringLiteral("me: hi") }
            << QStringList { QStringLiteral("delivered me: hi"), QStringLiteral("sent me: hi") };
        QTest::addRow("an echo of nothing sent") << QStringList {} << QStringList { QStringLiteral("me: hi") }
                                                 << QStringList { QStringLiteral("received me: hi") };
        QTest::addRow("more echoes than messages")
            << QStringList { hi } << QStringList { QStringLiteral("me: hi"), QStringLiteral("me: hi") }
            << QStringList { QStringLiteral("delivered me: hi"), QStringLiteral("received me: hi") };
    }

    void ownMessageShowsOnce()
    {
        QFETCH(QStringList, sent);
        QFETCH(QStringList, received);
        QFETCH(QStringList, shown);
        ChatModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const QString& text : sent)
            model.append({ { QDateTime::currentDateTime(), ChatModel::Sent, QStringLiteral("me"), text } });
        std::vector<ChatModel::Message> incoming;
        for (const QString& line : received) {
            const qsizetype colon = line.indexOf(QStringLiteral(": "));
            incoming.push_back(
                { QDateTime::currentDateTime(), ChatModel::Received, line.left(colon), line.mid(colon + 2) });
        }
        model.append(std::move(incoming));
        QStringList rows;
        for (int r = 0; r < model.rowCount(); ++r) {
            rows << QStringLiteral("%1 %2: %3")
                        .arg(model.index(r, ChatModel::DirectionColumn).data().toString(),
                            model.index(r, ChatModel::SenderColumn).data().toString(),
                            model.index(r, ChatModel::MessageColumn).data().toString());
        }
        QCOMPARE(rows, shown);
    }

    void textIsNeverMarkup_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::addRow("markup") << QStringLiteral("<b>bold</b>") << QStringLiteral("<b>bold</b>");
        QTest::addRow("line break") << QStringLiteral("one\ntwo") << QStringLiteral("one\u21b5two");
        QTest::addRow("long text") << QString(ChatModel::kShownChars + 5, QLatin1Char('x'))
                                   << QString(ChatModel::kShownChars, QLatin1Char('x')) + QChar(0x2026);
    }

    void textIsNeverMarkup()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        ChatModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({ { QDateTime::currentDateTime(), ChatModel::Received, QStringLiteral("x"), text } });
        const QModelIndex cell = model.index(0, ChatModel::MessageColumn);
        QCOMPARE(cell.data().toString(), shown);
        QCOMPARE(cell.data(ChatModel::FullTextRole).toString(), text);
        QVERIFY(!cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("<b>")));
    }
};

QTEST_MAIN(TestChatModel)
#include "tst_chatmodel.moc"
