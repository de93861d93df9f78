// outlierctl stock: greeter.Greeter/GetStockPrice, one line per tick ("SYMBOL PRICE").

#include "arguments.h"
#include "call_waiter.h"
#include "commands.h"
#include "connection_options.h"
#include "exit_codes.h"
#include "remote_call.h"

#include "rpc/client/stock_stream.h"

#include <atomic>
#include <cstdio>
#include <iostream>

namespace od::cli {

int runStock(const std::vector<std::string>& argv)
{
    Arguments args(withRemoteFlags({ "--count" }), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("stock", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl stock --remote HOST:PORT SYMBOL [--count N] [connection options]\n\n"
                     "Streams greeter.Greeter/GetStockPrice and prints one line per tick: SYMBOL PRICE.\n"
                     "Stops after N ticks with --count (the call is cancelled), or when the server ends\n"
                     "the stream (the reference server does after 5 ticks).\n\n"
                  << kConnectionHelp << "\nexit codes: 0 success, 2 bad usage, 3 the call failed\n";
        return kExitOk;
    }
    RemoteCall call;
    if (auto error = remoteCallArguments(args, call))
        return usageError("stock", *error);
    if (args.positional().size() != 1)
        return usageError("stock", "give exactly one SYMBOL");
    long long count = 0;
    if (auto error = args.integer("--count", 1, 1'000'000'000, count))
        return usageError("stock", *error);

    CallWaiter waiter;
    std::atomic<long long> ticks { 0 };
    std::atomic<bool> cancelledByUs { false };
    std::shared_ptr<rpc::StockStream> stream;
    std::mutex streamMutex; // stream is assigned after start() returns, ticks may come first
    rpc::StockStream::Callbacks callbacks;
    callbacks.tick = [&](const rpc::StockTick& tick) {
        const long long n = ++ticks;
        if (count && n > count)
            return;
        std::printf("%s %.2f\n", tick.symbol.c_str(), tick.price);
        std::fflush(stdout);
        if (count && n == count) {
            cancelledByUs = true;
            std::lock_guard lock(streamMutex);
            if (stream)
                stream->cancel();
        }
    };
    callbacks.finished = [&](const rpc::RpcStatus& status) { waiter.finish(status); };
    {
        std::lock_guard lock(streamMutex);
        stream = rpc::StockStream::start(call.channel(), args.positional().front(), callbacks);
        if (cancelledByUs)
            stream->cancel();
    }
    const rpc::RpcStatus status = waiter.wait();
    if (status.ok() || (cancelledByUs && status.codeName() == "CANCELLED"))
        return kExitOk;
    std::cerr << "outlierctl: GetStockPrice on " << call.endpoint << " failed after " << ticks.load()
              << " ticks: " << status.toString() << "\n";
    return kExitRemoteFailed;
}

} // namespace od::cli
