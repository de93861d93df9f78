// MetricChartView, what it draws over the lines' data as the view state says: which series
// are shown, the band a detector judged a series against (the only series' band without
// asking), the ring around a picked point, and a selected span with its statistics.

#include "chart/metricchartview.h"

#include "chart/bandfill.h"
#include "chart/bandpoints.h"
#include "chart/incidentshading.h"
#include "chart/spanmarker.h"
#include "chart/theme.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>

void MetricChartView::setSeriesShown(std::size_t series, bool shown)
{
    m_state->setShown(series, shown);
}

void MetricChartView::applyShown(std::size_t series)
{
    const auto drawn = lineOf(series);
    if (!drawn)
        return;
    const bool shown = m_state->isShown(series);
    m_lines[*drawn]->setVisible(shown);
    for (QLineSeries* run : m_runLines[*drawn])
        run->setVisible(shown);
    m_outliers[*drawn]->setVisible(shown);
    updateLegend();
    m_shading->refresh();
    refreshBand();
    refreshHighlight();
}

void MetricChartView::setBandSeries(std::optional<std::size_t> series)
{
    m_state->setBandSeries(series);
}

std::optional<std::size_t> MetricChartView::bandShownFor() const
{
    if (!m_band || !m_band->isVisible() || !m_dataset)
        return std::nullopt;
    const auto asked = m_state->bandSeries();
    if (asked && lineOf(*asked))
        return asked;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i]->isVisible())
            return m_seriesOf[i];
    }
    return std::nullopt;
}

void MetricChartView::refreshBand()
{
    if (!m_band)
        return;
    // The band asked for if this chart draws it, else the only series shown: a band one need
    // not hunt for, on a one-series file or on each chart of a stack.
    std::optional<std::size_t> series = m_state->bandSeries();
    if (!series || !lineOf(*series)) {
        series.reset();
        int visible = 0;
        for (std::size_t i = 0; i < m_lines.size(); ++i) {
            if (m_lines[i]->isVisible()) {
                ++visible;
                series = m_seriesOf[i];
            }
        }
        if (visible != 1)
            series.reset();
    }
    const std::size_t i = series.value_or(m_timesSorted.size());
    const auto drawn = lineOf(i);
    if (!drawn || i >= detections().size() || !m_lines[*drawn]->isVisible()) {
        m_band->setVisible(false);
        updateLegend();
        return;
    }
    // Qt Charts deletes the item of the previous file's band later: while it lingers, which
    // item paints this band is unknown and attach() declines. Taken over once it is gone, or Qt
    // Charts' own fill paints a swinging band several times slower (tst_bandfill).
    if (!m_bandFill)
        m_bandFill = BandFill::attach(m_chart, m_band);
    const ValueTransform scale = transformOf(i);
    const BandOutline outline = bandOutline(
        m_dataset->series[i], detections()[i], m_timesSorted[i], m_viewRange.first * 1'000'000 + offsetOf(i),
        m_viewRange.second * 1'000'000 + offsetOf(i), plotWidth(),
        [this, i](std::int64_t ns) { return seriesX(i, ns); }, [scale](double v) { return scale(v); });
    m_band->upperSeries()->replace(outline.upper);
    m_band->lowerSeries()->replace(outline.lower);
    QColor fill = seriesColour(i, m_dark);
    fill.setAlpha(m_dark ? 60 : 40);
    m_band->setBrush(fill);
    const QString text = m_state->bandText();
    m_band->setName(text.isEmpty() ? tr("band") : tr("band: %1").arg(text));
    m_band->setVisible(!outline.upper.isEmpty());
    if (m_bandFill)
        m_bandFill->refresh();
    updateLegend();
}

std::optional<QPointF> MetricChartView::drawnPoint(std::size_t series, std::size_t index) const
{
    if (!m_dataset || !lineOf(series) || index >= m_dataset->series[series].size())
        return std::nullopt;
    const od::Series& s = m_dataset->series[series];
    if (std::isnan(s.values[index]))
        return std::nullopt;
    return QPointF(seriesX(series, s.times[index]), transformOf(series)(s.values[index]));
}

void MetricChartView::refreshHighlight()
{
    if (!m_highlight)
        return;
    const auto picked = m_state->highlight();
    const auto line = picked ? lineOf(picked->first) : std::nullopt;
    const auto at = picked ? drawnPoint(picked->first, picked->second) : std::nullopt;
    if (!line || !at || !m_lines[*line]->isVisible()) {
        m_highlight->clear();
        return;
    }
    m_highlight->replace(QList<QPointF> { *at });
}

void MetricChartView::selectSpan(qint64 fromMs, qint64 toMs)
{
    // A drag is as precise as a pixel: ends on whole seconds (or minutes) read better and lose
    // nothing the mouse could tell apart.
    const double msPerPixel = double(m_viewRange.second - m_viewRange.first) / std::max(1, plotWidth());
    const qint64 unit = msPerPixel >= 60'000 ? 60'000 : msPerPixel >= 1000 ? 1000 : 1;
    const auto round = [unit](qint64 ms) { return (ms + (ms >= 0 ? unit / 2 : -unit / 2)) / unit * unit; };
    m_state->setSpan(std::pair { round(std::min(fromMs, toMs)), round(std::max(fromMs, toMs)) });
}

void MetricChartView::clearSpan()
{
    m_state->setSpan(std::nullopt);
}

void MetricChartView::refreshSpan()
{
    const auto span = m_dataset ? m_state->span() : std::nullopt;
    if (!span) {
        m_spanMarker->setSpan(std::nullopt);
        return;
    }
    m_spanMarker->setSpan(std::pair { viewX(span->first), viewX(span->second) });
}

std::vector<SpanStatistics> MetricChartView::spanStatistics() const
{
    std::vector<SpanStatistics> rows;
    const auto span = m_state->span();
    if (!m_dataset || !span)
        return rows;
    const std::vector<IncidentSpan>* incidents = m_shading->spans() ? m_shading->spans().get() : nullptr;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (!m_lines[i]->isVisible())
            continue;
        const std::size_t d = m_seriesOf[i];
        rows.push_back(::spanStatistics(m_dataset->series[d], d, d < detections().size() ? &detections()[d] : nullptr,
            incidents, span->first * 1'000'000 + offsetOf(d), span->second * 1'000'000 + offsetOf(d)));
    }
    return rows;
}
