#pragma once
// The columnar series every layer shares: a column of times, a vector of values.

#include "core/shared_column.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace od {

struct Series
{
    std::string name;
    // Nanoseconds since the Unix epoch, UTC, in file order (not necessarily sorted: real exports
    // have duplicate and backward timestamps, and we keep them as they are). The series of one
    // wide file share one column (see shared_column.h).
    SharedColumn<std::int64_t> times;
    // NaN marks a missing point: kept as a gap, never as zero, never an outlier.
    std::vector<double> values;

    std::size_t size() const { return values.size(); }
};

} // namespace od
