#pragma once
// greeter.Greeter/Chat on the callback API: messages may be sent from any thread while
// replies arrive; leave() half-closes (the server may still answer), cancel() ends it at once.

#include "rpc/client/write_queue.h"
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

    // What send() did with a message.
    enum class Sent {
        Queued,
        // Not taken: after leave() or cancel(), or once the server has ended its side (or the
        // connection is gone).
        Closed,
        // Not taken: kMaxQueuedMessages or kMaxQueuedBytes already wait to be written (the server
        // or the connection takes them slower than they are sent). Send again once there is room.
        QueueFull,
    };
    // The bound of write_queue.h, shared with the call console.
    static constexpr std::size_t kMaxQueuedMessages = kMaxQueuedWrites;
    static constexpr std::size_t kMaxQueuedBytes = kMaxQueuedWriteBytes; // of user names and messages

    virtual ~ChatSession() = default;
    // Queues a message; writes go out one at a time, in order. Any thread.
    virtual Sent send(const ChatLine& line) = 0;
    // Blocks until the queue has room or the session takes no more messages (then send() says
    // Closed). For worker threads and command-line tools only, never on a gRPC thread (the
    // writes that make room finish there).
    virtual void waitForRoom() = 0;
    // Half-close once the queued messages are written; replies still arrive until the server ends.
    virtual void leave() = 0;
    virtual void cancel() = 0;
};

} // namespace od::rpc
