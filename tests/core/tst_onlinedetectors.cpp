// The online detectors a live stream runs: the order-statistics tree against std::multiset,
// the rolling median/MAD against a brute-force recomputation point for point, and the
// run-time choice between it and the rolling z-score.

#include "core/detect/alarm.h"
#include "core/detect/online_detector.h"
#include "core/kernels/order_stats.h"
#include "core/kernels/order_tree.h"

#include <QTest>

#include <cmath>
#include <deque>
#include <limits>
#include <random>
#include <set>
#include <vector>

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Noise with spikes, NaN gaps, flat stretches (where the MAD is 0) and repeated values.
std::vector<double> awkwardSeries(unsigned seed, std::size_t n)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(500, 12);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<double> v;
    v.reserve(n);
    while (v.size() < n) {
        const double r = unit(rng);
        if (r < 0.03) {
            const auto gap = std::size_t(1 + unit(rng) * 6);
            v.insert(v.end(), gap, kNaN);
        } else if (r < 0.036) {
            const auto flat = std::size_t(5 + unit(rng) * 80);
            v.insert(v.end(), flat, std::round(normal(rng))); // some outlast the window
        } else if (r < 0.056) {
            v.push_back(500 + (unit(rng) < 0.5 ? -1 : 1) * (100 + unit(rng) * 400));
        } else {
            v.push_back(std::round(normal(rng) * 4) / 4); // quarters: many ties
        }
    }
    v.resize(n);
    return v;
}

struct BruteVerdict
{
    bool judged = false;
    bool outlier = false;
    double median = 0;
    double scale = 0;
    double score = 0;
};

// The definition, recomputed from scratch at every point with numpy's median.
std::vector<BruteVerdict> bruteRollingMad(const std::vector<double>& values, std::size_t w, double t)
{
    std::vector<BruteVerdict> out(values.size());
    std::deque<double> window;
    std::vector<double> scratch;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]))
            continue;
        if (window.size() == w) {
            scratch.assign(window.begin(), window.end());
            const double median = od::medianInPlace(scratch);
            for (double& d : scratch)
                d = std::fabs(d - median);
            const double scale = 1.4826 * od::medianInPlace(scratch);
            BruteVerdict& v = out[i];
            v.median = median;
            v.scale = scale;
            if (scale > 0 && std::isfinite(scale)) {
                v.judged = true;
                v.score = std::fabs(values[i] - median) / scale;
                v.outlier = v.score > t;
            }
            window.pop_front();
        }
        window.push_back(values[i]);
    }
    return out;
}

} // namespace

class TestOnlineDetectors : public QObject
{
    Q_OBJECT

private slots:
    void orderTreeAgreesWithMultiset()
    {
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<int> small(0, 40); // many duplicates
        std::uniform_int_distribution<int> action(0, 9);
        od::OrderTree tree(16);
        std::multiset<double> reference;
        for (int step = 0; step < 20'000; ++step) {
            const double v = small(rng) * 0.5;
            if (action(rng) < 6 || reference.empty()) {
                tree.insert(v);
                reference.insert(v);
            } else {
                const bool present = reference.count(v) > 0;
                QCOMPARE(tree.erase(v), present);
                if (present)
                    reference.erase(reference.find(v));
            }
            QCOMPARE(tree.size(), reference.size());
            if (step % 97 == 0) {
                std::size_t k = 0;
                for (const double x : reference)
                    QCOMPARE(tree.select(k++), x);
                QCOMPARE(tree.countLess(v), std::size_t(std::distance(reference.begin(), reference.lower_bound(v))));
            }
        }
    }

