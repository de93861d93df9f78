#include "chart/chartimage.h"

#include "chart/chartcaption.h"
#include "chart/metricchartview.h"
#include "chart/pngwriter.h"
#include "chart/theme.h"
#include "chart/wholefile.h"

#include <QBuffer>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <memory>

namespace {

// zlib's level for PNG, and Qt's quality that maps to it ((100 - quality) * 9 / 91).
constexpr int kPngLevel = 4;
constexpr int kPngQuality = 50;

// The incidents shaded as the app shades them, grouped by the same rule.
void setIncidents(MetricChartView& view, const Dataset& dataset, const DetectionsPtr& detections)
{
    view.setIncidentSpans(
        std::make_shared<const std::vector<IncidentSpan>>(incidentSpans(groupSeriesIncidents(dataset, *detections))));
}

// The same widget the window shows, laid out at the wanted size but never shown; without
// detections (nullptr) the series alone.
std::unique_ptr<MetricChartView> offscreenView(
    const DatasetPtr& dataset, const DetectionsPtr& detections, QSize size, ChartLook look)
{
    auto view = std::make_unique<MetricChartView>();
    view->setPalette(look.dark ? darkPalette() : lightPalette());
    view->setTimeDisplay(look.time);
    // The caption names the files: the chart's own title would say it twice.
    view->setTitleShown(look.caption.isEmpty());
    view->viewState()->setBandText(look.bandText);
    view->resize(size);
    view->setDataset(dataset);
    view->setDetections(detections);
    if (detections)
        setIncidents(*view, *dataset, detections);
    layOutForDrawing(*view, size);
    return view;
}

} // namespace

void layOutForDrawing(MetricChartView& view, QSize size)
{
    view.chart()->resize(QSizeF(size));
    // The legend and the axes lay themselves out in posted events, which a window that is never
    // shown gets from no event loop: without them the legend is missing and the ticks are
    // chosen for another plot width. New tick labels can change the plot width again, so lay
    // out and decimate until it holds still.
    for (int pass = 0; pass < 3; ++pass) {
        QCoreApplication::sendPostedEvents();
        view.chart()->layout()->activate();
        const QRectF plot = view.chart()->plotArea();
        view.refreshNow();
        QCoreApplication::sendPostedEvents();
        view.chart()->layout()->activate();
        if (view.chart()->plotArea() == plot)
            break;
    }
}

od::BandDetail bandDetailForPicture(std::size_t points, int width)
{
    // The plot is narrower than the picture: its columns span at least points / width.
    return points >= od::BandBlocks::kPoints * static_cast<std::size_t>(std::max(1, width)) ? od::BandDetail::Blocks
                                                                                            : od::BandDetail::PerPoint;
}

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

// The views one below the other, each at its own size, starting at y = top.
void paintCharts(const std::vector<MetricChartView*>& views, QPainter& painter, qreal top)
{
    qreal y = top;
    for (MetricChartView* view : views) {
        painter.save();
        painter.translate(0, y);
        paintChart(*view, painter);
        painter.restore();
        y += view->chart()->geometry().height();
    }
}

