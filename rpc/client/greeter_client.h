#pragma once
// Client calls of greeter.Greeter.

#include "rpc/rpc_status.h"

#include <chrono>
#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct HelloResult
{
    RpcStatus status;
    std::string message;
};

class CallCanceller;

// SayHello; blocks the calling thread until the answer, the deadline or canceller->cancel().
HelloResult sayHello(const std::shared_ptr<grpc::Channel>& channel, const std::string& name,
    std::chrono::milliseconds deadline = std::chrono::seconds(10), CallCanceller* canceller = nullptr);

} // namespace od::rpc
