#pragma once
// greeter.Greeter/RecordMetrics: the count and the mean of every value the client streams, 0 and
// 0 for an empty stream (the reference semantics).

#include "greeter/greeter.grpc.pb.h"

namespace od::rpc {

// Returns a reactor that owns itself until OnDone and answers into summary when the client
// half-closes. The sum is kept in long double, so a long stream of large values keeps its mean.
grpc::ServerReadReactor<greeter::Metric>* startMetricsRecorder(greeter::MetricSummary* summary);

} // namespace od::rpc
