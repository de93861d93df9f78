#include "desktop/chartstack.h"

#include "chart/metricchartview.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLabel>

#include <algorithm>
#include <cmath>

namespace {

// The space left of and right of every plot area beyond what its axis needs.
constexpr int kSideMargin = 4;
constexpr int kRightMargin = 12;

} // namespace

ChartStack::ChartStack(QWidget* parent)
    : QWidget(parent)
    , m_noSeriesLabel(new QLabel(this))
    // A first guess (labels and title, a line each), measured once the charts are laid out.
    , m_timeAxisHeight(2 * fontMetrics().height() + 12)
    , m_timeAxisGuess(m_timeAxisHeight)
{
    setObjectName(QStringLiteral("chartStackContents"));
    m_noSeriesLabel->setObjectName(QStringLiteral("noSeriesLabel"));
    m_noSeriesLabel->setAlignment(Qt::AlignCenter);
    m_noSeriesLabel->setWordWrap(true);
    m_noSeriesLabel->setText(tr("No series shown: tick one in the series list (View > Series, Ctrl+Shift+L)."));
    m_noSeriesLabel->hide();
    m_alignTimer.setSingleShot(true);
    m_alignTimer.setInterval(0);
    connect(&m_alignTimer, &QTimer::timeout, this, &ChartStack::alignPlotAreas);
}

MetricChartView* ChartStack::makeChart()
{
    auto* chart = new MetricChartView(this);
    chart->setObjectName(QStringLiteral("stackedChart"));
    chart->setTitleShown(false);
    // Stacked charts are short: the plot gets the room the chart's own padding would take,
    // and the charts meet edge to edge, a line between them.
    chart->chart()->layout()->setContentsMargins(0, 0, 0, 0);
    chart->chart()->setBackgroundRoundness(0);
    connect(chart->chart(), &QChart::plotAreaChanged, &m_alignTimer, qOverload<>(&QTimer::start));
    return chart;
}

void ChartStack::setCharts(std::vector<MetricChartView*> charts, bool dataLoaded, int visibleHeight)
{
    for (MetricChartView* chart : m_charts) {
        if (std::find(charts.begin(), charts.end(), chart) == charts.end())
            delete chart;
    }
    m_charts = std::move(charts);
    for (MetricChartView* chart : m_charts)
        chart->show();
    updateTimeAxisText(visibleHeight);
    m_noSeriesLabel->setVisible(dataLoaded && m_charts.empty());
    updateMinimumHeight();
    layOut();
    m_alignTimer.start();
}

void ChartStack::clear()
{
    for (MetricChartView* chart : m_charts)
        delete chart;
    m_charts.clear();
}

void ChartStack::updateMinimumHeight()
{
    // Room for every chart at its least height; more series than fit make the stack scroll.
    const int n = int(m_charts.size());
    setMinimumHeight(n == 0 ? 0 : n * kMinChartHeight + m_timeAxisHeight);
}

void ChartStack::updateTimeAxisText(int visibleHeight)
{
    // Decided on a fixed estimate of the axis' height, so that the choice cannot change the
    // height it is made from.
    const int n = int(m_charts.size());
    const bool everywhere = n * kMinChartHeight + m_timeAxisGuess > visibleHeight;
    for (int k = 0; k < n; ++k)
        m_charts[std::size_t(k)]->setTimeAxisText(everywhere || k + 1 == n, k + 1 == n);
}

void ChartStack::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    layOut();
}

void ChartStack::layOut()
{
    const QRect area = rect();
    m_noSeriesLabel->setGeometry(area);
    if (m_charts.empty())
        return;
    // Equal plot heights: the bottom chart is taller by what its time labels take.
    const int n = int(m_charts.size());
    const int each = std::max(kMinChartHeight, (area.height() - m_timeAxisHeight) / n);
    int y = 0;
    for (int k = 0; k < n; ++k) {
        const int height = k + 1 == n ? std::max(each + m_timeAxisHeight, area.height() - y) : each;
        m_charts[std::size_t(k)]->setGeometry(0, y, area.width(), height);
        y += height;
    }
}

void ChartStack::alignPlotAreas()
{
    if (m_charts.empty())
        return;
    // Each chart's plot starts where its value labels end, and those differ in width ("0.5",
    // "12000"): widen the narrow ones' margins so that every plot has the same left and right
    // edge.
    std::vector<double> left, right;
    double needLeft = 0, needRight = 0;
    for (MetricChartView* chart : m_charts) {
        const QChart* c = chart->chart();
        const QRectF plot = c->plotArea();
        if (plot.width() < 10)
            return; // not laid out yet; plotAreaChanged comes back here when it is
        left.push_back(plot.left() - c->margins().left());
        right.push_back(c->size().width() - plot.right() - c->margins().right());
        needLeft = std::max(needLeft, left.back());
        needRight = std::max(needRight, right.back());
    }
    for (std::size_t k = 0; k < m_charts.size(); ++k) {
        QChart* c = m_charts[k]->chart();
        QMargins margins = c->margins();
        margins.setLeft(kSideMargin + int(std::lround(needLeft - left[k])));
        margins.setRight(kRightMargin + int(std::lround(needRight - right[k])));
        if (margins != c->margins())
            c->setMargins(margins);
    }
    // What the bottom chart's time labels take, measured, so that its plot is as tall as the rest.
    if (m_charts.size() >= 2) {
        const auto below = [](MetricChartView* chart) {
            return int(std::lround(chart->chart()->size().height() - chart->chart()->plotArea().bottom()));
        };
        const int extra = std::max(0, below(m_charts.back()) - below(m_charts.front()));
        if (std::abs(extra - m_timeAxisHeight) > 1) {
            m_timeAxisHeight = extra;
            updateMinimumHeight();
            layOut();
        }
    }
}
