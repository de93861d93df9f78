#pragma once
// The band's fill, painted from its coverage worked out column by column (bandcoverage.h) or,
// where the painter does not allow that, strip by strip instead of as one path.
//
// Coverage: with an antialiased solid fill drawn over, one device pixel a pixel (a plain
// screen, `outlierctl render`), the band's share of each pixel is integrated exactly and the
// band drawn as one image: the picture of Qt's fill but for the rounding of 8-bit alpha (one
// step a channel), and at pixels where the edges cross, where Qt's winding fill cancels the two
// windings' shares and the coverage counts both. A zoom step on 10M points: median 33 -> 20 ms.
//
// Strips (high-density screens, pens, patterns), pixel for pixel the same as Qt's own fill.
// Qt's antialiasing rasterizer slows down badly on one path that swings up and down every few
// pixels (the rolling or seasonal band of a long series: a daily cycle squeezed into a pixel
// column or two): the band of a 10-million-row file took it over a second. The band is cut
// along vertical chords into pieces a few pixels wide, and each strip of device pixel columns
// is filled from only the pieces that reach into it, clipped to its columns. A piece is a
// closed outline, so one lying wholly left of a pixel adds nothing to that pixel's coverage
// and the chords cancel where pieces meet: every pixel gets the coverage the whole path gives
// it, while each fill stays small.
//
// Qt Charts keeps the area series' path in an item of its own (private API); BandFill goes in
// as that item's child, paints its path (shape()), and the series' item is told it has nothing
// to paint. Where no such item is found, Qt Charts keeps painting the band itself.

#include <QGraphicsItem>

class QAreaSeries;
class QChart;
class QPainter;
class QPainterPath;

// Fills `band` with the painter's brush and pen as painter.drawPath(band) would, from its
// coverage or in strips when it is a band outline (one closed subpath of lines: an upper edge left to right,
// then a lower edge back, their points paired on the same x); any other path is drawn whole.
void fillBand(QPainter& painter, const QPainterPath& band);

class BandFill : public QGraphicsItem
{
public:
    // Takes over the fill of `band` (already added to `chart`); nullptr when Qt Charts' item
    // for it cannot be told apart, and Qt Charts then paints it as before. The item is owned
    // by the series' item and goes with it.
    static BandFill* attach(QChart* chart, QAreaSeries* band);

    // The plot area or the band changed: the area this item paints.
    void refresh();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    BandFill(QGraphicsItem* seriesItem, QChart* chart, QAreaSeries* band);

    QChart* m_chart;
    QAreaSeries* m_band;
    QRectF m_bounds;
};
