// outlierctl: the command-line client and headless tool (CONTRACT.md section 2).

#include "commands.h"
#include "exit_codes.h"

#include <grpc/grpc.h>

#include <chrono>
#include <iostream>
#include <thread>

namespace {

const char* kUsage
    = "usage: outlierctl COMMAND [options]\n\ncommands:\n"
      "  detect FILE.csv [...]     find outliers, locally or with --remote HOST:PORT\n"
      "  render FILE.csv -o OUT.png  draw the app's chart with outliers marked (PNG or .svg), without a display\n"
      R"(  hello --remote HOST:PORT  call greeter.Greeter/SayHello
  stock --remote HOST:PORT SYMBOL   stream greeter.Greeter/GetStockPrice
  upload --remote HOST:PORT FILE    stream a series to greeter.Greeter/RecordMetrics
  chat --remote HOST:PORT --user NAME   chat through greeter.Greeter/Chat (lines of stdin)
  list --remote HOST:PORT [SERVICE]     the services (or a service's methods) a server offers
  describe --remote HOST:PORT SYMBOL    a service, method or message in .proto syntax
  call --remote HOST:PORT METHOD [-d JSON]   call any method with JSON (--proto FILE without reflection)
  health --remote HOST:PORT [--service NAME]   grpc.health.v1 check: exit 0 when SERVING

Run 'outlierctl COMMAND --help' for a command's options.
exit codes: 0 success, 2 bad usage or bad input, 3 a remote call failed
)";

int run(int argc, char** argv);

// Waits (at most 2 s) for gRPC to end by itself before the process exits. A channel's
// destruction does not stop its connection attempts at once: after a server closed a TLS
// connection (one that wants a client certificate, TLS to a plaintext port) gRPC reconnects on
// its own threads, for about a second more. Exiting meanwhile ran OpenSSL's exit-time cleanup
// under a handshake: a crash at exit (SEGV in RAND_priv_bytes_ex, exit 1 instead of 3) or that
// thread's random generator made anew and lost (LeakSanitizer: 904 bytes from CRYPTO_zalloc),
// in 2 to 5 of 80 `health` calls to such a server under ASan. gRPC is initialised while any of
// its objects lives, and shuts down (under the lock grpc_is_initialized() takes) once the last
// goes; after a call that ended normally that takes microseconds.
void waitForGrpcToEnd()
{
    const auto start = std::chrono::steady_clock::now();
    while (grpc_is_initialized() && std::chrono::steady_clock::now() - start < std::chrono::seconds(2))
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace

int main(int argc, char** argv)
{
    const int code = run(argc, argv);
    waitForGrpcToEnd();
    return code;
}

namespace {

int run(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << kUsage;
        return od::cli::kExitBadInput;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kUsage;
        return od::cli::kExitOk;
    }
    if (command == "detect")
        return od::cli::runDetect(args);
    if (command == "hello")
        return od::cli::runHello(args);
    if (command == "stock")
        return od::cli::runStock(args);
    if (command == "upload")
        return od::cli::runUpload(args);
    if (command == "chat")
        return od::cli::runChat(args);
    if (command == "list")
        return od::cli::runList(args);
    if (command == "describe")
        return od::cli::runDescribe(args);
    if (command == "call")
        return od::cli::runCall(args);
    if (command == "health")
        return od::cli::runHealth(args);
    if (command == "render")
        return od::cli::runRender(args);
    std::cerr << "outlierctl: unknown command '" << command << "'\n\n" << kUsage;
    return od::cli::kExitBadInput;
}

} // namespace
