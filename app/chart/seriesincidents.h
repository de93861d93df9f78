#pragma once
// The incidents of every series of a dataset, grouped once by core's rule, and the time spans
// the chart shades for them. The app's tables, its chart and `outlierctl render` take them from
// here, so every picture of a file groups its flags the same way.

#include "chart/dataset.h"

#include "core/detection.h"
#include "core/report/incidents.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

// One entry per series: (*result)[i] holds the incidents of detections[i] on dataset.series[i]
// (or on the first detections[i]'s worth of it: a followed file that grew since), under
// od::defaultIncidentRule of the series' times. Series without a detection get none.
using SeriesIncidents = std::vector<std::vector<od::Incident>>;
SeriesIncidents groupSeriesIncidents(const Dataset& dataset, const std::vector<od::Detection>& detections);
// Shared read-only: grouped once where the detection ran, then read by the GUI's tables and charts.
using SeriesIncidentsPtr = std::shared_ptr<const SeriesIncidents>;

// An incident as the chart shades it: a band from its first to its last flagged point.
struct IncidentSpan
{
    std::size_t series = 0; // position in the dataset
    std::int64_t startNs = 0; // UTC nanoseconds
    std::int64_t endNs = 0;
    bool acknowledged = false; // drawn greyed
};
// Shared read-only, like the detections: every chart of a stack shows the same list.
using IncidentSpansPtr = std::shared_ptr<const std::vector<IncidentSpan>>;

// The spans of incidents with times (every one of a series read from a file); none acknowledged.
std::vector<IncidentSpan> incidentSpans(const SeriesIncidents& incidents);
