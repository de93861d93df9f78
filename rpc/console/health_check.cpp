#include "health_check.h"

#include "outlierdesk/mirror/health.pb.h"

namespace od::rpc {

HealthAnswer checkHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service, CallSettings settings)
{
    namespace mirror = outlierdesk::mirror::health;
    if (settings.deadline.count() <= 0)
        settings.deadline = std::chrono::seconds(10);
    mirror::HealthCheckRequest request;
    request.set_service(service);
    const Exchange done = exchange(channel, "/grpc.health.v1.Health/Check", settings, { request.SerializeAsString() });
    HealthAnswer answer;
    answer.status = done.end.status;
    if (!answer.status.ok())
        return answer;
    mirror::HealthCheckResponse response;
    if (done.responses.size() != 1 || !response.ParseFromString(done.responses.front())) {
        answer.status = RpcStatus { 13 /* INTERNAL */, "the health answer cannot be read" };
        return answer;
    }
    answer.servingStatus = mirror::HealthCheckResponse::ServingStatus_Name(response.status());
    if (answer.servingStatus.empty())
        answer.servingStatus = "status " + std::to_string(static_cast<int>(response.status()));
    return answer;
}

} // namespace od::rpc
