// The band filled strip by strip gives the very pixels of one fill of the whole path: bands
// that swing every pixel or every few, sparse ones, ones pinched to nothing, at fractional
// offsets and on a high-density screen; paths that are no band are drawn whole. In a chart, the
// strips take over from Qt Charts' own fill of the band and draw the same picture.

#include "chart/bandcoverage.h"
#include "chart/bandfill.h"
#include "chart/chartimage.h"
#include "chart/metricchartview.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPath>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// The window once the chart has settled: a change of the plot area in one layout pass asks for
// a new decimation 30 ms later, which can change the picture again (a slow machine, or one under
// a sanitizer, takes a grab on either side of it). Two grabs in a row alike, 50 ms apart, with
// no refresh pending: at most a second.
QImage settledGrab(QWidget& window, MetricChartView& view)
{
    QImage last;
    for (int i = 0; i < 20; ++i) {
        view.refreshNow();
        QApplication::processEvents();
        QTest::qWait(50);
        QImage image = window.grab().toImage();
        if (image == last)
            return image;
        last = std::move(image);
    }
    return last;
}

// The outline Qt Charts makes of an area series: the upper edge left to right, then the lower
// edge back, closed. Points swing with the given period (in points) and a little noise.
QPainterPath bandOutline(int points, qreal period, qreal pinchEvery, Qt::FillRule rule = Qt::OddEvenFill)
{
    QList<QPointF> upper, lower;
    for (int i = 0; i < points; ++i) {
        const qreal x = 20.37 + 700.0 * i / points;
        const qreal middle = 220 + 150 * std::sin(i * 2 * M_PI / period) + 7 * std::sin(i * 1.7);
        const bool pinched = pinchEvery > 0 && std::fmod(i, pinchEvery) == 0;
        upper.append(QPointF(x, middle - (pinched ? 0 : 12 + 5 * std::cos(i * 0.9))));
        // With the winding rule the lower edge crosses the upper one now and then: a band that
        // crosses itself, wound the other way round where it does, filled by its own rule.
        const qreal below = rule == Qt::WindingFill && i % 40 >= 25 ? -45 : 20;
        lower.append(QPointF(x, middle + (pinched ? 0 : below + 5 * std::sin(i * 1.3))));
    }
    QPainterPath path(upper.front());
    for (qsizetype i = 1; i < upper.size(); ++i)
        path.lineTo(upper[i]);
    for (qsizetype i = lower.size() - 1; i >= 0; --i)
        path.lineTo(lower[i]);
    path.closeSubpath();
    path.setFillRule(rule);
    return path;
}

// Fills `path` as the band's item does: antialiased, translucent, clipped to a fractional plot.
// With a device pixel ratio of 2 (a high-density screen) fillBand fills in strips.
QImage filled(const QPainterPath& path, const QTransform& transform, bool byFillBand, qreal pixelRatio = 1)
{
    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(pixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(transform);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(31, 119, 180, 40));
    painter.setClipRect(QRectF(3.3, 41.7, 690.45, 380.2));
    if (byFillBand)
        fillBand(painter, path);
    else
        painter.drawPath(path);
    return image;
}

// Device pixel columns where a band's edges cross: between the pairs of points (upper edge
// point i, the lower edge point under it) whose order differs, a column either side included.
std::vector<bool> crossingColumns(const QPainterPath& band, const QTransform& transform, int width)
{
    std::vector<bool> columns(std::size_t(width), false);
    const auto point = [&](int i) { return QPointF(band.elementAt(i).x, band.elementAt(i).y); };
    const int n = band.elementCount() - (point(band.elementCount() - 1) == point(0) ? 1 : 0); // closed: once
    const auto at = [&](int i) { return transform.map(point(i)); };
    for (int i = 1; i < n / 2; ++i) {
        const QPointF u0 = at(i - 1), l0 = at(n - i), u1 = at(i), l1 = at(n - 1 - i);
        if ((l0.y() > u0.y()) == (l1.y() > u1.y()))
            continue;
        for (int c = int(std::floor(u0.x())) - 1; c <= int(std::ceil(u1.x())) + 1; ++c) {
            if (c >= 0 && c < width)
                columns[std::size_t(c)] = true;
        }
    }
    return columns;
}

