#include "detect_report.h"

#include "core/json_text.h"
#include "core/time_format.h"

#include <cmath>
#include <cstdio>

namespace od::cli {
namespace {

    std::string number(double v)
    {
        std::string s;
        appendJsonNumber(s, v);
        return s;
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
                out += ", \"threshold\": " + number(d.threshold);
            out += ", \"outliers\": [";
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                out += k ? ", " : "";
                out += "{\"index\": " + std::to_string(i) + ", \"time\": ";
                appendJsonString(out, formatIsoUtc(r.series->times[i]));
                out += ", \"value\": " + number(r.series->values[i]);
                if (d.hasScores())
                    out += ", \"score\": " + number(d.scores[k]);
                if (d.reasons.size() == d.indices.size()) { // the detector's own words (alarm)
                    out += ", \"reason\": ";
                    appendJsonString(out, d.reasons[k]);
                }
                out += "}";
            }
            out += "]}";
        }
        out += "]}\n";
        return out;
    }

    std::string csv(const std::vector<SeriesResult>& results)
    {
        std::string out = "series,index,time,value,score\n";
        for (const auto& r : results) {
            std::string name = r.series->name;
            if (name.find_first_of(",\"\n") != std::string::npos) {
                std::string quoted = "\"";
                for (char c : name)
                    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
                name = quoted + "\"";
            }
            const Detection& d = r.detection;
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                out += name + "," + std::to_string(i) + "," + formatIsoUtc(r.series->times[i]) + ","
                    + number(r.series->values[i]) + "," + (d.hasScores() ? number(d.scores[k]) : "") + "\n";
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
            out += "  index      time                      value          score\n";
            for (std::size_t k = 0; k < d.indices.size(); ++k) {
                const std::size_t i = d.indices[k];
                std::snprintf(line, sizeof line, "  %-10zu %-25s %-14.6g %s\n", i,
                    formatIsoUtc(r.series->times[i]).c_str(), r.series->values[i],
                    d.hasScores() ? std::to_string(d.scores[k]).c_str() : "-");
                out += line;
            }
        }
        return out;
    }

} // namespace

std::string formatReport(const std::vector<SeriesResult>& results, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Json:
        return json(results);
    case ReportFormat::Csv:
        return csv(results);
    case ReportFormat::Text:
        break;
    }
    return text(results);
}

} // namespace od::cli
