#include "core/csv/time_format.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace od {
namespace {

    constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
    // Instants outside this range of seconds overflow int64 nanoseconds (years 1678 to 2262).
    constexpr std::int64_t kMaxSeconds = INT64_MAX / kNanosPerSecond - 1;

    // Howard Hinnant's days-from-civil: proleptic Gregorian date to days since 1970-01-01.
    constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
    {
        y -= m <= 2;
        const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
    }

    constexpr bool isLeap(int y)
    {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    int daysInMonth(int y, int m)
    {
        static constexpr int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        return m == 2 && isLeap(y) ? 29 : days[m - 1];
    }

    // Reads exactly n decimal digits at pos; advances pos.
    bool digits(std::string_view s, std::size_t& pos, int n, int& out)
    {
        if (pos + n > s.size())
            return false;
        int v = 0;
        for (int i = 0; i < n; ++i) {
            const char c = s[pos + i];
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
        }
        out = v;
        pos += n;
        return true;
    }

    bool expect(std::string_view s, std::size_t& pos, char c)
    {
        if (pos < s.size() && s[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    }

    std::optional<std::int64_t> parseIso(std::string_view s)
    {
        std::size_t pos = 0;
        int year, month, day, hour = 0, minute = 0, second = 0;
        if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) || !expect(s, pos, '-')
            || !digits(s, pos, 2, day))
            return std::nullopt;
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
            return std::nullopt;
        std::int64_t fraction = 0;
        if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
            ++pos;
            if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute))
                return std::nullopt;
            if (expect(s, pos, ':')) {
                if (!digits(s, pos, 2, second))
                    return std::nullopt;
                if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
                    ++pos;
                    std::int64_t scale = kNanosPerSecond / 10;
                    const std::size_t start = pos;
                    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                        fraction += (s[pos] - '0') * scale; // digits past nanoseconds are dropped
                        scale /= 10;
                        ++pos;
                    }
                    if (pos == start)
                        return std::nullopt;
                }
            }
            // 60 allows a leap second; it lands on the next minute's first second.
            if (hour > 23 || minute > 59 || second > 60)
                return std::nullopt;
        }
        std::int64_t offsetSeconds = 0;
        if (pos < s.size()) {
            if (s[pos] == 'Z' || s[pos] == 'z') {
                ++pos;
            } else if (s[pos] == '+' || s[pos] == '-') {
                const int sign = s[pos] == '-' ? -1 : 1;
                ++pos;
                int oh, om = 0;
                if (!digits(s, pos, 2, oh))
                    return std::nullopt;
                if (expect(s, pos, ':')) {
                    if (!digits(s, pos, 2, om))
                        return std::nullopt;
                } else if (pos < s.size() && !digits(s, pos, 2, om)) {
                    return std::nullopt;
                }
                if (oh > 23 || om > 59)
                    return std::nullopt;
                offsetSeconds = sign * (oh * 3600 + om * 60);
            }
        }
        if (pos != s.size())
            return std::nullopt;
        const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
        const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
        if (seconds > kMaxSeconds || seconds < -kMaxSeconds)
            return std::nullopt;
        return seconds * kNanosPerSecond + fraction;
    }

    // Whether s can be in that layout at all: checked before the call, so that a column of epoch
    // times does not pay a function call (and an optional returned through memory) per row.
    inline bool mayBeIsoFixed(std::string_view s)
    {
        return s.size() >= 19 && s[4] == '-';
    }

    // The first 19 characters of the layout nearly every export uses, "2020-05-22T14:13:18",
    // as seconds since the epoch; nothing when they are in another layout or impossible.
    std::optional<std::int64_t> isoFixedSeconds(std::string_view s)
    {
        if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':'
            || (s[10] != 'T' && s[10] != ' ' && s[10] != 't'))
            return std::nullopt;
        static constexpr int kDigitAt[] = { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 };
        int d[14];
        for (int i = 0; i < 14; ++i) {
            const unsigned v = static_cast<unsigned>(s[kDigitAt[i]]) - '0';
            if (v > 9)
                return std::nullopt;
            d[i] = static_cast<int>(v);
        }
        const int year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
        const int month = d[4] * 10 + d[5];
        const int day = d[6] * 10 + d[7];
        const int hour = d[8] * 10 + d[9];
        const int minute = d[10] * 10 + d[11];
        const int second = d[12] * 10 + d[13];
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
            || second > 60)
            return std::nullopt;
        const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
        const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
        if (seconds > kMaxSeconds || seconds < -kMaxSeconds)
            return std::nullopt;
        return seconds;
    }

    // What may follow those 19 characters on the fast path: an optional fraction, then an
    // optional Z. Anything else (an offset) is for the general parser.
    bool isoFixedTail(std::string_view s, std::int64_t& fraction)
    {
        std::size_t pos = 19;
        fraction = 0;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            std::int64_t scale = kNanosPerSecond / 10;
            const std::size_t start = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                fraction += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return false;
        }
        if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z'))
            ++pos;
        return pos == s.size();
    }

    // Epoch seconds or milliseconds, "1590156798", "1590156798.25", "1590156798250", exactly in
    // integer arithmetic (a double would lose the last milliseconds); an exponent form is read
    // as a double.
    std::optional<std::int64_t> parseEpoch(std::string_view s, TimeUnit unitChoice)
    {
        std::size_t pos = 0;
        const bool negative = !s.empty() && s[0] == '-';
        if (!s.empty() && (s[0] == '-' || s[0] == '+'))
            ++pos;
        const std::size_t intStart = pos;
        std::int64_t whole = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (whole > 100'000'000'000'000'000LL)
                return std::nullopt;
            whole = whole * 10 + (s[pos] - '0');
            ++pos;
        }
        const std::size_t intDigits = pos - intStart;
        // Seconds since 1970 have 10 digits until the year 2286; 11+ digits are milliseconds.
        const bool millis = unitChoice == TimeUnit::Milliseconds || (unitChoice == TimeUnit::Auto && intDigits >= 11);
        const std::int64_t unit = millis ? 1'000'000 : kNanosPerSecond;
        std::int64_t fraction = 0;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            std::int64_t scale = unit / 10;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                fraction += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
        }
        if (pos != s.size()) {
            double v = 0;
            const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
                return std::nullopt;
            const bool vMillis
                = unitChoice == TimeUnit::Milliseconds || (unitChoice == TimeUnit::Auto && std::fabs(v) >= 1e10);
            const double nanos = v * (vMillis ? 1e6 : 1e9);
            if (std::fabs(nanos) > 9.2e18)
                return std::nullopt;
            return static_cast<std::int64_t>(nanos);
        }
        if (intDigits == 0 || whole > INT64_MAX / unit - 1)
            return std::nullopt;
        const std::int64_t nanos = whole * unit + fraction;
        return negative ? -nanos : nanos;
    }

    // A bare run of 1 to 18 digits (epoch seconds or milliseconds as nearly every export writes
    // them), read without the general path's trimming, signs and fractions: exactly what
    // parseEpoch gives it. Nothing when the text is anything else or out of range, which the
    // general path then reads or rejects.
    std::optional<std::int64_t> plainEpoch(std::string_view s, TimeUnit unitChoice)
    {
        if (s.empty() || s.size() > 18)
            return std::nullopt;
        std::uint64_t whole = 0;
        std::size_t pos = 0;
        for (; pos + 8 <= s.size(); pos += 8) {
            const std::uint64_t eight = digits::loadEight(s.data() + pos);
            if (!digits::allDigits(eight))
                return std::nullopt;
            whole = whole * 100'000'000 + digits::eightDigitsValue(eight);
        }
        for (; pos < s.size(); ++pos) {
            const unsigned digit = static_cast<unsigned>(s[pos]) - '0';
            if (digit > 9)
                return std::nullopt;
            whole = whole * 10 + digit;
        }
        const bool millis = unitChoice == TimeUnit::Milliseconds || (unitChoice == TimeUnit::Auto && s.size() >= 11);
        const std::int64_t unit = millis ? 1'000'000 : kNanosPerSecond;
        if (static_cast<std::int64_t>(whole) > INT64_MAX / unit - 1)
            return std::nullopt;
        return static_cast<std::int64_t>(whole) * unit;
    }

} // namespace

