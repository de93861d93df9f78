#pragma once
// The call console: any method of the server at the current endpoint, interactively. The
// methods come from the server's reflection or from .proto files (with import paths); a method
// tree shows each method's kind and message types; the request editor starts from a JSON
// template of the request; all four kinds run one call at a time (send messages one by one,
// Half-close, Cancel) with the responses, headers, trailers and final status as they come.
// Per call: deadline, metadata and maximum message size; "Copy as command" gives the same call
// as an outlierctl line. Remembered per endpoint. Discovery and calls never block the GUI thread.

#include "desktop/threads/latestjob.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class ChannelProvider;
class ConsoleCall;
class FieldChart;
class MethodTree;
class ResponseView;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
namespace od::rpc {
class Schema;
struct CallSettings;
} // namespace od::rpc

class ConsolePane : public QWidget
{
    Q_OBJECT
public:
    // historyLines: responses kept in view (older ones are counted as dropped).
    ConsolePane(ChannelProvider* channels, std::function<QString()> endpoint, QWidget* parent = nullptr,
        int historyLines = 2000);
    ~ConsolePane() override;

    // Loads the methods: from the .proto files when some are set, else by reflection. Off the
    // GUI thread; discovered() or the status line tells how it went.
    void discover();
    // ';'-separated in the pane's fields; empty files = reflection.
    void setProtoFiles(const QStringList& files, const QStringList& importPaths);
    bool selectMethod(const QString& name);
    QString currentMethod() const;

    // Starts a call of the selected method with the editor's request (a unary or
    // server-streaming call is half-closed at once). False, with the reason shown, when the
    // request does not read (the editor keeps its text and the cursor goes to the error), the
    // settings are wrong, no method is selected, or a call is already open.
    bool startCall();
    // Sends the editor's request on the open client or bidi stream.
    bool sendMessage();
    void halfClose();
    void cancelCall();
    bool isCalling() const;
    // The outlierctl line of the call the pane would make now; also put on the clipboard.
    QString copyAsCommand();

    QPlainTextEdit* editor() const { return m_editor; }
    ResponseView* responses() const { return m_responses; }
    FieldChart* fieldChart() const { return m_fieldChart; }
    MethodTree* tree() const { return m_tree; }
    QString errorText() const;
    QString statusText() const;

signals:
    void discovered(bool ok);
    // The call ended; ok when its status is OK.
    void callFinished(bool ok);

private:
    struct Discovery
    {
        std::shared_ptr<const od::rpc::Schema> schema;
        QString error;
    };

    void onDiscovered(const Discovery& outcome);
    void onMethodChosen(const QString& name);
    void onCallFinished(bool ok, const QString& status, const QStringList& trailers);
    bool sendEditor();
    void showError(const QString& text);
    void remember();
    void recall(const QString& endpoint);
    bool callSettings(od::rpc::CallSettings& out, int& maxMb);
    void updateButtons();
    QString endpoint() const;

    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    LatestJob<Discovery> m_discovery;
    std::shared_ptr<const od::rpc::Schema> m_schema;
    QString m_schemaEndpoint; // where m_schema came from
    QPointer<ConsoleCall> m_call;
    bool m_halfClosed = false;
    QString m_memoryEndpoint; // the endpoint whose remembered settings the fields show

    QLineEdit* m_protoEdit;
    QLineEdit* m_importEdit;
    QPushButton* m_discoverButton;
    MethodTree* m_tree;
    QPlainTextEdit* m_editor;
    QLabel* m_errorLabel;
    QDoubleSpinBox* m_deadlineSpin;
    QLineEdit* m_metadataEdit;
    QSpinBox* m_maxSizeSpin;
    QPushButton* m_startButton;
    QPushButton* m_sendButton;
    QPushButton* m_halfCloseButton;
    QPushButton* m_cancelButton;
    QPushButton* m_copyButton;
    QLabel* m_statusLabel;
    ResponseView* m_responses;
    FieldChart* m_fieldChart;
    qint64 m_callStartMs = 0; // wall clock, for the chart's time axis
};
