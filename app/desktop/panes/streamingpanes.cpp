#include "desktop/panes/streamingpanes.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/chat/chatpane.h"
#include "desktop/panes/stock/stockpane.h"
#include "desktop/panes/upload/uploadpane.h"
#include "desktop/viewmenu.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

StreamingPanes::StreamingPanes(QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint)
    : QObject(window)
    , m_channels(channels ? channels : new ChannelProvider(this))
    , m_stockPane(new StockPane(m_channels, endpoint))
    , m_chatPane(new ChatPane(m_channels, endpoint))
    , m_uploadPane(new UploadPane(m_channels, endpoint))
    , m_stockDock(makeDock(window, tr("Live Prices"), QStringLiteral("stockDock"), m_stockPane))
    , m_chatDock(makeDock(window, tr("Chat"), QStringLiteral("chatDock"), m_chatPane))
    , m_uploadDock(makeDock(window, tr("Upload Series"), QStringLiteral("uploadDock"), m_uploadPane))
    , m_showStock(makeShowAction(
          window, m_stockDock, tr("Live &Prices"), QStringLiteral("showStockAction"), QKeySequence(tr("Ctrl+1"))))
    , m_showChat(
          makeShowAction(window, m_chatDock, tr("C&hat"), QStringLiteral("showChatAction"), QKeySequence(tr("Ctrl+2"))))
    , m_showUpload(makeShowAction(
          window, m_uploadDock, tr("&Upload Series"), QStringLiteral("showUploadAction"), QKeySequence(tr("Ctrl+3"))))
{
    setObjectName(QStringLiteral("streamingPanes"));
    // A layout saved before the docks existed is applied now; docks it does not mention get the
    // first-run layout: tabified on the right, live prices in front.
    QDockWidget* anchor = nullptr;
    for (QDockWidget* dock : { m_stockDock, m_chatDock, m_uploadDock }) {
        if (window->restoreDockWidget(dock))
            continue;
        if (anchor) {
            window->tabifyDockWidget(anchor, dock);
        } else {
            window->addDockWidget(Qt::RightDockWidgetArea, dock);
            window->resizeDocks({ dock }, { 460 }, Qt::Horizontal);
            anchor = dock;
        }
    }
    if (anchor)
        anchor->raise();

    QMenu* menu = viewMenu(window);
    menu->addSeparator();
    menu->addAction(m_showStock);
    menu->addAction(m_showChat);
    menu->addAction(m_showUpload);
}

StreamingPanes::~StreamingPanes() = default;

void StreamingPanes::channelStateChanged(const QString& endpoint, const QString& state)
{
    m_stockPane->channelStateChanged(endpoint, state);
    m_chatPane->channelStateChanged(endpoint, state);
}

QDockWidget* StreamingPanes::makeDock(QMainWindow* window, const QString& title, const QString& name, QWidget* pane)
{
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(pane);
    dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    return dock;
}

QAction* StreamingPanes::makeShowAction(
    QMainWindow* window, QDockWidget* dock, const QString& text, const QString& name, const QKeySequence& shortcut)
{
    auto* action = new QAction(text, window); // window-wide shortcut, whichever widget has focus
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setToolTip(tr("Show the %1 pane").arg(dock->windowTitle()));
    window->addAction(action);
    connect(action, &QAction::triggered, dock, [dock] {
        dock->show();
        dock->raise();
        dock->widget()->setFocus(Qt::ShortcutFocusReason);
    });
    return action;
}

void StreamingPanes::setDataset(DatasetPtr dataset)
{
    m_uploadPane->setDataset(std::move(dataset));
}

StreamingPanes* installStreamingPanes(QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint)
{
    return new StreamingPanes(window, channels, std::move(endpoint));
}
