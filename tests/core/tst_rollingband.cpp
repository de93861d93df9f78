// The band of rolling, rolling-mad and hampel worked out again for a run of points
// (RollingBandReplay, HampelBandReplay) is the band each detection judged against, to the bit
// (signed zeros included), for any run: at the start,
// across the rolling sums' fresh starts, after NaN gaps longer than a chunk of the counts, past
// the points judged. A detection that keeps no per-point band (Blocks, Replayed) has the same
// flags, scores, centres, why texts and blocks as one that does.

#include "core/detect/detector.h"
#include "core/detect/hampel.h"
#include "core/detect/hampel_window.h"
#include "core/detect/rolling.h"
#include "core/report/explain.h"

#include "alarm_test_series.h"
#include "band_replay_checks.h"
#include "same_bits.h"

#include <QTest>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using alarmtest::kNaN;
using alarmtest::series;
using alarmtest::Shape;
using alarmtest::Values;
using bitstest::sameBitsOrNaN;

enum class Rule { Rolling, RollingMad, Hampel };

od::Detection run(Rule rule, const Values& values, int window, od::BandDetail detail)
{
    const auto w = std::size_t(window);
    switch (rule) {
    case Rule::Rolling:
        return od::rolling(values, w, 3.0, detail);
    case Rule::RollingMad:
        return od::rollingMad(values, w, 3.0, detail);
    case Rule::Hampel:
        break;
    }
    return od::hampel(values, w, 2.5, detail);
}

// Small integers about 0, their zeros of either sign, and (gaps) NaN runs now and then longer
// than a chunk of the counts: windows that hold -0 and +0 together and still have a spread.
constexpr int kSmallIntegers = -1, kSmallIntegersAndGaps = -2;
Values smallIntegers(unsigned seed, std::size_t n, bool gaps)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0, 1.5);
    std::uniform_real_distribution<double> unit(0, 1);
    Values v;
    while (v.size() < n) {
        const double x = std::round(normal(rng));
        v.push_back(x == 0 && unit(rng) < 0.5 ? -0.0 : x == 0 ? 0.0 : x);
        if (gaps && unit(rng) < 0.0005)
            v.insert(v.end(), std::size_t(unit(rng) < 0.3 ? 4096 + unit(rng) * 2000 : 1 + unit(rng) * 80), kNaN);
    }
    v.resize(n);
    return v;
}

Values testSeries(int shape, unsigned seed, std::size_t n)
{
    if (shape == kSmallIntegers || shape == kSmallIntegersAndGaps)
        return smallIntegers(seed, n, shape == kSmallIntegersAndGaps);
    return series(Shape(shape), seed, n);
}

} // namespace

