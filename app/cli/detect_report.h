#pragma once
// Writes the result of `outlierctl detect` as text, JSON (CONTRACT.md section 2) or CSV.

#include "core/detect/detector.h"
#include "core/detection.h"
#include "core/report/incidents.h"
#include "core/series.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace od::cli {

struct SeriesResult
{
    const Series* series;
    Detection detection;
    // The flags grouped into incidents, with the gap (in points) they were grouped with.
    std::vector<Incident> incidents;
    std::size_t incidentGapPoints = kIncidentGapPoints;
    // The parameters it was judged with; none when a remote server applied its own rule.
    std::optional<DetectorParams> params;
};

enum class ReportFormat { Text, Json, Csv };
// What one CSV row is: a flagged point (the default, as before incidents) or an incident.
enum class CsvRows { Outliers, Incidents };

std::string formatReport(
    const std::vector<SeriesResult>& results, ReportFormat format, CsvRows csvRows = CsvRows::Outliers);

} // namespace od::cli
