#include "chart/metricchartview.h"

#include "chart/axisticks.h"
#include "chart/incidentshading.h"
#include "chart/navigation/chartgestures.h"
#include "chart/theme.h"

#include "core/report/explain.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFileInfo>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// A series drawn in more stretches than this (missing values every few pixels) keeps only
// its widest gaps as breaks: each stretch is a chart series of its own.
constexpr std::size_t kMaxRuns = 200;

} // namespace

MetricChartView::MetricChartView(QWidget* parent)
    // Handing the chart to the base constructor: setChart() would release the view's default
    // chart without deleting it.
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_valueAxis(new QValueAxis(m_chart))
    , m_shading(new IncidentShading(
          m_chart, m_timeAxis, [this](std::int64_t ns) { return double(chartX(ns)); },
          [this](std::size_t series) {
              const auto line = lineOf(series);
              return line && m_lines[*line]->isVisible();
          }))
{
    setObjectName(QStringLiteral("chartView"));
    setRenderHint(QPainter::Antialiasing);
    m_chart->setMargins(QMargins(4, 4, 12, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_timeAxis->setFormat(QStringLiteral("MMM d HH:mm"));
    m_timeAxis->setTitleText(tr("Time (UTC)"));
    m_timeAxis->setTickCount(9);
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_timeAxis->hide();
    m_valueAxis->hide();
    m_chart->setTitle(tr("Open a CSV file with File > Open (Ctrl+O)"));
    applyColours();

    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setToolTip(tr("Wheel: zoom. Drag: pan. Shift+drag: zoom to a span. Ctrl+0: show all."));
    new ChartGestures(this, this);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(30);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MetricChartView::refreshPoints);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        m_shading->refresh();
        if (plotWidth() != m_decimatedWidth)
            m_refreshTimer.start();
    });
}

void MetricChartView::setSeriesSubset(std::optional<std::vector<std::size_t>> series)
{
    m_subset = std::move(series);
    if (m_dataset)
        setDataset(m_dataset, true);
}

std::optional<std::size_t> MetricChartView::lineOf(std::size_t series) const
{
    const auto it = std::find(m_seriesOf.begin(), m_seriesOf.end(), series);
    if (it == m_seriesOf.end())
        return std::nullopt;
    return std::size_t(it - m_seriesOf.begin());
}

void MetricChartView::updateTitle()
{
    QStringList names;
    if (m_dataset && m_titleShown) {
        for (const QString& f : m_dataset->files)
            names << QFileInfo(f).fileName();
    }
    // An empty title takes no room above the plot.
    if (m_dataset || !m_titleShown)
        m_chart->setTitle(names.join(QStringLiteral(", ")));
}

void MetricChartView::setTitleShown(bool shown)
{
    m_titleShown = shown;
    updateTitle();
}

void MetricChartView::setTimeAxisText(bool labels, bool title)
{
    m_timeAxis->setLabelsVisible(labels);
    m_timeAxis->setTitleVisible(title);
}

MetricChartView::~MetricChartView() = default;

