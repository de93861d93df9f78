#include "csv_reader.h"

#include "time_format.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <unordered_map>

namespace od {
namespace {

    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    struct Field
    {
        std::string_view text;
        int column; // 1-based character column where the field starts
    };

    // Splits text into rows of fields, RFC 4180 style. Quoted fields with doubled quotes are
    // unescaped into per-row scratch storage so the views stay valid until the next row.
    class RowSplitter
    {
    public:
        RowSplitter(std::string_view text, char delimiter)
            : m_text(text)
            , m_delim(delimiter)
        { }

        // Returns false at end of input. line is the 1-based line the row starts on.
        // error is set (and the row's remaining text skipped) for an unterminated quote.
        bool next(std::vector<Field>& fields, int& line, std::string& error, int& errorColumn)
        {
            fields.clear();
            error.clear();
            m_scratch.clear();
            m_scratch.reserve(64);
            if (m_pos >= m_text.size())
                return false;
            line = m_line;
            const std::size_t lineStart = m_pos;
            while (true) {
                const int column = static_cast<int>(m_pos - lineStart) + 1;
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    // Quoted field: may contain delimiters, newlines and doubled quotes.
                    std::size_t p = m_pos + 1;
                    std::string value;
                    bool closed = false;
                    while (p < m_text.size()) {
                        const char c = m_text[p];
                        if (c == '"') {
                            if (p + 1 < m_text.size() && m_text[p + 1] == '"') {
                                value += '"';
                                p += 2;
                                continue;
                            }
                            closed = true;
                            ++p;
                            break;
                        }
                        if (c == '\n')
                            ++m_line;
                        value += c;
                        ++p;
                    }
                    if (!closed) {
                        error = "unterminated quoted field";
                        errorColumn = column;
                        m_pos = m_text.size();
                        return true;
                    }
                    m_scratch.push_back(std::move(value));
                    fields.push_back({ {}, column });
                    m_pos = p;
                    // Anything between the closing quote and the delimiter is kept verbatim.
                    while (m_pos < m_text.size() && m_text[m_pos] != m_delim && m_text[m_pos] != '\n'
                        && m_text[m_pos] != '\r')
                        ++m_pos;
                } else {
                    std::size_t end = m_pos;
                    while (end < m_text.size() && m_text[end] != m_delim && m_text[end] != '\n')
                        ++end;
                    std::string_view f = m_text.substr(m_pos, end - m_pos);
                    if (!f.empty() && f.back() == '\r' && (end == m_text.size() || m_text[end] == '\n'))
                        f.remove_suffix(1);
                    fields.push_back({ f, column });
                    m_pos = end;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == m_delim) {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '\r')
                    ++m_pos;
                if (m_pos < m_text.size() && m_text[m_pos] == '\n')
                    ++m_pos;
                ++m_line;
                break;
            }
            // Point quoted fields at their unescaped text now that m_scratch will not grow.
            std::size_t q = 0;
            for (auto& f : fields) {
                if (f.text.data() == nullptr && q < m_scratch.size())
                    f.text = m_scratch[q++];
            }
            return true;
        }

        std::size_t position() const { return m_pos; }

    private:
        std::string_view m_text;
        char m_delim;
        std::size_t m_pos = 0;
        int m_line = 1;
        std::vector<std::string> m_scratch;
    };

    std::string lower(std::string_view s)
    {
        std::string out(s);
        for (char& c : out)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }

    std::string_view trim(std::string_view s)
    {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
            s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.remove_suffix(1);
        return s;
    }

    bool isTimeHeader(const std::string& h)
    {
        return h == "timestamp" || h == "time" || h == "date" || h == "datetime" || h == "ts";
    }
    bool isNameHeader(const std::string& h)
    {
        return h == "name" || h == "metric" || h == "series";
    }

    bool isMissing(std::string_view v)
    {
        if (v.empty())
            return true;
        const std::string l = lower(v);
        return l == "nan" || l == "null" || l == "na" || l == "n/a" || l == "none";
    }

