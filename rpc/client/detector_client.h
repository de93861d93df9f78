#pragma once
// Remote detection that uses the best service the server offers: outlierdesk.v1.Detector (any
// method with its parameters, scores and band, the series streamed in chunks so no message nears
// the size limit) when the server has it, else the seed-compatible pb.Outliers/Detect (the
// server's own rule, indices only).

#include "rpc/client/outliers_client.h"

#include "core/detect/detector.h"

#include <optional>

namespace od::rpc {

struct DetectorCapabilities
{
    std::vector<MethodInfo> methods;
    std::string defaultMethod;
    long long maxMessageBytes = 0;
    long long maxStreamPoints = 0;
};

struct CapabilitiesResult
{
    RpcStatus status;
    // Empty with an OK status: the server does not offer outlierdesk.v1 (it answered UNIMPLEMENTED).
    std::optional<DetectorCapabilities> capabilities;
};

// Asks outlierdesk.v1.Detector/Capabilities. Blocks the calling thread; canceller may end it.
CapabilitiesResult detectorCapabilities(const std::shared_ptr<grpc::Channel>& channel,
    std::chrono::milliseconds deadline = std::chrono::seconds(10), CallCanceller* canceller = nullptr);

struct DetectorCallOptions
{
    // Nothing: the server's own rule (what its pb.Outliers/Detect runs).
    std::optional<DetectorParams> params;
    bool pointBand = false; // also fetch the per-point band, for methods that have one
    // The incident gap in points the server groups with; nothing: the server's default.
    std::optional<std::size_t> incidentGapPoints;
    // Values per DetectStream message: at most 18 bytes a point with its time, so about 300 KB,
    // under the smallest limit outlierd can be given (1 MiB).
    std::size_t chunkPoints = 16384;
    std::chrono::milliseconds deadline { 30'000 };
    CallCanceller* canceller = nullptr;
};

// outlierdesk.v1.Detector/DetectStream. Indices are into the series as loaded (missing points
// are sent and never flagged). Blocks the calling thread: call it from a worker.
RemoteDetection detectWithDetectorService(
    const std::shared_ptr<grpc::Channel>& channel, const Series& series, const DetectorCallOptions& options = {});

struct BestRemoteDetection
{
    RemoteDetection result;
    bool usedDetectorService = false; // false: pb.Outliers/Detect, options.params not applied
};

// Capabilities first; outlierdesk.v1 when offered, pb.Outliers/Detect when the server answers
// UNIMPLEMENTED. offered caches the answer across calls on the same channel: pass the same
// std::optional<bool> for each series (empty = not asked yet).
BestRemoteDetection detectRemoteBest(const std::shared_ptr<grpc::Channel>& channel, const Series& series,
    const DetectorCallOptions& options, std::optional<bool>* offered = nullptr);

} // namespace od::rpc
