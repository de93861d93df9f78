#pragma once
// Where outlierctl list, describe and call find a server's methods: its reflection (--remote) or
// .proto files (--proto, -I), and the channel and per-call settings they share.

#include "arguments.h"

#include "rpc/console/call_failure.h"
#include "rpc/console/generic_call.h"
#include "rpc/console/schema.h"

#include <memory>
#include <optional>
#include <set>
#include <string>

namespace grpc {
class Channel;
}

namespace od::cli {

// The lines describing the flags below, for --help.
extern const char* const kConsoleSourceHelp;
// --remote, --proto, -I, --deadline-ms, --max-message-mb and the connection flags.
std::set<std::string> withConsoleSourceFlags(std::set<std::string> valueFlags);

struct ConsoleSource
{
    std::string remote; // empty when only .proto files were given
    std::shared_ptr<grpc::Channel> channel; // null without --remote
    rpc::CallSettings settings; // --deadline-ms (0 = none)
    rpc::ChannelFacts facts; // TLS and a client certificate, for failures in words
    std::shared_ptr<const rpc::Schema> schema;
};

// Reads the flags, loads the .proto files or asks the server. On failure prints the message
// ("outlierctl COMMAND: ...") and returns the exit code: 2 for bad usage or a bad .proto file,
// 3 when the server could not be asked. needRemote: the command makes calls.
std::optional<int> openConsoleSource(
    const std::string& command, const Arguments& args, bool needRemote, ConsoleSource& out);

} // namespace od::cli
