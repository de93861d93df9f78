#include "desktop/panes/console/consolecommand.h"

#include "desktop/connection/connectionsettings.h"
#include "desktop/panes/console/callsettingsbar.h"
#include "desktop/panes/console/consolelists.h"
#include "desktop/panes/console/methodsource.h"

#include "rpc/client/channel_config.h"
#include "rpc/console/call_command_line.h"

QString consoleCommandLine(const ConnectionSettings& connection, const QString& endpoint,
    const CallSettingsBar& settings, const MethodSource& source, const QString& method, const QString& request)
{
    od::rpc::CallCommand command;
    command.target = endpoint.toStdString();
    command.tls = connection.tls;
    command.caFile = connection.caFile.toStdString();
    command.certFile = connection.certFile.toStdString();
    command.keyFile = connection.keyFile.toStdString();
    command.serverName = connection.serverName.toStdString();
    for (const QString& line : connection.metadata + settings.metadataLines()) {
        std::pair<std::string, std::string> header;
        if (!od::rpc::parseHeader(line.toStdString(), header)) // a line that does not read is left out
            command.metadata.push_back(std::move(header));
    }
    command.deadlineMs = qint64(settings.deadlineSeconds() * 1000.0);
    command.maxMessageMb = settings.maxMessageMb();
    command.protoFiles = toStd(source.protoFiles());
    command.importPaths = toStd(source.importPaths());
    command.method = method.toStdString();
    command.messages.push_back(request.toStdString());
    return QString::fromStdString(od::rpc::callCommandLine(command));
}
