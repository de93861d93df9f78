#include "desktop/viewmenu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

QMenu* viewMenu(QMainWindow* window)
{
    const QString title = QObject::tr("&View");
    for (QAction* action : window->menuBar()->actions()) {
        if (action->menu() && action->menu()->title() == title)
            return action->menu();
    }
    return window->menuBar()->addMenu(title);
}
