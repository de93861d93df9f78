#pragma once
// Turning what a person typed (header lines, certificate paths) into ChannelOptions, with
// messages that say what is wrong and how to put it right. Shared by outlierctl and the app.

#include <optional>
#include <string>
#include <utility>

namespace od::rpc {

// "key: value" (e.g. "authorization: Bearer abc") as gRPC metadata. The key is lower-cased, as
// gRPC requires; blanks around key and value are dropped. Returns an error message for a line
// gRPC would refuse: no colon, an empty key or value, characters outside [a-z0-9-_.] in the key,
// a reserved "grpc-" key, a binary "-bin" key, or a value with control or non-ASCII characters.
std::optional<std::string> parseHeader(const std::string& line, std::pair<std::string, std::string>& out);

// Reads a PEM file (what = "CA file", "client certificate", "client key": names the file's role
// in the message). Returns an error message when it cannot be read, is empty, is larger than
// 1 MB, or holds no PEM block ("-----BEGIN").
std::optional<std::string> readPemFile(const std::string& path, const std::string& what, std::string& out);

} // namespace od::rpc
