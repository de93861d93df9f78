#include "desktop/panes/console/consolecall.h"

#include "desktop/connection/channelprovider.h"
#include "desktop/panes/console/fieldchart.h"

#include "rpc/client/channel.h"
#include "rpc/console/call_failure.h"

#include <chrono>

namespace {

QStringList lines(const od::rpc::Metadata& metadata)
{
    QStringList out;
    for (const auto& [key, value] : metadata)
        out << QString::fromStdString(key + ": " + value);
    return out;
}

} // namespace

const od::rpc::SettingNames& consoleSettingNames()
{
    // The fields as the Connection dock and the console's settings bar label them.
    static const od::rpc::SettingNames names {
        .plaintext = "untick Use TLS in the Connection dock and clear its certificate fields",
        .tls = "tick Use TLS in the Connection dock",
        .ca = "the Connection dock's CA certificate",
        .serverName = "the Connection dock's Server name override",
        .clientCertificate = "the Connection dock's Client certificate and Client key",
        .maxMessage = "Max below the request (or the Connection dock's Max message size)",
        .deadline = "the Deadline below the request",
        .credentials = "add 'authorization: Bearer TOKEN' to Metadata below the request or in the Connection dock",
        .methods = "in the method tree",
    };
    return names;
}

od::rpc::ChannelFacts channelFacts(const ConnectionSettings& settings)
{
    const bool tls
        = settings.tls || !settings.caFile.isEmpty() || !settings.certFile.isEmpty() || !settings.serverName.isEmpty();
    return { tls, !settings.certFile.isEmpty(), consoleSettingNames() };
}

std::shared_ptr<grpc::Channel> channelForCall(
    ChannelProvider& channels, const QString& endpoint, int maxMb, QString& error)
{
    if (maxMb == 0 || maxMb == channels.settings().maxMessageMb)
        return channels.channelForCall(endpoint);
    auto options = channels.settings().channelOptions(&error);
    if (!options)
        return nullptr;
    options->maxMessageBytes = maxMb * 1024 * 1024;
    return od::rpc::makeChannel(endpoint.toStdString(), *options);
}

ConsoleCall::ConsoleCall(const std::shared_ptr<grpc::Channel>& channel, std::shared_ptr<const od::rpc::Schema> schema,
    const google::protobuf::MethodDescriptor& method, const od::rpc::CallSettings& settings,
    std::shared_ptr<ResponseInbox> inbox, const od::rpc::ChannelFacts& facts, std::vector<std::string> chartPath,
    QObject* parent)
    : QObject(parent)
{
    const auto started = std::chrono::steady_clock::now();
    od::rpc::JsonCall::Callbacks callbacks;
    callbacks.headers = [toGui = m_toGui](const od::rpc::Metadata& headers) {
        toGui([headers = lines(headers)](ConsoleCall* call) { emit call->headersReceived(headers); });
    };
    callbacks.received = [inbox, started, chartPath = std::move(chartPath)](od::Result<std::string>&& json) {
        const double offsetMs
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!json) {
            inbox->push({ offsetMs, json.error().toString(), true });
            return;
        }
        ResponseInbox::Response response { offsetMs, std::move(*json), false };
        if (!chartPath.empty())
            response.value = numberAt(response.json, chartPath);
        inbox->push(std::move(response));
    };
    callbacks.finished = [toGui = m_toGui, facts](const od::rpc::CallEnd& end) {
        const bool ok = end.status.ok();
        const QString status
            = ok ? QStringLiteral("OK") : QString::fromStdString(od::rpc::describeFailure(end.status, facts));
        toGui([ok, status, trailers = lines(end.trailers)](ConsoleCall* call) {
            call->m_finished = true;
            emit call->finished(ok, status, trailers);
        });
    };
    m_call = od::rpc::JsonCall::start(channel, std::move(schema), method, settings, std::move(callbacks));
}

ConsoleCall::~ConsoleCall()
{
    if (!m_finished)
        m_call->cancel();
}

std::optional<od::Error> ConsoleCall::send(const QString& json)
{
    return m_call->send(json.toStdString());
}

std::optional<od::Error> ConsoleCall::sendBytes(std::string bytes)
{
    return m_call->sendBytes(std::move(bytes));
}

void ConsoleCall::halfClose()
{
    m_call->halfClose();
}

void ConsoleCall::cancel()
{
    m_call->cancel();
}
