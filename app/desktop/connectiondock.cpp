#include "desktop/connectiondock.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/connection/channelstateindicator.h"
#include "desktop/connection/connectionpanel.h"
#include "desktop/detection/detectorpanel.h"
#include "desktop/viewmenu.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QStatusBar>

ConnectionDock::ConnectionDock(QMainWindow* window, DetectorPanel* detector, ChannelProvider* channels)
    : QObject(window)
    , m_panel(new ConnectionPanel(channels))
    , m_dock(new QDockWidget(tr("Connection"), window))
    , m_indicator(new ChannelStateIndicator(
          channels, [detector] { return detector->choice().endpoint; }, window))
    , m_showAction(new QAction(tr("&Connection"), window))
{
    setObjectName(QStringLiteral("connectionDockInstaller"));
    m_dock->setObjectName(QStringLiteral("connectionDock"));
    // A short screen must still reach the Test button.
    auto* scroll = new QScrollArea(m_dock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_panel);
    m_dock->setWidget(scroll);
    m_dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    if (!window->restoreDockWidget(m_dock)) {
        window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
        window->resizeDocks({ m_dock }, { 400 }, Qt::Horizontal); // the chart keeps most of the width
        m_dock->hide(); // the chart comes first; the status bar's state opens it
    }

    // One endpoint for the whole app: typed in either place, shown in both.
    m_panel->setEndpoint(detector->choice().endpoint);
    connect(detector, &DetectorPanel::endpointChanged, m_panel, &ConnectionPanel::setEndpoint);
    connect(m_panel, &ConnectionPanel::endpointEdited, detector, &DetectorPanel::setEndpoint);
    connect(m_panel, &ConnectionPanel::endpointEdited, m_indicator, &ChannelStateIndicator::refresh);
    // The dock shows the state the status bar shows, and drops a test verdict it contradicts.
    connect(m_indicator, &ChannelStateIndicator::stateChanged, m_panel, &ConnectionPanel::showChannelState);
    m_panel->showChannelState(detector->choice().endpoint, m_indicator->stateText());

    m_showAction->setObjectName(QStringLiteral("showConnectionAction"));
    m_showAction->setShortcut(QKeySequence(tr("Ctrl+4")));
    m_showAction->setToolTip(tr("Show the connection settings"));
    window->addAction(m_showAction);
    const auto showDock = [this] {
        m_dock->show();
        m_dock->raise();
        m_panel->setFocus(Qt::ShortcutFocusReason);
    };
    connect(m_showAction, &QAction::triggered, this, showDock);
    connect(m_indicator, &ChannelStateIndicator::clicked, this, showDock);
    viewMenu(window)->addAction(m_showAction);

    window->statusBar()->addPermanentWidget(m_indicator);
}

ConnectionDock::~ConnectionDock() = default;

ConnectionDock* installConnectionDock(QMainWindow* window, DetectorPanel* detector, ChannelProvider* channels)
{
    return new ConnectionDock(window, detector, channels);
}
