#include "server.h"

#include "rpc/server/detector_service.h"
#include "rpc/server/malformed_request.h"

#include <grpc/grpc.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/server_interceptor.h>

#include <algorithm>
#include <climits>
#include <thread>

namespace od::rpc {

Server::Server(const ServerOptions& options)
    : m_options(options)
    , m_tokens(options.tokens)
    , m_registry(options.stallLimit)
    , m_outliers(options.detector, &m_tokens)
    , m_greeter(options.greeter, m_registry, &m_tokens)
    , m_detector(std::make_unique<DetectorService>(
          options.detector, &m_tokens, DetectorServiceLimits { options.maxMessageBytes }))
{ }

Server::~Server()
{
    if (m_server)
        shutdown(std::chrono::milliseconds(0));
}

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options)
{
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    std::unique_ptr<Server> server(new Server(options));
    grpc::ServerBuilder builder;
    std::shared_ptr<grpc::ServerCredentials> credentials;
    if (!options.tls.certChain.empty()) {
        grpc::SslServerCredentialsOptions ssl(options.tls.clientCa.empty()
                ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
        ssl.pem_root_certs = options.tls.clientCa;
        ssl.pem_key_cert_pairs.push_back({ options.tls.privateKey, options.tls.certChain });
        credentials = grpc::SslServerCredentials(ssl);
    } else {
        credentials = grpc::InsecureServerCredentials();
    }
    builder.AddListeningPort(options.listen, credentials, &server->m_port);
    // grpc sets SO_REUSEPORT by default, which lets a second outlierd silently share the port
    // and steal half the calls; a busy port must be an error instead.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    const long long maxMessage = std::clamp<long long>(options.maxMessageBytes, 1, INT32_MAX);
    builder.SetMaxReceiveMessageSize(static_cast<int>(maxMessage));
    // Answers carry at most a few numbers per point sent; 256 MB is the clients' own limit.
    builder.SetMaxSendMessageSize(256 * 1024 * 1024);
    builder.RegisterService(&server->m_outliers);
    builder.RegisterService(&server->m_greeter);
    builder.RegisterService(server->m_detector.get());
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
    // Outgoing hooks run in this order: the status is corrected before the log records it.
    interceptors.push_back(makeCallsInFlightInterceptorFactory(server->m_calls));
    interceptors.push_back(makeMalformedRequestInterceptorFactory(
        methodPaths({ "pb.Outliers", "greeter.Greeter", "outlierdesk.v1.Detector" })));
    if (options.callLog)
        interceptors.push_back(makeCallLogInterceptorFactory(options.callLog));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
    server->m_server = builder.BuildAndStart();
    if (!server->m_server || server->m_port == 0) {
        return Error { "cannot listen on " + options.listen
            + " (is the address right, and is the port free? another outlierd may be running)" };
    }
    if (auto* health = server->m_server->GetHealthCheckService())
        health->SetServingStatus(true);
    return server;
}

void Server::shutdown(std::chrono::milliseconds grace)
{
    if (!m_server)
        return;
    if (m_shutdownStarted.exchange(true)) {
        m_server->Shutdown(std::chrono::system_clock::now() + grace); // a second call: just wait
        return;
    }
    if (auto* health = m_server->GetHealthCheckService())
        health->SetServingStatus(false);
    if (m_options.drainDelay.count() > 0)
        std::this_thread::sleep_for(m_options.drainDelay);
    m_registry.drainAll();
    // grpc cancels what is left only at the deadline, even calls no handler will ever see (see
    // calls_in_flight.h). Once ours have ended, they go at once. The settle time lets a call
    // that grpc hands over just as Shutdown begins be counted first.
    std::thread reaper([this, grace] {
        if (m_calls.waitIdle(std::chrono::milliseconds(20), std::chrono::steady_clock::now() + grace))
            grpc_server_cancel_all_calls(m_server->c_server());
    });
    m_server->Shutdown(std::chrono::system_clock::now() + grace);
    m_calls.stop();
    reaper.join();
}

void Server::wait()
{
    if (m_server)
        m_server->Wait();
}

} // namespace od::rpc
