#pragma once
// How the app connects to a server, as the user set it in the connection panel: TLS files,
// metadata, deadline and message size. The endpoint itself is the detector panel's.

#include "rpc/client/channel.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

class QSettings;

struct ConnectionSettings
{
    bool tls = false;
    QString caFile; // empty with TLS on: the system's trusted roots
    QString certFile; // client certificate, with keyFile, for mutual TLS
    QString keyFile;
    QString serverName; // check the certificate against this name instead of the host
    QStringList metadata; // "key: value" lines, sent with every call
    double deadlineSeconds = 30; // each unary call and each upload
    int maxMessageMb = 256; // largest message sent or received

    bool operator==(const ConnectionSettings&) const = default;

    std::chrono::milliseconds deadline() const;

    // Reads the PEM files and checks the metadata lines. Returns the options for
    // rpc::makeChannel(), or nothing with error set to one sentence naming the field and the
    // file ("The CA file /x/ca.pem cannot be read: No such file or directory."). Reads small
    // local files: call it when the settings change, not per call.
    std::optional<od::rpc::ChannelOptions> channelOptions(QString* error) const;

    // "connection/..." keys. save() makes the settings file readable by its owner only when
    // metadata (which may hold a token) is stored.
    static ConnectionSettings load(const QSettings& settings);
    void save(QSettings& settings) const;
};
