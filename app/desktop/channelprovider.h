#pragma once
// One gRPC channel per endpoint, shared by every pane that talks to it, so that the streams of
// one server reuse one connection and one connectivity state.

#include <QObject>
#include <QString>

#include <map>
#include <memory>

namespace grpc {
class Channel;
}

class ChannelProvider : public QObject
{
    Q_OBJECT
public:
    explicit ChannelProvider(QObject* parent = nullptr);
    ~ChannelProvider() override;

    // The channel to endpoint ("host:port"), made on first use and kept for the provider's
    // lifetime. Never null; connecting happens lazily on the first call. GUI thread only.
    std::shared_ptr<grpc::Channel> channel(const QString& endpoint);

    std::size_t size() const { return m_channels.size(); }

private:
    std::map<QString, std::shared_ptr<grpc::Channel>> m_channels;
};
