#include "chart/chartcaption.h"

#include <QApplication>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

QString captionText(const ChartCaption& caption)
{
    QStringList names;
    for (const QString& file : caption.files)
        names << QFileInfo(file).fileName();
    QStringList parts;
    if (!names.isEmpty())
        parts << names.join(QStringLiteral(", "));
    if (!caption.method.isEmpty())
        parts << caption.method;
    if (caption.toMs > caption.fromMs || caption.fromMs != 0) {
        parts << QApplication::translate("chartcaption", "%1 to %2")
                     .arg(formatTime(caption.fromMs * 1'000'000, caption.clock),
                         formatTime(caption.toMs * 1'000'000, caption.clock));
    }
    parts << QApplication::translate("chartcaption", "clock: %1")
                 .arg(caption.clock == TimeDisplay::Utc
                         ? QStringLiteral("UTC")
                         : QApplication::translate("chartcaption", "local, %1").arg(timeZoneName(caption.clock)));
    return parts.join(QStringLiteral(" | "));
}

QString methodText(const od::DetectorParams& params)
{
    QString symbol = QStringLiteral("k");
    const od::MethodInfo* info = od::findMethod(params.method);
    if (info)
        symbol = QString::fromStdString(info->thresholdLabel.substr(0, info->thresholdLabel.find(' ')));
    QString text = QStringLiteral("%1 %2=%3").arg(QString::fromStdString(params.method), symbol).arg(params.threshold);
    for (const od::ParamInfo& param : info ? info->params : std::vector<od::ParamInfo>()) {
        if (param.key == "window")
            text += QStringLiteral(" window=%1").arg(od::effectiveWindow(params));
        else if (param.key == "period" && params.period > 0)
            text += QStringLiteral(" period=%1").arg(params.period);
        else if (param.key == "max_anoms")
            text += QStringLiteral(" max_anoms=%1").arg(params.maxAnoms);
    }
    return text;
}

std::pair<qint64, qint64> datasetSpanMs(const Dataset& dataset)
{
    std::int64_t first = std::numeric_limits<std::int64_t>::max(), last = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < dataset.series.size(); ++i) {
        const od::Series& series = dataset.series[i];
        // Measured once by finishDataset(): not another pass over every time.
        if (i < dataset.extents.size()) {
            if (!series.times.empty()) {
                first = std::min(first, dataset.extents[i].minTime);
                last = std::max(last, dataset.extents[i].maxTime);
            }
            continue;
        }
        for (const std::int64_t t : series.times) {
            first = std::min(first, t);
            last = std::max(last, t);
        }
    }
    if (first > last)
        return { 0, 0 };
    return { first / 1'000'000, last / 1'000'000 };
}

int captionHeight()
{
    return QFontMetrics(QApplication::font()).height() * 2;
}

void paintCaption(QPainter& painter, const QRectF& band, const QString& text, const QPalette& palette)
{
    painter.save();
    painter.fillRect(band, palette.color(QPalette::Base));
    painter.setPen(palette.color(QPalette::Text));
    QFont font = QApplication::font();
    font.setBold(true);
    painter.setFont(font);
    const QRectF inner = band.adjusted(10, 0, -10, 0);
    const QString shown = QFontMetrics(font).elidedText(text, Qt::ElideRight, int(inner.width()));
    painter.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter, shown);
    painter.restore();
}