    void rollingMadMatchesBruteForcePointForPoint_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<double>("threshold");
        QTest::addColumn<unsigned>("seed");
        for (const int w : { 2, 3, 4, 5, 8, 30, 31, 200 })
            QTest::addRow("window %d", w) << w << 3.0 << unsigned(w * 11);
        QTest::addRow("low threshold") << 15 << 0.5 << 99u;
    }

    void rollingMadMatchesBruteForcePointForPoint()
    {
        QFETCH(int, window);
        QFETCH(double, threshold);
        QFETCH(unsigned, seed);
        const std::vector<double> values = awkwardSeries(seed, 6000);
        const auto want = bruteRollingMad(values, std::size_t(window), threshold);
        od::RollingMad online(std::size_t(window), threshold);
        std::size_t judged = 0, flagged = 0, flat = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto got = online.push(values[i]);
            const auto& w = want[i];
            // Exact equality: the same order statistics through the same arithmetic.
            QVERIFY2(got.judged == w.judged && got.outlier == w.outlier,
                qPrintable(QStringLiteral("point %1: judged %2/%3 outlier %4/%5")
                               .arg(i)
                               .arg(got.judged)
                               .arg(w.judged)
                               .arg(got.outlier)
                               .arg(w.outlier)));
            if (!std::isnan(values[i]) && i >= std::size_t(window)) {
                QVERIFY2(got.median == w.median && got.scale == w.scale && got.score == w.score,
                    qPrintable(QStringLiteral("point %1: median %2/%3 scale %4/%5")
                                   .arg(i)
                                   .arg(got.median, 0, 'g', 17)
                                   .arg(w.median, 0, 'g', 17)
                                   .arg(got.scale, 0, 'g', 17)
                                   .arg(w.scale, 0, 'g', 17)));
            }
            judged += got.judged;
            flagged += got.outlier;
            flat += !got.judged && w.scale == 0 && !std::isnan(values[i]) && i > std::size_t(window);
        }
        // The data exercised every path: judged points, flagged ones, and flat windows.
        QVERIFY(judged > values.size() / 3);
        QVERIFY(flagged > 0);
        QVERIFY(flat > 0);
    }

    void rollingMadHandComputed()
    {
        od::RollingMad online(5, 3.0);
        for (const double v : { 1.0, 2.0, 3.0, 4.0, 5.0 })
            QVERIFY(!online.push(v).judged);
        // Window 1..5: median 3, distances 2 1 0 1 2, MAD 1.
        const auto v = online.push(100);
        QVERIFY(v.judged && v.outlier);
        QCOMPARE(v.median, 3.0);
        QCOMPARE(v.scale, 1.4826);
        QCOMPARE(v.score, 97 / 1.4826);
        // Window 2 3 4 5 100: median 4, distances 2 1 0 1 96, MAD 1: 5.5 is 1.01 scaled MADs off.
        const auto next = online.push(5.5);
        QVERIFY(next.judged && !next.outlier);
        QCOMPARE(next.median, 4.0);
        QVERIFY(!online.push(kNaN).judged); // a gap is neither judged nor added
        const auto after = online.push(4);
        QCOMPARE(after.median, 5.0); // window 3 4 5 100 5.5
    }

    void medianIsNotMaskedByTheSpikeBefore()
    {
        // Two spikes in a row: the first inflates the window's standard deviation so much that
        // the rolling z-score lets the second pass; the median and MAD barely move.
        std::vector<double> values;
        // (In a window of 10 with one spike, a second equal spike is sqrt(9) = 3 sd away.)
        for (int i = 0; i < 30; ++i)
            values.push_back(100 + (i % 5) * 0.5);
        values.push_back(160);
        values.push_back(160);
        od::OnlineDetector z({ od::OnlineMethod::RollingZScore, 10, 4.0, {} });
        od::OnlineDetector m({ od::OnlineMethod::RollingMad, 10, 4.0, {} });
        std::vector<bool> zFlags, mFlags;
        for (const double v : values) {
            zFlags.push_back(z.push(v).outlier);
            mFlags.push_back(m.push(v).outlier);
        }
        QVERIFY(zFlags[30] && !zFlags[31]);
        QVERIFY(mFlags[30] && mFlags[31]);
    }

    // A live line runs alarm point by point and must flag what the batch method flags in a file
    // of the same values, with the same scores and the level view's band.
    void onlineAlarmEqualsBatch_data()
    {
        QTest::addColumn<unsigned>("seed");
        QTest::addColumn<std::size_t>("memory");
        QTest::addColumn<std::size_t>("period");
        QTest::addRow("default memory, no season") << 21u << std::size_t(4000) << std::size_t(0);
        QTest::addRow("memory 500, season 50") << 22u << std::size_t(500) << std::size_t(50);
        QTest::addRow("memory 8 (shortest)") << 23u << std::size_t(8) << std::size_t(0);
        // A memory the series never fills: every bar is a young memory's raised one (a live line
        // just started).
        QTest::addRow("memory 20000, season 96 (never full)") << 24u << std::size_t(20000) << std::size_t(96);
    }

    void onlineAlarmEqualsBatch()
    {
        QFETCH(unsigned, seed);
        QFETCH(std::size_t, memory);
        QFETCH(std::size_t, period);
        // Spikes land in awkwardSeries every ~50 points; a drift makes the level view fire too.
        std::vector<double> values = awkwardSeries(seed, 12000);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] += 0.02 * double(i);
        od::OnlineSettings settings;
        QCOMPARE(settings.method, od::OnlineMethod::Alarm); // the default, as in a file
        settings.alarm = { memory, 1.3, period };
        od::OnlineDetector online(settings);
        const od::Detection batch = od::alarm(values, settings.alarm);
        QVERIFY(batch.indices.size() > 3);
        std::size_t k = 0; // next batch flag
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto v = online.push(values[i]);
            const bool flagged = k < batch.indices.size() && batch.indices[k] == i;
            QVERIFY2(v.outlier == flagged, qPrintable(QStringLiteral("point %1").arg(i)));
            if (flagged) {
                QCOMPARE(v.score, batch.scores[k]);
                ++k;
            }
            if (!std::isnan(batch.centreAt(i))) {
                QCOMPARE(v.centre, batch.centreAt(i));
                // The same arithmetic as the band's half-width: equal to the last bit (centre -
                // scale would only be equal to rounding, which a band near zero shows).
                QCOMPARE(v.scale, (batch.bandUpper[i] - batch.bandLower[i]) / 2);
            }
        }
        QCOMPARE(k, batch.indices.size());
    }

    void onlineDetectorIsTheChosenMethod()
    {
        const std::vector<double> values = awkwardSeries(5, 3000);
        od::OnlineDetector chosen({ od::OnlineMethod::RollingZScore, 20, 2.5, {} });
        od::RollingZScore direct(20, 2.5);
        for (const double v : values) {
            const auto a = chosen.push(v);
            const auto b = direct.push(v);
            QCOMPARE(a.outlier, b.outlier);
            QCOMPARE(a.judged, b.judged);
            if (b.judged) {
                QCOMPARE(a.centre, b.mean);
                QCOMPARE(a.scale, b.sd);
            }
        }
        for (const auto method : od::onlineMethods())
            QCOMPARE(od::parseOnlineMethod(od::onlineMethodName(method)), method);
        QCOMPARE(od::parseOnlineMethod("rolling-mad"), od::OnlineMethod::RollingMad);
        QCOMPARE(od::parseOnlineMethod("alarm"), od::OnlineMethod::Alarm);
        QCOMPARE(od::onlineMethods().front(), od::OnlineMethod::Alarm); // offered first: the default
        QVERIFY(!od::parseOnlineMethod("median"));
    }
};

QTEST_APPLESS_MAIN(TestOnlineDetectors)
#include "tst_onlinedetectors.moc"
