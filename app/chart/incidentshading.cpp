#include "chart/incidentshading.h"

#include "chart/theme.h"

#include <QChart>
#include <QDateTime>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>

namespace {

// Qt Charts stacks the plot background (z 0), the axis shades (1), the grid (2), the axes (3)
// and the series (4 and up) as children of the chart: between the shades and the grid, a band
// tints the plot without hiding a line or a grid line.
constexpr qreal kShadingZ = 1.5;
// A one-point incident spans no time; it still gets a band this wide, enough to be seen beside
// a spike's line without hiding it.
constexpr qreal kMinBandPixels = 8;
// A day in the axis' units (milliseconds).
constexpr double kDayMs = 86'400'000;

} // namespace

IncidentShading::IncidentShading(QChart* chart, QValueAxis* timeAxis,
    std::function<double(std::size_t, std::int64_t)> chartX, std::function<bool(std::size_t)> drawn)
    : QGraphicsItem(chart)
    , m_chart(chart)
    , m_timeAxis(timeAxis)
    , m_chartX(std::move(chartX))
    , m_drawn(std::move(drawn))
{
    setZValue(kShadingZ);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void IncidentShading::setSpans(const IncidentSpansPtr& spans)
{
    m_spans = spans;
    m_bySeries.clear();
    if (spans) {
        for (std::size_t i = 0; i < spans->size(); ++i) {
            const IncidentSpan& span = (*spans)[i];
            if (span.series >= m_bySeries.size())
                m_bySeries.resize(span.series + 1);
            m_bySeries[span.series].byStart.push_back(i);
            m_bySeries[span.series].longestNs = std::max(m_bySeries[span.series].longestNs, span.endNs - span.startNs);
        }
        for (SeriesSpans& series : m_bySeries) {
            std::stable_sort(series.byStart.begin(), series.byStart.end(),
                [&](std::size_t a, std::size_t b) { return (*spans)[a].startNs < (*spans)[b].startNs; });
        }
    }
    refresh();
}

void IncidentShading::setDark(bool dark)
{
    m_dark = dark;
    update();
}

void IncidentShading::refresh()
{
    const QRectF plot = m_chart->plotArea();
    if (plot != m_bounds) {
        prepareGeometryChange();
        m_bounds = plot;
    }
    update();
}

QColor IncidentShading::shade(bool dark, bool acknowledged)
{
    if (acknowledged)
        return dark ? QColor(0xb4, 0xb4, 0xb4, 40) : QColor(0x70, 0x70, 0x70, 36);
    QColor red = outlierColour(dark);
    red.setAlpha(dark ? 70 : 52);
    return red;
}

std::vector<IncidentShading::Band> IncidentShading::bands() const
{
    std::vector<Band> rects;
    const QRectF plot = m_chart->plotArea();
    if (!m_spans || plot.width() <= 0 || !m_timeAxis->isVisible())
        return rects;
    const double lo = m_timeAxis->min();
    const double hi = m_timeAxis->max();
    if (hi <= lo)
        return rects;
    // The axis is linear in its x: the same mapping Qt Charts gives the lines.
    const auto pixel = [&](std::size_t series, std::int64_t ns) {
        return plot.left() + (m_chartX(series, ns) - lo) / (hi - lo) * plot.width();
    };
    // Spans wholly left or right of the view by more than a day are passed over by a binary
    // search on their start. A day, not a pixel: the axis' x may step back where the local
    // zone's offset changes (a few hours at most), and the search needs a test that, once true,
    // stays true for every later start.
    const double slack = kDayMs + kMinBandPixels * (hi - lo) / plot.width();
    for (std::size_t series = 0; series < m_bySeries.size(); ++series) {
        const SeriesSpans& of = m_bySeries[series];
        if (of.byStart.empty() || !m_drawn(series))
            continue;
        const auto startOf = [&](std::size_t i) { return (*m_spans)[i].startNs; };
        const auto first = std::partition_point(of.byStart.begin(), of.byStart.end(),
            [&](std::size_t i) { return m_chartX(series, startOf(i) + of.longestNs) < lo - slack; });
        const auto last = std::partition_point(
            first, of.byStart.end(), [&](std::size_t i) { return m_chartX(series, startOf(i)) <= hi + slack; });
        for (auto it = first; it != last; ++it) {
            const IncidentSpan& span = (*m_spans)[*it];
            qreal left = pixel(series, span.startNs), right = pixel(series, span.endNs);
            if (right - left < kMinBandPixels) {
                const qreal middle = (left + right) / 2;
                left = middle - kMinBandPixels / 2;
                right = middle + kMinBandPixels / 2;
            }
            left = std::max(left, plot.left());
            right = std::min(right, plot.right());
            if (right > left)
                rects.push_back(
                    { QRectF(QPointF(left, plot.top()), QPointF(right, plot.bottom())), span.acknowledged });
        }
    }
    return rects;
}

QRectF IncidentShading::boundingRect() const
{
    return m_bounds;
}

void IncidentShading::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Bands that overlap or touch are painted as one: thousands of incidents on a long series
    // would otherwise stack translucent layers into a solid red block (darker where more
    // incidents crowd a pixel, which means nothing) and cost a fill each.
    std::vector<Band> bands = this->bands();
    const auto before = [](const Band& a, const Band& b) {
        return std::pair(a.acknowledged, a.rect.left()) < std::pair(b.acknowledged, b.rect.left());
    };
    if (!std::is_sorted(bands.begin(), bands.end(), before))
        std::sort(bands.begin(), bands.end(), before);
    painter->setPen(Qt::NoPen);
    std::size_t i = 0;
    while (i < bands.size()) {
        QRectF run = bands[i].rect;
        const bool acknowledged = bands[i].acknowledged;
        for (++i; i < bands.size() && bands[i].acknowledged == acknowledged && bands[i].rect.left() <= run.right(); ++i)
            run.setRight(std::max(run.right(), bands[i].rect.right()));
        painter->fillRect(run, shade(m_dark, acknowledged));
    }
}
