#pragma once
// What the desktop tests share: settings kept apart from the user's, the window they drive
// (shown at a fixed size, offscreen, optionally with a file loaded and detected), and a server
// address that never answers.

#include "desktop/mainwindow.h"
#include "tests/silent_listener.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <memory>

// Never reads or writes the real user's settings: they go under directory, as application.
inline void isolateSettings(const QString& directory, const QString& application)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, directory);
    QCoreApplication::setOrganizationName(QStringLiteral("OutlierDeskTest"));
    QCoreApplication::setApplicationName(application);
}

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
// prepare, when given, sets the window up before the file is opened (a detector, say).
inline std::unique_ptr<MainWindow> windowWithFile(
    const QString& path, const std::function<void(MainWindow&)>& prepare = {})
{
    auto window = shownWindow();
    if (prepare)
        prepare(*window);
    QSignalSpy detected(window.get(), &MainWindow::detectionFinished);
    window->openFiles({ path });
    if (!detected.wait(60'000) || !detected.first().first().toBool())
        qWarning("detection did not finish: %s", qPrintable(window->statusText()));
    return window;
}
