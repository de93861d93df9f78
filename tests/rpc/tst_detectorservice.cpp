// outlierdesk.v1.Detector through the client functions the app and outlierctl use: methods and
// parameters honoured, explanations carried, big series streamed in chunks under a small message
// limit, incidents grouped on the server as the core groups them locally, and the fallback to
// pb.Outliers/Detect on a server that lacks the service.

#include "server_fixture.h"
#include "tests/sanitized_build.h"

#include "rpc/client/channel.h"
#include "rpc/client/detector_client.h"

#include "core/detect/detector.h"
#include "core/report/incidents.h"

#include "outlierdesk/v1/detector.pb.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace std::chrono_literals;

namespace {

od::Series makeSeries(std::size_t n, std::uint64_t seed)
{
    od::Series s;
    s.name = "cpu";
    std::uint64_t x = seed;
    for (std::size_t i = 0; i < n; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL; // a fixed sequence, the same on every run
        double v
            = 50.0 + static_cast<double>((x >> 33) % 1000) / 100.0 + 10.0 * std::sin(static_cast<double>(i) / 50.0);
        if (i % 997 == 13)
            v += 60.0; // planted spikes
        if (i % 1009 == 5)
            v = std::numeric_limits<double>::quiet_NaN();
        s.values.push_back(v);
        s.times.push_back(1'700'000'000'000'000'000LL + static_cast<std::int64_t>(i) * 60'000'000'000LL);
    }
    return s;
}

// Every field of every incident, so that two groupings compare as text (NaN scores included).
QString describe(const std::vector<od::Incident>& incidents)
{
    QStringList parts;
    for (const auto& in : incidents) {
        parts << QString("%1-%2 peak %3 = %4 (%5) x%6 %7..%8")
                     .arg(in.startIndex)
                     .arg(in.endIndex)
                     .arg(in.peakIndex)
                     .arg(in.peakValue, 0, 'g', 17)
                     .arg(in.peakScore, 0, 'g', 17)
                     .arg(in.points)
                     .arg(in.startTime ? QString::number(*in.startTime) : "-")
                     .arg(in.endTime ? QString::number(*in.endTime) : "-");
    }
    return parts.join('\n');
}

} // namespace

class TestDetectorService : public QObject
{
    Q_OBJECT

private slots:
    void capabilitiesListEveryMethod()
    {
        auto server = odtest::startServer();
        auto caps = od::rpc::detectorCapabilities(od::rpc::makeChannel(odtest::target(*server)));
        QVERIFY2(caps.status.ok(), caps.status.toString().c_str());
        QVERIFY(caps.capabilities.has_value());
        QCOMPARE(caps.capabilities->methods.size(), od::methods().size());
        QCOMPARE(caps.capabilities->defaultMethod, std::string("zscore"));
        for (std::size_t i = 0; i < od::methods().size(); ++i) {
            QCOMPARE(caps.capabilities->methods[i].name, od::methods()[i].name);
            QCOMPARE(caps.capabilities->methods[i].defaultThreshold, od::methods()[i].defaultThreshold);
            QCOMPARE(caps.capabilities->methods[i].params.size(), od::methods()[i].params.size());
        }
    }

    void remoteMatchesLocal_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<int>("window");
        QTest::addRow("zscore") << "zscore" << 2.0 << 0;
        QTest::addRow("mad") << "mad" << 3.5 << 0;
        QTest::addRow("iqr") << "iqr" << 1.5 << 0;
        QTest::addRow("rolling, window 20") << "rolling" << 4.0 << 20;
        QTest::addRow("hampel") << "hampel" << 3.0 << 7;
        QTest::addRow("alarm, memory 500") << "alarm" << 1.3 << 500;
    }

