#pragma once
// A JSON request to start from: every field of a message type with its default value, nested
// messages filled in, one element in each list and map, the first member of each oneof, so a
// person edits values instead of looking up field names.

#include <string>

namespace google::protobuf {
class Message;
}

namespace od::rpc {

// Indented JSON (protobuf's JSON names). Recursive types stop after a few levels.
std::string jsonTemplate(const google::protobuf::Message& prototype);

} // namespace od::rpc
