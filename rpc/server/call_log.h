#pragma once
// One record per call the server handled: method, peer, request size, status, latency. Written
// by a server interceptor, so every service (ours, health, reflection) is logged the same way.

#include <functional>
#include <memory>
#include <string>

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace od::rpc {

struct CallRecord
{
    std::string method; // "/pb.Outliers/Detect"
    std::string peer; // "ipv4:127.0.0.1:40312"
    long long requestBytes = -1; // serialized size of every request message; -1 = not known
    long long requestMessages = 0;
    int statusCode = 0; // grpc::StatusCode
    std::string statusMessage;
    double latencyMs = 0; // from the call's start to its status
};

enum class LogFormat { Text, Json };

// One line, no newline. Text: "2024-05-01T12:00:00.123Z /pb.Outliers/Detect ipv4:127.0.0.1:4031
// request_bytes=1234 status=OK latency_ms=0.42"; Json: one object with the same keys.
std::string formatCallRecord(const CallRecord& record, LogFormat format);

// Called once per call, on a gRPC thread, after the call's status is known. Must be thread-safe
// and must not block for long.
using CallSink = std::function<void(const CallRecord&)>;

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeCallLogInterceptorFactory(CallSink sink);

} // namespace od::rpc
