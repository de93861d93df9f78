#include "detect_report.h"

#include "incident_report.h"
#include "report_fields.h"

#include "core/report/explain.h"

#include <cmath>
#include <cstdio>
#include <vector>

namespace od::cli {
namespace {

    // `, "parameters": {...}`: the method's own knobs as it ran, so a report can be repeated.
    // The window is the effective one; a period of null was inferred from the timestamps.
    void appendParametersJson(std::string& out, const DetectorParams& p)
    {
        out += ", \"parameters\": {\"threshold\": " + jsonNumber(p.threshold);
        const MethodInfo* info = findMethod(p.method);
        for (const ParamInfo& param : info ? info->params : std::vector<ParamInfo>()) {
            std::string value;
            if (param.key == "window")
                value = std::to_string(effectiveWindow(p));
            else if (param.key == "period")
                value = p.period > 0 ? std::to_string(p.period) : std::string("null");
            else if (param.key == "max_anoms")
                value = jsonNumber(p.maxAnoms);
            else
                continue; // a knob DetectorParams does not hold
            out += ", ";
            appendJsonString(out, param.key);
            out += ": " + value;
        }
        if (p.method == "esd")
            out += std::string(", \"direction\": \"")
                + (p.direction == Direction::Up          ? "up"
                        : p.direction == Direction::Down ? "down"
                                                         : "both")
                + "\"";
        out += "}";
    }

    // The band at each flag of a detection that works its band out again (BandDetail::Replayed)
    // rather than keeping it at every point: worked out here in one pass over the flags.
    struct FlagBand
    {
        std::vector<double> lower, upper;
    };
    FlagBand flagBandOf(const Detection& d, const Series& s)
    {
        FlagBand band;
        if (d.hasBandPerPoint() || !d.bandReplay)
            return band;
        band.lower.resize(d.indices.size());
        band.upper.resize(d.indices.size());
        d.bandReplay->fillAt(s.values, d.indices, band.lower.data(), band.upper.data());
        return band;
    }

    // `, "band": {"lower", "centre", "upper"}`: what the k-th flag, point i, was judged against,
    // where known.
    void appendBandJson(std::string& out, const Detection& d, const FlagBand& flagBand, std::size_t k, std::size_t i)
    {
        const bool perPoint = d.hasBandPerPoint() && i < d.bandLower.size() && i < d.bandUpper.size();
        const bool replayed = k < flagBand.lower.size();
        double lower = perPoint ? d.bandLower[i] : d.lower;
        double upper = perPoint ? d.bandUpper[i] : d.upper;
        double centre = perPoint ? d.centreAt(i) : d.centre;
        if (replayed) {
            lower = flagBand.lower[k];
            upper = flagBand.upper[k];
            centre = d.flagCentre(k, lower, upper);
        }
        if (!std::isfinite(lower) && !std::isfinite(upper))
            return;
        out += ", \"band\": {\"lower\": " + jsonNumber(lower) + ", \"centre\": " + jsonNumber(centre)
            + ", \"upper\": " + jsonNumber(upper) + "}";
    }

    std::string json(const std::vector<SeriesResult>& results)
    {
        std::string out = "{\"series\": [";
        bool firstSeries = true;
        for (const auto& r : results) {
            const Detection& d = r.detection;
            out += firstSeries ? "" : ", ";
            firstSeries = false;
            out += "{\"name\": ";
            appendJsonString(out, r.series->name);
            out += ", \"points\": " + std::to_string(r.series->size()) + ", \"method\": ";
            appendJsonString(out, d.method);
            if (std::isfinite(d.threshold)) // a remote server does not say what it judged against
                out += ", \"threshold\": " + jsonNumber(d.threshold);
            if (r.params)
                appendParametersJson(out, *r.params);
            out += ", \"outliers\": [";
            const FlagBand flagBand = flagBandOf(d, *r.series);
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                out += k ? ", " : "";
                out += "{\"index\": " + std::to_string(i) + ", \"time\": ";
                appendJsonString(out, isoTimeAt(*r.series, i));
                out += ", \"value\": " + jsonNumber(r.series->values[i]);
                if (d.hasScores())
                    out += ", \"score\": " + jsonNumber(d.scores[k]);
                if (d.reasons.size() == d.indices.size()) { // the detector's own words (alarm)
                    out += ", \"reason\": ";
                    appendJsonString(out, d.reasons[k]);
                }
                appendBandJson(out, d, flagBand, k, i);
                // The sentence the app's Why column shows, for every method.
                out += ", \"why\": ";
                appendJsonString(out, explainOutlier(d, k, r.series->values[i]));
                out += "}";
            }
            out += "]";
            appendIncidentsJson(out, r);
            out += "}";
        }
        out += "]}\n";
        return out;
    }

    std::string csv(const std::vector<SeriesResult>& results)
    {
        std::string out = "series,index,time,value,score\n";
        for (const auto& r : results) {
            const std::string name = csvField(r.series->name);
            const Detection& d = r.detection;
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                out += name + "," + std::to_string(i) + "," + isoTimeAt(*r.series, i) + ","
                    + jsonNumber(r.series->values[i]) + "," + (d.hasScores() ? jsonNumber(d.scores[k]) : "") + "\n";
            }
        }
        return out;
    }

    std::string text(const std::vector<SeriesResult>& results)
    {
        std::string out;
        char line[256];
        for (const auto& r : results) {
            const Detection& d = r.detection;
            char rule[96];
            if (std::isfinite(d.threshold))
                std::snprintf(rule, sizeof rule, "%s, threshold %g", d.method.c_str(), d.threshold);
            else
                std::snprintf(rule, sizeof rule, "%s", d.method.c_str());
            std::snprintf(line, sizeof line, "%s: %zu points, %zu outlier%s (%s)\n", r.series->name.c_str(),
                r.series->size(), d.indices.size(), d.indices.size() == 1 ? "" : "s", rule);
            out += line;
            if (d.indices.empty())
                continue;
            // The incidents first: they are what an engineer acts on; the points follow.
            out += incidentSummaryText(r);
            out += "  index      time                      value          score\n";
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                std::snprintf(line, sizeof line, "  %-10zu %-25s %-14.6g %s\n", i, isoTimeAt(*r.series, i).c_str(),
                    r.series->values[i], d.hasScores() ? std::to_string(d.scores[k]).c_str() : "-");
                out += line;
            }
        }
        return out;
    }

} // namespace

std::string formatReport(const std::vector<SeriesResult>& results, ReportFormat format, CsvRows csvRows)
{
    switch (format) {
    case ReportFormat::Json:
        return json(results);
    case ReportFormat::Csv:
        return csvRows == CsvRows::Incidents ? incidentsCsv(results) : csv(results);
    case ReportFormat::Text:
        break;
    }
    return text(results);
}

} // namespace od::cli
