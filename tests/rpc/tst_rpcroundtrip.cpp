// A real server on a free loopback port, real channels: every RPC of both seed services.

#include "rpc/client/call_canceller.h"
#include "rpc/client/channel.h"
#include "rpc/client/greeter_client.h"
#include "rpc/client/outliers_client.h"
#include "rpc/server/server.h"

#include "greeter/greeter.grpc.pb.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <QTest>

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

using namespace std::chrono_literals;

namespace {

od::Series makeSeries(std::vector<double> values)
{
    od::Series s;
    s.name = "test";
    for (std::size_t i = 0; i < values.size(); ++i)
        s.times.push_back(1'600'000'000'000'000'000LL + static_cast<std::int64_t>(i) * 60'000'000'000LL);
    s.values = std::move(values);
    return s;
}

} // namespace

class TestRpcRoundTrip : public QObject
{
    Q_OBJECT

    std::unique_ptr<od::rpc::Server> m_server;
    std::shared_ptr<grpc::Channel> m_channel;

    std::unique_ptr<od::rpc::Server> startServer(od::rpc::ServerOptions options)
    {
        options.listen = "127.0.0.1:0";
        auto server = od::rpc::Server::start(options);
        if (!server)
            qFatal("cannot start the server: %s", server.error().toString().c_str());
        return std::move(*server);
    }

private slots:
    void initTestCase()
    {
        od::rpc::ServerOptions options;
        options.greeter.stockInterval = 20ms; // the reference pace is 500 ms; keep the test quick
        m_server = startServer(options);
        m_channel = od::rpc::makeChannel("127.0.0.1:" + std::to_string(m_server->port()));
    }

    void cleanupTestCase() { m_server->shutdown(1s); }

    void detectFollowsTheReferenceRule()
    {
        auto r = od::rpc::detectRemote(m_channel, makeSeries({ 1, 2, 100, 1, 3, 200, 1 }));
        QVERIFY2(r.status.ok(), r.status.toString().c_str());
        QCOMPARE(r.detection.indices, (std::vector<std::size_t> { 5 }));
        QVERIFY(!r.detection.hasScores()); // the wire carries indices only
    }

    void detectOfNothingIsNothing()
    {
        auto r = od::rpc::detectRemote(m_channel, makeSeries({}));
        QVERIFY2(r.status.ok(), r.status.toString().c_str());
        QVERIFY(r.detection.indices.empty());
    }

    void detectMapsIndicesAroundMissingPoints()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        // NaN points are not sent; the answer must still index the series as loaded.
        auto r = od::rpc::detectRemote(m_channel, makeSeries({ nan, 1, 2, 100, nan, 1, 3, 200, 1 }));
        QVERIFY2(r.status.ok(), r.status.toString().c_str());
        QCOMPARE(r.detection.indices, (std::vector<std::size_t> { 7 }));
    }

    void detectOnAnUnreachableServerSaysUnavailable()
    {
        auto channel = od::rpc::makeChannel("127.0.0.1:1");
        od::rpc::RemoteDetectOptions options;
        options.deadline = 5s;
        auto r = od::rpc::detectRemote(channel, makeSeries({ 1, 2, 3 }), options);
        QCOMPARE(r.status.codeName(), std::string("UNAVAILABLE"));
    }

    void detectCanBeCancelledFromAnotherThread()
    {
        // A cancel that arrives before the call starts must still end it, as CANCELLED.
        od::rpc::CallCanceller canceller;
        canceller.cancel();
        od::rpc::RemoteDetectOptions options;
        options.canceller = &canceller;
        auto r = od::rpc::detectRemote(m_channel, makeSeries({ 1, 2, 3, 4, 5, 6, 100 }), options);
        QCOMPARE(r.status.codeName(), std::string("CANCELLED"));
    }

    void sayHelloGreetsByName()
    {
        auto r = od::rpc::sayHello(m_channel, "on-call");
        QVERIFY2(r.status.ok(), r.status.toString().c_str());
        QCOMPARE(r.message, std::string("Hello on-call"));
    }

