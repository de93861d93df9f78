#pragma once
// What the desktop tests share: settings kept apart from the user's, the window they drive
// (shown at a fixed size, offscreen, optionally with a file loaded and detected), and a server
// address that never answers.

#include "desktop/mainwindow.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

// A loopback socket that accepts connections but never speaks HTTP/2: a call to it hangs until
// its deadline or a cancel. Closed when it goes.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || ::listen(m_fd, 8) != 0 || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            qFatal("cannot open a listening socket on 127.0.0.1");
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;
    QString endpoint() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

private:
    int m_fd = -1;
    int m_port = 0;
};

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
