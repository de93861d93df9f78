// The statistics of a selected span equal numpy's on the same points: the expected numbers
// below were printed by numpy 1.24 (np.nanmin ... np.percentile(x, 95), x.std()) for the values
// in the span, missing ones left out. The chart selects the span, marks it until cleared, and
// counts the outliers and incidents in it; the TSV carries the same numbers.

#include "chart/metricchartview.h"
#include "chart/spanmarker.h"
#include "chart/spanstatistics.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t kMinuteNs = 60'000'000'000LL;
constexpr std::int64_t kStartNs = 1'400'000'000'000'000'000LL;

od::Series sample()
{
    od::Series s;
    s.name = "latency";
    s.values = { 5, 3.5, 100, 2, 7, nan, 1.25, 9, 12, 4, nan, 6.5, 30, 2.75, 8, 11, 0.5, 3, 14, 6 };
    for (std::size_t i = 0; i < s.values.size(); ++i)
        s.times.push_back(kStartNs + std::int64_t(i) * kMinuteNs);
    return s;
}

// numpy on values[3:17] with the NaNs dropped:
//   v = np.array([5,3.5,100,2,7,np.nan,1.25,9,12,4,np.nan,6.5,30,2.75,8,11,0.5,3,14,6])
//   s = v[3:17]; ok = s[~np.isnan(s)]
constexpr std::size_t kCount = 12, kMissing = 2;
constexpr double kMin = 0.5, kMax = 30.0, kMean = 7.833333333333333, kMedian = 6.75, kP95 = 20.099999999999987,
                 kP99 = 28.02000000000001, kStd = 7.606420898746591;

void compareNumbers(const SpanStatistics& s)
{
    QCOMPARE(s.count, kCount);
    QCOMPARE(s.missing, kMissing);
    QCOMPARE(s.min, kMin);
    QCOMPARE(s.max, kMax);
    QVERIFY(std::abs(s.mean - kMean) < 1e-12);
    QVERIFY(std::abs(s.median - kMedian) < 1e-12);
    QVERIFY(std::abs(s.p95 - kP95) < 1e-12);
    QVERIFY(std::abs(s.p99 - kP99) < 1e-12);
    QVERIFY(std::abs(s.std - kStd) < 1e-12);
}

} // namespace

class TestSpanStatistics : public QObject
{
    Q_OBJECT

private slots:
    void equalNumpy()
    {
        od::Detection d;
        d.indices = { 2, 12, 18 }; // only 12 is in the span
        const std::vector<IncidentSpan> incidents { { 0, kStartNs + 2 * kMinuteNs, kStartNs + 2 * kMinuteNs, false },
            { 0, kStartNs + 12 * kMinuteNs, kStartNs + 13 * kMinuteNs, false },
            { 1, kStartNs + 12 * kMinuteNs, kStartNs + 13 * kMinuteNs, false } }; // another series'
        const SpanStatistics s
            = spanStatistics(sample(), 0, &d, &incidents, kStartNs + 3 * kMinuteNs, kStartNs + 16 * kMinuteNs);
        compareNumbers(s);
        QCOMPARE(s.outliers, std::size_t(1));
        QCOMPARE(s.incidents, std::size_t(1));
    }

    void percentiles_data()
    {
        QTest::addColumn<std::vector<double>>("sorted");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected"); // numpy.percentile
        QTest::addRow("one value") << std::vector<double> { 4 } << 95.0 << 4.0;
        QTest::addRow("median of even count") << std::vector<double> { 1, 2, 3, 4 } << 50.0 << 2.5;
        QTest::addRow("p95 of 1..10") << std::vector<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 95.0 << 9.55;
        QTest::addRow("p0 and p100 are the ends") << std::vector<double> { -3, 8 } << 100.0 << 8.0;
    }
    void percentiles()
    {
        QFETCH(std::vector<double>, sorted);
        QFETCH(double, q);
        QFETCH(double, expected);
        QVERIFY(std::abs(percentileOfSorted(sorted, q) - expected) < 1e-12);
    }

    void emptySpan()
    {
        const SpanStatistics s = spanStatistics(sample(), 0, nullptr, nullptr, 0, 1);
        QCOMPARE(s.count, std::size_t(0));
        QVERIFY(std::isnan(s.mean));
        QVERIFY(spanStatisticsTsv({ s }).split(QLatin1Char('\n'))[1].startsWith(QStringLiteral("latency\t0\t0\t\t")));
    }

    // Through the chart: Ctrl+drag selects, the span stays marked, Esc clears it.
    void selectedOnTheChart()
    {
        auto data = std::make_shared<Dataset>();
        data->series = { sample() };
        finishDataset(*data);
        MetricChartView view;
        view.resize(800, 400);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        QVERIFY(!view.hasSpan());

        // Drag from the time of point 3 to that of point 16, with Ctrl held.
        const QRectF plot = view.plotArea();
        const auto range = view.viewRange();
        // Named copies: a lambda may capture a structured binding only from clang 16 on.
        const auto from = range.first, to = range.second;
        const auto xOf = [&](std::int64_t ns) {
            return int(std::lround(plot.left() + double(ns / 1'000'000 - from) / double(to - from) * plot.width()));
        };
        const int y = int(plot.center().y());
        // A pixel either way of the points' own x: the span holds them both, and no other.
        const QPoint start(xOf(kStartNs + 3 * kMinuteNs) - 1, y), end(xOf(kStartNs + 16 * kMinuteNs) + 1, y);
        QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ControlModifier, start);
        QTest::mouseMove(view.viewport(), end);
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ControlModifier, end);
        QVERIFY(view.hasSpan());
        QCOMPARE(view.viewRange(), (std::pair { from, to })); // not a zoom
        const std::vector<SpanStatistics> stats = view.spanStatistics();
        QCOMPARE(stats.size(), std::size_t(1));
        compareNumbers(stats.front());
        const QRectF marked = view.spanMarker()->markedRect();
        QVERIFY(std::abs(marked.left() - start.x()) <= 2 && std::abs(marked.right() - end.x()) <= 2);
        const QStringList tsv = spanStatisticsTsv(stats).split(QLatin1Char('\n'));
        QCOMPARE(tsv[0],
            QStringLiteral("series\tcount\tmissing\tmin\tmax\tmean\tmedian\tp95\tp99\tstd\toutliers\tincidents"));
        QVERIFY(std::abs(tsv[1].split(QLatin1Char('\t'))[5].toDouble() - kMean) < 1e-10);

        // It stays through a zoom, and Esc clears it.
        view.zoom(1.5);
        QVERIFY(view.hasSpan());
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.hasSpan());
        QVERIFY(view.spanMarker()->markedRect().isEmpty());
        QVERIFY(view.spanStatistics().empty());
    }
};

QTEST_MAIN(TestSpanStatistics)
#include "tst_spanstatistics.moc"
