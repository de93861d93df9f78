#pragma once

#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

// A channel to target ("host:port" or any gRPC target URI), plaintext for now. Channels are
// meant to be shared: one per endpoint, used by every call to it.
std::shared_ptr<grpc::Channel> makeChannel(const std::string& target);

} // namespace od::rpc
