#pragma once
// A selected time span, marked over the plot until it is cleared: a translucent blue band with
// an edge at either end, over the grid and under the lines, so that the statistics shown beside
// the chart visibly belong to a stretch of it. Paints from the time axis' current range, so
// zooming and panning only ask it to repaint.

#include <QGraphicsItem>

#include <optional>
#include <utility>

class QChart;
class QValueAxis;

class SpanMarker : public QGraphicsItem
{
public:
    SpanMarker(QChart* chart, QValueAxis* timeAxis);

    // The span's ends as chart x values (none: nothing marked).
    void setSpan(std::optional<std::pair<qreal, qreal>> x);
    void setDark(bool dark);
    // The plot area or the axis range changed.
    void refresh();
    // Where it is painted now, in the chart's coordinates (empty when nothing is in view).
    QRectF markedRect() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QChart* m_chart;
    QValueAxis* m_timeAxis;
    std::optional<std::pair<qreal, qreal>> m_x;
    QRectF m_bounds;
    bool m_dark = false;
};
