#include "desktop/export/exportactions.h"

#include "chart/chartimage.h"
#include "desktop/chartarea.h"
#include "desktop/detection/incidentspanel.h"
#include "desktop/models/incidenttablemodel.h"
#include "desktop/models/outliertablemodel.h"
#include "desktop/models/tabletext.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QSaveFile>
#include <QStandardPaths>

#include <utility>

ExportActions::ExportActions(Sources sources, std::function<QString()> directory, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_sources(sources)
    , m_directory(std::move(directory))
    , m_dialogParent(dialogParent)
    , m_outliersAction(new QAction(tr("&Export Outliers..."), this))
    , m_incidentsAction(new QAction(tr("Export &Incidents..."), this))
    , m_chartAction(new QAction(tr("Export &Chart (PNG, SVG)..."), this))
{
    m_outliersAction->setObjectName(QStringLiteral("exportAction"));
    m_outliersAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_outliersAction->setIcon(QIcon::fromTheme(
        QStringLiteral("document-export"), QIcon(QStringLiteral(":/icons/actions/document-export.svg"))));
    connect(m_outliersAction, &QAction::triggered, this, &ExportActions::exportOutliers);
    m_incidentsAction->setObjectName(QStringLiteral("exportIncidentsAction"));
    m_incidentsAction->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    connect(m_incidentsAction, &QAction::triggered, this, &ExportActions::exportIncidents);
    m_chartAction->setObjectName(QStringLiteral("exportChartAction"));
    m_chartAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_chartAction, &QAction::triggered, this, &ExportActions::exportChart);
}

QString ExportActions::startDirectory() const
{
    const QString last = m_directory ? m_directory() : QString();
    return last.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation) : last;
}

void ExportActions::exportOutliers()
{
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Outliers"),
        startDirectory() + QStringLiteral("/outliers.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(rowsAsCsv(*m_sources.outliers).toUtf8()) < 0 || !file.commit()) {
        emit message(tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), file.errorString()), path, true);
        return;
    }
    emit message(tr("Exported %n outlier row(s) to %1.", "", m_sources.outliers->rowCount()).arg(path), {}, false);
}

void ExportActions::exportIncidents()
{
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Incidents"),
        startDirectory() + QStringLiteral("/incidents.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_sources.incidents->exportCsv(path, &error)) {
        emit message(tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), error), path, true);
        return;
    }
    emit message(
        tr("Exported %n incident(s) to %1.", "", m_sources.incidents->model()->rowCount()).arg(path), {}, false);
}

void ExportActions::exportChart()
{
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG drawing (*.svg)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Chart"),
        startDirectory() + QStringLiteral("/chart.png"), png + QStringLiteral(";;") + svg, &filter);
    if (path.isEmpty())
        return;
    // The name decides the format; a name without .png or .svg gets the chosen filter's.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        path += filter == svg ? QStringLiteral(".svg") : QStringLiteral(".png");
    // What is on screen, zoom, theme and clock included: the picture for the incident channel.
    QString error;
    // Stacked, the stack is one picture, top to bottom, scrolled-away charts included.
    if (!saveCharts(m_sources.charts->charts(), path, &error)) {
        emit message(tr("Could not write %1: %2").arg(QFileInfo(path).fileName(), error), path, true);
        return;
    }
    emit message(tr("Saved the chart to %1.").arg(path), {}, false);
}
