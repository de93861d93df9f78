#include "core/csv/csv_reader.h"

#include "core/csv/csv_block.h"
#include "core/csv/csv_layout.h"
#include "core/csv/csv_source.h"
#include "core/csv/csv_splitter.h"
#include "core/csv/csv_text.h"
#include "core/csv/csv_worker.h"
#include "core/csv/series_prefault.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace od {
namespace {

    constexpr std::size_t kMaxRowBytes = 64u << 20;
    // Below this a second thread costs more than it saves (small blocks are for tests: they
    // still get a second thread from this size on).
    constexpr std::size_t kParallelMinBytes = 1u << 20;
    constexpr std::size_t kParallelFloorBytes = 1u << 10;
    // The reading thread's share of a block cut in two, at first. The other thread also appends
    // the block to the series (and makes their pages present), so it gets the smaller part; how
    // much smaller depends on the layout (a wide file's appends are heavier) and is then
    // learned from the two threads' CPU times.
    constexpr double kReaderShare = 0.6;
    constexpr double kLeastShare = 0.3;
    constexpr double kMostShare = 0.85;

    class Reader
    {
    public:
        Reader(const std::string& source, const CsvOptions& options)
            : m_source(source)
            , m_options(options)
        { }

        Result<CsvData> run(CsvSource& input, std::uint64_t total, const ReadControl& control);

    private:
        // Parses what it can of the window; returns the bytes consumed.
        std::size_t parseWindow(std::string_view text, bool atEnd);
        std::size_t readLayout(std::string_view text, bool atEnd);
        // The inline path: one thread parses and appends.
        std::size_t parseInTurn(std::string_view text, bool atEnd, std::size_t skippedBytes);
        void append(CsvBlock& block, std::int64_t lineOffset);
        // Appends a block cut in two, the rows of the second numbered from secondOffset + 1,
        // the pages they are written to made present first.
        void appendPair(CsvBlock (&pair)[2], std::int64_t secondOffset);
        // Moves m_share toward the cut at which both threads are busy alike, from their CPU
        // times since the last block cut in two.
        void rebalance();
        // Plans the pages that `bytes` more of the text will be appended to (see SeriesPrefault).
        void planPages(std::size_t bytes);
        // Plans, into m_ahead, the pages the next block's first part will be written to, once
        // the worker has appended this block (parsed from `bytes` of text).
        void planAhead(const CsvBlock (&pair)[2], std::size_t bytes);
        void reserveFor(std::uint64_t total, std::uint64_t done);
        // A wide file's rows have one time for every series: read into the first series alone,
        // then shared by all (see SharedColumn), rather than a copy in each.
        void shareTimes();
        std::optional<Error> failure(CsvBlock& block, std::int64_t lineOffset);

        const std::string& m_source;
        const CsvOptions& m_options;
        CsvData m_data;
        std::optional<Error> m_error;
        bool m_sawBom = false;
        bool m_sniffed = false;
        std::int64_t m_line = 1;
        std::int64_t m_headerLine = 0;
        std::optional<CsvLayout> m_layout;
        char m_delimiter = ',';
        // m_parsers[0] parses on the reading thread, m_parsers[1] on the worker (or in turn).
        std::unique_ptr<CsvBlockParser> m_parsers[2];
        // The two parts of a block: the reading thread's (only counts when its rows go straight
        // to the series) and the worker's.
        CsvBlock m_blocks[2];
        double m_share = kReaderShare;
        // The threads' CPU times (ns) when the last block cut in two was parsed: -1 for none.
        std::int64_t m_readerMark = -1;
        std::int64_t m_workerMark = -1;
        std::int64_t m_workerCpu = 0; // set by the worker after each part it parses
        std::unordered_map<std::string, std::uint32_t> m_seriesIds;
        SeriesSink m_sink { m_data.series, m_seriesIds };
        std::vector<std::uint32_t> m_globalIds;
        std::vector<std::vector<std::int64_t>*> m_globalTimes; // per block id, its series' times
        bool m_reserved = false;
        std::uint64_t m_done = 0; // bytes parsed so far
        SeriesPrefault m_prefault;
        // Pages planned before the worker's append of the block before, made present while it runs:
        // otherwise the reading thread would only wait for it.
        SeriesPrefault m_ahead;
        // Last: its jobs use the members above, so it finishes them before they go.
        CsvWorker m_worker;
    };

