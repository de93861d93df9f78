#pragma once
// The main window's menu bar: File, Edit, View, Detection and Help, with their shortcuts and
// icons. Actions on one part of the window (zoom and pan the charts, acknowledge an incident,
// export, the view options, the series list) go straight to that part; those the window itself
// answers (open, follow, copy, find, detect, cancel) are signals it wires.

#include <QObject>

class ChartArea;
class ExportActions;
class IncidentsPanel;
class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class ViewOptions;

class WindowMenus : public QObject
{
    Q_OBJECT
public:
    // What the menus act on directly; none is owned.
    struct Parts
    {
        ChartArea* chartArea;
        IncidentsPanel* incidents;
        ViewOptions* viewOptions;
        ExportActions* exports;
        QDockWidget* seriesDock;
    };

    // Fills window's menu bar; a child of window.
    WindowMenus(QMainWindow* window, const Parts& parts);

    QAction* openAction() const { return m_open; }
    QAction* openSampleAction() const { return m_openSample; }
    // File > Follow Changes: checkable, disabled until one file is open.
    QAction* followAction() const { return m_follow; }
    // File > Open Recent, for the recent files to fill.
    QMenu* recentMenu() const { return m_recent; }

signals:
    void openRequested();
    void openSampleRequested();
    void followToggled(bool on);
    void copyRequested();
    void findSeriesRequested();
    void detectRequested();
    void cancelRequested();

private:
    void addFileMenu(QMainWindow* window, ExportActions* exports);
    void addEditMenu(QMainWindow* window, IncidentsPanel* incidents);
    void addViewMenu(QMainWindow* window, const Parts& parts);
    void addDetectionMenu(QMainWindow* window);
    void addHelpMenu(QMainWindow* window);

    QAction* m_open = nullptr;
    QAction* m_openSample = nullptr;
    QAction* m_follow = nullptr;
    QMenu* m_recent = nullptr;
};
