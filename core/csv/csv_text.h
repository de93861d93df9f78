#pragma once
// The reader's rules for the text around rows: where a byte order mark counts and which lines
// are blank. Code that must see a file as the reader does (the desktop's follower, which reads a
// growing file part by part and has to agree with one read of the whole) uses these, not copies.

#include <string_view>

namespace od {

// The UTF-8 byte order mark. The reader drops it at the very start of the input, and only
// there: anywhere else it is text (part of a field).
inline constexpr std::string_view kUtf8Mark = "\xEF\xBB\xBF";

// text without the mark it starts with, if any: what the reader reads of a whole file.
constexpr std::string_view afterUtf8Mark(std::string_view text)
{
    return text.starts_with(kUtf8Mark) ? text.substr(kUtf8Mark.size()) : text;
}

// A line (without its line feed) of nothing but spaces, tabs and carriage returns is blank:
// counted as such and never a row, before the header as after it, whatever the delimiter.
constexpr bool isBlankLine(std::string_view line)
{
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

} // namespace od
