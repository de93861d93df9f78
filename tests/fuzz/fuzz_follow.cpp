// libFuzzer target for the follow reader (app/desktop/data/followread): a real file in a scratch
// directory is appended to, truncated, replaced (rotation) and moved away in the order the
// input says, looked at with followStep in between, and after every look:
//
// - a look at a missing file fails with a message and leaves the state as it was;
// - otherwise the state stops just after the last whole line, counts the lines before it, and
//   keeps the file's first non-blank line as the header;
// - the dataset's series are whole (one time per value; one extent and pyramid per series);
// - a file whose last bytes read before have changed (cut and grown again, or replaced under a
//   reused inode number) is read again from its start;
// - the data equals a fresh read of the file's whole lines, as if it had been opened now,
//   unless bytes before the last look's end changed while the last kFollowTailBytes of them
//   stayed as they were (a look cannot tell that from an append without reading it all), or
//   the file holds a quote: the follow reader reads whole lines, and a quoted field may hold a
//   line break (or a stray quote swallow the lines after it) that only a read from the start sees.
//
// The input is a little byte code: 'A' n bytes: append; 'T' k: truncate to k/255 of the file;
// 'R' n bytes: replace the file by a new one (renamed over it, as an editor saves; the freed
// inode number may come back); 'D': move it away (as log rotation does); 'L': look. Other bytes are skipped; a look
// follows the last operation.

#include "desktop/data/followread.h"

