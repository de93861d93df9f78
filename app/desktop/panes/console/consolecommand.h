#pragma once
// "Copy as command": the outlierctl call line that repeats the console's call, with the
// connection's TLS and metadata, the call's own settings and where its methods came from.

#include <QString>

class CallSettingsBar;
class MethodSource;
struct ConnectionSettings;

QString consoleCommandLine(const ConnectionSettings& connection, const QString& endpoint,
    const CallSettingsBar& settings, const MethodSource& source, const QString& method, const QString& request);
