// MetricChartView, its lines: each series drawn in stretches broken where values are missing,
// their pens and colours (light or dark, solid paths for vector exports) and the legend that
// lists each series once.

#include "chart/metricchartview.h"

#include "chart/incidentshading.h"
#include "chart/spanmarker.h"
#include "chart/theme.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace {

// A series drawn in more stretches than this (missing values every few pixels) keeps only
// its widest gaps as breaks: each stretch is a chart series of its own.
constexpr std::size_t kMaxRuns = 200;

} // namespace

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
    // The band is listed while drawn, by what made it.
    if (m_band)
        list(m_band, m_band->isVisible());
    if (m_highlight)
        list(m_highlight, false);
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
    if (m_highlight) {
        // A ring in the text colour: seen on either palette, over any line or marker.
        m_highlight->setColor(Qt::transparent);
        QPen ring(palette().color(QPalette::WindowText), 2.5);
        m_highlight->setPen(ring);
        m_highlight->setBorderColor(ring.color());
    }
    m_shading->setDark(m_dark);
    m_spanMarker->setDark(m_dark);
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
