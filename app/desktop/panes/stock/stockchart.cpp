#include "desktop/panes/stock/stockchart.h"

#include "chart/theme.h"
#include "desktop/panes/stock/stocksymbol.h"
#include "desktop/panes/stock/tickinbox.h"

#include "core/plot/decimate.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// 1, 2 or 5 times a power of ten, near x (rounded) or at least x (ceiling).
double niceNumber(double x, bool ceiling)
{
    const double z = std::pow(10.0, std::floor(std::log10(x)));
    const double q = x / z;
    if (ceiling)
        return (q <= 1 ? 1 : q <= 2 ? 2 : q <= 5 ? 5 : 10) * z;
    return (q < 1.5 ? 1 : q < 3 ? 2 : q < 7 ? 5 : 10) * z;
}

} // namespace

// The range around [lo, hi] with ticks at round values (500, 520, ... rather than 492.39,
// 521.27, ...), as QValueAxis::applyNiceNumbers() finds it, but computed here so that the
// axis is set once, and only when the result differs.
StockChart::NiceRange StockChart::niceRange(double lo, double hi)
{
    if (!(hi > lo) || !std::isfinite(hi - lo))
        return { lo, hi, 5 };
    const double step = niceNumber(niceNumber(hi - lo, true) / 4, false);
    const double first = std::floor(lo / step);
    const double last = std::ceil(hi / step);
    return { first * step, last * step, std::clamp(int(last - first) + 1, 2, 12) };
}

StockChart::StockChart(QWidget* parent)
    : QChartView(new QChart, parent)
    , m_timeAxis(new QDateTimeAxis(chart()))
    , m_valueAxis(new QValueAxis(chart()))
{
    setObjectName(QStringLiteral("stockChart"));
    QChart* c = chart();
    c->setMargins(QMargins(2, 2, 8, 2));
    c->legend()->setAlignment(Qt::AlignTop);
    c->setAnimationOptions(QChart::NoAnimation);
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(5);
    m_timeAxis->setTitleText(tr("Local time"));
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_valueAxis->setTickCount(5);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = qint64(liveClockMs());
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - 30'000), QDateTime::fromMSecsSinceEpoch(now));
    m_valueAxis->setRange(0, 1);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
    connect(c, &QChart::plotAreaChanged, this, &StockChart::updateTimeTicks);
    applyColours();
}

void StockChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void StockChart::applyColours()
{
    const bool dark = isDarkPalette(palette());
    // Resets every series' colours, which are set again below.
    applyChartPalette(chart(), palette());
    const QColor outlier = outlierColour(dark);
    for (const Drawn& d : m_drawn) {
        // Width 1: wider pens take Qt's general stroker, several times slower per point.
        d.line->setPen(QPen(dark ? d.colour.lighter(150) : d.colour, 1.0));
        d.markers->setColor(outlier);
        d.markers->setBorderColor(dark ? outlier.lighter(170) : outlier.darker(130));
    }
}

