#pragma once
// A failed call, told to a person: one sentence for the status bar or the connection panel,
// and the detail behind it (status code, the server's message, what to do).

#include <QString>

namespace od::rpc {
struct RpcStatus;
}

struct RpcFailureText
{
    QString sentence; // "Cannot reach 127.0.0.1:5 (UNAVAILABLE): is outlierd running there ...?"
    QString detail; // several lines: "gRPC status: ...", "Message: ...", "What to do: ..."
};

// endpoint names the server in the sentence; tls says whether the channel used TLS, so that a
// handshake failure and a plaintext call to a TLS server get the right advice.
RpcFailureText describeRpcFailure(const od::rpc::RpcStatus& status, const QString& endpoint, bool tls);

// Whether status says the server could not be reached in time (UNAVAILABLE, DEADLINE_EXCEEDED):
// the failures that a channel becoming ready afterwards makes stale.
bool isConnectionFailure(const od::rpc::RpcStatus& status);
