// The "alarm" detector: its sliding extremes against brute force, the whole rule against a
// from-scratch recomputation point for point (real NAB series and hand-made ones with NaN gaps
// and flat stretches), the batch method against the online class, warm-up, the raised bar of a
// young memory, season alignment across gaps, and the words of an alarm.

#include "core/csv/csv_reader.h"
#include "core/detect/alarm.h"
#include "core/detect/alarm_detector.h"
#include "core/detect/detector.h"
#include "core/detect/period.h"
#include "core/kernels/sliding_extreme.h"
#include "core/report/explain.h"

#include <QDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <vector>

namespace {

using Values = std::vector<double>;
using Indices = std::vector<std::size_t>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Noise with spikes, level shifts, NaN gaps, flat stretches and ties.
Values awkwardSeries(unsigned seed, std::size_t n)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0, 3);
    std::uniform_real_distribution<double> unit(0, 1);
    Values v;
    double level = 100;
    while (v.size() < n) {
        const double r = unit(rng);
        if (r < 0.01) {
            v.insert(v.end(), std::size_t(1 + unit(rng) * 6), kNaN);
        } else if (r < 0.013) {
            v.insert(v.end(), std::size_t(5 + unit(rng) * 400), std::round(level)); // some outlast a warm-up
        } else if (r < 0.02) {
            v.push_back(level + (unit(rng) < 0.5 ? -1 : 1) * (20 + unit(rng) * 60));
        } else if (r < 0.021) {
            level += (unit(rng) < 0.5 ? -1 : 1) * 15;
        } else {
            v.push_back(std::round((level + normal(rng)) * 4) / 4);
        }
    }
    v.resize(n);
    return v;
}

// The rule as the header states it, recomputed from the remembered history at every point.
struct BruteAlarm
{
    std::size_t memory;
    double ratio;
    std::size_t period;
    std::deque<double> levels, means, steps, seasonChanges;
    std::deque<double> recent;
    std::vector<double> all; // every pushed value, NaN included, for "one period earlier"
    bool hasPrevious = false;
    double previous = 0;

    static void remember(std::deque<double>& q, double x, std::size_t length)
    {
        q.push_back(x);
        if (q.size() > length)
            q.pop_front();
    }
    bool ready(const std::deque<double>& q, std::size_t length, bool wholePeriod) const
    {
        const std::size_t warmUp
            = wholePeriod ? std::max(od::AlarmDetector::kWarmUp, period) : od::AlarmDetector::kWarmUp;
        return q.size() >= std::min(warmUp, length);
    }
    // A memory still filling raises the bar: the margin (or ratio - 1) times length / held.
    static double youth(const std::deque<double>& q, std::size_t length)
    {
        return static_cast<double>(length) / static_cast<double>(q.size());
    }
    static bool outside(const std::deque<double>& q, std::size_t length, double x, double margin)
    {
        const auto [lo, hi] = std::minmax_element(q.begin(), q.end());
        const double width = *hi - *lo;
        const double m = margin * youth(q, length);
        return x > *hi + m * width || x < *lo - m * width;
    }
    bool bigger(const std::deque<double>& q, std::size_t length, double change) const
    {
        return change > (1 + (ratio - 1) * youth(q, length)) * *std::max_element(q.begin(), q.end());
    }

    bool push(double x)
    {
        all.push_back(x);
        if (std::isnan(x))
            return false;
        const std::size_t meanLength = std::max<std::size_t>(1, memory / 4);
        const std::size_t stepLength = std::max<std::size_t>(1, memory / 8);
        bool alarm = ready(levels, memory, true) && outside(levels, memory, x, od::AlarmDetector::kLevelMargin);
        remember(recent, x, od::AlarmDetector::kShortPoints);
        const bool hasMean = recent.size() == od::AlarmDetector::kShortPoints;
        double mean = 0;
        for (const double r : recent)
            mean += r;
        mean /= static_cast<double>(od::AlarmDetector::kShortPoints);
        if (hasMean && ready(means, meanLength, true))
            alarm = outside(means, meanLength, mean, od::AlarmDetector::kMeanMargin) || alarm;
        const double step = std::fabs(x - previous);
        if (hasPrevious && ready(steps, stepLength, false))
            alarm = bigger(steps, stepLength, step) || alarm;
        const std::size_t n = all.size() - 1; // this point's index
        const bool hasSeason = period > 0 && n >= period && !std::isnan(all[n - period]);
        const double seasonChange = hasSeason ? std::fabs(x - all[n - period]) : 0;
        if (hasSeason && ready(seasonChanges, memory, false))
            alarm = bigger(seasonChanges, memory, seasonChange) || alarm;
        remember(levels, x, memory);
        if (hasMean)
            remember(means, mean, meanLength);
        if (hasPrevious)
            remember(steps, step, stepLength);
        if (hasSeason)
            remember(seasonChanges, seasonChange, memory);
        previous = x;
        hasPrevious = true;
        return alarm;
    }
};