bool writeCharts(
    const std::vector<MetricChartView*>& views, const QString& path, const PictureOptions& options, QString* error)
{
    if (views.empty()) {
        *error = QCoreApplication::translate("chartimage", "no chart is shown (every series is hidden)");
        return false;
    }
    const int top = options.caption.isEmpty() ? 0 : captionHeight();
    QSize size(0, top);
    for (const MetricChartView* view : views) {
        const QSize one = view->chart()->geometry().size().toSize();
        size = QSize(std::max(size.width(), one.width()), size.height() + one.height());
    }
    size = size.expandedTo(options.minimumSize);
    MetricChartView& view = *views.front();
    const QPalette& palette = view.palette();
    const auto paint = [&](QPainter& painter) {
        if (top > 0)
            paintCaption(painter, QRectF(0, 0, size.width(), top), options.caption, palette);
        paintCharts(views, painter, top);
    };
    // Drawn into memory first, then written whole: a failed write leaves the file there before.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (chartFormatFor(path) == ChartFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(options.caption.isEmpty() ? view.chart()->title() : options.caption);
        svg.setDescription(QCoreApplication::translate("chartimage", "Metric series with their outliers marked"));
        // One path per line in the file, not one per segment.
        for (MetricChartView* v : views)
            v->setLinesAsPaths(true);
        {
            QPainter painter(&svg);
            // The page's colour under everything, as in a PNG.
            painter.fillRect(QRect(QPoint(0, 0), size), palette.color(QPalette::Base));
            paint(painter);
        }
        for (MetricChartView* v : views)
            v->setLinesAsPaths(false);
    } else {
        QImage image(size * options.pixelRatio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(options.pixelRatio);
        // Charts narrower than the widest leave the page's colour beside them.
        image.fill(palette.color(QPalette::Base));
        {
            QPainter painter(&image);
            paint(painter);
        }
        // Written as RGB where every pixel is opaque (the page nearly always is): a quarter less
        // to compress and store than RGBA, the same pixels, on two threads (chart/pngwriter.h).
        // zlib level 4: on a 10-million-point chart 2.2x less CPU than Qt's default level 6 and a
        // file about 5% larger (README, speed). A see-through page goes through Qt's writer.
        QByteArray png;
        if (writeOpaquePng(image, kPngLevel, png)) {
            buffer.write(png);
        } else if (!image.save(&buffer, "PNG", kPngQuality)) {
            *error = QCoreApplication::translate("chartimage", "could not encode the PNG");
            return false;
        }
    }
    return writeFileWhole(path, buffer.data(), error);
}

} // namespace

bool saveChart(MetricChartView& view, const QString& path, QString* error)
{
    return saveCharts({ &view }, path, error);
}

bool saveCharts(const std::vector<MetricChartView*>& views, const QString& path, QString* error)
{
    // As sharp as the screen they are on.
    PictureOptions options;
    options.pixelRatio = views.empty() ? 1.0 : views.front()->devicePixelRatioF();
    return writeCharts(views, path, options, error);
}

bool saveCharts(
    const std::vector<MetricChartView*>& views, const QString& path, const PictureOptions& options, QString* error)
{
    return writeCharts(views, path, options, error);
}

QImage renderChartImage(const DatasetPtr& dataset, const DetectionsPtr& detections, QSize size, ChartLook look)
{
    const int top = look.caption.isEmpty() ? 0 : captionHeight();
    const auto view = offscreenView(dataset, detections, QSize(size.width(), size.height() - top), look);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    if (top > 0)
        paintCaption(painter, QRectF(0, 0, size.width(), top), look.caption, view->palette());
    painter.translate(0, top);
    paintChart(*view, painter);
    return image;
}

bool renderChartFile(const DatasetPtr& dataset, const DetectionsPtr& detections, QSize size, ChartLook look,
    const QString& path, QString* error)
{
    ChartPicture picture(dataset, size, look);
    picture.setDetections(detections);
    return picture.write(path, error);
}

ChartPicture::ChartPicture(const DatasetPtr& dataset, QSize size, ChartLook look)
    : m_dataset(dataset)
    , m_size(size)
    , m_look(std::move(look))
{
    const int top = m_look.caption.isEmpty() ? 0 : captionHeight();
    m_view = offscreenView(dataset, nullptr, QSize(size.width(), size.height() - top), m_look);
}

ChartPicture::~ChartPicture() = default;

void ChartPicture::setDetections(const DetectionsPtr& detections)
{
    m_view->setDetections(detections);
    setIncidents(*m_view, *m_dataset, detections);
    layOutForDrawing(*m_view, m_view->size());
}

bool ChartPicture::write(const QString& path, QString* error)
{
    // Exactly the size asked for, whatever screen there may be.
    PictureOptions options;
    options.caption = m_look.caption;
    options.minimumSize = m_size;
    return writeCharts({ m_view.get() }, path, options, error);
}
