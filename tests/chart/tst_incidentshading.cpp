// Incident bands as the eye sees them: where two incidents' bands overlap, the shade is the same
// as where one lies alone (no darker layers that mean nothing), and outside every band the plot
// is untinted. bands() still lists one band per incident, for the window's counts.

#include "chart/incidentshading.h"
#include "chart/metricchartview.h"

#include <QChart>
#include <QTest>

#include <map>

namespace {

constexpr std::int64_t kStartNs = 1'400'000'000'000'000'000;
constexpr std::int64_t kStepNs = 60'000'000'000; // a minute

od::Series flat()
{
    od::Series s;
    s.name = "flat";
    for (int i = 0; i < 300; ++i) {
        s.times.push_back(kStartNs + i * kStepNs);
        s.values.push_back(i % 2); // a thin zigzag near the middle, away from the sampled row
    }
    return s;
}

// The colour most pixels of a short horizontal run around (x, y) have: a grid line crossing the
// run cannot decide it.
QRgb colourAround(const QImage& image, int x, int y)
{
    std::map<QRgb, int> counts;
    for (int dx = -4; dx <= 4; ++dx)
        ++counts[image.pixel(x + dx, y)];
    return std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

} // namespace

class TestIncidentShading : public QObject
{
    Q_OBJECT

private slots:
    void overlappingBandsShadeAsOne()
    {
        auto data = std::make_shared<Dataset>();
        data->series = { flat() };
        finishDataset(*data);
        MetricChartView view;
        view.resize(900, 400);
        view.setDataset(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // A from minute 40 to 140, B from 100 to 200: they overlap from 100 to 140.
        auto spans = std::make_shared<std::vector<IncidentSpan>>();
        spans->push_back({ 0, kStartNs + 40 * kStepNs, kStartNs + 140 * kStepNs, false });
        spans->push_back({ 0, kStartNs + 100 * kStepNs, kStartNs + 200 * kStepNs, false });
        view.setIncidentSpans(spans);
        view.refreshNow();

        const auto bands = view.incidentShading()->bands();
        QCOMPARE(bands.size(), std::size_t(2)); // one per incident, as the window counts them
        QRectF a = bands[0].rect, b = bands[1].rect;
        if (b.left() < a.left())
            std::swap(a, b);
        QVERIFY(b.left() < a.right()); // they do overlap on screen

        const QImage image = view.grab().toImage();
        const auto at = [&](qreal chartX) {
            const QPoint p = view.mapFromScene(view.chart()->mapToScene(QPointF(chartX, 0)));
            const QPoint top = view.mapFromScene(view.chart()->mapToScene(view.chart()->plotArea().topLeft()));
            const int y = top.y() + int(view.chart()->plotArea().height() * 0.2);
            return colourAround(image, p.x(), y);
        };
        const QRgb aAlone = at((a.left() + b.left()) / 2);
        const QRgb both = at((b.left() + a.right()) / 2);
        const QRgb bAlone = at((a.right() + b.right()) / 2);
        const QRgb none = at(b.right() + (view.chart()->plotArea().right() - b.right()) / 2);
        QCOMPARE(both, aAlone);
        QCOMPARE(bAlone, aAlone);
        QVERIFY2(none != aAlone, "the plot outside every band is tinted like a band");
    }
};

QTEST_MAIN(TestIncidentShading)
#include "tst_incidentshading.moc"
