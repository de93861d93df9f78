#pragma once
// The three streaming panes (live prices, chat, upload) as dock widgets of a main window,
// installed with one call so that the main window needs to know nothing else about them.

#include "chart/dataset.h"

#include <QObject>
#include <QString>

#include <functional>

class ChannelProvider;
class ChatPane;
class QAction;
class QDockWidget;
class QKeySequence;
class QMainWindow;
class StockPane;
class UploadPane;

class StreamingPanes : public QObject
{
    Q_OBJECT
public:
    // See installStreamingPanes().
    StreamingPanes(QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint);
    ~StreamingPanes() override;

    // ChannelStateIndicator::stateChanged for the panes' endpoint: a pane's "failed" message that
    // no longer holds is replaced (see StockPane and ChatPane::channelStateChanged()).
    void channelStateChanged(const QString& endpoint, const QString& state);

    // The series the upload pane offers: call with the main window's dataset whenever it changes.
    void setDataset(DatasetPtr dataset);

    StockPane* stockPane() const { return m_stockPane; }
    ChatPane* chatPane() const { return m_chatPane; }
    UploadPane* uploadPane() const { return m_uploadPane; }
    QDockWidget* stockDock() const { return m_stockDock; }
    QDockWidget* chatDock() const { return m_chatDock; }
    QDockWidget* uploadDock() const { return m_uploadDock; }
    // View menu actions that show and focus each pane (Ctrl+1, Ctrl+2, Ctrl+3).
    QAction* showStockAction() const { return m_showStock; }
    QAction* showChatAction() const { return m_showChat; }
    QAction* showUploadAction() const { return m_showUpload; }

private:
    QDockWidget* makeDock(QMainWindow* window, const QString& title, const QString& name, QWidget* pane);
    QAction* makeShowAction(
        QMainWindow* window, QDockWidget* dock, const QString& text, const QString& name, const QKeySequence& shortcut);

    ChannelProvider* m_channels;
    StockPane* m_stockPane;
    ChatPane* m_chatPane;
    UploadPane* m_uploadPane;
    QDockWidget* m_stockDock;
    QDockWidget* m_chatDock;
    QDockWidget* m_uploadDock;
    QAction* m_showStock;
    QAction* m_showChat;
    QAction* m_showUpload;
};

// Adds the live prices, chat and upload panes to window as tabified docks (object names
// stockDock, chatDock, uploadDock, so that QMainWindow::saveState()/restoreState() remember
// where the user put them; a state restored before this call is applied to them here), and a
// View menu entry for each. endpoint() is asked whenever a pane starts a call. channels hands
// out the shared channel per endpoint; when null the panes get a provider of their own.
// The returned object is a child of window. GUI thread only.
StreamingPanes* installStreamingPanes(
    QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint);
