#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

namespace od::rpc {

Server::Server(const ServerOptions& options)
    : m_outliers(options.detector)
    , m_greeter(options.greeter)
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
    builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(), &server->m_port);
    // grpc sets SO_REUSEPORT by default, which lets a second outlierd silently share the port
    // and steal half the calls; a busy port must be an error instead.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.SetMaxReceiveMessageSize(256 * 1024 * 1024);
    builder.SetMaxSendMessageSize(256 * 1024 * 1024);
    builder.RegisterService(&server->m_outliers);
    builder.RegisterService(&server->m_greeter);
    server->m_server = builder.BuildAndStart();
    if (!server->m_server || server->m_port == 0) {
        return Error { "cannot listen on " + options.listen
            + " (is the address right, and is the port free? another outlierd may be running)" };
    }
    return server;
}

void Server::shutdown(std::chrono::milliseconds grace)
{
    if (m_server)
        m_server->Shutdown(std::chrono::system_clock::now() + grace);
}

void Server::wait()
{
    if (m_server)
        m_server->Wait();
}

} // namespace od::rpc
