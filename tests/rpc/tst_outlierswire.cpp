// The pb.OutliersRequest wire reader against protobuf's own parser: the same values and times
// for every message protobuf reads, whatever the field order, repetitions or unknown fields,
// and an error (never a crash) for bytes that are not a message.

#include "rpc/outliers_wire.h"

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
