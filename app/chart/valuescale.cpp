#include "chart/valuescale.h"

#include <QCoreApplication>

ValueTransform valueTransform(ValueScale scale, const SeriesExtent& extent)
{
    if (!extent.hasValues)
        return {};
    switch (scale) {
    case ValueScale::AsIs:
        return {};
    case ValueScale::Normalised:
        if (extent.maxValue > extent.minValue)
            return { extent.minValue, 100.0 / (extent.maxValue - extent.minValue) };
        return { extent.minValue - 0.5, 100.0 };
    case ValueScale::ZScored:
        return { extent.mean, extent.std > 0 ? 1.0 / extent.std : 1.0 };
    }
    return {};
}

QString valueAxisTitle(ValueScale scale)
{
    switch (scale) {
    case ValueScale::AsIs:
        return {};
    case ValueScale::Normalised:
        return QCoreApplication::translate("ValueScale", "% of each series' range");
    case ValueScale::ZScored:
        return QCoreApplication::translate("ValueScale", "z: standard deviations from each series' mean");
    }
    return {};
}

QString valueScaleToString(ValueScale scale)
{
    switch (scale) {
    case ValueScale::Normalised:
        return QStringLiteral("normalised");
    case ValueScale::ZScored:
        return QStringLiteral("z-scored");
    case ValueScale::AsIs:
        break;
    }
    return QStringLiteral("as-is");
}

ValueScale valueScaleFromString(const QString& text)
{
    if (text == QLatin1String("normalised"))
        return ValueScale::Normalised;
    if (text == QLatin1String("z-scored"))
        return ValueScale::ZScored;
    return ValueScale::AsIs;
}
