#pragma once
// greeter.Greeter/RecordMetrics on the callback API: streams a series' values, one write in
// flight at a time as the callback API requires, without copying the series.

#include "rpc/rpc_status.h"

#include "core/series.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace grpc {
class Channel;
}

namespace od::rpc {

struct UploadSummary
{
    RpcStatus status;
    std::int64_t count = 0; // as the server counted them
    double average = 0; // as the server computed it
    std::int64_t sent = 0; // values we sent (missing points are not sent)
};

class MetricsUpload
{
public:
    struct Callbacks
    {
        // Called on a gRPC thread now and then (about every 1% and at the end): values sent so far.
        std::function<void(std::int64_t sent, std::int64_t total)> progress;
        // Called once, last, on a gRPC thread.
        std::function<void(const UploadSummary&)> finished;
    };

    // Starts streaming series->values (NaN values are skipped). The series is shared, not
    // copied, and kept alive until finished has been called; so is the upload itself. A
    // positive deadline bounds the whole upload (DEADLINE_EXCEEDED after it); zero = none.
    static std::shared_ptr<MetricsUpload> start(const std::shared_ptr<grpc::Channel>& channel,
        std::shared_ptr<const Series> series, Callbacks callbacks,
        std::chrono::milliseconds deadline = std::chrono::milliseconds::zero());

    virtual ~MetricsUpload() = default;
    virtual void cancel() = 0; // thread-safe
};

} // namespace od::rpc
