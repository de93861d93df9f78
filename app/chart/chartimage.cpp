#include "chart/chartimage.h"

#include "chart/metricchartview.h"
#include "chart/theme.h"

#include <QChart>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <memory>

namespace {

// The same widget the window shows, laid out at the wanted size but never shown.
std::unique_ptr<MetricChartView> offscreenView(
    const DatasetPtr& dataset, const std::vector<od::Detection>& detections, QSize size, ChartLook look)
{
    auto view = std::make_unique<MetricChartView>();
    view->setPalette(look.dark ? darkPalette() : lightPalette());
    view->setTimeDisplay(look.time);
    view->resize(size);
    view->setDataset(dataset);
    view->setDetections(std::make_shared<const std::vector<od::Detection>>(detections));
    // The incidents shaded as the app shades them, grouped by the same rule.
    view->setIncidentSpans(
        std::make_shared<const std::vector<IncidentSpan>>(incidentSpans(groupSeriesIncidents(*dataset, detections))));
    view->chart()->resize(QSizeF(size));
    // The legend and the axes lay themselves out in posted events, which a window that is never
    // shown gets from no event loop: without them the legend is missing and the ticks are
    // chosen for another plot width. New tick labels can change the plot width again, so lay
    // out and decimate until it holds still.
    for (int pass = 0; pass < 3; ++pass) {
        QCoreApplication::sendPostedEvents();
        view->chart()->layout()->activate();
        const QRectF plot = view->chart()->plotArea();
        view->refreshNow();
        QCoreApplication::sendPostedEvents();
        view->chart()->layout()->activate();
        if (view->chart()->plotArea() == plot)
            break;
    }
    return view;
}

QString describeFailure(const QSaveFile& file)
{
    return file.errorString().isEmpty() ? QCoreApplication::translate("chartimage", "cannot write the file")
                                        : file.errorString();
}

} // namespace

ChartFormat chartFormatFor(const QString& path)
{
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? ChartFormat::Svg : ChartFormat::Png;
}

void paintChart(MetricChartView& view, QPainter& painter)
{
    const QRectF source = view.chart()->geometry();
    const QRectF target(QPointF(0, 0), source.size());
    painter.fillRect(target, view.palette().color(QPalette::Base));
    painter.setRenderHint(QPainter::Antialiasing);
    view.scene()->render(&painter, target, source);
}

namespace {

// The views one below the other, each at its own size.
void paintCharts(const std::vector<MetricChartView*>& views, QPainter& painter)
{
    qreal y = 0;
    for (MetricChartView* view : views) {
        painter.save();
        painter.translate(0, y);
        paintChart(*view, painter);
        painter.restore();
        y += view->chart()->geometry().height();
    }
}

// pixelRatio: device pixels per chart pixel in a PNG (an SVG has no pixels).
bool writeCharts(const std::vector<MetricChartView*>& views, const QString& path, qreal pixelRatio, QString* error)
{
    if (views.empty()) {
        *error = QCoreApplication::translate("chartimage", "no chart is shown (every series is hidden)");
        return false;
    }
    QSize size(0, 0);
    for (const MetricChartView* view : views) {
        const QSize one = view->chart()->geometry().size().toSize();
        size = QSize(std::max(size.width(), one.width()), size.height() + one.height());
    }
    MetricChartView& view = *views.front();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = describeFailure(file);
        return false;
    }
    if (chartFormatFor(path) == ChartFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(view.chart()->title());
        svg.setDescription(QCoreApplication::translate("chartimage", "Metric series with their outliers marked"));
        // One path per line in the file, not one per segment.
        for (MetricChartView* v : views)
            v->setLinesAsPaths(true);
        {
            QPainter painter(&svg);
            paintCharts(views, painter);
        }
        for (MetricChartView* v : views)
            v->setLinesAsPaths(false);
    } else {
        QImage image(size * pixelRatio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(pixelRatio);
        // Charts narrower than the widest leave the page's colour beside them.
        image.fill(view.palette().color(QPalette::Base));
        {
            QPainter painter(&image);
            paintCharts(views, painter);
        }
        if (!image.save(&file, "PNG")) {
            *error = QCoreApplication::translate("chartimage", "could not encode the PNG");
            return false;
        }
    }
    if (!file.commit()) {
        *error = describeFailure(file);
        return false;
    }
    return true;
}

} // namespace

bool saveChart(MetricChartView& view, const QString& path, QString* error)
{
    return saveCharts({ &view }, path, error);
}

bool saveCharts(const std::vector<MetricChartView*>& views, const QString& path, QString* error)
{
    // As sharp as the screen they are on.
    return writeCharts(views, path, views.empty() ? 1.0 : views.front()->devicePixelRatioF(), error);
}

QImage renderChartImage(
    const DatasetPtr& dataset, const std::vector<od::Detection>& detections, QSize size, ChartLook look)
{
    const auto view = offscreenView(dataset, detections, size, look);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    paintChart(*view, painter);
    return image;
}

bool renderChartFile(const DatasetPtr& dataset, const std::vector<od::Detection>& detections, QSize size,
    ChartLook look, const QString& path, QString* error)
{
    const auto view = offscreenView(dataset, detections, size, look);
    // Exactly the size asked for, whatever screen there may be.
    return writeCharts({ view.get() }, path, 1.0, error);
}
