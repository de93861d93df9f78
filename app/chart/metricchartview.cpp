#include "chart/metricchartview.h"

#include "chart/bandfill.h"
#include "chart/bandpoints.h"
#include "chart/chartaxes.h"
#include "chart/incidentshading.h"
#include "chart/navigation/chartgestures.h"
#include "chart/spanmarker.h"
#include "chart/theme.h"

#include "core/report/explain.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
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

MetricChartView::MetricChartView(QWidget* parent)
    // Handing the chart to the base constructor: setChart() would release the view's default
    // chart without deleting it.
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_axes(std::make_unique<ChartAxes>(m_chart))
    , m_timeAxis(m_axes->time())
    , m_valueAxis(m_axes->values())
    , m_state(new ChartViewState(this))
    , m_ownState(m_state)
    , m_shading(new IncidentShading(
          m_chart, m_timeAxis, [this](std::size_t series, std::int64_t ns) { return double(seriesX(series, ns)); },
          [this](std::size_t series) {
              const auto line = lineOf(series);
              return line && m_lines[*line]->isVisible();
          }))
    , m_spanMarker(new SpanMarker(m_chart, m_timeAxis))
{
    setObjectName(QStringLiteral("chartView"));
    setRenderHint(QPainter::Antialiasing);
    m_chart->setMargins(QMargins(4, 4, 12, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_axes->setTimeTitle(tr("Time (UTC)"));
    m_chart->setTitle(tr("Open a CSV file with File > Open (Ctrl+O)"));
    applyColours();

    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setToolTip(tr("Wheel: zoom. Drag: pan. Shift+drag: zoom to a span. Ctrl+drag: statistics of a span (Esc "
                  "clears it). Ctrl+0: show all."));
    new ChartGestures(this, this);
    setViewState(m_ownState);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(30);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MetricChartView::refreshPoints);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        m_shading->refresh();
        m_spanMarker->refresh();
        if (m_bandFill)
            m_bandFill->refresh();
        // The value axis' padding and ticks are in pixels of height too.
        if (plotWidth() != m_decimatedWidth || std::abs(m_chart->plotArea().height() - m_decimatedHeight) > 2)
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

void MetricChartView::setViewState(ChartViewState* state)
{
    disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    connect(state, &ChartViewState::shownChanged, this, [this](std::size_t series) { applyShown(series); });
    connect(state, &ChartViewState::bandChanged, this, [this] {
        refreshBand();
        refreshHighlight();
    });
    connect(state, &ChartViewState::valueScaleChanged, this, [this] {
        measureFrame();
        m_fullCache = {};
        m_decimatedWidth = -1;
        refreshPoints();
    });
    connect(state, &ChartViewState::alignmentChanged, this, &MetricChartView::onAlignmentChanged);
    connect(state, &ChartViewState::spanChanged, this, &MetricChartView::refreshSpan);
}

void MetricChartView::setDataset(const DatasetPtr& dataset, bool keepView)
{
    // A followed file that grew: the same series with more rows (maybe new ones at the end),
    // so the outliers found so far still fit, and a zoomed view stays where the user put it.
    keepView = keepView && m_dataset;
    const bool wasZoomed = keepView && m_viewRange != m_fullRange;
    const auto oldView = m_viewRange;
    const DetectionsPtr keptDetections = keepView ? m_detections : nullptr;
    // A chart's own state starts afresh with new data; a shared one is reset by its owner.
    if (!keepView && m_state == m_ownState)
        m_state->resetForNewData();
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
    m_bandFill = nullptr;
    m_highlight = nullptr;
    m_fullCache = {};
    if (!keepView)
        m_shading->setSpans(nullptr);
    if (!m_dataset || m_dataset->series.empty()) {
        m_axes->setVisible(false);
        refreshSpan();
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
    m_bandFill = BandFill::attach(m_chart, m_band);

    updateTitle();

    for (std::size_t i = 0; i < m_dataset->series.size(); ++i) {
        const od::Series& s = m_dataset->series[i];
        m_timesSorted.push_back(
            i < m_dataset->extents.size() ? m_dataset->extents[i].timesSorted : measureSeries(s).timesSorted);
        if (m_subset && std::find(m_subset->begin(), m_subset->end(), i) == m_subset->end())
            continue;
        m_seriesOf.push_back(i);
        auto* line = new QLineSeries(m_chart);
        line->setName(QString::fromStdString(s.name));
        line->setPen(linePen(i));
        // What was hidden stays hidden when the data grows: the state says, not the lines.
        line->setVisible(m_state->isShown(i));
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
        markers->setVisible(m_lines[i]->isVisible());
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
    // The picked point, ringed above everything else.
    m_highlight = new QScatterSeries(m_chart);
    m_highlight->setName(tr("picked point"));
    m_highlight->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_highlight->setMarkerSize(18);
    m_chart->addSeries(m_highlight);
    m_highlight->attachAxis(m_timeAxis);
    m_highlight->attachAxis(m_valueAxis);
    applyColours();
    updateLegend();

    measureFrame();
    m_viewRange = m_fullRange;
    m_axes->setVisible(true);
    if (keepView) {
        m_detections = keptDetections;
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

QRectF MetricChartView::plotArea() const
{
    return m_chart->plotArea();
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
    m_decimatedHeight = m_chart->plotArea().height();
    const bool zoomed = m_viewRange != m_fullRange;
    ViewRequest view;
    view.fromNs = m_viewRange.first * 1'000'000;
    view.toNs = m_viewRange.second * 1'000'000;
    view.columns = width;
    view.pointsPerColumn = kPointsPerColumn;
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
            // Aligned, each file's series is looked at through its own window of time.
            view.fromNs = m_viewRange.first * 1'000'000 + offsetOf(d);
            view.toNs = m_viewRange.second * 1'000'000 + offsetOf(d);
            view.chartX = [this, d](std::int64_t ns) { return double(seriesX(d, ns)); };
            const od::MinMaxPyramid* pyramid = d < m_dataset->pyramids.size() ? &m_dataset->pyramids[d] : nullptr;
            points = computeViewPoints(s, pyramid, d < detections().size() ? &detections()[d] : nullptr, view);
            if (!zoomed)
                m_fullCache.views.push_back(points);
        }
        // The value scale applies to what is drawn only (after the cache, which keeps values).
        const ValueTransform scale = transformOf(m_seriesOf[i]);
        if (scale.offset != 0 || scale.factor != 1) {
            for (QPointF& p : points.line)
                p.setY(scale(p.y()));
            for (QPointF& p : points.markers)
                p.setY(scale(p.y()));
            if (points.minY <= points.maxY) {
                points.minY = scale(points.minY);
                points.maxY = scale(points.maxY);
            }
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
        updateAxes(fullValueRange());
    refreshBand();
    refreshHighlight();
    m_shading->refresh();
    refreshSpan();
}