void MetricChartView::setDataset(const DatasetPtr& dataset, bool keepView)
{
    // A followed file that grew: the same series with more rows (maybe new ones at the end),
    // so the outliers found so far still fit, and a zoomed view stays where the user put it.
    keepView = keepView && m_dataset;
    const bool wasZoomed = keepView && m_viewRange != m_fullRange;
    const auto oldView = m_viewRange;
    const DetectionsPtr keptDetections = keepView ? m_detections : nullptr;
    const auto keptBand = keepView ? m_bandSeries : std::nullopt;
    m_dataset = dataset;
    m_detections.reset();
    m_chart->removeAllSeries();
    m_lines.clear();
    m_runLines.clear();
    m_outliers.clear();
    m_timesSorted.clear();
    m_seriesOf.clear();
    m_markerOutliers.clear();
    m_band = nullptr;
    m_bandSeries.reset();
    m_fullCache = {};
    if (!keepView)
        m_shading->setSpans(nullptr);
    if (!m_dataset || m_dataset->series.empty()) {
        m_timeAxis->hide();
        m_valueAxis->hide();
        return;
    }

    // The band goes in first so that lines and markers are drawn over it.
    m_band = new QAreaSeries(new QLineSeries(m_chart), new QLineSeries(m_chart));
    m_band->setName(tr("band"));
    m_band->setPen(Qt::NoPen);
    m_chart->addSeries(m_band);
    m_band->attachAxis(m_timeAxis);
    m_band->attachAxis(m_valueAxis);
    m_band->setVisible(false);

    updateTitle();

    std::int64_t minT = std::numeric_limits<std::int64_t>::max();
    std::int64_t maxT = std::numeric_limits<std::int64_t>::lowest();
    double minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    for (std::size_t i = 0; i < m_dataset->series.size(); ++i) {
        const od::Series& s = m_dataset->series[i];
        // The loader measured the series on its thread; a dataset made elsewhere is measured here.
        const SeriesExtent e = i < m_dataset->extents.size() ? m_dataset->extents[i] : measureSeries(s);
        if (!s.times.empty()) {
            minT = std::min(minT, e.minTime);
            maxT = std::max(maxT, e.maxTime);
        }
        m_timesSorted.push_back(e.timesSorted);
        if (m_subset && std::find(m_subset->begin(), m_subset->end(), i) == m_subset->end())
            continue;
        if (e.hasValues) {
            minY = std::min(minY, e.minValue);
            maxY = std::max(maxY, e.maxValue);
        }
        m_seriesOf.push_back(i);
        auto* line = new QLineSeries(m_chart);
        line->setName(QString::fromStdString(s.name));
        line->setPen(linePen(i));
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        m_lines.push_back(line);
    }
    m_runLines.resize(m_lines.size());
    // Markers are added after every line so that they are drawn above all of them.
    for (std::size_t i = 0; i < m_lines.size(); ++i) { // i: the line, not the dataset index
        auto* markers = new QScatterSeries(m_chart);
        markers->setName(m_lines[i]->name() + tr(" outliers"));
        markers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        markers->setMarkerSize(9);
        markers->setColor(outlierColour(m_dark));
        markers->setBorderColor(m_dark ? outlierColour(m_dark).lighter(170) : outlierColour(m_dark).darker(160));
        m_chart->addSeries(markers);
        markers->attachAxis(m_timeAxis);
        markers->attachAxis(m_valueAxis);
        m_outliers.push_back(markers);
        connect(markers, &QScatterSeries::hovered, this, [this, i](const QPointF& point, bool state) {
            if (state)
                showMarkerTip(i, point);
            else
                QToolTip::hideText();
        });
        for (QLegendMarker* m : m_chart->legend()->markers(markers))
            m->setLabel(tr("outliers"));
    }
    updateLegend();

    if (minT > maxT)
        minT = maxT = 0;
    if (minY > maxY)
        minY = 0, maxY = 1;
    m_fullRange = { minT / 1'000'000, std::max(maxT / 1'000'000, minT / 1'000'000 + 1000) };
    m_viewRange = m_fullRange;
    m_valueRange = { minY, maxY };
    m_timeAxis->show();
    m_valueAxis->show();
    if (keepView) {
        m_detections = keptDetections;
        m_bandSeries = keptBand;
        if (wasZoomed) {
            const qint64 span = std::min(oldView.second - oldView.first, m_fullRange.second - m_fullRange.first);
            const qint64 from = std::clamp(oldView.first, m_fullRange.first, m_fullRange.second - span);
            m_viewRange = { from, from + span };
        }
    }
    m_decimatedWidth = -1;
    refreshPoints();
}

const std::vector<od::Detection>& MetricChartView::detections() const
{
    static const std::vector<od::Detection> kNone;
    return m_detections ? *m_detections : kNone;
}

void MetricChartView::setDetections(const DetectionsPtr& detections)
{
    m_detections = detections;
    m_decimatedWidth = -1;
    refreshPoints();
}

void MetricChartView::setIncidentSpans(const IncidentSpansPtr& spans)
{
    m_shading->setSpans(spans);
}

void MetricChartView::mousePressEvent(QMouseEvent* event)
{
    // Presses that navigate never get here: the gestures take them (chart/navigation/).
    // Qt 6.4's QChartView::mousePressEvent dereferences itemAt() without checking it, which is
    // null where no item is under the cursor; let QGraphicsView handle such presses.
    if (!itemAt(event->position().toPoint())) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    QChartView::mousePressEvent(event);
}

void MetricChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

qint64 MetricChartView::timeAt(const QPointF& viewPos) const
{
    const QPointF value = m_chart->mapToValue(
        m_chart->mapFromScene(mapToScene(viewPos.toPoint())), m_lines.empty() ? nullptr : m_lines.front());
    return m_time.utcMsAt(value.x());
}

QRectF MetricChartView::plotArea() const
{
    return m_chart->plotArea();
}

void MetricChartView::setViewRange(qint64 fromMs, qint64 toMs)
{
    if (!m_dataset)
        return;
    const qint64 fullSpan = m_fullRange.second - m_fullRange.first;
    qint64 span = std::clamp<qint64>(toMs - fromMs, 1000, fullSpan);
    // Keep the view inside the data: panning stops at either end instead of showing nothing.
    fromMs = std::clamp(fromMs, m_fullRange.first, m_fullRange.second - span);
    const std::pair<qint64, qint64> range { fromMs, fromMs + span };
    if (range == m_viewRange)
        return;
    m_viewRange = range;
    m_decimatedWidth = -1;
    refreshPoints();
    emit viewRangeChanged(m_viewRange.first, m_viewRange.second);
}

void MetricChartView::zoom(double factor, qint64 aroundMs)
{
    const auto [lo, hi] = m_viewRange;
    if (aroundMs < 0)
        aroundMs = lo + (hi - lo) / 2;
    aroundMs = std::clamp(aroundMs, lo, hi);
    // The time under the cursor stays under the cursor.
    const double left = double(aroundMs - lo) / factor, right = double(hi - aroundMs) / factor;
    setViewRange(aroundMs - qint64(left), aroundMs + qint64(right));
}

void MetricChartView::pan(double fraction)
{
    const qint64 shift = qint64(double(m_viewRange.second - m_viewRange.first) * fraction);
    setViewRange(m_viewRange.first + shift, m_viewRange.second + shift);
}

void MetricChartView::resetZoom()
{
    setViewRange(m_fullRange.first, m_fullRange.second);
}

