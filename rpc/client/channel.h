#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

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
    // Sent with every call, in order: lower-case keys, printable ASCII values (see parseHeader()).
    std::vector<std::pair<std::string, std::string>> metadata;
    // The largest message sent or received, in bytes. Detect requests through pb.Outliers carry
    // whole series, so the default is well above gRPC's own 4 MB.
    int maxMessageBytes = 256 * 1024 * 1024;

    bool operator==(const ChannelOptions&) const = default;
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

// A channel's connectivity state, as grpc names it, without grpc++ types for the caller.
enum class ChannelState { Idle, Connecting, Ready, TransientFailure, Shutdown };

// Never blocks; tryToConnect starts connecting an idle channel. Thread-safe.
ChannelState channelState(grpc::Channel& channel, bool tryToConnect = false);
// "idle", "connecting", "ready", "transient failure", "shutdown".
const char* channelStateName(ChannelState state);

} // namespace od::rpc
