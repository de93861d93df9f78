#pragma once
// The window the desktop tests drive: shown at a fixed size, offscreen, and optionally with a
// file loaded and its detection done.

#include "mainwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

// A shown window, exposed, 1100 x 760 unless told otherwise.
inline std::unique_ptr<MainWindow> shownWindow(QSize size = QSize(1100, 760))
{
    auto window = std::make_unique<MainWindow>();
    window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

// A shown window with path loaded and its detection finished (a warning says why if not).
inline std::unique_ptr<MainWindow> windowWithFile(const QString& path)
{
    auto window = shownWindow();
    QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
    window->openFiles({ path });
    if (!detected.wait(60'000) || !detected.first().first().toBool())
        qWarning("detection did not finish: %s", qPrintable(window->statusText()));
    return window;
}
