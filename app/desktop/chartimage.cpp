#include "chartimage.h"

#include "metricchartview.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>

QImage renderChartImage(const DatasetPtr& dataset, const std::vector<od::Detection>& detections, QSize size)
{
    // The same widget the window shows, laid out at the wanted size but never shown.
    MetricChartView view;
    view.resize(size);
    view.setDataset(dataset);
    view.setDetections(std::make_shared<const std::vector<od::Detection>>(detections));
    view.chart()->resize(QSizeF(size));
    view.chart()->layout()->activate();
    view.refreshNow();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view.scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), view.chart()->geometry());
    return image;
}
