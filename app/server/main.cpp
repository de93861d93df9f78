// outlierd: serves pb.Outliers and greeter.Greeter with the reference semantics by default.

#include "rpc/server.h"

#include "core/detector.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <pthread.h>
#include <string>
#include <thread>

namespace {

const char* kUsage = R"(usage: outlierd [--listen HOST:PORT] [options]

Serves pb.Outliers/Detect and greeter.Greeter (SayHello, GetStockPrice, RecordMetrics, Chat)
with the reference semantics, plus gRPC health checking and server reflection.

options:
  --listen HOST:PORT       address to listen on (default 127.0.0.1:50051; port 0 picks a free one)
  --method NAME            detector behind pb.Outliers/Detect (default zscore, the reference rule)
  --threshold K            the detector's threshold (default: the method's own, zscore 2)
  --stock-ticks N          prices per GetStockPrice stream, 0 = endless (default 5)
  --stock-interval-ms MS   pause between prices (default 500)
  -h, --help               this text

On SIGINT or SIGTERM it stops accepting calls, lets calls in flight finish for up to 5 s,
and exits 0. It prints "listening on HOST:PORT" once ready.
)";

int usageError(const std::string& message)
{
    std::cerr << "outlierd: " << message << "\n(see outlierd --help)\n";
    return 2;
}

bool parseInt(const char* text, long long min, long long max, long long& out)
{
    char* end = nullptr;
    errno = 0;
    out = std::strtoll(text, &end, 10);
    return errno == 0 && end && *end == '\0' && end != text && out >= min && out <= max;
}

} // namespace

int main(int argc, char** argv)
{
    od::rpc::ServerOptions options;
    bool thresholdGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc)
                return nullptr;
            (void)name;
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help") {
            std::cout << kUsage;
            return 0;
        } else if (arg == "--listen") {
            const char* v = value("--listen");
            if (!v)
                return usageError("--listen needs HOST:PORT");
            options.listen = v;
        } else if (arg == "--method") {
            const char* v = value("--method");
            if (!v)
                return usageError("--method needs a name");
            options.detector.method = v;
        } else if (arg == "--threshold") {
            const char* v = value("--threshold");
            char* end = nullptr;
            if (!v || (options.detector.threshold = std::strtod(v, &end), *end != '\0'))
                return usageError("--threshold needs a number");
            thresholdGiven = true;
        } else if (arg == "--stock-ticks") {
            const char* v = value("--stock-ticks");
            long long n = 0;
            if (!v || !parseInt(v, 0, 1'000'000'000, n))
                return usageError("--stock-ticks needs a whole number >= 0");
            options.greeter.stockTicks = static_cast<int>(n);
        } else if (arg == "--stock-interval-ms") {
            const char* v = value("--stock-interval-ms");
            long long n = 0;
            if (!v || !parseInt(v, 0, 3'600'000, n))
                return usageError("--stock-interval-ms needs a whole number of milliseconds >= 0");
            options.greeter.stockInterval = std::chrono::milliseconds(n);
        } else {
            return usageError("unknown argument '" + arg + "'");
        }
    }
    const od::MethodInfo* method = od::findMethod(options.detector.method);
    if (!method)
        return usageError("unknown method '" + options.detector.method + "'");
    if (!thresholdGiven)
        options.detector.threshold = method->defaultThreshold;
    // Check the detector parameters once, up front, rather than failing every call.
    if (auto probe = od::detect({}, {}, options.detector); !probe)
        return usageError(probe.error().toString());

    // Block the stop signals in every thread; one thread waits for them with sigwait.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    auto server = od::rpc::Server::start(options);
    if (!server) {
        std::cerr << "outlierd: " << server.error().toString() << "\n";
        return 1;
    }
    const auto colon = options.listen.rfind(':');
    std::cout << "listening on " << options.listen.substr(0, colon) << ":" << (*server)->port() << std::endl;

    std::thread signalWaiter([&] {
        int sig = 0;
        sigwait(&stopSignals, &sig);
        std::cerr << "outlierd: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down\n";
        (*server)->shutdown(std::chrono::seconds(5));
    });
    (*server)->wait();
    signalWaiter.join();
    return 0;
}