// Pixels whose channels differ by more than one step, outside the columns allowed to differ.
int pixelsApart(const QImage& a, const QImage& b, const std::vector<bool>& allowed = {})
{
    int count = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            const int d = std::max({ std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                std::abs(qBlue(p) - qBlue(q)), std::abs(qAlpha(p) - qAlpha(q)) });
            count += d > 1 && !(std::size_t(x) < allowed.size() && allowed[std::size_t(x)]);
        }
    }
    return count;
}

// The item that fills the chart's band, or null when Qt Charts fills it itself.
BandFill* bandFillOf(MetricChartView& view)
{
    BandFill* fill = nullptr;
    for (QGraphicsItem* item : view.scene()->items()) {
        if (auto* f = dynamic_cast<BandFill*>(item))
            fill = f;
    }
    return fill;
}

int pixelsOtherThan(const QImage& image, QRgb colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixel(x, y) != colour;
    }
    return count;
}

} // namespace

class TestBandFill : public QObject
{
    Q_OBJECT

private slots:
    // fillBand works the band's coverage out column by column (bandcoverage.h): the picture of
    // one fill of the whole path but for the rounding of 8-bit alpha, at most one step a
    // channel. Where the edges cross (a band wound the other way for a while), Qt's winding
    // fill cancels the two windings' shares of the pixel and the coverage counts both, the area
    // the band really covers: those columns may differ by more. On a high-density screen it
    // fills in strips, the very same pixels.
    void samePixelsAsOneFill_data()
    {
        QTest::addColumn<QPainterPath>("path");
        QTest::addColumn<QTransform>("transform");
        QTest::addColumn<qreal>("pixelRatio");
        const QTransform offset = QTransform::fromTranslate(0.25, 30.6);
        QTest::addRow("a swing every pixel") << bandOutline(700, 11.3, 0) << offset << 1.0;
        QTest::addRow("four points a pixel") << bandOutline(2800, 11.3, 0) << offset << 1.0;
        QTest::addRow("a point every 7 pixels") << bandOutline(100, 5, 0) << offset << 1.0;
        QTest::addRow("pinched to nothing every 9 points") << bandOutline(700, 23, 9) << offset << 1.0;
        QTest::addRow("scaled by 2") << bandOutline(700, 11.3, 0) << QTransform(2, 0, 0, 2, 0.5, 11.25) << 1.0;
        QTest::addRow("overlapping itself, winding rule")
            << bandOutline(700, 11.3, 0, Qt::WindingFill) << offset << 1.0;
        QTest::addRow("whole pixel offsets") << bandOutline(700, 11.3, 0) << QTransform::fromTranslate(52, 40) << 1.0;
        QTest::addRow("high-density screen: strips") << bandOutline(700, 11.3, 0) << offset << 2.0;
        QTest::addRow("high-density screen, winding: strips")
            << bandOutline(700, 11.3, 0, Qt::WindingFill) << offset << 2.0;
        QPainterPath curve(QPointF(30, 300));
        for (int i = 0; i < 100; ++i)
            curve.cubicTo(QPointF(40 + 6 * i, 100), QPointF(43 + 6 * i, 500), QPointF(46 + 6 * i, 300));
        curve.closeSubpath();
        QTest::addRow("curves: drawn whole") << curve << offset << 1.0;
    }

    void samePixelsAsOneFill()
    {
        QFETCH(QPainterPath, path);
        QFETCH(QTransform, transform);
        QFETCH(qreal, pixelRatio);
        const QImage whole = filled(path, transform, false, pixelRatio);
        QVERIFY(pixelsOtherThan(whole, qRgb(255, 255, 255)) > 10000);
        const QImage ours = filled(path, transform, true, pixelRatio);
        if (pixelRatio != 1) {
            QCOMPARE(ours, whole);
            return;
        }
        QCOMPARE(ours.size(), whole.size());
        const std::vector<bool> crossings = crossingColumns(path, transform, whole.width());
        QCOMPARE(pixelsApart(ours, whole, crossings), 0);
        if (path.fillRule() == Qt::WindingFill)
            QVERIFY(pixelsApart(ours, whole) > 0); // the crossings are there, and do differ
        else
            QCOMPARE(pixelsApart(ours, whole), 0);
    }

