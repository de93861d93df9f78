#pragma once
// One gRPC channel per endpoint and connection settings (TLS, metadata, message size), shared by
// every pane and by remote detection, so that the calls to one server reuse one connection and
// one connectivity state. When the settings change, the next call gets a new channel; calls in
// flight keep theirs until they end.

#include "desktop/connection/connectionsettings.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <vector>

namespace grpc {
class Channel;
}

class ChannelProvider : public QObject
{
    Q_OBJECT
public:
    explicit ChannelProvider(QObject* parent = nullptr);
    ~ChannelProvider() override;

    // Uses settings for the channels handed out from now on (it reads the PEM files they name).
    // Returns one sentence saying what is wrong, and keeps the settings in use, when a file
    // cannot be read or a metadata line is not valid; an empty string when applied.
    QString setSettings(const ConnectionSettings& settings);
    const ConnectionSettings& settings() const { return m_settings; }
    // The deadline every call that has one gets (unary calls, uploads).
    std::chrono::milliseconds callDeadline() const { return m_settings.deadline(); }

    // The channel to endpoint ("host:port" or a gRPC target URI) with the settings in use, made
    // on first use. Never null; connecting happens lazily on the first call. GUI thread only.
    std::shared_ptr<grpc::Channel> channel(const QString& endpoint);

    // The channel for a call a person asked for (Test Connection, Detect, Upload, a stream's
    // start): channel(endpoint), except that a channel in transient failure is first replaced by
    // a fresh one. gRPC fails every call on a failing channel at once until its reconnect
    // back-off ends (it grows to two minutes), even when the server is back, and resetting the
    // back-off does not help a call made at that moment; a fresh channel's first call waits for
    // a connection attempt made now, and gets its real outcome. Calls in flight keep the old
    // channel. GUI thread only.
    std::shared_ptr<grpc::Channel> channelForCall(const QString& endpoint);

    std::size_t size() const { return m_channels.size(); }

signals:
    // setSettings() applied new settings: channels handed out before belong to the old ones.
    void settingsChanged();
    // channelForCall() replaced the failing channel to endpoint by a fresh one.
    void channelReplaced(const QString& endpoint);

private:
    struct Entry;
    Entry& entry(const QString& endpoint);

    struct Entry
    {
        QString endpoint;
        od::rpc::ChannelOptions options;
        std::shared_ptr<grpc::Channel> channel;
    };

    ConnectionSettings m_settings;
    od::rpc::ChannelOptions m_options;
    std::vector<Entry> m_channels;
};
