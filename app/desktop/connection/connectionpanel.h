#pragma once
// The connection settings for remote detection and the streaming panes: endpoint, TLS files,
// metadata, deadline and message size, and a "Test connection" button (SayHello off the GUI
// thread). Every change is remembered (QSettings) and handed to the shared ChannelProvider.

#include "desktop/connection/connectionsettings.h"

#include <QWidget>

#include <memory>
#include <optional>

class ChannelProvider;
class ConnectionTest;
class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
struct HelloOutcome;

class ConnectionPanel : public QWidget
{
    Q_OBJECT
public:
    // Shows the settings remembered from the last run and applies them to channels.
    explicit ConnectionPanel(ChannelProvider* channels, QWidget* parent = nullptr);
    // Cancels a test in flight; its worker ends by itself.
    ~ConnectionPanel() override;

    QString endpoint() const;
    // Shows endpoint without emitting endpointEdited() (it came from elsewhere).
    void setEndpoint(const QString& endpoint);
    // What the widgets show, applied or not.
    ConnectionSettings settings() const;
    // Shows settings and applies them as if the user had entered them.
    void setSettings(const ConnectionSettings& settings);

    // The last test's sentence, the detail behind it, and the settings problem (empty if none).
    QString resultText() const;
    QString detailText() const;
    QString problemText() const;
    bool isTesting() const;
    // "ready", "connecting", ... as the panel shows it for its endpoint.
    QString channelStateText() const;

public slots:
    // The channel to endpoint is in state now (ChannelStateIndicator::stateChanged). Shown in
    // the panel; a test verdict about endpoint that the new state contradicts is replaced, so a
    // red "Cannot reach" never sits beside a channel that is ready, nor "Connected" beside one
    // that has lost its connection.
    void showChannelState(const QString& endpoint, const QString& state);

    // SayHello to the endpoint with the settings in use; reports in the panel and with
    // testFinished(). A test in flight is cancelled instead.
    void testConnection();

signals:
    void endpointEdited(const QString& endpoint);
    // Applied to the channel provider (or refused: problemText() says why).
    void settingsApplied();
    void testFinished(bool ok);

private:
    QLineEdit* addPathRow(QFormLayout* form, const QString& label, const QString& objectName, const QString& tip);
    void showSettings(const ConnectionSettings& settings);
    void apply();
    void updateEnabled();
    void showResult(bool ok, const QString& sentence, const QString& detail);
    void onTestDone(const std::optional<HelloOutcome>& outcome);

    ChannelProvider* m_channels;
    QLineEdit* m_endpointEdit;
    QCheckBox* m_tlsCheck;
    QLineEdit* m_caEdit;
    QLineEdit* m_certEdit;
    QLineEdit* m_keyEdit;
    QLineEdit* m_serverNameEdit;
    QPlainTextEdit* m_metadataEdit;
    QDoubleSpinBox* m_deadlineSpin;
    QSpinBox* m_maxMessageSpin;
    QLabel* m_problemLabel;
    QPushButton* m_testButton;
    QLabel* m_resultLabel;
    QLabel* m_stateLabel;
    QToolButton* m_detailsButton;
    QPlainTextEdit* m_detailText;
    QTimer* m_metadataTimer;
    QList<QWidget*> m_tlsWidgets;
    std::unique_ptr<ConnectionTest> m_test; // Test Connection's SayHello, off the GUI thread
    QString m_testEndpoint;
    bool m_testTls = false;
    // The verdict shown: of which test, and whether a state change may still contradict it.
    enum class Verdict { None, Ok, Failed };
    Verdict m_verdict = Verdict::None;
    QString m_verdictTime;
    QString m_channelState;
};
