#include "channelprovider.h"

#include "rpc/channel.h"

#include <grpcpp/channel.h>

ChannelProvider::ChannelProvider(QObject* parent)
    : QObject(parent)
{ }

// Calls still running hold their own reference to the channel, so dropping ours here is safe.
ChannelProvider::~ChannelProvider() = default;

std::shared_ptr<grpc::Channel> ChannelProvider::channel(const QString& endpoint)
{
    const QString key = endpoint.trimmed();
    auto& channel = m_channels[key];
    if (!channel)
        channel = od::rpc::makeChannel(key.toStdString());
    return channel;
}
