#pragma once
// File > Export Outliers, Export Incidents and Export Chart: each asks where, writes the file
// whole or not at all, and reports the outcome (the file written, or which file failed and why)
// through message(). The window only puts the actions in its menu and shows the messages.

#include <QObject>

#include <functional>

class ChartArea;
class IncidentsPanel;
class OutlierTableModel;
class QAction;
class QWidget;

class ExportActions : public QObject
{
    Q_OBJECT
public:
    // What the exports read; each outlives this object (children of the same window).
    struct Sources
    {
        OutlierTableModel* outliers;
        IncidentsPanel* incidents;
        ChartArea* charts;
    };
    // directory: where the save dialogs start (the folder of the last file opened, or empty).
    // dialogParent: the window the dialogs belong to; it owns this object.
    ExportActions(Sources sources, std::function<QString()> directory, QWidget* dialogParent);

    QAction* outliersAction() const { return m_outliersAction; }
    QAction* incidentsAction() const { return m_incidentsAction; }
    QAction* chartAction() const { return m_chartAction; }

    void exportOutliers();
    void exportIncidents();
    void exportChart();

signals:
    // For the status bar: text, a detail for its tooltip, and whether it reports a failure.
    void message(const QString& text, const QString& detail, bool isError);

private:
    // Where a save dialog starts: the last directory, else the home directory.
    QString startDirectory() const;

    Sources m_sources;
    std::function<QString()> m_directory;
    QWidget* m_dialogParent;
    QAction* m_outliersAction;
    QAction* m_incidentsAction;
    QAction* m_chartAction;
};
