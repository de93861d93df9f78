#pragma once
// The gRPC server that outlierd runs, also started in-process by tests.

#include "greeter_service.h"
#include "outliers_service.h"

#include "core/detector.h"
#include "core/result.h"

#include <chrono>
#include <memory>
#include <string>

namespace grpc {
class Server;
}

namespace od::rpc {

struct ServerOptions
{
    std::string listen = "127.0.0.1:50051"; // "host:0" picks a free port
    DetectorParams detector; // what pb.Outliers/Detect runs
    GreeterOptions greeter;
};

class Server
{
public:
    // Binds and starts serving; an Error says why it could not (address in use, bad address).
    static Result<std::unique_ptr<Server>> start(const ServerOptions& options);
    ~Server();

    int port() const { return m_port; }
    // Stops accepting calls, lets calls in flight finish until the grace period ends, then
    // cancels the rest. Thread-safe; returns once every call has ended.
    void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(5));
    // Blocks until shutdown() has completed.
    void wait();

private:
    Server(const ServerOptions& options);

    OutliersService m_outliers;
    GreeterService m_greeter;
    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
};

} // namespace od::rpc
