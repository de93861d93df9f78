#pragma once
// Which column is which: the delimiter, the header (or its absence) and the long or wide form.

#include "core/csv/csv_splitter.h"
#include "core/csv/time_format.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace od {

struct CsvLayout
{
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    bool hasHeader = false;
    std::size_t width = 0; // fields every data row must have
    std::size_t timeColumn = 0;
    std::size_t nameColumn = kNone; // set in long form
    std::vector<std::size_t> valueColumns; // one in long form
    std::vector<std::string> seriesNames; // wide form: one per value column

    bool longForm() const { return nameColumn != kNone; }
};

// The delimiter (comma, semicolon or tab) that appears most often outside quotes on the first
// non-blank line of text; comma when none does.
char sniffDelimiter(std::string_view text);

// Lays out the columns from the first non-blank row: a header (matched case-insensitively as
// CONTRACT.md section 3 says), or already data when its first field reads as a time. Nothing
// when no column could hold values.
std::optional<CsvLayout> detectLayout(const std::vector<CsvField>& firstRow, TimeUnit epochUnit);

} // namespace od
