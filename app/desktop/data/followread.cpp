#include "desktop/data/followread.h"

#include "core/csv/csv_reader.h"
#include "core/csv/csv_text.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <string_view>

namespace {

constexpr std::size_t kMaxReportedSkips = 10;
std::atomic<std::uint64_t> g_lineage { 0 };

bool identify(const std::string& path, FileIdentity& identity, std::uint64_t& size)
{
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        return false;
    identity = { static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino) };
    size = static_cast<std::uint64_t>(st.st_size);
    return true;
}

// The bytes [from, to) of the file; empty with ok false when it cannot be read.
std::string readRange(const std::string& path, std::uint64_t from, std::uint64_t to, bool& ok)
{
    QFile f(QString::fromStdString(path));
    ok = f.open(QIODevice::ReadOnly) && f.seek(static_cast<qint64>(from));
    if (!ok)
        return {};
    const QByteArray bytes = f.read(static_cast<qint64>(to - from));
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

FollowOutcome failed(const FollowState& state, std::string message)
{
    FollowOutcome out;
    out.kind = FollowOutcome::Kind::Failed;
    out.state = state;
    out.error = od::Error(std::move(message), state.path);
    return out;
}

// A line that is not the file's first, as the reader must see it when it reads the line alone
// or first: after a blank line when it starts with the mark, which is text there.
std::string asLaterLine(const std::string& line)
{
    return line.starts_with(od::kUtf8Mark) ? '\n' + line : line;
}

// Lines holding more than blanks: the rows the CSV reader sees.
std::size_t nonBlankLines(std::string_view text)
{
    std::size_t n = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        n += !od::isBlankLine(text.substr(at, end - at));
        at = end + 1;
    }
    return n;
}

// How many rows a read that could read none of text's rows skipped: every non-blank line but
// the first, which is a header unless the read failed on that very line (a file without one).
std::size_t unreadableRows(std::string_view text, const od::Error& error)
{
    const std::size_t rows = nonBlankLines(text);
    std::size_t at = 0;
    for (int line = 1; line < error.line && at < text.size(); ++line)
        at = std::min(text.find('\n', at), text.size() - 1) + 1;
    const bool firstIsData = error.line > 0 && nonBlankLines(text.substr(0, at)) == 0;
    return firstIsData ? rows : rows - std::min<std::size_t>(rows, 1);
}

// The first line holding more than blanks: the row the CSV reader takes the columns from (a
// header, or the first data row of a file without one). Empty when there is none yet.
std::string firstRow(std::string_view text)
{
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, end - at);
        if (!od::isBlankLine(line))
            return std::string(line);
        at = end + 1;
    }
    return {};
}

// A wide file's series share one time column (core/shared_column.h). Changed series by series,
// each would get a copy of its own; this makes a change once per column and hands the result to
// every series whose times were that column and are given the same change (the same key).
class SharedTimesEdit
{
public:
    template <typename Change> void apply(od::SharedColumn<std::int64_t>& times, std::uintptr_t key, Change change)
    {
        // An empty column has no identity; a column's address cannot be reused while this runs:
        // one changed in place was held by no other series.
        const std::int64_t* before = times.empty() ? nullptr : times.data();
        for (const Done& d : m_done) {
            if (before && d.before == before && d.key == key) {
                times = d.after;
                return;
            }
        }
        change(times);
        if (before)
            m_done.push_back({ before, key, times });
    }

private:
    struct Done
    {
        const std::int64_t* before;
        std::uintptr_t key;
        od::SharedColumn<std::int64_t> after;
    };
    std::vector<Done> m_done;
};

