// What the chart is given to draw for one view: few points whatever the series' length, every
// outlier when they can be told apart, the extremes of each column when they cannot, and a
// line that passes through every marker.

#include "chart/viewpoints.h"

#include "core/detect/zscore.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

class TestViewPoints : public QObject
{
    Q_OBJECT

    static od::Series series(std::size_t n, unsigned seed)
    {
        od::Series s;
        std::mt19937_64 rng(seed);
        std::normal_distribution<double> noise(0, 1);
        for (std::size_t i = 0; i < n; ++i) {
            s.times.push_back(static_cast<std::int64_t>(i) * 1'000'000'000);
            s.values.push_back(noise(rng));
        }
        return s;
    }

    static ViewRequest wholeView(const od::Series& s, int columns)
    {
        ViewRequest v;
        v.fromNs = s.times.front();
        v.toNs = s.times.back();
        v.columns = columns;
        v.chartX = [](std::int64_t ns) { return double(ns / 1'000'000); };
        return v;
    }

    static bool lineHas(const ViewPoints& p, const QPointF& marker)
    {
        return std::find(p.line.begin(), p.line.end(), marker) != p.line.end();
    }

private slots:
    void fewOutliersAreAllShown()
    {
        od::Series s = series(200'000, 1);
        for (const std::size_t at : { 1000u, 50'000u, 199'000u })
            s.values[at] = 40;
        const od::Detection d = od::zscore(s.values, 6);
        QCOMPARE(d.indices.size(), std::size_t { 3 });
        const od::MinMaxPyramid pyramid(s.values);
        const ViewPoints p = computeViewPoints(s, &pyramid, &d, wholeView(s, 800));
        QCOMPARE(p.markers.size(), 3);
        QCOMPARE(p.markerOutliers, (std::vector<std::size_t> { 0, 1, 2 }));
        QVERIFY(p.line.size() <= 800 * 2 + 3 + 4);
        for (const QPointF& m : p.markers)
            QVERIFY(lineHas(p, m));
        QCOMPARE(p.maxY, 40.0);
    }

    // A loose threshold on a long series flags tens of thousands of points: the chart gets at
    // most two markers per marker column, and the most extreme ones are among them.
    void crowdedOutliersAreThinnedToColumnExtremes()
    {
        od::Series s = series(1'000'000, 2);
        s.values[123'456] = 25;
        s.values[654'321] = -25;
        const od::Detection d = od::zscore(s.values, 2); // about 4.5 % of the points
        QVERIFY(d.indices.size() > 40'000);
        const int columns = 500;
        const od::MinMaxPyramid pyramid(s.values);
        const ViewPoints p = computeViewPoints(s, &pyramid, &d, wholeView(s, columns));
        const int markerColumns = columns / ViewRequest {}.pixelsPerMarkerColumn;
        QVERIFY(p.markers.size() <= 2 * markerColumns);
        QVERIFY(p.markers.size() > markerColumns); // both extremes of nearly every column
        QCOMPARE(p.markers.size(), qsizetype(p.markerOutliers.size()));
        QVERIFY(std::is_sorted(p.markerOutliers.begin(), p.markerOutliers.end()));
        auto shown = [&](std::size_t index) {
            const auto k = static_cast<std::size_t>(
                std::lower_bound(d.indices.begin(), d.indices.end(), index) - d.indices.begin());
            return std::find(p.markerOutliers.begin(), p.markerOutliers.end(), k) != p.markerOutliers.end();
        };
        QVERIFY(shown(123'456));
        QVERIFY(shown(654'321));
        for (const QPointF& m : p.markers)
            QVERIFY(lineHas(p, m));
        QVERIFY(p.line.size() < 4 * columns);
    }

    // The markers are exactly the rule's: every outlier in view (NaN and points outside the
    // view left out) while there are at most two per marker column, else per column the first
    // lowest and the first highest, in their order. Around the threshold and with ties.
    void markersFollowTheRuleAroundTheThreshold()
    {
        const int columns = 400;
        const std::size_t most = 2 * std::size_t(columns / ViewRequest {}.pixelsPerMarkerColumn);
        for (const std::size_t shown : { most - 1, most, most + 1, most + 2, 3 * most, 50 * most }) {
            od::Series s = series(80'000, unsigned(shown));
            od::Detection d;
            std::mt19937_64 rng(shown);
            std::vector<std::size_t> numbers; // the flagged points that are not NaN
            for (std::size_t i = 0; i < s.size() && numbers.size() < shown + 20; i += 1 + rng() % 7) {
                d.indices.push_back(i);
                s.values[i] = double(rng() % 9); // ties within a column
                if (rng() % 50 == 0)
                    s.values[i] = NAN;
                else
                    numbers.push_back(i);
            }
            QCOMPARE(numbers.size(), shown + 20);
            ViewRequest v = wholeView(s, columns);
            // The view leaves out ten flagged numbers at each end and holds `shown` of them.
            v.fromNs = s.times[numbers[10]];
            v.toNs = s.times[numbers[numbers.size() - 11]];
            std::vector<std::size_t> inView;
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t at = d.indices[k];
                if (!std::isnan(s.values[at]) && s.times[at] >= v.fromNs && s.times[at] <= v.toNs)
                    inView.push_back(k);
            }
            QCOMPARE(inView.size(), shown);
            std::vector<std::size_t> expected = inView;
            if (inView.size() > most) {
                const std::size_t markerColumns = most / 2;
                std::vector<std::pair<std::size_t, std::size_t>> lowHigh(markerColumns, { SIZE_MAX, SIZE_MAX });
                const double span = double(v.toNs - v.fromNs);
                for (const std::size_t k : inView) {
                    const double value = s.values[d.indices[k]];
                    const auto c = std::min(markerColumns - 1,
                        std::size_t(double(s.times[d.indices[k]] - v.fromNs) / span * double(markerColumns)));
                    auto& [low, high] = lowHigh[c];
                    if (low == SIZE_MAX || value < s.values[d.indices[low]])
                        low = k;
                    if (high == SIZE_MAX || value > s.values[d.indices[high]])
                        high = k;
                }
                expected.clear();
                for (const auto& [low, high] : lowHigh) {
                    if (low != SIZE_MAX)
                        expected.push_back(low);
                    if (high != SIZE_MAX && high != low)
                        expected.push_back(high);
                }
                std::sort(expected.begin(), expected.end());
            }
            const ViewPoints p = computeViewPoints(s, nullptr, &d, v);
            QCOMPARE(p.markerOutliers, expected);
            QCOMPARE(p.markers.size(), qsizetype(expected.size()));
        }
    }

    // Zoomed in: only what is in view, and with a pyramid the same as the plain scan.
    void zoomedViewMatchesThePlainScan()
    {
        od::Series s = series(300'000, 3);
        const od::Detection d = od::zscore(s.values, 3);
        const od::MinMaxPyramid pyramid(s.values);
        ViewRequest v = wholeView(s, 640);
        v.fromNs = s.times[100'000];
        v.toNs = s.times[160'000];
        const ViewPoints fast = computeViewPoints(s, &pyramid, &d, v);
        const ViewPoints plain = computeViewPoints(s, nullptr, &d, v);
        QCOMPARE(fast.line, plain.line);
        QCOMPARE(fast.markerOutliers, plain.markerOutliers);
        for (const std::size_t k : fast.markerOutliers) {
            QVERIFY(s.times[d.indices[k]] >= v.fromNs);
            QVERIFY(s.times[d.indices[k]] <= v.toNs);
        }
        QVERIFY(fast.line.front().x() <= double(v.fromNs / 1'000'000)); // runs to the left edge
        QVERIFY(fast.line.back().x() >= double(v.toNs / 1'000'000));
    }
};

QTEST_APPLESS_MAIN(TestViewPoints)
#include "tst_viewpoints.moc"
