#pragma once
// What a navigation gesture may ask of a chart and do to it: the visible time range, where a
// point of the view is in time, and moving the range. The gestures (drag pan, rubber band zoom,
// wheel zoom, keys) know the chart only through this, as PlotJuggler's panner and zoomer know
// only the plot. Times are UTC milliseconds; positions are in the chart view's viewport.

#include <QRectF>
#include <QtGlobal>

#include <utility>

class ChartNavigation
{
public:
    virtual ~ChartNavigation() = default;

    // Whether there is anything to navigate (a dataset is shown).
    virtual bool hasData() const = 0;
    // The plot area (inside the axes) and its width in pixels.
    virtual QRectF plotArea() const = 0;
    virtual int plotWidth() const = 0;
    // The instant under a point of the viewport.
    virtual qint64 timeAt(const QPointF& viewPos) const = 0;

    virtual std::pair<qint64, qint64> viewRange() const = 0;
    // Shows [fromMs, toMs] (clamped to the data, at least one second wide).
    virtual void setViewRange(qint64 fromMs, qint64 toMs) = 0;
    // factor > 1 zooms in, around aroundMs (the view's centre when negative).
    virtual void zoom(double factor, qint64 aroundMs) = 0;
    // Moves the view by a fraction of its width (negative: back in time).
    virtual void pan(double fraction) = 0;
    // Shows everything.
    virtual void resetZoom() = 0;
    // Marks [fromMs, toMs] for its statistics, until cleared.
    virtual void selectSpan(qint64 fromMs, qint64 toMs) = 0;
    virtual void clearSpan() = 0;
    virtual bool hasSpan() const = 0;
};
