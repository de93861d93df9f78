#pragma once
// The live prices pane's detector controls: which online method judges the ticks, its
// threshold and its window, remembered across runs (QSettings, keys stock/method,
// stock/threshold, stock/window).

#include "core/detect/online_detector.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

class StockDetectorBar : public QWidget
{
    Q_OBJECT
public:
    // Starts with the remembered settings (or the rolling z-score, 4, 30). maxWindow is the
    // largest window offered: no more than the ticks a line keeps.
    explicit StockDetectorBar(int maxWindow, QWidget* parent = nullptr);

    od::OnlineSettings settings() const { return m_settings; }
    // Shows and remembers settings (window and threshold clamped to what is offered) without
    // emitting settingsChanged; returns what was applied.
    od::OnlineSettings setSettings(od::OnlineSettings settings);

signals:
    // The user changed the method, the threshold or the window.
    void settingsChanged(const od::OnlineSettings& settings);

private:
    void onEdited();
    void updateToolTips();

    od::OnlineSettings m_settings;
    QComboBox* m_methodCombo;
    QDoubleSpinBox* m_thresholdSpin;
    QSpinBox* m_windowSpin;
};
