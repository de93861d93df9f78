#pragma once
// outlierctl's subcommands. Each takes the arguments after its name and returns the exit code.

#include <string>
#include <vector>

namespace od::cli {

int runDetect(const std::vector<std::string>& args);
int runHello(const std::vector<std::string>& args);
int runStock(const std::vector<std::string>& args);
int runUpload(const std::vector<std::string>& args);
int runChat(const std::vector<std::string>& args);
// The call console: any method of any server, by reflection or .proto files.
int runList(const std::vector<std::string>& args);
int runDescribe(const std::vector<std::string>& args);
int runCall(const std::vector<std::string>& args);
int runHealth(const std::vector<std::string>& args);
// Draws with the chart library the app shows (odchart), not with the app itself.
int runRender(const std::vector<std::string>& args);

// Prints "outlierctl <command>: message" and a pointer to --help on stderr; returns kExitBadInput.
int usageError(const std::string& command, const std::string& message);

} // namespace od::cli
