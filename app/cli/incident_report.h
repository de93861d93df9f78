#pragma once
// The incidents part of `outlierctl detect`'s reports: the text summary that leads each series,
// the JSON "incidents" of CONTRACT.md section 2, and the rows of `--csv-rows incidents`.

#include "detect_report.h"

#include <string>
#include <vector>

namespace od::cli {

// One line per incident (start, duration, flagged points, peak value and score, and why the
// detector flagged the peak where it can say), under a line naming the gap rule.
std::string incidentSummaryText(const SeriesResult& result);

// Appends `, "incident_gap_points": N, "incidents": [...]` to a series' JSON object. Times are
// ISO 8601 UTC; peak_score is left out when the scores are unknown (a pb.Outliers answer).
void appendIncidentsJson(std::string& out, const SeriesResult& result);

// A header and one row per incident of every series:
// series,start_index,end_index,start,end,peak_index,peak_value,peak_score,points
std::string incidentsCsv(const std::vector<SeriesResult>& results);

} // namespace od::cli
