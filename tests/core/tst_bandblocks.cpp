// The band kept as blocks (core/band_blocks.h) and drawn as its envelope per column
// (core/plot/band_envelope.h): blocks made in pieces are the blocks made at once; a detection
// that keeps only the blocks flags, scores, explains and groups into incidents exactly as one
// that keeps the band at every point, for every method; every point's band lies inside the
// band drawn for its column, and a chart with only the blocks draws the same columns as one
// with the per-point band too.

#include "core/band_blocks.h"
#include "core/detect/alarm.h"
#include "core/detect/detector.h"
#include "core/plot/band_envelope.h"
#include "core/report/incidents.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using bitstest::sameBitsOrNaN;

using Values = std::vector<double>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

bool sameBitsOrNaN(const Values& a, const Values& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!sameBitsOrNaN(a[i], b[i]))
            return false;
    }
    return true;
}

// Minute data over some weeks: a daily cycle, noise, spikes, a level shift, a few gaps.
struct Data
{
    Values values;
    std::vector<std::int64_t> times;
};

Data cycleWithSpikes(std::size_t n)
{
    std::mt19937 rng(18);
    std::normal_distribution<double> noise(0, 3);
    Data d;
    for (std::size_t i = 0; i < n; ++i) {
        const double day = std::sin(2 * M_PI * double(i) / 1440);
        double v = 200 + 50 * day + noise(rng) + (i > n * 2 / 3 ? 40 : 0);
        if (i % 4111 == 3000)
            v += 300;
        if (i % 2503 == 17)
            v = kNaN;
        d.values.push_back(v);
        d.times.push_back((1'700'000'000 + std::int64_t(i) * 60) * 1'000'000'000LL);
    }
    return d;
}

bool sameIncidents(const std::vector<od::Incident>& a, const std::vector<od::Incident>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto &x = a[i], &y = b[i];
        if (x.startIndex != y.startIndex || x.endIndex != y.endIndex || x.peakIndex != y.peakIndex
            || !sameBitsOrNaN(x.peakValue, y.peakValue) || !sameBitsOrNaN(x.peakScore, y.peakScore)
            || x.points != y.points || x.startTime != y.startTime || x.endTime != y.endTime)
            return false;
    }
    return true;
}

// The band per point (NaN, NaN where there is none), as the chart reads it.
std::pair<double, double> bandAt(const od::Detection& d, std::size_t i)
{
    if (std::isnan(d.bandLower[i]) || std::isnan(d.bandUpper[i]))
        return { kNaN, kNaN };
    return { d.bandLower[i], d.bandUpper[i] };
}

} // namespace

class TestBandBlocks : public QObject
{
    Q_OBJECT

private slots:
    void piecesMakeTheSameBlocks()
    {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(-10, 10);
        Values lower(10'000), upper(10'000);
        for (std::size_t i = 0; i < lower.size(); ++i) {
            lower[i] = u(rng);
            upper[i] = lower[i] + 5;
            if (i % 97 == 3 || (i >= 640 && i < 768)) // single holes and two blocks without a band
                lower[i] = kNaN;
            if (i % 89 == 5)
                upper[i] = kNaN;
        }
        const od::BandBlocks whole = od::bandBlocksOf(lower, upper);
        QCOMPARE(whole.points, lower.size());
        QCOMPARE(whole.lower.size(), (lower.size() + 63) / 64);
        // Each block from its points, by hand.
        for (std::size_t b = 0; b < whole.lower.size(); ++b) {
            double lo = kNaN, hi = kNaN;
            for (std::size_t i = b * 64; i < std::min(lower.size(), b * 64 + 64); ++i) {
                if (std::isnan(lower[i]) || std::isnan(upper[i]))
                    continue;
                lo = std::isnan(lo) ? lower[i] : std::min(lo, lower[i]);
                hi = std::isnan(hi) ? upper[i] : std::max(hi, upper[i]);
            }
            QVERIFY2(
                sameBitsOrNaN(whole.lower[b], lo) && sameBitsOrNaN(whole.upper[b], hi), qPrintable(QString::number(b)));
        }
        QVERIFY(std::isnan(whole.lower[10]) && std::isnan(whole.upper[11]));
        for (const std::size_t piece : { 1, 7, 63, 64, 65, 1000 }) {
            od::BandBlocks pieces;
            for (std::size_t at = 0; at < lower.size(); at += piece) {
                const std::size_t n = std::min(piece, lower.size() - at);
                pieces.append(lower.data() + at, upper.data() + at, n);
            }
            QCOMPARE(pieces.points, whole.points);
            QVERIFY(sameBitsOrNaN(pieces.lower, whole.lower));
            QVERIFY(sameBitsOrNaN(pieces.upper, whole.upper));
        }
        const auto [lo, hi] = whole.over(10, 12);
        QVERIFY(std::isnan(lo) && std::isnan(hi));
    }

