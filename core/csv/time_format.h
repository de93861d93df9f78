#pragma once
// Reading and writing instants as the CSV contract and the JSON output want them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace od {

// How a bare number in a time column is read.
enum class TimeUnit {
    Auto, // by magnitude: 11 or more integer digits (1e10 or more) are milliseconds
    Seconds,
    Milliseconds,
};

// Parses ISO 8601 (`T` or space, optional fraction, optional `Z` or `+hh:mm`/`-hh:mm`; no zone
// means UTC) or Unix epoch seconds / milliseconds (told apart by magnitude: 11 or more integer
// digits are milliseconds). Returns nanoseconds since the epoch, or nothing if unreadable.
std::optional<std::int64_t> parseTime(std::string_view text);
// The same, with the unit of epoch numbers fixed by the caller instead of guessed. ISO times
// are read the same either way. Allocation-free; the common "YYYY-MM-DD[T ]HH:MM:SS[.fff][Z]"
// layout takes a fast path.
std::optional<std::int64_t> parseTime(std::string_view text, TimeUnit epochUnit);

// parseTime for a column of times: the same answers, faster when rows repeat the date and
// second of the row before (long-form files list every series at each instant). One per thread.
class TimeReader
{
public:
    explicit TimeReader(TimeUnit epochUnit = TimeUnit::Auto);
    std::optional<std::int64_t> operator()(std::string_view text);

private:
    TimeUnit m_unit;
    bool m_haveLast = false;
    char m_lastPrefix[19] = {}; // "YYYY-MM-DDTHH:MM:SS" of the last fast-path time
    std::int64_t m_lastSeconds = 0;
};

// "2020-05-22T14:13:18Z", with a fraction only when the instant has one (".250Z").
std::string formatIsoUtc(std::int64_t nanos);

// A span of time as people read it: "0s", "45s", "3m 20s", "2h 05m", "3d 4h"; under a minute with
// up to 3 decimals where there is a fraction ("1.25s"). A negative span (times that step
// backwards) gets a leading "-".
std::string formatDuration(std::int64_t nanos);

} // namespace od
