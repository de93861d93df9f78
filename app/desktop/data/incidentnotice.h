#pragma once
// A new incident in a followed file, told where an engineer looks: the desktop's notification
// area, where the desktop offers one. The window's status bar says it too (its own message).

#include <QObject>
#include <QString>

class QSystemTrayIcon;

class IncidentNotice : public QObject
{
    Q_OBJECT
public:
    explicit IncidentNotice(QObject* parent = nullptr);

    // "New incident in cpu_percent at 2026-03-02T05:50:00Z", as the status bar and the
    // notification say it.
    static QString text(const QString& series, const QString& time);
    // Shows a system notification when the desktop has a notification area; returns whether.
    bool notify(const QString& text);

private:
    QSystemTrayIcon* m_tray = nullptr; // made on the first notice, where there is a tray
};
