#include "desktop/panes/console/consolememory.h"

#include <QSettings>
#include <QUrl>

namespace {

// An endpoint as a settings group: '/' would nest groups, so it is percent-encoded.
QString group(const QString& endpoint)
{
    return QStringLiteral("console/") + QString::fromLatin1(QUrl::toPercentEncoding(endpoint, ":"));
}

} // namespace

ConsoleMemory ConsoleMemory::load(const QString& endpoint)
{
    QSettings settings;
    settings.beginGroup(group(endpoint));
    ConsoleMemory memory;
    memory.protoFiles = settings.value(QStringLiteral("protoFiles")).toStringList();
    memory.importPaths = settings.value(QStringLiteral("importPaths")).toStringList();
    memory.method = settings.value(QStringLiteral("method")).toString();
    memory.request = settings.value(QStringLiteral("request")).toString();
    memory.deadlineSeconds = settings.value(QStringLiteral("deadlineSeconds"), 0.0).toDouble();
    memory.metadata = settings.value(QStringLiteral("metadata")).toStringList();
    memory.maxMessageMb = settings.value(QStringLiteral("maxMessageMb"), 0).toInt();
    memory.chartField = settings.value(QStringLiteral("chartField")).toString();
    memory.streamSeries = settings.value(QStringLiteral("streamSeries")).toString();
    memory.streamField = settings.value(QStringLiteral("streamField")).toString();
    memory.streamRate = settings.value(QStringLiteral("streamRate"), 0.0).toDouble();
    memory.streamHalfClose = settings.value(QStringLiteral("streamHalfClose"), true).toBool();
    return memory;
}

void ConsoleMemory::save(const QString& endpoint) const
{
    QSettings settings;
    settings.beginGroup(group(endpoint));
    settings.setValue(QStringLiteral("protoFiles"), protoFiles);
    settings.setValue(QStringLiteral("importPaths"), importPaths);
    settings.setValue(QStringLiteral("method"), method);
    settings.setValue(QStringLiteral("request"), request);
    settings.setValue(QStringLiteral("deadlineSeconds"), deadlineSeconds);
    settings.setValue(QStringLiteral("metadata"), metadata);
    settings.setValue(QStringLiteral("maxMessageMb"), maxMessageMb);
    settings.setValue(QStringLiteral("chartField"), chartField);
    settings.setValue(QStringLiteral("streamSeries"), streamSeries);
    settings.setValue(QStringLiteral("streamField"), streamField);
    settings.setValue(QStringLiteral("streamRate"), streamRate);
    settings.setValue(QStringLiteral("streamHalfClose"), streamHalfClose);
}
