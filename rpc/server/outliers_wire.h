#pragma once
// pb.OutliersRequest read straight from its wire bytes, keeping only what detection uses: the
// value of each metric, in order. A 100,000-metric request is 300,000 small objects when parsed
// as messages (metric, timestamp, name) and a few hundred microseconds when read this way.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace od::rpc {

// Appends each metric's value (0 when absent, as in proto3) to values and, when times is not
// null, its time in nanoseconds since the epoch (held at the ends of int64 for times beyond the
// years 1677 to 2262; a time sent twice is merged as protobuf merges it). Fields other than OutliersRequest.metrics,
// Metric.value and (when asked) Metric.time are skipped by their wire type, as a parser skips
// unknown fields; their contents are not checked. False with error set when the bytes are not a
// well-formed message.
bool readOutlierValues(
    std::string_view bytes, std::vector<double>& values, std::vector<std::int64_t>* times, std::string& error);

} // namespace od::rpc
