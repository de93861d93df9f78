#pragma once
// greeter.Greeter with the reference semantics (CONTRACT.md section 1) by default; an endless
// stock stream and a shared chat room are opt-in.

#include "rpc/server/chat_room.h"

#include "greeter/greeter.grpc.pb.h"

#include <chrono>

namespace od::rpc {

class StreamRegistry;
class TokenCheck;

enum class ChatMode {
    Echo, // the reference: each message answered by "Server" with "Server received: " + message
    Room, // every message to every participant, with join and leave notices (chat_room.h)
};

struct GreeterOptions
{
    int stockTicks = 5; // prices per GetStockPrice stream; 0 = endless
    std::chrono::milliseconds stockInterval { 500 };
    ChatMode chat = ChatMode::Echo;
    ChatRoomLimits chatRoom;
};

class GreeterService final : public greeter::Greeter::CallbackService
{
public:
    // registry tracks the long-lived streams (stock, chat); tokens may be null (no token needed).
    // Both must outlive the service.
    GreeterService(GreeterOptions options, StreamRegistry& registry, const TokenCheck* tokens = nullptr);

    grpc::ServerUnaryReactor* SayHello(grpc::CallbackServerContext* context, const greeter::HelloRequest* request,
        greeter::HelloReply* reply) override;
    grpc::ServerWriteReactor<greeter::StockReply>* GetStockPrice(
        grpc::CallbackServerContext* context, const greeter::StockRequest* request) override;
    grpc::ServerReadReactor<greeter::Metric>* RecordMetrics(
        grpc::CallbackServerContext* context, greeter::MetricSummary* summary) override;
    grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* Chat(
        grpc::CallbackServerContext* context) override;

private:
    GreeterOptions m_options;
    StreamRegistry& m_registry;
    const TokenCheck* m_tokens;
    ChatRoom m_room;
};

} // namespace od::rpc
