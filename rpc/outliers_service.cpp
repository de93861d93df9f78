#include "outliers_service.h"

#include <vector>

namespace od::rpc {

OutliersService::OutliersService(DetectorParams params)
    : m_params(std::move(params))
{ }

grpc::ServerUnaryReactor* OutliersService::Detect(
    grpc::CallbackServerContext* context, const pb::OutliersRequest* request, pb::OutliersResponse* response)
{
    auto* reactor = context->DefaultReactor();
    // The request's metrics are judged as one series, whatever their names: that is what the
    // reference server does, and clients send one series per call.
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(request->metrics_size()));
    std::vector<std::int64_t> times;
    times.reserve(values.capacity());
    for (const auto& m : request->metrics()) {
        values.push_back(m.value());
        times.push_back(m.time().seconds() * 1'000'000'000 + m.time().nanos());
    }
    auto result = detect(values, times, m_params);
    if (!result) {
        reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, result.error().toString()));
        return reactor;
    }
    response->mutable_indices()->Reserve(static_cast<int>(result->indices.size()));
    for (const std::size_t i : result->indices)
        response->add_indices(static_cast<std::int32_t>(i));
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

} // namespace od::rpc
