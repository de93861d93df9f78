#pragma once
// The outcome of a call as plain data, so callers above rpc/ need no grpc++ types to report it.

#include <string>

namespace grpc {
class Status;
}

namespace od::rpc {

struct RpcStatus
{
    int code = 0; // grpc::StatusCode value; 0 = OK
    std::string message;

    bool ok() const { return code == 0; }
    // "UNAVAILABLE", "DEADLINE_EXCEEDED", ...
    std::string codeName() const;
    // "UNAVAILABLE: failed to connect to all addresses", with a hint of what to do when one helps.
    std::string toString() const;

    static RpcStatus from(const grpc::Status& status);
};

// The canonical upper-case name of a gRPC status code.
const char* statusCodeName(int code);

} // namespace od::rpc
