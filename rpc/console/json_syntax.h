#pragma once
// Checks that a text is one JSON value and, when it is not, says where it goes wrong: protobuf's
// JSON parser reports syntax errors without a line or column, and a person editing a request
// needs both.

#include "core/result.h"

#include <optional>
#include <string_view>

namespace od::rpc {

// Nothing when text is exactly one JSON value (blanks around it allowed); otherwise the first
// problem, with its 1-based line and column (column in bytes) and no file name.
std::optional<Error> checkJsonSyntax(std::string_view text);

// The 1-based line and column of byte offset in text.
void lineAndColumn(std::string_view text, size_t offset, int& line, int& column);

} // namespace od::rpc
