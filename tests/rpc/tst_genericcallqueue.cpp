// The call console's write queue (rpc/console/generic_call): a sender faster than the server or
// the connection takes messages is refused with a reason once the queue is full, instead of
// growing without end; waitForRoom() lets a sender on its own thread wait instead.

#include "greeter/greeter.pb.h"
#include "rpc/client/channel.h"
#include "rpc/console/generic_call.h"
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
using od::rpc::GenericCall;

namespace {

// The end of a call, reported on a gRPC thread.
struct End
{
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<od::rpc::CallEnd> end;

    GenericCall::Callbacks callbacks()
    {
        GenericCall::Callbacks c;
        c.finished = [this](const od::rpc::CallEnd& e) {
            std::lock_guard lock(mutex);
            end = e;
            cv.notify_all();
        };
        return c;
    }
    bool wait(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, timeout, [this] { return end.has_value(); });
    }
};

const char* kRecordMetrics = "/greeter.Greeter/RecordMetrics";

} // namespace

class TestGenericCallQueue : public QObject
{
    Q_OBJECT

private slots:
    void aSenderFasterThanTheConnectionIsRefused_data()
    {
        QTest::addColumn<int>("messageBytes");
        QTest::addColumn<int>("mostAccepted"); // the bound, plus what the connection took
        // By count: 4096 wait, and about 64 1 KiB messages fit the connection's first window.
        QTest::newRow("small messages, the count bound") << 1024 << int(GenericCall::kMaxQueuedMessages) + 200;
        // By bytes: 16 MiB wait, plus one in flight and what the socket took.
        QTest::newRow("big messages, the byte bound") << (1 << 20) << 16 + 8;
    }
    void aSenderFasterThanTheConnectionIsRefused()
    {
        QFETCH(int, messageBytes);
        QFETCH(int, mostAccepted);
        SilentListener silent;
        End end;
        od::rpc::CallSettings settings;
        settings.deadline = 20s;
        auto call = GenericCall::start(
            od::rpc::makeChannel(silent.endpoint().toStdString()), kRecordMetrics, settings, end.callbacks());
        const std::string message(std::size_t(messageBytes), 'x');
        int accepted = 0;
        std::optional<std::string> refused;
        while (accepted <= mostAccepted && !(refused = call->send(message)))
            ++accepted;
        QVERIFY2(refused, qPrintable(QStringLiteral("all %1 messages were queued").arg(accepted)));
        const int bound = messageBytes == 1024 ? int(GenericCall::kMaxQueuedMessages) : 16;
        QVERIFY2(accepted >= bound, qPrintable(QStringLiteral("refused after only %1").arg(accepted)));
        QVERIFY2(refused->find("already wait to be written") != std::string::npos, refused->c_str());
        QVERIFY2(refused->find("send again once they have gone") != std::string::npos, refused->c_str());
        // Still full: refused again, not queued.
        QVERIFY(call->send(message).has_value());
        call->cancel();
        QVERIFY(end.wait(10s));
        QCOMPARE(end.end->status.code, 1); // CANCELLED
        const auto after = call->send(message);
        QVERIFY(after && after->find("no longer takes messages") != std::string::npos);
        od::rpc::waitForRelease(call);
    }

    // A sender blocked for room is let go when the call ends, not left waiting.
    void waitForRoomEndsWithTheCall()
    {
        SilentListener silent;
        End end;
        auto call = GenericCall::start(od::rpc::makeChannel(silent.endpoint().toStdString()), kRecordMetrics,
            od::rpc::CallSettings {}, end.callbacks());
        const std::string message(std::size_t(1) << 20, 'x');
        for (int i = 0; i < 64 && !call->send(message); ++i) { }
        QVERIFY(call->send(message).has_value()); // full
        std::atomic<bool> returned = false;
        std::thread sender([&] {
            call->waitForRoom();
            returned = true;
        });
        std::this_thread::sleep_for(200ms);
        QVERIFY(!returned); // nothing drains a silent connection
        call->cancel();
        sender.join();
        QVERIFY(returned);
        QVERIFY(end.wait(10s));
        od::rpc::waitForRelease(call);
    }

    // exchange() waits for room: many more requests than the queue holds all reach a real
    // server, which counts them.
    void exchangeSendsMoreThanTheQueueHolds()
    {
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        auto server = od::rpc::Server::start(options);
        QVERIFY2(server.ok(), server.ok() ? "" : server.error().message.c_str());
        const int count = int(GenericCall::kMaxQueuedMessages) * 3;
        std::vector<std::string> requests;
        for (int i = 0; i < count; ++i) {
            greeter::Metric metric;
            metric.set_value(i);
            requests.push_back(metric.SerializeAsString());
        }
        od::rpc::CallSettings settings;
        settings.deadline = 60s;
        const auto result = od::rpc::exchange(
            od::rpc::makeChannel("127.0.0.1:" + std::to_string((*server)->port())), kRecordMetrics, settings, requests);
        QVERIFY2(result.end.status.ok(), result.end.status.message.c_str());
        QCOMPARE(int(result.responses.size()), 1);
        greeter::MetricSummary summary;
        QVERIFY(summary.ParseFromString(result.responses.front()));
        QCOMPARE(summary.count(), count);
        (*server)->shutdown(1s);
    }
};

QTEST_GUILESS_MAIN(TestGenericCallQueue)
#include "tst_genericcallqueue.moc"