std::optional<std::int64_t> parseTime(std::string_view text)
{
    return parseTime(text, TimeUnit::Auto);
}

std::optional<std::int64_t> parseTime(std::string_view text, TimeUnit epochUnit)
{
    std::int64_t fraction = 0;
    if (mayBeIsoFixed(text)) {
        if (const auto seconds = isoFixedSeconds(text); seconds && isoFixedTail(text, fraction))
            return *seconds * kNanosPerSecond + fraction;
    }
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    if (text.size() >= 10 && text[4] == '-')
        return parseIso(text);
    return parseEpoch(text, epochUnit);
}

TimeReader::TimeReader(TimeUnit epochUnit)
    : m_unit(epochUnit)
{ }

bool TimeReader::fixedTail(std::string_view text, std::int64_t& fraction)
{
    return isoFixedTail(text, fraction);
}

bool TimeReader::readGeneral(std::string_view text, std::int64_t& nanos)
{
    const auto n = general(text);
    if (n)
        nanos = *n;
    return n.has_value();
}

std::optional<std::int64_t> TimeReader::general(std::string_view text)
{
    if (text.size() < 19) {
        if (const auto nanos = plainEpoch(text, m_unit))
            return nanos;
    }
    std::int64_t fraction = 0;
    if (!mayBeIsoFixed(text))
        return parseTime(text, m_unit);
    if (const auto seconds = isoFixedSeconds(text); seconds && isoFixedTail(text, fraction)) {
        // The minute for sameMinute(): the seconds less the two digits of the second.
        std::memcpy(m_minutePrefix, text.data(), sizeof m_minutePrefix);
        m_minuteSeconds = *seconds - ((text[17] - '0') * 10 + (text[18] - '0'));
        m_haveMinute = true;
        return *seconds * kNanosPerSecond + fraction;
    }
    return parseTime(text, m_unit);
}

