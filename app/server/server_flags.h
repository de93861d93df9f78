#pragma once
// outlierd's command line: every flag, its check, and the --help text.

#include "rpc/server/call_log.h"
#include "rpc/server/server.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace od::server {

struct Flags
{
    rpc::ServerOptions server;
    std::optional<rpc::LogFormat> logFormat = rpc::LogFormat::Text; // nothing = no call log
    std::chrono::milliseconds grace { 5000 };
    bool help = false;
};

// Parses argv (without the program name). On a usage error returns nothing and sets error;
// file contents (TLS, tokens) are read here, so a missing file fails at start-up.
std::optional<Flags> parseFlags(const std::vector<std::string>& args, std::string& error);

const char* usageText();

// True for 127.0.0.0/8, ::1, localhost and unix sockets: addresses no other host can reach.
bool isLoopbackListen(const std::string& listen);

} // namespace od::server