    // Growing the series by doubling copies them and touches fresh pages each time; from the
    // first block's density the final sizes are known well enough to allocate once. Reserved
    // but unwritten memory costs no resident pages, so erring high is cheap.
    void Reader::reserveFor(std::uint64_t total, std::uint64_t done)
    {
        m_reserved = true;
        if (total <= done || done == 0)
            return;
        const double scale = static_cast<double>(total) / static_cast<double>(done) * 1.1;
        try {
            for (Series& s : m_data.series) {
                const auto n = static_cast<std::size_t>(static_cast<double>(s.size()) * scale) + 64;
                if (m_layout->longForm() || &s == &m_data.series.front())
                    s.times.reserve(n); // a wide file's times are the first series' (shareTimes)
                s.values.reserve(n);
            }
        } catch (const std::bad_alloc&) {
            // Growth by doubling will do.
        }
    }

    std::size_t Reader::readLayout(std::string_view text, bool atEnd)
    {
        std::size_t pos = 0;
        if (!m_sawBom) {
            if (text.size() < kUtf8Mark.size() && !atEnd)
                return 0;
            m_sawBom = true;
            pos = text.size() - afterUtf8Mark(text).size();
        }
        if (!m_sniffed) {
            // The delimiter comes from the first line with anything but blanks on it, and from
            // the same line however the input is cut into windows: blank lines before it are
            // consumed whole, and the line must be whole (or the input end) before it is
            // sniffed. A line of tabs or spaces is blank whatever the delimiter turns out to be.
            while (pos < text.size()) {
                const std::size_t end = text.find('\n', pos);
                const std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
                if (!isBlankLine(line))
                    break;
                if (end == std::string_view::npos) {
                    if (!atEnd)
                        return pos;
                    ++m_data.blankLines; // a blank last line without a line break
                    return text.size();
                }
                ++m_line;
                ++m_data.blankLines;
                pos = end + 1;
            }
            const std::size_t lineEnd = text.find('\n', pos);
            if (pos == text.size() || (lineEnd == std::string_view::npos && !atEnd))
                return pos;
            m_delimiter = sniffDelimiter(text.substr(pos, lineEnd - pos));
            m_sniffed = true;
        }
        CsvSplitter splitter(m_delimiter);
        CsvRow row;
        while (pos < text.size()) {
            const std::size_t rowStart = pos;
            const SplitStatus status = splitter.next(text, pos, atEnd, row);
            if (status == SplitStatus::NeedMore)
                return rowStart;
            if (status == SplitStatus::Unterminated) {
                m_error = Error { "unterminated quoted field", m_source, static_cast<int>(m_line),
                    static_cast<int>(splitter.errorColumn()) };
                return pos;
            }
            const std::size_t rowLines = row.newlines + (text[pos - 1] == '\n' ? 0 : 1);
            if (row.blank()) {
                m_line += row.newlines;
                m_data.blankLines += rowLines;
                continue;
            }
            m_layout = detectLayout(row.fields, m_options.timeUnit);
            if (!m_layout) {
                m_error = Error { "no value column: expected a header such as timestamp,value or timestamp,name,value",
                    m_source, static_cast<int>(m_line), 1 };
                return pos;
            }
            for (auto& p : m_parsers)
                p = std::make_unique<CsvBlockParser>(*m_layout, m_options, m_source, m_delimiter);
            for (const auto& name : m_layout->seriesNames)
                m_data.series.push_back(Series { name, {}, {} });
            if (!m_layout->hasHeader)
                return rowStart; // the first row is data: parse it as such
            m_headerLine = m_line;
            m_data.headerLines = rowLines;
            m_line += row.newlines;
            return pos;
        }
        return pos;
    }

