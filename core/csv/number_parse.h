#pragma once
// Reading one CSV value cell: a number, a missing point, or unreadable.

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

} // namespace od