    // The coverage itself: a box with fractional sides covers each pixel by its share, and on
    // any band the shares add up to the area between the edges (the trapezoids between points).
    void coverageIsTheAreaInEachPixel()
    {
        const std::vector<QPointF> upper { { 1.5, 1.25 }, { 3.5, 1.25 } }, lower { { 1.5, 3.75 }, { 3.5, 3.75 } };
        std::vector<float> coverage;
        addBandCoverage(upper, lower, QRect(0, 0, 5, 5), coverage);
        const auto at = [&](int x, int y) { return coverage[std::size_t(y * 5 + x)]; };
        QCOMPARE(at(0, 2), 0.0f);
        QCOMPARE(at(1, 1), 0.5f * 0.75f);
        QCOMPARE(at(2, 2), 1.0f);
        QCOMPARE(at(3, 3), 0.5f * 0.75f);
        QCOMPARE(at(2, 4), 0.0f);

        std::vector<QPointF> up, down;
        double area = 0;
        for (int i = 0; i < 400; ++i) {
            const double x = 3.3 + i * 0.77, middle = 60 + 40 * std::sin(i * 0.9), half = 15 * std::cos(i * 0.37);
            up.emplace_back(x, middle - half); // crosses the lower edge where the cosine changes sign
            down.emplace_back(x, middle + half);
        }
        for (std::size_t i = 1; i < up.size(); ++i) {
            const double w = up[i].x() - up[i - 1].x();
            const double d0 = down[i - 1].y() - up[i - 1].y(), d1 = down[i].y() - up[i].y();
            area += (d0 >= 0) == (d1 >= 0) ? w * std::abs(d0 + d1) / 2
                                           : w * (d0 * d0 + d1 * d1) / (2 * std::abs(d0 - d1));
        }
        addBandCoverage(up, down, QRect(0, 0, 320, 130), coverage = {});
        double sum = 0;
        for (const float c : coverage) {
            QVERIFY(c >= -1e-4f && c <= 1.0001f);
            sum += c;
        }
        QVERIFY2(std::abs(sum - area) < 1e-3 * area, qPrintable(QStringLiteral("%1 vs %2").arg(sum).arg(area)));
    }