void StockChart::addSymbol(StockSymbol& symbol, const QColor& colour)
{
    QChart* c = chart();
    symbol.line = new QLineSeries(c);
    symbol.line->setName(symbol.name);
    // Width 1: wider pens take Qt's general stroker, several times slower per point.
    m_drawn.push_back({ symbol.line, nullptr, colour });
    symbol.markers = new QScatterSeries(c);
    symbol.markers->setName(tr("%1 unusual").arg(symbol.name));
    symbol.markers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    symbol.markers->setMarkerSize(8);
    m_drawn.back().markers = symbol.markers;
    for (QXYSeries* series : { static_cast<QXYSeries*>(symbol.line), static_cast<QXYSeries*>(symbol.markers) }) {
        c->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    for (QLegendMarker* marker : c->legend()->markers(symbol.markers))
        marker->setVisible(false); // red markers explain themselves; the legend lists symbols
    applyColours();
}

void StockChart::redraw(StockSymbol& symbol, double fromMs, double toMs, std::size_t lineCount)
{
    const auto times = symbol.series.times();
    const auto prices = symbol.series.prices();
    // One tick before the left edge, so the line enters from the border instead of starting inside.
    std::size_t begin = std::size_t(std::lower_bound(times.begin(), times.end(), fromMs) - times.begin());
    if (begin > 0)
        --begin;
    const std::size_t end = times.size();
    const std::vector<std::size_t> outliers = symbol.series.outlierPositions();
    // The points of all lines together stay within a budget: one line gets a min/max pair per
    // pixel column, many lines share the budget and get coarser.
    const double perLine = double(kPointBudget) / (4.0 * double(std::max<std::size_t>(1, lineCount)));
    const auto columns = std::size_t(std::clamp(perLine, 16.0, std::max(16.0, chart()->plotArea().width())));
    const std::vector<std::size_t> shown = od::decimateMinMax(prices, begin, end, columns, outliers);

    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    QList<QPointF> points;
    points.reserve(qsizetype(shown.size()));
    for (const std::size_t i : shown) {
        points.append(QPointF(times[i], prices[i]));
        if (times[i] >= fromMs && times[i] <= toMs) {
            lo = std::min(lo, prices[i]);
            hi = std::max(hi, prices[i]);
        }
    }
    QList<QPointF> marks;
    for (const std::size_t i : outliers) {
        if (i >= begin)
            marks.append(QPointF(times[i], prices[i]));
    }
    symbol.line->replace(points);
    symbol.markers->replace(marks);
    symbol.visibleMin = lo <= hi ? lo : std::numeric_limits<double>::quiet_NaN();
    symbol.visibleMax = lo <= hi ? hi : std::numeric_limits<double>::quiet_NaN();
}

void StockChart::updateAxes(double rightMs, const std::vector<std::unique_ptr<StockSymbol>>& symbols)
{
    m_timeAxis->setRange(
        QDateTime::fromMSecsSinceEpoch(qint64(rightMs - spanMs())), QDateTime::fromMSecsSinceEpoch(qint64(rightMs)));
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto& symbol : symbols) {
        if (!std::isnan(symbol->visibleMin)) {
            lo = std::min(lo, symbol->visibleMin);
            hi = std::max(hi, symbol->visibleMax);
        }
    }
    if (lo > hi)
        return; // nothing visible: keep the last range rather than jump
    // Every range change makes Qt Charts lay the axis out again and recompute every line's
    // geometry (a stroke of all its points), so the price axis moves only when it must: when
    // a price leaves it, or when the prices fill less than a third of it.
    const double shownLo = m_valueAxis->min();
    const double shownHi = m_valueAxis->max();
    if (m_valueFitted && lo >= shownLo && hi <= shownHi && (hi - lo) * 3 >= shownHi - shownLo)
        return;
    const double pad = hi > lo ? (hi - lo) * 0.08 : std::max(1.0, std::abs(hi) * 0.01);
    const NiceRange nice = niceRange(lo - pad, hi + pad);
    m_valueFitted = true;
    if (nice.lo == shownLo && nice.hi == shownHi && nice.ticks == m_valueAxis->tickCount())
        return;
    m_valueAxis->setTickCount(nice.ticks);
    m_valueAxis->setRange(nice.lo, nice.hi);
}

void StockChart::setSpanSeconds(int seconds)
{
    m_spanSeconds = std::max(1, seconds);
    updateTimeTicks();
}

void StockChart::updateTimeTicks()
{
    // As many labels as fit (about 75 px each for "HH:mm:ss"), a whole number of seconds apart,
    // so they neither overlap nor get cut to "17:42:...".
    const int seconds = m_spanSeconds;
    const int fit = std::max(2, int(chart()->plotArea().width() / 75));
    int count = 2;
    for (const int gap : { 1, 2, 5, 10, 15, 20, 30, 60, 120, 300 }) {
        if (seconds % gap == 0 && seconds / gap + 1 <= fit) {
            count = seconds / gap + 1;
            break;
        }
    }
    m_timeAxis->setTickCount(count);
    m_timeAxis->setFormat(seconds >= 300 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
}
