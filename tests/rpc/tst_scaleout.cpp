// Client-side load balancing over several outlierd: one channel to three backends on loopback
// (round_robin from the service config), Detect calls from several threads, one backend killed
// midway. Every call must succeed (retried on UNAVAILABLE) and the load must be spread, counted
// from each backend's own per-call log.

#include "rpc/client/channel.h"
#include "rpc/client/outliers_client.h"
#include "tests/rpc/outlierd_process.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

using namespace std::chrono_literals;

namespace {

struct Backend
{
    std::unique_ptr<QProcess> process;
    int port = 0;
    QString logPath; // its standard error: one JSON line per call
};

bool startBackend(Backend& b, const QString& logPath)
{
    b.process = std::make_unique<QProcess>();
    b.logPath = logPath;
    b.port = odtest::startOutlierd(*b.process, { "--log-format", "json" }, logPath);
    return b.port > 0;
}

int okDetectCalls(const QByteArray& log)
{
    int n = 0;
    for (const QByteArray& line : log.split('\n')) {
        if (line.contains("\"method\":\"/pb.Outliers/Detect\"") && line.contains("\"status\":\"OK\""))
            ++n;
    }
    return n;
}

od::Series smallSeries()
{
    od::Series s;
    s.name = "lb";
    for (double v : { 1.0, 2.0, 100.0, 1.0, 3.0, 200.0, 1.0 }) {
        s.times.push_back(static_cast<std::int64_t>(s.values.size()) * 1'000'000'000);
        s.values.push_back(v);
    }
    return s;
}

} // namespace

class TestScaleOut : public QObject
{
    Q_OBJECT

private slots:
    void roundRobinSurvivesAKilledBackend()
    {
        QTemporaryDir logs;
        QVERIFY(logs.isValid());
        Backend backends[3];
        std::string target = "ipv4:";
        for (int i = 0; i < 3; ++i) {
            Backend& b = backends[i];
            QVERIFY(startBackend(b, logs.filePath(QString("outlierd-%1.log").arg(i))));
            target += target.size() > 5 ? ",127.0.0.1:" : "127.0.0.1:";
            target += std::to_string(b.port);
        }
        auto channel = od::rpc::makeChannel(target);
        const od::Series series = smallSeries();

        constexpr int kThreads = 8;
        constexpr int kCallsPerThread = 150;
        std::atomic<int> done { 0 };
        std::atomic<int> failed { 0 };
        std::string firstFailure;
        std::mutex failureMutex;
        std::vector<std::thread> workers;
        for (int t = 0; t < kThreads; ++t) {
            workers.emplace_back([&] {
                od::rpc::RemoteDetectOptions options;
                options.deadline = 10s;
                for (int i = 0; i < kCallsPerThread; ++i) {
                    auto r = od::rpc::detectRemote(channel, series, options);
                    if (!r.status.ok() || r.detection.indices != std::vector<std::size_t> { 5 }) {
                        std::lock_guard lock(failureMutex);
                        if (failed++ == 0)
                            firstFailure = r.status.toString();
                    }
                    ++done;
                }
            });
        }
        // Kill the second backend outright (no drain) a third of the way through.
        for (int i = 0; i < 2000 && done.load() < kThreads * kCallsPerThread / 3; ++i)
            std::this_thread::sleep_for(5ms);
        ::kill(static_cast<pid_t>(backends[1].process->processId()), SIGKILL);
        for (auto& w : workers)
            w.join();
        QVERIFY2(failed.load() == 0,
            qPrintable(QString("%1 calls failed, the first: %2").arg(failed.load()).arg(firstFailure.c_str())));
        QCOMPARE(done.load(), kThreads * kCallsPerThread);

        int counts[3];
        int total = 0;
        for (int i = 0; i < 3; ++i) {
            auto& p = *backends[i].process;
            if (i != 1) {
                p.terminate();
                QVERIFY(p.waitForFinished(10000));
            } else {
                p.waitForFinished(10000);
            }
            QFile log(backends[i].logPath);
            QVERIFY(log.open(QIODevice::ReadOnly));
            counts[i] = okDetectCalls(log.readAll());
            total += counts[i];
        }
        const QString spread = QString("%1 / %2 / %3").arg(counts[0]).arg(counts[1]).arg(counts[2]);
        qInfo("calls per backend: %s", qPrintable(spread));
        // Every call answered (a call cut off by the kill is answered by another backend). Only
        // the call each thread has in flight at the kill can be counted wrongly, either way: the
        // killed backend writes its line after the answer has gone out, so it may have answered
        // one and not logged it; and it may have logged an answer that never reached the client
        // (the kill resets the connection, and what is still in flight is dropped), which the
        // client then asked of another backend: logged twice (seen under ASan: 1204 of 1200).
        QVERIFY2(std::abs(total - kThreads * kCallsPerThread) <= kThreads, qPrintable(spread));
        // round_robin: before the kill each backend took about a third of the calls; after it
        // the two survivors shared the rest.
        const int before = kThreads * kCallsPerThread / 3;
        QVERIFY2(counts[1] >= before / 6, qPrintable(spread));
        QVERIFY2(counts[0] >= before / 2 && counts[2] >= before / 2, qPrintable(spread));
        QVERIFY2(std::abs(counts[0] - counts[2]) < kThreads * kCallsPerThread / 4, qPrintable(spread));
    }
};

QTEST_APPLESS_MAIN(TestScaleOut)
#include "tst_scaleout.moc"