    std::size_t Reader::parseWindow(std::string_view text, bool atEnd)
    {
        std::size_t skippedBytes = 0;
        if (!m_layout) {
            skippedBytes = readLayout(text, atEnd);
            if (!m_layout || m_error)
                return skippedBytes;
            text.remove_prefix(skippedBytes);
        }
        // The text is cut at a line break, which ends a row unless a quoted field runs across
        // it: then the reading thread's part does not end with a whole row, and the worker's
        // part, which began inside that row, is dropped (below).
        const bool parallel = m_options.threads != 1
            && text.size() >= std::clamp(m_options.blockBytes / 2, kParallelFloorBytes, kParallelMinBytes);
        std::size_t cut = std::string_view::npos;
        if (parallel) {
            cut = text.find('\n', static_cast<std::size_t>(static_cast<double>(text.size()) * m_share));
            if (cut != std::string_view::npos && cut + 1 >= text.size())
                cut = std::string_view::npos;
        }
        if (cut == std::string_view::npos)
            return parseInTurn(text, atEnd, skippedBytes);
        const std::string_view first = text.substr(0, cut + 1);
        const std::string_view second = text.substr(cut + 1);
        CsvBlock(&pair)[2] = m_blocks;
        // The first part goes straight into the series, once the append of the block before is
        // done (it ran while this window was fetched); the worker's part touches only its own
        // block. That part does not know its first line number until the first is done: it
        // counts from 1 and is shifted when appended.
        m_ahead.populate(0, 1);
        m_ahead.clear();
        m_worker.wait();
        planPages(first.size());
        m_worker.post([this, second, atEnd, &pair] {
            m_parsers[1]->parse(second, atEnd, 1, pair[1]);
            m_workerCpu = threadCpuNanos();
        });
        m_prefault.populate(0, 1);
        m_parsers[0]->parse(first, false, m_line, pair[0], &m_sink);
        m_worker.wait();
        rebalance();
        if ((m_error = failure(pair[0], 0)))
            return skippedBytes;
        if (pair[0].consumed != first.size()) {
            // A row runs across the cut. The rows before it are read (and the rules that judge
            // a quote look only forward from a row's start, so they read as in one pass); the
            // rest of the window is read by this thread alone.
            append(pair[0], 0);
            m_line += pair[0].lines;
            return parseInTurn(text.substr(pair[0].consumed), atEnd, skippedBytes + pair[0].consumed);
        }
        const std::int64_t secondOffset = m_line + pair[0].lines - 1;
        if ((m_error = failure(pair[1], secondOffset)))
            return skippedBytes;
        m_line = secondOffset + 1 + pair[1].lines;
        // The text is no longer needed (a block holds copies): the next window is fetched and
        // its first part parsed while this block is appended.
        planAhead(pair, first.size() + pair[1].consumed);
        m_worker.post([this, secondOffset, &pair] { appendPair(pair, secondOffset); });
        return skippedBytes + first.size() + pair[1].consumed;
    }

    void Reader::planPages(std::size_t bytes)
    {
        // From the rows per byte so far; nothing before the series are reserved.
        m_prefault.plan(
            m_data.series, m_reserved && m_done > 0 ? static_cast<double>(bytes) / static_cast<double>(m_done) : 0.0);
    }

    void Reader::planAhead(const CsvBlock (&pair)[2], std::size_t bytes)
    {
        // The rows in the series now: a wide file's are in every series, a long one's in one each.
        std::size_t present = 0;
        for (const Series& s : m_data.series)
            present = m_layout->longForm() ? present + s.size() : std::max(present, s.size());
        const std::size_t rows = pair[0].rows + pair[1].rows;
        if (present == 0 || rows == 0 || bytes == 0)
            return;
        // The append to come, then the next first part at this block's rows per byte.
        const std::size_t pending = pair[1].rows + (pair[0].direct ? 0 : pair[0].rows);
        const double next = static_cast<double>(m_options.blockBytes) * m_share * static_cast<double>(rows)
            / static_cast<double>(bytes);
        m_ahead.plan(m_data.series, static_cast<double>(pending) / static_cast<double>(present),
            next / static_cast<double>(present));
    }

