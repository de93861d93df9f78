#pragma once
// File > Export Outliers, Export Incidents and Export Chart: each asks where, writes the file
// whole or not at all, and reports the outcome (the file written, or which file failed and why)
// through message(). The chart is drawn at the size chosen under File > Chart Export Size
// (1600 x 900 unless changed), with a title line naming the files, the method, the span and the
// clock, so that the picture stands alone. The window only puts the actions in its menu.

#include "chart/chartcaption.h"
#include "chart/dataset.h"

#include <QObject>
#include <QSize>

#include <functional>

class ChartArea;
class IncidentsPanel;
class OutlierTableModel;
class QAction;
class QActionGroup;
class QMenu;
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
        std::function<DatasetPtr()> dataset; // the data shown
    };
    // directory: where the save dialogs start (the folder of the last file opened, or empty).
    // dialogParent: the window the dialogs belong to; it owns this object.
    ExportActions(Sources sources, std::function<QString()> directory, QWidget* dialogParent);

    // Puts the three actions and the size menu into menu, before `before`.
    void insertInto(QMenu* menu, QAction* before);

    QAction* outliersAction() const { return m_outliersAction; }
    QAction* incidentsAction() const { return m_incidentsAction; }
    QAction* chartAction() const { return m_chartAction; }
    QMenu* chartSizeMenu() const { return m_sizeMenu; }

    // A chart picture's size in chart pixels and the device pixels per chart pixel.
    struct PictureSize
    {
        QSize size;
        qreal pixelRatio = 1.0;
    };
    static constexpr QSize kDefaultChartSize { 1600, 900 };
    // The size File > Export Chart writes now, as chosen in the size menu.
    PictureSize chartSize() const;
    // Chooses "1600x900" (any WIDTHxHEIGHT), "screen" or "shown", as the size menu does, and
    // remembers it; false for text that is none of these.
    bool setChartSize(const QString& choice);
    // The title line of a picture of what is shown now.
    ChartCaption caption() const;

    void exportOutliers();
    void exportIncidents();
    void exportChart();

signals:
    // For the status bar: text, a detail for its tooltip, and whether it reports a failure.
    void message(const QString& text, const QString& detail, bool isError);

private:
    // Where a save dialog starts: the last directory, else the home directory.
    QString startDirectory() const;
    void buildSizeMenu();
    void updateSizeLabels();
    void askCustomSize();
    void reportWriteFailure(const QString& path, const QString& error);

    Sources m_sources;
    std::function<QString()> m_directory;
    QWidget* m_dialogParent;
    QAction* m_outliersAction;
    QAction* m_incidentsAction;
    QAction* m_chartAction;
    QMenu* m_sizeMenu;
    QActionGroup* m_sizeGroup;
    QString m_sizeChoice; // "1600x900", "screen" or "shown"
};
