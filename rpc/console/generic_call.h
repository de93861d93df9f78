#pragma once
// One call to any method, by its path, with messages as serialized bytes: the engine of the
// call console (outlierctl call, the app's console pane). It knows nothing of message types;
// json_codec.h turns JSON into the bytes and back.
//
// All four kinds go through one bidirectional reactor: grpc++'s generic stub offers only unary
// and bidi reactors on the callback API, and on the wire every kind is the same HTTP/2 stream.
// The kind only says how many messages the caller sends (call_kind.h).

#include "rpc/client/write_queue.h"
#include "rpc/rpc_status.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace grpc {
class Channel;
}

namespace od::rpc {

class CallCanceller;
using Metadata = std::vector<std::pair<std::string, std::string>>;

struct CallSettings
{
    // From the start of the call; zero = no deadline (streams may run until cancelled).
    std::chrono::milliseconds deadline { 0 };
    // Sent with this call only, on top of the channel's own metadata.
    Metadata metadata;
    // Optional: lets another thread end the call (a blocking exchange() included) at once;
    // once cancelled, every later call made with these settings ends as it starts.
    CallCanceller* canceller = nullptr;
};

struct CallEnd
{
    RpcStatus status;
    Metadata trailers;
};

class GenericCall
{
public:
    struct Callbacks
    {
        // The server's response headers, once, before the first message (not at all when the
        // call fails before the server answers). On a gRPC thread; must not block.
        std::function<void(const Metadata&)> headers;
        // Each message received, in order, on a gRPC thread. Must not block.
        std::function<void(std::string&& bytes)> received;
        // Once, last, on a gRPC thread.
        std::function<void(const CallEnd&)> finished;
    };

    // path is "/package.Service/Method". The call starts at once and stays open for sending
    // until halfClose() or cancel(), or until the server ends it.
    static std::shared_ptr<GenericCall> start(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
        const CallSettings& settings, Callbacks callbacks);

    // How much may wait to be written (rpc/client/write_queue.h, the chat's bound too). A caller
    // that sends faster than the server or the connection takes messages is refused instead of
    // growing the queue without end; one message is always taken, however big (the message size
    // limit bounds it).
    static constexpr std::size_t kMaxQueuedMessages = kMaxQueuedWrites;
    static constexpr std::size_t kMaxQueuedBytes = kMaxQueuedWriteBytes;

    virtual ~GenericCall() = default;
    // Queues one serialized message; writes go out one at a time, in order. Any thread.
    // Returns why the message was not taken: the call is half-closed, cancelled or over, or the
    // queue is full (then waitForRoom() and send again); nothing when it was queued.
    virtual std::optional<std::string> send(std::string bytes) = 0;
    // Blocks until the queue is under its bounds or the call takes no more messages. For worker
    // threads and command-line tools only, never on a gRPC thread (the writes that make room
    // finish there).
    virtual void waitForRoom() = 0;
    // No more messages from this side once the queued ones are written; replies still arrive.
    virtual void halfClose() = 0;
    // Ends the call at once (status CANCELLED unless it was already over). Any thread.
    virtual void cancel() = 0;
};

// Call after finished() was called: waits until the call has let go of itself (it holds itself
// until its last reaction ends), so that the caller's reference is the last one and the call is
// destroyed on the caller's thread, not on a gRPC thread racing the end of a program.
void waitForRelease(const std::shared_ptr<GenericCall>& call);

// Sends every request, half-closes, and waits for the end of the call: the responses in order
// and the outcome. Blocks the calling thread: for worker threads and command-line tools only.
struct Exchange
{
    std::vector<std::string> responses;
    Metadata headers;
    CallEnd end;
};
Exchange exchange(const std::shared_ptr<grpc::Channel>& channel, const std::string& path, const CallSettings& settings,
    const std::vector<std::string>& requests);

} // namespace od::rpc
