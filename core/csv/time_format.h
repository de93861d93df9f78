#pragma once
// Reading and writing instants as the CSV contract and the JSON output want them.

#include "core/csv/digit_words.h"

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

// parseTime for a column of times: the same answers, faster. Inline for what nearly every file
// holds (bare epoch digits; ISO times within the minute of the row before, as long-form files
// list every series at each instant and wide ones step by seconds); the rest out of line. One
// per thread.
class TimeReader
{
public:
    explicit TimeReader(TimeUnit epochUnit = TimeUnit::Auto);
    std::optional<std::int64_t> operator()(std::string_view text)
    {
        std::int64_t n;
        if (read(text, n))
            return n;
        return std::nullopt;
    }

    // The same as a flag and an out-parameter, for the reader's loop: an optional returned
    // from the inline paths and the out-of-line one was joined through the stack, and its
    // 16-byte reload, stalled behind two smaller stores, cost more than reading the time.
    OD_ALWAYS_INLINE bool read(std::string_view text, std::int64_t& nanos)
    {
        return readInline(text, nanos) || readGeneral(text, nanos);
    }

    // read() without its general parser: only the layouts it reads inline (8 to 16 bare digits;
    // "YYYY-MM-DDTHH:MM:SS", a fraction and a Z in the minute of the time before), each checked
    // byte by byte, so that no other character can be in a text it accepts. False for the rest,
    // which read() may still take.
    OD_ALWAYS_INLINE bool readInline(std::string_view text, std::int64_t& nanos)
    {
        constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
        std::int64_t n;
        if (text.size() < 19)
            return epochDigits(text, nanos);
        if (!sameMinute(text, n))
            return false;
        if (text.size() == 19 || (text.size() == 20 && (text[19] == 'Z' || text[19] == 'z'))) {
            nanos = n * kNanosPerSecond;
            return true;
        }
        std::int64_t fraction;
        if (!fixedTail(text, fraction))
            return false;
        nanos = n * kNanosPerSecond + fraction;
        return true;
    }

private:
    // 8 to 16 bare digits (epoch seconds or milliseconds as nearly every export writes them),
    // as parseTime reads them; false for anything else, which general() then reads.
    bool epochDigits(std::string_view text, std::int64_t& nanos) const;
    // The seconds since the epoch of the first 19 characters "YYYY-MM-DDTHH:MM:SS" when the
    // first 17 are those of the last time general() read on the fixed-layout path: the minute is
    // known, only the second is read. What may follow is for the caller.
    bool sameMinute(std::string_view text, std::int64_t& seconds) const;
    // What may follow "YYYY-MM-DDTHH:MM:SS" on that path: an optional fraction, then an optional Z.
    static bool fixedTail(std::string_view text, std::int64_t& fraction);
    std::optional<std::int64_t> general(std::string_view text);
    bool readGeneral(std::string_view text, std::int64_t& nanos);

    TimeUnit m_unit;
    bool m_haveMinute = false;
    char m_minutePrefix[17] = {}; // "YYYY-MM-DDTHH:MM:"
    std::int64_t m_minuteSeconds = 0; // that minute's first second since the epoch
};

OD_ALWAYS_INLINE inline bool TimeReader::epochDigits(std::string_view text, std::int64_t& nanos) const
{
    static constexpr std::uint64_t kPowersOfTen[]
        = { 1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000 };
    const std::size_t n = text.size();
    if (n < 8 || n > 16)
        return false;
    // The first eight digits, and the last eight (overlapping them) for the rest.
    const std::uint64_t head = digits::loadEight(text.data());
    const std::uint64_t tail = digits::loadEight(text.data() + n - 8);
    if (!digits::allDigits(head) || !digits::allDigits(tail))
        return false;
    std::uint64_t whole = digits::eightDigitsValue(head);
    if (n > 8) {
        const unsigned rest = static_cast<unsigned>(n - 8);
        whole = whole * kPowersOfTen[rest] + digits::eightDigitsValue(tail & (~std::uint64_t(0) << (8 * (8 - rest))));
    }
    // Seconds since 1970 have 10 digits until the year 2286; 11+ digits are milliseconds.
    // The bounds keep the nanoseconds inside int64 (years 1678 to 2262).
    if (m_unit == TimeUnit::Milliseconds || (m_unit == TimeUnit::Auto && n >= 11)) {
        if (whole > std::uint64_t(INT64_MAX / 1'000'000 - 1))
            return false;
        nanos = static_cast<std::int64_t>(whole) * 1'000'000;
    } else {
        if (whole > std::uint64_t(INT64_MAX / 1'000'000'000 - 1))
            return false;
        nanos = static_cast<std::int64_t>(whole) * 1'000'000'000;
    }
    return true;
}

OD_ALWAYS_INLINE inline bool TimeReader::sameMinute(std::string_view text, std::int64_t& seconds) const
{
    const char* p = text.data();
    if (!m_haveMinute || text.size() < 19 || digits::loadEight(p) != digits::loadEight(m_minutePrefix)
        || digits::loadEight(p + 8) != digits::loadEight(m_minutePrefix + 8)
        || digits::loadEight(p + 9) != digits::loadEight(m_minutePrefix + 9))
        return false;
    const unsigned tens = static_cast<unsigned char>(p[17]) - unsigned('0');
    const unsigned ones = static_cast<unsigned char>(p[18]) - unsigned('0');
    // 60 allows a leap second, as parseTime does.
    if (tens > 9 || ones > 9 || tens * 10 + ones > 60)
        return false;
    seconds = m_minuteSeconds + tens * 10 + ones;
    // Past this the nanoseconds overflow int64 (the year 2262).
    return seconds <= INT64_MAX / 1'000'000'000 - 1;
}

// "2020-05-22T14:13:18Z", with a fraction only when the instant has one (".250Z").
std::string formatIsoUtc(std::int64_t nanos);

// A span of time as people read it: "0s", "45s", "3m 20s", "2h 05m", "3d 4h"; under a minute with
// up to 3 decimals where there is a fraction ("1.25s"). A negative span (times that step
// backwards) gets a leading "-".
std::string formatDuration(std::int64_t nanos);

} // namespace od
