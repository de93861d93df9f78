#include "desktop/data/datasetwords.h"

#include "desktop/numbertext.h"

#include <QFileInfo>
#include <QObject>
#include <QStringList>

QString fileNamesText(const Dataset& dataset)
{
    QStringList names;
    for (const QString& f : dataset.files)
        names << QFileInfo(f).fileName();
    return names.join(QStringLiteral(", "));
}

QString loadedDataText(const Dataset& dataset)
{
    return QObject::tr("%1, %2, read in %3")
        .arg(countOf(dataset.series.size(), QObject::tr("series"), QObject::tr("series")),
            countOf(dataset.rows, QObject::tr("row"), QObject::tr("rows")), formatMillis(dataset.readMillis));
}

QString grownDataText(const Dataset& dataset)
{
    QString data
        = QObject::tr("%1, %2").arg(countOf(dataset.series.size(), QObject::tr("series"), QObject::tr("series")),
            countOf(dataset.rows, QObject::tr("row"), QObject::tr("rows")));
    if (dataset.skipped > 0)
        data += QObject::tr(", %1 skipped").arg(dataset.skipped);
    return data;
}

LoadMessage loadedMessage(const Dataset& dataset)
{
    if (dataset.skipped > 0) {
        QStringList detail;
        for (const od::Error& e : dataset.firstSkipped)
            detail << QString::fromStdString(e.toString());
        const QString first = dataset.firstSkipped.empty() ? QString() : errorPlace(dataset.firstSkipped.front());
        return { QObject::tr("%1 skipped (first: %2)")
                     .arg(countOf(dataset.skipped, QObject::tr("row"), QObject::tr("rows")), first),
            detail.join(QLatin1Char('\n')) };
    }
    if (dataset.series.empty())
        return { QObject::tr("%1 holds no series.").arg(fileNamesText(dataset)), {} };
    return { QObject::tr("Loaded %1.").arg(fileNamesText(dataset)), {} };
}

QString errorPlace(od::Error error)
{
    if (!error.file.empty())
        error.file = QFileInfo(QString::fromStdString(error.file)).fileName().toStdString();
    return QString::fromStdString(error.toString());
}