Indices bruteAlarms(const Values& v, std::size_t memory, std::size_t period)
{
    BruteAlarm brute { memory, 1.3, period, {}, {}, {}, {}, {}, {}, false, 0 };
    Indices out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (brute.push(v[i]))
            out.push_back(i);
    }
    return out;
}

// A NAB series by its path under OD_NAB_DIR; nothing when the data is not beside the checkout.
std::optional<od::Series> readNab(const QString& file)
{
    const QDir root(OD_NAB_DIR);
    if (!root.exists())
        return std::nullopt;
    auto r = od::readCsvFile(root.filePath(file).toStdString());
    if (!r.ok())
        qFatal("%s: %s", qPrintable(file), r.error().message.c_str());
    return r->series.at(0);
}

Indices onlineAlarms(const Values& v, const od::AlarmSettings& settings)
{
    od::AlarmDetector online(settings);
    Indices out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (online.push(v[i]).alarm)
            out.push_back(i);
    }
    return out;
}

od::Detection batch(const Values& v, const std::vector<std::int64_t>& times, int window = 0, int period = 0)
{
    od::DetectorParams p = od::defaultParams("alarm");
    p.window = window;
    p.period = period;
    auto r = od::detect(v, times, p);
    if (!r.ok())
        qFatal("alarm detect failed: %s", r.error().message.c_str());
    return *r;
}

Values noise(unsigned seed, std::size_t n, double sd = 1)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(50, sd);
    Values v(n);
    for (double& x : v)
        x = normal(rng);
    return v;
}

} // namespace

class TestAlarmDetector : public QObject
{
    Q_OBJECT

private slots:
    void slidingMaxMatchesBruteForce_data()
    {
        QTest::addColumn<std::size_t>("length");
        QTest::addRow("one") << std::size_t(1);
        QTest::addRow("two") << std::size_t(2);
        QTest::addRow("seven") << std::size_t(7);
        QTest::addRow("hundred") << std::size_t(100);
    }

    void slidingMaxMatchesBruteForce()
    {
        QFETCH(std::size_t, length);
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> small(0, 20); // many ties
        od::SlidingRange range(length);
        std::deque<double> window;
        for (int i = 0; i < 5000; ++i) {
            const double x = i % 500 < 50 ? 3.0 : small(rng); // flat stretches too
            range.push(x);
            window.push_back(x);
            if (window.size() > length)
                window.pop_front();
            QCOMPARE(range.count(), window.size());
            QCOMPARE(range.high(), *std::max_element(window.begin(), window.end()));
            QCOMPARE(range.low(), *std::min_element(window.begin(), window.end()));
        }
    }

    void matchesTheRuleRecomputed_data()
    {
        QTest::addColumn<unsigned>("seed");
        QTest::addColumn<std::size_t>("memory");
        QTest::addColumn<std::size_t>("period");
        QTest::addRow("default memory, daily period") << 1u << std::size_t(4000) << std::size_t(288);
        QTest::addRow("short memory, no period") << 2u << std::size_t(80) << std::size_t(0);
        QTest::addRow("memory 8, period 7") << 3u << std::size_t(8) << std::size_t(7);
        QTest::addRow("memory 600, period 50") << 4u << std::size_t(600) << std::size_t(50);
        QTest::addRow("memory longer than the series: young throughout")
            << 5u << std::size_t(12500) << std::size_t(144);
    }

    void matchesTheRuleRecomputed()
    {
        QFETCH(unsigned, seed);
        QFETCH(std::size_t, memory);
        QFETCH(std::size_t, period);
        const Values v = awkwardSeries(seed, 12000);
        const od::AlarmSettings settings { memory, 1.3, period };
        const Indices want = bruteAlarms(v, memory, period);
        QVERIFY(want.size() > 5); // the series does alarm
        QCOMPARE(onlineAlarms(v, settings), want);
    }

