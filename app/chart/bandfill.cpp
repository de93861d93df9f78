#include "chart/bandfill.h"

#include "chart/bandcoverage.h"

#include <QAreaSeries>
#include <QByteArrayView>
#include <QChart>
#include <QGraphicsObject>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// Pieces about this many device pixels wide, filled in strips of this many pixel columns:
// small enough that each fill is quick on a band that swings every pixel, large enough that
// the number of fills stays in the hundreds.
constexpr qreal kPiecePixels = 4;
constexpr int kStripPixels = 8;
// A path of fewer elements fills fast enough whole.
constexpr int kWholePathElements = 64;

// The points of a path that is one subpath of straight lines, without a closing point equal
// to the first (a fill closes it the same way); empty for any other path.
std::vector<QPointF> ringOf(const QPainterPath& path)
{
    std::vector<QPointF> ring;
    ring.reserve(std::size_t(path.elementCount()));
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.type != (i == 0 ? QPainterPath::MoveToElement : QPainterPath::LineToElement))
            return {};
        ring.emplace_back(e.x, e.y);
    }
    if (ring.size() > 1 && ring.back() == ring.front())
        ring.pop_back();
    return ring;
}

struct Piece
{
    QPainterPath outline;
    qreal left, right; // device x
};

// The ring cut along vertical chords (ring[i] to ring[j], same x, i going up as j comes down:
// the band's upper point and the lower one below it) into closed pieces. Each chord is drawn
// down in the piece on one side and up in the piece on the other, so the pieces together add
// up to the ring in every pixel.
std::vector<Piece> piecesOf(const std::vector<QPointF>& ring, const QTransform& device)
{
    std::vector<Piece> pieces;
    const auto deviceX = [&](const QPointF& p) { return p.x() * device.m11() + device.dx(); };
    const auto piece = [&](std::initializer_list<std::pair<std::size_t, std::size_t>> runs) {
        Piece p { QPainterPath(), deviceX(ring[runs.begin()->first]), deviceX(ring[runs.begin()->first]) };
        for (const auto& [from, to] : runs) {
            for (std::size_t t = from; t <= to; ++t) {
                if (p.outline.elementCount() == 0)
                    p.outline.moveTo(ring[t]);
                else
                    p.outline.lineTo(ring[t]);
                p.left = std::min(p.left, deviceX(ring[t]));
                p.right = std::max(p.right, deviceX(ring[t]));
            }
        }
        p.outline.closeSubpath();
        pieces.push_back(std::move(p));
    };
    std::size_t top = 0, bottom = ring.size() - 1;
    qreal cutAt = deviceX(ring[0]);
    for (std::size_t i = 1; i + 2 < ring.size() - i; ++i) {
        const std::size_t j = ring.size() - 1 - i;
        if (ring[i].x() != ring[j].x() || std::abs(deviceX(ring[i]) - cutAt) < kPiecePixels)
            continue;
        piece({ { top, i }, { j, bottom } });
        top = i;
        bottom = j;
        cutAt = deviceX(ring[i]);
    }
    piece({ { top, bottom } });
    return pieces;
}

// The ring as a band's two edges in device pixels: ring[i] over ring[n - 1 - i] on the same x,
// x never decreasing along the upper edge. False when the ring is not such a band.
bool edgesOf(const std::vector<QPointF>& ring, const QTransform& device, std::vector<QPointF>& upper,
    std::vector<QPointF>& lower)
{
    const std::size_t n = ring.size();
    if (n % 2 != 0)
        return false;
    upper.clear();
    lower.clear();
    for (std::size_t i = 0; i < n / 2; ++i) {
        const QPointF& a = ring[i];
        const QPointF& b = ring[n - 1 - i];
        if (a.x() != b.x() || (i > 0 && a.x() < ring[i - 1].x()))
            return false;
        upper.push_back(device.map(a));
        lower.push_back(device.map(b));
    }
    return true;
}

