// Decimation keeps the shape, the spikes and the outliers while bounding the point count.

#include "core/plot/decimate.h"
#include "core/plot/minmax_pyramid.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

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

    // The pyramid is only a faster way to the same answer: on data with NaN runs, flat
    // stretches (ties) and spikes, every range, width and set of kept indices gives exactly
    // the indices and the gap breaks of the plain scan.
    void pyramidEqualsThePlainScan()
    {
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal(0, 1);
        std::uniform_int_distribution<int> kind(0, 99);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const std::size_t n : { std::size_t { 0 }, std::size_t { 1 }, std::size_t { 63 }, std::size_t { 64 },
                 std::size_t { 4097 }, std::size_t { 300'000 } }) {
            std::vector<double> v(n);
            for (std::size_t i = 0; i < n; ++i) {
                const int k = kind(rng);
                v[i] = k < 3 ? nan : k < 4 ? 50 * normal(rng) : std::round(normal(rng)); // rounding: many ties
            }
            // A long NaN run crossing block boundaries, and an all-NaN tail.
            for (std::size_t i = n / 3; i < std::min(n, n / 3 + 5000); ++i)
                v[i] = nan;
            for (std::size_t i = n > 100 ? n - 70 : n; i < n; ++i)
                v[i] = nan;
            std::vector<std::size_t> keep;
            for (std::size_t i = 0; i < n; i += 997)
                keep.push_back(i);
            const od::MinMaxPyramid pyramid(v);
            std::uniform_int_distribution<std::size_t> at(0, n);
            for (int trial = 0; trial < 60; ++trial) {
                std::size_t begin = at(rng), end = at(rng);
                if (trial == 0)
                    begin = 0, end = n;
                if (begin > end)
                    std::swap(begin, end);
                const std::size_t columns = 1 + static_cast<std::size_t>(trial * 37 % 900);
                const auto expected = od::decimateMinMax(v, begin, end, columns, keep);
                QCOMPARE(pyramid.decimate(v, begin, end, columns, keep), expected);
                const auto breaks = pyramid.gapBreaks(v, expected), plain = od::gapBreaks(v, expected);
                QCOMPARE(breaks.size(), plain.size());
                for (std::size_t b = 0; b < breaks.size(); ++b) {
                    QCOMPARE(breaks[b].at, plain[b].at);
                    QCOMPARE(breaks[b].lastBefore, plain[b].lastBefore);
                    QCOMPARE(breaks[b].firstAfter, plain[b].firstAfter);
                }
            }
        }
    }

    // Missing values must show as a gap: the line breaks between the last point before them and
    // the first after, and nowhere else.
    void missingValuesBreakTheLine()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> small { nan, 1, 2, nan, nan, 5, 6, nan };
        const auto idx = od::decimateMinMax(small, 0, small.size(), 100);
        QCOMPARE(idx, (std::vector<std::size_t> { 1, 2, 5, 6 }));
        // Leading and trailing NaN are outside the line; only the inner gap breaks it.
        const auto smallBreaks = od::gapBreaks(small, idx);
        QCOMPARE(smallBreaks.size(), std::size_t(1));
        QCOMPARE(smallBreaks[0].at, std::size_t(2));
        QCOMPARE(smallBreaks[0].lastBefore, std::size_t(2)); // the 2
        QCOMPARE(smallBreaks[0].firstAfter, std::size_t(5)); // the 5

        // A long series cut down to 200 slices keeps its two gaps as breaks, wherever the
        // slices happen to fall.
        std::vector<double> v(100'000);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = std::sin(double(i) * 0.001);
        std::fill(v.begin() + 30'000, v.begin() + 31'000, nan);
        v[70'001] = nan; // a single missing point is a gap too
        const auto dec = od::decimateMinMax(v, 0, v.size(), 200);
        const auto breaks = od::gapBreaks(v, dec);
        QCOMPARE(breaks.size(), std::size_t(2));
        QVERIFY(dec[breaks[0].at - 1] < 30'000 && dec[breaks[0].at] >= 31'000);
        QCOMPARE(breaks[0].lastBefore, std::size_t(29'999));
        QCOMPARE(breaks[0].firstAfter, std::size_t(31'000));
        QVERIFY(dec[breaks[1].at - 1] < 70'001 && dec[breaks[1].at] > 70'001);
        QCOMPARE(breaks[1].lastBefore, std::size_t(70'000));
        QCOMPARE(breaks[1].firstAfter, std::size_t(70'002));

        // Without missing values nothing breaks.
        std::vector<double> whole(v.size(), 1.0);
        QVERIFY(od::gapBreaks(whole, od::decimateMinMax(whole, 0, whole.size(), 200)).empty());
        QVERIFY(od::gapBreaks(whole, std::vector<std::size_t> {}).empty());
    }
};

QTEST_APPLESS_MAIN(TestDecimate)
#include "tst_decimate.moc"