class TestRollingBand : public QObject
{
    Q_OBJECT

private slots:
    void replayIsTheBandJudged_data()
    {
        QTest::addColumn<int>("rule");
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("points");
        const std::pair<Rule, const char*> rules[]
            = { { Rule::Rolling, "rolling" }, { Rule::RollingMad, "rolling-mad" }, { Rule::Hampel, "hampel" } };
        for (const auto& ruleAndName : rules) {
            // (not a structured binding: the lambda captures it, which clang 14 refuses)
            const Rule rule = ruleAndName.first;
            const char* const name = ruleAndName.second;
            const auto row = [&](const char* what, auto shape, int window, int points) {
                QTest::addRow("%s, %s, window %d", name, what, window) << int(rule) << int(shape) << window << points;
            };
            row("noise", Shape::Noise, 2, 5'000);
            row("noise", Shape::Noise, 30, 30'000);
            row("noise", Shape::Noise, 257, 30'000);
            row("small integers, signed zeros", kSmallIntegers, 7, 10'000);
            row("small integers, signed zeros and gaps", kSmallIntegersAndGaps, 30, 40'000);
            row("gaps", Shape::LongGaps, 30, 40'000);
            row("gaps", Shape::LongGaps, 1000, 40'000);
            row("infinities", Shape::Infinities, 50, 20'000);
            row("shorter than the window", Shape::Noise, 100, 60);
        }
    }

    // Runs at the ends, at and around the rolling sums' fresh starts (every window values from
    // the 2 window - 1-th), random runs and runs past the end; and at scattered points as a
    // report asks at its flags.
    void replayIsTheBandJudged()
    {
        QFETCH(int, rule);
        QFETCH(int, shape);
        QFETCH(int, window);
        QFETCH(int, points);
        const Values values = testSeries(shape, unsigned(rule * 1000 + window + points), std::size_t(points));
        const od::Detection kept = run(Rule(rule), values, window, od::BandDetail::PerPoint);
        const od::Detection replayed = run(Rule(rule), values, window, od::BandDetail::Replayed);
        QVERIFY(replayed.bandLower.empty() && replayed.bandUpper.empty() && replayed.bandCentre.empty());
        QVERIFY(replayed.bandReplay);
        // The band is not trivially NaN (on mostly zeros, few windows have a spread to judge by).
        const std::size_t n = values.size();
        const auto banded
            = std::count_if(kept.bandLower.begin(), kept.bandLower.end(), [](double x) { return !std::isnan(x); });
        qInfo("%td of %zu points have a band", banded, n);
        QVERIFY(n < std::size_t(window) || banded >= 100);

        // Restarts at every fresh sum of rolling: from the (2 window - 1)-th value, every window.
        const auto w = std::size_t(window);
        std::mt19937 rng { unsigned(points + window) };
        const auto runs = bandtest::edgeAndRandomRuns(n, 2 * w - 1, w * 3 + 1, 150, 2000, rng);
        for (const auto& [begin, end] : runs) {
            const QString where = bandtest::fillMismatch(replayed, kept, values, begin, end);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }
        for (const std::vector<std::size_t>& at : bandtest::scatteredPoints(kept, n, 5000, 300, rng)) {
            const QString where = bandtest::fillAtMismatch(replayed, kept, values, at);
            QVERIFY2(where.isEmpty(), qPrintable(where));
        }
    }

    // hampel's sorted window gives what copying the window and selecting gives, to the bit:
    // windows of unique values, of repeats, of signed zeros and infinities (worked out by the
    // copy), clipped at both ends, with NaN left out; points visited in order, skipping,
    // jumping back and far ahead.
    void hampelWindowIsTheCopyAndSelect_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addColumn<int>("halfWidth");
        QTest::addRow("noise, h 1") << int(Shape::Noise) << 1;
        QTest::addRow("noise, h 7") << int(Shape::Noise) << 7;
        QTest::addRow("noise, h 100") << int(Shape::Noise) << 100;
        QTest::addRow("small integers, h 2") << kSmallIntegers << 2;
        QTest::addRow("small integers and gaps, h 7") << kSmallIntegersAndGaps << 7;
        QTest::addRow("gaps, h 30") << int(Shape::LongGaps) << 30;
        QTest::addRow("infinities, h 5") << int(Shape::Infinities) << 5;
    }

    void hampelWindowIsTheCopyAndSelect()
    {
        QFETCH(int, shape);
        QFETCH(int, halfWidth);
        Values values = testSeries(shape, unsigned(halfWidth + 17), 20'000);
        // Repeated values that are not zero: ties the sorted order must place as the copy does.
        for (std::size_t i = 500; i < 600; ++i)
            values[i] = 7.25;
        const auto h = std::size_t(halfWidth);
        std::vector<double> scratch;
        std::mt19937 rng(unsigned(shape + 100));
        for (const int pattern : { 0, 1, 2 }) {
            od::HampelWindow window(values, values.size(), h);
            std::size_t i = 0;
            for (int step = 0; step < 20'000 && i < values.size(); ++step) {
                if (!std::isnan(values[i])) {
                    const od::HampelBand fast = window.at(i);
                    const od::HampelBand copy = od::hampelBandByCopy(values, values.size(), i, h, scratch);
                    if (!sameBitsOrNaN(fast.median, copy.median) || !sameBitsOrNaN(fast.sigma, copy.sigma))
                        QFAIL(qPrintable(QStringLiteral("pattern %1, point %2: median %3 / %4, sigma %5 / %6")
                                             .arg(pattern)
                                             .arg(i)
                                             .arg(fast.median, 0, 'g', 17)
                                             .arg(copy.median, 0, 'g', 17)
                                             .arg(fast.sigma, 0, 'g', 17)
                                             .arg(copy.sigma, 0, 'g', 17)));
                }
                // 0: every point; 1: skips of up to three windows; 2: back and forth.
                const std::size_t skip
                    = pattern == 0 ? 1 : std::uniform_int_distribution<std::size_t>(1, 6 * h + 2)(rng);
                i = pattern == 2 && step % 3 == 2 ? (i > skip ? i - skip : 0) : i + skip;
            }
        }
    }

    // What the app and the reports read of a detection without a per-point band: the same flags,
    // scores, centres and why texts, and the same blocks to draw from; and a series grown since
    // (a followed file) replays only the points judged.
    void withoutThePerPointBandNothingReadChanges_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("shape");
        for (const char* method : { "rolling", "rolling-mad", "hampel" }) {
            QTest::addRow("%s, gaps", method) << QString(method) << int(Shape::LongGaps);
            QTest::addRow("%s, small integers", method) << QString(method) << kSmallIntegersAndGaps;
        }
    }

    void withoutThePerPointBandNothingReadChanges()
    {
        QFETCH(QString, method);
        QFETCH(int, shape);
        const Values values = testSeries(shape, 5, 30'000);
        const od::DetectorParams params = od::defaultParams(method.toStdString());
        const auto kept = od::detect(values, {}, params, od::BandDetail::PerPoint);
        QVERIFY(kept && !kept->indices.empty() && kept->hasBandPerPoint());
        for (const od::BandDetail detail : { od::BandDetail::Blocks, od::BandDetail::Replayed }) {
            const auto d = od::detect(values, {}, params, detail);
            QVERIFY(d);
            QVERIFY(!d->hasBandPerPoint() && d->bandLower.empty() && d->bandCentre.empty());
            QCOMPARE(bool(d->bandReplay), detail == od::BandDetail::Replayed);
            const QString where = bandtest::withoutBandMismatch(*d, *kept, values);
            QVERIFY2(where.isEmpty(), qPrintable(where));
            // An unflagged point has no centre kept: the constant one (NaN for these rules).
            QVERIFY(std::isnan(d->centreAt(d->indices.front() + 1 == values.size() ? 0 : d->indices.front() + 1))
                || std::binary_search(d->indices.begin(), d->indices.end(), d->indices.front() + 1));
        }

        // Judged on the first 20,000 points, handed the series grown to 30,000: the band at the
        // points judged (for hampel, windows still clipped where the series ended then), NaN after.
        const Values first(values.begin(), values.begin() + 20'000);
        const auto early = od::detect(first, {}, params, od::BandDetail::Replayed);
        const auto earlyKept = od::detect(first, {}, params, od::BandDetail::PerPoint);
        QVERIFY(early && earlyKept);
        const QString where = bandtest::fillMismatch(*early, *earlyKept, values, 19'900, 20'100);
        QVERIFY2(where.isEmpty(), qPrintable(where));
        // Past the points judged: NaN, whatever the grown series holds there.
        const auto held = std::find_if(values.begin() + 20'000, values.end(), [](double x) { return !std::isnan(x); });
        QVERIFY(held != values.end());
        const auto at = std::size_t(held - values.begin());
        double lower = 0, upper = 0;
        early->bandReplay->fill(values, at, at + 1, &lower, &upper);
        QVERIFY(std::isnan(lower) && std::isnan(upper));
    }
};

QTEST_APPLESS_MAIN(TestRollingBand)
#include "tst_rollingband.moc"
