#include "desktop/data/followread.h"

#include "core/csv_reader.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <map>

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
        out.state.lines = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
        out.state.header = text.substr(0, text.find('\n'));
        auto parsed = od::parseCsv(text, previous.path);
        if (parsed) {
            data->series = std::move(parsed->series);
            data->rows = parsed->rows;
            data->skipped = parsed->skipped;
            data->firstSkipped = std::move(parsed->firstSkipped);
        } else if (out.state.lines > 1) {
            out.error = parsed.error(); // a header and rows, none readable: say so, keep following
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
    if (size == state.offset)
        return out;
    bool ok = false;
    std::string part = readRange(state.path, state.offset, size, ok);
    if (!ok)
        return failed(state, "cannot be read");
    const std::size_t lastNewline = part.rfind('\n');
    if (lastNewline == std::string::npos)
        return out; // a line still being written: wait for its end
    part.resize(lastNewline + 1);
    out.state.offset += part.size();
    out.state.lines += static_cast<std::uint64_t>(std::count(part.begin(), part.end(), '\n'));

    // The new lines under the file's own header, so that they are read with its columns.
    auto parsed = od::parseCsv(state.header + '\n' + part, state.path);
    // Line k of the part is line state.lines + k of the file; the header took line 1.
    auto place = [&](od::Error e) {
        if (e.line > 0)
            e.line = static_cast<int>(static_cast<std::uint64_t>(e.line - 1) + state.lines);
        return e;
    };
    auto data = std::make_shared<Dataset>(*current);
    out.kind = FollowOutcome::Kind::Appended;
    if (!parsed) {
        // None of the new lines is a row: blank lines only, or every one unreadable.
        std::size_t unreadable = 0;
        for (std::size_t at = 0; at < part.size();) {
            const std::size_t end = part.find('\n', at);
            unreadable += part.find_first_not_of(" \t\r", at) < end;
            at = end + 1;
        }
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
    for (auto& s : parsed->series) {
        auto it = byName.find(s.name);
        if (it == byName.end()) {
            data->series.push_back(std::move(s));
            changed.push_back(true);
            continue;
        }
        od::Series& into = data->series[it->second];
        into.times.insert(into.times.end(), s.times.begin(), s.times.end());
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
