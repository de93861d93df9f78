// readCsvFiles (declared with the one-file reader in csv_reader.h): several files read one after
// the other into one CsvData, with progress over all their bytes and the one naming rule for a
// series found in more than one file, which the app and outlierctl share.

#include "core/csv/csv_reader.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

namespace od {

Result<CsvData> readCsvFiles(
    const std::vector<std::string>& paths, const CsvOptions& options, const ReadControl& control)
{
    std::uint64_t total = 0;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto size = std::filesystem::file_size(p, ec);
        total += ec ? 0 : size;
    }
    std::vector<CsvData> files;
    std::uint64_t before = 0;
    for (const auto& p : paths) {
        ReadControl each;
        each.cancel = control.cancel;
        std::uint64_t fileDone = 0;
        if (control.progress) {
            each.progress = [&](std::uint64_t done, std::uint64_t) {
                fileDone = done;
                control.progress(before + done, std::max(total, before + done));
            };
        }
        auto data = readCsvFile(p, options, each);
        if (!data)
            return data.error();
        before += fileDone;
        files.push_back(std::move(*data));
    }

    std::unordered_map<std::string, std::size_t> filesHolding;
    for (const auto& f : files) {
        std::unordered_map<std::string, bool> seen;
        for (const auto& s : f.series) {
            if (seen.emplace(s.name, true).second)
                ++filesHolding[s.name];
        }
    }
    CsvData all;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string stem = std::filesystem::path(paths[i]).stem().string();
        all.rows += files[i].rows;
        all.skipped += files[i].skipped;
        all.headerLines += files[i].headerLines;
        all.blankLines += files[i].blankLines;
        all.continuationLines += files[i].continuationLines;
        for (auto& e : files[i].firstSkipped) {
            if (all.firstSkipped.size() < options.maxReportedSkips)
                all.firstSkipped.push_back(std::move(e));
        }
        for (auto& s : files[i].series) {
            if (filesHolding[s.name] > 1)
                s.name = stem + "/" + s.name;
            all.series.push_back(std::move(s));
            all.seriesFile.push_back(i);
        }
    }
    return all;
}

} // namespace od