    void stockStreamSendsFivePricesThenEnds()
    {
        auto stub = greeter::Greeter::NewStub(m_channel);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + 10s);
        greeter::StockRequest request;
        request.set_symbol("ACME");
        auto reader = stub->GetStockPrice(&context, request);
        greeter::StockReply reply;
        int ticks = 0;
        while (reader->Read(&reply)) {
            ++ticks;
            QCOMPARE(reply.symbol(), std::string("ACME"));
            QVERIFY(reply.price() >= 500 && reply.price() <= 600);
        }
        const grpc::Status status = reader->Finish();
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(ticks, 5);
    }

    void endlessStockStreamStopsOnCancel()
    {
        od::rpc::ServerOptions options;
        options.greeter.stockTicks = 0;
        options.greeter.stockInterval = 5ms;
        auto server = startServer(options);
        auto channel = od::rpc::makeChannel("127.0.0.1:" + std::to_string(server->port()));
        auto stub = greeter::Greeter::NewStub(channel);
        grpc::ClientContext context;
        greeter::StockRequest request;
        request.set_symbol("X");
        auto reader = stub->GetStockPrice(&context, request);
        greeter::StockReply reply;
        for (int i = 0; i < 20; ++i)
            QVERIFY(reader->Read(&reply));
        context.TryCancel();
        while (reader->Read(&reply)) { }
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
        // The server is still serving after the cancelled stream, and shuts down promptly.
        QCOMPARE(od::rpc::sayHello(channel, "after").message, std::string("Hello after"));
        const auto start = std::chrono::steady_clock::now();
        server->shutdown(2s);
        QVERIFY(std::chrono::steady_clock::now() - start < 3s);
    }

    void recordMetricsCountsAndAverages_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addRow("three") << QList<double> { 1.0, 2.0, 6.0 };
        QTest::addRow("empty stream") << QList<double> {};
        QTest::addRow("negative and fractional") << QList<double> { -1.5, 0.25, 10.0, 3.0 };
    }

    void recordMetricsCountsAndAverages()
    {
        QFETCH(QList<double>, values);
        auto stub = greeter::Greeter::NewStub(m_channel);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + 10s);
        greeter::MetricSummary summary;
        auto writer = stub->RecordMetrics(&context, &summary);
        double sum = 0;
        for (double v : values) {
            greeter::Metric m;
            m.set_value(v);
            QVERIFY(writer->Write(m));
            sum += v;
        }
        QVERIFY(writer->WritesDone());
        const grpc::Status status = writer->Finish();
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(summary.count(), static_cast<int>(values.size()));
        QCOMPARE(summary.average(), values.isEmpty() ? 0.0 : sum / values.size());
    }

    void chatEchoesEachMessage()
    {
        auto stub = greeter::Greeter::NewStub(m_channel);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + 10s);
        auto stream = stub->Chat(&context);
        const std::vector<std::string> lines { "hello", "<img src=x>", "" };
        for (const auto& line : lines) {
            greeter::ChatMessage out;
            out.set_user("alice");
            out.set_message(line);
            QVERIFY(stream->Write(out));
            greeter::ChatMessage in;
            QVERIFY(stream->Read(&in));
            QCOMPARE(in.user(), std::string("Server"));
            QCOMPARE(in.message(), "Server received: " + line);
        }
        QVERIFY(stream->WritesDone());
        greeter::ChatMessage extra;
        QVERIFY(!stream->Read(&extra));
        QVERIFY(stream->Finish().ok());
    }

    void secondServerOnABusyPortFailsClearly()
    {
        od::rpc::ServerOptions options;
        options.listen = "127.0.0.1:" + std::to_string(m_server->port());
        auto second = od::rpc::Server::start(options);
        QVERIFY(!second.ok());
        QVERIFY(second.error().message.find("cannot listen") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestRpcRoundTrip)
#include "tst_rpcroundtrip.moc"
