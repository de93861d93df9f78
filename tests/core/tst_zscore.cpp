// The reference rule of pb.Outliers/Detect, as CONTRACT.md section 1 defines it.

#include "core/detect/detector.h"
#include "core/detect/zscore.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using Indices = std::vector<std::size_t>;
Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(Indices)

class TestZscore : public QObject
{
    Q_OBJECT

private slots:
    void flagsReferenceCases_data()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<double>("k");
        QTest::addColumn<Indices>("expected");
        // The contract's example: one huge spike masks the other (mean 44, std 72.17).
        QTest::addRow("contract example") << std::vector<double> { 1, 2, 100, 1, 3, 200, 1 } << 2.0 << Indices { 5 };
        QTest::addRow("contract example, k=0.7")
            << std::vector<double> { 1, 2, 100, 1, 3, 200, 1 } << 0.7 << Indices { 2, 5 };
        QTest::addRow("empty") << std::vector<double> {} << 2.0 << Indices {};
        QTest::addRow("single point") << std::vector<double> { 42 } << 2.0 << Indices {};
        QTest::addRow("constant") << std::vector<double>(50, 3.25) << 2.0 << Indices {};
        QTest::addRow("all NaN") << std::vector<double> { nan, nan, nan } << 2.0 << Indices {};
        // With ddof = 0, no point of n <= 5 values can lie more than 2 std from the mean: the
        // largest possible z is (n-1)/sqrt(n), 2 for n = 5, and the rule is strictly greater.
        QTest::addRow("n=5 extreme spike") << std::vector<double> { 0, 0, 0, 0, 1e9 } << 2.0 << Indices {};
        QTest::addRow("n=6 extreme spike") << std::vector<double> { 0, 0, 0, 0, 0, 1e9 } << 2.0 << Indices { 5 };
        // NaN is left out of mean and std, and never flagged; indices stay those of the input.
        QTest::addRow("NaN kept as gap") << std::vector<double> { 1, nan, 2, 100, 1, 3, nan, 200, 1 } << 2.0
                                         << Indices { 7 };
        QTest::addRow("negative spike") << std::vector<double> { 10, 11, 10, 9, 10, 11, 10, -500, 10, 9 } << 2.0
                                        << Indices { 7 };
        QTest::addRow("tiny magnitudes") << std::vector<double> { 1e-300, 2e-300, 1e-300, 1e-300, 1e-300, 1e-300,
            9e-298 } << 2.0 << Indices { 6 };
        QTest::addRow("huge magnitudes") << std::vector<double> { 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, -1e300 }
                                         << 2.0 << Indices { 6 };
    }

    void flagsReferenceCases()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(double, k);
        QFETCH(Indices, expected);
        const od::Detection d = od::zscore(values, k);
        QCOMPARE(d.indices, expected);
        QCOMPARE(d.scores.size(), d.indices.size());
        for (double s : d.scores)
            QVERIFY(s > k);
    }

    void scoresAndBandExplainTheDecision()
    {
        const std::vector<double> values { 1, 2, 100, 1, 3, 200, 1 };
        const od::Detection d = od::zscore(values, 2.0);
        QCOMPARE(d.centre, 44.0);
        const double sd = std::sqrt(((43. * 43) * 3 + 42. * 42 + 56. * 56 + 41. * 41 + 156. * 156) / 7);
        QVERIFY(std::fabs(d.scale - sd) < 1e-12);
        QVERIFY(std::fabs(d.upper - (44 + 2 * sd)) < 1e-9);
        QVERIFY(std::fabs(d.lower - (44 - 2 * sd)) < 1e-9);
        QVERIFY(std::fabs(d.scores[0] - 156 / sd) < 1e-12);
    }

    void findsThreePlantedSpikesInThousandValues()
    {
        // Bounded noise (|z| < 1.8 for every ordinary point) plus three spikes far outside.
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> noise(-1.0, 1.0);
        std::vector<double> values(1000);
        for (double& v : values)
            v = 50 + noise(rng);
        values[123] = 80;
        values[456] = 15;
        values[789] = 95;
        const od::Detection d = od::zscore(values, 2.0);
        QCOMPARE(d.indices, (Indices { 123, 456, 789 }));
    }

    // Millions of values, through whichever path zscore takes (the sums and the flagging in one
    // pass with a band guessed from a sample, or two passes when the sample is too wild to guess
    // from), against the rule computed plainly in long double. Values within a hair of the
    // band's edge may go either way and are left out of the comparison.
    void largeSeriesMatchThePlainRule_data()
    {
        QTest::addColumn<int>("shape");
        QTest::addRow("normal, 3 percent missing") << 0;
        QTest::addRow("heavy tails") << 1;
        QTest::addRow("level shift halfway") << 2;
        QTest::addRow("rare huge spikes") << 3;
        // Spikes on every other value the sample reads (it reads every (n / 4096)th): the guessed
        // band is far wider than the rule's, and the flagging must take its own pass.
        QTest::addRow("spikes where the sample looks") << 4;
    }

    void largeSeriesMatchThePlainRule()
    {
        QFETCH(int, shape);
        const std::size_t n = 2'200'001;
        std::mt19937_64 rng(11 + static_cast<unsigned>(shape));
        std::normal_distribution<double> normal(100, 7);
        std::cauchy_distribution<double> cauchy(100, 2);
        std::uniform_real_distribution<double> unit(0, 1);
        std::vector<double> values(n);
        for (std::size_t i = 0; i < n; ++i) {
            double x = shape == 1 ? cauchy(rng) : normal(rng);
            if (shape == 0 && unit(rng) < 0.03)
                x = std::numeric_limits<double>::quiet_NaN();
            if (shape == 2 && i > n / 2)
                x += 9;
            if (shape == 3 && i % 100'003 == 5)
                x = 1e7;
            if (shape == 4 && i % (2 * (n / 4096)) == 0)
                x = 1e4;
            values[i] = x;
        }
        const double k = 2;
        long double sum = 0, sq = 0;
        std::size_t count = 0;
        for (const double x : values) {
            if (!std::isnan(x)) {
                sum += x;
                ++count;
            }
        }
        const long double mean = sum / static_cast<long double>(count);
        for (const double x : values) {
            if (!std::isnan(x))
                sq += (x - mean) * (x - mean);
        }
        const long double limit = k * std::sqrt(sq / static_cast<long double>(count));
        const od::Detection d = od::zscore(values, k);
        QVERIFY(std::is_sorted(d.indices.begin(), d.indices.end()));
        QCOMPARE(d.scores.size(), d.indices.size());
        std::size_t at = 0, compared = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const bool flagged = at < d.indices.size() && d.indices[at] == i;
            at += flagged;
            if (std::isnan(values[i])) {
                QVERIFY(!flagged);
                continue;
            }
            const long double deviation = std::fabs(values[i] - mean);
            if (std::fabs(deviation - limit) <= 1e-9 * limit)
                continue;
            ++compared;
            if (flagged != (deviation > limit))
                QFAIL(qPrintable(QString("index %1: %2, flagged %3").arg(i).arg(values[i]).arg(flagged)));
        }
        QCOMPARE(at, d.indices.size());
        QVERIFY(compared > n * 9 / 10);
        QVERIFY(!d.indices.empty());
    }

    void detectChecksParameters()
    {
        const std::vector<double> values { 1, 2, 3 };
        od::DetectorParams p;
        p.method = "nosuch";
        auto r = od::detect(values, {}, p);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.find("nosuch") != std::string::npos);
        p.method = "zscore";
        p.threshold = -1;
        QVERIFY(!od::detect(values, {}, p).ok());
        p.threshold = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!od::detect(values, {}, p).ok());
        p.threshold = 2;
        p.window = -3;
        QVERIFY(!od::detect(values, {}, p).ok());
        p.window = 0;
        QVERIFY(od::detect(values, {}, p).ok());
    }
};

QTEST_APPLESS_MAIN(TestZscore)
#include "tst_zscore.moc"