// parsed read the file's first row again before the new lines. Where that row is data (a file
// without a header), its points are in the dataset already, or it was counted as skipped: take
// it out again, so that it is not added twice.
void dropFirstRow(od::CsvData& parsed, const std::string& row, int rowLine, const std::string& path)
{
    if (!parsed.firstSkipped.empty() && parsed.firstSkipped.front().line == rowLine) {
        parsed.firstSkipped.erase(parsed.firstSkipped.begin());
        --parsed.skipped;
        return;
    }
    const auto alone = od::parseCsv(asLaterLine(row), path);
    if (!alone)
        return; // a header
    SharedTimesEdit timesEdit;
    for (const auto& first : alone->series) {
        for (auto& s : parsed.series) {
            if (s.name != first.name)
                continue;
            const auto n = static_cast<std::ptrdiff_t>(std::min(first.size(), s.size()));
            timesEdit.apply(s.times, static_cast<std::uintptr_t>(n),
                [n](auto& times) { times.erase(times.begin(), times.begin() + n); });
            s.values.erase(s.values.begin(), s.values.begin() + n);
        }
    }
    parsed.rows -= std::min(parsed.rows, alone->rows);
}

// The whole file up to its last newline.
FollowOutcome reload(const FollowState& previous, const FileIdentity& identity, std::uint64_t size)
{
    bool ok = false;
    std::string text = readRange(previous.path, 0, size, ok);
    if (!ok)
        return failed(previous, "cannot be read");
    const std::size_t lastNewline = text.rfind('\n');
    FollowOutcome out;
    out.kind = FollowOutcome::Kind::Reloaded;
    out.state.path = previous.path;
    out.state.identity = identity;
    out.state.started = true;
    auto data = std::make_shared<Dataset>();
    data->files = { QString::fromStdString(previous.path) };
    data->lineage = ++g_lineage; // detections of what was there before do not fit this
    if (lastNewline != std::string::npos) {
        text.resize(lastNewline + 1);
        out.state.offset = text.size();
        out.state.tail = text.substr(text.size() - std::min(text.size(), kFollowTailBytes));
        out.state.lines = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
        out.state.header = firstRow(od::afterUtf8Mark(text));
        auto parsed = od::parseCsv(text, previous.path);
        if (parsed) {
            data->series = std::move(parsed->series);
            data->rows = parsed->rows;
            data->skipped = parsed->skipped;
            data->firstSkipped = std::move(parsed->firstSkipped);
        } else if (const std::size_t unreadable = unreadableRows(od::afterUtf8Mark(text), parsed.error());
                   unreadable > 0) {
            // Rows, none readable (a lone header is no error): say so, count them as a fresh
            // read of the file will once one row is readable, and keep following.
            out.error = parsed.error();
            data->skipped = unreadable;
            data->firstSkipped = { parsed.error() };
        }
    }
    finishDataset(*data);
    out.dataset = std::move(data);
    return out;
}

} // namespace

