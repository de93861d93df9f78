// Streaming a series into a client stream, one message per value, without a server: which
// fields of a type can take the values, the request written with each value in its field
// (singular, repeated, nested, through a repeated message), and the values and paths refused,
// each with words that say why.

#include "rpc/console/number_field.h"

#include "greeter/greeter.pb.h"
#include "outlierdesk/v1/detector.pb.h"
#include "pb/outliers.pb.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {

QStringList toQt(const std::vector<std::string>& list)
{
    QStringList out;
    for (const auto& item : list)
        out << QString::fromStdString(item);
    return out;
}

} // namespace

class TestNumberField : public QObject
{
    Q_OBJECT
private slots:
    void numericFieldPaths()
    {
        QCOMPARE(toQt(od::rpc::numericFieldPaths(*greeter::Metric::descriptor())), QStringList { "value" });
        QCOMPARE(toQt(od::rpc::numericFieldPaths(*outlierdesk::v1::DetectChunk::descriptor())),
            (QStringList { "params.threshold", "params.window", "params.period", "params.max_anoms", "values",
                "times_unix_nanos", "incident_gap_points" }));
        QCOMPARE(toQt(od::rpc::numericFieldPaths(*pb::OutliersRequest::descriptor())),
            (QStringList { "metrics.time.seconds", "metrics.time.nanos", "metrics.value" }));
    }

    void eachValueInItsField()
    {
        // Singular: the base request's other fields kept.
        auto metric = od::rpc::NumberFiller::make(greeter::Metric::default_instance(), "{}", "value");
        QVERIFY2(metric, metric ? "" : metric.error().message.c_str());
        for (const double value : { 1.5, -2.0, 0.0 }) {
            greeter::Metric got;
            QVERIFY(got.ParseFromString(metric->bytesWith(value)));
            QCOMPARE(got.value(), value);
        }
        // Repeated: the one value, not the ones before it; the rest of the request as written.
        auto chunk = od::rpc::NumberFiller::make(outlierdesk::v1::DetectChunk::default_instance(),
            R"({"params": {"method": "zscore"}, "name": "cpu", "values": [9, 9]})", "values");
        QVERIFY(chunk);
        for (const double value : { 3.0, 4.0 }) {
            outlierdesk::v1::DetectChunk got;
            QVERIFY(got.ParseFromString(chunk->bytesWith(value)));
            QCOMPARE(got.values_size(), 1);
            QCOMPARE(got.values(0), value);
            QCOMPARE(got.name(), std::string("cpu"));
            QCOMPARE(got.params().method(), std::string("zscore"));
        }
        // Through a repeated message (its first element, made when absent), by JSON name too.
        auto request = od::rpc::NumberFiller::make(pb::OutliersRequest::default_instance(), "{}", "metrics.value");
        QVERIFY(request);
        pb::OutliersRequest got;
        QVERIFY(got.ParseFromString(request->bytesWith(7.25)));
        QCOMPARE(got.metrics_size(), 1);
        QCOMPARE(got.metrics(0).value(), 7.25);
        auto gap
            = od::rpc::NumberFiller::make(outlierdesk::v1::DetectChunk::default_instance(), "{}", "incidentGapPoints");
        QVERIFY(gap);
        QCOMPARE(gap->typeName(), std::string("int64"));
        outlierdesk::v1::DetectChunk withGap;
        QVERIFY(withGap.ParseFromString(gap->bytesWith(-12)));
        QCOMPARE(withGap.incident_gap_points(), -12);
    }

    void pathsRefused_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");
        QTest::addRow("unknown") << "{}"
                                 << "valu"
                                 << "there is no field 'valu' in outlierdesk.v1.DetectChunk; its numeric fields: "
                                    "params.threshold, params.window";
        QTest::addRow("text") << "{}"
                              << "name"
                              << "'name' is not a number (string)";
        QTest::addRow("nested unknown") << "{}"
                                        << "params.k"
                                        << "there is no field 'k' in 'params' (outlierdesk.v1.DetectorParams)";
        QTest::addRow("through a number") << "{}"
                                          << "values.x"
                                          << "'values' is not a message";
        QTest::addRow("none chosen") << "{}"
                                     << ""
                                     << "no field chosen";
        QTest::addRow("request does not read") << "{\"name\": }"
                                               << "values"
                                               << "expected a value";
    }

    void pathsRefused()
    {
        QFETCH(QString, base);
        QFETCH(QString, path);
        QFETCH(QString, words);
        auto filler = od::rpc::NumberFiller::make(
            outlierdesk::v1::DetectChunk::default_instance(), base.toStdString(), path.toStdString());
        QVERIFY(!filler);
        QVERIFY2(QString::fromStdString(filler.error().message).contains(words), filler.error().message.c_str());
    }

    void valuesRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("words"); // empty: taken
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::addRow("double takes NaN") << "values" << nan << "";
        QTest::addRow("int32 whole") << "params.window" << -5.0 << "";
        QTest::addRow("int32 fraction") << "params.window" << 2.5 << "has a fraction";
        QTest::addRow("int32 NaN") << "params.window" << nan << "is missing (NaN)";
        QTest::addRow("int32 too big") << "params.window" << 2147483648.0 << "out of range for an int32";
        QTest::addRow("int32 smallest") << "params.window" << -2147483648.0 << "";
        QTest::addRow("int64 too big") << "incident_gap_points" << 9.3e18 << "out of range for an int64";
    }

    void valuesRefused()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        QFETCH(QString, words);
        auto filler
            = od::rpc::NumberFiller::make(outlierdesk::v1::DetectChunk::default_instance(), "{}", path.toStdString());
        QVERIFY(filler);
        const auto refused = filler->refuses(value);
        if (words.isEmpty())
            QVERIFY2(!refused, refused ? refused->c_str() : "");
        else
            QVERIFY2(refused && QString::fromStdString(*refused).contains(words), refused ? refused->c_str() : "none");
    }
};

QTEST_MAIN(TestNumberField)
#include "tst_numberfield.moc"
