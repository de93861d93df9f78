#include "core/csv/csv_block.h"

#include "core/csv/separator_scan.h"
#include "core/csv/time_format.h"

#include <optional>

namespace od {
namespace {

    // Long-form files rarely hold more series than this; up to here a scan beats hashing.
    constexpr std::size_t kScanLimit = 16;

    // A quoted field that crosses line breaks and runs longer than this is taken for a runaway
    // quote: no metric export holds a megabyte of text in one cell, and without a bound one
    // stray quote would make the reader hold the rest of the file as a single row.
    constexpr std::size_t kMaxQuotedSpanBytes = 1u << 20;

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

    // name == text for the short names of a long-form file, without a call to memcmp per row.
    bool sameName(const std::string& name, std::string_view text)
    {
        if (name.size() != text.size())
            return false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (name[i] != text[i])
                return false;
        }
        return true;
    }

} // namespace

void CsvBlock::clear()
{
    ids.clear();
    names.clear();
    times.clear();
    for (auto& c : columns)
        c.clear();
    rows = 0;
    skipped = 0;
    blankLines = 0;
    continuationLines = 0;
    firstSkipped.clear();
    fatal.reset();
    consumed = 0;
    lines = 0;
    direct = nullptr;
    directIds.clear();
    directTimes.clear();
}

CsvBlockParser::CsvBlockParser(
    const CsvLayout& layout, const CsvOptions& options, const std::string& source, char delimiter)
    : m_layout(layout)
    , m_options(options)
    , m_source(source)
    , m_delimiter(delimiter)
    , m_splitter(delimiter)
    , m_probe(delimiter)
    , m_times(options.timeUnit)
    , m_rowValues(layout.valueColumns.size())
    , m_shapes(layout.valueColumns.size())
    , m_rowEnds(layout.width)
    , m_template(layout.width)
    , m_templated(!layout.longForm())
{
    m_roles.assign(layout.width, kOtherField);
    m_roles[layout.timeColumn] = kTimeField;
    if (layout.longForm())
        m_roles[layout.nameColumn] = kNameField;
    for (std::size_t k = 0; k < layout.valueColumns.size(); ++k)
        m_roles[layout.valueColumns[k]] = static_cast<std::int32_t>(k);
}

void CsvBlockParser::parse(std::string_view text, bool atEnd, std::int64_t firstLine, CsvBlock& out, SeriesSink* direct)
{
    out.clear();
    out.direct = direct;
    out.columns.resize(m_rowValues.size()); // clear() keeps the columns and their storage
    m_ids.clear();
    m_lastId = 0;
    std::size_t pos = 0;
    std::int64_t line = firstLine;
    // A row of one field could be a blank line: those are for the full splitter.
    std::optional<SeparatorScan> scan;
    if (m_options.quickRows && m_layout.width >= 2)
        scan.emplace(text, m_delimiter);
    bool rescan = false;
    while (pos < text.size()) {
        if (scan) {
            if (rescan)
                scan->seek(pos);
            line += static_cast<std::int64_t>(
                m_templated ? quickRows<true>(*scan, text, pos, out) : quickRows<false>(*scan, text, pos, out));
            if (pos == text.size())
                break;
            rescan = true;
        }
        const std::size_t rowStart = pos;
        const SplitStatus status = m_splitter.next(text, pos, atEnd, m_row);
        // Only a quoted field can carry a row past its first line: a row that has not ended
        // by the end of its first line is judged by the runaway-quote rule.
        bool endsAtItsLine = false;
        std::size_t lineEnd = 0;
        if (status == SplitStatus::Row) {
            const bool ownBreak = text[pos - 1] == '\n';
            if (m_row.newlines > (ownBreak ? 1u : 0u)) {
                lineEnd = text.find('\n', rowStart);
                endsAtItsLine = runaway(text, rowStart, lineEnd, pos - (ownBreak ? 1 : 0), true);
            }
        } else {
            lineEnd = text.find('\n', rowStart);
            if (status == SplitStatus::NeedMore) {
                pos = rowStart;
                if (lineEnd == std::string_view::npos || !runaway(text, rowStart, lineEnd, text.size(), false))
                    break;
            }
            endsAtItsLine = true; // Unterminated: the quote never closes
        }
        if (endsAtItsLine) {
            const std::size_t firstLineEnd = lineEnd == std::string_view::npos ? text.size() : lineEnd;
            const std::uint32_t column = openingQuoteColumn(text.substr(rowStart, firstLineEnd - rowStart));
            reject(out, line, column, "unterminated quoted field", {},
                "the quote does not close on its line; reading resumes on the next line");
            pos = lineEnd == std::string_view::npos ? text.size() : lineEnd + 1;
            line += lineEnd == std::string_view::npos ? 0 : 1;
            if (out.fatal)
                break;
            continue;
        }
        const std::int64_t rowLine = line;
        line += m_row.newlines;
        // The physical lines the row took: its line breaks, plus a last line with none.
        const std::size_t rowLines = m_row.newlines + (text[pos - 1] == '\n' ? 0 : 1);
        if (m_row.blank()) {
            out.blankLines += rowLines;
            continue;
        }
        out.continuationLines += rowLines - 1;
        handleRow(rowLine, out);
        if (out.fatal)
            break;
    }
    out.consumed = pos;
    out.lines = line - firstLine;
}

