// Series of very different sizes on one chart: normalised, each fills the plot's height; z-scored,
// each is drawn as standard deviations from its mean; tooltips keep real units.

#include "chart/chartviewstate.h"
#include "chart/metricchartview.h"

#include "core/report/explain.h"

#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>

#include <cmath>

namespace {

od::Series wave(const std::string& name, double centre, double amplitude)
{
    od::Series s;
    s.name = name;
    for (int i = 0; i < 2000; ++i) {
        s.times.push_back(std::int64_t(1'400'000'000'000 + i * 60'000LL) * 1'000'000);
        s.values.push_back(centre + amplitude * std::sin(i / 40.0));
    }
    return s;
}

std::pair<double, double> drawnExtent(const MetricChartView& view, std::size_t series)
{
    double lo = INFINITY, hi = -INFINITY;
    for (const QList<QPointF>& run : view.drawnRuns(series)) {
        for (const QPointF& p : run) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
    }
    return { lo, hi };
}

} // namespace

class TestValueScale : public QObject
{
    Q_OBJECT

    DatasetPtr m_data;

private slots:
    void initTestCase()
    {
        auto data = std::make_shared<Dataset>();
        // Taxi demand in tens of thousands next to a CPU percentage and a small artificial one.
        data->series = { wave("taxi", 20'000, 19'000), wave("cpu", 50, 3), wave("artificial", 0.5, 0.01) };
        finishDataset(*data);
        m_data = data;
    }

    void normalisedFillTheHeight_data()
    {
        QTest::addColumn<bool>("zoomed");
        QTest::addRow("everything") << false;
        QTest::addRow("zoomed in") << true;
    }
    void normalisedFillTheHeight()
    {
        QFETCH(bool, zoomed);
        MetricChartView view;
        view.resize(900, 500);
        view.setDataset(m_data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        // As they are, the two small series are flat lines at the bottom.
        const double asIsHeight = view.valueAxis()->max() - view.valueAxis()->min();
        QVERIFY((drawnExtent(view, 1).second - drawnExtent(view, 1).first) / asIsHeight < 0.001);

        view.setValueScale(ValueScale::Normalised);
        if (zoomed) {
            const auto [from, to] = view.fullRange();
            view.setViewRange(from, from + (to - from) / 4);
        }
        view.refreshNow();
        const double height = view.valueAxis()->max() - view.valueAxis()->min();
        for (std::size_t i = 0; i < 3; ++i) {
            const auto [lo, hi] = drawnExtent(view, i);
            QVERIFY2((hi - lo) / height > 0.9,
                qPrintable(QStringLiteral("series %1: %2..%3 of %4").arg(i).arg(lo).arg(hi).arg(height)));
            if (!zoomed) {
                QCOMPARE(std::round(lo * 1e6) / 1e6, 0.0);
                QCOMPARE(std::round(hi * 1e6) / 1e6, 100.0);
            }
        }
        QVERIFY(view.valueAxis()->titleText().contains(QLatin1Char('%')));
    }

    // The value axis hugs what is drawn, and still has at least two labelled ticks however short
    // the chart (a chart in a stack is 130 pixels high).
    void twoTicksAtAnyHeight_data()
    {
        QTest::addColumn<int>("height");
        for (const int h : { 130, 180, 300, 700 })
            QTest::addRow("%d px", h) << h;
    }
    void twoTicksAtAnyHeight()
    {
        QFETCH(int, height);
        auto data = std::make_shared<Dataset>();
        data->series = { wave("latency", 260, 175) }; // 85 .. 435, as the sample's api_latency_ms
        finishDataset(*data);
        MetricChartView view;
        view.resize(700, height);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        const QValueAxis* axis = view.valueAxis();
        QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
        const double step = axis->tickInterval();
        const int inside = int(std::floor(axis->max() / step) - std::ceil(axis->min() / step)) + 1;
        QVERIFY2(inside >= 2,
            qPrintable(
                QStringLiteral("%1 ticks of %2 in %3..%4").arg(inside).arg(step).arg(axis->min()).arg(axis->max())));
        // Hugs 85 .. 435: no more room than a picked point's ring (10 px) or 2% either side.
        const double pad = std::max(0.02, 10.0 / view.plotArea().height()) * 350;
        QVERIFY2(axis->min() >= 85 - pad - 1e-6 && axis->max() <= 435 + pad + 1e-6,
            qPrintable(QStringLiteral("%1..%2, pad %3").arg(axis->min()).arg(axis->max()).arg(pad)));
    }

    void zScored()
    {
        MetricChartView view;
        view.resize(900, 500);
        view.setDataset(m_data);
        view.setValueScale(ValueScale::ZScored);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        for (std::size_t i = 0; i < 3; ++i) {
            const SeriesExtent& e = m_data->extents[i];
            const auto [lo, hi] = drawnExtent(view, i);
            QVERIFY(std::abs(lo - (e.minValue - e.mean) / e.std) < 1e-9);
            QVERIFY(std::abs(hi - (e.maxValue - e.mean) / e.std) < 1e-9);
        }
    }

    // Markers are drawn scaled; what the tooltip says is the value in the file.
    void tooltipsInRealUnits()
    {
        auto detections = std::make_shared<std::vector<od::Detection>>(3);
        (*detections)[0].method = "zscore";
        (*detections)[0].indices = { 62 };
        MetricChartView view;
        view.resize(900, 500);
        view.setDataset(m_data);
        view.setDetections(detections);
        view.setValueScale(ValueScale::Normalised);
        view.refreshNow();
        QCOMPARE(view.outlierSeries()[0]->count(), 1);
        QVERIFY(view.outlierSeries()[0]->at(0).y() <= 100.0);
        const QString real = QString::fromStdString(od::formatNumber(m_data->series[0].values[62]));
        const QString drawn = QString::fromStdString(od::formatNumber(view.outlierSeries()[0]->at(0).y()));
        QVERIFY(real != drawn);
        QVERIFY2(view.markerText(0, 0).contains(QStringLiteral("value ") + real), qPrintable(view.markerText(0, 0)));
    }

    // The choice outlives a new dataset: it is the user's, not the data's.
    void scaleKeptForNewData()
    {
        MetricChartView view;
        view.setValueScale(ValueScale::Normalised);
        view.setDataset(m_data);
        QCOMPARE(view.viewState()->valueScale(), ValueScale::Normalised);
        QCOMPARE(valueScaleFromString(valueScaleToString(ValueScale::ZScored)), ValueScale::ZScored);
        QCOMPARE(valueScaleFromString(QStringLiteral("nonsense")), ValueScale::AsIs);
    }
};

QTEST_MAIN(TestValueScale)
#include "tst_valuescale.moc"
