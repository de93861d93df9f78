#pragma once
// View > Stacked Charts (Ctrl+Shift+S), View > Times in UTC (Ctrl+T), View > Value Scale (As
// Is, Normalised, Z-Scored), View > Align to Each File's Start and View > Theme (System, Light,
// Dark): the choices, their menu actions and their settings. The main window passes the chart
// layout, the scale, the alignment and the time choice on to the charts and the table; the theme
// is applied to the whole application here.

#include "chart/chartviewstate.h"
#include "chart/theme.h"
#include "chart/timedisplay.h"

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

    // Appends the stacked-charts and time toggles and the Theme submenu to menu.
    void addToMenu(QMenu* menu);

    TimeDisplay timeDisplay() const { return m_timeDisplay; }
    void setTimeDisplay(TimeDisplay display);
    ThemeChoice theme() const { return m_theme; }
    // Applies the palette at once.
    void chooseTheme(ThemeChoice choice);

    // One chart per series, stacked on one time axis, rather than every series on one chart.
    bool stackedCharts() const { return m_stacked; }
    void setStackedCharts(bool stacked);

    ValueScale valueScale() const { return m_scale; }
    void setValueScale(ValueScale scale);
    TimeAlignment timeAlignment() const { return m_alignment; }
    void setTimeAlignment(TimeAlignment alignment);

    // Reads the choices and applies them (an absent or unknown value: one chart, UTC, values as
    // they are, absolute time, System).
    void restoreSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

    QAction* utcAction() const { return m_utcAction; }
    QAction* stackedAction() const { return m_stackedAction; }
    QAction* alignAction() const { return m_alignAction; }
    QActionGroup* scaleGroup() const { return m_scaleGroup; }

signals:
    void timeDisplayChanged(TimeDisplay display);
    void stackedChartsChanged(bool stacked);
    void valueScaleChanged(ValueScale scale);
    void timeAlignmentChanged(TimeAlignment alignment);

private:
    QAction* m_stackedAction;
    QAction* m_utcAction;
    QActionGroup* m_themeGroup;
    QActionGroup* m_scaleGroup;
    QAction* m_alignAction;
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
    ThemeChoice m_theme = ThemeChoice::System;
    bool m_stacked = false;
    ValueScale m_scale = ValueScale::AsIs;
    TimeAlignment m_alignment = TimeAlignment::Absolute;
};
