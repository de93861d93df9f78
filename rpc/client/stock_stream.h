#pragma once
// greeter.Greeter/GetStockPrice on the callback API: one object per stream, started once,
// cancellable from any thread, reporting each tick and then, once, how the stream ended.

#include "rpc/rpc_status.h"

#include <functional>
#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct StockTick
{
    std::string symbol;
    double price = 0;
};

class StockStream
{
public:
    struct Callbacks
    {
        // Called on a gRPC thread, one tick at a time, in order. Must not block.
        std::function<void(const StockTick&)> tick;
        // Called once, last, on a gRPC thread: OK when the server ended the stream (the reference
        // server does after 5 ticks), CANCELLED after cancel().
        std::function<void(const RpcStatus&)> finished;
    };

    // Starts the stream. The stream keeps itself alive until finished has been called, so the
    // returned handle may be dropped at any time; callbacks must stay safe to call until then.
    static std::shared_ptr<StockStream> start(
        const std::shared_ptr<grpc::Channel>& channel, const std::string& symbol, Callbacks callbacks);

    virtual ~StockStream() = default;
    // Thread-safe; a no-op once the stream has ended.
    virtual void cancel() = 0;
};

} // namespace od::rpc
