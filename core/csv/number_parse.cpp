#include "core/csv/number_parse.h"

#include <cmath>
#include <cstring>
#include <limits>

#if __has_include(<fast_float/fast_float.h>)
#include <fast_float/fast_float.h>
#define OD_HAVE_FAST_FLOAT 1
#else
#include <charconv>
#endif

namespace od {
namespace {

    char lowerAscii(char c)
    {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }

    bool equalsLower(std::string_view s, std::string_view lower)
    {
        if (s.size() != lower.size())
            return false;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (lowerAscii(s[i]) != lower[i])
                return false;
        }
        return true;
    }

} // namespace

std::string_view trimBlanks(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool isMissingValue(std::string_view text)
{
    const std::string_view v = trimBlanks(text);
    switch (v.size()) {
    case 0:
        return true;
    case 2:
        return equalsLower(v, "na");
    case 3:
        return equalsLower(v, "nan") || equalsLower(v, "n/a");
    case 4:
        return equalsLower(v, "null") || equalsLower(v, "none");
    default:
        return false;
    }
}

ValueKind parseValue(std::string_view text, double& out)
{
    if (readPlainDecimal(text, out))
        return ValueKind::Number;
    std::string_view v = text;
    // Trimming is rare in real files; check the ends before calling the general trim.
    if (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.back() == ' ' || v.back() == '\t'))
        v = trimBlanks(v);
    if (v.empty()) {
        out = std::numeric_limits<double>::quiet_NaN();
        return ValueKind::Missing;
    }
    const char* first = v.data();
    const char* last = first + v.size();
    if (*first == '+' && v.size() > 1 && first[1] != '-' && first[1] != '+')
        ++first;
    double value = 0;
#ifdef OD_HAVE_FAST_FLOAT
    const auto [ptr, ec] = fast_float::from_chars(first, last, value);
#else
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
        // libstdc++ flags underflow and overflow alike; only overflow is unreadable.
        std::string_view digits(first, static_cast<std::size_t>(last - first));
        const auto e = digits.find_first_of("eE");
        if (e != std::string_view::npos && e + 1 < digits.size() && digits[e + 1] == '-') {
            out = 0;
            return ValueKind::Number;
        }
        return ValueKind::Infinite;
    }
#endif
    if (ec != std::errc() || ptr != last) {
        if (isMissingValue(v)) {
            out = std::numeric_limits<double>::quiet_NaN();
            return ValueKind::Missing;
        }
        return ValueKind::Unreadable;
    }
    if (!std::isfinite(value)) {
        // from_chars reads "nan" and "inf": NaN is a missing point by the contract, infinity
        // and overflow are not numbers anyone meant to plot.
        if (std::isnan(value)) {
            out = std::numeric_limits<double>::quiet_NaN();
            return ValueKind::Missing;
        }
        return ValueKind::Infinite;
    }
    out = value;
    return ValueKind::Number;
}

} // namespace od