void MetricChartView::centreOn(std::size_t series, std::size_t index)
{
    if (!m_dataset || series >= m_dataset->series.size() || index >= m_dataset->series[series].size())
        return;
    const qint64 at = m_dataset->series[series].times[index] / 1'000'000;
    qint64 span = m_viewRange.second - m_viewRange.first;
    if (span >= m_fullRange.second - m_fullRange.first)
        span = std::max<qint64>((m_fullRange.second - m_fullRange.first) / 20, 60'000);
    setViewRange(at - span / 2, at + span / 2);
}

QString MetricChartView::markerText(std::size_t series, std::size_t k) const
{
    if (!m_dataset || series >= detections().size() || k >= detections()[series].indices.size())
        return {};
    const od::Series& s = m_dataset->series[series];
    const od::Detection& d = detections()[series];
    const std::size_t i = d.indices[k];
    QString text = QStringLiteral("<b>%1</b><br>%2<br>value %3")
                       .arg(QString::fromStdString(s.name).toHtmlEscaped(), formatTime(s.times[i], m_time.display()),
                           QString::fromStdString(od::formatNumber(s.values[i])));
    if (d.hasScores())
        text += QStringLiteral(", score %1").arg(QString::fromStdString(od::formatNumber(d.scores[k])));
    text += QStringLiteral("<br>") + QString::fromStdString(od::explainOutlier(d, k, s.values[i])).toHtmlEscaped();
    return text;
}

void MetricChartView::showMarkerTip(std::size_t line, const QPointF& point)
{
    if (line >= m_markerOutliers.size())
        return;
    // The hovered marker is the one nearest in time to the point Qt reports.
    const auto markers = m_outliers[line]->points();
    qsizetype best = -1;
    double bestDistance = std::numeric_limits<double>::max();
    for (qsizetype j = 0; j < markers.size(); ++j) {
        const double dist = std::abs(markers[j].x() - point.x()) + std::abs(markers[j].y() - point.y()) * 1e-9;
        if (dist < bestDistance) {
            bestDistance = dist;
            best = j;
        }
    }
    if (best < 0 || static_cast<std::size_t>(best) >= m_markerOutliers[line].size())
        return;
    QToolTip::showText(QCursor::pos(), markerText(m_seriesOf[line], m_markerOutliers[line][std::size_t(best)]), this);
}

int MetricChartView::plotWidth() const
{
    const int width = static_cast<int>(m_chart->plotArea().width());
    // Before the first layout the plot area is empty; the view's width is a fair stand-in.
    return width > 10 ? width : std::max(100, viewport()->width());
}

void MetricChartView::refreshPoints()
{
    m_refreshTimer.stop();
    if (!m_dataset)
        return;
    const int width = plotWidth();
    m_decimatedWidth = width;
    const bool zoomed = m_viewRange != m_fullRange;
    ViewRequest view;
    view.fromNs = m_viewRange.first * 1'000'000;
    view.toNs = m_viewRange.second * 1'000'000;
    view.columns = width;
    view.pointsPerColumn = kPointsPerColumn;
    view.chartX = [this](std::int64_t ns) { return double(chartX(ns)); };
    double minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    m_markerOutliers.assign(m_lines.size(), {});
    // Showing everything is the view one returns to most (Ctrl+0, a new detection): its points
    // are kept for the width and the detections they were made for.
    const bool cached = !zoomed && m_fullCache.width == width && m_fullCache.detections == m_detections
        && m_fullCache.views.size() == m_lines.size();
    if (!zoomed && !cached)
        m_fullCache = { width, m_detections, {} };
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        ViewPoints points;
        if (cached) {
            points = m_fullCache.views[i];
        } else {
            const std::size_t d = m_seriesOf[i];
            const od::Series& s = m_dataset->series[d];
            view.timesSorted = m_timesSorted[d];
            const od::MinMaxPyramid* pyramid = d < m_dataset->pyramids.size() ? &m_dataset->pyramids[d] : nullptr;
            points = computeViewPoints(s, pyramid, d < detections().size() ? &detections()[d] : nullptr, view);
            if (!zoomed)
                m_fullCache.views.push_back(points);
        }
        if (zoomed && points.minY <= points.maxY) {
            minY = std::min(minY, points.minY);
            maxY = std::max(maxY, points.maxY);
        }
        showRuns(i, points.line, points.gaps);
        // The markers' positions in the Detection are kept for the tooltips.
        m_outliers[i]->replace(points.markers);
        m_markerOutliers[i] = std::move(points.markerOutliers);
    }
    if (zoomed && minY <= maxY)
        updateAxes({ minY, maxY });
    else
        updateAxes(m_valueRange);
    refreshBand();
    m_shading->refresh();
}

void MetricChartView::showRuns(std::size_t series, const QList<QPointF>& points, std::vector<Break> breaks)
{
    // A gap narrower than a pixel column cannot be seen, and drawing it joined keeps the
    // number of lines down.
    const double msPerPixel = double(m_viewRange.second - m_viewRange.first) / std::max(1, plotWidth());
    std::erase_if(breaks, [&](const Break& b) { return b.at <= 0 || b.at >= points.size() || b.gapMs <= msPerPixel; });
    if (breaks.size() >= kMaxRuns) {
        std::nth_element(breaks.begin(), breaks.begin() + (kMaxRuns - 1), breaks.end(),
            [](const Break& a, const Break& b) { return a.gapMs > b.gapMs; });
        breaks.resize(kMaxRuns - 1);
        std::sort(breaks.begin(), breaks.end(), [](const Break& a, const Break& b) { return a.at < b.at; });
    }
    std::vector<qsizetype> starts;
    for (const Break& b : breaks)
        starts.push_back(b.at);
    starts.insert(starts.begin(), 0);
    starts.push_back(points.size());
    for (std::size_t r = 0; r + 1 < starts.size(); ++r) {
        QLineSeries* line = r == 0 ? m_lines[series] : runSeries(series, r - 1);
        const QList<QPointF> run = points.mid(starts[r], starts[r + 1] - starts[r]);
        line->replace(run);
        // A lone point between two gaps has no line to draw; a dot shows it is there.
        line->setPointsVisible(run.size() == 1);
    }
    for (std::size_t r = starts.size() - 2; r < m_runLines[series].size(); ++r) {
        if (m_runLines[series][r]->count() > 0)
            m_runLines[series][r]->clear();
    }
}

