#include "detector_client.h"

#include "rpc/client/call_canceller.h"
#include "rpc/client/unary_wait.h"
#include "rpc/detector_convert.h"

#include <grpcpp/channel.h>

#include "outlierdesk/v1/detector.grpc.pb.h"

namespace od::rpc {

CapabilitiesResult detectorCapabilities(
    const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds deadline, CallCanceller* canceller)
{
    auto stub = outlierdesk::v1::Detector::NewStub(channel);
    grpc::ClientContext context;
    outlierdesk::v1::CapabilitiesRequest request;
    outlierdesk::v1::CapabilitiesResponse response;
    CapabilitiesResult out;
    out.status = waitForUnary(context, deadline, canceller,
        [&](auto done) { stub->async()->Capabilities(&context, &request, &response, std::move(done)); });
    if (out.status.code == grpc::StatusCode::UNIMPLEMENTED) {
        out.status = {}; // a server without our service: not an error, the caller falls back
        return out;
    }
    if (!out.status.ok())
        return out;
    DetectorCapabilities caps;
    for (const auto& m : response.methods()) {
        MethodInfo info;
        info.name = m.name();
        info.description = m.description();
        info.thresholdLabel = m.threshold_label();
        info.defaultThreshold = m.default_threshold();
        info.minThreshold = m.min_threshold();
        info.maxThreshold = m.max_threshold();
        info.needsTimes = m.needs_times();
        for (const auto& p : m.params())
            info.params.push_back({ p.key(), p.label(), p.default_value(), p.min(), p.max(), p.integer() });
        caps.methods.push_back(std::move(info));
    }
    caps.defaultMethod = response.default_method();
    caps.maxMessageBytes = response.max_message_bytes();
    caps.maxStreamPoints = response.max_stream_points();
    out.capabilities = std::move(caps);
    return out;
}

RemoteDetection detectWithDetectorService(
    const std::shared_ptr<grpc::Channel>& channel, const Series& series, const DetectorCallOptions& options)
{
    // A blocking client-streaming call: this function runs on a worker thread and waits anyway,
    // and the sync writer applies flow control for free.
    auto stub = outlierdesk::v1::Detector::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + options.deadline);
    if (options.canceller)
        options.canceller->attach(&context);
    outlierdesk::v1::DetectResponse response;
    auto writer = stub->DetectStream(&context, &response);
    const std::size_t chunk = std::max<std::size_t>(options.chunkPoints, 1);
    const bool withTimes = series.times.size() == series.values.size();
    std::size_t at = 0;
    do {
        outlierdesk::v1::DetectChunk message;
        if (at == 0) {
            if (options.params)
                toProto(*options.params, message.mutable_params());
            message.set_name(series.name);
            message.set_point_band(options.pointBand);
            if (options.incidentGapPoints)
                message.set_incident_gap_points(static_cast<std::int64_t>(*options.incidentGapPoints));
        }
        const std::size_t end = std::min(series.values.size(), at + chunk);
        message.mutable_values()->Add(series.values.begin() + static_cast<std::ptrdiff_t>(at),
            series.values.begin() + static_cast<std::ptrdiff_t>(end));
        if (withTimes) {
            message.mutable_times_unix_nanos()->Add(series.times.begin() + static_cast<std::ptrdiff_t>(at),
                series.times.begin() + static_cast<std::ptrdiff_t>(end));
        }
        at = end;
        if (!writer->Write(message))
            break; // the server ended the call early; Finish says why
    } while (at < series.values.size());
    writer->WritesDone();
    RemoteDetection out;
    out.status = RpcStatus::from(writer->Finish());
    if (options.canceller)
        options.canceller->detach();
    if (!out.status.ok())
        return out;
    out.detection = fromProto(response.detection());
    for (const std::size_t i : out.detection.indices) {
        if (i >= series.values.size()) {
            out.status = RpcStatus { grpc::StatusCode::INTERNAL,
                "the server answered index " + std::to_string(i) + " for a series of "
                    + std::to_string(series.values.size()) + " points" };
            out.detection = {};
            return out;
        }
    }
    if (response.has_incident_gap_points()) {
        std::vector<Incident> incidents;
        for (const auto& message : response.incidents()) {
            Incident in = fromProto(message);
            if (in.startIndex > in.endIndex || in.endIndex >= series.values.size() || in.peakIndex < in.startIndex
                || in.peakIndex > in.endIndex) {
                out.status = RpcStatus { grpc::StatusCode::INTERNAL,
                    "the server answered an incident over points " + std::to_string(in.startIndex) + " to "
                        + std::to_string(in.endIndex) + " (peak " + std::to_string(in.peakIndex) + ") for a series of "
                        + std::to_string(series.values.size()) + " points" };
                out.detection = {};
                return out;
            }
            incidents.push_back(in);
        }
        out.incidents = std::move(incidents);
        out.incidentRule
            = IncidentRule { static_cast<std::size_t>(std::max<std::int64_t>(0, response.incident_gap_points())), 0 };
    }
    return out;
}

BestRemoteDetection detectRemoteBest(const std::shared_ptr<grpc::Channel>& channel, const Series& series,
    const DetectorCallOptions& options, std::optional<bool>* offered)
{
    std::optional<bool> local;
    if (!offered)
        offered = &local;
    BestRemoteDetection out;
    if (!offered->has_value()) {
        auto caps = detectorCapabilities(channel, options.deadline, options.canceller);
        if (!caps.status.ok()) {
            out.result.status = caps.status;
            return out;
        }
        *offered = caps.capabilities.has_value();
    }
    if (**offered) {
        out.usedDetectorService = true;
        out.result = detectWithDetectorService(channel, series, options);
        return out;
    }
    RemoteDetectOptions fallback;
    fallback.deadline = options.deadline;
    fallback.canceller = options.canceller;
    out.result = detectRemote(channel, series, fallback);
    return out;
}

} // namespace od::rpc
