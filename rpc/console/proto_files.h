#pragma once
// A Schema from .proto files, parsed at run time (protobuf's compiler::Importer), for servers
// that offer no reflection.

#include "schema.h"

#include "core/result.h"

#include <string>
#include <vector>

namespace od::rpc {

// files: paths as given on a command line; importPaths: the -I directories, searched in order
// for the files and their imports. A file not found under any of them is read from where it
// is, its own directory then serving its imports too. The well-known types
// (google/protobuf/timestamp.proto ...) are found in the system's include directory without -I.
// Errors name the file, line and column, and for a missing import, where it was looked for.
Result<Schema> loadProtoFiles(const std::vector<std::string>& files, const std::vector<std::string>& importPaths);

} // namespace od::rpc