QLineSeries* MetricChartView::runSeries(std::size_t series, std::size_t run)
{
    std::vector<QLineSeries*>& runs = m_runLines[series];
    while (runs.size() <= run) {
        auto* line = new QLineSeries(m_chart);
        line->setName(m_lines[series]->name());
        line->setPen(m_lines[series]->pen());
        line->setVisible(m_lines[series]->isVisible());
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        runs.push_back(line);
        updateLegend();
    }
    return runs[run];
}

void MetricChartView::updateLegend()
{
    // The legend shows a marker whenever its series turns visible; say again which ones it lists.
    const auto list = [this](QAbstractSeries* series, bool shown) {
        for (QLegendMarker* m : m_chart->legend()->markers(series))
            m->setVisible(shown);
    };
    if (m_band)
        list(m_band, false);
    // One entry says what red means (from the first series shown); one per series would crowd
    // the legend. A line's later stretches go under its first one.
    bool outliersListed = false;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        list(m_lines[i], m_lines[i]->isVisible());
        if (i < m_runLines.size()) {
            for (QLineSeries* run : m_runLines[i])
                list(run, false);
        }
        if (i < m_outliers.size()) {
            const bool listed = !outliersListed && m_outliers[i]->isVisible();
            list(m_outliers[i], listed);
            outliersListed = outliersListed || listed;
        }
    }
}

std::vector<QList<QPointF>> MetricChartView::drawnRuns(std::size_t series) const
{
    std::vector<QList<QPointF>> runs;
    const auto drawn = lineOf(series);
    if (!drawn)
        return runs;
    runs.push_back(m_lines[*drawn]->points());
    for (const QLineSeries* line : m_runLines[*drawn]) {
        if (line->count() > 0)
            runs.push_back(line->points());
    }
    return runs;
}

void MetricChartView::applyColours()
{
    m_dark = isDarkPalette(palette());
    // Resets every series' colours, which are set again below.
    applyChartPalette(m_chart, palette());
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        const QPen pen = linePen(m_seriesOf[i]);
        m_lines[i]->setPen(pen);
        if (i < m_runLines.size()) {
            for (QLineSeries* run : m_runLines[i])
                run->setPen(pen);
        }
    }
    for (QScatterSeries* markers : m_outliers) {
        markers->setColor(outlierColour(m_dark));
        // A light rim on dark, a dark rim on light: the marker stands out from the lines it sits on.
        markers->setBorderColor(m_dark ? outlierColour(m_dark).lighter(170) : outlierColour(m_dark).darker(160));
    }
    m_shading->setDark(m_dark);
    refreshBand();
}

QPen MetricChartView::linePen(std::size_t series) const
{
    QPen pen(seriesColour(series, m_dark));
    pen.setWidthF(1.2);
    // Qt Charts paints a solid line segment by segment and any other pen as one path; a dash
    // longer than any line with a gap too small to see is solid to the eye.
    if (m_linesAsPaths)
        pen.setDashPattern({ 1e7, 1e-4 });
    return pen;
}

void MetricChartView::setLinesAsPaths(bool on)
{
    if (on == m_linesAsPaths)
        return;
    m_linesAsPaths = on;
    applyColours();
}

void MetricChartView::setTimeDisplay(TimeDisplay display)
{
    if (display == m_time.display())
        return;
    m_time.setDisplay(display);
    m_timeAxis->setTitleText(tr("Time (%1)").arg(timeZoneName(display)));
    // Every x coordinate moves with the offset: decimate again rather than reuse the cache.
    m_fullCache = {};
    m_decimatedWidth = -1;
    refreshPoints();
}

void MetricChartView::setSeriesShown(std::size_t series, bool shown)
{
    const auto drawn = lineOf(series);
    if (!drawn)
        return;
    m_lines[*drawn]->setVisible(shown);
    for (QLineSeries* run : m_runLines[*drawn])
        run->setVisible(shown);
    m_outliers[*drawn]->setVisible(shown);
    updateLegend();
    m_shading->refresh();
    if (m_bandSeries == series)
        refreshBand();
}

void MetricChartView::setBandSeries(std::optional<std::size_t> series)
{
    m_bandSeries = series;
    refreshBand();
}

