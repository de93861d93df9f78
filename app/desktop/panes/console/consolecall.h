#pragma once
// One call made from the console pane: rpc::JsonCall with its outcome brought to the GUI thread.
// Responses go straight to a ResponseInbox from gRPC threads (a flood never queues one event
// per message), with the number at chartPath (fieldchart.h) taken out there too; the headers
// and the end come as signals. Deleting it cancels the call.

#include "desktop/panes/console/responseinbox.h"
#include "desktop/threads/guipost.h"

#include "rpc/console/call_failure.h"
#include "rpc/console/json_call.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class ChannelProvider;
struct ConnectionSettings;

// The console's fields, named in a failure's hint ("raise Max below the request").
const od::rpc::SettingNames& consoleSettingNames();
// What a failure's words depend on (call_failure.h), from the Connection dock's settings.
od::rpc::ChannelFacts channelFacts(const ConnectionSettings& settings);
// The channel for a call to endpoint: the shared one, or one of its own (with the connection's
// TLS) when maxMb, the call's size limit, differs from the connection's (0 = the connection's).
// Null with the reason in error when the connection's settings do not make a channel.
std::shared_ptr<grpc::Channel> channelForCall(
    ChannelProvider& channels, const QString& endpoint, int maxMb, QString& error);

class ConsoleCall : public QObject
{
    Q_OBJECT
public:
    ConsoleCall(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const od::rpc::Schema> schema,
        const google::protobuf::MethodDescriptor& method, const od::rpc::CallSettings& settings,
        std::shared_ptr<ResponseInbox> inbox, const od::rpc::ChannelFacts& facts,
        std::vector<std::string> chartPath = {}, QObject* parent = nullptr);
    ~ConsoleCall() override;

    od::rpc::CallKind kind() const { return m_call->kind(); }
    bool isFinished() const { return m_finished; }
    // Parses and sends one request; the error (with its line and column) when it does not read.
    std::optional<od::Error> send(const QString& json);
    // Sends one request already serialized (a series' value in its field, seriessender.h).
    std::optional<od::Error> sendBytes(std::string bytes);
    void halfClose();
    void cancel();

signals:
    // "key: value" lines, as the server sent them.
    void headersReceived(const QStringList& headers);
    // ok; the status in words with what to do (describeFailure()); the trailers.
    void finished(bool ok, const QString& status, const QStringList& trailers);

private:
    std::shared_ptr<od::rpc::JsonCall> m_call;
    bool m_finished = false;
    GuiPost<ConsoleCall> m_toGui { this }; // the call's headers and end, from gRPC's threads
};
