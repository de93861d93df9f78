#pragma once
// The chart: one line per series against time, the outliers as red markers on top. Lines are
// decimated to the plot's width over the visible time range, so drawing cost follows pixels,
// not points, at every zoom; missing values break a line. Hovering a marker says why it was
// flagged. Times read in UTC or local time (setTimeDisplay, mapped by TimeAxisMapping); colours
// follow the widget's palette, light or dark (chart/theme.h). ChartGestures moves the view:
// wheel zooms around the cursor, drag pans, Shift+drag zooms to the dragged span, Ctrl+drag
// selects a span (Esc clears it), keys zoom, pan and (Ctrl+0, resetZoom) show everything.
// How the data is looked at (shown series, band, picked point, value scale, alignment, span)
// lives in a ChartViewState, the chart's own or one shared by every chart of a window.

#include "chart/chartviewstate.h"
#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/navigation/chartnavigation.h"
#include "chart/seriesincidents.h"
#include "chart/spanstatistics.h"
#include "chart/timeaxismapping.h"
#include "chart/timedisplay.h"
#include "chart/viewpoints.h"

#include "core/detection.h"

#include <QChartView>
#include <QTimer>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class BandFill;
class ChartAxes;
class IncidentShading;
class QAreaSeries;
class QCategoryAxis;
class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class SpanMarker;

class MetricChartView : public QChartView, public ChartNavigation
{
    Q_OBJECT
public:
    explicit MetricChartView(QWidget* parent = nullptr);
    ~MetricChartView() override;

    // Looks at the data as state says, from now on (not owned; it must outlive the chart). By
    // default a chart has a state of its own.
    void setViewState(ChartViewState* state);
    ChartViewState* viewState() const { return m_state; }

    // Shows dataset's series with no outliers marked. keepView: the dataset grew from the one
    // shown (a followed file); its outliers stay marked and a zoomed view stays put, while a
    // view of everything grows with the data.
    void setDataset(const DatasetPtr& dataset, bool keepView = false);
    // Draws only the dataset's series with these indices (none: every series).
    // The time range still spans every series, so that charts of different subsets of one
    // dataset share one time axis; the value axis fits the series drawn. Applies at once.
    void setSeriesSubset(std::optional<std::vector<std::size_t>> series);
    // The dataset indices of the series drawn, in the order of lineSeries().
    const std::vector<std::size_t>& seriesIndices() const { return m_seriesOf; }
    // A chart in a stack: no title (the legend names its series), and the time axis' labels
    // and title where the stack wants them. All are shown by default.
    void setTitleShown(bool shown);
    void setTimeAxisText(bool labels, bool title);
    // (*detections)[i] belongs to the dataset's series i; null clears the markers. Shared, not
    // copied.
    void setDetections(const DetectionsPtr& detections);
    // Shades these incidents' spans behind the lines (null: none); a new dataset clears them.
    void setIncidentSpans(const IncidentSpansPtr& spans);
    IncidentShading* incidentShading() const { return m_shading; }

    // The visible time range, in UTC milliseconds.
    std::pair<qint64, qint64> viewRange() const override { return m_viewRange; }
    std::pair<qint64, qint64> fullRange() const { return m_fullRange; }
    // Shows [fromMs, toMs] (clamped to the data, at least one second wide).
    void setViewRange(qint64 fromMs, qint64 toMs) override;
    // factor > 1 zooms in, around aroundMs (the view's centre when negative).
    void zoom(double factor, qint64 aroundMs = -1) override;
    // Moves the view by a fraction of its width (negative: back in time).
    void pan(double fraction) override;
    void resetZoom() override;
    // What the gestures ask (ChartNavigation).
    bool hasData() const override { return m_dataset != nullptr; }
    QRectF plotArea() const override;
    int plotWidth() const override;
    qint64 timeAt(const QPointF& viewPos) const override;
    // Puts point `index` of series `series` in the middle of the view, zooming in if the view
    // shows everything, so that a row picked in the table can be seen.
    void centreOn(std::size_t series, std::size_t index);
    // Decimates and sets the axes for the current size at once, rather than on the next
    // layout pass (for drawing into an image).
    void refreshNow() { refreshPoints(); }
    // Shows or hides one series (its line and its markers), in the view state.
    void setSeriesShown(std::size_t series, bool shown);
    // Draws the band the detector judged `series` against as a shaded area, in the view state;
    // none: the band of the only series shown, if one is.
    void setBandSeries(std::optional<std::size_t> series);
    QAreaSeries* band() const { return m_band; }
    // The series whose band is drawn now, if any.
    std::optional<std::size_t> bandShownFor() const;
    // The ring around the picked point (ChartViewState::highlight), empty when none is in view.
    QScatterSeries* highlight() const { return m_highlight; }
    // The chart x and drawn y of point index of series (as its line draws it), if it has one.
    std::optional<QPointF> drawnPoint(std::size_t series, std::size_t index) const;

    // The value scale and time alignment, in the view state.
    void setValueScale(ValueScale scale);
    void setTimeAlignment(TimeAlignment alignment);
    ChartAxes* axes() const { return m_axes.get(); }
    QCategoryAxis* timeAxis() const;
    QValueAxis* valueAxis() const;

