#pragma once
// One look at a file that is still being written (File > Follow Changes): what was appended
// since the last look, or the whole file again when it was truncated or replaced. Only whole
// lines are read: a last line without its newline is left for the next look, never reported
// as an unreadable row. Runs on a worker thread; the GUI thread only receives the outcome.

#include "chart/dataset.h"

#include "core/result.h"

#include <cstdint>
#include <string>

// Which file a path names right now: a file replaced under the same name (log rotation, an
// editor's save) has another identity.
struct FileIdentity
{
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileIdentity&) const = default;
};

// Where the previous look stopped.
struct FollowState
{
    std::string path;
    std::uint64_t offset = 0; // bytes consumed, always just after a newline
    std::uint64_t lines = 0; // newlines before offset: the line number of the last line read
    std::string header; // the first non-blank line, put before each appended part when parsing it
    FileIdentity identity;
    // The last bytes read (up to kFollowTailBytes), read again at each look: a file cut and grown
    // again past offset between two looks, or replaced under an inode number that was freed
    // and reused, shows there, where its size and identity look like a file that only grew.
    std::string tail;
    bool started = false; // false: the next look reads the whole file
};

inline constexpr std::size_t kFollowTailBytes = 64;

struct FollowOutcome
{
    enum class Kind {
        Unchanged, // nothing new, or only part of a line
        Appended, // rows were added to the end
        Reloaded, // the first look, or the file was truncated or replaced
        Failed, // the file cannot be read (the state is unchanged)
    } kind
        = Kind::Unchanged;
    FollowState state; // for the next look
    DatasetPtr dataset; // Appended and Reloaded: the data as it stands now
    std::size_t appendedRows = 0;
    od::Error error; // Failed: why; Appended: the first new line that could not be read, if any
};

// Looks at state.path once. current is the dataset the previous look produced (or null).
FollowOutcome followStep(const FollowState& state, const DatasetPtr& current);
