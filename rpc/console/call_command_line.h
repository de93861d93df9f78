#pragma once
// The outlierctl call line that repeats a call made in the app's console ("Copy as command"),
// quoted for a POSIX shell.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace od::rpc {

struct CallCommand
{
    std::string program = "outlierctl";
    std::string target; // HOST:PORT
    bool tls = false;
    std::string caFile, certFile, keyFile, serverName; // paths and name as the user gave them
    std::vector<std::pair<std::string, std::string>> metadata;
    long long deadlineMs = 0; // 0 = none
    long long maxMessageMb = 0; // 0 = outlierctl's default
    std::vector<std::string> protoFiles, importPaths; // empty = reflection
    std::string method; // package.Service/Method
    // The requests, one JSON text each; several only for client and bidi streams.
    std::vector<std::string> messages;
};

// 'text' with any ' written as '\'' (nothing quoted when the text is plainly safe).
std::string shellQuote(std::string_view text);
std::string callCommandLine(const CallCommand& command);

} // namespace od::rpc
