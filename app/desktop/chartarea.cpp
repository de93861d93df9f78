#include "desktop/chartarea.h"

#include "chart/chartimage.h"
#include "chart/metricchartview.h"
#include "chart/timeticklabels.h"
#include "desktop/chartstack.h"

#include <QCoreApplication>
#include <QEvent>
#include <QScrollArea>
#include <QStackedLayout>

ChartArea::ChartArea(QWidget* parent)
    : QWidget(parent)
    , m_pages(new QStackedLayout(this))
    , m_single(new MetricChartView(this))
    , m_scroll(new QScrollArea(this))
    , m_stackWidget(new ChartStack)
    , m_state(new ChartViewState(this))
{
    setObjectName(QStringLiteral("chartArea"));
    m_scroll->setObjectName(QStringLiteral("chartStack"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_stackWidget);
    m_scroll->viewport()->installEventFilter(this);
    m_pages->addWidget(m_single);
    m_pages->addWidget(m_scroll);
    setFocusProxy(m_single);

    connect(m_single, &MetricChartView::viewRangeChanged, this,
        [this](qint64 from, qint64 to) { followRange(m_single, from, to); });
    setViewState(m_state);
}

void ChartArea::setViewState(ChartViewState* state)
{
    disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    m_single->setViewState(state);
    for (MetricChartView* chart : m_stackWidget->charts())
        chart->setViewState(state);
    // A stack has a chart per series shown: showing or hiding one changes the stack.
    connect(state, &ChartViewState::shownChanged, this, [this] {
        rebuildStack();
        if (m_state->span())
            emit spanChanged();
    });
    connect(state, &ChartViewState::spanChanged, this, &ChartArea::spanChanged);
}

bool ChartArea::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        m_stackWidget->updateTimeAxisText(m_scroll->viewport()->height());
    return QWidget::eventFilter(watched, event);
}

std::vector<MetricChartView*> ChartArea::charts() const
{
    if (m_stacked)
        return m_stackWidget->charts();
    return { m_single };
}

MetricChartView* ChartArea::chartOf(std::size_t series) const
{
    if (!m_stacked)
        return m_single;
    for (MetricChartView* chart : m_stackWidget->charts()) {
        if (chart->seriesIndices() == std::vector<std::size_t> { series })
            return chart;
    }
    return nullptr;
}

MetricChartView* ChartArea::leadChart() const
{
    if (!m_stacked)
        return m_single;
    const std::vector<MetricChartView*>& stack = m_stackWidget->charts();
    return stack.empty() ? nullptr : stack.front();
}

void ChartArea::setStacked(bool stacked)
{
    if (stacked == m_stacked)
        return;
    m_stacked = stacked;
    if (stacked) {
        // The single chart lets go of the data; the stack is made from what is kept here.
        m_single->setDataset(nullptr);
        rebuildStack();
        m_pages->setCurrentWidget(m_scroll);
        setFocusProxy(nullptr);
        return;
    }
    m_stackWidget->clear();
    const auto [from, to] = m_state->viewRange();
    const bool zoomed = m_state->isZoomed();
    m_single->setDataset(m_dataset, true);
    m_single->setDetections(m_detections);
    m_single->setIncidentSpans(m_incidentSpans);
    if (zoomed)
        m_single->setViewRange(from, to);
    m_pages->setCurrentWidget(m_single);
    setFocusProxy(m_single);
}

void ChartArea::setDataset(const DatasetPtr& dataset, bool keepView)
{
    keepView = keepView && m_dataset;
    m_dataset = dataset;
    if (!keepView) {
        m_detections.reset();
        m_incidentSpans.reset();
        m_state->resetForNewData();
    }
    // A grown dataset keeps what was hidden hidden: the state says, and it is not reset.
    if (!m_stacked) {
        m_single->setDataset(dataset, keepView);
        m_state->setViewRange(m_single->viewRange(), m_single->viewRange() != m_single->fullRange());
        return;
    }
    if (!keepView)
        m_stackWidget->clear();
    // The charts there are grow with the data (keeping a zoomed view), new ones join them.
    const std::vector<MetricChartView*>& stack = m_stackWidget->charts();
    for (MetricChartView* chart : stack)
        chart->setDataset(dataset, true);
    if (!stack.empty())
        m_state->setViewRange(stack.front()->viewRange(), stack.front()->viewRange() != stack.front()->fullRange());
    rebuildStack();
}