    void takesOverTheChartsBand()
    {
        // A rolling band that swings with a cycle of 8 points, 4000 points across the plot.
        auto data = std::make_shared<Dataset>();
        od::Series s;
        s.name = "cycle";
        od::Detection d;
        d.method = "rolling";
        for (int i = 0; i < 4000; ++i) {
            s.times.push_back((1'700'000'000LL + 60LL * i) * 1'000'000'000);
            s.values.push_back(100 * std::sin(i * 2 * M_PI / 8));
            d.bandCentre.push_back(s.values.back());
            d.bandLower.push_back(s.values.back() - 15);
            d.bandUpper.push_back(s.values.back() + 15);
        }
        data->series = { s };
        finishDataset(*data);
        MetricChartView view;
        view.setDataset(data);
        view.setDetections(std::make_shared<std::vector<od::Detection>>(1, d));
        layOutForDrawing(view, QSize(900, 500));
        QVERIFY(view.band()->isVisible());

        BandFill* fill = bandFillOf(view);
        QVERIFY2(fill, "Qt Charts' item for the band was not found: it paints the band itself, slowly");
        QVERIFY(fill->parentItem()->flags() & QGraphicsItem::ItemHasNoContents);

        const auto picture = [&] {
            QImage image(view.chart()->geometry().size().toSize(), QImage::Format_ARGB32_Premultiplied);
            QPainter painter(&image);
            paintChart(view, painter);
            return image;
        };
        const QImage ours = picture();
        // Qt Charts painting its own band, as before (but for the rounding of 8-bit alpha).
        fill->setVisible(false);
        fill->parentItem()->setFlag(QGraphicsItem::ItemHasNoContents, false);
        QCOMPARE(pixelsApart(ours, picture()), 0);
        // And the band is there to see.
        view.band()->setVisible(false);
        QVERIFY(picture() != ours);
    }

    // On screen the chart is painted inside its window, through a painter redirected to the
    // window's backing store: the band must land where it lands in a picture (it was drawn a
    // second time, shifted by the chart's place in the window).
    void onScreenWhereQtChartsPutsIt()
    {
        auto data = std::make_shared<Dataset>();
        od::Series s;
        s.name = "cycle";
        od::Detection d;
        d.method = "rolling";
        d.bandCentreIsMiddle = true;
        for (int i = 0; i < 4000; ++i) {
            s.times.push_back((1'700'000'000LL + 60LL * i) * 1'000'000'000);
            s.values.push_back(100 * std::sin(i * 2 * M_PI / 1500));
            d.bandLower.push_back(s.values.back() - 25 - 40 * (i % 700 < 20));
            d.bandUpper.push_back(s.values.back() + 25 + 10 * std::sin(i * 2 * M_PI / 7));
        }
        data->series = { s };
        finishDataset(*data);
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        layout->setContentsMargins(137, 41, 9, 13);
        auto* view = new MetricChartView;
        layout->addWidget(view);
        window.resize(1100, 560);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setDataset(data);
        view->setDetections(std::make_shared<std::vector<od::Detection>>(1, d));
        BandFill* fill = bandFillOf(*view);
        QVERIFY(fill);
        const QImage ours = settledGrab(window, *view);
        fill->setVisible(false);
        fill->parentItem()->setFlag(QGraphicsItem::ItemHasNoContents, false);
        view->viewport()->update();
        const QImage qts = settledGrab(window, *view);
        QCOMPARE(ours.size(), qts.size());
        QCOMPARE(
            pixelsApart(ours.convertToFormat(QImage::Format_ARGB32), qts.convertToFormat(QImage::Format_ARGB32)), 0);
    }

    // A second file opened in the same chart: Qt Charts deletes the first band's item later,
    // so at first two items paint area series; the fill must still be taken over once the band
    // is drawn, or Qt Charts paints the band itself (a zoom-out of 10M points took 0.4 s more).
    void takesOverAgainForTheNextFile()
    {
        const auto dataOf = [](double scale) {
            auto data = std::make_shared<Dataset>();
            od::Series s;
            s.name = "cycle";
            for (int i = 0; i < 4000; ++i) {
                s.times.push_back((1'700'000'000LL + 60LL * i) * 1'000'000'000);
                s.values.push_back(scale * std::sin(i * 2 * M_PI / 8));
            }
            data->series = { s };
            finishDataset(*data);
            return data;
        };
        const auto bandOf = [](const od::Series& s) {
            od::Detection d;
            d.method = "rolling";
            d.bandCentreIsMiddle = true;
            for (const double v : s.values) {
                d.bandLower.push_back(v - 15);
                d.bandUpper.push_back(v + 15);
            }
            return d;
        };
        // Shown, as in the window: there Qt Charts keeps the old item until the event loop runs.
        MetricChartView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (const double scale : { 100.0, 50.0 }) {
            const DatasetPtr data = dataOf(scale);
            view.setDataset(data);
            view.setDetections(std::make_shared<std::vector<od::Detection>>(1, bandOf(data->series[0])));
            view.refreshNow();
            QApplication::processEvents();
            view.refreshNow();
            QVERIFY(view.band()->isVisible());
            int fills = 0;
            for (QGraphicsItem* item : view.scene()->items()) {
                if (auto* f = dynamic_cast<BandFill*>(item)) {
                    ++fills;
                    QVERIFY(f->parentItem()->flags() & QGraphicsItem::ItemHasNoContents);
                }
            }
            QCOMPARE(fills, 1);
        }
    }
};

QTEST_MAIN(TestBandFill)
#include "tst_bandfill.moc"
