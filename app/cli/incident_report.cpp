#include "incident_report.h"

#include "report_fields.h"

#include "core/report/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace od::cli {
namespace {

    // An incident's start or end time: as the grouping reported it (the server's, with --remote),
    // else the file's time of that point.
    std::optional<std::int64_t> timeOf(const SeriesResult& r, const std::optional<std::int64_t>& time, std::size_t i)
    {
        if (time)
            return time;
        if (i < r.series->times.size())
            return r.series->times[i];
        return std::nullopt;
    }

    std::string isoTime(const SeriesResult& r, const std::optional<std::int64_t>& time, std::size_t i)
    {
        const auto t = timeOf(r, time, i);
        return t ? formatIsoUtc(*t) : std::string();
    }

    // Why the detector flagged the peak, where the detection carries the scores to say it.
    std::string peakReason(const SeriesResult& r, const Incident& in)
    {
        const Detection& d = r.detection;
        if (!d.hasScores())
            return {};
        const auto it = std::lower_bound(d.indices.begin(), d.indices.end(), in.peakIndex);
        if (it == d.indices.end() || *it != in.peakIndex)
            return {};
        return explainOutlier(d, static_cast<std::size_t>(it - d.indices.begin()), in.peakValue);
    }

} // namespace

std::string incidentSummaryText(const SeriesResult& r)
{
    const std::size_t n = r.incidents.size();
    std::string out = "  " + std::to_string(n) + " incident" + (n == 1 ? "" : "s") + " (flags at most "
        + std::to_string(r.incidentGapPoints) + " points apart join one):\n";
    if (n == 0)
        return out;
    out += "  start                     duration    points   peak value     score      why\n";
    char line[160];
    for (const auto& in : r.incidents) {
        const auto start = timeOf(r, in.startTime, in.startIndex);
        const auto end = timeOf(r, in.endTime, in.endIndex);
        const std::string duration = start && end ? formatDuration(*end - *start) : "-";
        std::snprintf(line, sizeof line, "  %-25s %-11s %-8zu %-14s %-10s",
            isoTime(r, in.startTime, in.startIndex).c_str(), duration.c_str(), in.points,
            formatNumber(in.peakValue).c_str(), std::isnan(in.peakScore) ? "-" : formatNumber(in.peakScore).c_str());
        out += line;
        const std::string why = peakReason(r, in);
        out += why.empty() ? std::string() : " " + why;
        // No trailing blanks when there is no reason to print.
        out.erase(out.find_last_not_of(' ') + 1);
        out += "\n";
    }
    return out;
}

void appendIncidentsJson(std::string& out, const SeriesResult& r)
{
    out += ", \"incident_gap_points\": " + std::to_string(r.incidentGapPoints) + ", \"incidents\": [";
    bool first = true;
    for (const auto& in : r.incidents) {
        out += first ? "{" : ", {";
        first = false;
        out += "\"start_index\": " + std::to_string(in.startIndex) + ", \"end_index\": " + std::to_string(in.endIndex)
            + ", \"start\": ";
        appendJsonString(out, isoTime(r, in.startTime, in.startIndex));
        out += ", \"end\": ";
        appendJsonString(out, isoTime(r, in.endTime, in.endIndex));
        out += ", \"peak_index\": " + std::to_string(in.peakIndex) + ", \"peak_value\": " + jsonNumber(in.peakValue);
        if (!std::isnan(in.peakScore))
            out += ", \"peak_score\": " + jsonNumber(in.peakScore);
        out += ", \"points\": " + std::to_string(in.points) + "}";
    }
    out += "]";
}

std::string incidentsCsv(const std::vector<SeriesResult>& results)
{
    std::string out = "series,start_index,end_index,start,end,peak_index,peak_value,peak_score,points\n";
    for (const auto& r : results) {
        const std::string name = csvField(r.series->name);
        for (const auto& in : r.incidents) {
            out += name + "," + std::to_string(in.startIndex) + "," + std::to_string(in.endIndex) + ","
                + isoTime(r, in.startTime, in.startIndex) + "," + isoTime(r, in.endTime, in.endIndex) + ","
                + std::to_string(in.peakIndex) + "," + jsonNumber(in.peakValue) + ","
                + (std::isnan(in.peakScore) ? "" : jsonNumber(in.peakScore)) + "," + std::to_string(in.points) + "\n";
        }
    }
    return out;
}

} // namespace od::cli
