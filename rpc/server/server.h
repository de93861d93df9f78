#pragma once
// The gRPC server that outlierd runs, also started in-process by tests.

#include "rpc/server/call_log.h"
#include "rpc/server/calls_in_flight.h"
#include "rpc/server/greeter_service.h"
#include "rpc/server/outliers_service.h"
#include "rpc/server/stream_registry.h"
#include "rpc/server/token_auth.h"

#include "core/detect/detector.h"
#include "core/result.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace grpc {
class Server;
}

namespace od::rpc {

class DetectorService;

struct TlsFiles
{
    // PEM contents, not paths. Empty certChain = plaintext.
    std::string certChain;
    std::string privateKey;
    std::string clientCa; // non-empty: clients must present a certificate signed by it (mutual TLS)
};

struct ServerOptions
{
    std::string listen = "127.0.0.1:50051"; // "host:0" picks a free port
    DetectorParams detector; // what pb.Outliers/Detect runs
    GreeterOptions greeter;
    // The largest request message accepted; a bigger one fails with RESOURCE_EXHAUSTED.
    long long maxMessageBytes = 64LL * 1024 * 1024;
    TlsFiles tls;
    std::vector<std::string> tokens; // non-empty: calls must carry "authorization: Bearer <token>"
    // How long one streamed message may wait for a client that does not read before its stream
    // is cancelled.
    std::chrono::milliseconds stallLimit { 30'000 };
    // On shutdown, how long the health service says NOT_SERVING while calls are still accepted,
    // so that load balancers can take this server out of rotation first.
    std::chrono::milliseconds drainDelay { 0 };
    CallSink callLog; // empty: calls are not logged
};

class Server
{
public:
    // Binds and starts serving; an Error says why it could not (address in use, bad address).
    static Result<std::unique_ptr<Server>> start(const ServerOptions& options);
    ~Server();

    int port() const { return m_port; }
    // Drains: the health service says NOT_SERVING, streams that would not end by themselves
    // (endless stock, chat) are finished with UNAVAILABLE, new calls are refused, and calls in
    // flight may finish until the grace period ends; the rest are cancelled. Once no call that
    // reached a handler is left, calls still waiting inside grpc for their request (cancelled by
    // their client as they started) are cancelled at once rather than at the end of the grace.
    // Thread-safe; returns once every call has ended.
    void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(5));
    // Blocks until shutdown() has completed.
    void wait();
    // Calls that have reached a handler and not yet ended. A call a client has just started
    // counts only once grpc hands it to its handler, which can lag its first message.
    long long callsInFlight() const { return m_calls.inFlight(); }

private:
    Server(const ServerOptions& options);

    ServerOptions m_options;
    TokenCheck m_tokens;
    StreamRegistry m_registry; // outlives the services and the grpc server, which use it
    CallsInFlight m_calls; // outlives the grpc server, whose interceptors count here
    OutliersService m_outliers;
    GreeterService m_greeter;
    std::unique_ptr<DetectorService> m_detector;
    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
    std::atomic<bool> m_shutdownStarted { false };
};

} // namespace od::rpc
