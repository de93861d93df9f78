#include "desktop/windowmenus.h"

#include "desktop/aboutbox.h"
#include "desktop/chartarea.h"
#include "desktop/detection/incidentspanel.h"
#include "desktop/export/exportactions.h"
#include "desktop/viewoptions.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace {

// The desktop theme's icon where it has one, so the app looks native there; our own otherwise
// (resources/icons/actions/, linked into outlierdesk).
QIcon themedIcon(const char* name)
{
    const QString themeName = QLatin1String(name);
    return QIcon::fromTheme(themeName, QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(themeName)));
}

} // namespace

WindowMenus::WindowMenus(QMainWindow* window, const Parts& parts)
    : QObject(window)
{
    addFileMenu(window, parts.exports);
    addEditMenu(window, parts.incidents);
    addViewMenu(window, parts);
    addDetectionMenu(window);
    addHelpMenu(window);
}

void WindowMenus::addFileMenu(QMainWindow* window, ExportActions* exports)
{
    QMenu* fileMenu = window->menuBar()->addMenu(tr("&File"));
    m_open = fileMenu->addAction(tr("&Open..."), this, &WindowMenus::openRequested);
    m_open->setObjectName(QStringLiteral("openAction"));
    m_open->setShortcut(QKeySequence::Open);
    m_open->setIcon(themedIcon("document-open"));
    m_openSample = fileMenu->addAction(tr("Open the &Sample"), this, &WindowMenus::openSampleRequested);
    m_openSample->setObjectName(QStringLiteral("openSampleAction"));
    m_openSample->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_openSample->setStatusTip(tr("Open the metrics that ship with OutlierDesk, to see it at work"));
    QAction* quit = fileMenu->addAction(tr("&Quit"), window, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    // QKeySequence::Quit is empty on platforms with a Windows key scheme (the offscreen one).
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));

    m_recent = fileMenu->addMenu(tr("Open &Recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    m_follow = new QAction(tr("&Follow Changes"), window);
    m_follow->setObjectName(QStringLiteral("followAction"));
    m_follow->setCheckable(true);
    m_follow->setEnabled(false);
    m_follow->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    m_follow->setStatusTip(tr("Show rows appended to the open file as they are written"));
    connect(m_follow, &QAction::toggled, this, &WindowMenus::followToggled);
    fileMenu->insertAction(quit, m_follow);
    fileMenu->insertSeparator(quit);
    fileMenu->insertMenu(quit, m_recent);
    exports->insertInto(fileMenu, quit);
    fileMenu->insertSeparator(quit);
}

void WindowMenus::addEditMenu(QMainWindow* window, IncidentsPanel* incidents)
{
    QMenu* editMenu = window->menuBar()->addMenu(tr("&Edit"));
    QAction* copy = editMenu->addAction(tr("&Copy Rows"), this, &WindowMenus::copyRequested);
    copy->setObjectName(QStringLiteral("copyAction"));
    copy->setShortcut(QKeySequence::Copy);
    QAction* find = editMenu->addAction(tr("&Find Series"), this, &WindowMenus::findSeriesRequested);
    find->setObjectName(QStringLiteral("findSeriesAction"));
    find->setShortcut(QKeySequence::Find);
    editMenu->addSeparator();
    editMenu->addAction(incidents->acknowledgeAction());
    editMenu->addAction(incidents->unacknowledgeAction());
}

void WindowMenus::addViewMenu(QMainWindow* window, const Parts& parts)
{
    ChartArea* chartArea = parts.chartArea;
    QMenu* viewMenu = window->menuBar()->addMenu(tr("&View"));
    QAction* zoomIn = viewMenu->addAction(tr("Zoom &In"), this, [chartArea] { chartArea->zoom(1.5); });
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    zoomIn->setIcon(themedIcon("zoom-in"));
    QAction* zoomOut = viewMenu->addAction(tr("Zoom &Out"), this, [chartArea] { chartArea->zoom(1 / 1.5); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    zoomOut->setIcon(themedIcon("zoom-out"));
    QAction* reset = viewMenu->addAction(tr("&Show Everything"), this, [chartArea] { chartArea->resetZoom(); });
    reset->setObjectName(QStringLiteral("resetZoomAction"));
    reset->setShortcut(QKeySequence(tr("Ctrl+0")));
    reset->setIcon(themedIcon("zoom-original"));
    QAction* toggle = parts.seriesDock->toggleViewAction();
    toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    viewMenu->addAction(toggle);
    viewMenu->addSeparator();
    QAction* back = viewMenu->addAction(tr("Pan &Back"), this, [chartArea] { chartArea->pan(-0.25); });
    back->setShortcut(QKeySequence(tr("Ctrl+Left")));
    QAction* forward = viewMenu->addAction(tr("Pan &Forward"), this, [chartArea] { chartArea->pan(0.25); });
    forward->setShortcut(QKeySequence(tr("Ctrl+Right")));
    viewMenu->addSeparator();
    parts.viewOptions->addToMenu(viewMenu);
}

void WindowMenus::addDetectionMenu(QMainWindow* window)
{
    QMenu* detectMenu = window->menuBar()->addMenu(tr("&Detection"));
    QAction* detect = detectMenu->addAction(tr("&Detect Again"), this, &WindowMenus::detectRequested);
    detect->setObjectName(QStringLiteral("detectAction"));
    detect->setShortcut(Qt::Key_F5);
    detect->setIcon(themedIcon("view-refresh"));
    QAction* cancel = detectMenu->addAction(tr("&Cancel"), this, &WindowMenus::cancelRequested);
    cancel->setObjectName(QStringLiteral("cancelAction"));
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setIcon(themedIcon("process-stop"));
}

void WindowMenus::addHelpMenu(QMainWindow* window)
{
    QMenu* helpMenu = window->menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About OutlierDesk"), window, [window] { showAboutBox(window); });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}