bool CsvBlockParser::runaway(
    std::string_view text, std::size_t rowStart, std::size_t lineEnd, std::size_t upTo, bool whole)
{
    if (upTo - rowStart > kMaxQuotedSpanBytes)
        return true;
    // A line the quote would swallow that reads as a row of its own says the quote is stray: a
    // legitimate field across lines (a series name with a line break) leaves no such line.
    for (std::size_t from = lineEnd + 1; from < upTo;) {
        std::size_t to = text.find('\n', from);
        if (to == std::string_view::npos || to >= upTo) {
            if (!whole)
                return false; // the last line is still arriving
            to = upTo;
        }
        if (lineReadsAlone(text.substr(from, to - from)))
            return true;
        from = to + 1;
    }
    // And the row it makes must have the layout's shape and read.
    return whole && !judge(m_row);
}

bool CsvBlockParser::lineReadsAlone(std::string_view line)
{
    std::size_t at = 0;
    return m_probe.next(line, at, true, m_probeRow) == SplitStatus::Row && !m_probeRow.blank() && judge(m_probeRow);
}

std::uint32_t CsvBlockParser::openingQuoteColumn(std::string_view firstLine)
{
    std::size_t at = 0;
    if (m_probe.next(firstLine, at, true, m_probeRow) == SplitStatus::Unterminated)
        return m_probe.errorColumn();
    return 1; // the line closes its quotes but the row does not read: point at its start
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
        if (sameName(out.names[m_lastId], name))
            return m_lastId;
        const std::uint32_t next = m_lastId + 1 < n ? m_lastId + 1 : 0;
        if (sameName(out.names[next], name))
            return m_lastId = next;
    }
    if (n <= kScanLimit) {
        for (std::uint32_t i = 0; i < n; ++i) {
            if (sameName(out.names[i], name))
                return m_lastId = i;
        }
    } else if (const auto it = m_ids.find(name); it != m_ids.end()) {
        return m_lastId = it->second;
    }
    const auto id = static_cast<std::uint32_t>(n);
    out.names.emplace_back(name);
    if (out.direct) {
        auto [it, inserted]
            = out.direct->ids.try_emplace(out.names.back(), static_cast<std::uint32_t>(out.direct->series.size()));
        if (inserted)
            out.direct->series.push_back(Series { out.names.back(), {}, {} });
        out.directIds.push_back(it->second);
        out.directTimes.push_back(&out.direct->series[it->second].times.edit());
    }
    if (n + 1 > kScanLimit) {
        if (m_ids.empty()) {
            for (std::uint32_t i = 0; i < n; ++i)
                m_ids.emplace(out.names[i], i);
        }
        m_ids.emplace(out.names.back(), id);
    }
    return m_lastId = id;
}

