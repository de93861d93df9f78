#pragma once
// The live prices chart: one line per symbol and its red markers for unusual ticks, against a
// time axis that scrolls with the wall clock and a price axis fitted to what is visible.
//
// Qt Charts spends a few microseconds per point on every frame, so each redraw hands it a
// decimated copy of the visible ticks whose size follows the plot's width and the number of
// lines, never the tick rate.

#include <QChartView>

#include <memory>
#include <vector>

class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
struct StockSymbol;

class StockChart : public QChartView
{
    Q_OBJECT
public:
    // Points drawn per frame over all lines, at most (besides the red markers).
    static constexpr int kPointBudget = 1500;

    explicit StockChart(QWidget* parent = nullptr);

    // Creates symbol's line (in colour) and markers on this chart; they stay until the chart goes.
    void addSymbol(StockSymbol& symbol, const QColor& colour);
    // Replaces symbol's line and markers with its ticks from fromMs (and one before, so the line
    // enters from the border) on; records the visible price range in the symbol. lineCount is
    // how many lines share the point budget.
    void redraw(StockSymbol& symbol, double fromMs, double toMs, std::size_t lineCount);
    // Scrolls the time axis to end at rightMs and fits the price axis to the symbols' visible ranges.
    void updateAxes(double rightMs, const std::vector<std::unique_ptr<StockSymbol>>& symbols);

    // How much time the chart shows.
    void setSpanSeconds(int seconds);
    double spanMs() const { return 1000.0 * m_spanSeconds; }

    struct NiceRange
    {
        double lo;
        double hi;
        int ticks;
    };
    static NiceRange niceRange(double lo, double hi);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTimeTicks();
    // The chart's theme, background, grid, lines and markers for the palette (light or dark),
    // as the main chart does, so that a symbol keeps its hue in either theme.
    void applyColours();
    struct Drawn
    {
        QLineSeries* line;
        QScatterSeries* markers;
        QColor colour; // the line's hue on a light background
    };
    std::vector<Drawn> m_drawn;

    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    int m_spanSeconds = 30;
    bool m_valueFitted = false; // the price axis shows prices, not the initial 0 to 1
};
