#pragma once
// View > Times in UTC (Ctrl+T) and View > Theme (System, Light, Dark): the choices, their
// menu actions and their settings. The main window passes the time choice on to the chart and
// the table; the theme is applied to the whole application here.

#include "theme.h"
#include "timedisplay.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMenu;
class QSettings;

class ViewOptions : public QObject
{
    Q_OBJECT
public:
    explicit ViewOptions(QObject* parent = nullptr);

    // Appends the time toggle and the Theme submenu to menu.
    void addToMenu(QMenu* menu);

    TimeDisplay timeDisplay() const { return m_timeDisplay; }
    void setTimeDisplay(TimeDisplay display);
    ThemeChoice theme() const { return m_theme; }
    // Applies the palette at once.
    void setTheme(ThemeChoice choice);

    // Reads both choices and applies them (an absent or unknown value: UTC, System).
    void restoreSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

    QAction* utcAction() const { return m_utcAction; }

signals:
    void timeDisplayChanged(TimeDisplay display);

private:
    QAction* m_utcAction;
    QActionGroup* m_themeGroup;
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
    ThemeChoice m_theme = ThemeChoice::System;
};