    void Reader::rebalance()
    {
        const std::int64_t reader = threadCpuNanos();
        if (m_readerMark >= 0 && m_workerMark >= 0 && reader >= m_readerMark && m_workerCpu >= m_workerMark) {
            // Since the last mark the reading thread read and parsed its part; the worker
            // appended the block before and parsed its part of this one.
            const auto readerBusy = static_cast<double>(reader - m_readerMark);
            const auto workerBusy = static_cast<double>(m_workerCpu - m_workerMark);
            if (readerBusy + workerBusy > 0)
                m_share = std::clamp(
                    m_share + 0.4 * (workerBusy - readerBusy) / (readerBusy + workerBusy), kLeastShare, kMostShare);
        }
        m_readerMark = reader;
        m_workerMark = m_workerCpu;
    }

    std::size_t Reader::parseInTurn(std::string_view text, bool atEnd, std::size_t skippedBytes)
    {
        m_worker.wait();
        m_readerMark = -1; // the worker was idle: no comparison across this block
        CsvBlock& block = m_blocks[0];
        planPages(text.size());
        m_prefault.populate(0, 1);
        m_parsers[0]->parse(text, atEnd, m_line, block, &m_sink);
        if ((m_error = failure(block, 0)))
            return skippedBytes;
        append(block, 0);
        m_line += block.lines;
        return skippedBytes + block.consumed;
    }

    void Reader::appendPair(CsvBlock (&pair)[2], std::int64_t secondOffset)
    {
        const bool direct = pair[0].direct != nullptr;
        if (direct)
            append(pair[0], 0); // its counts: its rows are in the series already
        const std::size_t more = pair[1].rows + (direct ? 0 : pair[0].rows);
        if (m_data.rows > 0) {
            m_prefault.plan(m_data.series, static_cast<double>(more) / static_cast<double>(m_data.rows));
            m_prefault.populate(0, 1);
        }
        if (!direct)
            append(pair[0], 0);
        append(pair[1], secondOffset);
    }

    std::optional<Error> Reader::failure(CsvBlock& block, std::int64_t lineOffset)
    {
        if (!block.fatal)
            return std::nullopt;
        block.fatal->line += static_cast<int>(lineOffset);
        return block.fatal;
    }

    void Reader::append(CsvBlock& block, std::int64_t lineOffset)
    {
        m_data.rows += block.rows;
        m_data.skipped += block.skipped;
        m_data.blankLines += block.blankLines;
        m_data.continuationLines += block.continuationLines;
        for (auto& e : block.firstSkipped) {
            if (m_data.firstSkipped.size() >= m_options.maxReportedSkips)
                break;
            e.line += static_cast<int>(lineOffset);
            m_data.firstSkipped.push_back(std::move(e));
        }
        if (block.direct)
            return;
        if (m_layout->longForm()) {
            m_globalIds.clear();
            m_globalTimes.clear();
            for (auto& name : block.names) {
                auto [it, inserted] = m_seriesIds.try_emplace(name, static_cast<std::uint32_t>(m_data.series.size()));
                if (inserted)
                    m_data.series.push_back(Series { name, {}, {} });
                m_globalIds.push_back(it->second);
                m_globalTimes.push_back(&m_data.series[it->second].times.edit());
            }
            for (std::size_t i = 0; i < block.rows; ++i) {
                const std::uint32_t id = block.ids[i];
                m_globalTimes[id]->push_back(block.times[i]);
                m_data.series[m_globalIds[id]].values.push_back(block.columns[0][i]);
            }
            return;
        }
        auto& times = m_data.series.front().times; // for every series: see shareTimes()
        times.insert(times.end(), block.times.begin(), block.times.end());
        const std::size_t width = m_data.series.size();
        for (std::size_t k = 0; k < width && block.rows > 0; ++k) {
            Series& s = m_data.series[k];
            s.values.insert(s.values.end(), block.columns[k].begin(), block.columns[k].end());
        }
    }