void ChartArea::setDetections(const DetectionsPtr& detections)
{
    m_detections = detections;
    for (MetricChartView* chart : charts())
        chart->setDetections(detections);
    if (m_state->span())
        emit spanChanged(); // its outlier counts
}

void ChartArea::setIncidentSpans(const IncidentSpansPtr& spans)
{
    m_incidentSpans = spans;
    for (MetricChartView* chart : charts())
        chart->setIncidentSpans(spans);
    if (m_state->span())
        emit spanChanged(); // its incident counts
}

void ChartArea::setSeriesShown(std::size_t series, bool shown)
{
    m_state->setShown(series, shown);
}

void ChartArea::setBandSeries(std::optional<std::size_t> series)
{
    m_state->setBandSeries(series);
}

void ChartArea::setBandText(const QString& text)
{
    m_state->setBandText(text);
}

void ChartArea::setValueScale(ValueScale scale)
{
    m_state->setValueScale(scale);
}

void ChartArea::setTimeAlignment(TimeAlignment alignment)
{
    m_state->setAlignment(alignment);
}

std::vector<SpanStatistics> ChartArea::spanStatistics() const
{
    std::vector<SpanStatistics> rows;
    for (const MetricChartView* chart : charts()) {
        for (SpanStatistics& row : chart->spanStatistics())
            rows.push_back(std::move(row));
    }
    return rows;
}

QString ChartArea::spanText() const
{
    const auto span = m_state->span();
    if (!span)
        return {};
    if (m_state->alignment() == TimeAlignment::FileStart) {
        const QStringList ends = elapsedTickLabels({ span->first, span->second }, 1000);
        return tr("%1 to %2 since each file's start").arg(ends[0], ends[1]);
    }
    return tr("%1 to %2")
        .arg(formatTime(span->first * 1'000'000, m_timeDisplay), formatTime(span->second * 1'000'000, m_timeDisplay));
}

void ChartArea::showIncident(std::size_t series, std::size_t index, qint64 fromMs, qint64 toMs)
{
    m_state->setBandSeries(series);
    m_state->setHighlight(PointRef { series, index });
    MetricChartView* own = chartOf(series);
    MetricChartView* chart = own ? own : leadChart();
    if (!chart || !m_dataset || series >= m_dataset->series.size())
        return;
    // The range is of the series' own time; aligned, the chart counts from its file's start.
    qint64 shift = 0;
    if (m_state->alignment() == TimeAlignment::FileStart)
        shift = fileStartOf(*m_dataset, series) / 1'000'000;
    chart->setViewRange(fromMs - shift, toMs - shift);
}

void ChartArea::setTimeDisplay(TimeDisplay display)
{
    m_timeDisplay = display;
    m_single->setTimeDisplay(display);
    for (MetricChartView* chart : m_stackWidget->charts())
        chart->setTimeDisplay(display);
}

void ChartArea::setViewRange(qint64 fromMs, qint64 toMs)
{
    if (MetricChartView* lead = leadChart())
        lead->setViewRange(fromMs, toMs);
}

void ChartArea::zoom(double factor)
{
    if (MetricChartView* lead = leadChart())
        lead->zoom(factor);
}

void ChartArea::pan(double fraction)
{
    if (MetricChartView* lead = leadChart())
        lead->pan(fraction);
}

void ChartArea::resetZoom()
{
    if (MetricChartView* lead = leadChart())
        lead->resetZoom();
}

void ChartArea::centreOn(std::size_t series, std::size_t index)
{
    m_state->setBandSeries(series);
    m_state->setHighlight(PointRef { series, index });
    MetricChartView* own = chartOf(series);
    // A hidden series has no chart of its own; any chart moves the shared range there.
    if (MetricChartView* chart = own ? own : leadChart())
        chart->centreOn(series, index);
    // The whole chart if it fits, else its middle (ensureWidgetVisible would settle for the
    // chart's top-left corner).
    if (m_stacked && own) {
        const QRect where = own->geometry();
        m_scroll->ensureVisible(where.center().x(), where.center().y(), 0, where.height() / 2);
    }
}

