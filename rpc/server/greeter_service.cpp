#include "greeter_service.h"

#include "rpc/server/echo_chat.h"
#include "rpc/server/metrics_recorder.h"
#include "rpc/server/stock_ticker.h"
#include "rpc/server/token_auth.h"

namespace od::rpc {

GreeterService::GreeterService(GreeterOptions options, StreamRegistry& registry, const TokenCheck* tokens)
    : m_options(options)
    , m_registry(registry)
    , m_tokens(tokens)
    , m_room(options.chatRoom)
{ }

grpc::ServerUnaryReactor* GreeterService::SayHello(
    grpc::CallbackServerContext* context, const greeter::HelloRequest* request, greeter::HelloReply* reply)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerUnaryReactor>(m_tokens, context))
        return refused;
    auto* reactor = context->DefaultReactor();
    reply->set_message("Hello " + request->name());
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerWriteReactor<greeter::StockReply>* GreeterService::GetStockPrice(
    grpc::CallbackServerContext* context, const greeter::StockRequest* request)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerWriteReactor<greeter::StockReply>>(m_tokens, context))
        return refused;
    return startStockTicker(context, request->symbol(), { m_options.stockTicks, m_options.stockInterval }, m_registry);
}

grpc::ServerReadReactor<greeter::Metric>* GreeterService::RecordMetrics(
    grpc::CallbackServerContext* context, greeter::MetricSummary* summary)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerReadReactor<greeter::Metric>>(m_tokens, context))
        return refused;
    return startMetricsRecorder(summary);
}

grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* GreeterService::Chat(
    grpc::CallbackServerContext* context)
{
    using ChatReactor = grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>;
    if (auto* refused = refuseUnauthenticated<ChatReactor>(m_tokens, context))
        return refused;
    if (m_options.chat == ChatMode::Room)
        return m_room.join(context, m_registry);
    return startEchoChat(context, m_registry);
}

} // namespace od::rpc