    void blocksOnlyDetectsTheSame_data()
    {
        QTest::addColumn<QString>("method");
        for (const auto& m : od::methods())
            QTest::newRow(m.name.c_str()) << QString::fromStdString(m.name);
    }

    void blocksOnlyDetectsTheSame()
    {
        QFETCH(QString, method);
        const Data data = cycleWithSpikes(60'000);
        const od::DetectorParams params = od::defaultParams(method.toStdString());
        const auto full = od::detect(data.values, data.times, params);
        const auto blocks = od::detect(data.values, data.times, params, od::BandDetail::Blocks);
        QVERIFY(full.ok() && blocks.ok());
        QVERIFY(!full->indices.empty());
        QCOMPARE(blocks->indices, full->indices);
        QVERIFY(sameBitsOrNaN(blocks->scores, full->scores));
        QCOMPARE(blocks->reasons, full->reasons);
        QVERIFY(sameBitsOrNaN(blocks->centre, full->centre) && sameBitsOrNaN(blocks->lower, full->lower)
            && sameBitsOrNaN(blocks->upper, full->upper));
        const auto rule = od::defaultIncidentRule(data.times);
        const auto fullIncidents = od::groupIncidents(*full, data.values, data.times, rule);
        QVERIFY(!fullIncidents.empty());
        QVERIFY(sameIncidents(od::groupIncidents(*blocks, data.values, data.times, rule), fullIncidents));
        if (full->bandLower.empty()) {
            // A global rule: a constant band, no blocks either way.
            QVERIFY(full->bandBlocks.empty() && blocks->bandBlocks.empty());
            return;
        }
        // The per-point band gone, its blocks as made from it.
        QVERIFY(blocks->bandLower.empty() && blocks->bandUpper.empty() && blocks->bandCentre.empty());
        QVERIFY(!blocks->hasBandPerPoint());
        const od::BandBlocks expected = od::bandBlocksOf(full->bandLower, full->bandUpper);
        QCOMPARE(full->bandBlocks.points, data.values.size());
        QVERIFY(sameBitsOrNaN(full->bandBlocks.lower, expected.lower)
            && sameBitsOrNaN(full->bandBlocks.upper, expected.upper));
        QCOMPARE(blocks->bandBlocks.points, expected.points);
        QVERIFY(sameBitsOrNaN(blocks->bandBlocks.lower, expected.lower));
        QVERIFY(sameBitsOrNaN(blocks->bandBlocks.upper, expected.upper));
    }

    void alarmKeepsNoBandPerPoint()
    {
        const Data data = cycleWithSpikes(100'000);
        const auto d = od::detect(data.values, data.times, od::defaultParams("alarm"), od::BandDetail::Blocks);
        QVERIFY(d.ok());
        QCOMPARE(d->bandLower.capacity(), 0u);
        QCOMPARE(d->bandUpper.capacity(), 0u);
        QCOMPARE(d->bandBlocks.lower.size(), (data.values.size() + 63) / 64);
    }

    // A followed file: blocks-only runs extended piece by piece equal one run over the whole.
    void alarmRunGrowsItsBlocks()
    {
        const Data data = cycleWithSpikes(50'000);
        const od::AlarmSettings settings { 4000, 1.3, 1440 };
        const od::Detection whole = od::alarm(data.values, settings);
        for (const auto detail : { od::BandDetail::PerPoint, od::BandDetail::Blocks }) {
            od::AlarmRun run(settings, detail);
            od::Detection d = run.start();
            for (const std::size_t end : { 1, 299, 5000, 16'384, 16'400, 40'000, 50'000 })
                run.extend(std::span<const double>(data.values).first(end), d);
            QCOMPARE(d.indices, whole.indices);
            QVERIFY(sameBitsOrNaN(d.scores, whole.scores));
            QCOMPARE(d.reasons, whole.reasons);
            QCOMPARE(d.bandBlocks.points, whole.bandBlocks.points);
            QVERIFY(sameBitsOrNaN(d.bandBlocks.lower, whole.bandBlocks.lower));
            QVERIFY(sameBitsOrNaN(d.bandBlocks.upper, whole.bandBlocks.upper));
            QCOMPARE(d.bandLower.empty(), detail == od::BandDetail::Blocks);
        }
    }

    void everyPointInsideItsColumn_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        QTest::addColumn<int>("columns");
        QTest::newRow("alarm, whole, 1200 columns") << "alarm" << 0 << 200'000 << 1200;
        QTest::newRow("alarm, a part off the blocks' edges") << "alarm" << 10'001 << 150'037 << 977;
        QTest::newRow("rolling, whole, 800 columns") << "rolling" << 0 << 200'000 << 800;
        QTest::newRow("rolling, zoomed in: 3 points a column") << "rolling" << 5000 << 8600 << 1200;
        QTest::newRow("rolling, a point a column") << "rolling" << 5000 << 5900 << 1200;
        QTest::newRow("hampel, a day in 300 columns") << "hampel" << 20'000 << 21'440 << 300;
    }

    // The property the sampled band lacked: wherever a point's band reaches, the band drawn in
    // its column reaches too (a spike of the band inside a column is inside the drawn band).
    void everyPointInsideItsColumn()
    {
        QFETCH(QString, method);
        QFETCH(int, begin);
        QFETCH(int, end);
        QFETCH(int, columns);
        const Data data = cycleWithSpikes(200'000);
        const auto d = od::detect(data.values, data.times, od::defaultParams(method.toStdString()));
        QVERIFY(d.ok());
        const auto drawn = od::bandEnvelope(*d, {}, std::size_t(begin), std::size_t(end), columns);
        QVERIFY(drawn.size() >= std::min(std::size_t(columns), std::size_t(end - begin)) * 9 / 10);
        QVERIFY(drawn.size() <= std::size_t(end - begin));
        // The columns in order, each inside the range asked for; every point with a band is in
        // one, and its band inside the column's.
        std::size_t banded = 0, next = std::size_t(begin);
        for (const od::BandColumn& column : drawn) {
            QVERIFY(column.first >= next && column.first <= column.at && column.at <= column.last);
            QVERIFY(column.last < std::size_t(end));
            for (; next < column.first; ++next) // between columns: points without a band
                QVERIFY(std::isnan(bandAt(*d, next).first));
            for (; next <= column.last; ++next) {
                const auto [lo, hi] = bandAt(*d, next);
                if (std::isnan(lo))
                    continue;
                ++banded;
                QVERIFY2(column.lower <= lo && hi <= column.upper,
                    qPrintable(
                        QStringLiteral("point %1, column [%2, %3]").arg(next).arg(column.first).arg(column.last)));
            }
        }
        for (; next < std::size_t(end); ++next)
            QVERIFY(std::isnan(bandAt(*d, next).first));
        QVERIFY(banded > std::size_t(end - begin) / 2);
        // And no wider than the points of its own blocks: each column's bounds are the bounds of
        // some point of the blocks it reaches into.
        for (const od::BandColumn& column : drawn) {
            bool lowSeen = false, highSeen = false;
            const std::size_t from = column.first / 64 * 64, to = (column.last / 64 + 1) * 64;
            for (std::size_t i = from; i < std::min(data.values.size(), to); ++i) {
                const auto [lo, hi] = bandAt(*d, i);
                lowSeen = lowSeen || lo == column.lower;
                highSeen = highSeen || hi == column.upper;
            }
            QVERIFY(lowSeen && highSeen);
        }
    }

    // Many points a column: the blocks alone (outlierctl render) draw what the per-point band
    // and its blocks draw (the app), the same columns to the bit.
    void blocksAloneDrawTheSame()
    {
        const Data data = cycleWithSpikes(200'000);
        const auto params = od::defaultParams("alarm");
        const auto full = od::detect(data.values, data.times, params);
        const auto blocks = od::detect(data.values, data.times, params, od::BandDetail::Blocks);
        QVERIFY(full.ok() && blocks.ok());
        for (const auto& [begin, end, columns] : { std::tuple { 0, 200'000, 1200 }, { 3, 199'999, 1000 },
                 { 10'000, 90'000, 1250 }, { 77, 64 * 50 + 77, 50 } }) {
            const auto a = od::bandEnvelope(*full, {}, begin, end, columns);
            const auto b = od::bandEnvelope(*blocks, {}, begin, end, columns);
            QCOMPARE(a.size(), b.size());
            for (std::size_t k = 0; k < a.size(); ++k) {
                QVERIFY(a[k].first == b[k].first && a[k].at == b[k].at && a[k].last == b[k].last);
                QVERIFY(sameBitsOrNaN(a[k].lower, b[k].lower) && sameBitsOrNaN(a[k].upper, b[k].upper));
            }
        }
    }

    // A point per column (zoomed all the way in): each point's own band, where it has one.
    void aPointAColumnIsThePoint()
    {
        const Data data = cycleWithSpikes(20'000);
        const auto d = od::detect(data.values, data.times, od::defaultParams("rolling"));
        QVERIFY(d.ok());
        const auto drawn = od::bandEnvelope(*d, {}, 1000, 1500, 1200);
        std::size_t k = 0;
        for (std::size_t i = 1000; i < 1500; ++i) {
            const auto [lo, hi] = bandAt(*d, i);
            if (std::isnan(lo))
                continue;
            QVERIFY(k < drawn.size());
            QCOMPARE(drawn[k].at, i);
            QVERIFY(drawn[k].first == i && drawn[k].last == i);
            QVERIFY(sameBitsOrNaN(drawn[k].lower, lo) && sameBitsOrNaN(drawn[k].upper, hi));
            ++k;
        }
        QCOMPARE(k, drawn.size());
        QVERIFY(od::bandEnvelope(*d, {}, 5, 5, 100).empty());
        QVERIFY(od::bandEnvelope(od::Detection {}, {}, 0, 100, 10).empty());
    }
};

QTEST_MAIN(TestBandBlocks)
#include "tst_bandblocks.moc"
