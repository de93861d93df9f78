#include "desktop/panes/console/consoledock.h"

#include "desktop/panes/console/consolepane.h"
#include "desktop/viewmenu.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>

QDockWidget* installConsolePane(QMainWindow* window, ChannelProvider* channels, std::function<QString()> endpoint,
    std::function<std::shared_ptr<const Dataset>()> dataset)
{
    auto* dock = new QDockWidget(QObject::tr("Call Console"), window);
    dock->setObjectName(QStringLiteral("consoleDock"));
    auto* pane = new ConsolePane(channels, std::move(endpoint));
    pane->setDatasetSource(std::move(dataset));
    dock->setWidget(pane);
    dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    if (!window->restoreDockWidget(dock)) {
        window->addDockWidget(Qt::BottomDockWidgetArea, dock);
        dock->hide();
    }
    auto* show = new QAction(QObject::tr("Call &Console"), window);
    show->setObjectName(QStringLiteral("showConsoleAction"));
    show->setShortcut(QKeySequence(QObject::tr("Ctrl+5")));
    show->setToolTip(QObject::tr("Call any method of the server, with JSON"));
    window->addAction(show);
    QObject::connect(show, &QAction::triggered, dock, [dock] {
        dock->show();
        dock->raise();
        dock->widget()->setFocus(Qt::ShortcutFocusReason);
    });
    viewMenu(window)->addAction(show);
    return dock;
}
