#pragma once
// The server side of greeter.Greeter/GetStockPrice: a price, a pause, a price...

#include "greeter/greeter.grpc.pb.h"

#include <chrono>
#include <string>

namespace od::rpc {

class StreamRegistry;

struct StockOptions
{
    int ticks = 5; // prices per stream; 0 = endless
    std::chrono::milliseconds interval { 500 };
};

// Starts one stream and returns its reactor; the reactor owns itself until OnDone. Writes go
// out one at a time, so a client that stops reading holds at most one message here; once that
// write has waited longer than the registry's stall limit the call is cancelled.
grpc::ServerWriteReactor<greeter::StockReply>* startStockTicker(
    grpc::CallbackServerContext* context, std::string symbol, StockOptions options, StreamRegistry& registry);

} // namespace od::rpc
