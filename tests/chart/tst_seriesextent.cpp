// measureSeries() on its own: what the chart's axes and z-scored view take from a series, checked
// against the plainest computation (long double, one value at a time) on awkward series.

#include "chart/dataset.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

namespace {

struct Reference
{
    double lo = 0, hi = 0, mean = 0, std = 0;
    std::size_t present = 0;
};

Reference referenceOf(const std::vector<double>& values)
{
    Reference r;
    long double sum = 0;
    for (double v : values)
        if (!std::isnan(v)) {
            r.lo = r.present ? std::min(r.lo, v) : v;
            r.hi = r.present ? std::max(r.hi, v) : v;
            sum += v;
            ++r.present;
        }
    if (!r.present)
        return r;
    const long double mean = sum / r.present;
    long double squares = 0;
    for (double v : values)
        if (!std::isnan(v))
            squares += (v - mean) * (v - mean);
    r.mean = double(mean);
    r.std = double(std::sqrt(squares / r.present));
    return r;
}

od::Series seriesOf(std::vector<double> values)
{
    od::Series s;
    for (std::size_t i = 0; i < values.size(); ++i)
        s.times.push_back(std::int64_t(i) * 1'000'000'000);
    s.values = std::move(values);
    return s;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestSeriesExtent : public QObject
{
    Q_OBJECT
private slots:
    void matchesAPlainComputation_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        std::mt19937_64 random(7);
        std::normal_distribution<double> noise(0, 1);
        // Every length around the groups of four, gaps at the start, in the middle and at the end.
        for (int n = 1; n <= 9; ++n) {
            std::vector<double> v;
            for (int i = 0; i < n; ++i)
                v.push_back(i % 3 == 0 ? kNaN : 10 * noise(random));
            QTest::addRow("length %d with gaps", n) << v;
        }
        QTest::addRow("NaN first, the extremes after it") << std::vector<double> { kNaN, 5, -3, 7, kNaN, 2 };
        QTest::addRow("one value") << std::vector<double> { 42 };
        QTest::addRow("negative zero and zero") << std::vector<double> { -0.0, 0.0, -0.0, 0.0, 1 };
        // Large values with a small spread: a mean of sums alone loses the spread to rounding.
        std::vector<double> large;
        for (int i = 0; i < 100'003; ++i)
            large.push_back(1e9 + 0.001 * noise(random) + (i % 1000 == 0 ? kNaN : 0));
        QTest::addRow("1e9 plus a spread of 0.001") << large;
        std::vector<double> wide;
        for (int i = 0; i < 10'001; ++i)
            wide.push_back(noise(random) * std::pow(10.0, i % 7));
        QTest::addRow("spreads of one to a million") << wide;
    }

    void matchesAPlainComputation()
    {
        QFETCH(std::vector<double>, values);
        const Reference r = referenceOf(values);
        const SeriesExtent e = measureSeries(seriesOf(values));
        QCOMPARE(e.hasValues, r.present > 0);
        QCOMPARE(e.minValue, r.lo);
        QCOMPARE(e.maxValue, r.hi);
        const double meanTolerance = 1e-12 * std::max(std::abs(r.mean), r.std) + 1e-300;
        QVERIFY2(std::abs(e.mean - r.mean) <= meanTolerance,
            qPrintable(QStringLiteral("mean %1, reference %2").arg(e.mean, 0, 'g', 17).arg(r.mean, 0, 'g', 17)));
        QVERIFY2(std::abs(e.std - r.std) <= 1e-9 * r.std + 1e-300,
            qPrintable(QStringLiteral("std %1, reference %2").arg(e.std, 0, 'g', 17).arg(r.std, 0, 'g', 17)));
    }

    void onlyGapsHaveNoValues()
    {
        const SeriesExtent e = measureSeries(seriesOf({ kNaN, kNaN, kNaN, kNaN, kNaN }));
        QVERIFY(!e.hasValues);
        QCOMPARE(e.minTime, std::int64_t(0));
        QCOMPARE(e.maxTime, std::int64_t(4'000'000'000));
        QVERIFY(e.timesSorted);
    }

    void timesOutOfOrderAreSeen()
    {
        od::Series s = seriesOf({ 1, 2, 3, 4, 5 });
        std::swap(s.times.edit()[3], s.times.edit()[4]);
        const SeriesExtent e = measureSeries(s);
        QVERIFY(!e.timesSorted);
        QCOMPARE(e.minTime, std::int64_t(0));
        QCOMPARE(e.maxTime, std::int64_t(4'000'000'000));
    }
};

QTEST_APPLESS_MAIN(TestSeriesExtent)
#include "tst_seriesextent.moc"
