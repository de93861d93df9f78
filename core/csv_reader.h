#pragma once
// Reads metric CSV files (CONTRACT.md section 3) into columnar series.

#include "result.h"
#include "series.h"

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
};

struct CsvData
{
    std::vector<Series> series; // in order of first appearance
    std::size_t rows = 0; // data rows read (not counting the header or blank lines)
    std::size_t skipped = 0; // rows skipped in lenient mode
    std::vector<Error> firstSkipped; // the place and reason of the first skipped rows
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
Result<CsvData> parseCsv(std::string_view text, const std::string& sourceName, const CsvOptions& options = {},
    const ReadControl& control = {});

Result<CsvData> readCsvFile(const std::string& path, const CsvOptions& options = {}, const ReadControl& control = {});

} // namespace od
