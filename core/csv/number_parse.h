#pragma once
// Reading one CSV value cell: a number, a missing point, or unreadable.

#include "core/csv/digit_words.h"

#include <cstdint>
#include <string_view>

namespace od {

enum class ValueKind {
    Number, // out holds a finite double
    Missing, // empty, NaN, null, NA, N/A, None (any case): a gap, stored as NaN
    Unreadable, // not a number
    Infinite, // inf, -inf, or too large for a double (1e309)
};

// Leading and trailing spaces/tabs are ignored; a leading '+' is allowed. Infinities and
// values that overflow a double are Unreadable rather than clamped, so that a typo never
// becomes an outlier. A value too small for a double (1e-400) reads as 0, its nearest double.
// No allocation, no locale.
ValueKind parseValue(std::string_view text, double& out);

// True for the spellings of a missing value listed above, after trimming.
bool isMissingValue(std::string_view text);

std::string_view trimBlanks(std::string_view text);

// 10^0 to 10^19, each an exact double: w / 10^k with w <= 2^53 rounds correctly in one division.
inline constexpr double kDecimalPowersOfTen[]
    = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19 };

// The decimals nearly every export writes ("459.854", "-12", "0.5"): an optional '-', 1 to 19
// digits in all, at most one '.' with digits on both sides, nothing else. Such a number is
// w / 10^k with w <= 2^53 and k <= 19: both are exact doubles, so one correctly rounded division
// gives the correctly rounded value, the double parseValue() returns too (Clinger's fast path,
// which fast_float itself takes for them). False, with out untouched, for anything else (and
// for w > 2^53): parseValue() then decides. When 9 bytes from the first digit on may be read
// (readableEnd, past the text's end: the rest of a buffer), a number of up to 8 digits is read
// eight at a time. Inline: a CSV reader calls it for every cell.
OD_ALWAYS_INLINE inline bool readPlainDecimal(std::string_view text, double& out, const char* readableEnd = nullptr)
{
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = p != end && *p == '-';
    p += negative;
    const auto length = static_cast<std::size_t>(end - p);
    // Up to 8 digits and a point in 9 bytes: the digits after the point are moved down one byte
    // over it, and all are converted at once.
    if (readableEnd != nullptr && readableEnd - p >= 9 && length - 1 < 9) {
        const std::uint64_t head = digits::loadEight(p);
        const unsigned intDigits = digits::leadingDigits(head);
        if (intDigits >= length) {
            const auto value = static_cast<double>(digits::leadingDigitsValue(head, static_cast<unsigned>(length)));
            out = negative ? -value : value;
            return true;
        }
        if (intDigits != 0 && p[intDigits] == '.' && intDigits + 1 < length) {
            const std::uint64_t below = (std::uint64_t(1) << (8 * intDigits)) - 1;
            const std::uint64_t joined = (head & below) | (digits::loadEight(p + 1) & ~below);
            const auto count = static_cast<unsigned>(length - 1);
            if (digits::leadingDigits(joined) >= count) {
                const auto value = static_cast<double>(digits::leadingDigitsValue(joined, count))
                    / kDecimalPowersOfTen[count - intDigits];
                out = negative ? -value : value;
                return true;
            }
        }
    }
    const char* const digitsStart = p;
    std::uint64_t w = 0;
    unsigned digit = 0;
    while (p != end && (digit = static_cast<unsigned char>(*p) - unsigned('0')) <= 9) {
        w = w * 10 + digit;
        ++p;
    }
    const char* const intEnd = p;
    if (intEnd == digitsStart)
        return false;
    const char* fractionStart = p;
    if (p != end && *p == '.') {
        fractionStart = ++p;
        while (p != end && (digit = static_cast<unsigned char>(*p) - unsigned('0')) <= 9) {
            w = w * 10 + digit;
            ++p;
        }
        if (p == fractionStart)
            return false;
    }
    const auto fractionDigits = static_cast<std::size_t>(p - fractionStart);
    if (p != end || static_cast<std::size_t>(intEnd - digitsStart) + fractionDigits > 19
        || w > (std::uint64_t(1) << 53))
        return false;
    const double value = static_cast<double>(w) / kDecimalPowersOfTen[fractionDigits];
    out = negative ? -value : value;
    return true;
}

} // namespace od
