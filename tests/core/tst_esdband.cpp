// esd's band worked out again from its seasonal values, one per phase (EsdBandReplay), is the
// band the detection judged against, to the bit, for any run and at any points: with a period
// given or inferred from the times, none at all, each direction, NaN gaps and points past those
// judged. A detection that keeps no per-point band (Blocks, Replayed) has the same flags,
// scores, centres, why texts and blocks as one that does.

#include "core/detect/detector.h"
#include "core/detect/esd.h"

#include "alarm_test_series.h"
#include "band_replay_checks.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using alarmtest::kNaN;
using alarmtest::Values;

constexpr std::int64_t kFiveMinutes = 300'000'000'000LL; // nanoseconds

// Days of five-minute samples: a daily cycle, noise, spikes both ways and, with gaps, NaN runs
// (one longer than a day) and ten phases missing from every day (a nightly outage: the seasonal
// smoothing then averages phases some of which have no value); times to infer the period from.
struct Seasonal
{
    Values values;
    std::vector<std::int64_t> times;
};
Seasonal seasonal(unsigned seed, std::size_t n, bool gaps)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0, 2);
    std::uniform_real_distribution<double> unit(0, 1);
    Seasonal s;
    for (std::size_t i = 0; i < n; ++i) {
        double x = 100 + 40 * std::sin(2 * M_PI * static_cast<double>(i % 288) / 288) + normal(rng);
        const double r = unit(rng);
        if (r < 0.003)
            x += (unit(rng) < 0.5 ? -1 : 1) * (30 + 60 * unit(rng));
        if (gaps && (r > 0.998 || (i >= 2000 && i < 2400) || (i % 288 >= 20 && i % 288 < 30)))
            x = kNaN;
        s.values.push_back(x);
        s.times.push_back(static_cast<std::int64_t>(i) * kFiveMinutes);
    }
    return s;
}

od::DetectorParams esdParams(int period, od::Direction direction)
{
    od::DetectorParams p = od::defaultParams("esd");
    p.period = period;
    p.direction = direction;
    return p;
}

} // namespace

