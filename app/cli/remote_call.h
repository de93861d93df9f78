#pragma once
// The server a Greeter or health subcommand calls (hello, health, stock, upload, chat): where
// (--remote, required), within what deadline (--deadline-ms, for the commands that take it) and
// how to connect (the connection flags), read the same way by each.

#include "arguments.h"

#include "rpc/client/channel.h"

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace od::cli {

struct RemoteCall
{
    std::string endpoint; // HOST:PORT
    std::chrono::milliseconds deadline { 10'000 }; // --deadline-ms, where the command takes it
    rpc::ChannelOptions connection;

    std::shared_ptr<grpc::Channel> channel() const { return rpc::makeChannel(endpoint, connection); }
};

// A subcommand's own value flags with --remote and the connection flags added.
std::set<std::string> withRemoteFlags(std::set<std::string> valueFlags);

// Reads --remote, --deadline-ms (1 ms to an hour; flags that parsed without it keep 10 s) and
// the connection flags in that order. Returns the first usage error (exit code 2), or nothing
// with out filled in.
std::optional<std::string> remoteCallArguments(const Arguments& args, RemoteCall& out);

} // namespace od::cli