FollowOutcome followStep(const FollowState& state, const DatasetPtr& current)
{
    FileIdentity identity;
    std::uint64_t size = 0;
    if (!identify(state.path, identity, size))
        return failed(state, "cannot be found (deleted or renamed?); still watching for it");
    if (!state.started || !current || identity != state.identity || size < state.offset)
        return reload(state, identity, size);
    FollowOutcome out;
    out.state = state;
    // From the start of the tail read before: it must be there still, byte for byte.
    const std::uint64_t tailSize = std::min<std::uint64_t>(state.tail.size(), state.offset);
    if (size == state.offset && tailSize == 0)
        return out;
    bool ok = false;
    std::string part = readRange(state.path, state.offset - tailSize, size, ok);
    if (!ok)
        return failed(state, "cannot be read");
    if (part.compare(0, tailSize, state.tail, state.tail.size() - tailSize, tailSize) != 0)
        return reload(state, identity, size); // not the bytes read before: cut and grown again, or replaced
    part.erase(0, tailSize);
    const std::size_t lastNewline = part.rfind('\n');
    if (lastNewline == std::string::npos)
        return out; // a line still being written: wait for its end
    part.resize(lastNewline + 1);
    out.state.offset += part.size();
    const std::string recent
        = part.size() >= kFollowTailBytes ? part.substr(part.size() - kFollowTailBytes) : state.tail + part;
    out.state.tail = recent.substr(recent.size() - std::min(recent.size(), kFollowTailBytes));
    out.state.lines += static_cast<std::uint64_t>(std::count(part.begin(), part.end(), '\n'));

    // The new lines under the file's first row, so that they are read with its columns. A file
    // of blank lines so far has none: its first row is in this part, and read as such. A part
    // that does not start the file goes after a blank line, so that the reader takes a byte
    // order mark at its start as text, as a read of the whole file does.
    const bool hasFirstRow = !state.header.empty();
    const std::string lead = hasFirstRow ? asLaterLine(state.header) + '\n' : state.offset > 0 ? "\n" : "";
    const std::string text = lead + part;
    const std::string_view seen = lead.empty() ? od::afterUtf8Mark(text) : std::string_view(text);
    // Line k of the part is line state.lines + k of the file; the lead took the lines before.
    const int extraLines = static_cast<int>(std::count(lead.begin(), lead.end(), '\n'));
    auto parsed = od::parseCsv(text, state.path);
    if (parsed && hasFirstRow)
        dropFirstRow(*parsed, state.header, extraLines, state.path);
    if (!hasFirstRow)
        out.state.header = firstRow(seen);
    auto place = [&](od::Error e) {
        if (e.line > extraLines)
            e.line = static_cast<int>(static_cast<std::uint64_t>(e.line - extraLines) + state.lines);
        return e;
    };
    auto data = std::make_shared<Dataset>(*current);
    out.kind = FollowOutcome::Kind::Appended;
    if (!parsed) {
        // None of the new lines is a row: blank lines only, or every one unreadable.
        // The first row, when it came with this part, may be a header rather than a bad row.
        const std::size_t unreadable = hasFirstRow ? nonBlankLines(part) : unreadableRows(seen, parsed.error());
        if (unreadable > 0) {
            out.error = place(parsed.error());
            data->skipped += unreadable;
            if (data->firstSkipped.size() < kMaxReportedSkips)
                data->firstSkipped.push_back(out.error);
        }
        out.dataset = std::move(data);
        return out;
    }
    std::map<std::string, std::size_t> byName;
    for (std::size_t i = 0; i < data->series.size(); ++i)
        byName.emplace(data->series[i].name, i);
    std::vector<bool> changed(data->series.size(), false);
    SharedTimesEdit timesEdit;
    for (auto& s : parsed->series) {
        auto it = byName.find(s.name);
        if (it == byName.end()) {
            data->series.push_back(std::move(s));
            changed.push_back(true);
            continue;
        }
        od::Series& into = data->series[it->second];
        timesEdit.apply(into.times, reinterpret_cast<std::uintptr_t>(s.times.data()),
            [&s](auto& times) { times.insert(times.end(), s.times.begin(), s.times.end()); });
        into.values.insert(into.values.end(), s.values.begin(), s.values.end());
        changed[it->second] = true;
    }
    data->rows += parsed->rows;
    data->skipped += parsed->skipped;
    for (auto& e : parsed->firstSkipped) {
        if (out.error.message.empty())
            out.error = place(e); // said in the status bar, as a load says its skipped rows
        if (data->firstSkipped.size() < kMaxReportedSkips)
            data->firstSkipped.push_back(place(std::move(e)));
    }
    // Only the series that grew need their extent and pyramid made again.
    data->extents.resize(data->series.size());
    data->pyramids.resize(data->series.size());
    for (std::size_t i = 0; i < data->series.size(); ++i) {
        if (changed[i]) {
            data->extents[i] = measureSeries(data->series[i]);
            data->pyramids[i] = od::MinMaxPyramid(data->series[i].values);
        }
    }
    out.appendedRows = parsed->rows;
    out.dataset = std::move(data);
    return out;
}
