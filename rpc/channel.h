#pragma once

#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct ChannelOptions
{
    // TLS: on when useTls or any PEM below is given. rootCa empty = the system's roots.
    bool useTls = false;
    std::string rootCa; // PEM
    std::string clientCert; // PEM; with clientKey, for servers that require client certificates
    std::string clientKey; // PEM
    std::string serverNameOverride; // check the certificate against this name instead (tests)
    // Sent with every call as "authorization: Bearer <token>" when not empty.
    std::string token;
};

// A channel to target: "host:port", or any gRPC target URI, including several backends
// ("ipv4:127.0.0.1:50051,127.0.0.1:50052", "dns:///detector.example:50051"). Calls are spread
// over every resolved address with round_robin, and unary detection calls that fail with
// UNAVAILABLE (a backend going away) are retried on another one. Channels are meant to be
// shared: one per endpoint, used by every call to it.
std::shared_ptr<grpc::Channel> makeChannel(const std::string& target);
std::shared_ptr<grpc::Channel> makeChannel(const std::string& target, const ChannelOptions& options);

// The service config makeChannel uses (JSON), for documentation and tests.
const char* serviceConfigJson();

} // namespace od::rpc