#include "core/csv/csv_reader.h"
#include "core/csv/csv_text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const char* what)
{
    std::fprintf(stderr, "fuzz_follow: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what)
{
    if (!ok)
        fail(what);
}

// One scratch directory per process, removed at exit.
const fs::path& scratch()
{
    static const fs::path dir = [] {
        std::string pattern = (fs::temp_directory_path() / "fuzz-follow-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            fail("cannot make a scratch directory");
        std::atexit([] { fs::remove_all(scratch()); });
        return fs::path(pattern);
    }();
    return dir;
}

void writeFile(const fs::path& path, std::string_view bytes, std::ios::openmode mode)
{
    std::ofstream out(path, std::ios::binary | mode);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    check(out.good(), "cannot write the scratch file");
}

bool sameValues(const std::vector<double>& a, const std::vector<double>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    }
    return true;
}

// The file as the test knows it, kept beside the real one.
struct Model
{
    std::string content;
    bool exists = false;
};

void checkState(const FollowState& state, const Model& file)
{
    const auto& text = file.content;
    check(state.started, "a look that did not fail left the state unstarted");
    check(state.offset == 0 || text[state.offset - 1] == '\n', "the offset is not just after a newline");
    check(text.find('\n', state.offset) == std::string::npos, "a whole line was left unread");
    const std::string_view consumed(text.data(), state.offset);
    check(state.lines == static_cast<std::uint64_t>(std::count(consumed.begin(), consumed.end(), '\n')),
        "the line count is wrong");
    std::string_view row;
    // A byte order mark at the very start is not part of the first line (the CSV reader drops it).
    for (std::size_t at = consumed.size() - od::afterUtf8Mark(consumed).size(); at < consumed.size() && row.empty();) {
        const std::size_t end = consumed.find('\n', at);
        const std::string_view line = consumed.substr(at, end - at);
        if (!od::isBlankLine(line))
            row = line;
        at = end + 1;
    }
    check(state.header == row, "the header is not the first non-blank line");
}

void checkDataset(const Dataset& data)
{
    check(data.extents.size() == data.series.size() && data.pyramids.size() == data.series.size(),
        "one extent and one pyramid per series");
    for (const auto& s : data.series)
        check(s.times.size() == s.values.size(), "times and values of unequal length");
}

// The data a fresh open of the file's whole lines would show.
void checkAgainstFreshRead(const Dataset& data, const Model& file, const FollowState& state)
{
    const auto fresh = od::parseCsv(std::string_view(file.content.data(), state.offset), state.path);
    if (!fresh) {
        check(data.series.empty() || data.rows > 0, "series without rows");
        return;
    }
    check(data.series.size() == fresh->series.size(), "not the series a fresh read gives");
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const auto& a = data.series[i];
        const auto& b = fresh->series[i];
        check(a.name == b.name, "a series name differs from a fresh read");
        check(a.times == b.times, "a series' times differ from a fresh read");
        check(sameValues(a.values, b.values), "a series' values differ from a fresh read");
    }
    if (std::getenv("FUZZ_FOLLOW_TRACE")) {
        std::fprintf(stderr, "follow: rows %zu skipped %zu; fresh read: rows %zu skipped %zu\n", data.rows,
            data.skipped, fresh->rows, fresh->skipped);
    }
    check(data.rows == fresh->rows, "the row count differs from a fresh read");
    check(data.skipped == fresh->skipped, "the skipped count differs from a fresh read");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fs::path path = scratch() / "follow.csv";
    fs::remove_all(scratch());
    fs::create_directories(scratch());

    Model file;
    FollowState state;
    state.path = path.string();
    DatasetPtr current;
    bool tainted = false; // read over a change no look can see: wrong until the next reload
    std::string seen; // the file's bytes up to the offset, at the last look that read it
    int movedAway = 0;

    auto look = [&] {
        const FollowOutcome out = followStep(state, current);
        if (std::getenv("FUZZ_FOLLOW_TRACE")) { // the steps of one input, when a finding needs explaining
            std::fprintf(stderr, "look at %zu bytes: kind %d, offset %llu, error '%s'\n", file.content.size(),
                static_cast<int>(out.kind), static_cast<unsigned long long>(out.state.offset),
                out.error.toString().c_str());
        }
        if (!file.exists) {
            check(out.kind == FollowOutcome::Kind::Failed, "a look at a missing file did not fail");
            check(!out.error.message.empty(), "a failed look without a message");
            check(out.state.offset == state.offset && out.state.lines == state.lines
                    && out.state.identity == state.identity && out.state.started == state.started,
                "a failed look changed the state");
            return;
        }
        check(out.kind != FollowOutcome::Kind::Failed, "a look at a readable file failed");
        if (out.kind == FollowOutcome::Kind::Reloaded) {
            tainted = false;
        } else if (state.started) {
            const std::size_t end = state.offset;
            const std::size_t tail = std::min(end, kFollowTailBytes);
            const auto& text = file.content;
            check(text.size() >= end && text.compare(end - tail, tail, seen, end - tail, tail) == 0,
                "the bytes before the offset changed and the file was not read again");
            tainted = tainted || text.compare(0, end, seen) != 0;
        }
        check(out.state.offset <= file.content.size(), "the offset is past the end of the file");
        if (!tainted)
            checkState(out.state, file);
        if (out.kind == FollowOutcome::Kind::Unchanged) {
            check(!out.dataset, "an unchanged look made a dataset");
            check(out.state.offset == state.offset, "an unchanged look moved the offset");
        } else {
            check(out.dataset != nullptr, "a look that read rows made no dataset");
            checkDataset(*out.dataset);
            if (!tainted && file.content.find('"') == std::string::npos)
                checkAgainstFreshRead(*out.dataset, file, out.state);
            current = out.dataset;
        }
        state = out.state;
        seen = file.content.substr(0, state.offset);
    };

    std::size_t at = 0;
    auto byte = [&]() -> std::uint8_t { return at < size ? data[at++] : 0; };
    auto bytes = [&]() {
        const std::size_t n = std::min<std::size_t>(byte(), size - at);
        const std::string_view s(reinterpret_cast<const char*>(data + at), n);
        at += n;
        return s;
    };
    while (at < size) {
        switch (byte()) {
        case 'A': {
            const auto s = bytes();
            writeFile(path, s, std::ios::app);
            file.content += s;
            file.exists = true;
            break;
        }
        case 'T':
            if (file.exists) {
                const std::size_t keep = file.content.size() * byte() / 255;
                fs::resize_file(path, keep);
                file.content.resize(keep);
            }
            break;
        case 'R': {
            const fs::path next = scratch() / "next.csv";
            const auto s = bytes();
            writeFile(next, s, std::ios::trunc);
            fs::rename(next, path);
            file.content = std::string(s);
            file.exists = true;
            break;
        }
        case 'D':
            if (file.exists) {
                fs::rename(path, scratch() / ("moved-" + std::to_string(movedAway++)));
                file = Model();
            }
            break;
        case 'L':
            look();
            break;
        default:
            break;
        }
    }
    look();
    return 0;
}