    void onlineEqualsBatchOnNab_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("daily jumps up") << "artificialWithAnomaly/art_daily_jumpsup.csv";
        QTest::addRow("ec2 cpu 24ae8d") << "realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv";
        QTest::addRow("nyc taxi (half-hourly)") << "realKnownCause/nyc_taxi.csv";
        QTest::addRow("machine temperature (a backward time)")
            << "realKnownCause/machine_temperature_system_failure.csv";
    }

    void onlineEqualsBatchOnNab()
    {
        QFETCH(QString, file);
        const auto s = readNab(file);
        if (!s)
            QSKIP("../shared/data/nab is not beside this checkout; the NAB files cannot be read");
        const std::size_t period = od::inferPeriod(s->times);
        QVERIFY(period > 0); // every row here is sub-daily data over days: "same time yesterday"
        const od::Detection d = batch(s->values, s->times);
        QVERIFY(!d.indices.empty());
        QCOMPARE(d.indices, onlineAlarms(s->values, { 4000, 1.3, period }));
        QCOMPARE(d.scores.size(), d.indices.size());
        QCOMPARE(d.reasons.size(), d.indices.size());
        QCOMPARE(d.indices, bruteAlarms(s->values, 4000, period)); // and the rule, recomputed
    }

    // A followed file: the detection extended as the series grows, in uneven chunks (some
    // inside the warm-up, some empty), equals the batch detection of the whole series.
    void growingRunEqualsBatch_data()
    {
        QTest::addColumn<unsigned>("seed");
        QTest::addColumn<std::size_t>("memory");
        QTest::addColumn<std::size_t>("period");
        QTest::addColumn<std::size_t>("largestChunk");
        QTest::addRow("no season, chunks up to 7") << 11u << std::size_t(2000) << std::size_t(0) << std::size_t(7);
        QTest::addRow("season 144, chunks up to 500")
            << 12u << std::size_t(2000) << std::size_t(144) << std::size_t(500);
        QTest::addRow("season 24, one row at a time") << 13u << std::size_t(2000) << std::size_t(24) << std::size_t(1);
        // Every bar there is a young memory's raised bar.
        QTest::addRow("memory never full, chunks up to 300")
            << 14u << std::size_t(9500) << std::size_t(96) << std::size_t(300);
    }

    void growingRunEqualsBatch()
    {
        QFETCH(unsigned, seed);
        QFETCH(std::size_t, memory);
        QFETCH(std::size_t, period);
        QFETCH(std::size_t, largestChunk);
        const Values v = awkwardSeries(seed, 9000);
        const od::AlarmSettings settings { memory, 1.3, period };
        const od::Detection whole = od::alarm(v, settings);
        QVERIFY(whole.indices.size() > 5);
        std::mt19937 rng(seed);
        std::uniform_int_distribution<std::size_t> chunk(0, largestChunk);
        od::AlarmRun run(settings);
        od::Detection grown = run.start();
        std::size_t rows = 0;
        while (rows < v.size()) {
            rows = std::min(v.size(), rows + chunk(rng));
            // Each step goes on from a copy, as the app's followed file does.
            od::AlarmRun next = run;
            od::Detection more = grown;
            next.extend(std::span<const double>(v).first(rows), more);
            QCOMPARE(next.judged(), rows);
            run = next;
            grown = std::move(more);
        }
        QCOMPARE(grown.indices, whole.indices);
        QCOMPARE(grown.scores, whole.scores);
        QCOMPARE(grown.reasons, whole.reasons);
        QCOMPARE(grown.bandLower.size(), v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            const bool bothNaN = std::isnan(grown.bandLower[i]) && std::isnan(whole.bandLower[i]);
            QVERIFY2(bothNaN || (grown.bandLower[i] == whole.bandLower[i] && grown.bandUpper[i] == whole.bandUpper[i]),
                qPrintable(QStringLiteral("band differs at %1").arg(i)));
        }
        QCOMPARE(grown.method, whole.method);
        QCOMPARE(grown.threshold, whole.threshold);
    }

    // detect() runs alarm with the settings alarmSettings() names, the period inferred from the times.
    void alarmSettingsAreWhatDetectRuns()
    {
        const auto s = readNab(QStringLiteral("realKnownCause/nyc_taxi.csv"));
        if (!s)
            QSKIP("../shared/data/nab is not beside this checkout; the NAB files cannot be read");
        const od::DetectorParams params = od::defaultParams("alarm");
        const od::AlarmSettings settings = od::alarmSettings(params, s->times, s->values.size());
        QCOMPARE(settings.period, std::size_t(48)); // half-hourly: one day
        QCOMPARE(settings.memory, std::size_t(4000));
        QCOMPARE(od::alarmSettings(params, {}, s->values.size()).period, std::size_t(0)); // no times
        QCOMPARE(od::alarm(s->values, settings).indices, batch(s->values, s->times).indices);
    }

    void quietOnNabSeriesWithoutAnomalies_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addRow("noisy") << "artificialNoAnomaly/art_noisy.csv";
        QTest::addRow("daily, small noise") << "artificialNoAnomaly/art_daily_small_noise.csv";
        QTest::addRow("perfect square wave") << "artificialNoAnomaly/art_daily_perfect_square_wave.csv";
        QTest::addRow("flat line") << "artificialNoAnomaly/art_flatline.csv";
    }

    void quietOnNabSeriesWithoutAnomalies()
    {
        QFETCH(QString, file);
        const auto s = readNab(file);
        if (!s)
            QSKIP("../shared/data/nab is not beside this checkout; the NAB files cannot be read");
        QCOMPARE(batch(s->values, s->times).indices, Indices {});
    }

    void warmUpJudgesNothing()
    {
        Values v = noise(3, 1000);
        v[150] = 500; // far out, but the memory holds only 150 values
        v[700] = 500;
        od::AlarmDetector online;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const auto verdict = online.push(v[i]);
            if (i < od::AlarmDetector::kWarmUp)
                QVERIFY2(!verdict.judged && !verdict.alarm, qPrintable(QString("point %1 was judged").arg(i)));
            else
                QVERIFY(verdict.banded);
        }
        const auto d = batch(v, {});
        QVERIFY(!std::binary_search(d.indices.begin(), d.indices.end(), std::size_t(150)));
        QVERIFY(std::binary_search(d.indices.begin(), d.indices.end(), std::size_t(700)));
        QVERIFY(std::isnan(d.centreAt(100)));
        QVERIFY(d.bandLower[400] < 50 && d.bandUpper[400] > 50);
    }

    // A record against a memory still filling must beat it by more: the level's 2% margin times
    // length / held. At 1000 of 4000 values that is 8%, so a value 5% past the range alarms only
    // once the memory is full, and one 12% past alarms either way.
    void youngMemoryRaisesTheBar_data()
    {
        QTest::addColumn<std::size_t>("at");
        QTest::addColumn<double>("past"); // beyond the remembered range, as a fraction of it
        QTest::addColumn<bool>("alarms");
        QTest::newRow("5% past a full memory") << std::size_t(4500) << 0.05 << true;
        QTest::newRow("5% past a quarter-full memory") << std::size_t(1000) << 0.05 << false;
        QTest::newRow("12% past a quarter-full memory") << std::size_t(1000) << 0.12 << true;
    }

    void youngMemoryRaisesTheBar()
    {
        QFETCH(std::size_t, at);
        QFETCH(double, past);
        QFETCH(bool, alarms);
        Values v = noise(8, 5000);
        const auto first = v.begin() + static_cast<long>(at >= 4000 ? at - 4000 : 0);
        const auto [lo, hi] = std::minmax_element(first, v.begin() + static_cast<long>(at));
        v[at] = *hi + past * (*hi - *lo);
        const auto d = batch(v, {});
        const auto found = std::lower_bound(d.indices.begin(), d.indices.end(), at);
        QCOMPARE(found != d.indices.end() && *found == at, alarms);
        if (alarms) {
            const std::string& why = d.reasons[std::size_t(found - d.indices.begin())];
            QVERIFY2(why.find("is above the highest of the previous") != std::string::npos, why.c_str());
        }
    }

    void nanIsNeitherJudgedNorLearned()
    {
        Values v = noise(4, 2000);
        Values gappy = v;
        for (std::size_t i = 500; i < 1600; i += 37)
            gappy.insert(gappy.begin() + static_cast<long>(i), kNaN);
        gappy[1200] = kNaN;
        v = gappy;
        v[1500] = 90;
        const auto d = batch(v, {});
        for (const std::size_t i : d.indices)
            QVERIFY(!std::isnan(v[i]));
        QVERIFY(std::binary_search(d.indices.begin(), d.indices.end(), std::size_t(1500)));
        // Without a season view, gaps are invisible: the same values without NaN alarm alike.
        Values dense;
        Indices where; // index in v of each dense value
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!std::isnan(v[i])) {
                dense.push_back(v[i]);
                where.push_back(i);
            }
        }
        Indices mapped;
        for (const std::size_t i : batch(dense, {}).indices)
            mapped.push_back(where[i]);
        QCOMPARE(d.indices, mapped);
    }

    void seasonStaysAlignedAcrossGaps()
    {
        // A period-24 pattern; the value one period before each point is the same, so after any
        // NaN gap nothing changes from "yesterday" until a planted change in the pattern.
        const std::size_t period = 24;
        Values v(3000);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = (i % period < 12 ? 10.0 : 30.0) + (i % period == 5 ? 3 : 0);
        for (std::size_t i = 700; i < 710; ++i)
            v[i] = kNaN;
        v[1997] = 10; // the bump of 3 missing on one day (1997 % 24 == 5): only "same time yesterday" sees it
        const auto d = batch(v, {}, 0, static_cast<int>(period));
        // The day after, the bump's return is a change of 3 again, no longer bigger than any.
        QCOMPARE(d.indices, (Indices { 1997 }));
        QVERIFY2(d.reasons[0].find("one period (24 points) earlier") != std::string::npos, d.reasons[0].c_str());
        // Without the period the change stays inside every other view's memory.
        QCOMPARE(batch(v, {}, 0, 0).indices, Indices {});
    }

    void plantedSpikeIsFlaggedWithReason_data()
    {
        QTest::addColumn<double>("spike");
        QTest::addColumn<QString>("words");
        QTest::addRow("up") << 80.0 << "is above the highest of the previous 2000 values";
        QTest::addRow("down") << 20.0 << "is below the lowest of the previous 2000 values";
    }

    void plantedSpikeIsFlaggedWithReason()
    {
        QFETCH(double, spike);
        QFETCH(QString, words);
        Values v = noise(5, 3000);
        v[2000] = spike;
        const auto d = batch(v, {});
        QVERIFY(std::binary_search(d.indices.begin(), d.indices.end(), std::size_t(2000)));
        const std::size_t k = std::lower_bound(d.indices.begin(), d.indices.end(), 2000) - d.indices.begin();
        const std::string text = od::explainOutlier(d, k, v[2000]);
        QVERIFY2(text.find(words.toStdString()) != std::string::npos, text.c_str());
        QVERIFY(d.scores[k] > 1.04);
        QVERIFY(text.find("of their range") != std::string::npos);
    }

    void jumpInABurstySeriesIsAStep()
    {
        // Bursts from 10 up to 40 and back every 400 points are the series' normal life, and
        // the level range they leave in memory is wide; a jump of 15 inside that range is no
        // level record, but no step of the last 500 points was a tenth as large.
        Values v(3000);
        std::mt19937 rng(6);
        std::uniform_real_distribution<double> unit(0, 1);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const double phase = static_cast<double>(i % 400);
            v[i] = 10 + unit(rng) + (phase < 60 ? 30 * (1 - std::fabs(phase - 30) / 30) : 0);
        }
        QCOMPARE(batch(v, {}).indices, Indices {});
        v[2500] = 25;
        const auto d = batch(v, {});
        QCOMPARE(d.indices, (Indices { 2500 }));
        QVERIFY2(d.reasons[0].find("a rise of") == 0, d.reasons[0].c_str());
        QVERIFY2(
            d.reasons[0].find("times the largest step of the previous 500") != std::string::npos, d.reasons[0].c_str());
    }

    void flatMemoryGivesAFiniteScore()
    {
        Values v(1000, 7.0);
        v[900] = 8;
        const auto d = batch(v, {});
        QCOMPARE(d.indices.front(), std::size_t(900));
        QVERIFY(std::isfinite(d.scores.front()));
        const std::string text = od::explainOutlier(d, 0, v[900]);
        QVERIFY2(text.find("differs from the 7 held by the previous 900 values") != std::string::npos, text.c_str());
    }

    void badSettingsAreErrors_data()
    {
        QTest::addColumn<double>("ratio");
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("period");
        QTest::addRow("zero ratio") << 0.0 << 0 << 0;
        QTest::addRow("memory 7") << 1.3 << 7 << 0;
        QTest::addRow("memory too large") << 1.3 << 2'000'000 << 0;
        QTest::addRow("period 1") << 1.3 << 0 << 1;
        QTest::addRow("period too large") << 1.3 << 0 << 2'000'000;
    }

    void badSettingsAreErrors()
    {
        QFETCH(double, ratio);
        QFETCH(int, window);
        QFETCH(int, period);
        od::DetectorParams p = od::defaultParams("alarm");
        p.threshold = ratio;
        p.window = window;
        p.period = period;
        const auto r = od::detect(Values(10, 1.0), {}, p);
        QVERIFY(!r.ok());
        QVERIFY(!r.error().message.empty());
    }

    void isTheDefault()
    {
        QCOMPARE(std::string(od::kDefaultMethod), std::string("alarm"));
        const od::DetectorParams p = od::defaultParams();
        QCOMPARE(p.method, std::string("alarm"));
        QCOMPARE(p.threshold, 1.3);
        QCOMPARE(od::effectiveWindow(p), 4000);
    }
};

QTEST_GUILESS_MAIN(TestAlarmDetector)
#include "tst_alarmdetector.moc"
