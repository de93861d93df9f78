#include "desktop/connection/rpcfailure.h"

#include "rpc/rpc_status.h"

#include <QObject>

#include <grpcpp/support/status_code_enum.h>

namespace {

bool mentionsAny(const QString& text, std::initializer_list<const char*> words)
{
    for (const char* w : words) {
        if (text.contains(QLatin1String(w), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

struct Advice
{
    QString sentence;
    QString todo;
};

Advice adviceFor(const od::rpc::RpcStatus& status, const QString& where, bool tls)
{
    const QString message = QString::fromStdString(status.message);
    const QString code = QString::fromLatin1(od::rpc::statusCodeName(status.code));
    switch (status.code) {
    case grpc::StatusCode::UNAVAILABLE:
        if (mentionsAny(message, { "handshake", "ssl", "certificate", "tls" })) {
            if (!tls) {
                return { QObject::tr("The connection to %1 failed (%2): the server may expect TLS.").arg(where, code),
                    QObject::tr("Turn TLS on in the connection settings, with the CA that signed the server's "
                                "certificate.") };
            }
            return { QObject::tr("The secure connection to %1 failed (%2): check the CA file and the server name.")
                         .arg(where, code),
                QObject::tr("The CA file must hold the certificate authority that signed the server's certificate, "
                            "and the server name (or the host in the endpoint) must be one the certificate "
                            "names. If the server wants client certificates, give the certificate and key too.") };
        }
        if (!tls && mentionsAny(message, { "socket closed", "connection reset", "end of tcp stream", "eof" })) {
            return { QObject::tr("%1 closed the connection (%2): it may expect TLS.").arg(where, code),
                QObject::tr("If the server was started with --tls-cert, turn TLS on in the connection settings. "
                            "Otherwise check that it is an OutlierDesk or gRPC server.") };
        }
        return { QObject::tr("Cannot reach %1 (%2): is outlierd running there, and is the port open in the firewall?")
                     .arg(where, code),
            QObject::tr("Start the server (outlierd --listen HOST:PORT) or correct the endpoint; check that a "
                        "firewall lets the port through.") };
    case grpc::StatusCode::UNAUTHENTICATED:
        return { QObject::tr("%1 refused the call (%2): check the token.").arg(where, code),
            QObject::tr("The server wants a token: add the metadata line 'authorization: Bearer TOKEN' in the "
                        "connection settings, with a token from the server's --token-file.") };
    case grpc::StatusCode::PERMISSION_DENIED:
        return { QObject::tr("%1 does not allow this call (%2).").arg(where, code),
            QObject::tr("Ask the server's operator for access, or use a token that has it.") };
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        return { QObject::tr("%1 did not answer in time (%2).").arg(where, code),
            QObject::tr("The server may be busy or the network slow: try again, or raise the deadline in the "
                        "connection settings.") };
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        if (message.contains(QLatin1String("larger than max"))) {
            return { QObject::tr("A message to or from %1 is too big (%2).").arg(where, code),
                QObject::tr("Raise the maximum message size in the connection settings, or start outlierd with a "
                            "larger --max-message-mb.") };
        }
        return { QObject::tr("%1 is out of resources for this call (%2).").arg(where, code),
            QObject::tr("Try again later, or with less data.") };
    case grpc::StatusCode::UNIMPLEMENTED:
        return { QObject::tr("%1 does not offer this call (%2).").arg(where, code),
            QObject::tr("Check that the endpoint is an outlierd or a compatible server.") };
    case grpc::StatusCode::CANCELLED:
        return { QObject::tr("The call to %1 was cancelled.").arg(where), QObject::tr("Nothing; start it again.") };
    case grpc::StatusCode::INVALID_ARGUMENT:
        return { QObject::tr("%1 refused the request (%2).").arg(where, code),
            QObject::tr("The server's message says what it did not accept.") };
    default:
        return { QObject::tr("The call to %1 failed (%2).").arg(where, code),
            QObject::tr("The server's message may say more; try again, or look at the server's log.") };
    }
}

} // namespace

RpcFailureText describeRpcFailure(const od::rpc::RpcStatus& status, const QString& endpoint, bool tls)
{
    const Advice advice = adviceFor(status, endpoint.isEmpty() ? QObject::tr("the server") : endpoint, tls);
    RpcFailureText text;
    text.sentence = advice.sentence;
    text.detail = QObject::tr("gRPC status: %1 (%2)\nMessage: %3\nWhat to do: %4")
                      .arg(QString::fromLatin1(od::rpc::statusCodeName(status.code)))
                      .arg(status.code)
                      .arg(status.message.empty() ? QObject::tr("(none)") : QString::fromStdString(status.message),
                          advice.todo);
    return text;
}

bool isConnectionFailure(const od::rpc::RpcStatus& status)
{
    return status.code == grpc::StatusCode::UNAVAILABLE || status.code == grpc::StatusCode::DEADLINE_EXCEEDED;
}
