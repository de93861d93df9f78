#pragma once
// File > Open Recent: the last files opened, newest first, remembered across runs (QSettings),
// as a menu whose entries open their file again.

#include <QObject>
#include <QStringList>

#include <functional>

class QMenu;
class QSettings;

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;

    // Fills menu (owned by the caller) with the files; choosing one calls open with its path.
    RecentFiles(QMenu* menu, std::function<void(const QString&)> open, QObject* parent = nullptr);

    // Puts files (absolute paths) at the top, in their order, each once; the oldest fall off.
    void remember(const QStringList& files);
    QStringList files() const { return m_files; }

    void restoreSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

private:
    void updateMenu();

    QMenu* m_menu;
    std::function<void(const QString&)> m_open;
    QStringList m_files;
};
