#include "desktop/connection/connectionsettings.h"

#include "rpc/client/channel_config.h"

#include <QFile>
#include <QSettings>

#include <cmath>

namespace {
const char* kTlsKey = "connection/tls";
const char* kCaKey = "connection/caFile";
const char* kCertKey = "connection/certFile";
const char* kKeyKey = "connection/keyFile";
const char* kServerNameKey = "connection/serverName";
const char* kMetadataKey = "connection/metadata";
const char* kDeadlineKey = "connection/deadlineSeconds";
const char* kMaxMessageKey = "connection/maxMessageMb";

QString capitalised(const std::string& text)
{
    QString s = QString::fromStdString(text);
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    if (!s.endsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char('?')))
        s += QLatin1Char('.');
    return s;
}
} // namespace

std::chrono::milliseconds ConnectionSettings::deadline() const
{
    return std::chrono::milliseconds(std::llround(deadlineSeconds * 1000));
}

std::optional<od::rpc::ChannelOptions> ConnectionSettings::channelOptions(QString* error) const
{
    od::rpc::ChannelOptions options;
    options.maxMessageBytes = maxMessageMb * 1024 * 1024;
    for (const QString& line : metadata) {
        if (line.trimmed().isEmpty())
            continue;
        std::pair<std::string, std::string> header;
        if (auto problem = od::rpc::parseHeader(line.toStdString(), header)) {
            *error = QObject::tr("Metadata: %1").arg(capitalised(*problem));
            return std::nullopt;
        }
        options.metadata.push_back(std::move(header));
    }
    if (!tls)
        return options; // the files are kept for when TLS is turned back on, but not read
    options.useTls = true;
    options.serverNameOverride = serverName.trimmed().toStdString();
    if (certFile.isEmpty() != keyFile.isEmpty()) {
        *error = QObject::tr("A client certificate needs its private key: give both files, or neither.");
        return std::nullopt;
    }
    const struct
    {
        const QString& path;
        const char* what;
        std::string* pem;
    } files[] = { { caFile, "CA file", &options.rootCa }, { certFile, "client certificate", &options.clientCert },
        { keyFile, "client key", &options.clientKey } };
    for (const auto& f : files) {
        if (f.path.isEmpty())
            continue;
        if (auto problem = od::rpc::readPemFile(f.path.toStdString(), f.what, *f.pem)) {
            *error = capitalised(*problem);
            return std::nullopt;
        }
    }
    return options;
}

ConnectionSettings ConnectionSettings::load(const QSettings& settings)
{
    ConnectionSettings s;
    s.tls = settings.value(kTlsKey, s.tls).toBool();
    s.caFile = settings.value(kCaKey).toString();
    s.certFile = settings.value(kCertKey).toString();
    s.keyFile = settings.value(kKeyKey).toString();
    s.serverName = settings.value(kServerNameKey).toString();
    s.metadata = settings.value(kMetadataKey).toStringList();
    const double deadline = settings.value(kDeadlineKey, s.deadlineSeconds).toDouble();
    if (deadline > 0 && deadline <= 3600)
        s.deadlineSeconds = deadline;
    const int mb = settings.value(kMaxMessageKey, s.maxMessageMb).toInt();
    if (mb >= 1 && mb <= 2047)
        s.maxMessageMb = mb;
    return s;
}

void ConnectionSettings::save(QSettings& settings) const
{
    settings.setValue(kTlsKey, tls);
    settings.setValue(kCaKey, caFile);
    settings.setValue(kCertKey, certFile);
    settings.setValue(kKeyKey, keyFile);
    settings.setValue(kServerNameKey, serverName);
    settings.setValue(kMetadataKey, metadata);
    settings.setValue(kDeadlineKey, deadlineSeconds);
    settings.setValue(kMaxMessageKey, maxMessageMb);
    if (!metadata.isEmpty()) {
        // An authorization header is a secret; the settings file is otherwise world-readable.
        settings.sync();
        QFile::setPermissions(settings.fileName(), QFile::ReadOwner | QFile::WriteOwner);
    }
}
