#include "csv_block.h"

#include "number_parse.h"
#include "time_format.h"

namespace od {
namespace {

    // Long-form files rarely hold more series than this; up to here a scan beats hashing.
    constexpr std::size_t kScanLimit = 16;

    // A short, printable piece of a bad field for a message: control bytes (NUL, escapes from a
    // binary file) would garble a terminal.
    std::string excerptOf(std::string_view text)
    {
        constexpr std::size_t kMax = 40;
        std::string out;
        for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            out += c < 0x20 || c == 0x7F ? '?' : static_cast<char>(c);
        }
        if (text.size() > kMax)
            out += "...";
        return out;
    }

} // namespace

void CsvBlock::clear()
{
    ids.clear();
    names.clear();
    times.clear();
    values.clear();
    rows = 0;
    skipped = 0;
    firstSkipped.clear();
    fatal.reset();
    consumed = 0;
    lines = 0;
    stop = false;
}

CsvBlockParser::CsvBlockParser(
    const CsvLayout& layout, const CsvOptions& options, const std::string& source, char delimiter)
    : m_layout(layout)
    , m_options(options)
    , m_source(source)
    , m_splitter(delimiter)
    , m_times(options.timeUnit)
    , m_rowValues(layout.valueColumns.size())
{ }

void CsvBlockParser::parse(std::string_view text, bool atEnd, std::int64_t firstLine, CsvBlock& out)
{
    out.clear();
    m_ids.clear();
    m_lastId = 0;
    std::size_t pos = 0;
    std::int64_t line = firstLine;
    while (pos < text.size()) {
        const SplitStatus status = m_splitter.next(text, pos, atEnd, m_row);
        if (status == SplitStatus::NeedMore)
            break;
        if (status == SplitStatus::Unterminated) {
            reject(out, line, m_splitter.errorColumn(), "unterminated quoted field");
            out.stop = true;
            line += m_row.newlines;
            break;
        }
        const std::int64_t rowLine = line;
        line += m_row.newlines;
        if (m_row.blank())
            continue;
        handleRow(rowLine, out);
        if (out.fatal)
            break;
    }
    out.consumed = pos;
    out.lines = line - firstLine;
}

void CsvBlockParser::reject(CsvBlock& out, std::int64_t line, std::uint32_t column, std::string_view what,
    std::string_view excerpt, std::string_view why)
{
    if (!m_options.strict && out.firstSkipped.size() >= m_options.maxReportedSkips) {
        ++out.skipped;
        return;
    }
    std::string message(what);
    if (excerpt.data()) {
        message += " '";
        message += excerptOf(excerpt);
        message += "'";
    }
    if (!why.empty()) {
        message += " (";
        message += why;
        message += ")";
    }
    Error e { std::move(message), m_source, static_cast<int>(line), static_cast<int>(column) };
    if (m_options.strict) {
        out.fatal = std::move(e);
        return;
    }
    ++out.skipped;
    out.firstSkipped.push_back(std::move(e));
}

std::uint32_t CsvBlockParser::seriesIndex(std::string_view name, CsvBlock& out)
{
    const std::size_t n = out.names.size();
    // Exports list the series in a fixed order row after row: the last one or the one after it
    // is nearly always the match.
    if (n > 0) {
        if (out.names[m_lastId] == name)
            return m_lastId;
        const std::uint32_t next = m_lastId + 1 < n ? m_lastId + 1 : 0;
        if (out.names[next] == name)
            return m_lastId = next;
    }
    if (n <= kScanLimit) {
        for (std::uint32_t i = 0; i < n; ++i) {
            if (out.names[i] == name)
                return m_lastId = i;
        }
    } else if (const auto it = m_ids.find(name); it != m_ids.end()) {
        return m_lastId = it->second;
    }
    const auto id = static_cast<std::uint32_t>(n);
    out.names.emplace_back(name);
    if (n + 1 > kScanLimit) {
        if (m_ids.empty()) {
            for (std::uint32_t i = 0; i < n; ++i)
                m_ids.emplace(out.names[i], i);
        }
        m_ids.emplace(out.names.back(), id);
    }
    return m_lastId = id;
}

void CsvBlockParser::handleRow(std::int64_t line, CsvBlock& out)
{
    const auto& fields = m_row.fields;
    if (fields.size() != m_layout.width) {
        const std::string what
            = "expected " + std::to_string(m_layout.width) + " fields, found " + std::to_string(fields.size());
        const std::uint32_t column = fields.size() > m_layout.width
            ? fields[m_layout.width].column
            : fields.back().column + static_cast<std::uint32_t>(fields.back().text.size());
        reject(out, line, column, what);
        return;
    }
    const CsvField& timeField = fields[m_layout.timeColumn];
    const auto time = m_times(timeField.text);
    if (!time) {
        reject(out, line, timeField.column, "cannot read time", timeField.text,
            "expected ISO 8601 or Unix epoch seconds/milliseconds");
        return;
    }
    const std::size_t count = m_layout.valueColumns.size();
    for (std::size_t k = 0; k < count; ++k) {
        const CsvField& f = fields[m_layout.valueColumns[k]];
        switch (parseValue(f.text, m_rowValues[k])) {
        case ValueKind::Number:
        case ValueKind::Missing:
            break;
        case ValueKind::Unreadable:
            reject(out, line, f.column, "cannot read value", f.text);
            return;
        case ValueKind::Infinite:
            reject(out, line, f.column, "cannot read value", f.text, "infinite or too large for a double");
            return;
        }
    }
    if (m_layout.longForm())
        out.ids.push_back(seriesIndex(trimBlanks(fields[m_layout.nameColumn].text), out));
    out.times.push_back(*time);
    out.values.insert(out.values.end(), m_rowValues.begin(), m_rowValues.end());
    ++out.rows;
}

} // namespace od
