#pragma once
// What the console remembers per endpoint (QSettings "console/<endpoint>/..."): where the
// methods came from, the last method and its request, the call settings and how a series was
// last streamed, so that coming
// back to a server picks up where the user left off.

#include <QString>
#include <QStringList>

struct ConsoleMemory
{
    QStringList protoFiles; // empty: the server's reflection
    QStringList importPaths;
    QString method; // package.Service/Method
    QString request; // the editor's text for that method
    double deadlineSeconds = 0; // 0 = none
    QStringList metadata; // "key: value" lines for the call only
    int maxMessageMb = 0; // 0 = the connection's
    QString chartField; // the numeric field charted live, e.g. price
    // Stream Series: the series (by name), the request field it goes into, messages a second
    // (0 = the row's default) and whether the stream is half-closed after the last value.
    QString streamSeries;
    QString streamField;
    double streamRate = 0;
    bool streamHalfClose = true;

    static ConsoleMemory load(const QString& endpoint);
    void save(const QString& endpoint) const;
};