class TestEsdBand : public QObject
{
    Q_OBJECT

private slots:
    void replayIsTheBandJudged_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("period"); // 0: inferred from the times
        QTest::addColumn<bool>("withTimes");
        QTest::addColumn<int>("direction");
        QTest::addColumn<bool>("gaps");
        QTest::addRow("inferred daily period") << 5000 << 0 << true << int(od::Direction::Both) << false;
        QTest::addRow("inferred, gaps") << 5000 << 0 << true << int(od::Direction::Both) << true;
        QTest::addRow("given period 288, up") << 4000 << 288 << false << int(od::Direction::Up) << true;
        QTest::addRow("given period 100, down") << 3000 << 100 << false << int(od::Direction::Down) << false;
        QTest::addRow("given period 7") << 2000 << 7 << false << int(od::Direction::Both) << true;
        QTest::addRow("no period: no times") << 3000 << 0 << false << int(od::Direction::Both) << true;
        QTest::addRow("shorter than two periods") << 500 << 288 << false << int(od::Direction::Both) << false;
    }

    void replayIsTheBandJudged()
    {
        QFETCH(int, points);
        QFETCH(int, period);
        QFETCH(bool, withTimes);
        QFETCH(int, direction);
        QFETCH(bool, gaps);
        const Seasonal s = seasonal(unsigned(points + period), std::size_t(points), gaps);
        const std::vector<std::int64_t> none;
        const auto& times = withTimes ? s.times : none;
        const od::DetectorParams p = esdParams(period, od::Direction(direction));
        const auto kept = od::detect(s.values, times, p, od::BandDetail::PerPoint);
        const auto replayed = od::detect(s.values, times, p, od::BandDetail::Replayed);
        QVERIFY(kept && replayed);
        QVERIFY(kept->hasBandPerPoint());
        QVERIFY(replayed->bandLower.empty() && replayed->bandUpper.empty() && replayed->bandCentre.empty());
        QVERIFY(replayed->bandReplay);
        // The band is there, on the sides the direction tests, and follows the cycle where
        // there is one: its centre is not one constant.
        const std::size_t n = s.values.size();
        QVERIFY(std::isnan(kept->bandLower[n / 2]) == (od::Direction(direction) == od::Direction::Up));
        QVERIFY(std::isnan(kept->bandUpper[n / 2]) == (od::Direction(direction) == od::Direction::Down));
        const bool cycles = (period >= 2 || withTimes) && n >= 2 * std::size_t(period ? period : 288);
        QCOMPARE(kept->centreAt(0) != kept->centreAt(std::size_t(period ? period : 288) / 4), cycles);
        // Judged against the right cycle, the spikes stand out (against none or a wrong one,
        // the cycle's swing hides them: no flag, still a band).
        if (cycles && (period == 0 || period == 288))
            QVERIFY(kept->indices.size() >= 5);

        std::mt19937 rng { unsigned(points) };
        const std::size_t step = std::size_t(period ? period : 288);
        for (const auto& [begin, end] : bandtest::edgeAndRandomRuns(n, step, step, 100, 1500, rng)) {
            const QString where = bandtest::fillMismatch(*replayed, *kept, s.values, begin, end);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }
        for (const std::vector<std::size_t>& at : bandtest::scatteredPoints(*kept, n, 700, 40, rng)) {
            const QString where = bandtest::fillAtMismatch(*replayed, *kept, s.values, at);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }
    }

    void withoutThePerPointBandNothingReadChanges_data()
    {
        QTest::addColumn<int>("direction");
        QTest::newRow("both") << int(od::Direction::Both);
        QTest::newRow("up") << int(od::Direction::Up);
        QTest::newRow("down") << int(od::Direction::Down);
    }

    void withoutThePerPointBandNothingReadChanges()
    {
        QFETCH(int, direction);
        const Seasonal s = seasonal(9, 6000, true);
        const od::DetectorParams p = esdParams(0, od::Direction(direction));
        const auto kept = od::detect(s.values, s.times, p, od::BandDetail::PerPoint);
        QVERIFY(kept && !kept->indices.empty() && kept->hasBandPerPoint());
        for (const od::BandDetail detail : { od::BandDetail::Blocks, od::BandDetail::Replayed }) {
            const auto d = od::detect(s.values, s.times, p, detail);
            QVERIFY(d);
            QVERIFY(!d->hasBandPerPoint() && d->bandLower.empty() && d->bandCentre.empty());
            QCOMPARE(bool(d->bandReplay), detail == od::BandDetail::Replayed);
            const QString where = bandtest::withoutBandMismatch(*d, *kept, s.values);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }

        // Judged on the first 4,000 points, handed the series grown to 6,000: the band of the
        // points judged, NaN after.
        const Values first(s.values.begin(), s.values.begin() + 4000);
        const std::vector<std::int64_t> firstTimes(s.times.begin(), s.times.begin() + 4000);
        const auto early = od::detect(first, firstTimes, p, od::BandDetail::Replayed);
        const auto earlyKept = od::detect(first, firstTimes, p, od::BandDetail::PerPoint);
        QVERIFY(early && earlyKept);
        const QString where = bandtest::fillMismatch(*early, *earlyKept, s.values, 3900, 4100);
        QVERIFY2(where.isEmpty(), qPrintable(where));
    }

    // Too few values to test: no flags and no band, whatever is asked.
    void tooFewValuesHaveNoBand()
    {
        const Values values { 1, kNaN, 2 };
        for (const od::BandDetail detail : { od::BandDetail::PerPoint, od::BandDetail::Replayed }) {
            const auto d = od::detect(values, {}, esdParams(0, od::Direction::Both), detail);
            QVERIFY(d && d->indices.empty() && !d->hasBandPerPoint() && !d->bandReplay);
        }
    }
};

QTEST_APPLESS_MAIN(TestEsdBand)
#include "tst_esdband.moc"
