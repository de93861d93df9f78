#include "desktop/connection/channelprovider.h"

#include "rpc/client/channel.h"

#include <grpcpp/channel.h>

#include <algorithm>
#include <memory>
#include <vector>

ChannelProvider::ChannelProvider(QObject* parent)
    : QObject(parent)
{
    QString error;
    m_options = m_settings.channelOptions(&error).value_or(od::rpc::ChannelOptions {});
}

namespace {

// Keeps channels this provider lets go of until the process ends. Calls still running hold a
// reference too, but the last one must not go inside a call's completion (a reactor's OnDone,
// on a gRPC thread): destroying a channel there shuts its callback queue from within its own
// callback and gRPC aborts ("grpc_cq_internal_unref: prior > 0"; seen in 3 of 14 quits with a
// chat open). Left to the process's end, they cost nothing to close: quitting never waits on them.
void retire(std::vector<std::shared_ptr<grpc::Channel>> channels)
{
    // Never freed, on purpose (see above); reachable, so no leak checker counts it.
    static auto* retired = new std::vector<std::shared_ptr<grpc::Channel>>;
    for (auto& channel : channels)
        retired->push_back(std::move(channel));
}

} // namespace

ChannelProvider::~ChannelProvider()
{
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    for (Entry& e : m_channels)
        channels.push_back(std::move(e.channel));
    retire(std::move(channels));
}

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
    // Channels with the old settings serve nobody from now on; their calls in flight may go on.
    std::vector<std::shared_ptr<grpc::Channel>> old;
    std::erase_if(m_channels, [&](Entry& e) {
        if (e.options == m_options)
            return false;
        old.push_back(std::move(e.channel));
        return true;
    });
    retire(std::move(old));
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
