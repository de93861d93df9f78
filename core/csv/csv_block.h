#pragma once
// Parses whole CSV rows of one block of text into columnar scratch, so that two blocks can be
// parsed on two threads and then appended to the series in file order.

#include "core/csv/csv_layout.h"
#include "core/csv/csv_reader.h"
#include "core/csv/csv_splitter.h"
#include "core/csv/decimal_shape.h"
#include "core/csv/number_parse.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace od {

// The series rows can be written to as they are read, sparing a copy from a block: those of
// the whole read so far, and for the long form the index of each name among them (a name not
// seen before gets a new series at the end).
struct SeriesSink
{
    std::vector<Series>& series;
    std::unordered_map<std::string, std::uint32_t>& ids;
};

struct CsvBlock
{
    // Long form: per row, an index into names (this block's series, in order of first appearance).
    std::vector<std::uint32_t> ids;
    std::vector<std::string> names;
    std::vector<std::int64_t> times; // one per row
    // Per value column, one per row: appended to a series in one copy.
    std::vector<std::vector<double>> columns;
    std::size_t rows = 0;
    std::size_t skipped = 0;
    std::size_t blankLines = 0;
    std::size_t continuationLines = 0; // lines of read rows past their first (quoted line breaks)
    std::vector<Error> firstSkipped;
    std::optional<Error> fatal; // strict mode's first bad row
    std::size_t consumed = 0; // bytes of the whole rows parsed
    std::int64_t lines = 0; // line breaks in those bytes
    // When set, rows kept go straight to the ends of these series, not into ids, times and
    // columns; only the counts are left to append.
    SeriesSink* direct = nullptr;
    std::vector<std::uint32_t> directIds; // long form, direct: per index into names, its series
    // ... and that series' times, made its own once (see SharedColumn::edit) rather than per row.
    std::vector<std::vector<std::int64_t>*> directTimes;

    // Empties the block and keeps its storage for the next one.
    void clear();
};

class SeparatorScan;

class CsvBlockParser
{
public:
    CsvBlockParser(const CsvLayout& layout, const CsvOptions& options, const std::string& source, char delimiter);

    // Parses the whole rows at the start of text (all of it when atEnd) into out, which is
    // cleared first. firstLine is the line number of text's first byte; the Errors carry it.
    // direct: see CsvBlock::direct.
    void parse(std::string_view text, bool atEnd, std::int64_t firstLine, CsvBlock& out, SeriesSink* direct = nullptr);

private:
    // Why a row cannot be read; on success judge() leaves its time and values in m_rowTime and
    // m_rowValues.
    struct Flaw
    {
        std::uint32_t column = 0;
        std::string what;
        std::string_view excerpt;
        std::string_view why;
    };

    bool judge(const CsvRow& row);
    // The time and values of a row of the layout's width into m_rowTime and m_rowValues;
    // CsvLayout::kNone, or the first field that does not read (for a value, failure says how).
    std::size_t readFields(const std::vector<CsvField>& fields, ValueKind& failure);
    void handleRow(std::int64_t line, CsvBlock& out);
    // Keeps the rows from pos on that are one line with the layout's width, no quote, and that
    // read, moving pos past their line breaks; returns how many. The row it stops at is for the
    // full splitter, from the same place; scan is then ahead of pos.
    // Templated: rows may be read by the template (a wide file; see m_template).
    template <bool Templated>
    std::size_t quickRows(SeparatorScan& scan, std::string_view text, std::size_t& pos, CsvBlock& out);
    // Reads one quick row's field of the given role (see m_roles; a name is not read).
    bool readValue(std::int32_t role, std::string_view cell, const char* readableEnd);
    // Reads the row at `row` as the template says its fields lie (its line break checked by
    // the caller), taking each field only in the layouts read byte by byte; false, with
    // nothing kept, when it does not fit.
    bool templateRow(const char* row, const char* readableEnd);
    // Takes the row just scanned, its line break `line` bytes from its start, as the template.
    void learnTemplate(std::size_t line);
    void keep(std::string_view name, CsvBlock& out);
    // Appends the row's values to a wide file's series (in their order) and its time to `times`,
    // the first series' (the reader shares it with the others at the end); not counted.
    void appendWide(Series* series, std::vector<std::int64_t>& times);
    // The runaway-quote rule (see csv_reader.h): whether the row that starts at text[rowStart]
    // and whose first line ends at text[lineEnd] must end at that line. upTo is where the row's
    // text ends: its end without its line break when whole (split into m_row), else the end of
    // the text seen so far.
    bool runaway(std::string_view text, std::size_t rowStart, std::size_t lineEnd, std::size_t upTo, bool whole);
    bool lineReadsAlone(std::string_view line);
    std::uint32_t openingQuoteColumn(std::string_view firstLine);
    void reject(CsvBlock& out, std::int64_t line, std::uint32_t column, std::string_view what,
        std::string_view excerpt = {}, std::string_view why = {});
    std::uint32_t seriesIndex(std::string_view name, CsvBlock& out);

    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };

    const CsvLayout& m_layout;
    const CsvOptions& m_options;
    const std::string& m_source;
    char m_delimiter;
    CsvSplitter m_splitter;
    CsvRow m_row;
    // Splits single lines on their own for the runaway-quote rule, leaving m_row untouched.
    CsvSplitter m_probe;
    CsvRow m_probeRow;
    TimeReader m_times;
    std::int64_t m_rowTime = 0;
    std::vector<double> m_rowValues;
    std::vector<DecimalShape> m_shapes; // per value column, the shape of its last plain decimal
    // quickRows' plan of a row, per field: the index of its value among m_rowValues, or one of
    // these.
    static constexpr std::int32_t kTimeField = -1;
    static constexpr std::int32_t kNameField = -2;
    static constexpr std::int32_t kOtherField = -3; // a long-form column that is not read
    std::vector<std::int32_t> m_roles;
    // A wide file's rows are often of fixed width: where the last scanned row's fields ended
    // (from its start; the last one's before any CR), and the template of them that rows may
    // be read by without a search for their separators (see templateRow) once armed.
    static constexpr std::size_t kMaxTemplateLine = 4096;
    std::vector<std::uint32_t> m_rowEnds;
    std::vector<std::uint32_t> m_template;
    std::uint32_t m_templateLine = 0; // where the template's line break is
    bool m_templateArmed = false;
    bool m_templated; // every field is a time or a value, read byte by byte: a wide file
    Flaw m_flaw;
    std::uint32_t m_lastId = 0;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> m_ids;
};

} // namespace od
