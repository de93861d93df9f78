#pragma once
// The live prices pane's detector controls: which online method judges the ticks and its own
// knobs (alarm: memory and period; the rolling methods: threshold and window), remembered across
// runs (QSettings, keys stock/method, stock/memory, stock/period, stock/threshold, stock/window).

#include "core/detect/online_detector.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

class StockDetectorBar : public QWidget
{
    Q_OBJECT
public:
    // Starts with the remembered settings (or alarm with memory 4000 and no period). maxWindow
    // is the largest window or memory offered: no more than the ticks a line keeps.
    explicit StockDetectorBar(int maxWindow, QWidget* parent = nullptr);

    od::OnlineSettings settings() const { return m_settings; }
    // Shows and remembers settings (each knob clamped to what is offered) without emitting
    // settingsChanged; returns what was applied.
    od::OnlineSettings setSettings(od::OnlineSettings settings);

    // The settings in words for messages: "alarm, memory 4000 ticks, no period",
    // "rolling z-score beyond 4.0 σ over 30 ticks".
    static QString describe(const od::OnlineSettings& settings);

signals:
    // The user changed the method or one of its knobs.
    void settingsChanged(const od::OnlineSettings& settings);

private:
    void onEdited();
    void updateToolTips();

    od::OnlineSettings m_settings;
    QComboBox* m_methodCombo;
    QDoubleSpinBox* m_thresholdSpin;
    QSpinBox* m_windowSpin;
    QSpinBox* m_memorySpin;
    QSpinBox* m_periodSpin;
};
