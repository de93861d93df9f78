// outlierctl health: the standard gRPC health check, for container health checks and scripts.

#include "arguments.h"
#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"
#include "remote_call.h"

#include "rpc/console/call_failure.h"
#include "rpc/console/health_check.h"

#include <iostream>

namespace od::cli {

int runHealth(const std::vector<std::string>& argv)
{
    Arguments args(withRemoteFlags({ "--service", "--deadline-ms" }), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("health", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl health --remote HOST:PORT [--service NAME] [--deadline-ms MS] [connection "
                     "options]\n\n"
                     "Asks grpc.health.v1.Health/Check whether the server (or the service NAME, e.g.\n"
                     "greeter.Greeter) is serving and prints the answer: SERVING, NOT_SERVING, ...\n\n"
                  << kConnectionHelp
                  << "\nexit codes: 0 SERVING; 1 the server answered, and the answer is not SERVING\n"
                     "(NOT_SERVING while it drains, UNKNOWN, ...); 2 bad usage; 3 the check itself failed, e.g.\n"
                     "nothing listening or a service the server does not know (NOT_FOUND): the reason on\n"
                     "standard error\n";
        return kExitOk;
    }
    if (!args.positional().empty())
        return usageError("health", "unexpected argument '" + args.positional().front() + "'");
    RemoteCall call;
    if (auto error = remoteCallArguments(args, call))
        return usageError("health", *error);
    rpc::CallSettings settings;
    settings.deadline = call.deadline;
    const std::string service = args.value("--service").value_or("");
    const auto answer = rpc::checkHealth(call.channel(), service, settings);
    const std::string what = service.empty() ? call.endpoint : service + " on " + call.endpoint;
    if (!answer.status.ok()) {
        std::cerr << "outlierctl: health check of " << what << " failed: "
                  << rpc::describeFailure(
                         answer.status, { call.connection.useTls, !call.connection.clientCert.empty() });
        if (answer.status.code == 5) // NOT_FOUND: the server knows no such service
            std::cerr << " (the server knows no service named '" << service << "')";
        if (answer.status.code == 12) // UNIMPLEMENTED
            std::cerr << " (the server offers no grpc.health.v1.Health)";
        std::cerr << "\n";
        return kExitRemoteFailed;
    }
    std::cout << answer.servingStatus << "\n";
    if (!answer.serving()) {
        // The call succeeded: the answer itself is "no", as for detect --fail-on-outliers.
        std::cerr << "outlierctl: " << what << " is " << answer.servingStatus << "\n";
        return kExitNotServing;
    }
    return kExitOk;
}

} // namespace od::cli
