#pragma once
// The call console: any method of the server at the current endpoint, interactively. The
// methods come from the server's reflection or from .proto files (methodsource.h); a method
// tree shows each method's kind and message types; the request editor starts from a JSON
// template of the request; all four kinds run one call at a time (send messages one by one, or
// stream a loaded series into a numeric field at a chosen rate; Half-close, Cancel) with the
// responses, headers, trailers and final status as they come. Per call: deadline, metadata and
// maximum message size; "Copy as command" gives the same call as an outlierctl line.
// Remembered per endpoint. Discovery and calls never block the GUI thread.

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class CallButtons;
struct Dataset;
class CallSettingsBar;
class ChannelProvider;
class ConsoleCall;
class FieldChart;
class MethodSource;
class MethodTree;
class RequestEditor;
class ResponseView;
class SeriesBar;
class QLabel;
class QPlainTextEdit;
namespace google::protobuf {
class MethodDescriptor;
}
namespace od::rpc {
class Schema;
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
    // GUI thread; discovered() or the status line tells how it went. A discovery in flight is
    // superseded (cancelled at once).
    void discover();
    bool isDiscovering() const;
    // ';'-separated in the pane's fields; empty files = reflection.
    void setProtoFiles(const QStringList& files, const QStringList& importPaths);
    bool selectMethod(const QString& name);
    QString currentMethod() const;
    // The series that can be streamed into a client stream: the dataset open in the window.
    void setDatasetSource(std::function<std::shared_ptr<const Dataset>()> source);

    // Starts a call of the selected method with the editor's request (a unary or
    // server-streaming call is half-closed at once). False, with the reason shown, when the
    // request does not read (the editor keeps its text and the cursor goes to the error), the
    // settings are wrong, no method is selected, or a call is already open.
    bool startCall();
    // Sends the editor's request on the open client or bidi stream.
    bool sendMessage();
    // Streams the chosen series (SeriesBar) on the open client or bidi stream, or on a new call
    // of the selected method: one message per value, the editor's request with the value in the
    // chosen field. False, with the reason shown and nothing sent, when the request does not
    // read, the field is not a number or a value does not fit it.
    bool streamSeries();
    void halfClose();
    // Cancels the call, or else the discovery in flight.
    void cancelCall();
    bool isCalling() const;
    // The outlierctl line of the call the pane would make now; also put on the clipboard.
    QString copyAsCommand();

    QPlainTextEdit* editor() const;
    ResponseView* responses() const { return m_responses; }
    FieldChart* fieldChart() const { return m_fieldChart; }
    MethodTree* tree() const { return m_tree; }
    SeriesBar* seriesBar() const { return m_seriesBar; }
    QString errorText() const;
    QString statusText() const;

signals:
    void discovered(bool ok);
    // The call ended; ok when its status is OK.
    void callFinished(bool ok);

private:
    void onDiscovered(std::shared_ptr<const od::rpc::Schema> schema, const QString& error);
    void onMethodChosen(const QString& name);
    void onCallFinished(bool ok, const QString& status, const QStringList& trailers);
    void onSeriesEnded(bool complete, const QString& error);
    // Opens a call of the selected method without sending anything; false with the reason shown.
    bool openCall();
    // The method picked in the tree, or null with "pick a method" shown under the editor.
    const google::protobuf::MethodDescriptor* pickedMethod();
    bool sendEditor();
    void setStatus(const QString& text, bool error = false);
    void remember();
    void recall(const QString& endpoint);
    void updateButtons();
    QString endpoint() const;

    ChannelProvider* m_channels;
    std::function<QString()> m_endpoint;
    std::shared_ptr<const od::rpc::Schema> m_schema;
    QString m_schemaEndpoint; // where m_schema came from
    QPointer<ConsoleCall> m_call;
    bool m_halfClosed = false;
    QString m_memoryEndpoint; // the endpoint whose remembered settings the fields show

    MethodSource* m_source;
    MethodTree* m_tree;
    RequestEditor* m_request;
    CallSettingsBar* m_settings;
    CallButtons* m_buttons;
    SeriesBar* m_seriesBar;
    QLabel* m_statusLabel;
    ResponseView* m_responses;
    FieldChart* m_fieldChart;
    qint64 m_callStartMs = 0; // wall clock, for the chart's time axis
};
