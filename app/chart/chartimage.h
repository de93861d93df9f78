#pragma once
// The chart, drawn into a PNG or an SVG file: File > Export Chart in the app and
// `outlierctl render` with no display share this one drawing (paintChart), so the picture in
// the incident channel is the one on screen.

#include "chart/dataset.h"
#include "chart/detections.h"
#include "chart/timedisplay.h"

#include "core/detection.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <memory>
#include <vector>

class MetricChartView;
class QPainter;

// How a chart drawn with no window looks: which clock its axis reads and which colours, and
// the title line above it (chart/chartcaption.h; none when empty).
struct ChartLook
{
    TimeDisplay time = TimeDisplay::Utc;
    bool dark = false;
    QString caption;
    // What made the band, named in its legend entry as the window names it ("band: alarm ...").
    QString bandText;
};

// How a picture of charts is written: the caption line above them (none when empty), device
// pixels per chart pixel in a PNG (an SVG has no pixels), and the least size of the picture
// (charts smaller than it leave the page's colour beside or below them).
struct PictureOptions
{
    QString caption;
    qreal pixelRatio = 1.0;
    QSize minimumSize;
};

enum class ChartFormat { Png, Svg };
// SVG for a name ending in .svg (any case), PNG for anything else.
ChartFormat chartFormatFor(const QString& path);

// Draws what `view` shows now (zoom, hidden series, band, theme and clock included) onto
// painter, whose device is the chart's size; the background is filled first.
void paintChart(MetricChartView& view, QPainter& painter);

// Lays out a view that is never shown (legend, axes, the decimation for its plot width) at
// size, so that it draws as a shown one would. Needs a QApplication.
void layOutForDrawing(MetricChartView& view, QSize size);

// Writes what `view` shows to `path`, as SVG or PNG by its name, as sharp as its screen. The
// file is replaced only once it was written whole (a temporary file beside it, then a rename):
// a failure leaves what was there before. On failure returns false and says why in *error
// (the system's reason, "Permission denied", "No space left on device").
bool saveChart(MetricChartView& view, const QString& path, QString* error);
// Several charts (a stack) as one picture, each below the one before, as wide as the widest.
// Fails, saying so, when views is empty.
bool saveCharts(const std::vector<MetricChartView*>& views, const QString& path, QString* error);
bool saveCharts(
    const std::vector<MetricChartView*>& views, const QString& path, const PictureOptions& options, QString* error);

// What a picture `width` pixels wide needs of a series' band: only its blocks where each pixel
// column spans a block or more (they draw it exactly as the band per point would, see
// core/plot/band_envelope.h), else the band per point (a short series: little memory).
od::BandDetail bandDetailForPicture(std::size_t points, int width);

// Needs a QApplication (any platform, offscreen included). (*detections)[i] belongs to series
// i; the chart shares them, never copies (a per-point band of 10 million points is 240 MB).
QImage renderChartImage(const DatasetPtr& dataset, const DetectionsPtr& detections, QSize size, ChartLook look = {});
// The same chart written to `path` as SVG or PNG by its name, as saveChart does; size is the
// whole picture's, caption line included.
bool renderChartFile(const DatasetPtr& dataset, const DetectionsPtr& detections, QSize size, ChartLook look,
    const QString& path, QString* error);

// renderChartFile in two steps, so that the chart of the series alone (lines, axes, legend)
// is laid out while their detections are still being made (outlierctl render does both at
// once on two threads); the file written is the one renderChartFile writes. Needs a
// QApplication; the thread that made it, as any widget.
class ChartPicture
{
public:
    ChartPicture(const DatasetPtr& dataset, QSize size, ChartLook look);
    ~ChartPicture();
    // (*detections)[i] belongs to series i: the outliers, the band and the incidents are added
    // and the chart laid out again.
    void setDetections(const DetectionsPtr& detections);
    bool write(const QString& path, QString* error);

private:
    DatasetPtr m_dataset;
    QSize m_size;
    ChartLook m_look;
    std::unique_ptr<MetricChartView> m_view;
};
