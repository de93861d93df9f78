// The chat's write queue (rpc/client/chat_session): a sender faster than the server or the
// connection takes lines is refused once the queue is full, instead of growing without end;
// waitForRoom() lets a sender on its own thread wait, and an ended chat lets it go.

#include "rpc/client/channel.h"
#include "rpc/client/chat_session.h"
#include "rpc/server/server.h"
#include "tests/silent_listener.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

using namespace std::chrono_literals;
using od::rpc::ChatSession;

namespace {

// What the chat received and how it ended, reported on gRPC threads.
struct Outcome
{
    std::mutex mutex;
    std::condition_variable cv;
    int received = 0;
    std::optional<od::rpc::RpcStatus> end;

    ChatSession::Callbacks callbacks()
    {
        ChatSession::Callbacks c;
        c.received = [this](const od::rpc::ChatLine&) {
            std::lock_guard lock(mutex);
            ++received;
        };
        c.finished = [this](const od::rpc::RpcStatus& status) {
            std::lock_guard lock(mutex);
            end = status;
            cv.notify_all();
        };
        return c;
    }
    bool waitForEnd(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, timeout, [this] { return end.has_value(); });
    }
};

} // namespace

class TestChatSessionQueue : public QObject
{
    Q_OBJECT

private slots:
    void aSenderFasterThanTheConnectionIsRefused_data()
    {
        QTest::addColumn<int>("messageBytes");
        QTest::addColumn<int>("bound");
        QTest::addColumn<int>("mostAccepted"); // the bound, plus what the connection took
        // By count: 4096 wait, and about 64 1 KiB lines fit the connection's first window.
        QTest::newRow("short lines, the count bound")
            << 1024 << int(ChatSession::kMaxQueuedMessages) << int(ChatSession::kMaxQueuedMessages) + 200;
        // By bytes: 16 MiB wait, plus one in flight and what the socket took.
        QTest::newRow("long lines, the byte bound") << (1 << 20) << 16 << 16 + 8;
    }
    void aSenderFasterThanTheConnectionIsRefused()
    {
        QFETCH(int, messageBytes);
        QFETCH(int, bound);
        QFETCH(int, mostAccepted);
        SilentListener silent;
        Outcome outcome;
        auto chat = ChatSession::start(od::rpc::makeChannel(silent.endpoint().toStdString()), outcome.callbacks());
        const od::rpc::ChatLine line { "alice", std::string(std::size_t(messageBytes), 'x') };
        int accepted = 0;
        auto sent = ChatSession::Sent::Queued;
        while (accepted <= mostAccepted && (sent = chat->send(line)) == ChatSession::Sent::Queued)
            ++accepted;
        QVERIFY2(sent == ChatSession::Sent::QueueFull,
            qPrintable(QStringLiteral("%1 lines were queued, none refused as full").arg(accepted)));
        QVERIFY2(accepted >= bound, qPrintable(QStringLiteral("refused after only %1").arg(accepted)));
        QCOMPARE(chat->send(line), ChatSession::Sent::QueueFull); // still full: refused again
        chat->cancel();
        QVERIFY(outcome.waitForEnd(10s));
        QCOMPARE(outcome.end->code, 1); // CANCELLED
        QCOMPARE(chat->send(line), ChatSession::Sent::Closed);
    }

    // A sender blocked for room is let go when the chat ends, by cancel or by leave.
    void waitForRoomEndsWithTheChat_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("cancel") << true;
        QTest::newRow("leave") << false;
    }
    void waitForRoomEndsWithTheChat()
    {
        QFETCH(bool, cancel);
        SilentListener silent;
        Outcome outcome;
        auto chat = ChatSession::start(od::rpc::makeChannel(silent.endpoint().toStdString()), outcome.callbacks());
        const od::rpc::ChatLine line { "bob", std::string(std::size_t(1) << 20, 'x') };
        for (int i = 0; i < 64 && chat->send(line) == ChatSession::Sent::Queued; ++i) { }
        QCOMPARE(chat->send(line), ChatSession::Sent::QueueFull);
        std::atomic<bool> returned = false;
        std::thread sender([&] {
            chat->waitForRoom();
            returned = true;
        });
        std::this_thread::sleep_for(200ms);
        QVERIFY(!returned); // nothing drains a silent connection
        if (cancel)
            chat->cancel();
        else
            chat->leave();
        sender.join();
        QVERIFY(returned);
        QCOMPARE(chat->send(line), ChatSession::Sent::Closed);
        chat->cancel(); // a left chat on a silent connection would otherwise wait for ever
        QVERIFY(outcome.waitForEnd(10s));
    }

    // A sender that waits for room gets many more lines than the queue holds to a real server,
    // which answers each one.
    void waitingSenderDeliversMoreThanTheQueueHolds()
    {
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        auto server = od::rpc::Server::start(options);
        QVERIFY2(server.ok(), server.ok() ? "" : server.error().message.c_str());
        Outcome outcome;
        auto chat = ChatSession::start(
            od::rpc::makeChannel("127.0.0.1:" + std::to_string((*server)->port())), outcome.callbacks());
        const int count = int(ChatSession::kMaxQueuedMessages) * 3;
        int refusals = 0;
        for (int i = 0; i < count; ++i) {
            const od::rpc::ChatLine line { "carol", "line " + std::to_string(i) };
            auto sent = chat->send(line);
            while (sent == ChatSession::Sent::QueueFull) {
                ++refusals;
                chat->waitForRoom();
                sent = chat->send(line);
            }
            QCOMPARE(sent, ChatSession::Sent::Queued);
        }
        chat->leave();
        QVERIFY(outcome.waitForEnd(60s));
        QVERIFY2(outcome.end->ok(), outcome.end->toString().c_str());
        QCOMPARE(outcome.received, count);
        qInfo("%d lines, refused as full %d times on the way", count, refusals);
        (*server)->shutdown(1s);
    }
};

QTEST_GUILESS_MAIN(TestChatSessionQueue)
#include "tst_chatsessionqueue.moc"
