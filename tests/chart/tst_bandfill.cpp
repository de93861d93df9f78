// The band filled strip by strip gives the very pixels of one fill of the whole path: bands
// that swing every pixel or every few, sparse ones, ones pinched to nothing, at fractional
// offsets and on a high-density screen; paths that are no band are drawn whole. In a chart, the
// strips take over from Qt Charts' own fill of the band and draw the same picture.

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

#include <cmath>

namespace {

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
QImage filled(const QPainterPath& path, const QTransform& transform, bool inStrips)
{
    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(transform);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(31, 119, 180, 40));
    painter.setClipRect(QRectF(3.3, 41.7, 690.45, 380.2));
    if (inStrips)
        fillBand(painter, path);
    else
        painter.drawPath(path);
    return image;
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
    void samePixelsAsOneFill_data()
    {
        QTest::addColumn<QPainterPath>("path");
        QTest::addColumn<QTransform>("transform");
        const QTransform offset = QTransform::fromTranslate(0.25, 30.6);
        QTest::addRow("a swing every pixel") << bandOutline(700, 11.3, 0) << offset;
        QTest::addRow("four points a pixel") << bandOutline(2800, 11.3, 0) << offset;
        QTest::addRow("a point every 7 pixels") << bandOutline(100, 5, 0) << offset;
        QTest::addRow("pinched to nothing every 9 points") << bandOutline(700, 23, 9) << offset;
        QTest::addRow("high-density screen") << bandOutline(700, 11.3, 0) << QTransform(2, 0, 0, 2, 0.5, 11.25);
        QTest::addRow("overlapping itself, winding rule") << bandOutline(700, 11.3, 0, Qt::WindingFill) << offset;
        QTest::addRow("whole pixel offsets") << bandOutline(700, 11.3, 0) << QTransform::fromTranslate(52, 40);
        QPainterPath curve(QPointF(30, 300));
        for (int i = 0; i < 100; ++i)
            curve.cubicTo(QPointF(40 + 6 * i, 100), QPointF(43 + 6 * i, 500), QPointF(46 + 6 * i, 300));
        curve.closeSubpath();
        QTest::addRow("curves: drawn whole") << curve << offset;
    }

    void samePixelsAsOneFill()
    {
        QFETCH(QPainterPath, path);
        QFETCH(QTransform, transform);
        const QImage whole = filled(path, transform, false);
        QVERIFY(pixelsOtherThan(whole, qRgb(255, 255, 255)) > 10000);
        QCOMPARE(filled(path, transform, true), whole);
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

        BandFill* fill = nullptr;
        for (QGraphicsItem* item : view.scene()->items()) {
            if (auto* f = dynamic_cast<BandFill*>(item))
                fill = f;
        }
        QVERIFY2(fill, "Qt Charts' item for the band was not found: it paints the band itself, slowly");
        QVERIFY(fill->parentItem()->flags() & QGraphicsItem::ItemHasNoContents);

        const auto picture = [&] {
            QImage image(view.chart()->geometry().size().toSize(), QImage::Format_ARGB32_Premultiplied);
            QPainter painter(&image);
            paintChart(view, painter);
            return image;
        };
        const QImage strips = picture();
        // Qt Charts painting its own band, as before.
        fill->setVisible(false);
        fill->parentItem()->setFlag(QGraphicsItem::ItemHasNoContents, false);
        QCOMPARE(strips, picture());
        // And the band is there to see.
        view.band()->setVisible(false);
        QVERIFY(picture() != strips);
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
