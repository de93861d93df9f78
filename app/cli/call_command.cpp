// outlierctl call: any method of any server, with requests and responses as JSON. The method
// comes from the server's reflection or from .proto files (console_source.h).

#include "arguments.h"
#include "call_waiter.h"
#include "commands.h"
#include "connection_options.h"
#include "console_source.h"
#include "exit_codes.h"

#include "rpc/console/call_failure.h"
#include "rpc/console/json_call.h"
#include "rpc/console/json_codec.h"

#include <google/protobuf/descriptor.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>

namespace od::cli {
namespace {

    constexpr long long kUnaryDeadlineMs = 10'000;

    // One request as written: its text, and where it starts for messages ("-d", a file, <stdin>).
    struct Request
    {
        std::string text;
        std::string file;
        int line = 1; // the line its text starts on
    };

    // The error placed in the whole input: its line counted from where the request starts.
    std::string placed(const Error& error, const Request& request)
    {
        Error out = error;
        out.file = request.file;
        if (out.line > 0)
            out.line += request.line - 1;
        return out.toString();
    }

    // Splits text into one request per non-blank line (client and bidi streams).
    std::vector<Request> perLine(const std::string& text, const std::string& file)
    {
        std::vector<Request> out;
        std::istringstream in(text);
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.find_first_not_of(" \t") != std::string::npos)
                out.push_back({ line, file, number });
        }
        return out;
    }

    const char* kHelp = R"(usage: outlierctl call (--remote HOST:PORT) METHOD [-d JSON | -d @FILE | -d @-] [options]

Calls METHOD (package.Service/Method, e.g. greeter.Greeter/SayHello or api.Api/getAll) with
JSON requests (protobuf's JSON mapping) and prints each response as one JSON object a line,
fields at their default value included.

requests:
  -d JSON             the request; for client and bidi streams, one request a line
  -d @FILE            the same, read from FILE
  -d @-               read from standard input: the whole of it for unary and server-streaming
                      methods; one request a line, sent as each line is read, for client and
                      bidi streams (end of input half-closes)
                      Without -d: '{}' for unary and server-streaming methods, standard input
                      for client and bidi streams.
  --verbose           also print the response headers, trailers and final status on stderr
                      ('< key: value', '< trailer key: value', '< status OK')

)";

} // namespace

int runCall(const std::vector<std::string>& argv)
{
    Arguments args(withConsoleSourceFlags({ "-d" }), withConnectionSwitches({ "--help", "-h", "--verbose" }));
    if (auto error = args.parse(argv))
        return usageError("call", *error);
    if (args.has("--help") || args.has("-h")) {
        std::cout << kHelp << kConsoleSourceHelp << kConnectionHelp
                  << "\nexit codes: 0 success, 2 bad usage or bad input (bad JSON, an unknown method, a bad\n"
                     ".proto file: the message says where), 3 the call failed (its gRPC status on stderr)\n";
        return kExitOk;
    }
    if (args.positional().size() != 1)
        return usageError("call",
            args.positional().empty() ? "give the METHOD to call (package.Service/Method)"
                                      : "unexpected argument '" + args.positional()[1] + "'");
    ConsoleSource source;
    if (auto code = openConsoleSource("call", args, true, source))
        return *code;
    auto found = source.schema->findMethod(args.positional().front());
    if (!found) {
        std::cerr << "outlierctl call: " << found.error().toString() << "\n";
        return kExitBadInput;
    }
    const auto& method = **found;
    const rpc::CallKind kind = rpc::callKind(method);
    const auto& requestType = source.schema->prototype(*method.input_type());

    // The requests known before the call starts; stdin of a client or bidi stream is read as
    // the call runs instead.
    std::vector<Request> requests;
    bool streamStdin = false;
    const auto data = args.value("-d");
    if (!data) {
        if (rpc::clientStreams(kind))
            streamStdin = true;
        else
            requests.push_back({ "{}", "-d", 1 });
    } else if (*data == "@-") {
        if (rpc::clientStreams(kind))
            streamStdin = true;
        else
            requests.push_back({ std::string(std::istreambuf_iterator<char>(std::cin), {}), "<stdin>", 1 });
    } else if (!data->empty() && data->front() == '@') {
        const std::string path = data->substr(1);
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::cerr << "outlierctl call: -d @" << path << ": cannot read the file\n";
            return kExitBadInput;
        }
        const std::string text(std::istreambuf_iterator<char>(file), {});
        if (rpc::clientStreams(kind))
            requests = perLine(text, path);
        else
            requests.push_back({ text, path, 1 });
    } else {
        if (rpc::clientStreams(kind))
            requests = perLine(*data, "-d");
        else
            requests.push_back({ *data, "-d", 1 });
    }
    for (const auto& request : requests) {
        if (auto bytes = rpc::jsonToBytes(requestType, request.text); !bytes) {
            std::cerr << "outlierctl call: " << placed(bytes.error(), request) << "\n";
            return kExitBadInput;
        }
    }

    rpc::CallSettings settings = source.settings;
    if (settings.deadline.count() == 0 && kind == rpc::CallKind::Unary)
        settings.deadline = std::chrono::milliseconds(kUnaryDeadlineMs);
    const bool verbose = args.has("--verbose");
    CallWaiter waiter;
    std::mutex printMutex;
    rpc::CallEnd end;
    bool unreadable = false;
    rpc::JsonCall::Callbacks callbacks;
    callbacks.headers = [&](const rpc::Metadata& headers) {
        if (!verbose)
            return;
        std::lock_guard lock(printMutex);
        for (const auto& [key, value] : headers)
            std::cerr << "< " << key << ": " << value << "\n";
    };
    callbacks.received = [&](Result<std::string>&& json) {
        std::lock_guard lock(printMutex);
        if (!json) {
            unreadable = true;
            std::cerr << "outlierctl call: " << json.error().toString() << "\n";
            return;
        }
        std::fwrite(json->data(), 1, json->size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    };
    callbacks.finished = [&](const rpc::CallEnd& result) {
        {
            std::lock_guard lock(printMutex);
            end = result;
        }
        waiter.finish(result.status);
    };
    auto call = rpc::JsonCall::start(source.channel, source.schema, method, settings, std::move(callbacks));
    for (const auto& request : requests) {
        call->waitForRoom();
        call->send(request.text); // checked above
    }
    if (streamStdin) {
        std::string line;
        for (int number = 1; std::getline(std::cin, line); ++number) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            if (line.find_first_not_of(" \t") == std::string::npos)
                continue;
            call->waitForRoom(); // stdin may come faster than the server takes it
            if (auto error = call->send(line)) {
                call->cancel();
                waiter.wait();
                call->waitForRelease();
                std::cerr << "outlierctl call: " << placed(*error, { line, "<stdin>", number })
                          << " (the call was cancelled)\n";
                return kExitBadInput;
            }
        }
    }
    call->halfClose();
    const rpc::RpcStatus status = waiter.wait();
    call->waitForRelease();
    std::lock_guard lock(printMutex);
    if (verbose) {
        for (const auto& [key, value] : end.trailers)
            std::cerr << "< trailer " << key << ": " << value << "\n";
        std::cerr << "< status " << status.codeName() << (status.message.empty() ? "" : ": " + status.message) << "\n";
    }
    if (!status.ok()) {
        std::cerr << "outlierctl: " << rpc::methodName(method) << " on " << source.remote
                  << " failed: " << rpc::describeFailure(status, source.facts) << "\n";
        return kExitRemoteFailed;
    }
    return unreadable ? kExitRemoteFailed : kExitOk;
}

} // namespace od::cli
