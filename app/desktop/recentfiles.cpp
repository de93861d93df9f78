#include "desktop/recentfiles.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace {
const char* kRecentFilesKey = "files/recent";
}

RecentFiles::RecentFiles(QMenu* menu, std::function<void(const QString&)> open, QObject* parent)
    : QObject(parent)
    , m_menu(menu)
    , m_open(std::move(open))
{
    updateMenu();
}

void RecentFiles::remember(const QStringList& files)
{
    for (auto it = files.rbegin(); it != files.rend(); ++it) {
        const QString path = QFileInfo(*it).absoluteFilePath();
        m_files.removeAll(path);
        m_files.prepend(path);
    }
    while (m_files.size() > kMaxFiles)
        m_files.removeLast();
    updateMenu();
}

void RecentFiles::restoreSettings(const QSettings& settings)
{
    m_files = settings.value(kRecentFilesKey).toStringList();
    updateMenu();
}

void RecentFiles::saveSettings(QSettings& settings) const
{
    settings.setValue(kRecentFilesKey, m_files);
}

void RecentFiles::updateMenu()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        QAction* a = m_menu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this, [this, path] { m_open(path); });
        a->setToolTip(path);
    }
    m_menu->setEnabled(!m_files.isEmpty());
}
