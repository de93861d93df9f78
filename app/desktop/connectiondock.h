#pragma once
// The connection panel as a dock of the main window, a View menu entry for it, and the channel
// state in the status bar, installed with one call. Keeps the panel's endpoint and the detector
// panel's endpoint the same.

#include <QObject>

class ChannelProvider;
class ChannelStateIndicator;
class ConnectionPanel;
class DetectorPanel;
class QAction;
class QDockWidget;
class QMainWindow;

class ConnectionDock : public QObject
{
    Q_OBJECT
public:
    // See installConnectionDock().
    ConnectionDock(QMainWindow* window, DetectorPanel* detector, ChannelProvider* channels);
    ~ConnectionDock() override;

    ConnectionPanel* panel() const { return m_panel; }
    QDockWidget* dock() const { return m_dock; }
    ChannelStateIndicator* stateIndicator() const { return m_indicator; }
    QAction* showAction() const { return m_showAction; }

private:
    ConnectionPanel* m_panel;
    QDockWidget* m_dock;
    ChannelStateIndicator* m_indicator;
    QAction* m_showAction;
};

// Adds the "Connection" dock (object name connectionDock; closed on first run, then where the
// user left it: call after QMainWindow::restoreState()), View > Connection (Ctrl+4), and the
// channel state to window's status bar; a click on the state opens the dock. Settings go to
// channels, the provider the panes and detection share. GUI thread only; the returned object
// is a child of window.
ConnectionDock* installConnectionDock(QMainWindow* window, DetectorPanel* detector, ChannelProvider* channels);
