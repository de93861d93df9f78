#pragma once
// Where the user picks the detector: local (method, threshold and the method's own parameters,
// offered from the core's list with its defaults and ranges) or remote (endpoint).

#include "desktop/detection/detectorchoice.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;
class QTimer;

class DetectorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DetectorPanel(QWidget* parent = nullptr);
    ~DetectorPanel() override;

    // Remote only once an endpoint was given (typed and confirmed with Enter, set from outside,
    // or remembered from an earlier run): until then the panel asks for one and detects locally.
    DetectorChoice choice() const;
    // Whether Remote waits for the user to confirm an endpoint (none was ever given).
    bool isAskingForEndpoint() const;
    // Shows choice in the widgets; emits choiceChanged() once if it differs from the current one.
    void setChoice(const DetectorChoice& choice);
    // Sets only the endpoint, as if typed: choiceChanged() only when remote, and endpointChanged().
    void setEndpoint(const QString& endpoint);

    void restoreSettings(const QSettings& settings);
    void saveSettings(QSettings& settings) const;

signals:
    // Anything that changes what detection would find: local/remote, endpoint, method, threshold.
    void choiceChanged();
    // The endpoint was edited or set, in either mode (the streaming panes and the connection
    // panel use it even when detection is local).
    void endpointChanged(const QString& endpoint);
    void detectRequested();

private:
    void onMethodChanged();
    void onEndpointEdited();
    void onEndpointConfirmed(); // Return in the endpoint box
    void onRemoteToggled();
    void updateEnabled();
    void showChoice(const DetectorChoice& choice);
    // One spin box per parameter of the current method, with remembered values or defaults.
    void buildParamBoxes(const QMap<QString, double>& values);
    QMap<QString, double> paramValues() const;
    void changed(); // a setting was edited: tell the window once the edits settle

    QRadioButton* m_localButton;
    QRadioButton* m_remoteButton;
    QLineEdit* m_endpointEdit;
    QComboBox* m_methodCombo;
    QDoubleSpinBox* m_thresholdSpin;
    QLabel* m_thresholdLabel;
    QPushButton* m_detectButton;
    QWidget* m_paramBox; // holds the method's parameter spin boxes
    QCheckBox* m_remoteMethodCheck; // Remote: send the method, or let the server choose
    QTimer* m_settle;
    QMap<QString, QMap<QString, double>> m_paramMemory; // per method, the values last used
    QString m_lastEndpoint;
    QLabel* m_endpointPrompt; // shown while Remote waits for an endpoint
    // An endpoint was given by the user or remembered: switching to Remote may call it. The
    // built-in default is only a suggestion, never called before the user confirms it.
    bool m_endpointGiven = false;
};
