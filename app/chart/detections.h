#pragma once
// One run's detections, one per series, shared read-only: for big series the per-point bands
// are hundreds of megabytes, and the table, the chart and the dock must not each copy them.

#include "core/detection.h"

#include <memory>
#include <vector>

using DetectionsPtr = std::shared_ptr<const std::vector<od::Detection>>;
