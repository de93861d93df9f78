#pragma once
// Starts the outlierd program (OD_OUTLIERD, given by the test's CMake target) on a free loopback
// port, for tests that need the server in a process of its own: a server in the test's process
// shares gRPC's threads and completion queues with the client under test.

#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace odtest {

// Starts outlierd with "--listen 127.0.0.1:0" and extraArgs, its standard error going to logPath
// (a file: nobody reads a pipe while the test waits, and a full one would block the server's
// logging and so its calls). port 0 takes any free one; a given port lets a test restart the
// server where its clients expect it. Returns the port it listens on, or 0.
inline int startOutlierd(QProcess& process, const QStringList& extraArgs, const QString& logPath, int port = 0)
{
    process.setStandardErrorFile(logPath);
    process.start(QStringLiteral(OD_OUTLIERD),
        QStringList { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port) } + extraArgs);
    if (!process.waitForStarted(10'000))
        return 0;
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray out;
    for (int i = 0; i < 100; ++i) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
        const auto m = listening.match(QString::fromUtf8(out));
        if (m.hasMatch())
            return m.captured(1).toInt();
    }
    return 0;
}

} // namespace odtest
