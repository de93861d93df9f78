// Incident bands as the eye sees them: where two incidents' bands overlap, the shade is the same
// as where one lies alone (no darker layers that mean nothing), and outside every band the plot
// is untinted. bands() still lists one band per incident, for the window's counts.

#include "chart/incidentshading.h"
#include "chart/metricchartview.h"

#include <QChart>
#include <QTest>
#include <QValueAxis>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>
#include <vector>

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

    // bands() passes over the spans out of view by a search on their start; it must give the
    // bands of every span the plain rule gives, zoomed anywhere, also where the axis' x steps
    // back an hour (a local zone's change, as the chart's UTC axis maps times) and for spans
    // longer than the view, one-point spans and series not drawn.
    void bandsAreThoseOfEverySpanInView()
    {
        QChart chart;
        auto* axis = new QValueAxis;
        chart.addAxis(axis, Qt::AlignBottom);
        chart.resize(1000, 400);
        constexpr std::int64_t hourNs = 3'600'000'000'000;
        constexpr std::int64_t changeNs = kStartNs + 500 * hourNs;
        const auto chartX = [](std::size_t series, std::int64_t ns) {
            // Milliseconds, an hour back after the change; the second series a day later.
            const double ms = double(ns / 1'000'000) - (ns >= changeNs ? 3'600'000.0 : 0.0);
            return series == 1 ? ms + 86'400'000.0 : ms;
        };
        const auto drawn = [](std::size_t series) { return series != 2; };
        IncidentShading shading(&chart, axis, chartX, drawn);
        std::mt19937_64 rng(7);
        auto spans = std::make_shared<std::vector<IncidentSpan>>();
        for (int i = 0; i < 3000; ++i) {
            const std::int64_t start = kStartNs + std::int64_t(rng() % (1000 * hourNs));
            const std::int64_t length = rng() % 10 == 0 ? std::int64_t(rng() % (200 * hourNs))
                                                        : (rng() % 3 == 0 ? 0 : std::int64_t(rng() % hourNs));
            spans->push_back({ std::size_t(rng() % 3), start, start + length, rng() % 4 == 0 });
        }
        // Crowded around the change, where the axis' x goes back an hour.
        for (int i = 0; i < 400; ++i) {
            const std::int64_t start = changeNs - 2 * hourNs + std::int64_t(rng() % (4 * hourNs));
            spans->push_back({ std::size_t(rng() % 2), start, start + std::int64_t(rng() % (hourNs / 4)), false });
        }
        shading.setSpans(spans);
        QVERIFY(chart.plotArea().width() > 100);
        const double startMs = double(kStartNs / 1'000'000), hourMs = 3'600'000;
        const double changeMs = double(changeNs / 1'000'000);
        for (int view = 0; view < 260; ++view) {
            double from = startMs + double(rng() % 1100) * hourMs - 50 * hourMs;
            const double width = view % 3 == 0 ? double(1 + rng() % 5) * hourMs : double(1 + rng() % 600) * hourMs;
            // The last views end, or begin, in the hour before the change.
            if (view >= 200)
                from = changeMs - double(rng() % 60) * 60'000 - (view % 2 == 0 ? width : 0);
            axis->setRange(from, from + width);
            const double lo = axis->min(), hi = axis->max();
            const QRectF plot = chart.plotArea(); // which the axis' labels may have changed
            std::vector<std::tuple<qreal, qreal, bool>> expected, got;
            for (const IncidentSpan& span : *spans) {
                if (!drawn(span.series))
                    continue;
                const auto pixel = [&](std::int64_t ns) {
                    return plot.left() + (chartX(span.series, ns) - lo) / (hi - lo) * plot.width();
                };
                qreal left = pixel(span.startNs), right = pixel(span.endNs);
                if (right - left < 8) {
                    const qreal middle = (left + right) / 2;
                    left = middle - 4;
                    right = middle + 4;
                }
                left = std::max(left, plot.left());
                right = std::min(right, plot.right());
                if (right > left) {
                    // As a QRectF keeps it (a left and a width).
                    const QRectF rect(QPointF(left, plot.top()), QPointF(right, plot.bottom()));
                    expected.emplace_back(rect.left(), rect.right(), span.acknowledged);
                }
            }
            for (const IncidentShading::Band& band : shading.bands())
                got.emplace_back(band.rect.left(), band.rect.right(), band.acknowledged);
            std::sort(expected.begin(), expected.end());
            std::sort(got.begin(), got.end());
            QCOMPARE(got, expected);
        }
    }
};

QTEST_MAIN(TestIncidentShading)
#include "tst_incidentshading.moc"
