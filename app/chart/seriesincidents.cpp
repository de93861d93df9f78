#include "chart/seriesincidents.h"

#include <algorithm>
#include <span>

SeriesIncidents groupSeriesIncidents(const Dataset& dataset, const std::vector<od::Detection>& detections)
{
    SeriesIncidents out(dataset.series.size());
    const std::size_t n = std::min(dataset.series.size(), detections.size());
    for (std::size_t i = 0; i < n; ++i) {
        const od::Series& s = dataset.series[i];
        const std::span<const std::int64_t> times(s.times);
        out[i] = od::groupIncidents(detections[i], s.values, times, od::defaultIncidentRule(times));
    }
    return out;
}

std::vector<IncidentSpan> incidentSpans(const SeriesIncidents& incidents)
{
    std::vector<IncidentSpan> spans;
    for (std::size_t s = 0; s < incidents.size(); ++s) {
        for (const od::Incident& in : incidents[s]) {
            if (in.startTime && in.endTime)
                spans.push_back({ s, *in.startTime, *in.endTime, false });
        }
    }
    return spans;
}
