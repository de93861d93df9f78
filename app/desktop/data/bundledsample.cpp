#include "desktop/data/bundledsample.h"

#include "chart/wholefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace {
const char* kResource = ":/samples/service-metrics.csv";
} // namespace

QString bundledSamplePath(QString* error)
{
    QFile resource { QLatin1String(kResource) };
    if (!resource.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("this build carries no sample (%1 is missing)").arg(QLatin1String(kResource));
        return {};
    }
    const QString directory
        = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + QStringLiteral("/samples");
    const QString path = directory + QStringLiteral("/service-metrics.csv");
    const QByteArray bytes = resource.readAll();
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == bytes)
        return path;
    if (!QDir().mkpath(directory)) {
        *error = QObject::tr("cannot create %1").arg(QDir::toNativeSeparators(directory));
        return {};
    }
    QString why;
    if (!writeFileWhole(path, bytes, &why)) {
        *error = QObject::tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return {};
    }
    return path;
}