bool CsvBlockParser::judge(const CsvRow& row)
{
    const auto& fields = row.fields;
    if (fields.size() != m_layout.width) {
        m_flaw.what = "expected " + std::to_string(m_layout.width) + " fields, found " + std::to_string(fields.size());
        m_flaw.column = fields.size() > m_layout.width
            ? fields[m_layout.width].column
            : fields.back().column + static_cast<std::uint32_t>(fields.back().text.size());
        m_flaw.excerpt = {};
        m_flaw.why = {};
        return false;
    }
    ValueKind failure = ValueKind::Number;
    const std::size_t bad = readFields(fields, failure);
    if (bad == CsvLayout::kNone)
        return true;
    const CsvField& f = fields[bad];
    if (bad == m_layout.timeColumn)
        m_flaw = { f.column, "cannot read time", f.text, "expected ISO 8601 or Unix epoch seconds/milliseconds" };
    else if (failure == ValueKind::Infinite)
        m_flaw = { f.column, "cannot read value", f.text, "infinite or too large for a double" };
    else
        m_flaw = { f.column, "cannot read value", f.text, {} };
    return false;
}

std::size_t CsvBlockParser::readFields(const std::vector<CsvField>& fields, ValueKind& failure)
{
    if (!m_times.read(fields[m_layout.timeColumn].text, m_rowTime))
        return m_layout.timeColumn;
    const std::size_t count = m_layout.valueColumns.size();
    for (std::size_t k = 0; k < count; ++k) {
        const std::size_t column = m_layout.valueColumns[k];
        failure = parseValue(fields[column].text, m_rowValues[k]);
        if (failure == ValueKind::Unreadable || failure == ValueKind::Infinite)
            return column;
    }
    return CsvLayout::kNone;
}

void CsvBlockParser::handleRow(std::int64_t line, CsvBlock& out)
{
    if (!judge(m_row)) {
        reject(out, line, m_flaw.column, m_flaw.what, m_flaw.excerpt, m_flaw.why);
        return;
    }
    keep(m_layout.longForm() ? m_row.fields[m_layout.nameColumn].text : std::string_view(), out);
}

OD_ALWAYS_INLINE inline bool CsvBlockParser::readValue(
    std::int32_t role, std::string_view cell, const char* readableEnd)
{
    if (role >= 0) {
        double& value = m_rowValues[static_cast<std::size_t>(role)];
        if (m_shapes[static_cast<std::size_t>(role)].read(cell, value, readableEnd))
            return true;
        const ValueKind kind = parseValue(cell, value);
        return kind != ValueKind::Unreadable && kind != ValueKind::Infinite;
    }
    return role != kTimeField || m_times.read(cell, m_rowTime);
}

