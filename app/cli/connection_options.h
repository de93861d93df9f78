#pragma once
// The TLS and metadata flags of every outlierctl subcommand that connects (--ca, --cert, --key,
// --server-name, --tls, --header, --token-file), turned into rpc::ChannelOptions.

#include "arguments.h"

#include "rpc/client/channel.h"

#include <optional>
#include <set>
#include <string>

namespace od::cli {

// valueFlags / switches with the connection flags added, for a subcommand's Arguments.
std::set<std::string> withConnectionFlags(std::set<std::string> valueFlags);
std::set<std::string> withConnectionSwitches(std::set<std::string> switches);

// The lines describing the connection flags, for a subcommand's --help.
extern const char* const kConnectionHelp;

// Reads the certificate and token files the flags name. Returns an error message (bad usage or
// an unreadable file: exit code 2) or nothing with out filled in.
std::optional<std::string> connectionOptions(const Arguments& args, rpc::ChannelOptions& out);

} // namespace od::cli
