#include "channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace od::rpc {

std::shared_ptr<grpc::Channel> makeChannel(const std::string& target)
{
    grpc::ChannelArguments args;
    // Detect requests carry whole series; the 4 MB default is too small for big files.
    args.SetMaxReceiveMessageSize(256 * 1024 * 1024);
    args.SetMaxSendMessageSize(256 * 1024 * 1024);
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

} // namespace od::rpc
