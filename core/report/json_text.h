#pragma once
// Just enough JSON writing for outlierctl's output and outlierd's JSON call log: escaped strings
// and numbers that read back exactly (shortest round-trip form).

#include <string>
#include <string_view>

namespace od {

void appendJsonString(std::string& out, std::string_view text);
// Shortest form that reads back to the same double; integral values keep a ".0" so that they
// read as numbers with a fraction, as Python and numpy print them. Non-finite values become null.
void appendJsonNumber(std::string& out, double value);

} // namespace od
