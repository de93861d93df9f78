#include "outliers_service.h"

#include "token_auth.h"

#include <cmath>
#include <limits>
#include <vector>

namespace od::rpc {

OutliersService::OutliersService(DetectorParams params, const TokenCheck* tokens)
    : m_params(std::move(params))
    , m_tokens(tokens)
{ }

grpc::ServerUnaryReactor* OutliersService::Detect(
    grpc::CallbackServerContext* context, const pb::OutliersRequest* request, pb::OutliersResponse* response)
{
    auto* reactor = context->DefaultReactor();
    if (auto denied = m_tokens ? m_tokens->deny(context) : std::nullopt) {
        reactor->Finish(*denied);
        return reactor;
    }
    // The request's metrics are judged as one series, whatever their names: that is what the
    // reference server does, and clients send one series per call.
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(request->metrics_size()));
    std::vector<std::int64_t> times;
    times.reserve(values.capacity());
    for (const auto& m : request->metrics()) {
        // NaN and infinities are missing points: never flagged, and left out of the mean and
        // spread, so one bad sample cannot hide every outlier (as it would in numpy).
        values.push_back(std::isfinite(m.value()) ? m.value() : std::numeric_limits<double>::quiet_NaN());
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
