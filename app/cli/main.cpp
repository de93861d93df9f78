// outlierctl: the command-line client and headless tool (CONTRACT.md section 2).

#include "commands.h"
#include "exit_codes.h"

#include <iostream>

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

} // namespace

int main(int argc, char** argv)
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
