#include "rpc_status.h"

#include <grpcpp/support/status.h>

namespace od::rpc {

const char* statusCodeName(int code)
{
    static constexpr const char* names[] = { "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED" };
    if (code >= 0 && code < static_cast<int>(std::size(names)))
        return names[code];
    return "UNKNOWN";
}

std::string RpcStatus::codeName() const
{
    return statusCodeName(code);
}

std::string RpcStatus::toString() const
{
    std::string out = codeName();
    if (!message.empty())
        out += ": " + message;
    switch (code) {
    case grpc::StatusCode::UNAVAILABLE:
        if (message.find("andshake") != std::string::npos || message.find("certificate") != std::string::npos)
            out += " (the TLS handshake failed: check the CA certificate and the server name)";
        else if (message.find("Socket closed") != std::string::npos)
            out += " (the server closed the connection: does it expect TLS?)";
        else
            out += " (is the server running and the address right?)";
        break;
    case grpc::StatusCode::UNAUTHENTICATED:
        out += " (check the token: the server wants 'authorization: Bearer TOKEN')";
        break;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        out += " (the server did not answer in time; try again or raise the deadline)";
        break;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        // grpc-core rejects an oversized message before outlierd sees it, with its own words
        // ("Received message larger than max"), so the way out is said here.
        if (message.find("larger than max") != std::string::npos)
            out += " (the message is bigger than the server accepts; outlierd --max-message-mb raises its limit)";
        break;
    case grpc::StatusCode::UNIMPLEMENTED:
        out += " (the server does not offer this call)";
        break;
    default:
        break;
    }
    return out;
}

RpcStatus RpcStatus::from(const grpc::Status& status)
{
    return RpcStatus { static_cast<int>(status.error_code()), status.error_message() };
}

} // namespace od::rpc
