#pragma once
// Certificates for TLS tests, made at test time with the openssl command (nothing secret is
// checked in): a CA, a server certificate it signed for localhost and 127.0.0.1, a client
// certificate for mutual TLS, and an unrelated CA that must not be trusted.

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace odtest {

inline bool runOpenssl(const QString& dir, const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
        return false;
    }
    return true;
}

inline std::string readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

// Writes into dir: ca.pem, ca.key, server.pem, server.key, client.pem, client.key, other-ca.pem.
inline bool makeTestCerts(const QString& dir)
{
    const QStringList days { "-days", "2" };
    const auto selfSigned = [&](const QString& name, const QString& cn) {
        return runOpenssl(dir,
            QStringList { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                name + ".pem", "-subj", "/CN=" + cn }
                + days);
    };
    if (!selfSigned("ca", "test-ca") || !selfSigned("other-ca", "other-ca"))
        return false;
    for (const QString name : { "server", "client" }) {
        if (!runOpenssl(dir,
                { "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
                    "/CN=" + (name == "server" ? QString("localhost") : name) }))
            return false;
        QFile ext(dir + "/" + name + ".ext");
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write(name == "server" ? "subjectAltName=DNS:localhost,IP:127.0.0.1\n" : "extendedKeyUsage=clientAuth\n");
        ext.close();
        if (!runOpenssl(dir,
                QStringList { "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", name + ".pem", "-extfile", name + ".ext" }
                    + days))
            return false;
    }
    return true;
}

} // namespace odtest
