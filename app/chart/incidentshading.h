#pragma once
// Incidents as translucent bands over their time spans, behind the lines and the grid of one
// chart: red-tinted where someone has to act, grey once acknowledged. A span narrower than a
// few pixels (a one-point incident) is widened to stay visible. The item paints from the time
// axis' current range, so zooming and panning only ask it to repaint.

#include "chart/seriesincidents.h"

#include <QGraphicsItem>

#include <cstdint>
#include <functional>
#include <vector>

class QChart;
class QValueAxis;

class IncidentShading : public QGraphicsItem
{
public:
    // chartX: the axis' x of a dataset series' UTC time in nanoseconds (the chart's own mapping,
    // which follows its clock and alignment); drawn: whether the chart draws a dataset series now
    // (shown and in its subset).
    IncidentShading(QChart* chart, QValueAxis* timeAxis, std::function<double(std::size_t, std::int64_t)> chartX,
        std::function<bool(std::size_t)> drawn);

    void setSpans(const IncidentSpansPtr& spans);
    const IncidentSpansPtr& spans() const { return m_spans; }
    void setDark(bool dark);
    // The plot area, the axis range or the series shown changed.
    void refresh();

    // The fill of an incident's band on a light or dark chart.
    static QColor shade(bool dark, bool acknowledged);
    struct Band
    {
        QRectF rect; // in the chart's coordinates, inside the plot area
        bool acknowledged = false;
    };
    // The bands as they are painted now, spans of series not drawn and out of view left out.
    std::vector<Band> bands() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QChart* m_chart;
    QValueAxis* m_timeAxis;
    std::function<double(std::size_t, std::int64_t)> m_chartX;
    std::function<bool(std::size_t)> m_drawn;
    IncidentSpansPtr m_spans;
    // Per dataset series, its spans' positions in m_spans by start, and its longest span:
    // bands() looks only at the spans that can reach into the view (a big file has a hundred
    // thousand incidents, and a zoom step repaints the bands).
    struct SeriesSpans
    {
        std::vector<std::size_t> byStart;
        std::int64_t longestNs = 0;
    };
    std::vector<SeriesSpans> m_bySeries;
    QRectF m_bounds;
    bool m_dark = false;
};
