#include "core/csv/csv_layout.h"

#include "core/csv/number_parse.h"

#include <algorithm>

namespace od {
namespace {

    std::string lower(std::string_view s)
    {
        std::string out(s);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        }
        return out;
    }

    bool isTimeHeader(const std::string& h)
    {
        return h == "timestamp" || h == "time" || h == "date" || h == "datetime" || h == "ts";
    }

    bool isNameHeader(const std::string& h)
    {
        return h == "name" || h == "metric" || h == "series";
    }

    bool readsAsValue(std::string_view text)
    {
        double ignored = 0;
        const ValueKind kind = parseValue(text, ignored);
        return kind == ValueKind::Number || kind == ValueKind::Missing;
    }

} // namespace

char sniffDelimiter(std::string_view text)
{
    std::size_t start = 0;
    while (start < text.size() && (text[start] == '\n' || text[start] == '\r'))
        ++start;
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::size_t counts[3] = { 0, 0, 0 };
    bool quoted = false;
    for (std::size_t i = start; i < end; ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted)
            counts[0] += c == ',', counts[1] += c == ';', counts[2] += c == '\t';
    }
    if (counts[1] > counts[0] && counts[1] >= counts[2])
        return ';';
    if (counts[2] > counts[0] && counts[2] > counts[1])
        return '\t';
    return ',';
}

std::optional<CsvLayout> detectLayout(const std::vector<CsvField>& fields, TimeUnit epochUnit)
{
    CsvLayout layout;
    layout.width = fields.size();
    layout.hasHeader = fields.empty() || !parseTime(fields[0].text, epochUnit).has_value();
    if (layout.hasHeader) {
        std::vector<std::string> headers;
        headers.reserve(fields.size());
        for (const auto& f : fields)
            headers.push_back(lower(trimBlanks(f.text)));
        for (std::size_t i = 0; i < headers.size(); ++i) {
            if (isTimeHeader(headers[i])) {
                layout.timeColumn = i;
                break;
            }
        }
        for (std::size_t i = 0; i < headers.size(); ++i) {
            if (i != layout.timeColumn && isNameHeader(headers[i])) {
                layout.nameColumn = i;
                break;
            }
        }
        for (std::size_t i = 0; i < headers.size(); ++i) {
            if (i == layout.timeColumn || i == layout.nameColumn)
                continue;
            if (layout.longForm()) {
                // Long form has one value column: the one called "value", else the first.
                if (headers[i] == "value") {
                    layout.valueColumns.assign(1, i);
                    break;
                }
                if (layout.valueColumns.empty())
                    layout.valueColumns.push_back(i);
                continue;
            }
            layout.valueColumns.push_back(i);
            std::string name(trimBlanks(fields[i].text));
            layout.seriesNames.push_back(name.empty() ? "column" + std::to_string(i + 1) : std::move(name));
        }
    } else if (fields.size() == 3 && !readsAsValue(fields[1].text) && readsAsValue(fields[2].text)) {
        // No header: timestamp,name,value when the middle field is not a number.
        layout.nameColumn = 1;
        layout.valueColumns = { 2 };
    } else {
        for (std::size_t i = 1; i < fields.size(); ++i) {
            layout.valueColumns.push_back(i);
            layout.seriesNames.push_back(fields.size() == 2 ? "value" : "column" + std::to_string(i + 1));
        }
    }
    if (layout.valueColumns.empty())
        return std::nullopt;
    return layout;
}

} // namespace od
