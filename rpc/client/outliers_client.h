#pragma once
// Client of pb.Outliers/Detect, the seed-compatible detector service.

#include "rpc/rpc_status.h"

#include "core/detection.h"
#include "core/series.h"

#include <chrono>
#include <memory>

namespace grpc {
class Channel;
}

namespace od::rpc {

class CallCanceller;

struct RemoteDetectOptions
{
    std::chrono::milliseconds deadline { 30'000 };
    CallCanceller* canceller = nullptr; // optional, lets another thread cancel the call
};

struct RemoteDetection
{
    RpcStatus status;
    // Indices are into the series (NaN points are not sent and so never flagged). Scores and
    // band are left empty: the reference server returns indices only.
    Detection detection;
};

// Sends one series to pb.Outliers/Detect and waits for the answer. Blocks the calling thread:
// call it from a worker, never from a GUI thread.
RemoteDetection detectRemote(
    const std::shared_ptr<grpc::Channel>& channel, const Series& series, const RemoteDetectOptions& options = {});

} // namespace od::rpc
