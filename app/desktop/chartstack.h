#pragma once
// The charts of View > Stacked Charts, laid out top to bottom by hand: every plot gets the same
// height, the bottom chart the extra room its time labels need, and every plot the same left
// and right edge, so that one time sits at one x all the way down. What each chart shows is
// ChartArea's business; this widget only places and lines them up.

#include <QTimer>
#include <QWidget>

#include <cstddef>
#include <vector>

class MetricChartView;
class QLabel;

class ChartStack : public QWidget
{
    Q_OBJECT
public:
    explicit ChartStack(QWidget* parent = nullptr);

    // A chart is never squeezed below this height (the bottom one has its time axis on top of
    // it); with many series the stack grows taller than its scroll area and scrolls.
    static constexpr int kMinChartHeight = 130;

    // The charts, top to bottom.
    const std::vector<MetricChartView*>& charts() const { return m_charts; }
    // A new chart, a child of the stack, dressed for it (no title, no padding, square corners)
    // but not yet in it: setCharts() places it.
    MetricChartView* makeChart();
    // Shows charts top to bottom; those shown before and not in charts are deleted. Without a
    // chart, says how to show one when data is loaded. visibleHeight: as updateTimeAxisText's.
    void setCharts(std::vector<MetricChartView*> charts, bool dataLoaded, int visibleHeight);
    void clear();
    // A stack taller than visibleHeight scrolls and hides its bottom chart most of the time:
    // then every chart labels its times, else only the bottom one.
    void updateTimeAxisText(int visibleHeight);
    // Places the charts in the stack's rectangle and widens the narrow plots' margins. Both also
    // run by themselves (on a resize, once a layout pass is over); an area drawn off screen,
    // with no event loop, calls them.
    void layOut();
    void alignPlotAreas();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateMinimumHeight();

    std::vector<MetricChartView*> m_charts;
    QLabel* m_noSeriesLabel;
    int m_timeAxisHeight; // how much taller the bottom chart is, for its time labels
    const int m_timeAxisGuess; // the same, before any chart was measured
    QTimer m_alignTimer; // lines the plot areas up once a layout pass is over
};
