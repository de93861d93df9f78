#pragma once
// greeter.Greeter/Chat on the callback API: messages may be sent from any thread while
// replies arrive; leave() half-closes (the server may still answer), cancel() ends it at once.

#include "rpc/rpc_status.h"

#include <functional>
#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct ChatLine
{
    std::string user;
    std::string message;
};

class ChatSession
{
public:
    struct Callbacks
    {
        // Called on a gRPC thread for each message received, in order. Must not block.
        std::function<void(const ChatLine&)> received;
        // Called once, last, on a gRPC thread.
        std::function<void(const RpcStatus&)> finished;
    };

    static std::shared_ptr<ChatSession> start(const std::shared_ptr<grpc::Channel>& channel, Callbacks callbacks);

    virtual ~ChatSession() = default;
    // Queues a message; writes go out one at a time, in order. False after leave() or cancel(),
    // and once the server has ended its side (or the connection is gone).
    virtual bool send(const ChatLine& line) = 0;
    // Half-close once the queued messages are written; replies still arrive until the server ends.
    virtual void leave() = 0;
    virtual void cancel() = 0;
};

} // namespace od::rpc
