// The pb.OutliersRequest wire reader against protobuf's own parser: the same values and times
// for every message protobuf reads, whatever the field order, repetitions or unknown fields,
// and an error (never a crash) for bytes that are not a message.

#include "rpc/server/outliers_wire.h"

#include "pb/outliers.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace {

std::vector<double> parsedValues(const pb::OutliersRequest& r)
{
    std::vector<double> out;
    for (const auto& m : r.metrics())
        out.push_back(m.value());
    return out;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

} // namespace

class TestOutliersWire : public QObject
{
    Q_OBJECT

private slots:
    void readsWhatProtobufWrites()
    {
        std::mt19937_64 random(7);
        std::uniform_real_distribution<double> value(-1e6, 1e6);
        for (int round = 0; round < 200; ++round) {
            pb::OutliersRequest request;
            const int n = static_cast<int>(random() % 300);
            for (int i = 0; i < n; ++i) {
                auto* m = request.add_metrics();
                switch (random() % 5) {
                case 0:
                    break; // an empty metric: value 0
                case 1:
                    m->set_value(std::numeric_limits<double>::quiet_NaN());
                    break;
                case 2:
                    m->set_value(-std::numeric_limits<double>::infinity());
                    break;
                default:
                    m->set_value(value(random));
                }
                if (random() % 2) {
                    m->mutable_time()->set_seconds(
                        static_cast<std::int64_t>(random() % 4'000'000'000LL) - 1'000'000'000LL);
                    m->mutable_time()->set_nanos(static_cast<std::int32_t>(random() % 1'000'000'000));
                }
                if (random() % 2)
                    m->set_name(std::string(random() % 40, 'n'));
            }
            const std::string bytes = request.SerializeAsString();
            std::vector<double> values;
            std::vector<std::int64_t> times;
            std::string error;
            QVERIFY2(od::rpc::readOutlierValues(bytes, values, &times, error), error.c_str());
            QVERIFY(sameBits(values, parsedValues(request)));
            for (int i = 0; i < n; ++i) {
                const auto& t = request.metrics(i).time();
                QCOMPARE(times[static_cast<std::size_t>(i)], t.seconds() * 1'000'000'000 + t.nanos());
            }
        }
    }

    void laterValueWinsAndUnknownFieldsAreSkipped()
    {
        // metric { value: 1; value: 2; field 9 (varint) 5; field 10 (fixed32) } ; field 7 "xy"
        const std::string metric = std::string("\x19", 1) + std::string("\0\0\0\0\0\0\xf0\x3f", 8)
            + std::string("\x19", 1) + std::string("\0\0\0\0\0\0\0\x40", 8) + "\x48\x05"
            + std::string("\x55\1\2\3\4", 5);
        const std::string bytes
            = std::string("\x0a", 1) + std::string(1, static_cast<char>(metric.size())) + metric + "\x3a\x02xy";
        pb::OutliersRequest parsed;
        QVERIFY(parsed.ParseFromString(bytes));
        std::vector<double> values;
        std::string error;
        QVERIFY2(od::rpc::readOutlierValues(bytes, values, nullptr, error), error.c_str());
        QCOMPARE(values, parsedValues(parsed));
        QCOMPARE(values, (std::vector<double> { 2.0 }));
    }

    // Found by fuzz_outliers_wire: times protobuf accepts, read as protobuf means them.
    void timesAsProtobufMeansThem_data()
    {
        QTest::addColumn<QByteArray>("metric"); // one pb.Metric's bytes, possibly several pieces
        QTest::addColumn<qint64>("nanos");
        const auto timed = [](std::int64_t seconds, std::int32_t nanos) {
            pb::Metric m;
            m.set_value(1.0);
            m.mutable_time()->set_seconds(seconds);
            if (nanos != 0)
                m.mutable_time()->set_nanos(nanos);
            const std::string bytes = m.SerializeAsString();
            return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
        };
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        constexpr qint64 kMin = std::numeric_limits<qint64>::min();
        // Beyond the years 1677 to 2262 nanoseconds do not fit: held at the ends, never overflowed.
        QTest::addRow("year 1 is held at the low end") << timed(-62'135'596'800, 0) << kMin;
        QTest::addRow("year 9999 is held at the high end") << timed(253'402'300'799, 999'999'999) << kMax;
        QTest::addRow("the last nanosecond that fits") << timed(9'223'372'036, 854'775'807) << kMax;
        QTest::addRow("the first that does not") << timed(9'223'372'036, 854'775'808) << kMax;
        QTest::addRow("the first before the low end") << timed(-9'223'372'037, 145'224'191) << kMin;
        QTest::addRow("before 1970") << timed(-1, 500) << qint64 { -999'999'500 };
        // A metric's time sent twice is merged, field by field, as protobuf merges a message.
        QTest::addRow("a second time keeps the first one's nanos")
            << timed(5, 3) + timed(7, 0) << qint64 { 7'000'000'003 };
        QTest::addRow("a second time replaces both") << timed(5, 3) + timed(7, 9) << qint64 { 7'000'000'009 };
    }

    void timesAsProtobufMeansThem()
    {
        QFETCH(QByteArray, metric);
        QFETCH(qint64, nanos);
        const std::string bytes = std::string("\x0a", 1) + std::string(1, static_cast<char>(metric.size()))
            + std::string(metric.constData(), static_cast<std::size_t>(metric.size()));
        pb::OutliersRequest parsed;
        QVERIFY(parsed.ParseFromString(bytes));
        QCOMPARE(parsed.metrics_size(), 1);
        std::vector<double> values;
        std::vector<std::int64_t> times;
        std::string error;
        QVERIFY2(od::rpc::readOutlierValues(bytes, values, &times, error), error.c_str());
        QCOMPARE(values, (std::vector<double> { 1.0 }));
        QCOMPARE(times, (std::vector<std::int64_t> { nanos }));
        // Where it fits, exactly protobuf's own reading.
        const auto& t = parsed.metrics(0).time();
        if (nanos != std::numeric_limits<qint64>::max() && nanos != std::numeric_limits<qint64>::min())
            QCOMPARE(times.front(), t.seconds() * 1'000'000'000 + t.nanos());
    }

    void mutatedBytesNeverDisagreeWithProtobuf()
    {
        std::mt19937_64 random(11);
        pb::OutliersRequest request;
        for (int i = 0; i < 50; ++i) {
            auto* m = request.add_metrics();
            m->set_value(i * 1.5);
            m->mutable_time()->set_seconds(i);
            m->set_name("cpu");
        }
        const std::string good = request.SerializeAsString();
        google::protobuf::LogSilencer quiet; // protobuf logs every invalid UTF-8 name it meets
        int agreed = 0;
        for (int round = 0; round < 5000; ++round) {
            std::string bytes = good;
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = random() % bytes.size();
                switch (random() % 3) {
                case 0:
                    bytes[at] = static_cast<char>(random());
                    break;
                case 1:
                    bytes.erase(at, 1 + random() % 8);
                    break;
                default:
                    bytes.resize(at);
                }
                if (bytes.empty())
                    break;
            }
            std::vector<double> values;
            std::string error;
            const bool ours = od::rpc::readOutlierValues(bytes, values, nullptr, error);
            pb::OutliersRequest parsed;
            // Whatever protobuf reads, the reader reads the same; it may accept more (it does
            // not look inside names or times), never less.
            if (parsed.ParseFromString(bytes)) {
                QVERIFY2(ours, error.c_str());
                QVERIFY(sameBits(values, parsedValues(parsed)));
                ++agreed;
            } else if (!ours) {
                QVERIFY(!error.empty());
            }
        }
        QVERIFY(agreed > 0);
    }
};

QTEST_APPLESS_MAIN(TestOutliersWire)
#include "tst_outlierswire.moc"
