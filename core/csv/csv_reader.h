#pragma once
// Reads metric CSV files (CONTRACT.md section 3) into columnar series.
//
// Quotes: RFC 4180, and a quoted field may span lines. A quote that never closes must not take
// the rest of the file with it, so a quoted field may cross a line break only when (1) none of
// the lines it would swallow reads as a complete row on its own, (2) the row it makes has the
// layout's number of fields and reads, and (3) it spans at most 1 MB. Otherwise the quote is a
// runaway: its row ends at the end of its own line, is skipped and reported at the quote's
// line and column ("unterminated quoted field"), and reading resumes on the next line. Every
// input line is thus either read or reported; CsvData's counts add up to the file's lines.
//
// Values: a number as std::from_chars reads it (optional leading '+'); empty, NaN, null, NA,
// N/A and None (any case) are missing points, kept as NaN. inf, -inf and numbers too large for
// a double (1e309) are unreadable, like any other non-number: the row is skipped (lenient) or
// the read fails (strict), with the place. Numbers too small for a double read as 0.
// Times: see parseTime() in time_format.h; an impossible date (Feb 30) is unreadable.

#include "core/csv/time_format.h"
#include "core/result.h"
#include "core/series.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace od {

struct CsvOptions
{
    // Strict: the first unreadable row fails the whole read. Lenient (default): such rows are
    // skipped, counted, and the first few reported with their place.
    bool strict = false;
    std::size_t maxReportedSkips = 10;
    // How bare numbers in the time column are read: by magnitude (default), or as seconds or
    // milliseconds whatever their size.
    TimeUnit timeUnit = TimeUnit::Auto;
    // Threads that parse: 0 = as many as pay off (at most 2), 1 = the calling thread only.
    unsigned threads = 0;
    // Bytes read and parsed per step (progress and cancel are checked once per step). Rows may
    // straddle steps; a single row may be up to max(64 MB, blockBytes) long. Mainly for tests.
    std::size_t blockBytes = 4u << 20;
    // Rows without a quote that read take a quicker path (fields found 64 bytes at a time);
    // it gives exactly what the full splitter gives. Off only to check that in tests.
    bool quickRows = true;
};

// Every line of the input is accounted for: lines() == headerLines + blankLines + rows +
// skipped + continuationLines, where a skipped row is always one line (a row over several lines
// is read whole or, as a runaway quote, ends at its first line).
struct CsvData
{
    std::vector<Series> series; // in order of first appearance
    // readCsvFiles: per series, the position of its file in the paths given (empty from one
    // file), so that a chart can align each file's series to that file's start.
    std::vector<std::size_t> seriesFile;
    std::size_t rows = 0; // data rows read (not counting the header or blank lines)
    std::size_t skipped = 0; // rows skipped in lenient mode
    std::vector<Error> firstSkipped; // the place and reason of the first skipped rows
    std::size_t headerLines = 0; // 1, or 0 for a file without a header
    std::size_t blankLines = 0;
    std::size_t continuationLines = 0; // lines of rows past their first (quoted line breaks)

    std::size_t lines() const { return headerLines + blankLines + rows + skipped + continuationLines; }
};

// Optional hooks for long reads. progress(done, total) is called from the reading thread
// every few megabytes; when *cancel becomes true the read stops and returns an Error whose
// message is "cancelled".
struct ReadControl
{
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

// sourceName is used in error messages ("sourceName:line:col: ...").
// A text in which no row could be read is an Error (the place of the first unreadable row).
// Never throws; running out of memory is an Error too.
Result<CsvData> parseCsv(std::string_view text, const std::string& sourceName, const CsvOptions& options = {},
    const ReadControl& control = {});

// Streams the file in blocks of options.blockBytes: memory use is the series plus a few blocks,
// never the whole file.
Result<CsvData> readCsvFile(const std::string& path, const CsvOptions& options = {}, const ReadControl& control = {});

// Reads several files into one CsvData, series in file order. A series name found in more than
// one file is prefixed with its file's stem ("a.csv" and "b.csv" both holding "cpu" give
// "a/cpu" and "b/cpu"). Skipped rows add up (each Error names its file). Progress counts the
// bytes of all files. The first file that fails fails the whole read.
Result<CsvData> readCsvFiles(
    const std::vector<std::string>& paths, const CsvOptions& options = {}, const ReadControl& control = {});

} // namespace od