void MetricChartView::refreshBand()
{
    if (!m_band)
        return;
    const std::size_t i = m_bandSeries.value_or(m_timesSorted.size());
    const auto drawn = lineOf(i);
    if (!drawn || i >= detections().size() || !m_lines[*drawn]->isVisible()) {
        m_band->setVisible(false);
        return;
    }
    const od::Series& s = m_dataset->series[i];
    const od::Detection& d = detections()[i];
    QList<QPointF> upper, lower;
    if (d.hasBandPerPoint()) {
        // One point per pixel column or so is plenty for a shaded area.
        const std::int64_t fromNs = m_viewRange.first * 1'000'000, toNs = m_viewRange.second * 1'000'000;
        const auto [begin, end] = visibleIndices(s.times, m_timesSorted[i], fromNs, toNs);
        const std::size_t stride = std::max<std::size_t>(1, (end - begin) / std::size_t(std::max(1, plotWidth())));
        for (std::size_t k = begin; k < end && k < d.bandLower.size(); k += stride) {
            if (std::isnan(d.bandLower[k]) || std::isnan(d.bandUpper[k]))
                continue;
            upper.append(QPointF(chartX(s.times[k]), d.bandUpper[k]));
            lower.append(QPointF(chartX(s.times[k]), d.bandLower[k]));
        }
    } else if (!std::isnan(d.lower) && !std::isnan(d.upper)) {
        for (const qint64 ms : { m_viewRange.first, m_viewRange.second }) {
            upper.append(QPointF(chartX(ms * 1'000'000), d.upper));
            lower.append(QPointF(chartX(ms * 1'000'000), d.lower));
        }
    }
    m_band->upperSeries()->replace(upper);
    m_band->lowerSeries()->replace(lower);
    QColor fill = seriesColour(i, m_dark);
    fill.setAlpha(m_dark ? 60 : 40);
    m_band->setBrush(fill);
    m_band->setVisible(!upper.isEmpty());
    updateLegend();
}

void MetricChartView::updateAxes(std::pair<double, double> values)
{
    // Labels such as "Mar 2 06:00" need about 110 pixels each; values about 32 pixels a row.
    const int maxTimeTicks = std::clamp(plotWidth() / 110, 2, 13);
    const int plotHeight = static_cast<int>(m_chart->plotArea().height());
    const int maxValueTicks = std::clamp((plotHeight > 10 ? plotHeight : 300) / 32, 3, 11);

    // Ticks fall on whole minutes, hours or days of the clock shown (UTC or local). Showing
    // everything, the axis may round outwards to whole ticks; zoomed in, it shows exactly the
    // view, so that panning moves the data and not the frame.
    const qint64 wallLo = m_time.wallMs(m_viewRange.first), wallHi = m_time.wallMs(m_viewRange.second);
    AxisTicks t = niceTimeTicks(wallLo, wallHi, maxTimeTicks);
    qreal xLo = TimeAxisMapping::chartXOfWall(qint64(t.lo)), xHi = TimeAxisMapping::chartXOfWall(qint64(t.hi));
    if (m_viewRange != m_fullRange) {
        t = { double(wallLo), double(wallHi), t.step, maxTimeTicks };
        xLo = chartX(m_viewRange.first * 1'000'000);
        xHi = chartX(m_viewRange.second * 1'000'000);
    }
    constexpr qint64 day = 24LL * 3600 * 1000;
    QString format = QStringLiteral("MMM d HH:mm");
    if (t.step >= double(day))
        format = QStringLiteral("MMM d");
    else if (t.hi - t.lo <= double(day))
        format = t.step < 60'000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm");
    m_timeAxis->setFormat(format);
    m_timeAxis->setTickCount(t.count);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(xLo)), QDateTime::fromMSecsSinceEpoch(qint64(xHi)));

    double lo = values.first, hi = values.second;
    if (lo == hi)
        lo -= 1, hi += 1;
    // A little headroom so that a marker on the extreme value is drawn whole.
    const double pad = (hi - lo) * 0.02;
    const AxisTicks v = niceValueTicks(lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad, maxValueTicks);
    m_valueAxis->setTickCount(v.count);
    m_valueAxis->setRange(v.lo, v.hi);
}
