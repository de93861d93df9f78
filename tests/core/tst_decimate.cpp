// Decimation keeps the shape, the spikes and the outliers while bounding the point count.

#include "core/decimate.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

class TestDecimate : public QObject
{
    Q_OBJECT

private slots:
    void smallRangesPassThrough()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> v { 1, 2, nan, 4 };
        QCOMPARE(od::decimateMinMax(v, 0, v.size(), 100), (std::vector<std::size_t> { 0, 1, 3 }));
    }

    void boundsPointsAndKeepsExtremesAndOutliers()
    {
        std::mt19937 rng(3);
        std::normal_distribution<double> noise(0, 1);
        std::vector<double> v(1'000'000);
        for (double& x : v)
            x = noise(rng);
        v[123'456] = 100; // a spike must survive
        v[654'321] = -100;
        const std::vector<std::size_t> keep { 5, 999'999 }; // ordinary points marked to keep
        const auto idx = od::decimateMinMax(v, 0, v.size(), 800, keep);
        QVERIFY(idx.size() <= 800 * 4 + keep.size());
        QVERIFY(idx.size() >= 800 * 2);
        QVERIFY(std::is_sorted(idx.begin(), idx.end()));
        QVERIFY(std::adjacent_find(idx.begin(), idx.end()) == idx.end());
        for (std::size_t want : { std::size_t(123'456), std::size_t(654'321), std::size_t(5), std::size_t(999'999) })
            QVERIFY2(std::binary_search(idx.begin(), idx.end(), want), qPrintable(QString::number(want)));
        // The first and last point of the range are kept, so the line spans it.
        QCOMPARE(idx.front(), 0u);
        QCOMPARE(idx.back(), v.size() - 1);
    }

    void respectsTheRange()
    {
        std::vector<double> v(10'000);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = std::sin(i * 0.01);
        const std::vector<std::size_t> keep { 10, 5'000, 9'999 };
        const auto idx = od::decimateMinMax(v, 2'000, 6'000, 100, keep);
        QVERIFY(!idx.empty());
        QVERIFY(idx.front() >= 2'000);
        QVERIFY(idx.back() < 6'000);
        QVERIFY(std::binary_search(idx.begin(), idx.end(), 5'000u));
        QVERIFY(!std::binary_search(idx.begin(), idx.end(), 10u));
    }
};

QTEST_APPLESS_MAIN(TestDecimate)
#include "tst_decimate.moc"
