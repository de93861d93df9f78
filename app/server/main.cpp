// outlierd: serves pb.Outliers and greeter.Greeter with the reference semantics by default, and
// outlierdesk.v1.Detector. Flags in server_flags.cpp.

#include "call_logger.h"
#include "server_flags.h"
#include "stop_signals.h"

#include "rpc/server/server.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    // Before any thread exists, so that grpc's threads inherit the blocked mask.
    od::server::StopSignals signals;

    std::string error;
    auto flags = od::server::parseFlags(std::vector<std::string>(argv + 1, argv + argc), error);
    if (!flags) {
        std::cerr << "outlierd: " << error << "\n(see outlierd --help)\n";
        return 2;
    }
    if (flags->help) {
        std::cout << od::server::usageText();
        return 0;
    }
    if (flags->logFormat)
        flags->server.callLog = od::server::stderrCallSink(*flags->logFormat);

    auto server = od::rpc::Server::start(flags->server);
    if (!server) {
        std::cerr << "outlierd: " << server.error().toString() << "\n";
        return 1;
    }
    const std::string& listen = flags->server.listen;
    std::cout << "listening on " << listen.substr(0, listen.rfind(':')) << ":" << (*server)->port() << std::endl;

    const auto grace = flags->grace;
    signals.watch([&](const char* name) {
        std::cerr << "outlierd: " << name << ", shutting down\n";
        (*server)->shutdown(grace);
    });
    (*server)->wait();
    signals.join(); // the signal's thread may still be in shutdown(): the server goes after it
    return 0;
}
