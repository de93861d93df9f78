// outlierctl hello: greeter.Greeter/SayHello, used to check that a server answers.

#include "arguments.h"
#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"
#include "remote_call.h"

#include "rpc/client/greeter_client.h"

#include <iostream>

namespace od::cli {

int runHello(const std::vector<std::string>& argv)
{
    Arguments args(withRemoteFlags({ "--name", "--deadline-ms" }), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("hello", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout
            << "usage: outlierctl hello --remote HOST:PORT [--name NAME] [--deadline-ms MS] [connection options]\n\n"
               "Calls greeter.Greeter/SayHello and prints the reply (\"Hello NAME\").\n\n"
            << kConnectionHelp << "\nexit codes: 0 success, 2 bad usage, 3 the call failed\n";
        return kExitOk;
    }
    if (!args.positional().empty())
        return usageError("hello", "unexpected argument '" + args.positional().front() + "'");
    RemoteCall call;
    if (auto error = remoteCallArguments(args, call))
        return usageError("hello", *error);
    const auto answer = rpc::sayHello(call.channel(), args.value("--name").value_or("OutlierDesk"), call.deadline);
    if (!answer.status.ok()) {
        std::cerr << "outlierctl: SayHello on " << call.endpoint << " failed: " << answer.status.toString() << "\n";
        return kExitRemoteFailed;
    }
    std::cout << answer.message << "\n";
    return kExitOk;
}

} // namespace od::cli
