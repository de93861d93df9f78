// libFuzzer target for the CSV reader: any bytes give data or an Error, never a crash, every
// line of the input is read or reported (the counts add up to its lines), and the result does
// not depend on how the text is cut into blocks or spread over threads, nor on whether rows
// take the quick path.
//
// The first byte picks the options (bit 0 strict, then the epoch unit, then the block size of
// the second read); the rest is the file. Seeds in corpus/csv/ start with that byte.

#include "core/csv/csv_reader.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_csv_reader: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what)
{
    if (!ok)
        fail(what);
}

// Lines as an editor counts them: line breaks, plus a last line without one.
std::size_t countLines(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text)
        n += c == '\n';
    return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void compare(const od::Result<od::CsvData>& a, const od::Result<od::CsvData>& b)
{
    check(a.ok() == b.ok(), "block size or threads changed success");
    if (!a.ok()) {
        check(a.error().toString() == b.error().toString(), "block size or threads changed the error");
        return;
    }
    check(a->rows == b->rows && a->skipped == b->skipped && a->lines() == b->lines(),
        "block size or threads changed the counts");
    check(a->firstSkipped.size() == b->firstSkipped.size(), "block size or threads changed the report");
    for (std::size_t i = 0; i < a->firstSkipped.size(); ++i)
        check(a->firstSkipped[i].toString() == b->firstSkipped[i].toString(), "a skipped row moved");
    check(a->series.size() == b->series.size(), "block size or threads changed the series");
    for (std::size_t k = 0; k < a->series.size(); ++k) {
        const od::Series& x = a->series[k];
        const od::Series& y = b->series[k];
        check(x.name == y.name && x.times == y.times && x.values.size() == y.values.size(), "a series differs");
        for (std::size_t i = 0; i < x.values.size(); ++i)
            check(sameValue(x.values[i], y.values[i]), "a value differs");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t knobs = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    od::CsvOptions options;
    options.strict = knobs & 1;
    options.timeUnit = static_cast<od::TimeUnit>((knobs >> 1) % 3);
    options.maxReportedSkips = 3;
    options.threads = 1;
    options.blockBytes = std::size_t(1) << 30;
    const auto whole = od::parseCsv(text, "fuzz.csv", options);

    if (whole.ok()) {
        std::size_t points = 0;
        bool everyRowInEverySeries = true;
        for (const auto& s : whole->series) {
            check(s.times.size() == s.values.size(), "times and values of unequal length");
            for (double v : s.values)
                check(!std::isinf(v), "an infinite value was kept");
            points += s.size();
            everyRowInEverySeries = everyRowInEverySeries && s.size() == whole->rows;
        }
        check(whole->rows > 0, "success without a single row");
        check(whole->lines() == countLines(text), "a line neither read nor reported");
        check(whole->firstSkipped.size() <= options.maxReportedSkips, "too many skipped rows reported");
        check(whole->firstSkipped.size() <= whole->skipped, "more reported than skipped");
        // Long form: one point a row; wide form: one point a row in every series.
        check(points == whole->rows || everyRowInEverySeries, "rows and points disagree");
    } else {
        check(!whole.error().message.empty(), "an Error without a message");
        check(whole.error().line >= 0 && whole.error().column >= 0, "a negative place");
    }

    od::CsvOptions pieces = options;
    pieces.blockBytes = 1 + (knobs >> 3); // 1 to 32 bytes: rows and quotes straddle blocks
    pieces.threads = 2;
    compare(whole, od::parseCsv(text, "fuzz.csv", pieces));
    // Blocks of 2 KB and more are cut in two at a line break (a text of over 1 KB as one block),
    // the reading thread's part written straight to the series, the other part parsed and
    // appended by the worker: the same answer.
    od::CsvOptions cut = options;
    cut.blockBytes = 2048 + (knobs >> 3);
    cut.threads = 2;
    compare(whole, od::parseCsv(text, "fuzz.csv", cut));
    // Every row through the full splitter, none on the quick path: the same answer.
    od::CsvOptions full = options;
    full.quickRows = false;
    compare(whole, od::parseCsv(text, "fuzz.csv", full));
    return 0;
}