    void Reader::shareTimes()
    {
        if (m_layout && !m_layout->longForm()) {
            for (Series& s : m_data.series)
                s.times = m_data.series.front().times;
        }
    }

    Result<CsvData> Reader::run(CsvSource& input, std::uint64_t total, const ReadControl& control)
    {
        const std::size_t block = std::max<std::size_t>(m_options.blockBytes, 1);
        const std::size_t maxWindow = std::max(kMaxRowBytes, block);
        std::size_t want = block;
        std::uint64_t done = 0;
        while (true) {
            if (control.cancel && control.cancel->load(std::memory_order_relaxed))
                return Error { "cancelled", m_source };
            std::string_view text;
            bool atEnd = false;
            if (auto e = input.window(want, text, atEnd))
                return *e;
            if (text.empty() && atEnd)
                break;
            const std::size_t used = parseWindow(text, atEnd);
            if (m_error)
                return *m_error;
            input.consume(used);
            done += used;
            m_done = done;
            if (!m_reserved) {
                m_worker.wait();
                if (m_data.rows > 0)
                    reserveFor(total, done);
            }
            if (control.progress)
                control.progress(done, std::max(total, done));
            if (atEnd && used == text.size())
                break;
            if (used > 0) {
                want = block;
            } else if (want >= maxWindow) {
                return Error { "a row longer than " + std::to_string(maxWindow >> 20) + " MB (an unterminated quote?)",
                    m_source, static_cast<int>(m_line), 1 };
            } else {
                want = std::min(want * 2, maxWindow);
            }
        }
        m_worker.wait();
        shareTimes();
        if (!m_layout)
            return Error { "the file is empty: expected a header such as timestamp,value and data rows", m_source };
        if (m_data.rows == 0) {
            if (!m_data.firstSkipped.empty()) {
                Error e = m_data.firstSkipped.front();
                e.message
                    = "no readable rows (" + std::to_string(m_data.skipped) + " skipped); the first: " + e.message;
                return e;
            }
            return Error { "no data rows after the header", m_source, static_cast<int>(m_headerLine + 1), 1 };
        }
        if (control.progress)
            control.progress(std::max(total, done), std::max(total, done));
        return std::move(m_data);
    }

    Result<CsvData> guarded(const std::string& source, const std::function<Result<CsvData>()>& read)
    {
        try {
            return read();
        } catch (const std::bad_alloc&) {
            return Error { "out of memory while reading", source };
        } catch (const std::exception& e) {
            return Error { std::string("cannot read: ") + e.what(), source };
        }
    }

} // namespace

Result<CsvData> parseCsv(
    std::string_view text, const std::string& sourceName, const CsvOptions& options, const ReadControl& control)
{
    return guarded(sourceName, [&]() -> Result<CsvData> {
        CsvTextSource input(text);
        Reader reader(sourceName, options);
        return reader.run(input, text.size(), control);
    });
}

Result<CsvData> readCsvFile(const std::string& path, const CsvOptions& options, const ReadControl& control)
{
    return guarded(path, [&]() -> Result<CsvData> {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Error { std::string("cannot open the file: ") + std::strerror(errno), path };
        CsvFileSource input(fd, path);
        struct stat st = {};
        if (::fstat(fd, &st) != 0)
            return Error { std::string("cannot read the file: ") + std::strerror(errno), path };
        if (S_ISDIR(st.st_mode))
            return Error { "cannot read the file: it is a directory", path };
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        Reader reader(path, options);
        return reader.run(input, S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0, control);
    });
}

} // namespace od
