#include "outliers_client.h"

#include "rpc/client/unary_wait.h"

#include <grpcpp/channel.h>

#include "pb/outliers.grpc.pb.h"

#include <cmath>

namespace od::rpc {

RemoteDetection detectRemote(
    const std::shared_ptr<grpc::Channel>& channel, const Series& series, const RemoteDetectOptions& options)
{
    // Missing points are not sent: the reference server would fold NaN into its mean and flag
    // nothing at all. positions maps request indices back to series indices.
    pb::OutliersRequest request;
    std::vector<std::size_t> positions;
    positions.reserve(series.size());
    request.mutable_metrics()->Reserve(static_cast<int>(series.size()));
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (std::isnan(series.values[i]))
            continue;
        pb::Metric* m = request.add_metrics();
        const std::int64_t ns = series.times[i];
        std::int64_t secs = ns / 1'000'000'000;
        std::int64_t nanos = ns % 1'000'000'000;
        if (nanos < 0) {
            nanos += 1'000'000'000;
            --secs;
        }
        m->mutable_time()->set_seconds(secs);
        m->mutable_time()->set_nanos(static_cast<std::int32_t>(nanos));
        m->set_name(series.name);
        m->set_value(series.values[i]);
        positions.push_back(i);
    }

    auto stub = pb::Outliers::NewStub(channel);
    grpc::ClientContext context;
    pb::OutliersResponse response;
    RemoteDetection out;
    out.detection.method = "remote";
    out.status = waitForUnary(context, options.deadline, options.canceller,
        [&](auto done) { stub->async()->Detect(&context, &request, &response, std::move(done)); });
    if (!out.status.ok())
        return out;
    std::int64_t previous = -1;
    for (const std::int32_t index : response.indices()) {
        if (index < 0 || static_cast<std::size_t>(index) >= positions.size() || index <= previous) {
            out.status = RpcStatus { grpc::StatusCode::INTERNAL,
                "the server answered index " + std::to_string(index) + ", which is not an ascending index into the "
                    + std::to_string(positions.size()) + " metrics sent" };
            out.detection.indices.clear();
            return out;
        }
        previous = index;
        out.detection.indices.push_back(positions[static_cast<std::size_t>(index)]);
    }
    return out;
}

} // namespace od::rpc
