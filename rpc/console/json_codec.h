#pragma once
// Messages of any type as JSON text (protobuf's JSON mapping) and serialized bytes, both ways.
// A type is given by its prototype (Schema::prototype()); safe to use from several threads.

#include "core/result.h"

#include <string>
#include <string_view>

namespace google::protobuf {
class Message;
}

namespace od::rpc {

// Parses JSON into a message of prototype's type and serializes it. Errors give the line and
// column (1-based) of the problem where it can be found: the syntax error, or the field protobuf
// refused ("nme: Cannot find field" -> where "nme" is written). No file name: callers add it.
Result<std::string> jsonToBytes(const google::protobuf::Message& prototype, std::string_view json);

// The message in bytes as JSON: one line, or indented when multiline. Fields at their default
// value are written too, so a reply of zeros reads {"count":0} and not {}.
Result<std::string> bytesToJson(const google::protobuf::Message& prototype, const std::string& bytes, bool multiline);

// Where a field name is written in json (the first "name": key), 1-based; false if nowhere.
bool findKey(std::string_view json, std::string_view name, int& line, int& column);

} // namespace od::rpc
