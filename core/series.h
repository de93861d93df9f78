#pragma once
// The columnar series every layer shares: one vector of times, one of values.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace od {

struct Series
{
    std::string name;
    // Nanoseconds since the Unix epoch, UTC, in file order (not necessarily sorted: real exports
    // have duplicate and backward timestamps, and we keep them as they are).
    std::vector<std::int64_t> times;
    // NaN marks a missing point: kept as a gap, never as zero, never an outlier.
    std::vector<double> values;

    std::size_t size() const { return values.size(); }
};

} // namespace od
