#include "remote_call.h"

#include "connection_options.h"

namespace od::cli {

std::set<std::string> withRemoteFlags(std::set<std::string> valueFlags)
{
    valueFlags.insert("--remote");
    return withConnectionFlags(std::move(valueFlags));
}

std::optional<std::string> remoteCallArguments(const Arguments& args, RemoteCall& out)
{
    const auto remote = args.value("--remote");
    if (!remote)
        return "--remote HOST:PORT is required";
    out.endpoint = *remote;
    long long deadlineMs = out.deadline.count();
    if (auto error = args.integer("--deadline-ms", 1, 3'600'000, deadlineMs))
        return error;
    out.deadline = std::chrono::milliseconds(deadlineMs);
    return connectionOptions(args, out.connection);
}

} // namespace od::cli
