#include "desktop/connection/channelprovider.h"

#include "rpc/client/channel.h"

#include <grpcpp/channel.h>

#include <algorithm>

ChannelProvider::ChannelProvider(QObject* parent)
    : QObject(parent)
{
    QString error;
    m_options = m_settings.channelOptions(&error).value_or(od::rpc::ChannelOptions {});
}

// Calls still running hold their own reference to the channel, so dropping ours here is safe.
ChannelProvider::~ChannelProvider() = default;

QString ChannelProvider::setSettings(const ConnectionSettings& settings)
{
    QString error;
    auto options = settings.channelOptions(&error);
    if (!options)
        return error;
    const bool changed = !(settings == m_settings);
    m_settings = settings;
    if (*options == m_options) {
        if (changed)
            emit settingsChanged(); // only the deadline changed: the channels stay
        return {};
    }
    m_options = std::move(*options);
    // Channels with the old settings serve nobody from now on; their calls in flight keep them.
    std::erase_if(m_channels, [this](const Entry& e) { return !(e.options == m_options); });
    emit settingsChanged();
    return {};
}

ChannelProvider::Entry& ChannelProvider::entry(const QString& endpoint)
{
    const QString key = endpoint.trimmed();
    const auto it = std::find_if(m_channels.begin(), m_channels.end(),
        [&](const Entry& e) { return e.endpoint == key && e.options == m_options; });
    if (it != m_channels.end())
        return *it;
    m_channels.push_back({ key, m_options, od::rpc::makeChannel(key.toStdString(), m_options) });
    return m_channels.back();
}

std::shared_ptr<grpc::Channel> ChannelProvider::channel(const QString& endpoint)
{
    return entry(endpoint).channel;
}

std::shared_ptr<grpc::Channel> ChannelProvider::channelForCall(const QString& endpoint)
{
    Entry& e = entry(endpoint);
    if (od::rpc::channelState(*e.channel) != od::rpc::ChannelState::TransientFailure)
        return e.channel; // idle or connecting: the call waits for the attempt; ready: goes out
    e.channel = od::rpc::makeChannel(e.endpoint.toStdString(), m_options);
    emit channelReplaced(e.endpoint);
    return e.channel;
}
