#pragma once
// The standard gRPC health check (grpc.health.v1.Health/Check), for outlierctl health: container
// health checks and scripts ask whether a server, or one of its services, is serving.

#include "generic_call.h"

#include <memory>
#include <string>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct HealthAnswer
{
    RpcStatus status; // the call's outcome; servingStatus is meaningful only when it is OK
    std::string servingStatus; // "SERVING", "NOT_SERVING", "UNKNOWN", "SERVICE_UNKNOWN"
    bool serving() const { return status.ok() && servingStatus == "SERVING"; }
};

// service empty = the server as a whole. Blocks until the answer or the deadline (10 s when the
// settings give none): worker threads and command-line tools only.
HealthAnswer checkHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service, CallSettings settings);

} // namespace od::rpc
