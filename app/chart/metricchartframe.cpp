// MetricChartView, its frame: where a time and a value sit on the chart and what range is in
// view. Time as it is (UTC or local clock) or counted from each file's start; values as they are
// or on each series' own scale; zooming, panning and the axes that follow the view.

#include "chart/metricchartview.h"

#include "chart/chartaxes.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

void MetricChartView::onAlignmentChanged()
{
    m_axes->setTimeTitle(
        aligned() ? tr("Time since each file's start") : tr("Time (%1)").arg(timeZoneName(m_time.display())));
    if (!m_dataset)
        return;
    // Time counts differently now: show everything, as after opening the files.
    measureFrame();
    m_viewRange = m_fullRange;
    m_fullCache = {};
    m_decimatedWidth = -1;
    refreshPoints();
    emit viewRangeChanged(m_viewRange.first, m_viewRange.second);
}

qreal MetricChartView::seriesX(std::size_t series, std::int64_t nanos) const
{
    if (aligned())
        return qreal((nanos - offsetOf(series)) / 1'000'000);
    return m_time.chartX(nanos);
}

qreal MetricChartView::viewX(qint64 ms) const
{
    return aligned() ? qreal(ms) : m_time.chartX(ms * 1'000'000);
}

QCategoryAxis* MetricChartView::timeAxis() const
{
    return m_timeAxis;
}

QValueAxis* MetricChartView::valueAxis() const
{
    return m_valueAxis;
}

void MetricChartView::measureFrame()
{
    m_offsetNs.assign(m_dataset ? m_dataset->series.size() : 0, 0);
    m_transforms.assign(m_offsetNs.size(), {});
    std::int64_t minT = std::numeric_limits<std::int64_t>::max();
    std::int64_t maxT = std::numeric_limits<std::int64_t>::lowest();
    for (std::size_t i = 0; i < m_offsetNs.size(); ++i) {
        const od::Series& s = m_dataset->series[i];
        // The loader measured the series on its thread; a dataset made elsewhere is measured here.
        const SeriesExtent e = i < m_dataset->extents.size() ? m_dataset->extents[i] : measureSeries(s);
        m_transforms[i] = valueTransform(m_state->valueScale(), e);
        if (aligned())
            m_offsetNs[i] = fileStartOf(*m_dataset, i);
        if (!s.times.empty()) {
            minT = std::min(minT, e.minTime - m_offsetNs[i]);
            maxT = std::max(maxT, e.maxTime - m_offsetNs[i]);
        }
    }
    if (minT > maxT)
        minT = maxT = 0;
    m_fullRange = { minT / 1'000'000, std::max(maxT / 1'000'000, minT / 1'000'000 + 1000) };
}

std::pair<double, double> MetricChartView::fullValueRange() const
{
    double minY = std::numeric_limits<double>::max(), maxY = std::numeric_limits<double>::lowest();
    for (const std::size_t i : m_seriesOf) {
        const SeriesExtent e
            = i < m_dataset->extents.size() ? m_dataset->extents[i] : measureSeries(m_dataset->series[i]);
        if (!e.hasValues)
            continue;
        const ValueTransform t = transformOf(i);
        minY = std::min(minY, t(e.minValue));
        maxY = std::max(maxY, t(e.maxValue));
    }
    if (minY > maxY)
        minY = 0, maxY = 1;
    return { minY, maxY };
}

qint64 MetricChartView::timeAt(const QPointF& viewPos) const
{
    const QPointF value = m_chart->mapToValue(
        m_chart->mapFromScene(mapToScene(viewPos.toPoint())), m_lines.empty() ? nullptr : m_lines.front());
    return aligned() ? qint64(std::llround(value.x())) : m_time.utcMsAt(value.x());
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
    const qint64 at = (m_dataset->series[series].times[index] - offsetOf(series)) / 1'000'000;
    qint64 span = m_viewRange.second - m_viewRange.first;
    if (span >= m_fullRange.second - m_fullRange.first)
        span = std::max<qint64>((m_fullRange.second - m_fullRange.first) / 20, 60'000);
    setViewRange(at - span / 2, at + span / 2);
}

void MetricChartView::setTimeDisplay(TimeDisplay display)
{
    if (display == m_time.display())
        return;
    m_time.setDisplay(display);
    if (!aligned())
        m_axes->setTimeTitle(tr("Time (%1)").arg(timeZoneName(display)));
    // Every x coordinate moves with the offset: decimate again rather than reuse the cache.
    m_fullCache = {};
    m_decimatedWidth = -1;
    refreshPoints();
}

void MetricChartView::setTimeAlignment(TimeAlignment alignment)
{
    m_state->setAlignment(alignment);
}

void MetricChartView::setValueScale(ValueScale scale)
{
    m_state->setValueScale(scale);
}

void MetricChartView::updateAxes(std::pair<double, double> values)
{
    // The axis shows the view exactly: showing everything, it hugs the data. Ticks fall on whole
    // minutes, hours or days of the clock shown (UTC or local), or of the time since each file's
    // start when aligned.
    if (aligned()) {
        m_axes->setTimeRange(
            m_viewRange.first, m_viewRange.second, true, [](qint64 ms) { return qreal(ms); }, plotWidth());
    } else {
        m_axes->setTimeRange(m_time.wallMs(m_viewRange.first), m_time.wallMs(m_viewRange.second), false,
            &TimeAxisMapping::chartXOfWall, plotWidth());
    }
    m_axes->setValueTitle(valueAxisTitle(m_state->valueScale()));
    m_axes->setValueRange(values.first, values.second, int(m_chart->plotArea().height()));
}
