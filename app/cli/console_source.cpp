#include "console_source.h"

#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"

#include "rpc/client/channel.h"
#include "rpc/console/proto_files.h"
#include "rpc/console/reflection.h"

#include <iostream>

namespace od::cli {

const char* const kConsoleSourceHelp = R"(where the methods come from:
  --remote HOST:PORT  the server; without --proto its methods come from its reflection
                      (grpc.reflection.v1, else v1alpha), asked with the same TLS and headers
  --proto FILE        read the services from this .proto file instead; repeatable
  -I DIR              where --proto files and their imports are found; repeatable. A file not
                      under any -I is read from its own directory. google/protobuf/*.proto
                      (the well-known types) are found without -I.
call settings:
  --deadline-ms MS    give up after MS milliseconds (default: 10000 for reflection and unary
                      calls, none for streams)
  --max-message-mb N  the largest message sent or received, in MB (default 256)
)";

std::set<std::string> withConsoleSourceFlags(std::set<std::string> valueFlags)
{
    valueFlags.insert({ "--remote", "--proto", "-I", "--deadline-ms", "--max-message-mb" });
    return withConnectionFlags(std::move(valueFlags));
}

std::optional<int> openConsoleSource(
    const std::string& command, const Arguments& args, bool needRemote, ConsoleSource& out)
{
    const auto protos = args.values("--proto");
    const auto remote = args.value("--remote");
    if (!remote && (needRemote || protos.empty()))
        return usageError(command,
            needRemote ? "--remote HOST:PORT is required" : "give --remote HOST:PORT (reflection) or --proto FILE");
    if (!args.values("-I").empty() && protos.empty())
        return usageError(command, "-I DIR only helps --proto FILE find imports: give --proto too");
    long long deadlineMs = 0;
    if (auto error = args.integer("--deadline-ms", 1, 24LL * 3'600'000, deadlineMs))
        return usageError(command, *error);
    long long maxMb = 256;
    if (auto error = args.integer("--max-message-mb", 1, 2047, maxMb))
        return usageError(command, *error);
    out.settings.deadline = std::chrono::milliseconds(deadlineMs);

    if (remote) {
        rpc::ChannelOptions connection;
        if (auto error = connectionOptions(args, connection))
            return usageError(command, *error);
        connection.maxMessageBytes = static_cast<int>(maxMb * 1024 * 1024);
        out.remote = *remote;
        out.channel = rpc::makeChannel(*remote, connection);
        out.facts = { connection.useTls, !connection.clientCert.empty() };
    }
    if (!protos.empty()) {
        auto schema = rpc::loadProtoFiles(protos, args.values("-I"));
        if (!schema) {
            std::cerr << "outlierctl " << command << ": " << schema.error().toString() << "\n";
            return kExitBadInput;
        }
        out.schema = std::make_shared<const rpc::Schema>(std::move(*schema));
        return std::nullopt;
    }
    auto schema = rpc::discoverByReflection(out.channel, out.settings, out.facts);
    if (!schema) {
        std::cerr << "outlierctl " << command << ": " << *remote << ": " << schema.error().toString() << "\n";
        return kExitRemoteFailed;
    }
    out.schema = std::make_shared<const rpc::Schema>(std::move(*schema));
    return std::nullopt;
}

} // namespace od::cli
