#include "call_failure.h"

#include <grpcpp/support/status.h>

namespace od::rpc {
namespace {

    bool has(const std::string& text, const char* part)
    {
        return text.find(part) != std::string::npos;
    }

    std::string hint(const RpcStatus& status, const ChannelFacts& facts)
    {
        const std::string& m = status.message;
        const SettingNames& n = facts.names;
        switch (status.code) {
        case grpc::StatusCode::UNAVAILABLE:
            if (has(m, "WRONG_VERSION_NUMBER") || has(m, "wrong version number"))
                return "the server does not speak TLS: " + n.plaintext;
            if (has(m, "Peer name") || has(m, "not in peer certificate"))
                return "the server's certificate does not carry this host name: connect by a name it carries, "
                       "or give that name with "
                    + n.serverName;
            if (has(m, "CERTIFICATE_VERIFY_FAILED") || has(m, "certificate verify failed"))
                return "the server's certificate is not signed by a CA you trust: give its CA with " + n.ca;
            if (has(m, "CERTIFICATE_REQUIRED") || has(m, "certificate required") || has(m, "HANDSHAKE_FAILURE")
                || has(m, "alert handshake failure"))
                return "the server wants a client certificate: give one with " + n.clientCertificate;
            if (has(m, "andshake") || has(m, "SSL"))
                return "the TLS handshake failed: check the CA (" + n.ca + "), the server name (" + n.serverName
                    + ") and the client certificate (" + n.clientCertificate + ")";
            if ((has(m, "Socket closed") || has(m, "Connection reset")) && facts.tls && !facts.clientCertificate)
                return "the server closed the TLS connection: it may want a client certificate, give one with "
                    + n.clientCertificate;
            if (has(m, "Socket closed") || has(m, "Connection reset"))
                return facts.tls
                    ? std::string("the server closed the connection during the TLS handshake: check its CA and "
                                  "whether it accepts this client certificate")
                    : "the server closed the connection: does it expect TLS? " + n.tls;
            return "is the server running and the address right?";
        case grpc::StatusCode::UNIMPLEMENTED:
            return "the server does not offer this method: check the name and its case " + n.methods
                + ", or that the .proto file matches the server";
        case grpc::StatusCode::RESOURCE_EXHAUSTED:
            if (has(m, "Received message larger than max"))
                return "a message is bigger than this side accepts: raise " + n.maxMessage;
            if (has(m, "Sent message larger than max"))
                return "the request is bigger than this side sends: raise " + n.maxMessage;
            if (has(m, "larger than max"))
                return "a message is bigger than the server accepts: raise the server's limit";
            return {};
        case grpc::StatusCode::DEADLINE_EXCEEDED:
            return "the call did not finish in time: raise " + n.deadline;
        case grpc::StatusCode::UNAUTHENTICATED:
            return "the server wants credentials: " + n.credentials;
        case grpc::StatusCode::PERMISSION_DENIED:
            return "the server refuses these credentials for this call";
        case grpc::StatusCode::CANCELLED:
            return "the call was cancelled before it finished";
        default:
            return {};
        }
    }

} // namespace

const SettingNames& commandLineSettingNames()
{
    static const SettingNames names {
        .plaintext = "connect without --tls/--ca",
        .tls = "try --tls or --ca FILE",
        .ca = "--ca FILE",
        .serverName = "--server-name",
        .clientCertificate = "--cert FILE --key FILE",
        .maxMessage = "--max-message-mb",
        .deadline = "the deadline (--deadline-ms)",
        .credentials = "--header 'authorization: Bearer TOKEN' or --token-file FILE",
        .methods = "with `outlierctl list`",
    };
    return names;
}

std::string describeFailure(const RpcStatus& status, const ChannelFacts& facts)
{
    std::string out = status.codeName();
    if (!status.message.empty())
        out += ": " + status.message;
    if (const std::string what = hint(status, facts); !what.empty())
        out += " (" + what + ")";
    return out;
}

} // namespace od::rpc
