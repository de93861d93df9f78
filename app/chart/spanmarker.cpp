#include "chart/spanmarker.h"

#include <QChart>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>

namespace {

// Above the incident shading (1.5) and the grid (2), below the axes (3) and the series (4+).
constexpr qreal kSpanZ = 2.5;

} // namespace

SpanMarker::SpanMarker(QChart* chart, QValueAxis* timeAxis)
    : QGraphicsItem(chart)
    , m_chart(chart)
    , m_timeAxis(timeAxis)
{
    setZValue(kSpanZ);
    setAcceptedMouseButtons(Qt::NoButton);
}

void SpanMarker::setSpan(std::optional<std::pair<qreal, qreal>> x)
{
    m_x = x;
    refresh();
}

void SpanMarker::setDark(bool dark)
{
    m_dark = dark;
    update();
}

void SpanMarker::refresh()
{
    const QRectF plot = m_chart->plotArea();
    if (plot != m_bounds) {
        prepareGeometryChange();
        m_bounds = plot;
    }
    update();
}

QRectF SpanMarker::markedRect() const
{
    const QRectF plot = m_chart->plotArea();
    const double lo = m_timeAxis->min(), hi = m_timeAxis->max();
    if (!m_x || plot.width() <= 0 || hi <= lo || !m_timeAxis->isVisible())
        return {};
    const auto pixel = [&](qreal x) { return plot.left() + (x - lo) / (hi - lo) * plot.width(); };
    const qreal left = std::max(pixel(m_x->first), plot.left());
    const qreal right = std::min(pixel(m_x->second), plot.right());
    if (right <= left)
        return {};
    return QRectF(QPointF(left, plot.top()), QPointF(right, plot.bottom()));
}

QRectF SpanMarker::boundingRect() const
{
    return m_bounds;
}

void SpanMarker::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QRectF rect = markedRect();
    if (rect.isEmpty())
        return;
    QColor fill = m_dark ? QColor(0x64, 0xa0, 0xff) : QColor(0x1e, 0x64, 0xc8);
    QColor edge = fill;
    fill.setAlpha(m_dark ? 55 : 40);
    painter->fillRect(rect, fill);
    painter->setPen(QPen(edge, 1.5));
    painter->drawLine(rect.topLeft(), rect.bottomLeft());
    painter->drawLine(rect.topRight(), rect.bottomRight());
}
