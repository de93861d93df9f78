#include "greeter_client.h"

#include "rpc/client/unary_wait.h"

#include <grpcpp/channel.h>

#include "greeter/greeter.grpc.pb.h"

namespace od::rpc {

HelloResult sayHello(const std::shared_ptr<grpc::Channel>& channel, const std::string& name,
    std::chrono::milliseconds deadline, CallCanceller* canceller)
{
    auto stub = greeter::Greeter::NewStub(channel);
    grpc::ClientContext context;
    greeter::HelloRequest request;
    request.set_name(name);
    greeter::HelloReply reply;
    HelloResult out;
    out.status = waitForUnary(context, deadline, canceller,
        [&](auto done) { stub->async()->SayHello(&context, &request, &reply, std::move(done)); });
    if (out.status.ok())
        out.message = reply.message();
    return out;
}

} // namespace od::rpc
