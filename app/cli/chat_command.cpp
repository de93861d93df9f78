// outlierctl chat: greeter.Greeter/Chat. Sends each line of standard input as NAME's message
// and prints every message received as "user: message". End of input half-closes; the command
// ends when the server ends the call.

#include "arguments.h"
#include "call_waiter.h"
#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"
#include "remote_call.h"

#include "rpc/client/chat_session.h"

#include <cstdio>
#include <iostream>
#include <mutex>

namespace od::cli {

int runChat(const std::vector<std::string>& argv)
{
    Arguments args(withRemoteFlags({ "--user" }), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("chat", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl chat --remote HOST:PORT --user NAME [connection options]\n\n"
                     "Sends each line of standard input to greeter.Greeter/Chat as NAME and prints each\n"
                     "message received as 'user: message'. End of input leaves the chat (half-close).\n\n"
                  << kConnectionHelp << "\nexit codes: 0 success, 2 bad usage, 3 the call failed\n";
        return kExitOk;
    }
    RemoteCall call;
    if (auto error = remoteCallArguments(args, call))
        return usageError("chat", *error);
    const auto user = args.value("--user");
    if (!user)
        return usageError("chat", "--user NAME is required");
    if (!args.positional().empty())
        return usageError("chat", "unexpected argument '" + args.positional().front() + "'");

    CallWaiter waiter;
    std::mutex printMutex;
    rpc::ChatSession::Callbacks callbacks;
    callbacks.received = [&](const rpc::ChatLine& line) {
        std::lock_guard lock(printMutex);
        std::printf("%s: %s\n", line.user.c_str(), line.message.c_str());
        std::fflush(stdout);
    };
    callbacks.finished = [&](const rpc::RpcStatus& status) { waiter.finish(status); };
    auto session = rpc::ChatSession::start(call.channel(), callbacks);
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        // Standard input may be a file read far faster than the server answers: wait for room
        // instead of giving up on the rest.
        auto sent = session->send({ *user, line });
        while (sent == rpc::ChatSession::Sent::QueueFull) {
            session->waitForRoom();
            sent = session->send({ *user, line });
        }
        if (sent == rpc::ChatSession::Sent::Closed)
            break;
    }
    session->leave();
    const rpc::RpcStatus status = waiter.wait();
    if (!status.ok()) {
        std::cerr << "outlierctl: Chat on " << call.endpoint << " failed: " << status.toString() << "\n";
        return kExitRemoteFailed;
    }
    return kExitOk;
}

} // namespace od::cli
