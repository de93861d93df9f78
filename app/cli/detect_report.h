#pragma once
// Writes the result of `outlierctl detect` as text, JSON (CONTRACT.md section 2) or CSV.

#include "core/detection.h"
#include "core/series.h"

#include <string>
#include <vector>

namespace od::cli {

struct SeriesResult
{
    const Series* series;
    Detection detection;
};

enum class ReportFormat { Text, Json, Csv };

std::string formatReport(const std::vector<SeriesResult>& results, ReportFormat format);

} // namespace od::cli
