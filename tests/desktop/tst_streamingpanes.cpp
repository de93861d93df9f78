// StreamingPanes: the stock, chat and upload panes docked into a main window (tabbed, one View
// menu with a shortcut each, where the user put them kept by saveState()) and into the real one.
// The panes themselves are tested in tst_stockpane, tst_chatpane and tst_uploadpane.

#include "pane_fixture.h"

#include "desktop/mainwindow.h"
#include "desktop/panes/streamingpanes.h"
#include "desktop/panes/upload/uploadpane.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTest>

using namespace pane_fixture;

class TestStreamingPanes : public QObject
{
    Q_OBJECT

    pane_fixture::Panes m_panes;

private slots:
    void initTestCase() { QVERIFY(m_panes.isolateSettings(QStringLiteral("OutlierDeskStreamingTest"))); }

    void init() { QSettings().clear(); }

    void panesDockIntoTheMainWindow()
    {
        QByteArray state;
        {
            QMainWindow window;
            window.menuBar()->addMenu(QStringLiteral("&View"));
            StreamingPanes* panes = installStreamingPanes(&window, m_panes.channels(), [] { return QString(); });
            window.resize(1200, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(panes->parent(), &window);
            QCOMPARE(panes->stockDock()->objectName(), QStringLiteral("stockDock"));
            QCOMPARE(panes->chatDock()->objectName(), QStringLiteral("chatDock"));
            QCOMPARE(panes->uploadDock()->objectName(), QStringLiteral("uploadDock"));
            const auto tabbed = window.tabifiedDockWidgets(panes->stockDock());
            QVERIFY(tabbed.contains(panes->chatDock()) && tabbed.contains(panes->uploadDock()));

            // One View menu, holding an action per pane with its shortcut.
            int viewMenus = 0;
            QMenu* view = nullptr;
            for (QAction* a : window.menuBar()->actions()) {
                if (a->menu() && a->menu()->title() == QStringLiteral("&View")) {
                    ++viewMenus;
                    view = a->menu();
                }
            }
            QCOMPARE(viewMenus, 1);
            QVERIFY(view->actions().contains(panes->showChatAction()));
            QCOMPARE(panes->showStockAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+1")));
            QCOMPARE(panes->showChatAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+2")));
            QCOMPARE(panes->showUploadAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+3")));

            panes->uploadDock()->close();
            panes->showUploadAction()->trigger();
            QVERIFY(panes->uploadDock()->isVisible());

            const DatasetPtr dataset = makeDataset();
            panes->setDataset(dataset);
            QCOMPARE(panes->uploadPane()->dataset(), dataset);

            // Where the user puts a pane is what saveState() records.
            window.removeDockWidget(panes->chatDock());
            window.addDockWidget(Qt::LeftDockWidgetArea, panes->chatDock());
            panes->chatDock()->show();
            state = window.saveState();
        }
        QMainWindow window;
        QVERIFY(window.restoreState(state)); // as a main window does in its constructor, before the panes exist
        StreamingPanes* panes = installStreamingPanes(&window, nullptr, [] { return QString(); });
        QCOMPARE(window.dockWidgetArea(panes->chatDock()), Qt::LeftDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(panes->stockDock()), Qt::RightDockWidgetArea);
    }

    void installsIntoTheRealMainWindow()
    {
        MainWindow window;
        StreamingPanes* panes
            = installStreamingPanes(&window, m_panes.channels(), [] { return QStringLiteral("127.0.0.1:1"); });
        int viewMenus = 0;
        for (QAction* a : window.menuBar()->actions())
            viewMenus += a->menu() && a->menu()->title() == QStringLiteral("&View");
        QCOMPARE(viewMenus, 1); // the panes joined the window's own View menu
        QVERIFY(panes->stockPane() && panes->chatPane() && panes->uploadPane());
    }
};

QTEST_MAIN(TestStreamingPanes)
#include "tst_streamingpanes.moc"
