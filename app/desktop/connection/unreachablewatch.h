#pragma once
// Remembers that the message a widget shows says an endpoint could not be reached, so that the
// widget can replace it once the channel to that endpoint is ready: a red "cannot reach" or
// "the stream failed: UNAVAILABLE" must never stay beside a channel that works. The widget ends
// the watch whenever it shows any other message.

#include <QString>

class UnreachableWatch
{
public:
    // grpc::StatusCode::UNAVAILABLE, the code of a call that could not reach its server.
    static constexpr int kUnavailableCode = 14;

    void watch(const QString& endpoint) { m_endpoint = endpoint.trimmed(); }
    void forget() { m_endpoint.clear(); }

    // True when state (as ChannelStateIndicator names it) says the endpoint watched is ready;
    // the watch ends then, and the caller replaces its message.
    bool readyAgain(const QString& endpoint, const QString& state)
    {
        if (m_endpoint.isEmpty() || endpoint.trimmed() != m_endpoint || state != QLatin1String("ready"))
            return false;
        m_endpoint.clear();
        return true;
    }

private:
    QString m_endpoint;
};
