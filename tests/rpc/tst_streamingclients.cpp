// The streaming client calls (stock, upload, chat) against a real server on loopback.

#include "rpc/client/channel.h"
#include "rpc/client/chat_session.h"
#include "rpc/client/greeter_client.h"
#include "rpc/client/metrics_upload.h"
#include "rpc/client/stock_stream.h"
#include "rpc/server/server.h"
#include "tests/rpc/outlierd_process.h"
#include "tests/sanitized_build.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

namespace {

// Collects what a call reports from gRPC threads, for the test thread to wait on.
template <typename Item> struct Inbox
{
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<Item> items;
    std::optional<od::rpc::RpcStatus> finished;

    void add(const Item& item)
    {
        std::lock_guard lock(mutex);
        items.push_back(item);
        cv.notify_all();
    }
    void finish(const od::rpc::RpcStatus& status)
    {
        std::lock_guard lock(mutex);
        finished = status;
        cv.notify_all();
    }
    bool waitFor(std::function<bool()> ready, std::chrono::milliseconds timeout = 10s)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, timeout, ready);
    }
    bool waitFinished(std::chrono::milliseconds timeout = 10s)
    {
        return waitFor([this] { return finished.has_value(); }, timeout);
    }
};

} // namespace

class TestStreamingClients : public QObject
{
    Q_OBJECT

    std::unique_ptr<od::rpc::Server> start(int ticks, std::chrono::milliseconds interval)
    {
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:0";
        options.greeter.stockTicks = ticks;
        options.greeter.stockInterval = interval;
        auto s = od::rpc::Server::start(options);
        if (!s)
            qFatal("%s", s.error().toString().c_str());
        return std::move(*s);
    }

