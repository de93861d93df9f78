#include "desktop/data/incidentnotice.h"

#include <QApplication>
#include <QSystemTrayIcon>

IncidentNotice::IncidentNotice(QObject* parent)
    : QObject(parent)
{ }

QString IncidentNotice::text(const QString& series, const QString& time)
{
    return tr("New incident in %1 at %2").arg(series, time);
}

bool IncidentNotice::notify(const QString& text)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    if (!m_tray) {
        // A notification needs an icon in the tray to come from; it stays while the window does.
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QStringLiteral("OutlierDesk"));
        m_tray->show();
    }
    m_tray->showMessage(tr("OutlierDesk: new incident"), text, QSystemTrayIcon::Warning, 10'000);
    return true;
}
