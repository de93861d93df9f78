#pragma once
// One call made from the console pane: rpc::JsonCall with its outcome brought to the GUI thread.
// Responses go straight to a ResponseInbox from gRPC threads (a flood never queues one event
// per message), with the number at chartPath (fieldchart.h) taken out there too; the headers
// and the end come as signals. Deleting it cancels the call.

#include "desktop/panes/console/responseinbox.h"

#include "rpc/console/call_failure.h"
#include "rpc/console/json_call.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

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
};