    static std::shared_ptr<grpc::Channel> channelTo(od::rpc::Server& s)
    {
        return od::rpc::makeChannel("127.0.0.1:" + std::to_string(s.port()));
    }

private slots:
    void stockStreamThatEndsByItselfEndsOk()
    {
        auto server = start(5, 10ms);
        Inbox<od::rpc::StockTick> inbox;
        auto stream = od::rpc::StockStream::start(channelTo(*server), "ACME",
            { [&](const od::rpc::StockTick& t) { inbox.add(t); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        QVERIFY(inbox.waitFinished());
        QVERIFY2(inbox.finished->ok(), inbox.finished->toString().c_str());
        QCOMPARE(inbox.items.size(), 5u);
        for (const auto& t : inbox.items) {
            QCOMPARE(t.symbol, std::string("ACME"));
            QVERIFY(t.price >= 500 && t.price <= 600);
        }
    }

    void cancelStopsAnEndlessStreamAndTheServerGoesOn()
    {
        auto server = start(0, 2ms);
        Inbox<od::rpc::StockTick> inbox;
        auto stream = od::rpc::StockStream::start(channelTo(*server), "X",
            { [&](const od::rpc::StockTick& t) { inbox.add(t); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        QVERIFY(inbox.waitFor([&] { return inbox.items.size() >= 10; }));
        stream->cancel();
        stream.reset(); // the call keeps itself alive until it has reported
        QVERIFY(inbox.waitFinished());
        QCOMPARE(inbox.finished->codeName(), std::string("CANCELLED"));
        QCOMPARE(od::rpc::sayHello(channelTo(*server), "still here").message, std::string("Hello still here"));
    }

    void serverGoneMidStreamIsReported()
    {
        auto server = start(0, 5ms);
        Inbox<od::rpc::StockTick> inbox;
        auto stream = od::rpc::StockStream::start(channelTo(*server), "X",
            { [&](const od::rpc::StockTick& t) { inbox.add(t); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        QVERIFY(inbox.waitFor([&] { return inbox.items.size() >= 3; }));
        server->shutdown(0ms);
        QVERIFY(inbox.waitFinished());
        QVERIFY(!inbox.finished->ok());
        QVERIFY(inbox.items.size() >= 3); // what arrived before stays
    }

    void uploadCountsAndAveragesAMillionValues()
    {
        auto server = start(5, 10ms);
        auto series = std::make_shared<od::Series>();
        long double sum = 0;
        std::int64_t count = 0;
        // One write per value: under a sanitizer a million take minutes, a tenth of it still
        // covers progress, ordering and the summary.
        const int values = odtest::kSanitizedBuild ? 100'000 : 1'000'000;
        for (int i = 0; i < values; ++i) {
            const double v = (i % 1000 == 0) ? std::nan("") : std::sin(i * 0.001) * 100 + i * 1e-4;
            series->values.push_back(v);
            series->times.push_back(i);
            if (!std::isnan(v)) {
                sum += v;
                ++count;
            }
        }
        Inbox<std::int64_t> inbox;
        od::rpc::UploadSummary summary;
        auto upload = od::rpc::MetricsUpload::start(channelTo(*server), series,
            { [&](std::int64_t sent, std::int64_t) { inbox.add(sent); },
                [&](const od::rpc::UploadSummary& s) {
                    summary = s;
                    inbox.finish(s.status);
                } });
        const bool finished = inbox.waitFinished(120s);
        if (!finished) {
            // The callbacks point into this frame: end the call before failing.
            upload->cancel();
            inbox.waitFinished(10s);
        }
        QVERIFY(finished);
        QVERIFY2(summary.status.ok(), summary.status.toString().c_str());
        QCOMPARE(summary.sent, count);
        QCOMPARE(summary.count, count);
        QVERIFY(std::fabs(summary.average - static_cast<double>(sum / count)) < 1e-9);
        QVERIFY(inbox.items.size() >= 50); // progress was reported along the way
        QCOMPARE(inbox.items.back(), count);
        QVERIFY(std::is_sorted(inbox.items.begin(), inbox.items.end()));
    }

    void uploadOfNothingIsZeroAndZero()
    {
        auto server = start(5, 10ms);
        auto series = std::make_shared<od::Series>();
        series->values = { std::nan(""), std::nan("") };
        series->times = { 1, 2 };
        Inbox<int> inbox;
        od::rpc::UploadSummary summary;
        auto upload = od::rpc::MetricsUpload::start(
            channelTo(*server), series, { nullptr, [&](const od::rpc::UploadSummary& s) {
                                             summary = s;
                                             inbox.finish(s.status);
                                         } });
        QVERIFY(inbox.waitFinished());
        QVERIFY(summary.status.ok());
        QCOMPARE(summary.count, 0);
        QCOMPARE(summary.average, 0.0);
    }

    void chatEchoesInOrderThenLeaves()
    {
        auto server = start(5, 10ms);
        Inbox<od::rpc::ChatLine> inbox;
        auto chat = od::rpc::ChatSession::start(channelTo(*server),
            { [&](const od::rpc::ChatLine& l) { inbox.add(l); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        const std::vector<std::string> lines { "one", "<a href=x>two</a>", std::string(100'000, 'z'), "four" };
        for (const auto& l : lines)
            QCOMPARE(chat->send({ "alice", l }), od::rpc::ChatSession::Sent::Queued);
        chat->leave();
        QCOMPARE(chat->send({ "alice", "after leaving" }), od::rpc::ChatSession::Sent::Closed);
        QVERIFY(inbox.waitFinished());
        QVERIFY2(inbox.finished->ok(), inbox.finished->toString().c_str());
        QCOMPARE(inbox.items.size(), lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i) {
            QCOMPARE(inbox.items[i].user, std::string("Server"));
            QCOMPARE(inbox.items[i].message, "Server received: " + lines[i]);
        }
    }

    void chatCancelEndsAtOnce()
    {
        auto server = start(5, 10ms);
        Inbox<od::rpc::ChatLine> inbox;
        auto chat = od::rpc::ChatSession::start(channelTo(*server),
            { [&](const od::rpc::ChatLine& l) { inbox.add(l); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        QCOMPARE(chat->send({ "bob", "hi" }), od::rpc::ChatSession::Sent::Queued);
        QVERIFY(inbox.waitFor([&] { return !inbox.items.empty(); }));
        chat->cancel();
        QVERIFY(inbox.waitFinished());
        QCOMPARE(inbox.finished->codeName(), std::string("CANCELLED"));
    }

    // A chat whose server goes away ends with an error at once, not when the user next leaves:
    // the hold that keeps the call open for sending must not outlive the server's side.
    void chatEndsWhenTheServerGoes()
    {
        auto server = start(5, 10ms);
        Inbox<od::rpc::ChatLine> inbox;
        auto chat = od::rpc::ChatSession::start(channelTo(*server),
            { [&](const od::rpc::ChatLine& l) { inbox.add(l); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        QCOMPARE(chat->send({ "carol", "hello?" }), od::rpc::ChatSession::Sent::Queued);
        QVERIFY(inbox.waitFor([&] { return !inbox.items.empty(); }));
        server->shutdown(0ms);
        QVERIFY(inbox.waitFinished());
        QVERIFY(!inbox.finished->ok());
        QCOMPARE(chat->send({ "carol", "still there?" }), od::rpc::ChatSession::Sent::Closed);
    }

    void chatWithNothingSentStillEndsOnLeave()
    {
        auto server = start(5, 10ms);
        Inbox<od::rpc::ChatLine> inbox;
        auto chat = od::rpc::ChatSession::start(channelTo(*server),
            { [&](const od::rpc::ChatLine& l) { inbox.add(l); },
                [&](const od::rpc::RpcStatus& s) { inbox.finish(s); } });
        chat->leave();
        QVERIFY(inbox.waitFinished());
        QVERIFY(inbox.finished->ok());
        QVERIFY(inbox.items.empty());
    }
    // A call on a channel that nobody else holds (its handle dropped at once, as the app's panes
    // and outlierctl may do) is the channel's last holder when it ends. When that channel is the
    // process's last one, dropping it inside OnDone, on the gRPC thread running it, destroyed the
    // callback queue from its own thread: a double free in grpc_cq_internal_unref under ASan,
    // "prior > 0" aborts otherwise. The server runs as its own process here, as it does for the
    // app, so no in-process server keeps that queue alive. The channel must still go (not be
    // kept forever), off that thread.
    void callsOnAChannelNobodyElseHoldsLetItGo_data()
    {
        QTest::addColumn<QString>("call");
        QTest::newRow("stock stream ending by itself") << "stock";
        QTest::newRow("stock stream cancelled") << "stock-cancel";
        QTest::newRow("upload") << "upload";
        QTest::newRow("chat left") << "chat";
        QTest::newRow("chat cancelled") << "chat-cancel";
    }

    void callsOnAChannelNobodyElseHoldsLetItGo()
    {
        QFETCH(QString, call);
        QTemporaryDir logs;
        QProcess outlierd;
        const int port = odtest::startOutlierd(
            outlierd, { "--stock-ticks", "3", "--stock-interval-ms", "1" }, logs.filePath("outlierd.log"));
        QVERIFY2(port > 0, "outlierd did not start");
        auto series = std::make_shared<od::Series>();
        series->values = { 1, 2, 3 };
        series->times = { 1, 2, 3 };
        for (int round = 0; round < 20; ++round) {
            Inbox<int> inbox;
            auto finish = [&](const od::rpc::RpcStatus& s) { inbox.finish(s); };
            auto channel = od::rpc::makeChannel("127.0.0.1:" + std::to_string(port));
            const std::weak_ptr<grpc::Channel> watch = channel;
            if (call.startsWith("stock")) {
                auto stream = od::rpc::StockStream::start(channel, "X", { nullptr, finish });
                if (call == "stock-cancel")
                    stream->cancel();
            } else if (call == "upload") {
                od::rpc::MetricsUpload::start(
                    channel, series, { nullptr, [&](const od::rpc::UploadSummary& s) { inbox.finish(s.status); } });
            } else {
                auto chat = od::rpc::ChatSession::start(channel, { nullptr, finish });
                if (call == "chat-cancel")
                    chat->cancel();
                else
                    chat->leave();
            }
            channel.reset(); // the call, its handle dropped, holds the only references
            QVERIFY2(inbox.waitFinished(), qPrintable(QString("round %1").arg(round)));
            const auto gone = std::chrono::steady_clock::now() + 10s;
            while (!watch.expired() && std::chrono::steady_clock::now() < gone)
                std::this_thread::sleep_for(1ms);
            QVERIFY2(watch.expired(), qPrintable(QString("round %1: the channel was never released").arg(round)));
        }
        // A client that cancels a stream right as it starts can leave the call inside grpc on
        // the server, matched to no handler and waiting for a request that never comes; grpc++
        // 1.51's Shutdown waited the whole grace (5 s) for such calls, so after the cancelled rows
        // outlierd took 5 s to stop. Once no call that reached a handler is left, outlierd ends
        // them at once (rpc/server/calls_in_flight.h).
        QElapsedTimer stopping;
        stopping.start();
        outlierd.terminate();
        QVERIFY(outlierd.waitForFinished(10'000));
        QCOMPARE(outlierd.exitCode(), 0);
        // The grace is 5 s; a stop at once takes a few milliseconds (ThreadSanitizer: tens).
        QVERIFY2(stopping.elapsed() < 2500, qPrintable(QString("outlierd took %1 ms to stop").arg(stopping.elapsed())));
    }
};

QTEST_APPLESS_MAIN(TestStreamingClients)
#include "tst_streamingclients.moc"
