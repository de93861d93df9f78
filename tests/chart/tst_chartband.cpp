// The band without hunting: drawn for the only series shown, or for the series asked for (the
// one of the picked outlier or incident); its legend entry says what made it; the picked point
// is ringed where its line draws it; a picture from the band's blocks alone (outlierctl
// render) is the picture from the band at every point (the app).

#include "chart/chartimage.h"
#include "chart/chartviewstate.h"
#include "chart/metricchartview.h"

#include "core/detect/detector.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>

#include <cmath>

namespace {

od::Series ramp(const std::string& name, double scale)
{
    od::Series s;
    s.name = name;
    for (int i = 0; i < 300; ++i) {
        s.times.push_back(std::int64_t(1'400'000'000'000 + i * 60'000LL) * 1'000'000);
        s.values.push_back(scale * (i % 30));
    }
    return s;
}

// A rolling rule's band around every point but the first few (where it has no window yet).
od::Detection rollingBand(const od::Series& s)
{
    od::Detection d;
    d.method = "rolling";
    d.indices = { 100 };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool warm = i >= 5;
        d.bandCentre.push_back(warm ? s.values[i] : NAN);
        d.bandLower.push_back(warm ? s.values[i] - 3 : NAN);
        d.bandUpper.push_back(warm ? s.values[i] + 3 : NAN);
    }
    return d;
}

// Minutes: a daily cycle, noise and a few spikes.
od::Series dailyCycle(int points)
{
    od::Series s;
    s.name = "load";
    for (int i = 0; i < points; ++i) {
        s.times.push_back(std::int64_t(1'700'000'000 + i * 60LL) * 1'000'000'000);
        s.values.push_back(100 + 30 * std::sin(i * 2 * M_PI / 1440) + (i * 7919 % 13) + (i % 3001 == 2500 ? 200 : 0));
    }
    return s;
}

QString legendLabel(MetricChartView& view, QAbstractSeries* series)
{
    const auto markers = view.chart()->legend()->markers(series);
    return markers.isEmpty() || !markers.front()->isVisible() ? QString() : markers.front()->label();
}

} // namespace

class TestChartBand : public QObject
{
    Q_OBJECT

    static DatasetPtr datasetOf(std::vector<od::Series> series)
    {
        auto data = std::make_shared<Dataset>();
        data->series = std::move(series);
        finishDataset(*data);
        return data;
    }

private slots:
    void onlySeriesByDefault()
    {
        const DatasetPtr data = datasetOf({ ramp("cpu", 1) });
        MetricChartView view;
        view.resize(800, 400);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDetections(std::make_shared<std::vector<od::Detection>>(1, rollingBand(data->series[0])));
        view.viewState()->setBandText(QStringLiteral("rolling k=4 window=30"));
        view.refreshNow();
        QVERIFY(view.band()->isVisible());
        QCOMPARE(view.bandShownFor(), std::optional<std::size_t>(0));
        QCOMPARE(legendLabel(view, view.band()), QStringLiteral("band: rolling k=4 window=30"));
        QVERIFY(view.band()->upperSeries()->count() > 10);
    }

    void askedForAmongSeveral()
    {
        const DatasetPtr data = datasetOf({ ramp("cpu", 1), ramp("memory", 10) });
        MetricChartView view;
        view.resize(800, 400);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDetections(std::make_shared<std::vector<od::Detection>>(
            std::vector { rollingBand(data->series[0]), rollingBand(data->series[1]) }));
        view.refreshNow();
        // Two series, none asked for: no band, none listed.
        QVERIFY(!view.band()->isVisible());
        QVERIFY(legendLabel(view, view.band()).isEmpty());
        view.setBandSeries(1);
        QVERIFY(view.band()->isVisible());
        QCOMPARE(view.bandShownFor(), std::optional<std::size_t>(1));
        QCOMPARE(legendLabel(view, view.band()), QStringLiteral("band"));
        // Hiding the other series leaves one: its band, without asking.
        view.setBandSeries(std::nullopt);
        QVERIFY(!view.band()->isVisible());
        view.setSeriesShown(1, false);
        QCOMPARE(view.bandShownFor(), std::optional<std::size_t>(0));
    }

    void pickedPointRinged()
    {
        const DatasetPtr data = datasetOf({ ramp("cpu", 1), ramp("memory", 10) });
        MetricChartView view;
        view.resize(800, 400);
        view.setDataset(data);
        view.refreshNow();
        QCOMPARE(view.highlight()->count(), 0);
        view.viewState()->setHighlight(PointRef { 1, 42 });
        QCOMPARE(view.highlight()->count(), 1);
        QCOMPARE(view.highlight()->at(0), *view.drawnPoint(1, 42));
        QCOMPARE(view.highlight()->at(0).y(), data->series[1].values[42]);
        QVERIFY(legendLabel(view, view.highlight()).isEmpty()); // not a series of its own
        view.setValueScale(ValueScale::Normalised);
        QCOMPARE(view.highlight()->at(0), *view.drawnPoint(1, 42)); // where the line now draws it
        view.setSeriesShown(1, false);
        QCOMPARE(view.highlight()->count(), 0);
    }

    void blocksAloneDrawTheSamePicture_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("alarm") << "alarm";
        QTest::newRow("rolling") << "rolling";
    }

    void blocksAloneDrawTheSamePicture()
    {
        QFETCH(QString, method);
        const QSize size(1000, 500);
        // The blocks alone do for a picture whose every column spans a block or more; a
        // shorter series keeps its band per point (little memory) and draws it point by point.
        QCOMPARE(bandDetailForPicture(64 * 1000 - 1, size.width()), od::BandDetail::PerPoint);
        QCOMPARE(bandDetailForPicture(64 * 1000, size.width()), od::BandDetail::Blocks);
        const DatasetPtr data = datasetOf({ dailyCycle(70 * 1440) });
        const od::Series& s = data->series[0];
        const auto params = od::defaultParams(method.toStdString());
        const auto full = od::detect(s.values, s.times, params);
        const auto blocks = od::detect(s.values, s.times, params, bandDetailForPicture(s.size(), size.width()));
        QVERIFY(full.ok() && blocks.ok());
        QVERIFY(!full->bandLower.empty() && blocks->bandLower.empty());
        const QImage app = renderChartImage(data, std::make_shared<std::vector<od::Detection>>(1, *full), size);
        const QImage render = renderChartImage(data, std::make_shared<std::vector<od::Detection>>(1, *blocks), size);
        QCOMPARE(render, app);
        // And the band is there to compare: without it the picture differs.
        od::Detection none = *full;
        none.bandLower.clear();
        none.bandUpper.clear();
        none.bandBlocks = {};
        QVERIFY(renderChartImage(data, std::make_shared<std::vector<od::Detection>>(1, none), size) != app);
    }
};

QTEST_MAIN(TestChartBand)
#include "tst_chartband.moc"
