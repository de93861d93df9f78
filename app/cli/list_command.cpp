// outlierctl list and describe: what a server offers, from its reflection or .proto files.

#include "arguments.h"
#include "commands.h"
#include "connection_options.h"
#include "console_source.h"
#include "exit_codes.h"

#include "rpc/console/call_kind.h"

#include <google/protobuf/descriptor.h>

#include <iostream>

namespace od::cli {

int runList(const std::vector<std::string>& argv)
{
    Arguments args(withConsoleSourceFlags({}), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("list", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl list (--remote HOST:PORT | --proto FILE ...) [SERVICE] [options]\n\n"
                     "Prints the services a server offers, one a line; with SERVICE, its methods, one a\n"
                     "line: package.Service/Method (kind) request type -> response type.\n\n"
                  << kConsoleSourceHelp << kConnectionHelp
                  << "\nexit codes: 0 success, 2 bad usage or a bad .proto file, 3 the server could not be asked\n";
        return kExitOk;
    }
    if (args.positional().size() > 1)
        return usageError("list", "unexpected argument '" + args.positional()[1] + "'");
    ConsoleSource source;
    if (auto code = openConsoleSource("list", args, false, source))
        return *code;
    if (args.positional().empty()) {
        const auto unresolved = source.schema->unresolved();
        for (const auto& name : source.schema->serviceNames()) {
            const bool described = std::find(unresolved.begin(), unresolved.end(), name) == unresolved.end();
            std::cout << name << (described ? "" : "  (no description from the server)") << "\n";
        }
        return kExitOk;
    }
    const std::string& name = args.positional().front();
    const auto* service = source.schema->pool().FindServiceByName(name);
    if (!service) {
        std::cerr << "outlierctl list: unknown service " << name << " (" << source.schema->source() << " has:";
        for (const auto& known : source.schema->serviceNames())
            std::cerr << " " << known;
        std::cerr << ")\n";
        return kExitBadInput;
    }
    for (int i = 0; i < service->method_count(); ++i) {
        const auto& method = *service->method(i);
        std::cout << rpc::methodName(method) << " (" << rpc::callKindName(rpc::callKind(method)) << ") "
                  << method.input_type()->full_name() << " -> " << method.output_type()->full_name() << "\n";
    }
    return kExitOk;
}

int runDescribe(const std::vector<std::string>& argv)
{
    Arguments args(withConsoleSourceFlags({}), withConnectionSwitches({ "--help", "-h" }));
    if (auto error = args.parse(argv))
        return usageError("describe", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << "usage: outlierctl describe (--remote HOST:PORT | --proto FILE ...) SYMBOL [options]\n\n"
                     "Prints a service, method (package.Service/Method), message or enum in .proto syntax;\n"
                     "a message also with a JSON template of it to start a request from.\n\n"
                  << kConsoleSourceHelp << kConnectionHelp
                  << "\nexit codes: 0 success, 2 bad usage, a bad .proto file or an unknown symbol, 3 the server "
                     "could not be asked\n";
        return kExitOk;
    }
    if (args.positional().size() != 1)
        return usageError("describe", "give exactly one SYMBOL (a service, method, message or enum name)");
    ConsoleSource source;
    if (auto code = openConsoleSource("describe", args, false, source))
        return *code;
    auto text = source.schema->describe(args.positional().front());
    if (!text) {
        std::cerr << "outlierctl describe: " << text.error().toString() << "\n";
        return kExitBadInput;
    }
    std::cout << *text;
    return kExitOk;
}

} // namespace od::cli
