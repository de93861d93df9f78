#pragma once
// Splits CSV text into rows of fields (RFC 4180), one row at a time, without allocating per row.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace od {

struct CsvField
{
    // Unquoted and unescaped. Valid until the splitter splits the next row.
    std::string_view text;
    // 1-based byte offset of the field's first character from the start of its row.
    std::uint32_t column = 0;
    // The field was in quotes: text, even empty or only blanks, that the line holds.
    bool quoted = false;
};

struct CsvRow
{
    std::vector<CsvField> fields;
    // Line breaks the row consumed: its own terminator plus any inside quoted fields.
    std::uint32_t newlines = 0;
    // The delimiter it was split by: a tab-delimited line of tabs is blank (below).
    char delimiter = ',';

    // A line of nothing but spaces, tabs and carriage returns (isBlankLine, csv_text.h), whatever
    // the delimiter: in a tab-delimited file a line of tabs too, which splits into empty fields.
    // A line of quotes around nothing (`""`, `"  "`) is a row, as it is to every rule that looks
    // at lines rather than fields (the delimiter's sniffing, the follower's count of rows).
    bool blank() const;
};

enum class SplitStatus {
    Row, // a whole row was split
    NeedMore, // the row does not end within the text and more text may follow
    Unterminated, // a quoted field runs to the end of the input
};

class CsvSplitter
{
public:
    explicit CsvSplitter(char delimiter);

    // Splits the row that starts at text[pos]. On Row, pos moves past the row and its line
    // break. On NeedMore (only when !atEnd) pos and row are to be ignored; call again with the
    // same row start and more text. On Unterminated (only when atEnd) pos moves to the end and
    // errorColumn() says where the quote opened. A row is ended by LF or CRLF, or by the end of
    // the input when atEnd. Work is linear in the row's length, whatever the quotes do.
    SplitStatus next(std::string_view text, std::size_t& pos, bool atEnd, CsvRow& row);

    std::uint32_t errorColumn() const { return m_errorColumn; }
    char delimiter() const { return m_delim; }

private:
    struct Copied
    {
        std::size_t field;
        std::size_t offset;
        std::size_t length;
    };

    char m_delim;
    std::uint32_t m_errorColumn = 0;
    // Unescaped quoted fields of the current row; views are pointed here once the row is done,
    // since appending may move the storage.
    std::string m_scratch;
    std::vector<Copied> m_copied;
};

} // namespace od
