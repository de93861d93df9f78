#pragma once
// The field formats every outlierctl report shares, so outliers and incidents read alike.

#include "core/csv/time_format.h"
#include "core/report/json_text.h"
#include "core/series.h"

#include <cstddef>
#include <string>

namespace od::cli {

// A JSON number that reads back exactly (null when not finite).
inline std::string jsonNumber(double v)
{
    std::string s;
    appendJsonNumber(s, v);
    return s;
}

// A CSV field, quoted per RFC 4180 where it needs it.
inline std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// The ISO 8601 UTC time of point i, or "" when the series has no time for it.
inline std::string isoTimeAt(const Series& series, std::size_t i)
{
    return i < series.times.size() ? formatIsoUtc(series.times[i]) : std::string();
}

} // namespace od::cli
