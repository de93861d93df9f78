#include "detector_service.h"

#include "rpc/detector_convert.h"
#include "rpc/server/token_auth.h"

#include "core/detect/detector.h"

#include <optional>
#include <string>
#include <vector>

namespace od::rpc {
namespace {

    // The gap a request asked for (unset: nothing), as sent in DetectRequest or the first chunk.
    template <typename Message> std::optional<std::int64_t> requestedGap(const Message& message)
    {
        return message.has_incident_gap_points() ? std::optional(message.incident_gap_points()) : std::nullopt;
    }

    // Runs the detector on values (non-finite ones become missing), groups its flags into
    // incidents and fills response. Returns the status to finish the call with.
    grpc::Status runDetection(const DetectorParams& serverRule, const outlierdesk::v1::DetectorParams& wireParams,
        std::vector<double>& values, const std::vector<std::int64_t>& times, bool pointBand,
        std::optional<std::int64_t> gapPoints, outlierdesk::v1::DetectResponse* response)
    {
        // Without the band on the wire, only its blocks are kept while the answer is made.
        auto result = detectRequested(
            serverRule, wireParams, values, times, gapPoints, pointBand ? BandDetail::PerPoint : BandDetail::Blocks);
        if (!result)
            return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, result.error().toString());
        auto* detection = response->mutable_detection();
        toProto(result->detection, pointBand, detection);
        detection->set_points(static_cast<std::int64_t>(values.size()));
        for (const auto& incident : result->incidents)
            toProto(incident, response->add_incidents());
        response->set_incident_gap_points(static_cast<std::int64_t>(result->incidentRule.gapPoints));
        return grpc::Status::OK;
    }

    class StreamedDetection final : public grpc::ServerReadReactor<outlierdesk::v1::DetectChunk>
    {
    public:
        StreamedDetection(
            outlierdesk::v1::DetectResponse* response, const DetectorParams& serverRule, long long maxPoints)
            : m_serverRule(serverRule)
            , m_response(response)
            , m_maxPoints(maxPoints)
        {
            StartRead(&m_chunk);
        }

        void OnReadDone(bool ok) override
        {
            if (!ok) {
                // Half-closed: every chunk is in (a cancelled call's status is not seen).
                Finish(runDetection(m_serverRule, m_params, m_values, m_times, m_pointBand, m_gapPoints, m_response));
                return;
            }
            if (m_first) {
                m_first = false;
                m_params = m_chunk.params();
                m_pointBand = m_chunk.point_band();
                m_gapPoints = requestedGap(m_chunk);
            }
            const long long total = static_cast<long long>(m_values.size()) + m_chunk.values_size();
            if (total > m_maxPoints) {
                Finish(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                    "DetectStream takes at most " + std::to_string(m_maxPoints) + " points per call"));
                return;
            }
            const bool timesSoFar = !m_times.empty() || m_values.empty();
            if (m_chunk.times_unix_nanos_size() != 0
                && (m_chunk.times_unix_nanos_size() != m_chunk.values_size() || !timesSoFar)) {
                Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                    "every chunk must carry one time per value, or no chunk any time"));
                return;
            }
            m_values.insert(m_values.end(), m_chunk.values().begin(), m_chunk.values().end());
            m_times.insert(m_times.end(), m_chunk.times_unix_nanos().begin(), m_chunk.times_unix_nanos().end());
            StartRead(&m_chunk);
        }

        void OnDone() override { delete this; }

    private:
        const DetectorParams& m_serverRule;
        outlierdesk::v1::DetectResponse* m_response;
        const long long m_maxPoints;
        outlierdesk::v1::DetectChunk m_chunk;
        outlierdesk::v1::DetectorParams m_params;
        std::vector<double> m_values;
        std::vector<std::int64_t> m_times;
        bool m_pointBand = false;
        std::optional<std::int64_t> m_gapPoints;
        bool m_first = true;
    };

} // namespace

DetectorService::DetectorService(DetectorParams serverRule, const TokenCheck* tokens, DetectorServiceLimits limits)
    : m_serverRule(std::move(serverRule))
    , m_tokens(tokens)
    , m_limits(limits)
{ }

grpc::ServerUnaryReactor* DetectorService::Detect(grpc::CallbackServerContext* context,
    const outlierdesk::v1::DetectRequest* request, outlierdesk::v1::DetectResponse* response)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerUnaryReactor>(m_tokens, context))
        return refused;
    auto* reactor = context->DefaultReactor();
    std::vector<double> values(request->series().values().begin(), request->series().values().end());
    const std::vector<std::int64_t> times(
        request->series().times_unix_nanos().begin(), request->series().times_unix_nanos().end());
    reactor->Finish(runDetection(
        m_serverRule, request->params(), values, times, request->point_band(), requestedGap(*request), response));
    return reactor;
}

grpc::ServerReadReactor<outlierdesk::v1::DetectChunk>* DetectorService::DetectStream(
    grpc::CallbackServerContext* context, outlierdesk::v1::DetectResponse* response)
{
    using ChunkReader = grpc::ServerReadReactor<outlierdesk::v1::DetectChunk>;
    if (auto* refused = refuseUnauthenticated<ChunkReader>(m_tokens, context))
        return refused;
    return new StreamedDetection(response, m_serverRule, m_limits.maxStreamPoints);
}

grpc::ServerUnaryReactor* DetectorService::Capabilities(grpc::CallbackServerContext* context,
    const outlierdesk::v1::CapabilitiesRequest*, outlierdesk::v1::CapabilitiesResponse* response)
{
    if (auto* refused = refuseUnauthenticated<grpc::ServerUnaryReactor>(m_tokens, context))
        return refused;
    auto* reactor = context->DefaultReactor();
    for (const auto& m : methods())
        toProto(m, response->add_methods());
    response->set_default_method(m_serverRule.method);
    response->set_max_message_bytes(m_limits.maxMessageBytes);
    response->set_max_stream_points(m_limits.maxStreamPoints);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

} // namespace od::rpc
