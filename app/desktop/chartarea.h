#pragma once
// The central chart area: every series on one chart, or (View > Stacked Charts) one chart per
// shown series, stacked top to bottom in a scroll area on one shared time range (ChartStack
// places them and lines their plots up). Zooming or panning any stacked chart moves them all.
// The window talks to this area, never to a chart directly, so the series list, the table, the zoom actions, Follow
// Changes, the clock and export work the same in both layouts. What is shown, banded, picked, zoomed and selected lives
// in one ChartViewState (the session's) that every chart reads, so none holds a copy of it.

#include "chart/chartviewstate.h"
#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/seriesincidents.h"
#include "chart/spanstatistics.h"
#include "chart/timedisplay.h"
#include "desktop/chartstack.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class MetricChartView;
class QScrollArea;
class QStackedLayout;

class ChartArea : public QWidget
{
    Q_OBJECT
public:
    explicit ChartArea(QWidget* parent = nullptr);

    // Reads and changes state from now on (not owned; it must outlive the area). By default the
    // area has a state of its own.
    void setViewState(ChartViewState* state);
    ChartViewState* viewState() const { return m_state; }

    // A stacked chart is never squeezed below this height; with many series the stack scrolls.
    static constexpr int kMinChartHeight = ChartStack::kMinChartHeight;

    bool isStacked() const { return m_stacked; }
    void setStacked(bool stacked);

    // The chart of every series (holds the data only while not stacked).
    MetricChartView* singleChart() const { return m_single; }
    // The stacked charts, top to bottom, one per shown series (empty while not stacked).
    const std::vector<MetricChartView*>& stackedCharts() const { return m_stackWidget->charts(); }
    // What is on screen: the single chart, or the stack.
    std::vector<MetricChartView*> charts() const;
    // The chart drawing dataset series `series` (the single chart while not stacked; null
    // when stacked and the series is hidden).
    MetricChartView* chartOf(std::size_t series) const;
    QScrollArea* scrollArea() const { return m_scroll; }

    // As MetricChartView's, for whichever layout is on screen.
    void setDataset(const DatasetPtr& dataset, bool keepView = false);
    void setDetections(const DetectionsPtr& detections);
    void setIncidentSpans(const IncidentSpansPtr& spans);
    void setSeriesShown(std::size_t series, bool shown);
    void setBandSeries(std::optional<std::size_t> series);
    void setTimeDisplay(TimeDisplay display);
    std::pair<qint64, qint64> viewRange() const { return m_state->viewRange(); }
    void setViewRange(qint64 fromMs, qint64 toMs);
    void zoom(double factor);
    void pan(double fraction);
    void resetZoom();
    // Centres every chart's time range on the point, and scrolls its series' chart into view;
    // the point is ringed and its series' band drawn.
    void centreOn(std::size_t series, std::size_t index);
    // Shows [fromMs, toMs] (UTC milliseconds) of series' time, rings its point index and draws
    // its band: an incident picked in its table. Aligned to file starts, the range moves with
    // the series' file.
    void showIncident(std::size_t series, std::size_t index, qint64 fromMs, qint64 toMs);
    // What the band's legend entry says made it ("rolling k=4 window=30").
    void setBandText(const QString& text);
    void setValueScale(ValueScale scale);
    void setTimeAlignment(TimeAlignment alignment);
    // The statistics of the selected span for every series shown (none without a span).
    std::vector<SpanStatistics> spanStatistics() const;
    // The span in words: "2013-12-10T04:00:00Z to 2013-12-11T09:30:00Z", or, aligned,
    // "+0 d 04:00:00 to +1 d 09:30:00 since each file's start".
    QString spanText() const;

    // An area like this one that is never shown, laid out at size, showing what this one shows
    // (one chart or the stack, the series shown, the band, the zoom, the clock, the colours)
    // but no chart title: for drawing what is on screen at another size. A stack too tall for
    // size keeps every chart at its least height (the picture grows). Needs a QApplication.
    std::unique_ptr<ChartArea> copyAt(QSize size) const;

signals:
    void viewRangeChanged(qint64 fromMs, qint64 toMs);
    // A span was selected or cleared (Ctrl+drag, Esc), or the series in it changed.
    void spanChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    MetricChartView* leadChart() const;
    void rebuildStack();
    MetricChartView* makeStackedChart(std::size_t series);
    void followRange(MetricChartView* source, qint64 fromMs, qint64 toMs);

    QStackedLayout* m_pages;
    MetricChartView* m_single;
    QScrollArea* m_scroll;
    ChartStack* m_stackWidget; // in m_scroll
    bool m_stacked = false;

    // What every chart is given, kept here so that charts made later (a series shown again,
    // a change of layout) show the same; how it is looked at is in m_state.
    DatasetPtr m_dataset;
    DetectionsPtr m_detections;
    IncidentSpansPtr m_incidentSpans;
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
    ChartViewState* m_state;
    bool m_syncing = false; // passing one chart's range on to the others
};
