#pragma once
// Parses whole CSV rows of one block of text into columnar scratch, so that two blocks can be
// parsed on two threads and then appended to the series in file order.

#include "csv_layout.h"
#include "csv_reader.h"
#include "csv_splitter.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace od {

struct CsvBlock
{
    // Long form: per row, an index into names (this block's series, in order of first appearance).
    std::vector<std::uint32_t> ids;
    std::vector<std::string> names;
    std::vector<std::int64_t> times; // one per row
    std::vector<double> values; // per row, one per value column
    std::size_t rows = 0;
    std::size_t skipped = 0;
    std::vector<Error> firstSkipped;
    std::optional<Error> fatal; // strict mode's first bad row
    std::size_t consumed = 0; // bytes of the whole rows parsed
    std::int64_t lines = 0; // line breaks in those bytes
    bool stop = false; // nothing after this block can be read (an unterminated quote)

    // Empties the block and keeps its storage for the next one.
    void clear();
};

class CsvBlockParser
{
public:
    CsvBlockParser(const CsvLayout& layout, const CsvOptions& options, const std::string& source, char delimiter);

    // Parses the whole rows at the start of text (all of it when atEnd) into out, which is
    // cleared first. firstLine is the line number of text's first byte; the Errors carry it.
    void parse(std::string_view text, bool atEnd, std::int64_t firstLine, CsvBlock& out);

private:
    void handleRow(std::int64_t line, CsvBlock& out);
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
    CsvSplitter m_splitter;
    CsvRow m_row;
    TimeReader m_times;
    std::vector<double> m_rowValues;
    std::uint32_t m_lastId = 0;
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> m_ids;
};

} // namespace od
