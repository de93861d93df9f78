#pragma once
// Client of pb.Outliers/Detect, the seed-compatible detector service.

#include "rpc/rpc_status.h"

#include "core/detection.h"
#include "core/report/incidents.h"
#include "core/series.h"

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

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
    // The server's own grouping of the flags, where it sent one (outlierdesk.v1 servers that
    // group); empty otherwise (pb.Outliers, older servers): group locally then.
    std::optional<std::vector<Incident>> incidents;
    IncidentRule incidentRule; // the rule the server grouped with, when incidents is set
};

// Sends one series to pb.Outliers/Detect and waits for the answer. Blocks the calling thread:
// call it from a worker, never from a GUI thread.
RemoteDetection detectRemote(
    const std::shared_ptr<grpc::Channel>& channel, const Series& series, const RemoteDetectOptions& options = {});

} // namespace od::rpc