    // The span selected (Ctrl+drag), in the view range's terms; statistics of every series
    // shown in it. Esc clears it.
    void selectSpan(qint64 fromMs, qint64 toMs) override;
    void clearSpan() override;
    bool hasSpan() const override { return m_state->span().has_value(); }
    std::vector<SpanStatistics> spanStatistics() const;
    SpanMarker* spanMarker() const { return m_spanMarker; }
    // The chart x of a time in the view range's terms.
    qreal viewX(qint64 ms) const;
    // Its colours are the theme's (seriesColour, outlierColour in chart/theme.h).
    bool isDark() const { return m_dark; }

    // While on, each stretch of line is painted as one path rather than segment by segment, so
    // that a vector drawing (SVG) holds one path per line. It looks the same; it is slower on
    // screen, so it is for exports only.
    void setLinesAsPaths(bool on);

    // UTC (the default) or local time on the axis and in the marker tooltips.
    void setTimeDisplay(TimeDisplay display);
    TimeDisplay timeDisplay() const { return m_time.display(); }

    // What the tooltip of a marker says.
    QString markerText(std::size_t series, std::size_t k) const;

    // The first stretch of each drawn series' line (in seriesIndices() order), which also
    // carries its name and legend entry.
    const std::vector<QLineSeries*>& lineSeries() const { return m_lines; }
    // The stretches series `series` is drawn as, in time order: one polyline each, with a break
    // between them where values are missing (gaps narrower than a pixel column are drawn joined).
    // `series` is a dataset index; a series not drawn has no stretches.
    std::vector<QList<QPointF>> drawnRuns(std::size_t series) const;
    const std::vector<QScatterSeries*>& outlierSeries() const { return m_outliers; }
    // At most this many points per line per pixel column of the plot area.
    static constexpr int kPointsPerColumn = 2;

signals:
    void viewRangeChanged(qint64 fromMs, qint64 toMs);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refreshPoints();
    void updateAxes(std::pair<double, double> values);
    // Offsets, value transforms and the full range for the alignment and scale chosen.
    void measureFrame();
    std::pair<double, double> fullValueRange() const;
    void applyShown(std::size_t series);
    void refreshHighlight();
    void refreshSpan();
    void onAlignmentChanged();
    void showMarkerTip(std::size_t line, const QPointF& point);
    // Which of m_lines draws dataset series `series`, if any.
    std::optional<std::size_t> lineOf(std::size_t series) const;
    void updateTitle();
    void refreshBand();
    void applyColours();
    void updateLegend();
    QPen linePen(std::size_t series) const;
    using Break = LineGap;
    void showRuns(std::size_t series, const QList<QPointF>& points, std::vector<Break> breaks);
    QLineSeries* runSeries(std::size_t series, std::size_t run);
    // The chart x of a time of dataset series `series` (nanoseconds, UTC).
    qreal seriesX(std::size_t series, std::int64_t nanos) const;
    std::int64_t offsetOf(std::size_t series) const { return series < m_offsetNs.size() ? m_offsetNs[series] : 0; }
    ValueTransform transformOf(std::size_t series) const
    {
        return series < m_transforms.size() ? m_transforms[series] : ValueTransform {};
    }
    bool aligned() const { return m_state->alignment() == TimeAlignment::FileStart; }

    QChart* m_chart;
    std::unique_ptr<ChartAxes> m_axes;
    QCategoryAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    ChartViewState* m_state;
    ChartViewState* m_ownState;
    DatasetPtr m_dataset;
    const std::vector<od::Detection>& detections() const;
    DetectionsPtr m_detections;
    std::pair<qint64, qint64> m_fullRange { 0, 0 }; // UTC milliseconds
    std::pair<qint64, qint64> m_viewRange { 0, 0 };
    std::vector<std::int64_t> m_offsetNs; // per dataset series: what alignment subtracts
    std::vector<ValueTransform> m_transforms; // per dataset series: what the value scale does
    std::vector<bool> m_timesSorted; // per dataset series: whether a binary search finds the view
    std::optional<std::vector<std::size_t>> m_subset; // the series asked for (none: all)
    std::vector<std::size_t> m_seriesOf; // per drawn line, its dataset index
    bool m_titleShown = true;
    // m_lines, m_runLines, m_outliers, m_markerOutliers and m_fullCache.views hold one entry
    // per drawn series, in m_seriesOf order.
    // Per marker series, the position k in its Detection of each marker, in marker order.
    std::vector<std::vector<std::size_t>> m_markerOutliers;
    std::vector<QLineSeries*> m_lines;
    // Per series, the lines for its stretches after the first, kept for reuse (empty when unused).
    std::vector<std::vector<QLineSeries*>> m_runLines;
    std::vector<QScatterSeries*> m_outliers;
    QAreaSeries* m_band = nullptr;
    BandFill* m_bandFill = nullptr; // owned by the band's item in the chart
    QScatterSeries* m_highlight = nullptr;
    IncidentShading* m_shading;
    SpanMarker* m_spanMarker;
    struct FullViewCache
    {
        int width = -1;
        DetectionsPtr detections;
        std::vector<ViewPoints> views;
    } m_fullCache;
    QTimer m_refreshTimer; // coalesces the resizes of one layout pass into one re-decimation
    int m_decimatedWidth = -1;
    qreal m_decimatedHeight = -1; // the plot's height when the axes were last fitted
    TimeAxisMapping m_time;
    bool m_dark = false;
    bool m_linesAsPaths = false;
};