    // Missing -> NaN; a number -> its value; anything else -> nullopt.
    std::optional<double> parseValue(std::string_view raw)
    {
        const std::string_view v = trim(raw);
        if (isMissing(v))
            return kNaN;
        std::string_view num = v;
        if (!num.empty() && num.front() == '+')
            num.remove_prefix(1);
        double out = 0;
        const auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), out);
        if (ptr != num.data() + num.size())
            return std::nullopt;
        if (ec == std::errc::result_out_of_range)
            return std::nullopt;
        if (ec != std::errc())
            return std::nullopt;
        return out;
    }

    // The delimiter that appears most often outside quotes on the first non-blank line.
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

    bool blankRow(const std::vector<Field>& fields)
    {
        return fields.size() == 1 && trim(fields[0].text).empty();
    }

    class Reader
    {
    public:
        Reader(const std::string& source, const CsvOptions& options)
            : m_source(source)
            , m_options(options)
        { }

        // Records a bad row; returns an Error to stop with in strict mode.
        std::optional<Error> skip(int line, int column, std::string reason)
        {
            Error e { std::move(reason), m_source, line, column };
            if (m_options.strict)
                return e;
            ++m_data.skipped;
            if (m_data.firstSkipped.size() < m_options.maxReportedSkips)
                m_data.firstSkipped.push_back(std::move(e));
            return std::nullopt;
        }

        Result<CsvData> run(std::string_view text, const ReadControl& control);

    private:
        const std::string& m_source;
        const CsvOptions& m_options;
        CsvData m_data;
    };

    Result<CsvData> Reader::run(std::string_view text, const ReadControl& control)
    {
        if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF
            && static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
            text.remove_prefix(3);
        const char delim = sniffDelimiter(text);
        RowSplitter rows(text, delim);
        std::vector<Field> fields;
        int line = 0;
        std::string splitError;
        int splitErrorColumn = 0;

        // First non-blank row: a header, or already data when its first field reads as a time.
        bool haveFirst = false;
        while (rows.next(fields, line, splitError, splitErrorColumn)) {
            if (!splitError.empty())
                return Error { splitError, m_source, line, splitErrorColumn };
            if (!blankRow(fields)) {
                haveFirst = true;
                break;
            }
        }
        if (!haveFirst)
            return Error { "the file is empty: expected a header such as timestamp,value and data rows", m_source };

        const bool hasHeader = !parseTime(fields[0].text).has_value();
        std::size_t timeCol = 0;
        std::optional<std::size_t> nameCol;
        std::vector<std::size_t> valueCols;
        std::vector<std::string> names;
        if (hasHeader) {
            std::vector<std::string> headers;
            for (const auto& f : fields)
                headers.push_back(lower(trim(f.text)));
            for (std::size_t i = 0; i < headers.size(); ++i) {
                if (isTimeHeader(headers[i])) {
                    timeCol = i;
                    break;
                }
            }
            for (std::size_t i = 0; i < headers.size(); ++i) {
                if (i != timeCol && isNameHeader(headers[i])) {
                    nameCol = i;
                    break;
                }
            }
            for (std::size_t i = 0; i < headers.size(); ++i) {
                if (i == timeCol || (nameCol && i == *nameCol))
                    continue;
                if (nameCol && headers[i] != "value" && !valueCols.empty())
                    continue;
                if (nameCol && headers[i] == "value")
                    valueCols.clear();
                valueCols.push_back(i);
                names.emplace_back(trim(fields[i].text));
                if (names.back().empty())
                    names.back() = "column" + std::to_string(i + 1);
            }
            if (nameCol && valueCols.size() > 1)
                valueCols.resize(1);
        } else {
            // No header: timestamp,name,value when the middle field is not a number.
            if (fields.size() == 3 && !parseValue(fields[1].text) && parseValue(fields[2].text)) {
                nameCol = 1;
                valueCols = { 2 };
            } else {
                for (std::size_t i = 1; i < fields.size(); ++i) {
                    valueCols.push_back(i);
                    names.push_back(fields.size() == 2 ? "value" : "column" + std::to_string(i + 1));
                }
            }
        }
        if (valueCols.empty())
            return Error { "no value column: expected a header such as timestamp,value or timestamp,name,value",
                m_source, line, 1 };

        const std::size_t width = fields.size();
        std::unordered_map<std::string, std::size_t> seriesByName;
        if (!nameCol) {
            for (const auto& n : names)
                m_data.series.push_back(Series { n, {}, {} });
        }

        auto handleRow = [&]() -> std::optional<Error> {
            if (fields.size() != width) {
                return skip(line, fields.empty() ? 1 : fields.back().column,
                    "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
            }
            const auto t = parseTime(fields[timeCol].text);
            if (!t) {
                return skip(line, fields[timeCol].column,
                    "cannot read time '" + std::string(fields[timeCol].text.substr(0, 40))
                        + "' (expected ISO 8601 or Unix epoch seconds/milliseconds)");
            }
            if (nameCol) {
                const auto v = parseValue(fields[valueCols[0]].text);
                if (!v) {
                    return skip(line, fields[valueCols[0]].column,
                        "cannot read value '" + std::string(fields[valueCols[0]].text.substr(0, 40)) + "'");
                }
                const std::string name(trim(fields[*nameCol].text));
                auto [it, inserted] = seriesByName.try_emplace(name, m_data.series.size());
                if (inserted)
                    m_data.series.push_back(Series { name, {}, {} });
                Series& s = m_data.series[it->second];
                s.times.push_back(*t);
                s.values.push_back(*v);
            } else {
                // Check the whole row before appending, so a bad cell never leaves series of
                // unequal length behind.
                double parsed[64];
                std::vector<double> many;
                double* out = parsed;
                if (valueCols.size() > 64) {
                    many.resize(valueCols.size());
                    out = many.data();
                }
                for (std::size_t k = 0; k < valueCols.size(); ++k) {
                    const auto v = parseValue(fields[valueCols[k]].text);
                    if (!v) {
                        return skip(line, fields[valueCols[k]].column,
                            "cannot read value '" + std::string(fields[valueCols[k]].text.substr(0, 40)) + "'");
                    }
                    out[k] = *v;
                }
                for (std::size_t k = 0; k < valueCols.size(); ++k) {
                    m_data.series[k].times.push_back(*t);
                    m_data.series[k].values.push_back(out[k]);
                }
            }
            ++m_data.rows;
            return std::nullopt;
        };

        if (!hasHeader) {
            if (auto e = handleRow())
                return *e;
        }
        std::size_t nextReport = 4u << 20;
        while (rows.next(fields, line, splitError, splitErrorColumn)) {
            if (!splitError.empty()) {
                if (auto e = skip(line, splitErrorColumn, splitError))
                    return *e;
                break;
            }
            if (blankRow(fields))
                continue;
            if (auto e = handleRow())
                return *e;
            if (rows.position() >= nextReport) {
                nextReport = rows.position() + (4u << 20);
                if (control.cancel && control.cancel->load(std::memory_order_relaxed))
                    return Error { "cancelled", m_source };
                if (control.progress)
                    control.progress(rows.position(), text.size());
            }
        }
        if (m_data.rows == 0 && m_data.skipped == 0)
            return Error { "no data rows after the header", m_source, line + 1, 1 };
        if (control.progress)
            control.progress(text.size(), text.size());
        return std::move(m_data);
    }

} // namespace

Result<CsvData> parseCsv(
    std::string_view text, const std::string& sourceName, const CsvOptions& options, const ReadControl& control)
{
    Reader reader(sourceName, options);
    return reader.run(text, control);
}

Result<CsvData> readCsvFile(const std::string& path, const CsvOptions& options, const ReadControl& control)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error { std::string("cannot open the file: ") + std::strerror(errno), path };
    std::string text;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0)
        return Error { "cannot read the file", path };
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0, std::ios::beg);
    in.read(text.data(), size);
    if (!in)
        return Error { "cannot read the file", path };
    return parseCsv(text, path, options, control);
}

} // namespace od
