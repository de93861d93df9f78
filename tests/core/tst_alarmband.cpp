// AlarmBandReplay (core/detect/alarm_band.h): alarm's band worked out again for a run of points
// is the band the detection judged against, to the bit (signed zeros, infinities and NaN bands
// included), for any run: at the series' start, in warm-up, across the memory's block edges,
// after NaN gaps longer than a chunk of its counts, past the points judged; a detection grown
// piece by piece replays as one made at once; and a chart of the replayed band draws the same
// columns as one of the band kept at every point.

#include "core/detect/alarm.h"
#include "core/plot/band_envelope.h"

#include "alarm_test_series.h"
#include "band_replay_checks.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace {

using bitstest::sameBitsOrNaN;

using alarmtest::kNaN;
using alarmtest::series;
using alarmtest::Shape;
using alarmtest::Values;

} // namespace

class TestAlarmBand : public QObject
{
    Q_OBJECT

private slots:
    void replayIsTheBandJudged_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("memory");
        QTest::addColumn<int>("period");
        QTest::addColumn<int>("points");
        QTest::newRow("noise, default memory") << int(Shape::Noise) << 4000 << 0 << 40'000;
        QTest::newRow("noise, a period longer than the warm-up") << int(Shape::Noise) << 4000 << 1440 << 40'000;
        QTest::newRow("noise, a period longer than the memory") << int(Shape::Noise) << 500 << 900 << 20'000;
        QTest::newRow("signed zeros, memory 8") << int(Shape::Zeros) << 8 << 0 << 5'000;
        QTest::newRow("signed zeros, memory 300") << int(Shape::Zeros) << 300 << 0 << 20'000;
        QTest::newRow("signed zeros, memory 4000") << int(Shape::Zeros) << 4000 << 0 << 40'000;
        QTest::newRow("gaps, memory 50") << int(Shape::LongGaps) << 50 << 0 << 30'000;
        QTest::newRow("gaps, default memory") << int(Shape::LongGaps) << 4000 << 0 << 60'000;
        QTest::newRow("gaps, a period") << int(Shape::LongGaps) << 1000 << 400 << 30'000;
        QTest::newRow("signed zeros and gaps, memory 300") << int(Shape::ZerosAndLongGaps) << 300 << 0 << 40'000;
        QTest::newRow("signed zeros and gaps, memory 2000") << int(Shape::ZerosAndLongGaps) << 2000 << 0 << 60'000;
        QTest::newRow("infinities") << int(Shape::Infinities) << 200 << 0 << 30'000;
        QTest::newRow("shorter than the warm-up") << int(Shape::Noise) << 4000 << 0 << 250;
        QTest::newRow("shorter than the memory") << int(Shape::Zeros) << 4000 << 0 << 3'000;
    }

    // Random runs, and the runs whose edges are where a replay could go wrong: the series' ends,
    // the memory's block edges and one either side, runs of one point, runs past the end.
    void replayIsTheBandJudged()
    {
        QFETCH(int, shape);
        QFETCH(int, memory);
        QFETCH(int, period);
        QFETCH(int, points);
        const Values values = series(Shape(shape), unsigned(memory + period + points), std::size_t(points));
        const od::AlarmSettings settings { std::size_t(memory), 1.3, std::size_t(period) };
        const od::Detection kept = od::alarm(values, settings, od::BandDetail::PerPoint);
        const od::Detection replayed = od::alarm(values, settings, od::BandDetail::Replayed);
        QVERIFY(replayed.bandLower.empty() && replayed.bandUpper.empty() && replayed.bandReplay);
        // The same flags, scores and reasons, and the same blocks for drawing whole columns.
        QCOMPARE(replayed.indices, kept.indices);
        QCOMPARE(replayed.reasons, kept.reasons);
        QVERIFY(replayed.scores.size() == kept.scores.size()
            && std::equal(replayed.scores.begin(), replayed.scores.end(), kept.scores.begin(),
                [](double a, double b) { return sameBitsOrNaN(a, b); }));
        const QString blocks = bandtest::blocksMismatch(replayed, kept);
        QVERIFY2(blocks.isEmpty(), qPrintable(blocks));
        // The band is not trivially NaN: most values past the warm-up have one.
        const std::size_t n = values.size();
        const auto notNaN = [](double x) { return !std::isnan(x); };
        const auto banded = std::count_if(kept.bandLower.begin(), kept.bandLower.end(), notNaN);
        QVERIFY(n < 300 || banded > std::count_if(values.begin(), values.end(), notNaN) / 2);

        // Restarts at the memory's block edges.
        std::mt19937 rng { unsigned(points) };
        const auto runs
            = bandtest::edgeAndRandomRuns(n, std::size_t(memory), std::size_t(memory) * 3 + 1, 200, 3000, rng);
        for (const auto& [begin, end] : runs) {
            const QString where = bandtest::fillMismatch(replayed, kept, values, begin, end);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }

        // At scattered points, as a report asks at its flags: the flags, random points far
        // apart, near each other and next to each other (repeats among them), the ends.
        for (const std::vector<std::size_t>& at : bandtest::scatteredPoints(kept, n, 9000, 700, rng)) {
            const QString where = bandtest::fillAtMismatch(replayed, kept, values, at);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }
    }

    // A followed file: each extend() adds the new points to the replay, the copy kept from before
    // still replays only what it judged, and the grown detection replays as one made at once.
    void grownPieceByPieceReplaysAsOne()
    {
        const Values values = series(Shape::ZerosAndLongGaps, 7, 50'000);
        const od::AlarmSettings settings { 1000, 1.3, 0 };
        od::AlarmRun run(settings, od::BandDetail::Replayed);
        od::Detection d = run.start();
        std::mt19937 rng(3);
        std::size_t judged = 0;
        while (judged < values.size()) {
            const od::Detection before = d;
            judged = std::min(values.size(), judged + std::uniform_int_distribution<std::size_t>(1, 9000)(rng));
            run.extend(std::span<const double>(values).first(judged), d);
            const Values prefix(values.begin(), values.begin() + std::ptrdiff_t(judged));
            const od::Detection kept = od::alarm(prefix, settings, od::BandDetail::PerPoint);
            QCOMPARE(d.indices, kept.indices);
            // Handed the whole file, it replays the points it judged and nothing after.
            const std::size_t from = judged > 6000 ? judged - 6000 : 0;
            QString where = bandtest::fillMismatch(d, kept, values, from, std::min(values.size(), judged + 100));
            QVERIFY2(where.isEmpty(), qPrintable(where));
            if (before.bandReplay) {
                const od::Detection keptBefore = od::alarm(
                    Values(values.begin(), values.begin() + std::ptrdiff_t(before.bandBlocks.points)), settings);
                where = bandtest::fillMismatch(before, keptBefore, values, 0, judged);
                QVERIFY2(where.isEmpty(), qPrintable(where));
            }
        }
    }

    // Zoomed in, fewer points a column than a block: the replayed band draws what the band kept
    // at every point draws; zoomed out, both draw from the same blocks.
    void chartOfTheReplayIsTheChartOfTheBand()
    {
        const Values values = series(Shape::LongGaps, 11, 120'000);
        const od::AlarmSettings settings { 4000, 1.3, 1440 };
        const od::Detection kept = od::alarm(values, settings, od::BandDetail::PerPoint);
        const od::Detection replayed = od::alarm(values, settings, od::BandDetail::Replayed);
        for (const auto& [begin, end, columns] :
            { std::tuple<std::size_t, std::size_t, int> { 0, 120'000, 1200 }, { 50'000, 60'000, 1200 },
                { 50'000, 50'300, 1200 }, { 0, 700, 300 }, { 8191, 8192, 10 }, { 119'000, 120'000, 2 } }) {
            const auto a = od::bandEnvelope(kept, {}, begin, end, columns);
            const auto b = od::bandEnvelope(replayed, values, begin, end, columns);
            QCOMPARE(a.size(), b.size());
            for (std::size_t k = 0; k < a.size(); ++k) {
                QVERIFY(a[k].first == b[k].first && a[k].at == b[k].at && a[k].last == b[k].last);
                QVERIFY(sameBitsOrNaN(a[k].lower, b[k].lower) && sameBitsOrNaN(a[k].upper, b[k].upper));
            }
        }
        // Without the values (a caller that has none), columns narrower than a block fall back
        // to the blocks: every column the points' band draws is drawn, no narrower (and columns
        // of NaN points in a block with a band are drawn too).
        const auto fromBlocks = od::bandEnvelope(replayed, {}, 50'000, 50'300, 1200);
        const auto fromPoints = od::bandEnvelope(kept, {}, 50'000, 50'300, 1200);
        QVERIFY(!fromPoints.empty() && fromBlocks.size() >= fromPoints.size());
        for (const od::BandColumn& column : fromPoints) {
            const auto same = std::find_if(fromBlocks.begin(), fromBlocks.end(),
                [&](const od::BandColumn& c) { return c.first == column.first && c.last == column.last; });
            QVERIFY(same != fromBlocks.end());
            QVERIFY(same->lower <= column.lower && same->upper >= column.upper);
        }
    }
};

QTEST_MAIN(TestAlarmBand)
#include "tst_alarmband.moc"