    void remoteMatchesLocal()
    {
        QFETCH(QString, method);
        QFETCH(double, threshold);
        QFETCH(int, window);
        auto server = odtest::startServer();
        auto channel = od::rpc::makeChannel(odtest::target(*server));
        const od::Series series = makeSeries(5000, 1);
        od::DetectorParams params = od::defaultParams(method.toStdString());
        params.threshold = threshold;
        params.window = window;
        const auto local = od::detect(series.values, series.times, params);
        QVERIFY(local.ok());

        od::rpc::DetectorCallOptions options;
        options.params = params;
        options.pointBand = true;
        options.chunkPoints = 777; // several chunks, the last one short
        auto remote = od::rpc::detectRemoteBest(channel, series, options);
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QVERIFY(remote.usedDetectorService);
        const od::Detection& d = remote.result.detection;
        QVERIFY(!local->indices.empty());
        QCOMPARE(d.indices, local->indices);
        QCOMPARE(d.scores, local->scores);
        QCOMPARE(d.method, local->method);
        QCOMPARE(d.threshold, local->threshold);
        QCOMPARE(d.scoreUnit, local->scoreUnit);
        // The per-point band arrives whole; a centre that is the middle of the band (alarm's) is
        // worked out on both sides rather than stored.
        QCOMPARE(d.hasBandPerPoint(), local->hasBandPerPoint());
        QCOMPARE(d.bandCentre.size(), local->bandCentre.size());
        QCOMPARE(d.bandLower.size(), local->bandLower.size());
        for (std::size_t i = 0; i < series.size(); ++i)
            QCOMPARE(d.centreAt(i), local->centreAt(i));
        // The band's blocks, which the chart draws from, are not on the wire: made again from
        // the per-point band, the same as detect() made them.
        const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
            return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); });
        };
        QCOMPARE(d.bandBlocks.points, local->bandBlocks.points);
        QVERIFY(same(d.bandBlocks.lower, local->bandBlocks.lower));
        QVERIFY(same(d.bandBlocks.upper, local->bandBlocks.upper));
        if (!local->hasBandPerPoint()) {
            QCOMPARE(d.upper, local->upper);
            QCOMPARE(d.lower, local->lower);
        }
    }

    void withoutParamsTheServersOwnRuleApplies()
    {
        od::rpc::ServerOptions serverOptions;
        serverOptions.detector = od::defaultParams("mad");
        auto server = odtest::startServer(serverOptions);
        const od::Series series = makeSeries(3000, 2);
        auto remote = od::rpc::detectRemoteBest(od::rpc::makeChannel(odtest::target(*server)), series, {});
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QCOMPARE(remote.result.detection.method, std::string("mad"));
        QCOMPARE(remote.result.detection.indices,
            od::detect(series.values, series.times, od::defaultParams("mad"))->indices);
    }

    void incidentsMatchTheLocalGrouping_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("gap"); // -1: the server's default
        QTest::addRow("zscore, default gap") << "zscore" << -1;
        QTest::addRow("rolling, default gap") << "rolling" << -1;
        QTest::addRow("rolling, gap 3") << "rolling" << 3;
        QTest::addRow("mad, gap 0: one incident per flag") << "mad" << 0;
    }

    void incidentsMatchTheLocalGrouping()
    {
        QFETCH(QString, method);
        QFETCH(int, gap);
        auto server = odtest::startServer();
        od::Series series = makeSeries(20000, 5);
        for (std::size_t i = 4000; i < 4020; i += 2)
            series.values[i] += 45; // a burst: flags two points apart, one incident at the default gap
        od::rpc::DetectorCallOptions options;
        options.params = od::defaultParams(method.toStdString());
        options.chunkPoints = 5000;
        od::IncidentRule rule = od::defaultIncidentRule(series.times);
        if (gap >= 0) {
            options.incidentGapPoints = static_cast<std::size_t>(gap);
            rule.gapPoints = static_cast<std::size_t>(gap);
        }
        auto remote = od::rpc::detectRemoteBest(od::rpc::makeChannel(odtest::target(*server)), series, options);
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QVERIFY(remote.result.incidents.has_value());
        QCOMPARE(remote.result.incidentRule.gapPoints, rule.gapPoints);

        const auto local = od::detect(series.values, series.times, *options.params);
        QVERIFY(local.ok());
        const auto want = od::groupIncidents(*local, series.values, series.times, rule);
        QVERIFY(want.size() > 3);
        QVERIFY(want.size() < local->indices.size() || gap == 0);
        QCOMPARE(describe(*remote.result.incidents), describe(want));
        for (const auto& in : *remote.result.incidents) {
            QVERIFY(std::binary_search(local->indices.begin(), local->indices.end(), in.peakIndex));
            QCOMPARE(*in.startTime, series.times[in.startIndex]);
        }
    }

    void aNegativeIncidentGapIsInvalidArgument()
    {
        auto server = odtest::startServer();
        outlierdesk::v1::DetectRequest request;
        request.mutable_series()->add_values(1.0);
        request.set_incident_gap_points(-2);
        const auto reply = odtest::rawUnary(od::rpc::makeChannel(odtest::target(*server)),
            "/outlierdesk.v1.Detector/Detect", request.SerializeAsString());
        QCOMPARE(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(reply.status.error_message().find("incident_gap_points") != std::string::npos,
            reply.status.error_message().c_str());
    }

    void aBigSeriesStreamsUnderASmallMessageLimit()
    {
        // 1,000,000 points are about 17 MB as one message; the server takes at most 1 MB.
        // Sanitizer builds send 200,000 (about 3.4 MB), still more than one message may hold,
        // so that the call ends well inside its deadline.
        od::rpc::ServerOptions serverOptions;
        serverOptions.maxMessageBytes = 1024 * 1024;
        auto server = odtest::startServer(serverOptions);
        auto channel = od::rpc::makeChannel(odtest::target(*server));
        const od::Series series = makeSeries(odtest::kSanitizedBuild ? 200'000 : 1'000'000, 3);
        od::rpc::DetectorCallOptions options;
        options.params = od::defaultParams("zscore");
        options.deadline = 60s;
        auto remote = od::rpc::detectRemoteBest(channel, series, options);
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QCOMPARE(remote.result.detection.indices, od::detect(series.values, series.times, *options.params)->indices);
        // The same series in one pb.Outliers message is refused.
        QCOMPARE(od::rpc::detectRemote(channel, series).status.codeName(), std::string("RESOURCE_EXHAUSTED"));
    }

    void badParametersAreInvalidArgument()
    {
        auto server = odtest::startServer();
        od::rpc::DetectorCallOptions options;
        options.params = od::defaultParams("zscore");
        options.params->threshold = -1;
        auto remote
            = od::rpc::detectRemoteBest(od::rpc::makeChannel(odtest::target(*server)), makeSeries(100, 4), options);
        QCOMPARE(remote.result.status.codeName(), std::string("INVALID_ARGUMENT"));
        options.params->method = "no-such-method";
        remote = od::rpc::detectRemoteBest(od::rpc::makeChannel(odtest::target(*server)), makeSeries(100, 4), options);
        QCOMPARE(remote.result.status.codeName(), std::string("INVALID_ARGUMENT"));
    }

    void emptySeriesIsAnEmptyAnswer()
    {
        auto server = odtest::startServer();
        od::rpc::DetectorCallOptions options;
        options.params = od::defaultParams("zscore");
        auto remote = od::rpc::detectRemoteBest(od::rpc::makeChannel(odtest::target(*server)), od::Series {}, options);
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QVERIFY(remote.result.detection.indices.empty());
    }

    void fallsBackToPbOutliersOnAServerWithoutIt()
    {
        const auto seed = odtest::startSeedServer();
        auto channel = od::rpc::makeChannel(seed->target());
        od::Series series;
        series.name = "ref";
        for (double v : { 1.0, 2.0, 100.0, 1.0, 3.0, 200.0, 1.0 }) {
            series.times.push_back(static_cast<std::int64_t>(series.values.size()));
            series.values.push_back(v);
        }
        od::rpc::DetectorCallOptions options;
        options.params = od::defaultParams("mad"); // cannot be honoured there
        std::optional<bool> offered;
        auto remote = od::rpc::detectRemoteBest(channel, series, options, &offered);
        QVERIFY2(remote.result.status.ok(), remote.result.status.toString().c_str());
        QVERIFY(!remote.usedDetectorService);
        QCOMPARE(offered, std::optional<bool>(false));
        QCOMPARE(remote.result.detection.indices, (std::vector<std::size_t> { 5 }));
        QVERIFY(!remote.result.incidents); // pb.Outliers does not group: the caller does
    }
};

QTEST_APPLESS_MAIN(TestDetectorService)
#include "tst_detectorservice.moc"