void ChartArea::followRange(MetricChartView* source, qint64 fromMs, qint64 toMs)
{
    if (m_syncing)
        return;
    // Every chart has the same full range (it spans every series), so each clamps the range
    // alike and none answers with a different one.
    m_syncing = true;
    for (MetricChartView* chart : m_stackWidget->charts()) {
        if (chart != source)
            chart->setViewRange(fromMs, toMs);
    }
    m_syncing = false;
    m_state->setViewRange({ fromMs, toMs }, std::pair { fromMs, toMs } != source->fullRange());
    emit viewRangeChanged(fromMs, toMs);
}

MetricChartView* ChartArea::makeStackedChart(std::size_t series)
{
    MetricChartView* chart = m_stackWidget->makeChart();
    chart->setTimeDisplay(m_timeDisplay);
    chart->setViewState(m_state);
    chart->setSeriesSubset(std::vector<std::size_t> { series });
    const auto [viewFrom, viewTo] = m_state->viewRange();
    const bool zoomed = m_state->isZoomed();
    chart->setDataset(m_dataset, true);
    chart->setDetections(m_detections);
    chart->setIncidentSpans(m_incidentSpans);
    if (zoomed)
        chart->setViewRange(viewFrom, viewTo);
    connect(chart, &MetricChartView::viewRangeChanged, this,
        [this, chart](qint64 from, qint64 to) { followRange(chart, from, to); });
    return chart;
}

void ChartArea::rebuildStack()
{
    if (!m_stacked)
        return;
    // Charts of series still shown stay as they are; hidden ones go, newly shown ones come.
    std::vector<MetricChartView*> stack;
    for (std::size_t i = 0; m_dataset && i < m_dataset->series.size(); ++i) {
        if (!m_state->isShown(i))
            continue;
        MetricChartView* chart = chartOf(i);
        stack.push_back(chart ? chart : makeStackedChart(i));
    }
    m_stackWidget->setCharts(std::move(stack), m_dataset != nullptr, m_scroll->viewport()->height());
}

std::unique_ptr<ChartArea> ChartArea::copyAt(QSize size) const
{
    auto copy = std::make_unique<ChartArea>();
    copy->setAttribute(Qt::WA_DontShowOnScreen);
    copy->setPalette(palette());
    copy->m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    copy->resize(size);
    copy->setTimeDisplay(m_timeDisplay);
    copy->setDataset(m_dataset);
    copy->setDetections(m_detections);
    copy->setIncidentSpans(m_incidentSpans);
    // The copy has a view state of its own, set as this one is, so that drawing it at another
    // size can never move what the window shows.
    ChartViewState& state = *copy->viewState();
    const std::size_t seriesCount = m_dataset ? m_dataset->series.size() : 0;
    for (std::size_t i = 0; i < seriesCount; ++i) {
        if (!m_state->isShown(i))
            state.setShown(i, false);
    }
    state.setBandSeries(m_state->bandSeries());
    state.setBandText(m_state->bandText());
    state.setHighlight(m_state->highlight());
    state.setValueScale(m_state->valueScale());
    state.setAlignment(m_state->alignment());
    state.setSpan(m_state->span());
    copy->setStacked(m_stacked);
    copy->m_single->setTitleShown(false);
    copy->show(); // laid out as if shown; WA_DontShowOnScreen keeps it off every screen
    if (m_state->isZoomed())
        copy->setViewRange(m_state->viewRange().first, m_state->viewRange().second);
    // Layouts, the stack's placement and the plots' alignment settle in posted events and a
    // zero timer, which no event loop delivers here: run them until the plots hold still.
    for (int pass = 0; pass < 3; ++pass) {
        QCoreApplication::sendPostedEvents();
        copy->m_stackWidget->layOut();
        for (MetricChartView* chart : copy->charts())
            layOutForDrawing(*chart, copy->m_stacked ? chart->size() : size);
        if (copy->m_stacked)
            copy->m_stackWidget->alignPlotAreas();
    }
    return copy;
}
