#pragma once
// Reading and writing instants as the CSV contract and the JSON output want them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace od {

// Parses ISO 8601 (`T` or space, optional fraction, optional `Z` or `+hh:mm`/`-hh:mm`; no zone
// means UTC) or Unix epoch seconds / milliseconds (told apart by magnitude: 11 or more integer
// digits are milliseconds). Returns nanoseconds since the epoch, or nothing if unreadable.
std::optional<std::int64_t> parseTime(std::string_view text);

// "2020-05-22T14:13:18Z", with a fraction only when the instant has one (".250Z").
std::string formatIsoUtc(std::int64_t nanos);

} // namespace od
