#include "outliers_service.h"

#include "rpc/server/outliers_wire.h"
#include "rpc/server/token_auth.h"

#include <grpcpp/support/proto_buffer_writer.h>

#include <cmath>
#include <limits>
#include <vector>

namespace od::rpc {

OutliersService::OutliersService(DetectorParams params, const TokenCheck* tokens)
    : m_params(std::move(params))
    , m_tokens(tokens)
{ }

grpc::ServerUnaryReactor* OutliersService::Detect(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerUnaryReactor>(m_tokens, context))
        return refused;
    auto* reactor = context->DefaultReactor();
    // The request arrives in one or more slices; read them in place when there is one.
    std::vector<grpc::Slice> slices;
    std::string joined;
    std::string_view bytes;
    if (request->Dump(&slices).ok() && slices.size() == 1) {
        bytes = std::string_view(reinterpret_cast<const char*>(slices[0].begin()), slices[0].size());
    } else {
        joined.reserve(request->Length());
        for (const auto& s : slices)
            joined.append(reinterpret_cast<const char*>(s.begin()), s.size());
        bytes = joined;
    }
    // The request's metrics are judged as one series, whatever their names and times: that is
    // what the reference server does, and clients send one series per call.
    std::vector<double> values;
    values.reserve(bytes.size() / 11); // a metric holding only its value takes 11 bytes
    // Only the seasonal detector uses the times (to infer a period); the others skip them.
    std::vector<std::int64_t> times;
    const bool wantTimes = m_params.method == "esd";
    std::string error;
    if (!readOutlierValues(bytes, values, wantTimes ? &times : nullptr, error)) {
        reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(kRawDetectMethod) + ": " + error));
        return reactor;
    }
    // NaN and infinities are missing points: never flagged, and left out of the mean and spread,
    // so one bad sample cannot hide every outlier (as it would in numpy).
    for (double& v : values) {
        if (!std::isfinite(v))
            v = std::numeric_limits<double>::quiet_NaN();
    }
    // The answer is the indices alone: a band per point would be made only to be dropped.
    auto result = detect(values, times, m_params, BandDetail::Blocks);
    if (!result) {
        reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, result.error().toString()));
        return reactor;
    }
    pb::OutliersResponse answer;
    answer.mutable_indices()->Reserve(static_cast<int>(result->indices.size()));
    for (const std::size_t i : result->indices)
        answer.add_indices(static_cast<std::int32_t>(i));
    bool ownBuffer = false;
    reactor->Finish(grpc::SerializationTraits<pb::OutliersResponse>::Serialize(answer, response, &ownBuffer));
    return reactor;
}

} // namespace od::rpc