// Fills the band from its coverage (bandcoverage.h) where the painter allows it: an
// antialiased solid fill, drawn over, one device pixel a pixel. False where it does not.
bool fillByCoverage(QPainter& painter, const QPainterPath& band, const std::vector<QPointF>& ring)
{
    QPaintDevice* target = painter.device();
    if (!target || target->devicePixelRatioF() != 1 || !painter.testRenderHint(QPainter::Antialiasing)
        || painter.brush().style() != Qt::SolidPattern
        || painter.compositionMode() != QPainter::CompositionMode_SourceOver)
        return false;
    const QTransform device = painter.deviceTransform();
    std::vector<QPointF> upper, lower;
    if (!edgesOf(ring, device, upper, lower))
        return false;
    // The pixels the band and the clip share. On screen the painter is redirected into the
    // window's backing store, so the device's own size says nothing of where its pixels are:
    // no clip, no fill by coverage.
    if (!painter.hasClipping())
        return false;
    const QRect area = device.mapRect(band.boundingRect()).toAlignedRect()
        & device.mapRect(painter.clipBoundingRect()).toAlignedRect();
    if (area.isEmpty())
        return true;
    if (qint64(area.width()) * area.height() > (qint64(1) << 26))
        return false; // a picture of over 64M pixels: leave it to Qt
    const QImage image = bandImage(upper, lower, area, painter.brush().color());
    if (image.isNull())
        return false;
    // Drawn through the painter's own transform (whatever redirection it holds) onto exactly
    // the device pixels of area: 1:1, no resampling.
    painter.drawImage(device.inverted().mapRect(QRectF(area)), image);
    return true;
}

// Qt Charts' item that paints an area series: a private class, known by its name.
bool isAreaItem(QGraphicsItem* item)
{
    const QGraphicsObject* object = item->toGraphicsObject();
    return object && QByteArrayView(object->metaObject()->className()).endsWith("AreaChartItem");
}

void collectAreaItems(QGraphicsItem* item, QList<QGraphicsItem*>& found)
{
    for (QGraphicsItem* child : item->childItems()) {
        if (isAreaItem(child))
            found.append(child);
        collectAreaItems(child, found);
    }
}

} // namespace

void fillBand(QPainter& painter, const QPainterPath& band)
{
    const QTransform device = painter.deviceTransform();
    // Strips need x to map to device columns alone; an outline needs a stroke of its own.
    const bool upright = device.type() <= QTransform::TxScale && device.m11() > 0 && device.m22() != 0;
    const std::vector<QPointF> ring
        = upright && painter.pen().style() == Qt::NoPen && band.elementCount() >= kWholePathElements
        ? ringOf(band)
        : std::vector<QPointF>();
    if (ring.size() >= 4 && fillByCoverage(painter, band, ring))
        return;
    const std::vector<Piece> pieces = ring.size() >= 4 ? piecesOf(ring, device) : std::vector<Piece>();
    if (pieces.size() < 2) {
        painter.drawPath(band);
        return;
    }
    qreal left = pieces.front().left, right = pieces.front().right;
    for (const Piece& p : pieces) {
        left = std::min(left, p.left);
        right = std::max(right, p.right);
    }
    // Clip rectangles are rounded to whole device pixels: a strip's columns are exactly its own.
    const QRectF bounds = band.boundingRect().adjusted(0, -2 / std::abs(device.m22()), 0, 2 / std::abs(device.m22()));
    const auto itemX = [&](qreal deviceX) { return (deviceX - device.dx()) / device.m11(); };
    for (qreal column = std::floor(left); column <= right; column += kStripPixels) {
        QPainterPath strip;
        strip.setFillRule(band.fillRule());
        for (const Piece& p : pieces) {
            if (p.right >= column && p.left <= column + kStripPixels)
                strip.addPath(p.outline);
        }
        painter.save();
        painter.setClipRect(
            QRectF(QPointF(itemX(column), bounds.top()), QPointF(itemX(column + kStripPixels), bounds.bottom())),
            Qt::IntersectClip);
        painter.drawPath(strip);
        painter.restore();
    }
}

BandFill* BandFill::attach(QChart* chart, QAreaSeries* band)
{
    QList<QGraphicsItem*> found;
    collectAreaItems(chart, found);
    // The chart has one area series, the band; with more, which item is whose is unknown.
    if (found.size() != 1)
        return nullptr;
    return new BandFill(found.front(), chart, band);
}

BandFill::BandFill(QGraphicsItem* seriesItem, QChart* chart, QAreaSeries* band)
    : QGraphicsItem(seriesItem)
    , m_chart(chart)
    , m_band(band)
{
    seriesItem->setFlag(QGraphicsItem::ItemHasNoContents);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    refresh();
}

void BandFill::refresh()
{
    // Qt Charts clips the fill to the plot area, in the series item's coordinates from (0, 0).
    const QRectF bounds(QPointF(0, 0), m_chart->plotArea().size());
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

QRectF BandFill::boundingRect() const
{
    return m_bounds;
}

void BandFill::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QPainterPath path = parentItem()->shape();
    if (path.isEmpty())
        return;
    // As Qt Charts paints it: the series' pen and brush, clipped to the plot area.
    painter->save();
    painter->setPen(m_band->pen());
    painter->setBrush(m_band->brush());
    painter->setClipRect(QRectF(QPointF(0, 0), m_chart->plotArea().size()));
    fillBand(*painter, path);
    painter->restore();
}