std::string formatIsoUtc(std::int64_t nanos)
{
    std::int64_t seconds = nanos / kNanosPerSecond;
    std::int64_t frac = nanos % kNanosPerSecond;
    if (frac < 0) {
        frac += kNanosPerSecond;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    // civil-from-days (inverse of daysFromCivil)
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(y + (m <= 2)), m,
        d, static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
    std::string out(buf, static_cast<std::size_t>(n));
    if (frac != 0) {
        std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
        std::string f(buf);
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    out += 'Z';
    return out;
}

std::string formatDuration(std::int64_t nanos)
{
    const std::string sign = nanos < 0 ? "-" : "";
    // Magnitude in unsigned arithmetic: the most negative int64 has no positive counterpart.
    const std::uint64_t n = nanos < 0 ? 0 - static_cast<std::uint64_t>(nanos) : static_cast<std::uint64_t>(nanos);
    const std::uint64_t seconds = n / kNanosPerSecond;
    char buf[64];
    if (seconds < 60) {
        const std::uint64_t millis = n % kNanosPerSecond / 1'000'000;
        if (millis == 0)
            std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(seconds));
        else {
            int len = std::snprintf(buf, sizeof buf, "%llu.%03llu", static_cast<unsigned long long>(seconds),
                static_cast<unsigned long long>(millis));
            while (buf[len - 1] == '0')
                buf[--len] = '\0';
            std::strcat(buf, "s");
        }
    } else if (seconds < 3600) {
        std::snprintf(buf, sizeof buf, "%llum %02llus", static_cast<unsigned long long>(seconds / 60),
            static_cast<unsigned long long>(seconds % 60));
    } else if (seconds < 86400) {
        std::snprintf(buf, sizeof buf, "%lluh %02llum", static_cast<unsigned long long>(seconds / 3600),
            static_cast<unsigned long long>(seconds / 60 % 60));
    } else {
        std::snprintf(buf, sizeof buf, "%llud %lluh", static_cast<unsigned long long>(seconds / 86400),
            static_cast<unsigned long long>(seconds / 3600 % 24));
    }
    return sign + buf;
}

} // namespace od