OD_ALWAYS_INLINE inline bool CsvBlockParser::templateRow(const char* row, const char* readableEnd)
{
    // Every field must read strictly: then each of its bytes is a digit, a sign, a point or part
    // of the ISO layout, and the row holds no separator but those the template has checked.
    const std::int32_t* const roles = m_roles.data();
    const std::uint32_t* const ends = m_template.data();
    const std::size_t last = m_layout.width - 1;
    std::uint32_t start = 0;
    for (std::size_t k = 0; k <= last; ++k) {
        const std::uint32_t end = ends[k];
        if (k < last ? row[end] != m_delimiter : end != m_templateLine && row[end] != '\r')
            return false;
        const std::string_view cell(row + start, end - start);
        const std::int32_t role = roles[k];
        if (role >= 0) {
            if (!m_shapes[static_cast<std::size_t>(role)].read(
                    cell, m_rowValues[static_cast<std::size_t>(role)], readableEnd))
                return false;
        } else if (!m_times.readInline(cell, m_rowTime)) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

OD_ALWAYS_INLINE inline void CsvBlockParser::appendWide(Series* series, std::vector<std::int64_t>& times)
{
    // Locals: a push_back may allocate, after which members would be read again.
    const std::int64_t time = m_rowTime;
    const double* const values = m_rowValues.data();
    const std::size_t count = m_rowValues.size();
    times.push_back(time);
    for (std::size_t k = 0; k < count; ++k)
        series[k].values.push_back(values[k]);
}

template <bool Templated>
std::size_t CsvBlockParser::quickRows(SeparatorScan& scan, std::string_view text, std::size_t& pos, CsvBlock& out)
{
    // Each field is read as soon as its end is found, what it holds looked up in m_roles: no
    // list of fields to go back over, and a row that does not read stops at its first bad field.
    // One loop for the rows, so that what every row uses stays in registers.
    const char* const data = text.data();
    const std::size_t size = text.size();
    const char* const readableEnd = data + size;
    const char delimiter = m_delimiter;
    const std::int32_t* const roles = m_roles.data();
    std::uint32_t* const ends = m_rowEnds.data();
    const std::size_t last = m_layout.width - 1;
    // A wide file's rows go to every series in turn: no name to look up.
    Series* const wide = out.direct && !m_layout.longForm() ? out.direct->series.data() : nullptr;
    // Their times go to the first series alone (the reader shares them at the end).
    std::vector<std::int64_t>* const wideTimes = wide ? &wide[0].times.edit() : nullptr;
    bool scanAtPos = true; // scan's next answer is the first separator from pos on
    std::size_t rows = 0;
    while (true) {
        std::string_view name;
        std::size_t lineEnd = 0;
        if (Templated && m_templateArmed && size - pos > m_templateLine && data[pos + m_templateLine] == '\n'
            && templateRow(data + pos, readableEnd)) {
            lineEnd = pos + m_templateLine;
            scanAtPos = false;
        } else {
            if (!scanAtPos) {
                scan.seek(pos);
                scanAtPos = true;
            }
            std::size_t fieldStart = pos;
            for (std::size_t k = 0;; ++k) {
                const std::size_t at = scan.next();
                std::size_t fieldEnd = at;
                if (k < last) {
                    if (at == size || data[at] != delimiter)
                        return rows;
                } else {
                    // A last row without a line break may still be arriving: the full splitter
                    // knows.
                    if (at == size || data[at] != '\n')
                        return rows;
                    // As the full splitter does: a CR before the line feed ends the line, not
                    // the field.
                    fieldEnd -= at > fieldStart && data[at - 1] == '\r';
                    lineEnd = at;
                }
                const std::string_view cell(data + fieldStart, fieldEnd - fieldStart);
                const std::int32_t role = roles[k];
                if (role == kNameField)
                    name = cell;
                else if (!readValue(role, cell, readableEnd))
                    return rows;
                if constexpr (Templated)
                    ends[k] = static_cast<std::uint32_t>(fieldEnd - pos);
                if (k == last)
                    break;
                fieldStart = at + 1;
            }
            if constexpr (Templated)
                learnTemplate(lineEnd - pos);
        }
        if (wide) {
            appendWide(wide, *wideTimes);
            ++out.rows;
        } else {
            keep(name, out);
        }
        pos = lineEnd + 1;
        ++rows;
    }
}

void CsvBlockParser::learnTemplate(std::size_t line)
{
    // Armed by two rows in a row with their separators in the same places: a file whose rows
    // change shape often never tries it, one of fixed-width rows uses it from its third row.
    const bool same = line == m_templateLine && m_rowEnds == m_template;
    m_templateArmed = same && line <= kMaxTemplateLine;
    if (!same) {
        m_template = m_rowEnds;
        m_templateLine = static_cast<std::uint32_t>(line);
    }
}

void CsvBlockParser::keep(std::string_view name, CsvBlock& out)
{
    if (m_layout.longForm()) {
        // Names are rarely padded: the call to trim only when an end is a blank.
        const bool padded = !name.empty()
            && (name.front() == ' ' || name.front() == '\t' || name.back() == ' ' || name.back() == '\t');
        const std::uint32_t id = seriesIndex(padded ? trimBlanks(name) : name, out);
        if (out.direct) {
            out.directTimes[id]->push_back(m_rowTime);
            out.direct->series[out.directIds[id]].values.push_back(m_rowValues[0]);
        } else {
            out.ids.push_back(id);
            out.times.push_back(m_rowTime);
            out.columns[0].push_back(m_rowValues[0]);
        }
    } else if (out.direct) {
        appendWide(out.direct->series.data(), out.direct->series[0].times.edit());
    } else {
        out.times.push_back(m_rowTime);
        for (std::size_t k = 0; k < m_rowValues.size(); ++k)
            out.columns[k].push_back(m_rowValues[k]);
    }
    ++out.rows;
}

} // namespace od
